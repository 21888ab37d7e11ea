package pdfcheck

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// samplePDF builds a one-page PDF with core-font text and a JPEG of w×h pixels.
func samplePDF(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 5), uint8(y * 7), 120, 255})
		}
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, img, nil); err != nil {
		t.Fatal(err)
	}

	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	pdf.SetTitle("pdfcheck sample", true)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Text(20, 20, "hello proofpack")
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	pdf.RegisterImageOptionsReader("sample", opt, &jpg)
	pdf.ImageOptions("sample", 20, 30, 40, 0, false, opt, 0, "")
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestCheckSample(t *testing.T) {
	r := CheckBytes(t, samplePDF(t, 48, 32))
	if r.Pages != 1 {
		t.Errorf("Pages = %d, want 1", r.Pages)
	}
	if !strings.Contains(r.Text, "hello proofpack") {
		t.Errorf("Text = %q, want it to contain %q", r.Text, "hello proofpack")
	}
	if len(r.PageText) != 1 || !strings.Contains(r.PageText[0], "hello proofpack") {
		t.Errorf("PageText = %q, want one page containing the text", r.PageText)
	}
	if got := r.Info["Title"]; got != "pdfcheck sample" {
		t.Errorf("Info[Title] = %q", got)
	}
	if got := r.Info["CreationDate"]; !strings.HasPrefix(got, "2024-01-02T03:04:05") {
		t.Errorf("Info[CreationDate] = %q, want 2024-01-02T03:04:05...", got)
	}
	if len(r.Images) != 1 {
		t.Fatalf("Images = %+v, want one", r.Images)
	}
	im := r.Images[0]
	if im.Page != 1 || im.Type != "image" || im.Width != 48 || im.Height != 32 ||
		im.Color != "rgb" || im.BPC != 8 || im.Enc != "jpeg" {
		t.Errorf("Images[0] = %+v, want page 1, 48x32 rgb 8-bit jpeg", im)
	}
	// 48 px over 40 mm is about 30 ppi.
	if im.XPPI < 29 || im.XPPI > 31 || im.YPPI < 29 || im.YPPI > 31 {
		t.Errorf("Images[0] ppi = %dx%d, want about 30", im.XPPI, im.YPPI)
	}
}

// fakeTB records what Check reports instead of failing the real test.
type fakeTB struct {
	testing.TB
	errors, fatals, skips []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skips = append(f.skips, fmt.Sprintf(format, args...))
}

func (f *fakeTB) mentions(s string) bool {
	for _, e := range f.errors {
		if strings.Contains(e, s) {
			return true
		}
	}
	return false
}

func TestCheckCorrupt(t *testing.T) {
	good := samplePDF(t, 16, 16)
	if !checkTools(t) {
		return
	}

	// Shift every in-use offset in the xref table by 3 bytes so that no entry
	// points at its object any more.
	i := bytes.LastIndex(good, []byte("\nxref\n"))
	if i < 0 {
		t.Fatal("no xref table in sample")
	}
	entry := regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) n`)
	garbled := append(bytes.Clone(good[:i]), entry.ReplaceAllFunc(good[i:], func(m []byte) []byte {
		off, _ := strconv.Atoi(string(m[:10]))
		return fmt.Appendf(nil, "%010d%s", off+3, m[10:])
	})...)
	if bytes.Equal(garbled, good) {
		t.Fatal("garbling the xref table changed nothing")
	}

	streamStart := bytes.Index(good, []byte("stream\n")) + len("stream\n")
	badStream := bytes.Clone(good)
	for j := streamStart; j < streamStart+20; j++ {
		badStream[j] ^= 0x55
	}

	cases := map[string][]byte{
		"truncated":  good[:len(good)/2],
		"garbled":    garbled,
		"bad-stream": badStream,
		"empty":      nil,
		"not-a-pdf":  []byte("hello proofpack\n"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			f := &fakeTB{TB: t}
			CheckBytes(f, data)
			if len(f.fatals) > 0 || len(f.skips) > 0 {
				t.Fatalf("fatals %q skips %q", f.fatals, f.skips)
			}
			if len(f.errors) == 0 {
				t.Fatal("Check passed a corrupt PDF")
			}
			for _, e := range f.errors {
				t.Logf("reported: %s", e)
			}
			if !f.mentions("qpdf") && !f.mentions("pdfcpu") {
				t.Errorf("neither qpdf nor pdfcpu reported the corrupt file")
			}
		})
	}
}

func TestCheckGoodFakeTB(t *testing.T) {
	f := &fakeTB{TB: t}
	CheckBytes(f, samplePDF(t, 8, 8))
	if len(f.fatals) > 0 {
		t.Fatalf("fatals: %q", f.fatals)
	}
	if len(f.skips) > 0 {
		t.Skipf("%s", f.skips[0])
	}
	if len(f.errors) > 0 {
		t.Errorf("good PDF reported: %q", f.errors)
	}
}

func TestMissingTools(t *testing.T) {
	t.Setenv("PATH", t.TempDir())

	t.Setenv("CI", "")
	f := &fakeTB{TB: t}
	r := CheckBytes(f, samplePDF(t, 8, 8))
	if len(f.skips) != 1 || len(f.fatals) != 0 || len(f.errors) != 0 || r.Pages != 0 {
		t.Fatalf("without CI: skips %q fatals %q errors %q", f.skips, f.fatals, f.errors)
	}
	for _, pkg := range []string{"qpdf", "poppler-utils", "mupdf-tools"} {
		if !strings.Contains(f.skips[0], pkg) {
			t.Errorf("skip message %q does not name %s", f.skips[0], pkg)
		}
	}

	t.Setenv("CI", "true")
	f = &fakeTB{TB: t}
	CheckBytes(f, samplePDF(t, 8, 8))
	if len(f.fatals) != 1 || len(f.skips) != 0 || len(f.errors) != 0 {
		t.Fatalf("with CI: skips %q fatals %q errors %q", f.skips, f.fatals, f.errors)
	}
}

func TestParseImageList(t *testing.T) {
	out := `page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image      40    30  rgb     3   8  jpeg   no         8  0    25    25  745B  21%
   2     1 smask    1200   800  gray    1   8  image  no        12  0   300   301 12.5K 1.3%
`
	imgs, err := parseImageList(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{
		{Page: 1, Type: "image", Width: 40, Height: 30, Color: "rgb", BPC: 8, Enc: "jpeg", XPPI: 25, YPPI: 25, Size: "745B"},
		{Page: 2, Type: "smask", Width: 1200, Height: 800, Color: "gray", BPC: 8, Enc: "image", XPPI: 300, YPPI: 301, Size: "12.5K"},
	}
	if fmt.Sprint(imgs) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", imgs, want)
	}
	if _, err := parseImageList("   1 0 image x\n"); err == nil {
		t.Error("short line parsed without error")
	}
}

func TestParseInfo(t *testing.T) {
	info := parseInfo("Title:           a: b\nPage size:       595.28 x 841.89 pts (A4)\nPages:           3\n")
	if info["Title"] != "a: b" || info["Page size"] != "595.28 x 841.89 pts (A4)" || info["Pages"] != "3" {
		t.Errorf("parseInfo = %q", info)
	}
}

// TestCheckFpdfFeatures locks in that the fpdf features whose output fails
// pdfcpu's strict validation for benign reasons (see benignStrictErrors) pass
// Check: external and internal links, bookmarks, embedded files, plus a PNG
// with alpha (an image and an smask row), transparency and a second page.
func TestCheckFpdfFeatures(t *testing.T) {
	rgba := image.NewNRGBA(image.Rect(0, 0, 20, 10))
	for y := 0; y < 10; y++ {
		for x := 0; x < 20; x++ {
			rgba.Set(x, y, color.NRGBA{uint8(x * 10), 0, 0, uint8(y * 20)})
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, rgba); err != nil {
		t.Fatal(err)
	}

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 10, fmt.Sprintf("page %d of {nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.Bookmark("First", 0, -1)
	pdf.SetFont("Helvetica", "", 12)
	pdf.CellFormat(60, 10, "external link", "1", 1, "L", false, 0, "https://example.com/")
	second := pdf.AddLink()
	pdf.CellFormat(60, 10, "internal link", "", 1, "L", false, second, "")
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	pdf.RegisterImageOptionsReader("alpha", opt, &pngData)
	pdf.ImageOptions("alpha", 20, 60, 40, 0, false, opt, 0, "")
	pdf.SetAlpha(0.5, "Normal")
	pdf.Rect(10, 100, 50, 20, "F")
	pdf.SetAlpha(1, "Normal")
	pdf.AddPage()
	pdf.SetLink(second, 0, -1)
	pdf.Bookmark("Second", 1, -1)
	pdf.Cell(0, 10, "second page")
	pdf.SetAttachments([]fpdf.Attachment{{Content: []byte("data\n"), Filename: "data.txt", Description: "data"}})
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}

	r := CheckBytes(t, out.Bytes())
	if r.Pages != 2 || len(r.PageText) != 2 {
		t.Fatalf("Pages = %d, PageText has %d", r.Pages, len(r.PageText))
	}
	if !strings.Contains(r.PageText[1], "second page") || !strings.Contains(r.PageText[1], "page 2 of 2") {
		t.Errorf("PageText[1] = %q", r.PageText[1])
	}
	if len(r.Images) != 2 || r.Images[0].Type != "image" || r.Images[1].Type != "smask" ||
		r.Images[0].Width != 20 || r.Images[0].Height != 10 {
		t.Errorf("Images = %+v, want a 20x10 image and its smask", r.Images)
	}
}

func TestBenignStrict(t *testing.T) {
	if !benignStrict(errors.New("validation error (obj#:3): document catalog: page annotations: page annotations: page 1: page annotation array: expected indirect references")) {
		t.Error("direct annotations not benign")
	}
	if benignStrict(errors.New("validation error (obj#:4): dict=fontDict required entry=BaseFont missing")) {
		t.Error("missing BaseFont taken as benign")
	}
}
