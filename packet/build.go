package packet

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/pdf"
)

// Result describes a built packet.
type Result struct {
	OrderID        string   `json:"order_id"`
	Dir            string   `json:"dir"`
	Dispute        string   `json:"dispute"`
	Language       string   `json:"language"`
	Output         string   `json:"output"`
	StatementFile  string   `json:"statement_file,omitempty"`
	Pages          int      `json:"pages"`
	Bytes          int64    `json:"bytes"`
	Exhibits       int      `json:"exhibits"`
	WeightVerdict  string   `json:"weight_verdict"`
	Missing        []string `json:"missing,omitempty"`
	Warnings       []string `json:"warnings,omitempty"`
	StatementChars int      `json:"statement_chars"`
}

// Render assembles a loaded order and writes its PDF to w (the stream form).
func Render(ctx context.Context, w io.Writer, c *evidence.Case, opt Options) (*Result, *Packet, error) {
	pk, err := Assemble(ctx, c, opt)
	if err != nil {
		return nil, nil, err
	}
	cw := &countingWriter{w: w}
	pages, err := pdf.Render(ctx, cw, pk.Doc)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Dir, err)
	}
	m := c.Manifest
	res := &Result{
		OrderID: m.OrderID, Dir: c.Dir, Dispute: m.Dispute, Language: firstNonEmpty(opt.Lang, m.Language, "zh"),
		Pages: pages, Bytes: cw.n, Exhibits: len(c.Exhibits), WeightVerdict: pk.Weights.Verdict,
		StatementChars: utf8.RuneCountInString(pk.Statement),
	}
	for _, k := range pk.Missing {
		res.Missing = append(res.Missing, string(k))
	}
	for _, w := range pk.Warnings {
		res.Warnings = append(res.Warnings, c.Dir+": "+w)
	}
	for _, u := range c.Unclassified {
		res.Warnings = append(res.Warnings, c.Dir+": "+u)
	}
	if pk.StatementLimit > 0 && res.StatementChars > pk.StatementLimit {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the statement is %d characters; the %s template's limit is %d, so a portal text box may cut it",
			c.Dir, res.StatementChars, m.Dispute, pk.StatementLimit))
	}
	return res, pk, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// FileOptions add the file form's choices to Options.
type FileOptions struct {
	Options
	// Statement, when true, also writes the statement as text next to the
	// PDF (same name, .txt), for the portal's text box.
	Statement bool
	Load      evidence.Options
}

// BuildFile builds the order folder dir into the PDF file out ("" means
// ORDER_ID.pdf in the current folder). Both files are written through a
// temporary file and renamed, so a failure leaves nothing behind; out may
// not be one of the order's own files.
func BuildFile(ctx context.Context, dir, out string, opt FileOptions) (*Result, error) {
	lo := opt.Load
	if rel, inside := within(dir, out); inside {
		lo.Skip = append(lo.Skip, rel, strings.TrimSuffix(rel, filepath.Ext(rel))+".txt")
	}
	c, err := evidence.Load(ctx, dir, lo)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if out == "" {
		out = FileName(c.Manifest.OrderID) + ".pdf"
	}
	if err := refuseInput(c, dir, out); err != nil {
		return nil, err
	}
	var res *Result
	var pk *Packet
	err = atomicfile.Write(out, func(w io.Writer) error {
		var err error
		res, pk, err = Render(ctx, w, c, opt.Options)
		return err
	})
	if err != nil {
		return nil, err
	}
	res.Output = out
	if opt.Statement {
		txt := strings.TrimSuffix(out, filepath.Ext(out)) + ".txt"
		err := atomicfile.Write(txt, func(w io.Writer) error {
			_, err := io.WriteString(w, pk.Statement+"\n")
			return err
		})
		if err != nil {
			os.Remove(out) // nothing half-done: the pair is written or neither
			return nil, err
		}
		res.StatementFile = txt
	}
	return res, nil
}

// within reports whether path p lies inside folder dir, and its slash path
// relative to dir.
func within(dir, p string) (string, bool) {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	if rd, err := filepath.EvalSymlinks(ad); err == nil {
		ad = rd
	}
	if rp, err := filepath.EvalSymlinks(filepath.Dir(ap)); err == nil {
		ap = filepath.Join(rp, filepath.Base(ap))
	}
	rel, err := filepath.Rel(ad, ap)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// refuseInput stops an output path from overwriting the order's manifest
// or evidence.
func refuseInput(c *evidence.Case, dir, out string) error {
	rel, inside := within(dir, out)
	if !inside {
		return nil
	}
	inputs := append([]string{}, evidence.ManifestNames...)
	for _, e := range c.Exhibits {
		inputs = append(inputs, e.File)
	}
	for _, in := range inputs {
		if rel == in {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(in))); err == nil {
				return fmt.Errorf("%s: the output would overwrite the order's own file %s; choose another -o", out, in)
			}
		}
	}
	return nil
}

// FileName makes an order id safe to use as a file name on any system.
func FileName(orderID string) string {
	var b strings.Builder
	for _, r := range orderID {
		switch {
		case r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	if name == "" {
		name = "packet"
	}
	return name
}
