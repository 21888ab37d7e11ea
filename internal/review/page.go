package review

import (
	"bytes"
	_ "embed"
	"fmt"
	"github.com/proofpack/proofpack/internal/units"
	"html/template"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

//go:embed page.html.tmpl
var pageTemplate string

// PageName is the batch's review page in its output folder.
const PageName = "index.html"

// statusOrder lists the statuses in the order the page shows them.
var statusOrder = []string{StatusFailed, StatusBuilt, StatusUnchanged, StatusNotRun}

// Language picks the page's language: lang when set, else the language most
// of the orders are in; on a tie the default packet language, then the
// first by name.
func Language(lang string, orders []*Order) string {
	if lang != "" {
		return lang
	}
	n := map[string]int{}
	for _, o := range orders {
		if o.Language != "" {
			n[o.Language]++
		}
	}
	better := func(l, than string) bool {
		switch {
		case n[l] != n[than]:
			return n[l] > n[than]
		case l == evidence.DefaultLanguage || than == evidence.DefaultLanguage:
			return l == evidence.DefaultLanguage
		}
		return l < than
	}
	best := evidence.DefaultLanguage
	for l := range n {
		if better(l, best) {
			best = l
		}
	}
	return best
}

// WritePage writes the page for orders to path (atomically), worded in
// lang from set's phrase books.
func WritePage(path string, set *templates.Set, lang string, orders []*Order) error {
	var buf bytes.Buffer
	if err := Render(&buf, set, lang, orders); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// Render writes the page to w. Failed orders come first, then orders with
// findings, then the rest, each group by folder.
func Render(w io.Writer, set *templates.Set, lang string, orders []*Order) error {
	book, err := set.Lang(lang)
	if err != nil {
		return err
	}
	words := &templates.Words{Book: book}
	t := func(key string, data ...any) string {
		var d any
		if len(data) > 0 {
			d = data[0]
		}
		return words.T(key, d)
	}
	v := view(set, lang, orders, t)
	for i := range v.Rows {
		// The platform's name in the page's language.
		if p := v.Rows[i].Platform; p != "" {
			v.Rows[i].PlatformName = words.Platform(p)
		}
	}
	tmpl, err := template.New("page").Funcs(template.FuncMap{"t": t}).Parse(pageTemplate)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, v); err != nil {
		return err
	}
	if words.Err != nil {
		return words.Err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// pageView is what the template shows.
type pageView struct {
	Lang     string
	Rows     []rowView
	Statuses []filterView
	Warnings []filterView // "any" first, then one per field
	CSS      template.CSS // the filter rules, made of fixed words and indices only
}

type filterView struct {
	ID    string // input id, also the rows' class
	Label string
	Count int
}

type rowView struct {
	*Order
	Class         string
	StatusLabel   string
	DisputeTitle  string
	PlatformName  string
	Size          string
	SizeLimit     string
	SizePercent   int
	OverSize      bool
	OverPages     bool
	VerdictLabel  string
	VerdictClass  string
	Errors        []findingView
	Warnings      []findingView
	PDFURL        string
	StatementURL  string
	ImagesURL     string
	ThumbURLs     []thumbView
	ChecklistRows []checkView
}

type findingView struct{ Field, Text string }

type thumbView struct {
	Thumb
	URL string
}

type checkView struct {
	Name, Need string
	Present    bool
}

// view prepares the rows in page order and the filters.
func view(set *templates.Set, lang string, orders []*Order, t func(string, ...any) string) pageView {
	v := pageView{Lang: lang}
	sorted := append([]*Order(nil), orders...)
	rank := func(o *Order) int {
		switch {
		case o.Status == StatusFailed:
			return 0
		case o.Status == StatusNotRun:
			return 3
		case len(o.Findings) > 0:
			return 1
		}
		return 2
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		if ri, rj := rank(sorted[i]), rank(sorted[j]); ri != rj {
			return ri < rj
		}
		return sorted[i].Folder < sorted[j].Folder
	})

	statusCount := map[string]int{}
	fieldCount := map[string]int{}
	withWarnings := 0
	for _, o := range sorted {
		statusCount[o.Status]++
		seen := map[string]bool{}
		for _, f := range o.Findings {
			seen[field(f)] = true
		}
		for k := range seen {
			fieldCount[k]++
		}
		if len(o.Findings) > 0 {
			withWarnings++
		}
	}
	for _, s := range statusOrder {
		if statusCount[s] > 0 {
			v.Statuses = append(v.Statuses, filterView{ID: "s-" + s, Label: t("review_status_" + s), Count: statusCount[s]})
		}
	}
	var fields []string
	for k := range fieldCount {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	fieldIdx := map[string]int{}
	v.Warnings = append(v.Warnings, filterView{ID: "w0", Label: t("review_any_warning"), Count: withWarnings})
	for _, f := range fields {
		fieldIdx[f] = len(v.Warnings)
		label := f
		if f == "" {
			label = t("review_other")
		}
		v.Warnings = append(v.Warnings, filterView{ID: fmt.Sprintf("w%d", len(v.Warnings)), Label: label, Count: fieldCount[f]})
	}

	var css strings.Builder
	for _, group := range [][]filterView{v.Statuses, v.Warnings} {
		for _, f := range group {
			fmt.Fprintf(&css, "#%s:checked~main tr.order:not(.%s){display:none}\n", f.ID, f.ID)
			fmt.Fprintf(&css, "#%s:checked~nav label[for=%s]{background:#1f2937;color:#fff}\n", f.ID, f.ID)
		}
	}
	v.CSS = template.CSS(css.String())

	for _, o := range sorted {
		r := rowView{Order: o, StatusLabel: t("review_status_" + o.Status)}
		classes := []string{"order", "s-" + o.Status}
		if len(o.Findings) > 0 {
			classes = append(classes, "w0")
		}
		added := map[int]bool{}
		for _, f := range o.Findings {
			i := fieldIdx[field(f)]
			if !added[i] {
				classes = append(classes, fmt.Sprintf("w%d", i))
				added[i] = true
			}
			if o.Error != "" && strings.Contains(o.Error, f.Message) {
				continue // the build's error says it already
			}
			fv := findingView{Field: strings.Join(f.Fields, ", "), Text: f.Message}
			if f.Position != "" {
				fv.Text = f.Position + ": " + fv.Text
			}
			if f.Hint != "" {
				fv.Text += " (" + f.Hint + ")"
			}
			if f.Severity == packet.SeverityError {
				r.Errors = append(r.Errors, fv)
			} else {
				r.Warnings = append(r.Warnings, fv)
			}
		}
		r.Class = strings.Join(classes, " ")
		if d, err := set.Dispute(o.Dispute, lang); err == nil {
			r.DisputeTitle = d.Title
		}
		if o.Status != StatusFailed && o.Status != StatusNotRun {
			r.Size = units.Size(o.Bytes)
			if o.MaxBytes > 0 {
				r.SizeLimit = units.Size(o.MaxBytes)
				r.SizePercent = int(min(100, o.Bytes*100/o.MaxBytes))
				r.OverSize = o.Bytes > o.MaxBytes
			}
			r.OverPages = o.MaxPages > 0 && o.Pages > o.MaxPages
			if o.WeightVerdict != "" {
				r.VerdictLabel = t("review_verdict_" + o.WeightVerdict)
				r.VerdictClass = verdictClass[o.WeightVerdict]
			}
		}
		r.PDFURL = fileURL(o.PDF)
		r.StatementURL = fileURL(o.Statement)
		if len(o.Images) > 0 {
			dir := o.Images[0]
			if i := strings.LastIndex(dir, "/"); i >= 0 {
				dir = dir[:i+1]
			}
			r.ImagesURL = fileURL(dir)
		}
		for _, th := range o.Thumbs {
			r.ThumbURLs = append(r.ThumbURLs, thumbView{Thumb: th, URL: fileURL(th.File)})
		}
		for _, k := range o.Checklist {
			r.ChecklistRows = append(r.ChecklistRows, checkView{Name: k.Name, Need: t("review_need_" + needKey(k.Need)), Present: len(k.Exhibits) > 0})
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}

// verdictClass colours a weight verdict: good for the seller, bad, or
// neither.
var verdictClass = map[string]string{
	"supports": "good", "consistent": "good", "agree-only": "good",
	"contradicts": "bad", "disagree": "bad",
	"inconclusive": "neutral", "none": "neutral",
}

// needKey maps a checklist need to its phrase key suffix.
func needKey(need packet.Need) string {
	if need == packet.NeedAdditional {
		return "extra"
	}
	return string(need)
}

// field is the manifest field a finding is filed under for the warning
// filter: the top level of its first field ("shipment" for
// "shipment.tracking"), "" for none.
func field(f packet.Finding) string {
	if len(f.Fields) == 0 {
		return ""
	}
	s := f.Fields[0]
	if i := strings.IndexAny(s, ".["); i > 0 {
		s = s[:i]
	}
	return s
}

// fileURL turns a relative slash path into a URL reference that a browser
// resolves to that file, whatever characters its name holds.
func fileURL(p string) string {
	if p == "" {
		return ""
	}
	return (&url.URL{Path: p}).String()
}
