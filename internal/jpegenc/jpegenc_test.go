package jpegenc

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"
)

// picture is a 4:2:0 test image: "photo" (smooth gradients and a few
// soft shapes), "text" (hard black strokes on white, coloured bars), or
// "noise" (every sample random: the worst case for the entropy coder).
func picture(kind string, w, h int) *image.YCbCr {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for y := range h {
		for x := range w {
			var v uint8
			switch kind {
			case "photo":
				v = uint8(128 + 90*math.Sin(float64(x)/37)*math.Cos(float64(y)/23))
			case "text":
				v = 250
				if y%40 < 18 && (x*7+y*3)%23 < 9 {
					v = 10
				}
			default:
				v = uint8(r.Uint32())
			}
			m.Y[y*m.YStride+x] = v
		}
	}
	for y := range (h + 1) / 2 {
		for x := range (w + 1) / 2 {
			cb, cr := uint8(128+40*math.Sin(float64(x)/11)), uint8(128-30*math.Cos(float64(y)/13))
			if kind == "noise" {
				cb, cr = uint8(r.Uint32()), uint8(r.Uint32())
			}
			m.Cb[y*m.CStride+x], m.Cr[y*m.CStride+x] = cb, cr
		}
	}
	return m
}

// psnr compares the three planes of a decoded image with the original's.
func psnr(t *testing.T, a, b *image.YCbCr) float64 {
	t.Helper()
	if a.Rect != b.Rect || b.SubsampleRatio != image.YCbCrSubsampleRatio420 {
		t.Fatalf("decoded %v %v, want %v 4:2:0", b.Rect, b.SubsampleRatio, a.Rect)
	}
	w, h := a.Rect.Dx(), a.Rect.Dy()
	var sum float64
	var n int
	plane := func(p, q []uint8, ps, qs, pw, ph int) {
		for y := range ph {
			for x := range pw {
				d := float64(p[y*ps+x]) - float64(q[y*qs+x])
				sum += d * d
				n++
			}
		}
	}
	plane(a.Y, b.Y, a.YStride, b.YStride, w, h)
	plane(a.Cb, b.Cb, a.CStride, b.CStride, (w+1)/2, (h+1)/2)
	plane(a.Cr, b.Cr, a.CStride, b.CStride, (w+1)/2, (h+1)/2)
	if sum == 0 {
		return 99
	}
	return 10 * math.Log10(255*255*float64(n)/sum)
}

// TestMatchesImageJPEG: every file decodes with image/jpeg to the right
// size, as faithful as image/jpeg's own file of the same image at the same
// quality (PSNR at most 0.3 dB lower) and no more than 6% larger, for
// odd sizes, partial blocks, all qualities and the worst content.
func TestMatchesImageJPEG(t *testing.T) {
	sizes := [][2]int{{1, 1}, {17, 9}, {33, 47}, {640, 480}, {1371, 783}}
	for _, kind := range []string{"photo", "text", "noise"} {
		for _, s := range sizes {
			qualities := []int{1, 30, 50, 85, 95, 100}
			if s[0]*s[1] >= 640*480 {
				qualities = []int{50, 85, 100} // the size check's cases
			}
			for _, q := range qualities {
				name := fmt.Sprintf("%s %dx%d q%d", kind, s[0], s[1], q)
				src := picture(kind, s[0], s[1])
				var ours, std bytes.Buffer
				if err := Encode(&ours, src, q); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if err := jpeg.Encode(&std, src, &jpeg.Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				got, err := jpeg.Decode(bytes.NewReader(ours.Bytes()))
				if err != nil {
					t.Fatalf("%s: image/jpeg cannot read the file: %v", name, err)
				}
				ref, err := jpeg.Decode(bytes.NewReader(std.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				pg, pr := psnr(t, src, got.(*image.YCbCr)), psnr(t, src, ref.(*image.YCbCr))
				if pg < pr-0.3 {
					t.Errorf("%s: PSNR %.2f dB, image/jpeg's %.2f", name, pg, pr)
				}
				if s[0]*s[1] >= 640*480 {
					if r := float64(ours.Len()) / float64(std.Len()); r > 1.06 {
						t.Errorf("%s: %d bytes, image/jpeg's %d (%.2fx)", name, ours.Len(), std.Len(), r)
					}
				}
			}
		}
	}
}

// TestRefusesOtherLayouts: only 4:2:0 images with their origin at (0, 0).
func TestRefusesOtherLayouts(t *testing.T) {
	for _, m := range []*image.YCbCr{
		image.NewYCbCr(image.Rect(0, 0, 8, 8), image.YCbCrSubsampleRatio444),
		image.NewYCbCr(image.Rect(2, 2, 10, 10), image.YCbCrSubsampleRatio420),
		image.NewYCbCr(image.Rect(0, 0, 0, 8), image.YCbCrSubsampleRatio420),
	} {
		if err := Encode(&bytes.Buffer{}, m, 85); err == nil {
			t.Errorf("%v %v: encoded", m.Rect, m.SubsampleRatio)
		}
	}
}

// BenchmarkEncode: a 1370x1028 photo at quality 85, as imagenorm places a
// phone photo, against image/jpeg.
func BenchmarkEncode(b *testing.B) {
	src := picture("photo", 1370, 1028)
	b.Run("jpegenc", func(b *testing.B) {
		for b.Loop() {
			Encode(&bytes.Buffer{}, src, 85)
		}
	})
	b.Run("image/jpeg", func(b *testing.B) {
		for b.Loop() {
			jpeg.Encode(&bytes.Buffer{}, src, &jpeg.Options{Quality: 85})
		}
	})
}
