package imagenorm

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/disintegration/imaging"
)

func TestJPEGScale(t *testing.T) {
	tests := []struct{ w, h, tw, th, want int }{
		{4032, 3024, 1370, 1028, 2}, // a phone photo into one exhibit's box
		{3024, 4032, 1240, 1653, 2},
		{4032, 3024, 1008, 756, 4},
		{4032, 3024, 1009, 756, 2},
		{4032, 3024, 504, 378, 8},
		{4032, 3024, 2017, 1512, 1}, // less than 2x: full size
		{101, 101, 51, 51, 2},       // 1/2 of 101 is 51 (rounded up)
		{100, 100, 100, 100, 1},
	}
	for _, tc := range tests {
		if got := jpegScale(tc.w, tc.h, tc.tw, tc.th); got != tc.want {
			t.Errorf("jpegScale(%d, %d, %d, %d) = %d, want %d", tc.w, tc.h, tc.tw, tc.th, got, tc.want)
		}
	}
}

// A JPEG decoded at reduced size (1/2 and 1/8 here) comes out of Normalise
// close to the full-size decode resampled with Lanczos: same size and
// colours, and a PSNR against that reference well above what a misplaced
// block or a wrong chroma layout would give. (Measured when this test was
// written: 36.5 and 34.5 dB at quality 100; the full-size decode with the
// 3x box pre-shrink it replaced gave 30.5 and 34.5.)
func TestScaledDecodeMatchesFullDecode(t *testing.T) {
	const W, H = 1600, 1200
	src := image.NewNRGBA(image.Rect(0, 0, W, H))
	seed := uint32(7)
	for y := range H {
		for x := range W {
			seed = seed*1664525 + 1013904223
			n := int(seed>>29) - 4
			c := color.NRGBA{uint8(x * 255 / W), uint8(120 + n), uint8(y * 255 / H), 255}
			if (x/40+y/60)%7 == 0 && x%40 < 6 { // dark strokes
				c = color.NRGBA{20, 20, 30, 255}
			}
			src.SetNRGBA(x, y, c)
		}
	}
	data := encJPEG(t, src, 92)
	for _, box := range []int{500, 180} {
		res, err := Normalise(ctx, data, Options{MaxWidth: box, MaxHeight: box, JPEGQuality: 100})
		if err != nil {
			t.Fatal(err)
		}
		got := decodeAny(t, res.Data)
		want := imaging.Resize(decodeAny(t, data), res.Width, res.Height, imaging.Lanczos)
		if got.Bounds() != want.Rect {
			t.Fatalf("box %d: %v, want %v", box, got.Bounds(), want.Rect)
		}
		var se float64
		for y := range res.Height {
			for x := range res.Width {
				r, g, b, _ := got.At(x, y).RGBA()
				w := want.NRGBAAt(x, y)
				for i, v := range []uint32{r >> 8, g >> 8, b >> 8} {
					d := float64(int(v) - int([]uint8{w.R, w.G, w.B}[i]))
					se += d * d
				}
			}
		}
		db := 10 * math.Log10(255*255/(se/float64(3*res.Width*res.Height)))
		if db < 33 {
			t.Errorf("box %d: PSNR %.1f dB against the full-size decode resampled; want at least 33", box, db)
		}
		t.Logf("box %d: %dx%d, PSNR %.1f dB", box, res.Width, res.Height, db)
	}
}
