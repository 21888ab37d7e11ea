package review

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/proofpack/proofpack/pdf"
)

// TestThumbnail: both embedded formats give a JPEG inside the box and at
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
	for _, im := range []pdf.Image{{Format: "png", Width: 1000, Height: 2000, Data: p.Bytes()}, {Format: "jpeg", Width: 1000, Height: 2000, Data: j.Bytes()}} {
		data, w, h, err := thumbnail(context.Background(), im)
		if err != nil {
			t.Fatalf("%s: %v", im.Format, err)
		}
		got, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: not a JPEG: %v", im.Format, err)
		}
		// Inside the box, at least the size the page shows, half as wide as high.
		if b := got.Bounds(); b.Dx() != w || b.Dy() != h || h > thumbHeight || h < thumbHeight/2 || w != h/2 {
			t.Errorf("%s: %dx%d (said %dx%d); want within %dx%d and at least half that, 1:2", im.Format, b.Dx(), b.Dy(), w, h, thumbWidth, thumbHeight)
		}
		r, g, _, _ := got.At(w/2, h/4).RGBA()
		r2, _, _, _ := got.At(w/2, h*3/4).RGBA()
		if r>>8 < 170 || g>>8 > 70 || r2>>8 < 230 {
			t.Errorf("%s: top %d,%d bottom %d; want red above white", im.Format, r>>8, g>>8, r2>>8)
		}
	}
}
