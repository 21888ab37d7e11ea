package imagenorm

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Highlights burned into the pixels (Options.Marks): an image uploaded on
// its own should show the same outlines and numbered discs a packet draws
// over it, since its caption's "(1) ..." notes refer to them. Drawing is
// integer-only, with a 5x7 digit font, so the output stays byte-identical
// across platforms.

// digits5x7 are the glyphs 0-9, one byte per row, the low 5 bits used.
var digits5x7 = [10][7]uint8{
	{0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E},
	{0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
	{0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F},
	{0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
	{0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02},
	{0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
	{0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E},
	{0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
	{0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E},
	{0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},
}

// Mark is a highlight burned into the output's pixels (see Options.Marks):
// the outline of Box, Line pixels wide, and a disc of Radius pixels at its
// top-left corner holding the number N in white, all in Color.
type Mark struct {
	// Box is the rectangle's x, y, width and height as fractions of the
	// upright image, so it lands in place at any output size.
	Box          [4]float64
	N            int
	Line, Radius int
	Color        color.RGBA
}

// burnMarks draws marks into dst.
func burnMarks(dst *image.NRGBA, marks []Mark) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	for _, m := range marks {
		ink := image.NewUniform(color.NRGBA{m.Color.R, m.Color.G, m.Color.B, 255})
		line, radius := max(1, m.Line), max(1, m.Radius)
		x0, y0 := int(math.Round(m.Box[0]*float64(w))), int(math.Round(m.Box[1]*float64(h)))
		x1, y1 := int(math.Round((m.Box[0]+m.Box[2])*float64(w))), int(math.Round((m.Box[1]+m.Box[3])*float64(h)))
		half := line / 2
		for _, r := range []image.Rectangle{
			image.Rect(x0-half, y0-half, x1+line-half, y0+line-half), // top
			image.Rect(x0-half, y1-half, x1+line-half, y1+line-half), // bottom
			image.Rect(x0-half, y0-half, x0+line-half, y1+line-half), // left
			image.Rect(x1-half, y0-half, x1+line-half, y1+line-half), // right
		} {
			draw.Draw(dst, r, ink, image.Point{}, draw.Src)
		}
		cx, cy := max(x0, radius), max(y0, radius)
		for dy := -radius; dy <= radius; dy++ { // the disc, a row at a time
			dx := 0
			for (dx+1)*(dx+1)+dy*dy <= radius*radius {
				dx++
			}
			draw.Draw(dst, image.Rect(cx-dx, cy+dy, cx+dx+1, cy+dy+1), ink, image.Point{}, draw.Src)
		}
		drawNumber(dst, m.N, cx, cy, radius)
	}
}

// drawNumber writes n in white, centred on (cx, cy), about as tall as the
// disc's radius.
func drawNumber(dst *image.NRGBA, n, cx, cy, radius int) {
	s := fmt.Sprint(n)
	scale := max(1, radius/7)
	gw := 6 * scale // glyph advance: 5 columns and a gap
	x := cx - (len(s)*gw-scale)/2
	y := cy - 7*scale/2
	for _, ch := range s {
		g := digits5x7[ch-'0']
		for row, bits := range g {
			for col := range 5 {
				if bits&(0x10>>col) != 0 {
					draw.Draw(dst, image.Rect(x+col*scale, y+row*scale, x+(col+1)*scale, y+(row+1)*scale), image.White, image.Point{}, draw.Src)
				}
			}
		}
		x += gw
	}
}
