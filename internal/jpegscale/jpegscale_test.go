package jpegscale

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The files in testdata are one 97x135 picture (part of a shipping label
// above part of a packing photo) written by libjpeg-turbo's cjpeg in every
// layout: cjpeg -quality 90 -sample HxV -optimize, with -restart 2 and
// -restart 1B for the restart variants, -grayscale, -progressive,
// -arithmetic, -rgb; cmyk.jpg by ImageMagick (-colorspace CMYK).

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goJPEG encodes a w x h picture with gradients, edges and noise with Go's
// encoder (4:2:0 for colour).
func goJPEG(t testing.TB, w, h int, gray bool) []byte {
	t.Helper()
	var img image.Image
	seed := uint32(1)
	noise := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed>>28) - 8
	}
	pixel := func(x, y int) (uint8, uint8, uint8) {
		v := (x*255/w + y%17*4 + noise())
		if (x/9+y/13)%5 == 0 {
			v = 20 // dark strokes, like text
		}
		c := func(v int) uint8 { return uint8(min(255, max(0, v))) }
		return c(v), c(255 - v/2), c(y * 255 / h)
	}
	if gray {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				r, _, _ := pixel(x, y)
				g.SetGray(x, y, color.Gray{Y: r})
			}
		}
		img = g
	} else {
		m := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				r, g, b := pixel(x, y)
				m.SetRGBA(x, y, color.RGBA{r, g, b, 255})
			}
		}
		img = m
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// plane is one plane of samples with its size and row stride.
type plane struct {
	pix          []uint8
	w, h, stride int
}

// planesOf returns the Y, Cb and Cr planes of img, or its gray plane alone.
func planesOf(t *testing.T, img image.Image) []plane {
	t.Helper()
	switch m := img.(type) {
	case *image.Gray:
		b := m.Rect
		return []plane{{m.Pix, b.Dx(), b.Dy(), m.Stride}}
	case *image.YCbCr:
		b := m.Rect
		cr := m.COffset(b.Max.X-1, b.Max.Y-1) // last chroma sample
		cw, ch := cr%m.CStride+1, cr/m.CStride+1
		return []plane{
			{m.Y, b.Dx(), b.Dy(), m.YStride},
			{m.Cb, cw, ch, m.CStride},
			{m.Cr, cw, ch, m.CStride},
		}
	}
	t.Fatalf("unexpected image type %T", img)
	return nil
}

// psnr compares the plane got, scaled to n/8, with want averaged down over
// each output sample's footprint of 8/n x 8/n samples (weighted by the
// area each source sample contributes). Only footprints inside the image
// count: at the right and bottom edges a scaled sample also averages the
// encoder's padding beyond the image, as libjpeg's does. ok is false when
// there is no whole footprint.
func psnr(want, got plane, n int) (db float64, maxDiff int, ok bool) {
	var se float64
	cnt := 0
	k := 8 / float64(n)
	for y := 0; y < got.h && float64(y+1)*k <= float64(want.h); y++ {
		for x := 0; x < got.w && float64(x+1)*k <= float64(want.w); x++ {
			var sum, area float64
			y0, y1, x0, x1 := float64(y)*k, float64(y+1)*k, float64(x)*k, float64(x+1)*k
			for yy := int(y0); float64(yy) < y1; yy++ {
				wy := math.Min(y1, float64(yy+1)) - math.Max(y0, float64(yy))
				for xx := int(x0); float64(xx) < x1; xx++ {
					wx := math.Min(x1, float64(xx+1)) - math.Max(x0, float64(xx))
					sum += wx * wy * float64(want.pix[yy*want.stride+xx])
					area += wx * wy
				}
			}
			d := int(math.Round(sum/area)) - int(got.pix[y*got.stride+x])
			se += float64(d * d)
			maxDiff = max(maxDiff, d, -d)
			cnt++
		}
	}
	if cnt == 0 {
		return 0, 0, false
	}
	mse := se / float64(cnt)
	if mse == 0 {
		return math.Inf(1), 0, true
	}
	return 10 * math.Log10(255*255/mse), maxDiff, true
}

// TestMatchesStandardDecoder decodes every supported layout at every scale
// and compares each plane with image/jpeg's full-size decode averaged down:
// the sizes and types must agree and the pixels must be close. The scaled
// transform is an ideal low-pass, not a box average, so sharp edges differ
// (the fixtures' label text gives 29.9 dB at 1/2, a phone photo 43 to 50);
// blocks mirrored within the MCU give 12 to 14 dB, Cb and Cr swapped at
// most 25 dB.
func TestMatchesStandardDecoder(t *testing.T) {
	inputs := map[string][]byte{
		"go-420-333x251":  goJPEG(t, 333, 251, false),
		"go-gray-333x251": goJPEG(t, 333, 251, true),
		"go-420-8x8":      goJPEG(t, 8, 8, false),
		"go-420-1x1":      goJPEG(t, 1, 1, false),
	}
	for _, name := range []string{"410", "411", "420", "420-restart", "422", "422-restart", "440", "444", "gray"} {
		inputs[name] = readFixture(t, name+".jpg")
	}
	for name, data := range inputs {
		std, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: image/jpeg: %v", name, err)
		}
		for n := 1; n < 8; n++ {
			img, err := DecodeEighths(context.Background(), data, n, 1<<20)
			if err != nil {
				t.Errorf("%s %d/8: %v", name, n, err)
				continue
			}
			sb := std.Bounds()
			w, h := SizeEighths(sb.Dx(), sb.Dy(), n)
			if img.Bounds() != image.Rect(0, 0, w, h) {
				t.Errorf("%s %d/8: bounds %v, want %dx%d", name, n, img.Bounds(), w, h)
				continue
			}
			if sy, ok := std.(*image.YCbCr); ok {
				y, ok := img.(*image.YCbCr)
				if !ok || y.SubsampleRatio != sy.SubsampleRatio {
					t.Errorf("%s %d/8: got %T, want YCbCr %v", name, n, img, sy.SubsampleRatio)
					continue
				}
			}
			want, got := planesOf(t, std), planesOf(t, img)
			if len(want) != len(got) {
				t.Errorf("%s %d/8: %d planes, want %d", name, n, len(got), len(want))
				continue
			}
			for i := range got {
				db, maxDiff, ok := psnr(want[i], got[i], n)
				if ok && db < 28 {
					t.Errorf("%s %d/8 plane %d: PSNR %.1f dB (max difference %d) against image/jpeg averaged down; want at least 28", name, n, i, db, maxDiff)
				}
			}
		}
	}
}

// TestDecodeScales: Decode's 1/2, 1/4 and 1/8 are DecodeEighths at 4, 2
// and 1 eighths, and other denominators are refused.
func TestDecodeScales(t *testing.T) {
	data := goJPEG(t, 61, 45, false)
	for _, denom := range []int{2, 4, 8} {
		a, err := Decode(context.Background(), data, denom, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		b, err := DecodeEighths(context.Background(), data, 8/denom, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if w, h := Size(61, 45, denom); a.Bounds() != image.Rect(0, 0, w, h) || !bytes.Equal(a.(*image.YCbCr).Y, b.(*image.YCbCr).Y) {
			t.Errorf("1/%d: Decode and DecodeEighths(%d) differ", denom, 8/denom)
		}
	}
	for _, n := range []int{0, 8, 9} {
		if _, err := DecodeEighths(context.Background(), data, n, 1<<20); err == nil {
			t.Errorf("DecodeEighths(%d) succeeded", n)
		}
	}
}

// TestButterfliesMatchMatrix: every size's butterflies give exactly what
// the plain matrix product gives, for blocks of typical coefficients, for
// blocks with some rows or columns all zero, and for huge values (where
// the int32 sums wrap, alike in any order); and no entry of the matrix is
// a rounding tie.
func TestButterfliesMatchMatrix(t *testing.T) {
	seed := uint32(7)
	rnd := func() uint32 {
		seed = seed*1664525 + 1013904223
		return seed
	}
	for s := 2; s < 8; s++ {
		for i := range 3000 {
			var blk [64]int32
			for j := range s * s {
				switch i % 3 {
				case 0: // dequantised coefficients of an ordinary photo
					blk[j] = int32(rnd()>>20) - 2048
				case 1: // sparse: most rows and columns empty
					if rnd()%4 == 0 {
						blk[j] = int32(rnd()>>16) - 32768
					}
				case 2: // anything at all
					blk[j] = int32(rnd())
				}
			}
			var a, b [64]uint8
			idct(&blk, true, s, a[:], 8)
			idctProduct(&blk, s, b[:], 8)
			if a != b {
				t.Fatalf("s=%d %v: butterflies %v, matrix %v", s, blk[:s*s], a, b)
			}
		}
	}
	for s := 1; s < 8; s++ {
		for x := range s {
			for u := range s {
				m := 0.5 * math.Cos(float64((2*x+1)*u)*math.Pi/float64(2*s))
				if u == 0 {
					m = math.Sqrt(1.0 / 8)
				}
				if f := m*8192 - math.Floor(m*8192); math.Abs(f-0.5) < 1e-6 {
					t.Errorf("s=%d M(%d,%d)*8192 = %v is nearly a tie", s, x, u, m*8192)
				}
			}
		}
	}
}

// idctMatrix[s][x*s+u] is M(x, u) * 8192, rounded, for an s x s transform.
// Rounding a cosine to 13 bits never lands on a tie, so the table is the
// same on every platform.
var idctMatrix = func() (t [8][]int32) {
	for s := 1; s < 8; s++ {
		t[s] = make([]int32, s*s)
		for x := range s {
			for u := range s {
				m := 0.5 * math.Cos(float64((2*x+1)*u)*math.Pi/float64(2*s))
				if u == 0 {
					m = math.Sqrt(1.0 / 8)
				}
				t[s][x*s+u] = int32(math.Round(m * 8192))
			}
		}
	}
	return t
}()

// idctProduct is the reference transform: rows of frequencies, then
// columns, each a plain product with idctMatrix[s].
func idctProduct(blk *[64]int32, s int, dst []uint8, stride int) {
	m := idctMatrix[s]
	var tmp [64]int32
	for v := 0; v < s*s; v += s {
		row := blk[v : v+s]
		nonzero := false
		for _, f := range row {
			nonzero = nonzero || f != 0
		}
		if !nonzero {
			continue
		}
		for x := range s {
			mx := m[x*s : x*s+s]
			var acc int32
			for u, f := range row {
				acc += mx[u] * f
			}
			tmp[v+x] = (acc + 1<<9) >> 10
		}
	}
	const bias = 1<<15 + 128<<16 // rounding, and the +128 level shift
	for y := range s {
		my := m[y*s : y*s+s]
		out := dst[y*stride : y*stride+s]
		for x := range out {
			acc := int32(bias)
			for v, c := range my {
				acc += c * tmp[v*s+x]
			}
			out[x] = clamp(acc >> 16)
		}
	}
}

// TestFlatImageIsExact: a flat picture has only DC coefficients, and every
// scale must give exactly the standard decoder's value.
func TestFlatImageIsExact(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 40, 24))
	for i := 0; i < len(m.Pix); i += 4 {
		copy(m.Pix[i:], []uint8{200, 90, 30, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	std, err := jpeg.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sy := std.(*image.YCbCr)
	for n := 1; n < 8; n++ {
		img, err := DecodeEighths(context.Background(), buf.Bytes(), n, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		y := img.(*image.YCbCr)
		b := y.Rect
		for py := range b.Dy() {
			for px := range b.Dx() {
				if got, want := y.YCbCrAt(px, py), sy.YCbCrAt(px*8/n, py*8/n); got != want {
					t.Fatalf("%d/8 (%d,%d): %v, want %v", n, px, py, got, want)
				}
			}
		}
	}
}

// TestUnsupportedLayouts: layouts left to image/jpeg are refused with
// ErrUnsupported, not decoded wrongly.
func TestUnsupportedLayouts(t *testing.T) {
	inputs := map[string][]byte{}
	for _, name := range []string{"progressive", "arithmetic", "cmyk", "rgb"} {
		inputs[name] = readFixture(t, name+".jpg")
	}
	// An Adobe APP14 segment with transform 0 (the components are RGB)
	// after the SOI of a YCbCr-looking file.
	adobe := []byte{0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}
	inputs["adobe-rgb"] = append(append([]byte{0xFF, 0xD8}, adobe...), readFixture(t, "444.jpg")[2:]...)
	for name, data := range inputs {
		_, err := Decode(context.Background(), data, 2, 1<<20)
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: err = %v, want ErrUnsupported", name, err)
		}
	}
}

// TestRefusesWhatStandardRefuses: cut short anywhere, or with one byte
// changed anywhere, a file may still decode only if image/jpeg decodes it
// too. A cut file must always fail (even one missing only its EOI).
func TestRefusesWhatStandardRefuses(t *testing.T) {
	for _, name := range []string{"420-restart", "422-restart", "gray"} {
		data := readFixture(t, name+".jpg")
		for n := range len(data) {
			if _, err := Decode(context.Background(), data[:n], 2, 1<<20); err == nil {
				t.Fatalf("%s cut to %d of %d bytes: decoded, want an error", name, n, len(data))
			}
		}
		if name != "422-restart" {
			continue // one file is enough for the slower part
		}
		mutated := bytes.Clone(data)
		for i := range data {
			for _, v := range []byte{0x00, 0xFF, data[i] ^ 0x10} {
				mutated[i] = v
				checkAgreement(t, mutated)
			}
			mutated[i] = data[i]
		}
	}
}

// checkAgreement fails the test if Decode accepts data that image/jpeg
// refuses, or gives a size that does not match image/jpeg's.
func checkAgreement(t *testing.T, data []byte) {
	t.Helper()
	img, err := Decode(context.Background(), data, 2, 1<<20)
	if err != nil {
		return
	}
	std, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoded a file image/jpeg refuses (%v): % x", err, data)
	}
	b := std.Bounds()
	if w, h := Size(b.Dx(), b.Dy(), 2); img.Bounds() != image.Rect(0, 0, w, h) {
		t.Fatalf("bounds %v, image/jpeg says %v", img.Bounds(), b)
	}
}

func TestPixelLimit(t *testing.T) {
	data := readFixture(t, "420.jpg") // 97x135 = 13,095 pixels
	if _, err := Decode(context.Background(), data, 2, 13094); err == nil {
		t.Fatal("decoded an image over the pixel limit")
	}
	if _, err := Decode(context.Background(), data, 2, 13095); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(context.Background(), data, 3, 1<<20); err == nil {
		t.Fatal("accepted scale 1/3")
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"420", "422-restart", "gray", "411", "progressive"} {
		f.Add(readFixture(f, name+".jpg"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgreement(t, data)
	})
}

// TestPixelsUnchanged: the fixtures and a crop of a phone photo (written
// by Go's encoder, as the phone order's photos are) decode to exactly the
// pixels they gave when the decoder was first checked against the float
// reference, at every scale: speed-ups must not change the output. A
// deliberate change of rounding updates these hashes (SHA-256 of each
// plane's rows inside the image, in turn; the first 6 bytes).
func TestPixelsUnchanged(t *testing.T) {
	want := map[string][7]string{
		"410":         {"cf41330f774e", "0c27f476ff30", "accd826d1fbe", "8301a849e3d5", "db1b4b2c5847", "156f56b84d4f", "24b9ea4a9663"},
		"411":         {"e07886dd7353", "87111ddee177", "cf6eb9e323bb", "b109e7320439", "56427e2a84d7", "bd24a73a9f82", "eacd595846ac"},
		"420":         {"975fef13f6f4", "7974485bef11", "2c1792cf0879", "2d19e1f816b3", "8a12c2514249", "cddfbb23732f", "a6a99e0b76c3"},
		"420-restart": {"c8f4ca27256a", "915e73f2e6e0", "c94d32cf3f87", "c4b87b105740", "db176657b278", "653def63208b", "88214c7f7e23"},
		"422":         {"f624d96f1be6", "03ffea14c80e", "11678bf4ea79", "338cbaa2c949", "98bafa526805", "98d6de30d3e4", "17392a7f643b"},
		"422-restart": {"6ece5a05ba75", "e3358010c8ef", "eea2c9337e72", "19f9812869a1", "026d7423b7f4", "a63dc2f081ce", "8660bc9950cf"},
		"440":         {"4b87d149a77b", "0020d3705986", "17b216a0c597", "b2783c7901b4", "82b0d105655b", "6898fd476bda", "ea31ee8fc7e0"},
		"444":         {"55b13d26c416", "99a8a4d5319c", "a1622bb7d7f0", "69d75d1904b1", "3e6f4a059a66", "9c6f34965631", "96d0cf0f67bb"},
		"gray":        {"0604581b475f", "d5d8d7928a79", "7781e72e56b7", "8a6afa62410e", "bf333eff327c", "acea044a4d5e", "840e881c0657"},
		"photo":       {"9de040402516", "a3f890c4c2f0", "5a78c23eb5e2", "6902c6204b5c", "6b3fc12499cf", "80b5c9e07d40", "d31373e69af0"},
	}
	for name, hashes := range want {
		data := readFixture(t, name+".jpg")
		for n := 1; n < 8; n++ {
			img, err := DecodeEighths(context.Background(), data, n, 1<<20)
			if err != nil {
				t.Fatalf("%s %d/8: %v", name, n, err)
			}
			h := sha256.New()
			for _, p := range planesOf(t, img) {
				for y := range p.h {
					h.Write(p.pix[y*p.stride : y*p.stride+p.w])
				}
			}
			if got := fmt.Sprintf("%x", h.Sum(nil)[:6]); got != hashes[n-1] {
				t.Errorf("%s %d/8: pixels hash to %s, want %s", name, n, got, hashes[n-1])
			}
		}
	}
}
