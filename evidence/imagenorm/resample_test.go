package imagenorm

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/disintegration/imaging"
)

// synthImage returns an opaque w x h image coloured by px.
func synthImage(w, h int, px func(x, y int) (r, g, b uint8)) *image.NRGBA {
	n := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := px(x, y)
			i := n.PixOffset(x, y)
			n.Pix[i], n.Pix[i+1], n.Pix[i+2], n.Pix[i+3] = r, g, b, 255
		}
	}
	return n
}

// gradientImage has smooth ramps in a different direction per channel.
func gradientImage(w, h int) *image.NRGBA {
	return synthImage(w, h, func(x, y int) (uint8, uint8, uint8) {
		return uint8(255 * x / max(1, w-1)), uint8(255 * y / max(1, h-1)), uint8(255 * (x + y) / max(1, w+h-2))
	})
}

// textImage is black strokes on white in chat-bubble rows with a blue bar
// under each: the hard edges of a screenshot, where Catmull-Rom overshoots.
func textImage(w, h int) *image.NRGBA {
	return synthImage(w, h, func(x, y int) (uint8, uint8, uint8) {
		switch {
		case y%66 < 30 && (x*7+y*3)%23 < 9:
			return 0, 0, 0
		case y%66 >= 50 && y%66 < 56:
			return 0, 122, 255
		}
		return 255, 255, 255
	})
}

// noiseImage is uniformly random.
func noiseImage(w, h int) *image.NRGBA {
	r := rand.New(rand.NewPCG(3, 4))
	return synthImage(w, h, func(x, y int) (uint8, uint8, uint8) {
		v := r.Uint32()
		return uint8(v), uint8(v >> 8), uint8(v >> 16)
	})
}

// boxRef averages k x k blocks of an sw x sh image of interleaved samples
// (ch per pixel, rows stride apart) one output sample at a time, rounding
// halves up; partial blocks at the right and bottom average what they have.
// The result has packed rows.
func boxRef(p []uint8, sw, sh, stride, ch, k int) (out []uint8, ow, oh int) {
	ow, oh = (sw+k-1)/k, (sh+k-1)/k
	out = make([]uint8, oh*ow*ch)
	for oy := 0; oy < oh; oy++ {
		for ox := 0; ox < ow; ox++ {
			for c := 0; c < ch; c++ {
				sum, cnt := 0, 0
				for y := oy * k; y < min(sh, oy*k+k); y++ {
					for x := ox * k; x < min(sw, ox*k+k); x++ {
						sum += int(p[y*stride+x*ch+c])
						cnt++
					}
				}
				out[(oy*ow+ox)*ch+c] = uint8((sum + cnt/2) / cnt)
			}
		}
	}
	return out, ow, oh
}

// boxRefNRGBA is boxRef for an NRGBA image.
func boxRefNRGBA(n *image.NRGBA, k int) *image.NRGBA {
	pix, ow, oh := boxRef(n.Pix, n.Rect.Dx(), n.Rect.Dy(), n.Stride, 4, k)
	return &image.NRGBA{Pix: pix, Stride: 4 * ow, Rect: image.Rect(0, 0, ow, oh)}
}

// resampleRef is what resamplePlane approximates, in float64: the same box
// pre-shrink, then separable Catmull-Rom with exact normalised weights and
// nothing rounded or clamped until the end. The result has packed rows.
func resampleRef(p []uint8, sw, sh, stride, ch, dw, dh int) []uint8 {
	if k := preShrinkFactor(sw, sh, dw, dh); k > 1 {
		p, sw, sh = boxRef(p, sw, sh, stride, ch, k)
		stride = sw * ch
	}
	type tap struct {
		i int
		w float64
	}
	weights := func(src, dst int) [][]tap { // as imaging computes them
		scale := float64(src) / float64(dst)
		support := 2 * max(scale, 1)
		out := make([][]tap, dst)
		for x := range out {
			center := (float64(x)+0.5)*scale - 0.5
			sum := 0.0
			for i := max(0, int(math.Ceil(center-support))); i <= min(src-1, int(math.Floor(center+support))); i++ {
				w := catmullRom((float64(i) - center) / max(scale, 1))
				out[x] = append(out[x], tap{i, w})
				sum += w
			}
			for j := range out[x] {
				out[x][j].w /= sum
			}
		}
		return out
	}
	ht, vt := weights(sw, dw), weights(sh, dh)
	mid := make([]float64, sh*dw*ch) // along the rows: dw x sh
	for y := 0; y < sh; y++ {
		for x := 0; x < dw; x++ {
			for c := 0; c < ch; c++ {
				for _, t := range ht[x] {
					mid[(y*dw+x)*ch+c] += t.w * float64(p[y*stride+t.i*ch+c])
				}
			}
		}
	}
	out := make([]uint8, dh*dw*ch)
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			for c := 0; c < ch; c++ {
				v := 0.0
				for _, t := range vt[y] {
					v += t.w * mid[(t.i*dw+x)*ch+c]
				}
				out[(y*dw+x)*ch+c] = uint8(min(max(math.Round(v), 0), 255))
			}
		}
	}
	return out
}

// maxDiff is the largest difference between corresponding bytes of two
// images of the same size.
func maxDiff(a, b *image.NRGBA) int {
	d := 0
	w, h := a.Rect.Dx(), a.Rect.Dy()
	for y := 0; y < h; y++ {
		ra := a.Pix[a.PixOffset(a.Rect.Min.X, a.Rect.Min.Y+y):][:4*w]
		rb := b.Pix[b.PixOffset(b.Rect.Min.X, b.Rect.Min.Y+y):][:4*w]
		for i := range ra {
			d = max(d, int(ra[i])-int(rb[i]), int(rb[i])-int(ra[i]))
		}
	}
	return d
}

// downscale stays within a rounding step or two of imaging's Catmull-Rom,
// which has float weights where ours are 14-bit fixed point. Above 2x both
// box-shrink first, as downscale always has (imaging straight from full
// size would differ by design, not by rounding). Content that rings past
// 0 or 255 in imaging's first pass is left to TestResampleMatchesExact:
// imaging clamps between its passes, which puts it up to 15 away from the
// true filter on random noise, and 27 on textImage at 100x100 -> 99x99.
func TestDownscaleMatchesImaging(t *testing.T) {
	const tolerance = 2 // measured: 2
	images := []struct {
		name string
		make func(w, h int) *image.NRGBA
	}{{"gradient", gradientImage}, {"text", textImage}}
	sizes := [][4]int{
		{1171, 2533, 661, 1430}, // odd screenshot into half a page
		{1170, 2532, 661, 1430}, // the screenshot benchmark
		{7, 5, 3, 2},            // box 2 with partial blocks, then resample
		{1, 1, 1, 1},            // no-op
		{300, 200, 170, 200},    // width only
		{200, 300, 200, 170},    // height only
		{1000, 800, 300, 240},   // box 3, then resample
	}
	for _, im := range images {
		for _, s := range sizes {
			sw, sh, dw, dh := s[0], s[1], s[2], s[3]
			t.Run(fmt.Sprintf("%s/%dx%d-%dx%d", im.name, sw, sh, dw, dh), func(t *testing.T) {
				src := im.make(sw, sh)
				ref := src
				if k := preShrinkFactor(sw, sh, dw, dh); k > 1 {
					ref = boxRefNRGBA(src, k)
				}
				want := imaging.Resize(ref, dw, dh, imaging.CatmullRom)
				got := downscale(src, dw, dh)
				if got.Rect != want.Rect {
					t.Fatalf("got %v, want %v", got.Rect, want.Rect)
				}
				if d := maxDiff(got, want); d > tolerance {
					t.Errorf("max difference %d from imaging, want <= %d", d, tolerance)
				}
			})
		}
	}
}

// resamplePlane is within one step of the exact filter for any content
// (the intermediate between its passes is rounded but not clamped), any
// number of channels, padded rows, and every size path: box or not, one
// direction or both, few taps or many.
func TestResampleMatchesExact(t *testing.T) {
	const tolerance = 1 // measured: 1
	r := rand.New(rand.NewPCG(5, 6))
	sizes := [][4]int{
		{50, 40, 37, 29}, {50, 40, 20, 17}, {50, 40, 49, 40}, {50, 40, 50, 9},
		{33, 21, 10, 4}, {9, 9, 4, 4}, {64, 2, 1, 1}, {100, 100, 99, 99},
	}
	for _, ch := range []int{1, 3, 4} {
		for _, s := range sizes {
			sw, sh, dw, dh := s[0], s[1], s[2], s[3]
			stride := sw*ch + 3
			p := make([]uint8, sh*stride)
			for i := range p {
				p[i] = uint8(r.Uint32())
			}
			got := resamplePlane(p, sw, sh, stride, ch, dw, dh)
			want := resampleRef(p, sw, sh, stride, ch, dw, dh)
			if len(got) != len(want) {
				t.Fatalf("ch=%d %v: %d bytes, want %d", ch, s, len(got), len(want))
			}
			for i := range got {
				if d := int(got[i]) - int(want[i]); d > tolerance || -d > tolerance {
					t.Fatalf("ch=%d %v: byte %d = %d, want %d", ch, s, i, got[i], want[i])
				}
			}
		}
	}
	// The sharp images, through downscale.
	for _, src := range []*image.NRGBA{textImage(1170, 2532), noiseImage(1170, 2532)} {
		got := downscale(src, 661, 1430)
		want := resampleRef(src.Pix, 1170, 2532, src.Stride, 4, 661, 1430)
		if d := maxDiff(got, &image.NRGBA{Pix: want, Stride: 4 * 661, Rect: got.Rect}); d > tolerance {
			t.Errorf("downscale: max difference %d from the exact filter", d)
		}
	}
}

// Alpha goes through the same filter as colour, and the weights of every
// output pixel sum to exactly 1<<weightBits, so opaque stays exactly 255
// even where the colour channels ring past 0 or 255.
func TestDownscaleKeepsOpaque(t *testing.T) {
	for _, s := range [][4]int{{1170, 2532, 661, 1430}, {1000, 800, 300, 240}, {7, 5, 3, 2}, {640, 3, 17, 1}, {3, 640, 1, 17}} {
		for _, src := range []*image.NRGBA{textImage(s[0], s[1]), noiseImage(s[0], s[1])} {
			got := downscale(src, s[2], s[3])
			for i := 3; i < len(got.Pix); i += 4 {
				if got.Pix[i] != 255 {
					t.Fatalf("%v: alpha %d at byte %d", s, got.Pix[i], i)
				}
			}
		}
	}
}

// The box shrink averages exactly, partial blocks included, for planes
// (whose k = 2 and other k loops are separate) and interleaved pixels.
func TestBoxShrinkMatchesNaive(t *testing.T) {
	const sw, sh = 23, 17
	r := rand.New(rand.NewPCG(7, 8))
	for _, ch := range []int{1, 3, 4} {
		stride := sw*ch + 5
		p := make([]uint8, sh*stride)
		for i := range p {
			p[i] = uint8(r.Uint32())
		}
		for _, k := range []int{2, 3, 5} {
			want, ow, oh := boxRef(p, sw, sh, stride, ch, k)
			got, gw, gh := boxShrinkPlane(p, sw, sh, stride, ch, k)
			if gw != ow || gh != oh || string(got) != string(want) {
				t.Errorf("ch=%d k=%d: differs from the naive average", ch, k)
			}
		}
	}
}

// BenchmarkDownscaleScreenshot: the resampling step of
// BenchmarkNormaliseScreenshot on its own.
func BenchmarkDownscaleScreenshot(b *testing.B) {
	src := textImage(1170, 2532)
	b.ReportAllocs()
	for b.Loop() {
		downscale(src, halfBoxW, 1430)
	}
}
