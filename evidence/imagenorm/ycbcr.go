package imagenorm

import (
	"image"
	"math"
)

// This file holds the fast path for the common, expensive case: a colour
// JPEG (a phone photo) that must shrink by more than 2x. The decoder hands
// back Y, Cb and Cr planes and the encoder wants the same planes, so the
// image never goes through RGB at all: each plane is box-shrunk by an
// integer factor and then resampled with Catmull-Rom straight to its target
// size (the luma plane to the output size, the chroma planes to half of it,
// the 4:2:0 layout the encoder writes anyway), and the small planes are
// turned upright. Working on 8-bit planes with fixed-point weights is several
// times cheaper than converting to NRGBA and resampling four float channels.

// shrinkYCbCr returns src resampled to tw x th as a 4:2:0 image with its
// origin at (0, 0), or ok false when the layout is not handled (the caller
// then takes the generic path).
func shrinkYCbCr(src *image.YCbCr, tw, th int) (out *image.YCbCr, ok bool) {
	hs, vs, ok := ycbcrShifts(src.SubsampleRatio)
	if !ok || src.Rect.Min != (image.Point{}) || tw <= 0 || th <= 0 {
		return nil, false
	}
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	cw, ch := (sw+(1<<hs)-1)>>hs, (sh+(1<<vs)-1)>>vs
	tcw, tch := (tw+1)/2, (th+1)/2
	if len(src.Y) < (sh-1)*src.YStride+sw || len(src.Cb) < (ch-1)*src.CStride+cw || len(src.Cr) < (ch-1)*src.CStride+cw {
		return nil, false
	}
	out = &image.YCbCr{
		Y:              resamplePlane(src.Y, sw, sh, src.YStride, tw, th),
		Cb:             resamplePlane(src.Cb, cw, ch, src.CStride, tcw, tch),
		Cr:             resamplePlane(src.Cr, cw, ch, src.CStride, tcw, tch),
		YStride:        tw,
		CStride:        tcw,
		SubsampleRatio: image.YCbCrSubsampleRatio420,
		Rect:           image.Rect(0, 0, tw, th),
	}
	return out, true
}

// orientYCbCr applies EXIF orientation o to a 4:2:0 image from shrinkYCbCr.
func orientYCbCr(m *image.YCbCr, o int) *image.YCbCr {
	if o < 2 || o > 8 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cw, ch := (w+1)/2, (h+1)/2
	y, yw, yh := orientPlane(m.Y, w, h, m.YStride, o)
	cb, ocw, _ := orientPlane(m.Cb, cw, ch, m.CStride, o)
	cr, _, _ := orientPlane(m.Cr, cw, ch, m.CStride, o)
	return &image.YCbCr{Y: y, Cb: cb, Cr: cr, YStride: yw, CStride: ocw,
		SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: image.Rect(0, 0, yw, yh)}
}

// orientPlane returns the w x h plane p (row stride stride) transformed by
// EXIF orientation o so that it is upright, with a stride equal to its
// width. The mapping matches orient's.
func orientPlane(p []uint8, w, h, stride, o int) (out []uint8, ow, oh int) {
	ow, oh = w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out = make([]uint8, ow*oh)
	for dy := 0; dy < oh; dy++ {
		row := out[dy*ow : dy*ow+ow]
		switch o {
		case 2: // mirror
			src := p[dy*stride : dy*stride+w]
			for dx := range row {
				row[dx] = src[w-1-dx]
			}
		case 3: // 180 degrees
			src := p[(h-1-dy)*stride : (h-1-dy)*stride+w]
			for dx := range row {
				row[dx] = src[w-1-dx]
			}
		case 4: // flip
			copy(row, p[(h-1-dy)*stride:(h-1-dy)*stride+w])
		case 5: // transpose: dest(dx, dy) = src(dy, dx)
			for dx := range row {
				row[dx] = p[dx*stride+dy]
			}
		case 6: // 90 degrees clockwise: dest(dx, dy) = src(dy, h-1-dx)
			for dx := range row {
				row[dx] = p[(h-1-dx)*stride+dy]
			}
		case 7: // transverse: dest(dx, dy) = src(w-1-dy, h-1-dx)
			for dx := range row {
				row[dx] = p[(h-1-dx)*stride+w-1-dy]
			}
		case 8: // 90 degrees counter-clockwise: dest(dx, dy) = src(w-1-dy, dx)
			for dx := range row {
				row[dx] = p[dx*stride+w-1-dy]
			}
		default:
			copy(row, p[dy*stride:dy*stride+w])
		}
	}
	return out, ow, oh
}

// resamplePlane resizes the sw x sh 8-bit plane p (row stride stride) to
// dw x dh (stride dw). Like downscale, it first averages k x k blocks when
// shrinking by more than 2x, then resamples with Catmull-Rom.
func resamplePlane(p []uint8, sw, sh, stride, dw, dh int) []uint8 {
	if k := preShrinkFactor(sw, sh, dw, dh); k > 1 {
		p, sw, sh = boxShrinkPlane(p, sw, sh, stride, k)
		stride = sw
	}
	if sw == dw && sh == dh {
		if stride == sw {
			return p[:sw*sh]
		}
		out := make([]uint8, dw*dh)
		for y := 0; y < dh; y++ {
			copy(out[y*dw:y*dw+dw], p[y*stride:y*stride+sw])
		}
		return out
	}
	// Horizontal pass into an intermediate dw x sh plane, then vertical.
	tmp := p
	tstride := stride
	if dw != sw {
		tmp = make([]uint8, dw*sh)
		tstride = dw
		taps := filterTaps(sw, dw)
		parallelRows(sh, func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				src := p[y*stride : y*stride+sw]
				dst := tmp[y*dw : y*dw+dw]
				for x := range dst {
					t := &taps.spans[x]
					ws := taps.weights[t.off : t.off+t.n]
					s := src[t.start : t.start+t.n]
					var acc int32
					for i, w := range ws {
						acc += w * int32(s[i])
					}
					dst[x] = clampFixed(acc)
				}
			}
		})
	}
	if dh == sh {
		return tmp
	}
	out := make([]uint8, dw*dh)
	taps := filterTaps(sh, dh)
	parallelRows(dh, func(y0, y1 int) {
		acc := make([]int32, dw)
		for y := y0; y < y1; y++ {
			t := &taps.spans[y]
			clear(acc)
			for i, w := range taps.weights[t.off : t.off+t.n] {
				row := tmp[(t.start+i)*tstride : (t.start+i)*tstride+dw]
				for x, v := range row {
					acc[x] += w * int32(v)
				}
			}
			dst := out[y*dw : y*dw+dw]
			for x, a := range acc {
				dst[x] = clampFixed(a)
			}
		}
	})
	return out
}

// Fixed-point weights: 14 fractional bits; 8-bit samples times weights
// that can reach a little over 1 fit an int32 easily.
const weightBits = 14

func clampFixed(acc int32) uint8 {
	v := (acc + 1<<(weightBits-1)) >> weightBits
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

type tapSpan struct{ start, n, off int }

type taps struct {
	spans   []tapSpan
	weights []int32
}

// filterTaps computes, for each of the dst output samples, the Catmull-Rom
// weights over the src input samples (sample centres aligned as imaging
// does; the support widens with the shrink factor so nothing aliases).
// The weights of each output sample sum exactly to 1<<weightBits.
func filterTaps(src, dst int) taps {
	scale := float64(src) / float64(dst)
	support := 2.0 * max(scale, 1)
	fscale := 1 / max(scale, 1)
	t := taps{spans: make([]tapSpan, dst)}
	fw := make([]float64, 0, int(2*support)+2)
	for x := range dst {
		center := (float64(x)+0.5)*scale - 0.5
		lo := max(0, int(math.Ceil(center-support)))
		hi := min(src-1, int(math.Floor(center+support)))
		fw = fw[:0]
		sum := 0.0
		for i := lo; i <= hi; i++ {
			w := catmullRom((float64(i) - center) * fscale)
			fw = append(fw, w)
			sum += w
		}
		// Trim zero weights at the ends.
		for len(fw) > 1 && fw[0] == 0 {
			fw = fw[1:]
			lo++
		}
		for len(fw) > 1 && fw[len(fw)-1] == 0 {
			fw = fw[:len(fw)-1]
		}
		if sum == 0 {
			sum = 1
		}
		off := len(t.weights)
		var total int32
		maxI := 0
		for i, w := range fw {
			q := int32(math.Round(w / sum * (1 << weightBits)))
			t.weights = append(t.weights, q)
			total += q
			if w > fw[maxI] {
				maxI = i
			}
		}
		t.weights[off+maxI] += 1<<weightBits - total // exact unit gain
		t.spans[x] = tapSpan{start: lo, n: len(fw), off: off}
	}
	return t
}

// catmullRom is the Catmull-Rom cubic (B=0, C=0.5), support 2.
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

// boxShrinkPlane averages k x k blocks of an 8-bit plane; partial blocks at
// the right and bottom edges average the samples they have.
func boxShrinkPlane(p []uint8, sw, sh, stride, k int) ([]uint8, int, int) {
	ow, oh := (sw+k-1)/k, (sh+k-1)/k
	out := make([]uint8, ow*oh)
	full := sw / k // blocks with k columns
	parallelRows(oh, func(oy0, oy1 int) {
		sums := make([]uint32, ow)
		for oy := oy0; oy < oy1; oy++ {
			clear(sums)
			y0, y1 := oy*k, min(sh, oy*k+k)
			for y := y0; y < y1; y++ {
				row := p[y*stride : y*stride+sw]
				if k == 2 {
					for ox := 0; ox < full; ox++ {
						sums[ox] += uint32(row[2*ox]) + uint32(row[2*ox+1])
					}
				} else {
					for ox := 0; ox < full; ox++ {
						var s uint32
						for _, v := range row[ox*k : ox*k+k] {
							s += uint32(v)
						}
						sums[ox] += s
					}
				}
				if full < ow {
					var s uint32
					for _, v := range row[full*k:] {
						s += uint32(v)
					}
					sums[full] += s
				}
			}
			rows := uint32(y1 - y0)
			dst := out[oy*ow : oy*ow+ow]
			for ox := range dst {
				cnt := rows * uint32(min(sw, ox*k+k)-ox*k)
				dst[ox] = uint8((sums[ox] + cnt/2) / cnt)
			}
		}
	})
	return out, ow, oh
}
