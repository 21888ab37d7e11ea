package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"
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
// images. Images of equal width are padded to a free width by the renderer
// (decoded and re-encoded), which this benchmark includes.
func BenchmarkRenderPhotos(b *testing.B) {
	doc := &Document{Meta: Meta{Title: "bench", Created: time.Unix(0, 0).UTC()}, Paper: "a4", Footer: "{page}/{pages}"}
	for i := range 8 {
		w, h := 1370, 1028
		if i%2 == 1 {
			w, h = 1240, 1653
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
