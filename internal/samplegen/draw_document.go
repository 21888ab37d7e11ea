package samplegen

import (
	"image"
	"image/color"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Document is a plain text document image (logistics proof, catalogue
// proof, quality certificate, policy page).
type Document struct {
	Title string   `yaml:"title"`
	Lines []string `yaml:"lines"` // each wrapped to the page width; "" leaves a blank line
	Stamp string   `yaml:"stamp"` // if non-empty, drawn as a red circular seal with this text
	Lang  string   `yaml:"-"`     // language of the footer: zh (default) or en
}

const (
	docW, docH   = 1240, 1754 // A4 at 150 dpi
	docMargin    = 130
	docTextSize  = 30
	docLineH     = 52
	docSealR     = 150
	docTitleSize = 46
)

// DrawDocument draws a 1240x1754 (A4 at 150 dpi) white page with the title
// centred, the lines wrapped to the text width, and, when Stamp is set, a red
// circular seal over the end of the text. A document too long for one page
// makes a taller image rather than losing lines.
func DrawDocument(d Document) image.Image {
	body := newPen(docTextSize)
	textW := docW - 2*docMargin
	var lines []string
	for _, l := range d.Lines {
		lines = append(lines, body.wrap(l, textW)...)
	}
	titleP := newBoldPen(docTitleSize)
	titleLines := titleP.wrap(d.Title, textW)
	top := 190
	textTop := top + len(titleLines)*70 + 60
	need := textTop + len(lines)*docLineH + 2*docSealR + 160
	h := max(docH, need)
	img := newCanvas(docW, h, white)
	ink := rgb(28, 28, 30)

	y := top
	for _, tl := range titleLines {
		titleP.drawCentered(img, docW/2, y, tl, ink)
		y += 70
	}
	fillRect(img, image.Rect(docMargin, y-30, docW-docMargin, y-27), ink)
	y = textTop
	for _, l := range lines {
		body.draw(img, docMargin, y, l, ink)
		y += docLineH
	}
	// Page number in the footer.
	newPen(20).drawCentered(img, docW/2, h-60, wordsFor(d.Lang).Page, rgb(120, 120, 120))

	if d.Stamp != "" {
		cy := y - docLineH
		cx := docW - docMargin - docSealR - 20
		drawSeal(img, cx, cy, docSealR, d.Stamp)
	}
	return img
}

// drawSeal draws a red company seal: a thick ring, a five-pointed star in
// the middle and text running clockwise along the upper arc, with uneven
// ink like a real stamp.
func drawSeal(img *image.RGBA, cx, cy, r int, text string) {
	if textHook != nil {
		textHook(text)
	}
	layer := image.NewAlpha(image.Rect(0, 0, 2*r+2, 2*r+2))
	lc := r + 1 // centre of the layer
	set := func(bb image.Rectangle, in shape) {
		// Coverage into the alpha layer (max with what is there).
		bb = bb.Intersect(layer.Rect)
		for y := bb.Min.Y; y < bb.Max.Y; y++ {
			for x := bb.Min.X; x < bb.Max.X; x++ {
				cov := 0
				for _, dy := range subSamples {
					for _, dx := range subSamples {
						if in(x*8+dx, y*8+dy) {
							cov++
						}
					}
				}
				if a := uint8(cov * 255 / 16); a > layer.Pix[layer.PixOffset(x, y)] {
					layer.Pix[layer.PixOffset(x, y)] = a
				}
			}
		}
	}
	ringW := max(6, r/18)
	set(layer.Rect, shMinus(shCircle(lc, lc, r), shCircle(lc, lc, r-ringW)))

	// Star: inner pentagon plus five tip triangles.
	outer, innerR := r*36/100, r*36*382/100000
	var tips, inner [5]image.Point
	for k := 0; k < 5; k++ {
		s, c := fixedSinCos(float64(-90 + 72*k))
		tips[k] = image.Pt(lc*8+c*outer*8/65536, lc*8+s*outer*8/65536)
		s, c = fixedSinCos(float64(-90 + 36 + 72*k))
		inner[k] = image.Pt(lc*8+c*innerR*8/65536, lc*8+s*innerR*8/65536)
	}
	parts := []shape{shPoly8(inner[:])}
	for k := 0; k < 5; k++ {
		parts = append(parts, shPoly8([]image.Point{inner[(k+4)%5], tips[k], inner[k]}))
	}
	set(image.Rect(lc-outer-1, lc-outer-1, lc+outer+2, lc+outer+2), shOr(parts...))

	// Text along the upper arc, each glyph upright relative to the circle.
	rs := []rune(text)
	if len(rs) > 0 {
		span := 250 // degrees of arc used
		if len(rs) < 9 {
			span = 30 * len(rs)
		}
		// Glyph size from the arc length each rune gets (CJK glyphs are square).
		arc := (r * 76 / 100) * span * 314 / 18000
		size := min(r*26/100, arc/len(rs)*86/100)
		size = max(size, 12)
		p := newBoldPen(size)
		textR := r - ringW - size*62/100 - 6 // radius of glyph centres
		for i, ch := range rs {
			// Angle from straight up, clockwise positive.
			ang := -span/2 + span*(2*i+1)/(2*len(rs))
			s, c := fixedSinCos(float64(ang))
			gx := lc + s*textR/65536
			gy := lc - c*textR/65536
			drawRotatedRune(layer, p, ch, gx, gy, s, c)
		}
	}

	// Composite: uneven red ink, multiplied over the page so text shows through.
	red := color.RGBA{200, 22, 30, 255}
	seed := uint64(len(text))*0x9E3779B9 + 0x5EA1
	for _, ch := range text {
		seed = hash64(seed ^ uint64(ch))
	}
	for y := 0; y < layer.Rect.Dy(); y++ {
		for x := 0; x < layer.Rect.Dx(); x++ {
			a := int(layer.Pix[layer.PixOffset(x, y)])
			if a == 0 {
				continue
			}
			px, py := cx-lc+x, cy-lc+y
			if !(image.Point{px, py}).In(img.Rect) {
				continue
			}
			// Patchy ink: smooth blotches plus grain.
			blot := valueNoise1D(x*3+y*7, 23, seed) + valueNoise1D(y*5-x*2, 31, seed+1)
			k := 150 + blot/5 - int(hash64(seed^uint64(y*4096+x))%60)
			a = a * max(0, min(k, 230)) / 255
			o := img.PixOffset(px, py)
			pix := img.Pix[o : o+4]
			// multiply blend: dst * (1 - a*(1-red))
			pix[0] = uint8(int(pix[0]) * (255*255 - a*(255-int(red.R))) / (255 * 255))
			pix[1] = uint8(int(pix[1]) * (255*255 - a*(255-int(red.G))) / (255 * 255))
			pix[2] = uint8(int(pix[2]) * (255*255 - a*(255-int(red.B))) / (255 * 255))
		}
	}
}

// drawRotatedRune draws ch centred on (gx, gy) into the alpha layer, rotated
// so that its top points away from the circle centre: rotation by the angle
// whose sine and cosine (scaled by 65536) are s and c.
func drawRotatedRune(layer *image.Alpha, p *pen, ch rune, gx, gy, s, c int) {
	if !p.has(ch) {
		return
	}
	box := p.size * 2
	glyph := image.NewAlpha(image.Rect(0, 0, box, box))
	adv := font.MeasureString(p.face, string(ch))
	base := box/2 + p.size*36/100
	idx := p.glyphIndex(ch)
	for _, dx := range []fixed.Int26_6{0, p.boldOffset() / 2, p.boldOffset()} {
		dot := fixed.Point26_6{X: fixed.I(box/2) - adv/2 + dx - p.boldOffset()/2, Y: fixed.I(base)}
		g := p.glyph(idx, int(dot.X)&63, int(dot.Y)&63)
		if g.mask == nil {
			continue
		}
		ox, oy := int(dot.X)>>6+g.off.X, int(dot.Y)>>6+g.off.Y
		for y := 0; y < g.mask.Rect.Dy(); y++ {
			for x := 0; x < g.mask.Rect.Dx(); x++ {
				if !(image.Point{ox + x, oy + y}).In(glyph.Rect) {
					continue
				}
				o := glyph.PixOffset(ox+x, oy+y)
				glyph.Pix[o] = max(glyph.Pix[o], g.mask.Pix[y*g.mask.Stride+x])
			}
		}
	}
	// For each destination pixel, rotate back into glyph space and sample
	// bilinearly, all in 16.16 fixed point.
	half := box / 2
	reach := box*3/4 + 1
	for y := gy - reach; y <= gy+reach; y++ {
		for x := gx - reach; x <= gx+reach; x++ {
			if !(image.Point{x, y}).In(layer.Rect) {
				continue
			}
			dx, dy := x-gx, y-gy
			// inverse rotation: u = dx*c + dy*s, v = -dx*s + dy*c
			u := dx*c + dy*s + half*65536 - 32768
			v := -dx*s + dy*c + half*65536 - 32768
			a := sampleAlpha(glyph, u, v)
			if a == 0 {
				continue
			}
			o := layer.PixOffset(x, y)
			if uint8(a) > layer.Pix[o] {
				layer.Pix[o] = uint8(a)
			}
		}
	}
}

// sampleAlpha samples m bilinearly at (u, v) given in 16.16 fixed point.
func sampleAlpha(m *image.Alpha, u, v int) int {
	x0, y0 := u>>16, v>>16
	fx, fy := (u>>8)&255, (v>>8)&255
	at := func(x, y int) int {
		if x < 0 || y < 0 || x >= m.Rect.Dx() || y >= m.Rect.Dy() {
			return 0
		}
		return int(m.Pix[m.PixOffset(x, y)])
	}
	top := at(x0, y0)*(256-fx) + at(x0+1, y0)*fx
	bot := at(x0, y0+1)*(256-fx) + at(x0+1, y0+1)*fx
	return (top*(256-fy) + bot*fy) >> 16
}
