package imagenorm

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/proofpack/proofpack/internal/samplegen"
)

// TestLuma: the gray pixels are upright for every EXIF orientation, fitted
// to the box, black inside a redaction and the same picture Normalise
// gives in gray (within JPEG noise), from a JPEG decoded at a reduced
// size and from a PNG.
func TestLuma(t *testing.T) {
	// An upright 800x400 picture: dark left half, light right half, a
	// bright patch to redact.
	up := image.NewRGBA(image.Rect(0, 0, 800, 400))
	for y := range 400 {
		for x := range 800 {
			c := color.RGBA{40, 60, 200, 255}
			if x >= 400 {
				c = color.RGBA{230, 220, 120, 255}
			}
			up.SetRGBA(x, y, c)
		}
	}
	secret := image.Rect(600, 40, 760, 120)
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, up); err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"png": pngData.Bytes()}
	for o := 1; o <= 8; o++ {
		data, err := samplegen.EncodeJPEGWithEXIF(up, 95, samplegen.EXIF{Orientation: o})
		if err != nil {
			t.Fatal(err)
		}
		inputs["jpeg orientation "+string(rune('0'+o))] = data
	}
	for name, data := range inputs {
		opt := Options{MaxWidth: 300, MaxHeight: 300, Redact: []image.Rectangle{secret}}
		g, err := Luma(context.Background(), data, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if g.Rect != image.Rect(0, 0, 300, 150) {
			t.Fatalf("%s: %v, want 300x150", name, g.Rect)
		}
		opt.Gray = true
		res, err := Normalise(context.Background(), data, opt)
		if err != nil {
			t.Fatal(err)
		}
		ref := decodeAny(t, res.Data)
		for _, p := range []image.Point{{50, 75}, {200, 140}, {260, 30}, {170, 20}} {
			got := int(g.GrayAt(p.X, p.Y).Y)
			want := int(color.GrayModel.Convert(ref.At(p.X, p.Y)).(color.Gray).Y)
			if d := got - want; d < -6 || d > 6 {
				t.Errorf("%s: pixel %v is %d; Normalise gives %d", name, p, got, want)
			}
		}
		if v := g.GrayAt(255, 30).Y; v > 10 {
			t.Errorf("%s: pixel inside the redaction is %d, want black", name, v)
		}
	}
	if _, err := Luma(context.Background(), []byte("not an image"), Options{}); err == nil {
		t.Error("Luma read garbage")
	}
}
