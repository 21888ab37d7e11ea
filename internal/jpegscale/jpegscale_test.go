package jpegscale

import (
	"bytes"
	"context"
	"errors"
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

// psnr compares the scaled plane got with want shrunk by averaging k x k
// blocks. Only whole blocks count: at the right and bottom edges a scaled
// sample also averages the encoder's padding beyond the image, as
// libjpeg's does. ok is false when there is no whole block.
func psnr(want, got plane, k int) (db float64, maxDiff int, ok bool) {
	var se float64
	n := 0
	for y := 0; y < got.h && (y+1)*k <= want.h; y++ {
		for x := 0; x < got.w && (x+1)*k <= want.w; x++ {
			sum := 0
			for yy := y * k; yy < y*k+k; yy++ {
				for xx := x * k; xx < x*k+k; xx++ {
					sum += int(want.pix[yy*want.stride+xx])
				}
			}
			d := (sum+k*k/2)/(k*k) - int(got.pix[y*got.stride+x])
			se += float64(d * d)
			maxDiff = max(maxDiff, d, -d)
			n++
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	mse := se / float64(n)
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
		for _, denom := range []int{2, 4, 8} {
			img, err := Decode(context.Background(), data, denom, 1<<20)
			if err != nil {
				t.Errorf("%s 1/%d: %v", name, denom, err)
				continue
			}
			sb := std.Bounds()
			w, h := Size(sb.Dx(), sb.Dy(), denom)
			if img.Bounds() != image.Rect(0, 0, w, h) {
				t.Errorf("%s 1/%d: bounds %v, want %dx%d", name, denom, img.Bounds(), w, h)
				continue
			}
			if sy, ok := std.(*image.YCbCr); ok {
				y, ok := img.(*image.YCbCr)
				if !ok || y.SubsampleRatio != sy.SubsampleRatio {
					t.Errorf("%s 1/%d: got %T, want YCbCr %v", name, denom, img, sy.SubsampleRatio)
					continue
				}
			}
			want, got := planesOf(t, std), planesOf(t, img)
			if len(want) != len(got) {
				t.Errorf("%s 1/%d: %d planes, want %d", name, denom, len(got), len(want))
				continue
			}
			for i := range got {
				db, maxDiff, ok := psnr(want[i], got[i], denom)
				if ok && db < 28 {
					t.Errorf("%s 1/%d plane %d: PSNR %.1f dB (max difference %d) against image/jpeg averaged down; want at least 28", name, denom, i, db, maxDiff)
				}
			}
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
	for _, denom := range []int{2, 4, 8} {
		img, err := Decode(context.Background(), buf.Bytes(), denom, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		y := img.(*image.YCbCr)
		b := y.Rect
		for py := range b.Dy() {
			for px := range b.Dx() {
				if got, want := y.YCbCrAt(px, py), sy.YCbCrAt(px*denom, py*denom); got != want {
					t.Fatalf("1/%d (%d,%d): %v, want %v", denom, px, py, got, want)
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
