package imagenorm

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/disintegration/imaging"
)

// TestPlan: the decode scale and output size for a box and a band. The
// A4 exhibit box at 200 DPI is 1370 x 1653 pixels.
func TestPlan(t *testing.T) {
	tests := []struct {
		name            string
		format          string
		w, h, o         int // stored size and EXIF orientation
		maxW, maxH      int
		lo, hi          float64
		pad             int
		n, wantW, wantH int // n: eighths decoded; wantW, wantH: upright output
	}{
		{"landscape photo, no band: 3/8 then resample", "jpeg", 4032, 3024, 1, 1370, 1653, 0, 0, 0, 3, 1370, 1028},
		{"landscape photo in the band: 3/8 as it is", "jpeg", 4032, 3024, 1, 1370, 1653, 1, 1.25, 0, 3, 1512, 1134},
		{"portrait photo, band from 1: 4/8", "jpeg", 4032, 3024, 6, 1370, 1653, 1, 1.25, 0, 4, 1512, 2016},
		{"portrait photo, band from 0.8: 3/8 is closer", "jpeg", 4032, 3024, 8, 1370, 1653, 0.8, 1.25, 0, 3, 1134, 1512},
		{"band too narrow: 4/8 then resample", "jpeg", 4032, 3024, 6, 1370, 1653, 1, 1.1, 0, 4, 1240, 1653},
		{"a little over the box: kept at full size", "jpeg", 1400, 1000, 1, 1370, 1653, 1, 1.25, 0, 8, 1400, 1000},
		{"within the box", "jpeg", 1000, 1500, 1, 1370, 1653, 1, 1.25, 0, 8, 1000, 1500},
		{"1/8 exactly", "jpeg", 4032, 3024, 1, 504, 378, 0, 0, 0, 1, 504, 378},
		{"less than 8/7: full decode", "jpeg", 4032, 3024, 1, 3900, 3000, 0, 0, 0, 8, 3900, 2925},
		{"png: no scaled decode", "png", 1170, 2532, 1, 661, 1430, 1, 1.25, 0, 8, 661, 1430},
		{"png a little over the box: kept", "png", 1170, 2532, 1, 1100, 2400, 1, 1.25, 0, 8, 1170, 2532},
		{"padded", "jpeg", 4032, 3024, 1, 1370, 1653, 1, 1.25, 1515, 3, 1515, 1134},
	}
	for _, tc := range tests {
		info := Info{Format: tc.format, Width: tc.w, Height: tc.h, Orientation: tc.o}
		opt := Options{MaxWidth: tc.maxW, MaxHeight: tc.maxH, BandMin: tc.lo, BandMax: tc.hi, PadWidth: tc.pad}
		n, _, _ := plan(info, opt)
		w, h := Plan(info, opt)
		if n != tc.n || w != tc.wantW || h != tc.wantH {
			t.Errorf("%s: %d/8 to %dx%d, want %d/8 to %dx%d", tc.name, n, w, h, tc.n, tc.wantW, tc.wantH)
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

// TestNormaliseGivesPlannedSize: whatever the decoder and the format,
// Normalise's output has the size Plan announces, so a caller can lay out
// (and give widths to) images before decoding them.
func TestNormaliseGivesPlannedSize(t *testing.T) {
	photo := image.NewNRGBA(image.Rect(0, 0, 400, 300))
	for i := range photo.Pix {
		photo.Pix[i] = uint8(i * 7 % 251)
	}
	jpg, png := encJPEG(t, photo, 90), encPNG(t, photo)
	for _, tc := range []struct {
		name string
		data []byte
		opt  Options
	}{
		{"jpeg into the box", jpg, Options{MaxWidth: 170, MaxHeight: 170}},
		{"jpeg at 3/8 in the band", jpg, Options{MaxWidth: 140, MaxHeight: 140, BandMin: 1, BandMax: 1.25}},
		{"jpeg at full size in the band", jpg, Options{MaxWidth: 380, MaxHeight: 380, BandMin: 1, BandMax: 1.25}},
		{"jpeg padded", jpg, Options{MaxWidth: 140, MaxHeight: 140, BandMin: 1, BandMax: 1.25, PadWidth: 153}},
		{"png into the box", png, Options{MaxWidth: 140, MaxHeight: 140, Lossless: true}},
		{"png padded", png, Options{MaxWidth: 140, MaxHeight: 140, PadWidth: 150}},
	} {
		info, err := Inspect(tc.data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		w, h := Plan(info, tc.opt)
		unpadded := tc.opt
		unpadded.PadWidth = 0
		iw, _ := Plan(info, unpadded)
		res, err := Normalise(ctx, tc.data, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		img := decodeAny(t, res.Data)
		if res.Width != w || res.Height != h || img.Bounds() != image.Rect(0, 0, w, h) {
			t.Errorf("%s: Plan says %dx%d, Normalise gave %dx%d (pixels %v)", tc.name, w, h, res.Width, res.Height, img.Bounds())
		}
		if tc.opt.PadWidth > 0 {
			// The padding repeats the last column of the image.
			last := color.NRGBAModel.Convert(img.At(iw-1, h/2)).(color.NRGBA)
			for x := iw; x < w; x++ {
				if !near(img.At(x, h/2), last, 12) {
					t.Errorf("%s: padding column %d is %v, the image's last column %v", tc.name, x, img.At(x, h/2), last)
					break
				}
			}
		}
	}
	// A JPEG within the band at its own size needs no change at all.
	res, err := Normalise(ctx, jpg, Options{MaxWidth: 380, MaxHeight: 380, BandMin: 1, BandMax: 1.25})
	if err != nil || !res.KeptOriginal {
		t.Errorf("a JPEG 5%% over the box, band to 1.25: KeptOriginal=%v, err %v", res.KeptOriginal, err)
	}
}

// TestLosslessFollowsContent: Lossless gives a PNG for a screenshot (flat
// colour, hard edges) and a JPEG for a photo, whatever the source format.
func TestLosslessFollowsContent(t *testing.T) {
	shot := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			c := color.NRGBA{237, 237, 237, 255}
			if y%40 < 8 && x < 200 && x%9 < 5 { // lines of "text"
				c = color.NRGBA{25, 25, 25, 255}
			}
			shot.SetNRGBA(x, y, c)
		}
	}
	photo := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	seed := uint32(3)
	for i := range photo.Pix {
		seed = seed*1664525 + 1013904223
		photo.Pix[i] = uint8(100 + i%97 + int(seed>>29))
		if i%4 == 3 {
			photo.Pix[i] = 255
		}
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"screenshot png", encPNG(t, shot), "png"},
		{"photo png", encPNG(t, photo), "jpeg"},
		{"screenshot jpeg", encJPEG(t, shot, 95), "jpeg"},
	} {
		res, err := Normalise(ctx, tc.data, Options{Lossless: true, MaxWidth: 200})
		if err != nil {
			t.Fatal(err)
		}
		if res.Format != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, res.Format, tc.want)
		}
	}
}

// TestSlices: Slices cuts the image into equal horizontal slices, each a
// pixel wider than the one before (from PadWidth on), that put back
// together give the whole image.
func TestSlices(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 30, 101))
	for y := range 101 {
		for x := range 30 {
			img.SetNRGBA(x, y, color.NRGBA{uint8(y / 10 * 20), 80, 80, 255})
		}
	}
	res, err := Normalise(ctx, encPNG(t, img), Options{Lossless: true, Slices: 4, PadWidth: 40})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Slices) != 4 || res.Data != nil || res.Width != 30 || res.Height != 101 {
		t.Fatalf("%d slices, %d bytes of data, %dx%d", len(res.Slices), len(res.Data), res.Width, res.Height)
	}
	y := 0
	for k, s := range res.Slices {
		part := decodeAny(t, s.Data)
		if s.Y != y || s.Width != 40+k || part.Bounds() != image.Rect(0, 0, s.Width, s.Height) || s.Height < 25 || s.Height > 26 {
			t.Errorf("slice %d: at row %d, %dx%d (pixels %v)", k, s.Y, s.Width, s.Height, part.Bounds())
		}
		if !near(part.At(5, 3), img.NRGBAAt(5, y+3), 0) {
			t.Errorf("slice %d: row 3 is %v, want row %d of the image, %v", k, part.At(5, 3), y+3, img.At(5, y+3))
		}
		y += s.Height
	}
	if y != 101 {
		t.Errorf("slices cover %d rows, want 101", y)
	}
}

// TestMarksBurnedIn: a mark's outline and disc are drawn into the pixels
// at the box's place, at any output size, and nothing else changes.
func TestMarksBurnedIn(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 400, 300))
	for i := range img.Pix {
		img.Pix[i] = 240 | uint8(i%4/3*255) // opaque
	}
	red := color.RGBA{210, 30, 30, 255}
	mark := Mark{Box: [4]float64{0.25, 0.5, 0.5, 0.25}, N: 7, Line: 4, Radius: 12, Color: red}
	for _, box := range []int{400, 200} {
		res, err := Normalise(ctx, encPNG(t, img), Options{Lossless: true, MaxWidth: box, Marks: []Mark{mark}})
		if err != nil {
			t.Fatal(err)
		}
		out := decodeAny(t, res.Data)
		w, h := res.Width, res.Height
		want := color.NRGBA{red.R, red.G, red.B, 255}
		for _, p := range []image.Point{{w / 2, h / 2}, {w / 2, h * 3 / 4}, {w * 3 / 4, h * 5 / 8}} { // top, bottom, right edges
			if !near(out.At(p.X, p.Y), want, 0) {
				t.Errorf("box %d: %v is %v, want the mark's red", box, p, out.At(p.X, p.Y))
			}
		}
		if !near(out.At(w/2, h*5/8), color.NRGBA{240, 240, 240, 255}, 0) || !near(out.At(w/8, h/8), color.NRGBA{240, 240, 240, 255}, 0) {
			t.Errorf("box %d: the mark's inside %v or the rest of the image %v changed", box, out.At(w/2, h*5/8), out.At(w/8, h/8))
		}
	}
}
