package imagenorm

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// orientPlane agrees with orient (imaging's transforms) for every EXIF
// orientation.
func TestOrientPlaneMatchesOrient(t *testing.T) {
	const w, h = 7, 5
	r := rand.New(rand.NewPCG(1, 2))
	n := image.NewNRGBA(image.Rect(0, 0, w, h))
	plane := make([]uint8, w*h+3) // odd stride: one spare byte per row
	stride := w
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(r.IntN(256))
			n.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
			plane[y*stride+x] = v
		}
	}
	for o := 1; o <= 8; o++ {
		want := orient(n, o)
		got, ow, oh := orientPlane(plane, w, h, stride, o)
		if ow != want.Rect.Dx() || oh != want.Rect.Dy() {
			t.Fatalf("o=%d: %dx%d, want %v", o, ow, oh, want.Rect)
		}
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				if g, wv := got[y*ow+x], want.Pix[y*want.Stride+4*x]; g != wv {
					t.Fatalf("o=%d: (%d,%d) = %d, want %d", o, x, y, g, wv)
				}
			}
		}
	}
}

// A flat image stays flat through every resampling ratio (the fixed-point
// weights have exact unit gain), and sizes come out as asked, for planes
// and for four-channel pixels.
func TestResamplePlaneFlat(t *testing.T) {
	for _, ch := range []int{1, 4} {
		for _, tc := range [][4]int{{4032, 3, 1370, 1}, {101, 67, 40, 23}, {100, 80, 99, 79}, {33, 9, 10, 4}, {5, 5, 5, 5}, {64, 64, 7, 61}} {
			sw, sh, dw, dh := tc[0], tc[1], tc[2], tc[3]
			p := make([]uint8, sw*sh*ch)
			for i := range p {
				p[i] = 200
			}
			out := resamplePlane(p, sw, sh, sw*ch, ch, dw, dh)
			if len(out) != dw*dh*ch {
				t.Fatalf("ch=%d %v: %d samples, want %d", ch, tc, len(out), dw*dh*ch)
			}
			for i, v := range out {
				if v != 200 {
					t.Fatalf("ch=%d %v: sample %d = %d, want 200", ch, tc, i, v)
				}
			}
		}
	}
}

// The planar path (colour JPEG shrinking by more than 2x) keeps the
// orientation and colours right: the same corner checks as
// TestAllOrientations, on an image large enough to take it.
func TestLargeJPEGAllOrientations(t *testing.T) {
	const W, H = 640, 320
	img := image.NewNRGBA(image.Rect(0, 0, W, H))
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			c := gray
			switch {
			case x < 96 && y < 96:
				c = red
			case x >= W-96 && y < 96:
				c = blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	plain := encJPEG(t, img, 95)
	// Upright positions of the stored top-left (red) and top-right (blue).
	type pt struct{ x, y int } // 0 = left/top, 1 = right/bottom
	tests := []struct {
		o         int
		red, blue pt
	}{
		{1, pt{0, 0}, pt{1, 0}}, {2, pt{1, 0}, pt{0, 0}}, {3, pt{1, 1}, pt{0, 1}}, {4, pt{0, 1}, pt{1, 1}},
		{5, pt{0, 0}, pt{0, 1}}, {6, pt{1, 0}, pt{1, 1}}, {7, pt{1, 1}, pt{1, 0}}, {8, pt{0, 1}, pt{0, 0}},
	}
	for _, tc := range tests {
		res, err := Normalise(ctx, withExif(plain, exifSpec{orientation: tc.o, gps: true}), Options{MaxWidth: 100, MaxHeight: 100})
		if err != nil {
			t.Fatal(err)
		}
		ow, oh := 100, 50
		if tc.o >= 5 {
			ow, oh = 50, 100
		}
		if res.Width != ow || res.Height != oh || res.Format != "jpeg" {
			t.Fatalf("o=%d: %s %dx%d, want jpeg %dx%d", tc.o, res.Format, res.Width, res.Height, ow, oh)
		}
		out := decodeAny(t, res.Data)
		if out.Bounds() != image.Rect(0, 0, ow, oh) {
			t.Fatalf("o=%d: decoded %v", tc.o, out.Bounds())
		}
		at := func(p pt) color.Color { return out.At(5+p.x*(ow-11), 5+p.y*(oh-11)) }
		for _, p := range []pt{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			want := gray
			switch p {
			case tc.red:
				want = red
			case tc.blue:
				want = blue
			}
			if got := at(p); !near(got, want, 40) {
				t.Errorf("o=%d: corner %v = %v, want %v", tc.o, p, got, want)
			}
		}
	}
}
