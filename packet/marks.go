package packet

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"

	"github.com/proofpack/proofpack/pdf"
)

// Highlights burned into exported images: an image uploaded on its own
// should show the same red outlines and numbered discs the packet draws
// over it (pdf.MarkLineMM, pdf.MarkRadiusMM, pdf.MarkRed at the image's
// DPI), since the caption's "(1) ..." notes refer to them. Drawing is
// integer-only, with a 5x7 digit font, so exports stay byte-identical
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

// burnMarks returns the image with its marks drawn in, encoded in the same
// format (JPEG at quality 90, PNG lossless).
func burnMarks(im pdf.Image, marks []pdf.Mark) ([]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(im.Data))
	if err != nil {
		return nil, fmt.Errorf("drawing highlights: %w", err)
	}
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Rect, src, b.Min, draw.Src)
	dpi := im.DPI
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	mm := func(v float64) int { return max(1, int(math.Round(v/25.4*dpi))) }
	line, radius := mm(pdf.MarkLineMM), mm(pdf.MarkRadiusMM)
	red := image.NewUniform(pdf.MarkRed)
	w, h := b.Dx(), b.Dy()
	for _, m := range marks {
		x0, y0 := int(math.Round(m.Box[0]*float64(w))), int(math.Round(m.Box[1]*float64(h)))
		x1, y1 := int(math.Round((m.Box[0]+m.Box[2])*float64(w))), int(math.Round((m.Box[1]+m.Box[3])*float64(h)))
		half := line / 2
		for _, r := range []image.Rectangle{
			image.Rect(x0-half, y0-half, x1+line-half, y0+line-half), // top
			image.Rect(x0-half, y1-half, x1+line-half, y1+line-half), // bottom
			image.Rect(x0-half, y0-half, x0+line-half, y1+line-half), // left
			image.Rect(x1-half, y0-half, x1+line-half, y1+line-half), // right
		} {
			draw.Draw(dst, r, red, image.Point{}, draw.Src)
		}
		cx, cy := max(x0, radius), max(y0, radius)
		for dy := -radius; dy <= radius; dy++ { // the disc, a row at a time
			dx := 0
			for (dx+1)*(dx+1)+dy*dy <= radius*radius {
				dx++
			}
			draw.Draw(dst, image.Rect(cx-dx, cy+dy, cx+dx+1, cy+dy+1), red, image.Point{}, draw.Src)
		}
		drawNumber(dst, m.N, cx, cy, radius)
	}
	var buf bytes.Buffer
	if im.Format == "png" {
		err = png.Encode(&buf, dst)
	} else {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		return nil, fmt.Errorf("drawing highlights: %w", err)
	}
	return buf.Bytes(), nil
}

// drawNumber writes n in white, centred on (cx, cy), about as tall as the
// disc's radius.
func drawNumber(dst *image.RGBA, n, cx, cy, radius int) {
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
