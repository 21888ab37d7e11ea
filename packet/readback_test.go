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

// TestPacketTextReadsBack reads the text of every sample packet, and of a
// Chinese order with long sentences and Chinese folder and file names
// built with the generic profile, back with pdftotext: every paragraph of
// the statement, and every evidence file name as the integrity appendix
// lists it, must be in it whole. A line break that
// drops or changes a character fails here, and so does text drawn over
// other text (a long key running into its value) or a bookmark title in
// more than one line.
func TestPacketTextReadsBack(t *testing.T) {
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := renderSample(t, name)
			checkReadsBack(t, r.pdf, r.pk.Statement, r.files)
		})
	}
	t.Run("readback-zh", func(t *testing.T) {
		t.Parallel()
		prof, err := builtin(t).Profile("generic")
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join("testdata", "readback-zh")
		out := filepath.Join(t.TempDir(), "packet.pdf")
		res, err := BuildFile(context.Background(), dir, out,
			FileOptions{Options: Options{Templates: builtin(t), Profile: prof}, Statement: true})
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.ReadFile(res.StatementFile)
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, e := range loadSample(t, dir).Exhibits {
			files = append(files, e.File)
		}
		checkReadsBack(t, out, string(st), files)
	})
}

// checkReadsBack checks the text of the PDF file out holds every paragraph
// of the statement and every evidence file name, has no two words drawn
// over each other, and no bookmark title with a line break.
func checkReadsBack(t *testing.T, out, statement string, files []string) {
	t.Helper()
	text := noSpace(pdfcheck.RawText(t, out))
	if text == "" {
		return
	}
	for _, para := range strings.Split(statement, "\n\n") {
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
	for _, f := range files {
		if !strings.Contains(text, noSpace(f)) {
			t.Errorf("the PDF's text lacks the evidence file name %s", f)
		}
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
