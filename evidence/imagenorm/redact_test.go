package imagenorm

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/proofpack/proofpack/internal/samplegen"
)

// TestRedactUprightCoordinates: a rectangle given in the coordinates a
// viewer shows is black in the output for every EXIF orientation, and the
// pixels it covered are gone.
func TestRedactUprightCoordinates(t *testing.T) {
	// An upright 400x200 image, mid-grey with a bright patch where we redact.
	up := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for i := range up.Pix {
		up.Pix[i] = 128
	}
	secret := image.Rect(300, 20, 380, 60)
	for y := secret.Min.Y; y < secret.Max.Y; y++ {
		for x := secret.Min.X; x < secret.Max.X; x++ {
			up.Set(x, y, color.RGBA{250, 250, 20, 255})
		}
	}
	for o := 1; o <= 8; o++ {
		data, err := samplegen.EncodeJPEGWithEXIF(up, 95, samplegen.EXIF{Orientation: o})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Normalise(context.Background(), data, Options{Redact: []image.Rectangle{secret}, Lossless: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Width != 400 || res.Height != 200 {
			t.Fatalf("orientation %d: %dx%d", o, res.Width, res.Height)
		}
		img, err := png.Decode(bytes.NewReader(res.Data))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []image.Point{{301, 21}, {340, 40}, {378, 58}} {
			r, g, b, _ := img.At(p.X, p.Y).RGBA()
			if r>>8 > 10 || g>>8 > 10 || b>>8 > 10 {
				t.Errorf("orientation %d: pixel %v inside the redaction is %d,%d,%d", o, p, r>>8, g>>8, b>>8)
			}
		}
		if r, _, _, _ := img.At(100, 100).RGBA(); r>>8 < 100 {
			t.Errorf("orientation %d: pixel outside the redaction was painted", o)
		}
	}
}

func TestRedactDisablesFastPath(t *testing.T) {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 64, 64)), nil)
	res, err := Normalise(context.Background(), b.Bytes(), Options{Redact: []image.Rectangle{image.Rect(0, 0, 10, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	if res.KeptOriginal || bytes.Equal(res.Data, b.Bytes()) {
		t.Fatal("a redacted image kept its original bytes")
	}
}

func TestGrayOption(t *testing.T) {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	jpeg.Encode(&b, img, nil)
	res, err := Normalise(context.Background(), b.Bytes(), Options{Gray: true})
	if err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(bytes.NewReader(res.Data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.(*image.Gray); !ok {
		t.Fatalf("output is %T, want *image.Gray", out)
	}
}
