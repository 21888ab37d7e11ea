package imagenorm

import (
	"image"
	"math"
)

// This file holds the fast path for the common, expensive case: a colour
// JPEG (a phone photo) that must shrink by more than 2x. The decoder hands
// back Y, Cb and Cr planes and internal/jpegenc wants the same planes, so the
// image never goes through RGB at all: each plane is box-shrunk by an
// integer factor and then resampled with Catmull-Rom straight to its target
// size (the luma plane to the output size, the chroma planes to half of it,
// the 4:2:0 layout the encoder writes anyway), and the small planes are
// turned upright. Working on 8-bit planes with fixed-point weights is several
// times cheaper than converting to NRGBA and resampling four float channels.
// The same resampler, four bytes per pixel, serves downscale for NRGBA.

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
		Y:              resamplePlane(src.Y, sw, sh, src.YStride, 1, tw, th),
		Cb:             resamplePlane(src.Cb, cw, ch, src.CStride, 1, tcw, tch),
		Cr:             resamplePlane(src.Cr, cw, ch, src.CStride, 1, tcw, tch),
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

// resamplePlane resizes an sw x sh image of interleaved 8-bit samples,
// channels bytes per pixel (1 for a Y, Cb or Cr plane, 4 for NRGBA), with
// rows stride bytes apart, to dw x dh with packed rows (stride
// dw*channels). Every channel, alpha included, is filtered the same way and
// independently of the others. It first averages k x k blocks when
// shrinking by more than 2x (see preShrinkFactor), then resamples with
// Catmull-Rom (see filterTaps). The result may share p's memory when no
// resampling is needed.
func resamplePlane(p []uint8, sw, sh, stride, channels, dw, dh int) []uint8 {
	if k := preShrinkFactor(sw, sh, dw, dh); k > 1 {
		p, sw, sh = boxShrinkPlane(p, sw, sh, stride, channels, k)
		stride = sw * channels
	}
	if sw == dw && sh == dh {
		sr := sw * channels
		if stride == sr {
			return p[:sr*sh]
		}
		out := make([]uint8, sr*sh)
		for y := 0; y < sh; y++ {
			copy(out[y*sr:y*sr+sr], p[y*stride:y*stride+sr])
		}
		return out
	}
	// The vertical pass streams whole rows (each output row a weighted sum
	// of input rows); the horizontal pass then filters within each row.
	// Both write their rows in order. The intermediate keeps the ringing
	// of the first pass unclamped, so the result does not depend on which
	// direction goes first.
	mid := filterRows(p, sw, stride, channels, filterTaps(sh, dh))
	return filterWithinRows(mid, sw, dh, channels, filterTaps(sw, dw))
}

// filterRows filters each column of the image p (w pixels of channels
// samples per row, rows stride samples apart) with taps, giving
// len(taps.spans) rows of w pixels, packed, rounded and not clamped.
func filterRows(p []uint8, w, stride, channels int, taps taps) []int16 {
	n, rw := len(taps.spans), w*channels
	out := make([]int16, n*rw)
	parallelRows(n, func(y0, y1 int) {
		acc := make([]int32, rw)
		for y := y0; y < y1; y++ {
			t := taps.spans[y]
			clear(acc)
			addRows(acc, p[t.start*stride:], stride, taps.weights[t.off:t.off+t.n])
			d := out[y*rw : y*rw+rw]
			for i, a := range acc {
				d[i] = int16((a + 1<<(weightBits-1)) >> weightBits)
			}
		}
	})
	return out
}

// addRows adds ws[i] times row i of p (rows stride samples apart) to acc,
// for every i. Taking four rows per sweep cuts the loads and stores of acc.
func addRows(acc []int32, p []uint8, stride int, ws []int32) {
	n := len(acc)
	i := 0
	for ; i+4 <= len(ws); i += 4 {
		r0, r1 := p[i*stride:][:n], p[(i+1)*stride:][:n]
		r2, r3 := p[(i+2)*stride:][:n], p[(i+3)*stride:][:n]
		w0, w1, w2, w3 := ws[i], ws[i+1], ws[i+2], ws[i+3]
		for x := range acc {
			acc[x] += w0*int32(r0[x]) + w1*int32(r1[x]) + w2*int32(r2[x]) + w3*int32(r3[x])
		}
	}
	for ; i < len(ws); i++ {
		r0, w0 := p[i*stride:][:n], ws[i]
		for x := range acc {
			acc[x] += w0 * int32(r0[x])
		}
	}
}

// filterWithinRows filters each of the h packed rows of mid (w pixels of
// channels samples) with taps, giving h rows of len(taps.spans) pixels,
// packed, rounded and clamped to 0..255.
func filterWithinRows(mid []int16, w, h, channels int, taps taps) []uint8 {
	sr, dr := w*channels, len(taps.spans)*channels
	out := make([]uint8, h*dr)
	parallelRows(h, func(y0, y1 int) {
		y := y0
		switch channels {
		case 1:
			// A plane, four rows at a time: each output pixel's weights
			// are loaded once for four sums.
			for ; y+4 <= y1; y += 4 {
				filterFourPlaneRows(mid[y*sr:], sr, out[y*dr:], dr, taps)
			}
		case 3:
			for ; y+2 <= y1; y += 2 {
				filterTwoRGBRows(mid[y*sr:], sr, out[y*dr:], dr, taps)
			}
		}
		for ; y < y1; y++ {
			filterRow(mid[y*sr:y*sr+sr], out[y*dr:y*dr+dr], channels, taps)
		}
	})
	return out
}

// roundSample turns a filtered sum back into an 8-bit sample.
func roundSample(a int32) uint8 {
	return uint8(min(max((a+1<<(weightBits-1))>>weightBits, 0), 255))
}

// filterFourPlaneRows filters rows 0 to 3 of the one-channel image src
// (rows stride apart) into rows 0 to 3 of dst (rows dstStride apart).
func filterFourPlaneRows(src []int16, stride int, dst []uint8, dstStride int, taps taps) {
	dw := len(taps.spans)
	d0, d1 := dst[:dw], dst[dstStride:][:dw]
	d2, d3 := dst[2*dstStride:][:dw], dst[3*dstStride:][:dw]
	for x, t := range taps.spans {
		n := t.n
		ws := taps.weights[t.off:][:n]
		s0, s1 := src[t.start:][:n], src[stride+t.start:][:n]
		s2, s3 := src[2*stride+t.start:][:n], src[3*stride+t.start:][:n]
		var a0, a1, a2, a3 int32
		for k := 0; k < n; k++ {
			wt := ws[k]
			a0 += wt * int32(s0[k])
			a1 += wt * int32(s1[k])
			a2 += wt * int32(s2[k])
			a3 += wt * int32(s3[k])
		}
		d0[x], d1[x], d2[x], d3[x] = roundSample(a0), roundSample(a1), roundSample(a2), roundSample(a3)
	}
}

// filterTwoRGBRows filters rows 0 and 1 of the three-channel image src
// (rows stride apart) into rows 0 and 1 of dst (rows dstStride apart).
func filterTwoRGBRows(src []int16, stride int, dst []uint8, dstStride int, taps taps) {
	dr := 3 * len(taps.spans)
	d0, d1 := dst[:dr], dst[dstStride:][:dr]
	for x, t := range taps.spans {
		n := t.n
		ws := taps.weights[t.off:][:n]
		s0, s1 := src[3*t.start:][:3*n], src[stride+3*t.start:][:3*n]
		var a0, a1, a2, b0, b1, b2 int32
		for k, wt := range ws {
			p, q := s0[3*k:3*k+3:3*k+3], s1[3*k:3*k+3:3*k+3]
			a0 += wt * int32(p[0])
			a1 += wt * int32(p[1])
			a2 += wt * int32(p[2])
			b0 += wt * int32(q[0])
			b1 += wt * int32(q[1])
			b2 += wt * int32(q[2])
		}
		o, r := d0[3*x:3*x+3:3*x+3], d1[3*x:3*x+3:3*x+3]
		o[0], o[1], o[2] = roundSample(a0), roundSample(a1), roundSample(a2)
		r[0], r[1], r[2] = roundSample(b0), roundSample(b1), roundSample(b2)
	}
}

// filterRow filters one packed row src of channels samples per pixel into
// dst.
func filterRow(src []int16, dst []uint8, channels int, taps taps) {
	switch channels {
	case 3:
		for x, t := range taps.spans {
			ws := taps.weights[t.off:][:t.n]
			in := src[3*t.start:][:3*t.n]
			var a0, a1, a2 int32
			for k, wt := range ws {
				px := in[3*k : 3*k+3]
				a0 += wt * int32(px[0])
				a1 += wt * int32(px[1])
				a2 += wt * int32(px[2])
			}
			o := dst[3*x : 3*x+3]
			o[0], o[1], o[2] = roundSample(a0), roundSample(a1), roundSample(a2)
		}
	default:
		for x, t := range taps.spans {
			ws := taps.weights[t.off:][:t.n]
			in := src[channels*t.start:][:channels*t.n]
			for c := range channels {
				var a int32
				for k, wt := range ws {
					a += wt * int32(in[k*channels+c])
				}
				dst[x*channels+c] = roundSample(a)
			}
		}
	}
}

// Fixed-point weights: 14 fractional bits. Samples (8-bit, or the
// intermediate's, which ringing takes only a little outside 0..255) times
// weights that can reach a little over 1 fit an int32 easily.
const weightBits = 14

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

// boxShrinkPlane averages k x k blocks of an sw x sh image of interleaved
// 8-bit samples (channels bytes per pixel, rows stride bytes apart), each
// channel separately, and returns the result with packed rows and its size
// in pixels. Partial blocks at the right and bottom edges average the
// pixels they have.
func boxShrinkPlane(p []uint8, sw, sh, stride, channels, k int) ([]uint8, int, int) {
	ch := channels
	ow, oh := (sw+k-1)/k, (sh+k-1)/k
	sr, dr := sw*ch, ow*ch // row lengths in bytes
	full := sw / k         // blocks with k columns
	out := make([]uint8, dr*oh)
	parallelRows(oh, func(oy0, oy1 int) {
		sums := make([]uint32, dr)
		for oy := oy0; oy < oy1; oy++ {
			clear(sums)
			y0, y1 := oy*k, min(sh, oy*k+k)
			for y := y0; y < y1; y++ {
				row := p[y*stride : y*stride+sr]
				ox := 0
				switch { // planes (phone photos) and RGBA (thumbnails) take tighter loops
				case ch == 1 && k == 2:
					s := sums[:full]
					for i := range s {
						s[i] += uint32(row[2*i]) + uint32(row[2*i+1])
					}
					ox = full
				case ch == 1:
					for ; ox < full; ox++ {
						var s uint32
						for _, v := range row[ox*k : ox*k+k] {
							s += uint32(v)
						}
						sums[ox] += s
					}
				case ch == 4:
					for ; ox < full; ox++ {
						var a, b, c, d uint32
						blk := row[ox*k*4 : (ox+1)*k*4]
						for j := 0; j+3 < len(blk); j += 4 {
							a += uint32(blk[j])
							b += uint32(blk[j+1])
							c += uint32(blk[j+2])
							d += uint32(blk[j+3])
						}
						s := sums[4*ox : 4*ox+4 : 4*ox+4]
						s[0] += a
						s[1] += b
						s[2] += c
						s[3] += d
					}
				}
				for ; ox < ow; ox++ {
					blk := row[ox*k*ch : min(sr, (ox+1)*k*ch)]
					s := sums[ox*ch : ox*ch+ch]
					for c := range s {
						var t uint32
						for j := c; j < len(blk); j += ch {
							t += uint32(blk[j])
						}
						s[c] += t
					}
				}
			}
			// Every block has k columns but the last, which may be partial.
			rows := uint32(y1 - y0)
			dst := out[oy*dr : oy*dr+dr]
			cnt := rows * uint32(k)
			for i, s := range sums[:full*ch] {
				dst[i] = uint8((s + cnt/2) / cnt)
			}
			cnt = rows * uint32(sw-full*k)
			for i := full * ch; i < dr; i++ {
				dst[i] = uint8((sums[i] + cnt/2) / cnt)
			}
		}
	})
	return out, ow, oh
}
