package review

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/pdf"
)

// TestThumbnail: both embedded formats, and the build's own small rendition
// (whose bytes are never decoded), give a JPEG inside the box and at
// least the size the page shows, with the aspect ratio kept and the colours
// where they were.
func TestThumbnail(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1000, 2000))
	for y := range 2000 {
		for x := range 1000 {
			c := color.RGBA{255, 255, 255, 255}
			if y < 1000 {
				c = color.RGBA{200, 30, 30, 255}
			}
			src.Set(x, y, c)
		}
	}
	var p, j bytes.Buffer
	if err := png.Encode(&p, src); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, src, nil); err != nil {
		t.Fatal(err)
	}
	// The build's own rendition, as imagenorm makes it for a screenshot.
	norm, err := imagenorm.Normalise(context.Background(), p.Bytes(), imagenorm.Options{Lossless: true, Preview: ThumbBox})
	if err != nil || norm.Preview == nil {
		t.Fatalf("no preview from imagenorm: %v", err)
	}
	for _, pv := range []packet.Preview{
		{Name: "png", Image: pdf.Image{Format: "png", Width: 1000, Height: 2000, Data: p.Bytes()}},
		{Name: "jpeg", Image: pdf.Image{Format: "jpeg", Width: 1000, Height: 2000, Data: j.Bytes()}},
		{Name: "pixels", Image: pdf.Image{Format: "png", Width: 1000, Height: 2000, Data: []byte("not decoded")}, Pixels: norm.Preview},
	} {
		data, w, h, err := thumbnail(context.Background(), pv)
		if err != nil {
			t.Fatalf("%s: %v", pv.Name, err)
		}
		got, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: not a JPEG: %v", pv.Name, err)
		}
		// Inside the box, at least the size the page shows, half as wide as high.
		if b := got.Bounds(); b.Dx() != w || b.Dy() != h || h > thumbHeight || h < thumbHeight/2 || w != h/2 {
			t.Errorf("%s: %dx%d (said %dx%d); want within %dx%d and at least half that, 1:2", pv.Name, b.Dx(), b.Dy(), w, h, thumbWidth, thumbHeight)
		}
		r, g, _, _ := got.At(w/2, h/4).RGBA()
		r2, _, _, _ := got.At(w/2, h*3/4).RGBA()
		if r>>8 < 170 || g>>8 > 70 || r2>>8 < 230 {
			t.Errorf("%s: top %d,%d bottom %d; want red above white", pv.Name, r>>8, g>>8, r2>>8)
		}
	}
}
