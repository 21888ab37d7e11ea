package imagenorm

import (
	"image"
	"image/color"
	"image/draw"
)

// redact paints boxes (stored-orientation pixels of the canvas, see
// redactionBoxes) solid black. The layouts the decoders return (YCbCr, Gray,
// NRGBA, RGBA) are painted in place, so img must be the caller's own,
// decoded for it; a JPEG then keeps its planes and the fast path. Any other
// layout, or pixels that do not cover the canvas, are painted on an opaque
// copy.
func redact(img image.Image, canvas image.Rectangle, boxes []image.Rectangle) image.Image {
	var paint func(x0, x1, y int)
	if img.Bounds() == canvas {
		switch m := img.(type) {
		case *image.YCbCr:
			// Y 0 with neutral chroma is black. A chroma sample shared with
			// pixels outside the box turns them gray, never the box colour.
			paint = func(x0, x1, y int) {
				clear(m.Y[m.YOffset(x0, y):m.YOffset(x1, y)])
				for x := x0; x < x1; x++ {
					i := m.COffset(x, y)
					m.Cb[i], m.Cr[i] = 128, 128
				}
			}
		case *image.Gray:
			paint = func(x0, x1, y int) { clear(m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]) }
		case *image.NRGBA:
			paint = func(x0, x1, y int) { fillBlack(m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]) }
		case *image.RGBA:
			paint = func(x0, x1, y int) { fillBlack(m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]) }
		}
	}
	if paint == nil {
		dst := image.NewNRGBA(canvas)
		draw.Draw(dst, canvas, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.Draw(dst, canvas, img, canvas.Min, draw.Over)
		img = dst
		paint = func(x0, x1, y int) { fillBlack(dst.Pix[dst.PixOffset(x0, y):dst.PixOffset(x1, y)]) }
	}
	for _, b := range boxes {
		s := b.Add(canvas.Min).Intersect(canvas)
		for y := s.Min.Y; y < s.Max.Y; y++ {
			paint(s.Min.X, s.Max.X, y)
		}
	}
	return img
}

// fillBlack sets every 4-byte pixel of p to opaque black.
func fillBlack(p []uint8) {
	for i := 0; i+3 < len(p); i += 4 {
		p[i], p[i+1], p[i+2], p[i+3] = 0, 0, 0, 255
	}
}

// redactionBoxes maps rectangles of the upright image to the stored image
// (sw x sh pixels at full size, EXIF orientation o), grows each outwards to
// the grid of gw x gh cells (a JPEG's MCUs: then no block that held a
// hidden pixel keeps anything of it, not even compression ringing or, after
// a reduced decode, the blur of its low frequencies), and scales it to the
// decoder's n/8 size, rounding outwards.
func redactionBoxes(rs []image.Rectangle, sw, sh, o, gw, gh, n int) []image.Rectangle {
	var boxes []image.Rectangle
	for _, r := range rs {
		s := storedRect(r, sw, sh, o).Intersect(image.Rect(0, 0, sw, sh))
		if s.Empty() {
			continue
		}
		s.Min.X, s.Min.Y = s.Min.X/gw*gw, s.Min.Y/gh*gh
		s.Max.X, s.Max.Y = min(sw, (s.Max.X+gw-1)/gw*gw), min(sh, (s.Max.Y+gh-1)/gh*gh)
		boxes = append(boxes, image.Rect(s.Min.X*n/8, s.Min.Y*n/8, (s.Max.X*n+7)/8, (s.Max.Y*n+7)/8))
	}
	return boxes
}

// storedRect maps a rectangle of the upright image to the stored image of
// size sw x sh under EXIF orientation o.
func storedRect(r image.Rectangle, sw, sh, o int) image.Rectangle {
	back := func(u, v int) (int, int) {
		switch o {
		case 2:
			return sw - 1 - u, v
		case 3:
			return sw - 1 - u, sh - 1 - v
		case 4:
			return u, sh - 1 - v
		case 5:
			return v, u
		case 6:
			return v, sh - 1 - u
		case 7:
			return sw - 1 - v, sh - 1 - u
		case 8:
			return sw - 1 - v, u
		}
		return u, v
	}
	if r.Empty() {
		return image.Rectangle{}
	}
	x0, y0 := back(r.Min.X, r.Min.Y)
	x1, y1 := back(r.Max.X-1, r.Max.Y-1)
	return image.Rect(min(x0, x1), min(y0, y1), max(x0, x1)+1, max(y0, y1)+1)
}
