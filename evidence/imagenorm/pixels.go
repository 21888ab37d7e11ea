package imagenorm

import (
	"image"
	"runtime"
	"sync"

	"github.com/disintegration/imaging"
)

// toOpaqueNRGBA converts img to an opaque 8-bit NRGBA image covering canvas
// (translated so that canvas.Min is the origin). Pixels outside img and
// transparent pixels are composited onto white. An NRGBA image, or an
// opaque RGBA one (a PNG screenshot), with its origin at (0, 0) is used in
// place, not copied: img must be the caller's own, decoded for it.
func toOpaqueNRGBA(img image.Image, canvas image.Rectangle) *image.NRGBA {
	var n *image.NRGBA
	switch m := img.(type) {
	case *image.CMYK:
		n = cmykToNRGBA(m)
	case *image.NRGBA:
		if m.Rect.Min == (image.Point{}) {
			n = m
		}
	case *image.RGBA:
		if m.Rect.Min == (image.Point{}) && m.Opaque() {
			n = &image.NRGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect} // same bytes when opaque
		}
	}
	if n == nil {
		n = imaging.Clone(img) // handles YCbCr, Gray, 16-bit, paletted...
	}
	b := img.Bounds()
	if b != canvas {
		// Place the converted pixels on a transparent canvas (GIF frames can
		// be smaller than, or offset within, the logical screen).
		dst := image.NewNRGBA(image.Rect(0, 0, canvas.Dx(), canvas.Dy()))
		r := b.Intersect(canvas)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			si := (y-b.Min.Y)*n.Stride + (r.Min.X-b.Min.X)*4
			di := (y-canvas.Min.Y)*dst.Stride + (r.Min.X-canvas.Min.X)*4
			copy(dst.Pix[di:di+r.Dx()*4], n.Pix[si:si+r.Dx()*4])
		}
		n = dst
	}
	flattenOnWhite(n)
	return n
}

// cmykToNRGBA converts with the naive (profile-less) formula used by
// color.CMYK, working on the pixel slices directly.
func cmykToNRGBA(c *image.CMYK) *image.NRGBA {
	b := c.Rect
	n := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		src := c.Pix[y*c.Stride : y*c.Stride+b.Dx()*4]
		dst := n.Pix[y*n.Stride : y*n.Stride+b.Dx()*4]
		for i := 0; i+3 < len(src); i += 4 {
			k := 255 - uint32(src[i+3])
			dst[i+0] = uint8(((255-uint32(src[i+0]))*k + 127) / 255)
			dst[i+1] = uint8(((255-uint32(src[i+1]))*k + 127) / 255)
			dst[i+2] = uint8(((255-uint32(src[i+2]))*k + 127) / 255)
			dst[i+3] = 255
		}
	}
	return n
}

// flattenOnWhite composites every non-opaque pixel of n onto white in place.
func flattenOnWhite(n *image.NRGBA) {
	w := n.Rect.Dx() * 4
	for y := 0; y < n.Rect.Dy(); y++ {
		row := n.Pix[y*n.Stride : y*n.Stride+w]
		for i := 0; i+3 < len(row); i += 4 {
			a := uint32(row[i+3])
			if a == 255 {
				continue
			}
			bg := 255 * (255 - a)
			row[i+0] = uint8((uint32(row[i+0])*a + bg + 127) / 255)
			row[i+1] = uint8((uint32(row[i+1])*a + bg + 127) / 255)
			row[i+2] = uint8((uint32(row[i+2])*a + bg + 127) / 255)
			row[i+3] = 255
		}
	}
}

// downscale resizes the opaque image n to exactly w x h with
// resamplePlane: for shrink factors above 2 it first averages k x k blocks
// (k = floor(factor)), which leaves an image between 1x and 2x the target;
// a Catmull-Rom resample then produces the exact size. This is both fast
// and free of the aliasing a plain 2-tap filter would produce. Only the
// three colour channels are filtered (a quarter less work than four);
// alpha is 255.
func downscale(n *image.NRGBA, w, h int) *image.NRGBA {
	sw, sh := n.Rect.Dx(), n.Rect.Dy()
	if sw == w && sh == h {
		return n
	}
	p, stride := n.Pix[n.PixOffset(n.Rect.Min.X, n.Rect.Min.Y):], n.Stride
	if k := preShrinkFactor(sw, sh, w, h); k > 1 {
		// A thumbnail: average the blocks first, so that only the small
		// result is repacked.
		p, sw, sh = boxShrinkPlane(p, sw, sh, stride, 4, k)
		stride = 4 * sw
	}
	rgb := make([]uint8, sw*sh*3)
	parallelRows(sh, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			src := p[y*stride:][:sw*4]
			dst := rgb[y*sw*3 : (y+1)*sw*3]
			for i, j := 0, 0; i < len(src); i, j = i+4, j+3 {
				d := dst[j : j+3 : j+3]
				d[0], d[1], d[2] = src[i], src[i+1], src[i+2]
			}
		}
	})
	small := resamplePlane(rgb, sw, sh, sw*3, 3, w, h)
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i, j := 0, 0; j < len(small); i, j = i+4, j+3 {
		o := out.Pix[i : i+4 : i+4]
		o[0], o[1], o[2], o[3] = small[j], small[j+1], small[j+2], 255
	}
	return out
}

// preShrinkFactor is the integer box factor k applied before resampling
// from sw x sh to w x h: floor of the shrink factor when that exceeds 2,
// else 1. After a k x k box the image is between 1x and 2x the target.
func preShrinkFactor(sw, sh, w, h int) int {
	factor := min(float64(sw)/float64(w), float64(sh)/float64(h))
	if factor > 2 {
		return int(factor)
	}
	return 1
}

// orient applies EXIF orientation o so that the result is upright.
func orient(n *image.NRGBA, o int) *image.NRGBA {
	switch o {
	case 2:
		return imaging.FlipH(n)
	case 3:
		return imaging.Rotate180(n)
	case 4:
		return imaging.FlipV(n)
	case 5:
		return imaging.Transpose(n)
	case 6:
		return imaging.Rotate270(n) // 90 degrees clockwise
	case 7:
		return imaging.Transverse(n)
	case 8:
		return imaging.Rotate90(n) // 90 degrees counter-clockwise
	}
	return n
}

// nrgbaAsRGBA reinterprets an opaque NRGBA image as RGBA (identical bytes
// when alpha is 255), which the standard encoders handle on fast paths.
func nrgbaAsRGBA(n *image.NRGBA) *image.RGBA {
	return &image.RGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}
}

// grayFromOpaque extracts one channel of an opaque image whose source was
// gray (all three channels are equal up to resampling rounding), using the
// Rec. 601 luma weights so that any rounding differences average out.
func grayFromOpaque(n *image.NRGBA) *image.Gray {
	w, h := n.Rect.Dx(), n.Rect.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		src := n.Pix[y*n.Stride : y*n.Stride+w*4]
		dst := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range dst {
			r, gg, b := uint32(src[4*x]), uint32(src[4*x+1]), uint32(src[4*x+2])
			dst[x] = uint8((19595*r + 38470*gg + 7471*b + 1<<15) >> 16)
		}
	}
	return g
}

// ycbcrShifts returns the horizontal and vertical chroma subsampling shifts.
func ycbcrShifts(r image.YCbCrSubsampleRatio) (hs, vs uint, ok bool) {
	switch r {
	case image.YCbCrSubsampleRatio444:
		return 0, 0, true
	case image.YCbCrSubsampleRatio422:
		return 1, 0, true
	case image.YCbCrSubsampleRatio420:
		return 1, 1, true
	case image.YCbCrSubsampleRatio440:
		return 0, 1, true
	case image.YCbCrSubsampleRatio411:
		return 2, 0, true
	case image.YCbCrSubsampleRatio410:
		return 2, 1, true
	}
	return 0, 0, false
}

// ycbcrBoxShrink fuses the YCbCr to RGB conversion with the k x k box
// average, so a large photo is never materialised as a full-size RGBA image.
// It averages Y, Cb and Cr over each block and converts once per output
// pixel; since the conversion is affine this equals converting first, up to
// rounding and to clamping of out-of-gamut colours. ok is false when the
// image layout is not handled (the caller then uses the generic path).
func ycbcrBoxShrink(src *image.YCbCr, k int) (out *image.NRGBA, ok bool) {
	hs, vs, ok := ycbcrShifts(src.SubsampleRatio)
	if !ok || src.Rect.Min != (image.Point{}) {
		return nil, false
	}
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	ow, oh := (sw+k-1)/k, (sh+k-1)/k
	out = image.NewNRGBA(image.Rect(0, 0, ow, oh))
	parallelRows(oh, func(oy0, oy1 int) {
		sums := make([]uint32, ow*3)
		for oy := oy0; oy < oy1; oy++ {
			clear(sums)
			y0, y1 := oy*k, min(sh, oy*k+k)
			for y := y0; y < y1; y++ {
				yrow := src.Y[y*src.YStride : y*src.YStride+sw]
				crow := (y >> vs) * src.CStride
				cb := src.Cb[crow:]
				cr := src.Cr[crow:]
				for ox := 0; ox < ow; ox++ {
					x0, x1 := ox*k, min(sw, ox*k+k)
					var sy, scb, scr uint32
					for x, yv := range yrow[x0:x1] {
						ci := (x0 + x) >> hs
						sy += uint32(yv)
						scb += uint32(cb[ci])
						scr += uint32(cr[ci])
					}
					s := sums[ox*3 : ox*3+3 : ox*3+3]
					s[0] += sy
					s[1] += scb
					s[2] += scr
				}
			}
			dst := out.Pix[oy*out.Stride : oy*out.Stride+ow*4]
			rows := uint32(y1 - y0)
			for ox := 0; ox < ow; ox++ {
				cnt := rows * uint32(min(sw, ox*k+k)-ox*k)
				s := sums[ox*3 : ox*3+3 : ox*3+3]
				// color.YCbCrToRGB's fixed-point formula, applied to the
				// block sums so that no precision is lost to averaging.
				n := int64(cnt)
				yy := int64(s[0]) * 0x10101
				cb := int64(s[1]) - 128*n
				cr := int64(s[2]) - 128*n
				d := dst[ox*4 : ox*4+4 : ox*4+4]
				d[0] = fixedToByte(yy+91881*cr, n)
				d[1] = fixedToByte(yy-22554*cb-46802*cr, n)
				d[2] = fixedToByte(yy+116130*cb, n)
				d[3] = 255
			}
		}
	})
	return out, true
}

// fixedToByte rounds v/(n*65536) and clamps it to 0..255.
func fixedToByte(v, n int64) uint8 {
	d := n << 16
	if v <= 0 {
		return 0
	}
	q := (v + d/2) / d
	if q > 255 {
		return 255
	}
	return uint8(q)
}

// parallelRows splits [0, n) into contiguous bands processed concurrently.
// Each output row is computed by exactly one goroutine from read-only
// input, so the result does not depend on scheduling.
func parallelRows(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/16))
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += per {
		hi := min(n, lo+per)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

// padNRGBA returns n widened to w pixels by repeating its last column, with
// its origin at (0, 0); or n itself when it is already that wide.
func padNRGBA(n *image.NRGBA, w int) *image.NRGBA {
	ow, h := n.Rect.Dx(), n.Rect.Dy()
	if w <= ow {
		return n
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		src := n.Pix[n.PixOffset(n.Rect.Min.X, n.Rect.Min.Y+y):][:ow*4]
		dst := out.Pix[y*out.Stride : y*out.Stride+w*4]
		copy(dst, src)
		for x := ow; x < w; x++ {
			copy(dst[x*4:x*4+4], src[(ow-1)*4:])
		}
	}
	return out
}

// padYCbCr returns the 4:2:0 image m widened to w pixels by repeating its
// last column in every plane, or m itself when it is already that wide.
func padYCbCr(m *image.YCbCr, w int) *image.YCbCr {
	ow, h := m.Rect.Dx(), m.Rect.Dy()
	if w <= ow {
		return m
	}
	cw, ch, ocw := (w+1)/2, (h+1)/2, (ow+1)/2
	return &image.YCbCr{
		Y: padPlane(m.Y, ow, h, m.YStride, w), Cb: padPlane(m.Cb, ocw, ch, m.CStride, cw), Cr: padPlane(m.Cr, ocw, ch, m.CStride, cw),
		YStride: w, CStride: cw, SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: image.Rect(0, 0, w, h),
	}
}

// padPlane widens a w x h plane (rows stride apart) to nw samples a row,
// repeating each row's last sample.
func padPlane(p []uint8, w, h, stride, nw int) []uint8 {
	out := make([]uint8, nw*h)
	for y := range h {
		row := out[y*nw : y*nw+nw]
		copy(row, p[y*stride:y*stride+w])
		for x := w; x < nw; x++ {
			row[x] = row[w-1]
		}
	}
	return out
}

// mostlyFlat reports whether at least half of the pixels of the opaque
// image n equal their left neighbour: flat colour, as in screenshots and
// clean documents, which PNG stores compactly and JPEG would blur at the
// text's edges. A photo, even one saved as PNG, has grain everywhere.
func mostlyFlat(n *image.NRGBA) bool {
	w, h := n.Rect.Dx(), n.Rect.Dy()
	same := 0
	for y := range h {
		row := n.Pix[y*n.Stride : y*n.Stride+w*4]
		for i := 4; i < len(row); i += 4 {
			if row[i] == row[i-4] && row[i+1] == row[i-3] && row[i+2] == row[i-2] {
				same++
			}
		}
	}
	return 2*same >= w*h
}
