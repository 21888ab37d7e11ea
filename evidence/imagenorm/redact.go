package imagenorm

import (
	"image"
	"image/color"
	"image/draw"
)

// redact paints the rectangles, given in upright coordinates, solid black
// on a copy of the decoded image in its stored orientation.
func redact(img image.Image, canvas image.Rectangle, orientation int, rects []image.Rectangle) image.Image {
	dst := image.NewNRGBA(canvas)
	draw.Draw(dst, canvas, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(dst, canvas, img, canvas.Min, draw.Over)
	sw, sh := canvas.Dx(), canvas.Dy()
	black := image.NewUniform(color.NRGBA{A: 255})
	for _, r := range rects {
		s := storedRect(r, sw, sh, orientation).Add(canvas.Min).Intersect(canvas)
		if !s.Empty() {
			draw.Draw(dst, s, black, image.Point{}, draw.Src)
		}
	}
	return dst
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
