package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/pdfcheck"
)

func testImage(t *testing.T, w, h int, c color.Color, format string) Image {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return Image{Format: format, Width: w, Height: h, DPI: 200, Data: b.Bytes()}
}

func testDoc(t *testing.T) *Document {
	figs := []Figure{}
	// Six different images, each of a width of its own (see registerImage).
	colors := []color.Color{color.RGBA{200, 0, 0, 255}, color.RGBA{0, 200, 0, 255}, color.RGBA{0, 0, 200, 255}}
	for i, c := range colors {
		figs = append(figs, Figure{Label: "Exhibit A" + string(rune('1'+i)), Caption: "jpeg", Image: testImage(t, 300+i, 200, c, "jpeg")})
		figs = append(figs, Figure{Label: "Exhibit B" + string(rune('1'+i)), Caption: "png", Image: testImage(t, 310+i, 400, c, "png")})
	}
	doc := &Document{
		Meta:   Meta{Title: "测试 Test 👍", Author: "店铺\u202e", Language: "zh-CN", Created: time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)},
		Header: "Order X", Footer: "Page {page} of {pages}",
		Sections: []Section{
			{ID: "cover", Title: "Cover", Cover: true, Blocks: []Block{{Paragraph: &Paragraph{Text: "证据包 😀 emoji and \x00 control", Large: true}}}},
			{ID: "facts", Title: "Facts", Blocks: []Block{
				{KeyValues: &KeyValues{Rows: [][2]string{{"Order", "X-1"}, {"Long", string(bytes.Repeat([]byte("很长的文字"), 80))}}}},
				{Table: &Table{Columns: []string{"a", "b"}, Rows: [][]string{{"1", "2"}}, Marks: []string{"warn"}}},
				{Notice: &Notice{Tone: "ok", Text: "fine"}},
			}},
		},
	}
	for i := 0; i < len(figs); i += 2 {
		doc.Sections = append(doc.Sections, Section{ID: "ex", Title: figs[i].Label, Level: 1, Untitled: true,
			Blocks: []Block{{Figures: &Figures{Items: figs[i : i+2]}}}})
	}
	return doc
}

func TestRenderDeterministic(t *testing.T) {
	var first []byte
	for i := range 5 {
		var b bytes.Buffer
		if _, err := Render(context.Background(), &b, testDoc(t)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
			continue
		}
		if !bytes.Equal(first, b.Bytes()) {
			t.Fatalf("render %d differs from the first", i)
		}
	}
	rep := pdfcheck.CheckBytes(t, first)
	widths := map[int]bool{}
	for _, im := range rep.Images {
		if widths[im.Width] {
			t.Errorf("two embedded images share width %d", im.Width)
		}
		widths[im.Width] = true
	}
	if len(rep.Images) != 6 {
		t.Errorf("%d images embedded, want 6", len(rep.Images))
	}
}

// TestRenderRefusesEqualWidthImages: fpdf would write two different
// images of one width in a random order, so such a document is an error;
// the same image twice is embedded once and is fine.
func TestRenderRefusesEqualWidthImages(t *testing.T) {
	red, blue := testImage(t, 300, 200, color.RGBA{200, 0, 0, 255}, "jpeg"), testImage(t, 300, 100, color.RGBA{0, 0, 200, 255}, "png")
	doc := func(a, b Image) *Document {
		return &Document{Sections: []Section{{ID: "x", Blocks: []Block{{Figures: &Figures{Items: []Figure{
			{Label: "A1", Image: a}, {Label: "A2", Image: b},
		}}}}}}}
	}
	if _, err := Render(context.Background(), &bytes.Buffer{}, doc(red, blue)); err == nil || !strings.Contains(err.Error(), "300 pixels wide") {
		t.Errorf("two images 300 pixels wide: err = %v", err)
	}
	if _, err := Render(context.Background(), &bytes.Buffer{}, doc(red, red)); err != nil {
		t.Errorf("the same image twice: %v", err)
	}
}

func TestRenderRejectsAbsurdImage(t *testing.T) {
	doc := &Document{Sections: []Section{{ID: "x", Blocks: []Block{{Figures: &Figures{Items: []Figure{
		{Label: "A1", Image: Image{Format: "png", Width: 50000, Height: 50000, Data: []byte("x")}},
	}}}}}}}
	if _, err := Render(context.Background(), &bytes.Buffer{}, doc); err == nil {
		t.Fatal("want an error for a 50000x50000 image")
	}
}

func TestRenderUnknownPaper(t *testing.T) {
	if _, err := Render(context.Background(), &bytes.Buffer{}, &Document{Paper: "a3"}); err == nil {
		t.Fatal("want an error for paper a3")
	}
}

func TestFigureBox(t *testing.T) {
	w1, h1 := FigureBox("a4", 1)
	w2, _ := FigureBox("a4", 2)
	lw, lh := FigureBox("letter", 1)
	if w1 != 174 || w2 >= w1/2 || lw <= w1 || lh >= h1 {
		t.Errorf("FigureBox: a4 %gx%g, a4/2 %g, letter %gx%g", w1, h1, w2, lw, lh)
	}
}

// TestKeyValuesKeysStayInTheirColumn reads the word boxes back from the
// PDF: a key longer than its column wraps instead of running into (or
// against) its value.
func TestKeyValuesKeysStayInTheirColumn(t *testing.T) {
	doc := &Document{Meta: Meta{Title: "kv", Created: time.Unix(0, 0).UTC()}, Sections: []Section{{ID: "facts", Title: "Facts", Blocks: []Block{
		{KeyValues: &KeyValues{Rows: [][2]string{
			{"Replacement tracking number", "YT2631011002213"},
			{"Item in the buyer's photo", "a white ceramic mug with a gold rim"},
			{"买家照片中的商品（与本店商品不同）", "白色陶瓷马克杯"},
			{"Order", "X-1"},
		}}},
	}}}}
	var b bytes.Buffer
	if _, err := Render(context.Background(), &b, doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kv.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	valueX := (marginX + 42) / ptToMM
	words := pdfcheck.Words(t, path)
	for _, w := range words {
		if w.X0 < valueX && w.X1 > valueX-1 {
			t.Errorf("%q runs from %.1f to %.1f pt, across the value column at %.1f pt", w.Text, w.X0, w.X1, valueX)
		}
	}
	var keys, values strings.Builder
	for _, w := range words {
		if w.X0 < valueX {
			keys.WriteString(w.Text)
		} else {
			values.WriteString(w.Text)
		}
	}
	for _, row := range doc.Sections[0].Blocks[0].KeyValues.Rows {
		if k := strings.ReplaceAll(row[0], " ", ""); !strings.Contains(keys.String(), k) {
			t.Errorf("the key column lacks %q: %q", k, keys.String())
		}
		if v := strings.ReplaceAll(row[1], " ", ""); !strings.Contains(values.String(), v) {
			t.Errorf("the value column lacks %q: %q", v, values.String())
		}
	}
}

// TestTableAcrossPages: a table that runs onto more pages repeats its
// header row on each, and a column blank in every row is left out.
func TestTableAcrossPages(t *testing.T) {
	tb := &Table{Columns: []string{"Item", "Unit weight", "Event"}, Widths: []float64{1, 1, 3}}
	for i := range 90 {
		tb.Rows = append(tb.Rows, []string{fmt.Sprint("row-", i), " ", "parcel scanned"})
	}
	doc := &Document{Meta: Meta{Title: "table", Created: time.Unix(0, 0).UTC()},
		Sections: []Section{{ID: "t", Title: "Timeline", Blocks: []Block{{Table: tb}}}}}
	var b bytes.Buffer
	pages, err := Render(context.Background(), &b, doc)
	if err != nil {
		t.Fatal(err)
	}
	if pages < 2 {
		t.Fatalf("the table takes %d page, want it to run onto a second", pages)
	}
	rep := pdfcheck.CheckBytes(t, b.Bytes())
	for i, page := range rep.PageText {
		if !strings.Contains(page, "Item") || !strings.Contains(page, "Event") {
			t.Errorf("page %d lacks the header row:\n%s", i+1, page)
		}
		if strings.Contains(page, "Unit weight") {
			t.Errorf("page %d shows the blank column \"Unit weight\"", i+1)
		}
	}
	if !strings.Contains(rep.Text, "row-89") {
		t.Error("the last row is missing")
	}
	if tb.Columns[1] != "Unit weight" {
		t.Error("rendering changed the document's table")
	}
}

// TestLongTitleInHeader: a title too long for the running header wraps
// instead of running over the order number beside it.
func TestLongTitleInHeader(t *testing.T) {
	title := "订单 DY-20261108-0217 错发商品处理记录：买家反映收到的颜色与所拍颜色不一致，本店已核实并安排换货 DY-20261108-0217"
	doc := &Document{Meta: Meta{Title: title, Created: time.Unix(0, 0).UTC()}, Header: "订单 DY-20261108-0217",
		Sections: []Section{{ID: "s", Title: "申诉说明", Blocks: []Block{{Paragraph: &Paragraph{Text: "正文"}}}}}}
	var b bytes.Buffer
	if _, err := Render(context.Background(), &b, doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "h.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	words := pdfcheck.Words(t, path)
	for i, a := range words {
		for _, c := range words[i+1:] {
			if min(a.X1, c.X1)-max(a.X0, c.X0) > 1 && min(a.Y1, c.Y1)-max(a.Y0, c.Y0) > 1 {
				t.Errorf("%q and %q are drawn over each other", a.Text, c.Text)
			}
		}
	}
	var text strings.Builder
	for _, w := range words {
		text.WriteString(w.Text)
	}
	if !strings.Contains(text.String(), strings.ReplaceAll(title, " ", "")) {
		t.Errorf("the header does not show the whole title: %q", text.String())
	}
}
