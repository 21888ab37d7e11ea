package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"strings"
	"testing"
	"time"
)

// benchJPEG is a w x h quality-85 JPEG with some texture (what imagenorm
// hands the renderer for a photo at 200 DPI).
func benchJPEG(b *testing.B, w, h, seed int) Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			o := img.PixOffset(x, y)
			img.Pix[o] = uint8(x*3 + y + seed)
			img.Pix[o+1] = uint8((x ^ y) + seed*7)
			img.Pix[o+2] = uint8(y * 2)
			img.Pix[o+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	return Image{Format: "jpeg", Width: w, Height: h, DPI: 200, Data: buf.Bytes()}
}

// BenchmarkRenderPhotos renders 8 exhibit pages of photos as bench/genorder's
// order gives them: four landscape (1370x1028) and four portrait (1240x1653)
// images, each a pixel narrower than the one before, as the assembler
// gives every image a width of its own.
func BenchmarkRenderPhotos(b *testing.B) {
	doc := &Document{Meta: Meta{Title: "bench", Created: time.Unix(0, 0).UTC()}, Paper: "a4", Footer: "{page}/{pages}"}
	for i := range 8 {
		w, h := 1370-i, 1028
		if i%2 == 1 {
			w, h = 1240-i, 1653
		}
		doc.Sections = append(doc.Sections, Section{ID: fmt.Sprint("exhibit-", i), Title: fmt.Sprint("Exhibit A", i+1), Level: 1,
			Blocks: []Block{{Figures: &Figures{Items: []Figure{{Label: fmt.Sprint("Exhibit A", i+1), Caption: "photo",
				Lines: []string{"source: photo.jpg"}, Image: benchJPEG(b, w, h, i)}}}}}})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(context.Background(), io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderText renders 20 pages of wrapped mixed Chinese and Latin
// text: paragraphs, key/value rows and table cells, which is where line
// breaking spends its time.
func BenchmarkRenderText(b *testing.B) {
	para := "买家于 2026-11-10 18:40 就订单 DY-20261108-0217 反映“买的雾蓝色，收到的是樱粉色”（买家照片见证据 C1）。" +
		"The parcel weighed 790 g at pickup (Exhibit A3), the same as the 0.79 kg on the warehouse scale. "
	doc := &Document{Meta: Meta{Title: "bench", Created: time.Unix(0, 0).UTC()}, Paper: "a4", Footer: "{page}/{pages}"}
	for i := range 20 {
		doc.Sections = append(doc.Sections, Section{ID: fmt.Sprint("s", i), Title: fmt.Sprint("第 ", i+1, " 节"), Blocks: []Block{
			{Paragraph: &Paragraph{Text: strings.Repeat(para, 6)}},
			{KeyValues: &KeyValues{Rows: [][2]string{{"运单号", "ZT2026111123"}, {"说明", strings.Repeat(para, 2)}}}},
			{Table: &Table{Columns: []string{"#", "文件", "SHA-256"}, Widths: []float64{0.5, 2, 3.4},
				Rows: [][]string{{"A1", "面单/IMG_20261108_143201.jpg", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}}},
		}})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(context.Background(), io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}
