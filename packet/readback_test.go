package packet

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/proofpack/proofpack/internal/pdfcheck"
	"github.com/proofpack/proofpack/pdf"
)

// readbackOrders are the order folders whose packets are read back: every
// committed sample and a Chinese order with long sentences and Chinese
// folder and file names.
func readbackOrders(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "samples", "orders")
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(root, e.Name()))
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("no sample orders under %s", root)
	}
	return append(dirs, filepath.Join("testdata", "readback-zh"))
}

// noSpace removes all whitespace: line breaks and the spaces pdftotext
// puts between words are not what is tested here.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestPacketTextReadsBack builds each order with the generic profile and
// reads the PDF's text back with pdftotext: every paragraph of the
// statement written for the portal, and every evidence file name as the
// integrity appendix lists it, must be in it whole. A line break that
// drops or changes a character fails here, and so does text drawn over
// other text (a long key running into its value) or a bookmark title in
// more than one line.
func TestPacketTextReadsBack(t *testing.T) {
	prof, err := builtin(t).Profile("generic")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range readbackOrders(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "packet.pdf")
			res, err := BuildFile(context.Background(), dir, out,
				FileOptions{Options: Options{Templates: builtin(t), Profile: prof}, Statement: true})
			if err != nil {
				t.Fatal(err)
			}
			text := noSpace(pdfcheck.RawText(t, out))
			if text == "" {
				return
			}
			st, err := os.ReadFile(res.StatementFile)
			if err != nil {
				t.Fatal(err)
			}
			for _, para := range strings.Split(string(st), "\n\n") {
				if p := noSpace(pdf.Sanitize(para)); p != "" && !strings.Contains(text, p) {
					t.Errorf("the PDF's text lacks the statement paragraph\n%s", para)
				}
			}
			for _, o := range overlapping(pdfcheck.Words(t, out)) {
				t.Errorf("page %d: %q and %q are drawn over each other", o[0].Page, o[0].Text, o[1].Text)
			}
			for _, title := range pdfcheck.Outline(t, out) {
				if strings.ContainsAny(title, "\r\n") {
					t.Errorf("bookmark %q has a line break", title)
				}
			}
			c := loadSample(t, dir)
			for _, e := range c.Exhibits {
				if !strings.Contains(text, noSpace(e.File)) {
					t.Errorf("the PDF's text lacks the evidence file name %s", e.File)
				}
			}
		})
	}
}

// overlapping returns the pairs of words whose boxes on the same page
// cross by more than a point each way (glyph boxes of neighbouring words
// and lines touch, they do not cross).
func overlapping(words []pdfcheck.Word) [][2]pdfcheck.Word {
	const slack = 1.0
	var out [][2]pdfcheck.Word
	for i, a := range words {
		for _, b := range words[i+1:] {
			if b.Page != a.Page {
				break
			}
			if min(a.X1, b.X1)-max(a.X0, b.X0) > slack && min(a.Y1, b.Y1)-max(a.Y0, b.Y0) > slack {
				out = append(out, [2]pdfcheck.Word{a, b})
			}
		}
	}
	return out
}
