package orderimport

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/packet"
)

// Options configure Import.
type Options struct {
	Input    string            // the export, .csv or .xlsx
	Sheet    string            // Excel sheet; "" for the first
	Evidence string            // folder of photos filed by order id or tracking number; "" for none
	OutRoot  string            // where the order folders are written; created if missing
	Map      map[string]string // extra header -> field entries (a --map file)
	Platform string            // "" reads a platform column, else "other"
	Dispute  string            // dispute template name for every order
	Lang     string            // "" means zh for Chinese headers or platforms, else en
	Shop     string            // used when the export has no shop column or the cell is empty
	Currency string            // "" reads a currency column, else CNY for Chinese exports
	TZ       *time.Location    // zone of dates written without one; nil: Asia/Shanghai for Chinese exports, else UTC
}

// Status of an order in the report.
const (
	Imported = "imported" // folder and manifest written
	Exists   = "exists"   // the folder already had a manifest; left alone
	Failed   = "failed"   // a row could not be imported; nothing written
)

// OrderReport is what happened to one order.
type OrderReport struct {
	OrderID string
	Dir     string // the order folder
	Rows    []int
	Status  string
	Photos  int      // files copied
	Reason  string   // why it failed or was left alone
	Notes   []string // photos not copied, and similar
}

// RowError is a row that could not be imported.
type RowError struct {
	Row     int
	OrderID string
	Reason  string
}

func (e RowError) Error() string {
	if e.OrderID != "" {
		return fmt.Sprintf("row %d: %s: %s", e.Row, e.OrderID, e.Reason)
	}
	return fmt.Sprintf("row %d: %s", e.Row, e.Reason)
}

// Report is the outcome of an import.
type Report struct {
	Rows      int // data rows read
	Orders    []*OrderReport
	RowErrors []RowError
	Ignored   []string // columns that mapped to no field
	Unmatched []string // photos (slash paths under the evidence folder) that matched no order
	Zone      string   // the zone dates without one were read in
	Export    *Export  // the platform export the headers were recognised as; nil if none
	Encoding  string   // the text encoding a CSV was read in; "" for Excel
}

// Count returns the number of orders with the status.
func (r *Report) Count(status string) int {
	n := 0
	for _, o := range r.Orders {
		if o.Status == status {
			n++
		}
	}
	return n
}

// Import reads the export and writes the order folders. The error is for
// what stops everything (the export unreadable, no order id column; the
// report then holds no orders, and the encoding and export when they were
// found); rows that cannot be imported are in the report.
func Import(ctx context.Context, opt Options) (*Report, error) {
	t, err := ReadTable(opt.Input, opt.Sheet)
	if err != nil {
		return nil, err
	}
	rep := &Report{Encoding: t.Encoding}
	mp, err := MapHeader(t.Header, opt.Map)
	if err == nil {
		rep.Export = mp.Export
		err = mp.require(fItemName, "product name", "货品: name")
	}
	if err == nil {
		err = mp.require(fItemQuantity, "quantity", "件数: quantity")
	}
	if err != nil {
		return rep, fmt.Errorf("%s: %w", opt.Input, err)
	}
	rep.Rows, rep.Ignored = len(t.Rows), mp.Ignored
	platform := opt.Platform
	if platform == "" && mp.Export != nil {
		platform = mp.Export.Platform
	}
	// The platform's zone, language and currency, unless the options
	// say; an export in Chinese from a platform it does not name is taken
	// to be from the default platform, a Chinese one.
	home, _ := evidence.LookupPlatform(cmp.Or(platform, "other"))
	if home.Zone == "" && hasHan(strings.Join(t.Header, "")) {
		home, _ = evidence.LookupPlatform(evidence.DefaultPlatform)
	}
	loc := opt.TZ
	if loc == nil {
		if loc, err = time.LoadLocation(home.Zone); err != nil { // "" is UTC
			return rep, err
		}
	}
	rep.Zone = loc.String()
	lang := cmp.Or(opt.Lang, home.Language)
	currency := cmp.Or(opt.Currency, home.Currency)
	dispute := opt.Dispute
	if dispute == "" {
		dispute = "missing-item"
	}

	// Group the rows by order id, in order of first appearance.
	type group struct {
		id   string
		rows []Row
	}
	var groups []*group
	byID := map[string]*group{}
	for _, r := range t.Rows {
		if !utf8.ValidString(strings.Join(r.Cells, "")) {
			rep.RowErrors = append(rep.RowErrors, RowError{Row: r.Num, Reason: "not valid UTF-8; save the export as UTF-8"})
			continue
		}
		id := r.Cell(mp.Column[fOrderID])
		if id == "" {
			rep.RowErrors = append(rep.RowErrors, RowError{Row: r.Num, Reason: fmt.Sprintf("no order id (column %q is empty)", t.Header[mp.Column[fOrderID]])})
			continue
		}
		if roundedNumber(id) {
			rep.RowErrors = append(rep.RowErrors, RowError{Row: r.Num, Reason: t.Header[mp.Column[fOrderID]] + ": " + roundedMsg(id)})
			continue
		}
		g := byID[id]
		if g == nil {
			g = &group{id: id}
			byID[id] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, r)
	}

	b := builder{t: t, mp: mp, loc: loc, platform: platform, shop: opt.Shop, currency: currency, lang: lang, dispute: dispute}
	folders := map[string]string{} // lower-case folder name -> order id
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		or := &OrderReport{OrderID: g.id}
		for _, r := range g.rows {
			or.Rows = append(or.Rows, r.Num)
		}
		rep.Orders = append(rep.Orders, or)
		name := packet.FileName(g.id)
		or.Dir = filepath.Join(opt.OutRoot, name)
		if prev, dup := folders[strings.ToLower(name)]; dup {
			or.Status, or.Reason = Failed, fmt.Sprintf("order id gives the same folder name %s as order %s", name, prev)
			rep.RowErrors = append(rep.RowErrors, rowErrors(g.rows, g.id, or.Reason)...)
			continue
		}
		folders[strings.ToLower(name)] = g.id
		m, rowErrs := b.manifest(g.id, g.rows)
		if len(rowErrs) > 0 {
			or.Status, or.Reason = Failed, fmt.Sprintf("%d of its %d rows could not be imported", len(rowErrs), len(g.rows))
			rep.RowErrors = append(rep.RowErrors, rowErrs...)
			bad := map[int]bool{}
			for _, e := range rowErrs {
				bad[e.Row] = true
			}
			for _, r := range g.rows {
				if !bad[r.Num] {
					rep.RowErrors = append(rep.RowErrors, RowError{Row: r.Num, OrderID: g.id, Reason: "not imported, because another row of the same order failed"})
				}
			}
			continue
		}
		if name, ok := evidence.FindManifest(or.Dir); ok {
			or.Status, or.Reason = Exists, filepath.Join(or.Dir, name)+" already exists; not overwritten (delete it to import this order again)"
			continue
		}
		data, err := marshalManifest(m, opt.Input, or.Rows)
		if err == nil {
			_, err = evidence.ParseManifest(filepath.ToSlash(filepath.Join(or.Dir, "order.yaml")), data)
		}
		if err != nil {
			or.Status, or.Reason = Failed, "the manifest written from these rows is not valid: "+err.Error()
			rep.RowErrors = append(rep.RowErrors, rowErrors(g.rows, g.id, or.Reason)...)
			continue
		}
		if err := os.MkdirAll(or.Dir, 0o755); err != nil {
			return rep, fmt.Errorf("cannot create %s: %w", or.Dir, err)
		}
		if err := atomicfile.Write(filepath.Join(or.Dir, "order.yaml"), func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return rep, err
		}
		or.Status = Imported
	}
	sort.SliceStable(rep.RowErrors, func(i, j int) bool { return rep.RowErrors[i].Row < rep.RowErrors[j].Row })

	if opt.Evidence != "" {
		// Photos are filed by order id (or its folder-safe form) or by
		// tracking number; a key two orders share files nothing.
		keys := map[string]*OrderReport{}
		shared := map[string]bool{}
		add := func(k string, or *OrderReport) {
			if k == "" || shared[k] {
				return
			}
			if prev, ok := keys[k]; ok && prev != or {
				delete(keys, k)
				shared[k] = true
				return
			}
			keys[k] = or
		}
		for i, g := range groups {
			or := rep.Orders[i]
			add(g.id, or)
			add(filepath.Base(or.Dir), or)
			for _, r := range g.rows {
				add(b.cell(r, fTracking), or)
			}
		}
		unmatched, err := copyPhotos(ctx, opt.Evidence, keys)
		rep.Unmatched = unmatched
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func rowErrors(rows []Row, id, reason string) []RowError {
	var out []RowError
	for _, r := range rows {
		out = append(out, RowError{Row: r.Num, OrderID: id, Reason: reason})
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// marshalManifest writes the manifest as YAML with a comment saying where
// it came from.
func marshalManifest(m *evidence.Manifest, input string, rows []int) ([]byte, error) {
	body, err := yaml.MarshalWithOptions(m, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	nums := make([]string, len(rows))
	for i, r := range rows {
		nums[i] = fmt.Sprint(r)
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Imported by proofpack import from %s, row %s.\n", filepath.Base(input), strings.Join(nums, ", "))
	buf.WriteString("# Check the facts, add the after-sale details, then: proofpack build .\n")
	buf.Write(body)
	return buf.Bytes(), nil
}
