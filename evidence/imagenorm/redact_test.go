package imagenorm

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
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
		img := decodeAny(t, res.Data) // a JPEG source stays JPEG
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

// TestRedactionLeavesNoTrace: whatever was inside a redacted rectangle,
// the output is byte for byte the same, at full size and through the
// reduced-size decode, in both orientations: nothing of the hidden pixels
// survives, not even as the JPEG ringing or the low-pass blur of the
// blocks they shared with visible pixels (hence boxes grown to the MCU
// grid; without that this test fails).
func TestRedactionLeavesNoTrace(t *testing.T) {
	const w, h = 1600, 1200                  // upright (samplegen stores it turned for orientation 6)
	secret := image.Rect(403, 301, 777, 557) // not on the block grid
	for _, o := range []int{1, 6} {
		var outs [2][]Result
		for v := range 2 {
			m := image.NewRGBA(image.Rect(0, 0, w, h))
			for y := range h {
				for x := range w {
					c := color.RGBA{uint8(x / 7), uint8(y / 5), 140, 255}
					if (image.Point{x, y}).In(secret) {
						c = color.RGBA{250, 250, 250, 255} // variant 0: blank
						if v == 1 && (x/3+y/5)%4 == 0 {
							c = color.RGBA{10, 10, 10, 255} // variant 1: "text"
						}
					}
					m.SetRGBA(x, y, c)
				}
			}
			data, err := samplegen.EncodeJPEGWithEXIF(m, 90, samplegen.EXIF{Orientation: o})
			if err != nil {
				t.Fatal(err)
			}
			for _, box := range []int{500, 2000} { // 1/2-size decode; full size
				res, err := Normalise(context.Background(), data, Options{MaxWidth: box, MaxHeight: box, Redact: []image.Rectangle{secret}})
				if err != nil {
					t.Fatal(err)
				}
				outs[v] = append(outs[v], res)
			}
		}
		for i := range outs[0] {
			if !bytes.Equal(outs[0][i].Data, outs[1][i].Data) {
				t.Errorf("orientation %d, output %dx%d: differs with the content under the redaction", o, outs[0][i].Width, outs[0][i].Height)
			}
		}
	}
}

// TestMCUSize reads the block grid from the frame header, for every
// sampling and coding (the files are internal/jpegscale's fixtures, one
// picture written by libjpeg-turbo's cjpeg in each layout).
func TestMCUSize(t *testing.T) {
	for name, want := range map[string][2]int{
		"420": {16, 16}, "422": {16, 8}, "440": {8, 16}, "444": {8, 8}, "411": {32, 8}, "410": {32, 16},
		"gray": {8, 8}, "progressive": {16, 16}, "cmyk": {8, 8},
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "internal", "jpegscale", "testdata", name+".jpg"))
		if err != nil {
			t.Fatal(err)
		}
		if w, h, ok := mcuSize(data); !ok || w != want[0] || h != want[1] {
			t.Errorf("%s: %d x %d, %v; want %d x %d", name, w, h, ok, want[0], want[1])
		}
	}
	if _, _, ok := mcuSize([]byte("\xff\xd8\xff\xda\x00\x02")); ok {
		t.Error("found a frame header in a file without one")
	}
}

// TestRedactEveryLayout: the box is black and the pixels around it are
// untouched in each layout a decoder returns (the first four painted in
// place), in a paletted image (painted on a copy) and in a frame smaller
// than its canvas (a GIF's).
func TestRedactEveryLayout(t *testing.T) {
	r := image.Rect(0, 0, 40, 30)
	fill := color.RGBA{200, 120, 40, 255}
	filled := func(m draw.Image) image.Image {
		draw.Draw(m, m.Bounds(), image.NewUniform(fill), image.Point{}, draw.Src)
		return m
	}
	ycc := func(ratio image.YCbCrSubsampleRatio) image.Image {
		m := image.NewYCbCr(r, ratio)
		y, cb, cr := color.RGBToYCbCr(fill.R, fill.G, fill.B)
		for i := range m.Y {
			m.Y[i] = y
		}
		for i := range m.Cb {
			m.Cb[i], m.Cr[i] = cb, cr
		}
		return m
	}
	box := image.Rect(10, 8, 26, 24)
	for _, c := range []struct {
		name    string
		img     image.Image
		canvas  image.Rectangle
		inPlace bool
	}{
		{"ycbcr 4:2:0", ycc(image.YCbCrSubsampleRatio420), r, true},
		{"ycbcr 4:4:4", ycc(image.YCbCrSubsampleRatio444), r, true},
		{"gray", filled(image.NewGray(r)), r, true},
		{"nrgba", filled(image.NewNRGBA(r)), r, true},
		{"rgba", filled(image.NewRGBA(r)), r, true},
		{"paletted", filled(image.NewPaletted(r, color.Palette{color.White, fill})), r, false},
		{"frame inside a canvas", filled(image.NewNRGBA(r)), image.Rect(0, 0, 50, 30), false},
	} {
		want := map[bool]color.Color{true: color.Black, false: c.img.At(0, 0)}
		out := redact(c.img, c.canvas, []image.Rectangle{box})
		if (out == c.img) != c.inPlace {
			t.Errorf("%s: painted in place %v, want %v", c.name, out == c.img, c.inPlace)
		}
		for _, p := range []image.Point{{10, 8}, {25, 23}, {17, 15}, {9, 8}, {26, 15}, {17, 7}, {17, 24}, {0, 0}, {39, 29}} {
			inside := p.In(box)
			r0, g0, b0, _ := want[inside].RGBA()
			r1, g1, b1, _ := out.At(p.X, p.Y).RGBA()
			if d := max(absDiff(r0, r1), absDiff(g0, g1), absDiff(b0, b1)); d > 3<<8 {
				t.Errorf("%s: pixel %v is %d,%d,%d; want %d,%d,%d", c.name, p, r1>>8, g1>>8, b1>>8, r0>>8, g0>>8, b0>>8)
			}
		}
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
