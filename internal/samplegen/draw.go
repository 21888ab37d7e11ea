// Package samplegen draws the synthetic evidence and writes the sample order
// folders committed under samples/.
//
// Every Draw* function is a pure function of its argument: the same input
// gives the same pixels on every run, machine, time zone and locale, and is
// safe to call concurrently. To keep it so, all drawing is integer
// arithmetic: geometry, colours, noise (hashes of a seed and the pixel
// position; no time, no global random source, no map iteration), and text,
// which is rasterised from the font's 26.6 fixed-point outlines by the
// integer rasteriser in draw_text.go rather than by x/image/vector, whose
// float32 arithmetic the compiler may fuse differently per platform. The
// only floating point is detSin, whose every operation is explicitly rounded.
package samplegen

import (
	"image"
	"image/color"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/proofpack/proofpack/internal/cjkfont"
)

// ---------------------------------------------------------------------------
// Font and text

var drawFont struct {
	once sync.Once
	f    *opentype.Font
	err  error
}

// drawLoadFont parses the embedded CJK font once.
func drawLoadFont() *opentype.Font {
	drawFont.once.Do(func() {
		drawFont.f, drawFont.err = opentype.Parse(cjkfont.TTF)
	})
	if drawFont.err != nil {
		// The font is embedded in the binary: failing to parse it is a build
		// defect, not a runtime condition callers could handle.
		panic("samplegen: parsing embedded font: " + drawFont.err.Error())
	}
	return drawFont.f
}

// pen draws text of one size. It is not safe for concurrent use; every Draw*
// call makes its own pens.
type pen struct {
	f        *opentype.Font
	face     font.Face
	buf      sfnt.Buffer
	size     int
	bold     bool
	asc      int // ascent in pixels
	desc     int // descent in pixels
	hasCache map[rune]bool

	glyphCache map[glyphKey]glyphMask
}

func newPen(size int) *pen {
	f := drawLoadFont()
	face, err := opentype.NewFace(f, &opentype.FaceOptions{
		Size:    float64(size),
		DPI:     72,
		Hinting: font.HintingNone,
	})
	if err != nil {
		panic("samplegen: font face: " + err.Error())
	}
	m := face.Metrics()
	return &pen{f: f, face: face, size: size, asc: m.Ascent.Ceil(), desc: m.Descent.Ceil(), hasCache: map[rune]bool{}}
}

func newBoldPen(size int) *pen {
	p := newPen(size)
	p.bold = true
	return p
}

// has reports whether the font has a real glyph (not .notdef) for r.
func (p *pen) has(r rune) bool {
	if v, ok := p.hasCache[r]; ok {
		return v
	}
	i, err := p.f.GlyphIndex(&p.buf, r)
	v := err == nil && i != 0
	p.hasCache[r] = v
	return v
}

// boldOffset is the horizontal offset of the second pass of fake bold, in 26.6.
func (p *pen) boldOffset() fixed.Int26_6 {
	if !p.bold {
		return 0
	}
	o := fixed.Int26_6(p.size * 64 / 26)
	if o < 48 {
		o = 48
	}
	return o
}

func (p *pen) smileyAdvance() fixed.Int26_6 { return fixed.I(p.size + p.size/8) }

// textRun is a piece of a string: either text the font can draw or one
// rune it cannot, drawn as a smiley.
type textRun struct {
	text   string
	smiley bool
}

// isInvisible reports runes that modify or join their neighbours (variation
// selectors, joiners, skin tones, keycaps, tags) and take no room of their own.
func isInvisible(r rune) bool {
	switch {
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x20E3:
		return true
	case r >= 0xFE00 && r <= 0xFE0F:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return true
	case r >= 0xE0000 && r <= 0xE01EF:
		return true
	}
	return false
}

// runs splits s into drawable runs. Control characters and invisible
// modifiers are dropped (tabs become spaces); every rune the font lacks
// becomes one smiley, except the tail of an emoji ZWJ sequence or of a flag
// pair, so that "👨‍👩‍👧" or "🇨🇳" shows as a single smiley.
func (p *pen) runs(s string) []textRun {
	var out []textRun
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			out = append(out, textRun{text: string(cur)})
			cur = cur[:0]
		}
	}
	prev := rune(0)
	regional := false // the previous smiley was an unpaired regional indicator
	for _, r := range s {
		if r == utf8.RuneError {
			r = '?'
		}
		if r == '\t' {
			r = ' '
		}
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) {
			prev = r
			continue
		}
		if isInvisible(r) {
			prev = r
			continue
		}
		if p.has(r) {
			cur = utf8.AppendRune(cur, r)
			prev = r
			regional = false
			continue
		}
		if prev == 0x200D { // joined to the previous emoji
			prev = r
			continue
		}
		isRI := r >= 0x1F1E6 && r <= 0x1F1FF
		if isRI && regional { // second half of a flag
			regional = false
			prev = r
			continue
		}
		flush()
		out = append(out, textRun{smiley: true})
		regional = isRI
		prev = r
	}
	flush()
	return out
}

// advance26 measures s in 26.6 fixed point.
func (p *pen) advance26(s string) fixed.Int26_6 {
	var w fixed.Int26_6
	for _, r := range p.runs(s) {
		if r.smiley {
			w += p.smileyAdvance()
			continue
		}
		w += font.MeasureString(p.face, r.text) + p.boldOffset()
	}
	return w
}

// width measures s in whole pixels (rounded up).
func (p *pen) width(s string) int { return p.advance26(s).Ceil() }

// textHook, when tests set it, is called with every string drawn as text.
var textHook func(string)

// draw draws s with its baseline at y, starting at x, and returns the x after it.
func (p *pen) draw(dst *image.RGBA, x, y int, s string, c color.RGBA) int {
	if textHook != nil {
		textHook(s)
	}
	dot := fixed.P(x, y)
	for _, r := range p.runs(s) {
		if r.smiley {
			adv := p.smileyAdvance()
			drawSmiley(dst, (dot.X + adv/2).Round(), y-p.size*36/100, p.size*44/100)
			dot.X += adv
			continue
		}
		if p.bold {
			// Fake bold: the run three times, shifted right by up to boldOffset.
			start := dot
			for _, dx := range []fixed.Int26_6{0, p.boldOffset() / 2, p.boldOffset()} {
				d := start
				d.X += dx
				dot = p.drawText(dst, d, r.text, c)
			}
			continue
		}
		dot = p.drawText(dst, dot, r.text, c)
	}
	return dot.X.Ceil()
}

// drawCentered draws s centred on cx.
func (p *pen) drawCentered(dst *image.RGBA, cx, y int, s string, c color.RGBA) {
	p.draw(dst, cx-p.width(s)/2, y, s, c)
}

// drawRight draws s ending at x.
func (p *pen) drawRight(dst *image.RGBA, x, y int, s string, c color.RGBA) {
	p.draw(dst, x-p.width(s), y, s, c)
}

// drawSpaced draws s with extra spacing (pixels) between runes, centred on cx.
func (p *pen) drawSpaced(dst *image.RGBA, cx, y int, s string, spacing int, c color.RGBA) {
	rs := []rune(s)
	total := 0
	for i, r := range rs {
		total += p.width(string(r))
		if i > 0 {
			total += spacing
		}
	}
	x := cx - total/2
	for _, r := range rs {
		p.draw(dst, x, y, string(r), c)
		x += p.width(string(r)) + spacing
	}
}

// fit shortens s with an ellipsis until it is at most maxW pixels wide.
func (p *pen) fit(s string, maxW int) string {
	if p.width(s) <= maxW {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := string(rs[:n]) + "…"
		if p.width(t) <= maxW {
			return t
		}
	}
	return "…"
}

// noLineStart are punctuation marks that must not begin a line.
const noLineStart = "，。、；：！？）》」』】”’,.;:!?)]%"

func isWordRune(r rune) bool {
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_' || r == '@' || r == '/')
}

// drawWrapped draws s wrapped to maxW, at most maxLines lines (0: all of
// them) lineH apart, the first at y.
func (p *pen) drawWrapped(dst *image.RGBA, x, y int, s string, maxW, maxLines, lineH int, c color.RGBA) {
	lines := p.wrap(s, maxW)
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
	}
	for _, ln := range lines {
		p.draw(dst, x, y, ln, c)
		y += lineH
	}
}

// wrap breaks s into lines no wider than maxW, rune by rune (Chinese text has
// no spaces), keeping Latin words whole where it can, keeping closing
// punctuation off the start of a line, and honouring "\n".
func (p *pen) wrap(s string, maxW int) []string {
	var lines []string
	for _, para := range splitLines(s) {
		rs := []rune(para)
		if len(rs) == 0 {
			lines = append(lines, "")
			continue
		}
		start := 0
		for start < len(rs) {
			end := start + 1
			for end < len(rs) && p.width(string(rs[start:end+1])) <= maxW {
				end++
			}
			if end < len(rs) {
				// Keep a Latin word whole by breaking at the last space.
				if isWordRune(rs[end]) && isWordRune(rs[end-1]) {
					for k := end - 1; k > start && end-k < 24; k-- {
						if rs[k] == ' ' {
							end = k + 1
							break
						}
					}
				}
				// Pull closing punctuation up onto this line.
				for end < len(rs) && containsRune(noLineStart, rs[end]) {
					end++
				}
			}
			line := string(rs[start:end])
			lines = append(lines, trimRightSpace(line))
			start = end
			for start < len(rs) && rs[start] == ' ' {
				start++
			}
		}
	}
	return lines
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, trimRightCR(s[start:i]))
			start = i + 1
		}
	}
	return append(out, trimRightCR(s[start:]))
}

func trimRightCR(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\r' {
		return s[:len(s)-1]
	}
	return s
}

func trimRightSpace(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

func containsRune(set string, r rune) bool {
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}

// drawSmiley draws the stand-in for a rune the font lacks: a yellow face
// with two dot eyes and a smiling arc, centred on (cx, cy) with radius r.
func drawSmiley(img *image.RGBA, cx, cy, r int) {
	if r < 3 {
		r = 3
	}
	bb := image.Rect(cx-r-1, cy-r-1, cx+r+2, cy+r+2)
	paint(img, bb, shCircle(cx, cy, r), solid(rgb(214, 150, 20)), 255)
	paint(img, bb, shCircle(cx, cy, r-max(1, r/9)), solid(rgb(255, 206, 62)), 255)
	eye := max(1, r/6)
	ex, ey := r*36/100, r*28/100
	paint(img, bb, shCircle(cx-ex, cy-ey, eye), solid(rgb(92, 56, 16)), 255)
	paint(img, bb, shCircle(cx+ex, cy-ey, eye), solid(rgb(92, 56, 16)), 255)
	// Smile: the lower part of a ring.
	ro, ri := r*64/100, r*64/100-max(2, r/6)
	cx8, cy8 := cx*8, cy*8
	mouth := func(sx, sy int) bool {
		dx, dy := sx-cx8, sy-cy8
		d2 := dx*dx + dy*dy
		return dy > r*8*12/100 && d2 <= ro*ro*64 && d2 >= ri*ri*64
	}
	paint(img, bb, mouth, solid(rgb(92, 56, 16)), 255)
}

// ---------------------------------------------------------------------------
// Colours

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

func clamp8(v int) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// mix returns a + (b-a)*t/n, per channel.
func mix(a, b color.RGBA, t, n int) color.RGBA {
	if n <= 0 {
		return a
	}
	if t < 0 {
		t = 0
	}
	if t > n {
		t = n
	}
	f := func(x, y uint8) uint8 { return uint8((int(x)*(n-t) + int(y)*t + n/2) / n) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

// scaleColor multiplies c by k/256.
func scaleColor(c color.RGBA, k int) color.RGBA {
	return color.RGBA{clamp8(int(c.R) * k / 256), clamp8(int(c.G) * k / 256), clamp8(int(c.B) * k / 256), 255}
}

// ---------------------------------------------------------------------------
// Raster primitives. All geometry is integer; antialiasing uses 4x4
// supersampling with sample coordinates in 1/8 pixel units: pixel (x, y)
// has samples at 8x+1, 8x+3, 8x+5, 8x+7 (and likewise for y).

func newCanvas(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fillRect(img, img.Rect, c)
	return img
}

// fillRect paints r opaquely with c.
func fillRect(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Rect)
	if r.Empty() {
		return
	}
	row := img.Pix[img.PixOffset(r.Min.X, r.Min.Y) : img.PixOffset(r.Min.X, r.Min.Y)+r.Dx()*4]
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, 255
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		o := img.PixOffset(r.Min.X, y)
		copy(img.Pix[o:o+len(row)], row)
	}
}

// blendRect blends c over r with opacity a (0..255).
func blendRect(img *image.RGBA, r image.Rectangle, c color.RGBA, a int) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := img.PixOffset(r.Min.X, y)
		for x := r.Min.X; x < r.Max.X; x++ {
			blendAt(img.Pix[o:o+4], c, a)
			o += 4
		}
	}
}

// blendAt blends c with opacity a (0..255) over the pixel p (4 bytes).
func blendAt(p []uint8, c color.RGBA, a int) {
	if a >= 255 {
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, 255
		return
	}
	if a <= 0 {
		return
	}
	ia := 255 - a
	p[0] = uint8((int(c.R)*a + int(p[0])*ia + 127) / 255)
	p[1] = uint8((int(c.G)*a + int(p[1])*ia + 127) / 255)
	p[2] = uint8((int(c.B)*a + int(p[2])*ia + 127) / 255)
	p[3] = 255
}

// vGradient fills r with a vertical gradient from top to bottom.
func vGradient(img *image.RGBA, r image.Rectangle, top, bottom color.RGBA) {
	r = r.Intersect(img.Rect)
	h := r.Dy() - 1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		fillRect(img, image.Rect(r.Min.X, y, r.Max.X, y+1), mix(top, bottom, y-r.Min.Y, h))
	}
}

// rect outlines r with a border of thickness t inside r.
func strokeRect(img *image.RGBA, r image.Rectangle, t int, c color.RGBA) {
	fillRect(img, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+t), c)
	fillRect(img, image.Rect(r.Min.X, r.Max.Y-t, r.Max.X, r.Max.Y), c)
	fillRect(img, image.Rect(r.Min.X, r.Min.Y, r.Min.X+t, r.Max.Y), c)
	fillRect(img, image.Rect(r.Max.X-t, r.Min.Y, r.Max.X, r.Max.Y), c)
}

// shape reports whether a sample point (in 1/8 px units) is inside.
type shape func(sx, sy int) bool

// solid returns a constant colour source.
func solid(c color.RGBA) func(x, y int) color.RGBA {
	return func(int, int) color.RGBA { return c }
}

var subSamples = [4]int{1, 3, 5, 7}

// paint fills the part of bb covered by in with colours from col, with the
// given overall opacity (0..255), antialiased by 4x4 supersampling.
func paint(img *image.RGBA, bb image.Rectangle, in shape, col func(x, y int) color.RGBA, opacity int) {
	bb = bb.Intersect(img.Rect)
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		o := img.PixOffset(bb.Min.X, y)
		for x := bb.Min.X; x < bb.Max.X; x, o = x+1, o+4 {
			// The four corner samples first: when they agree, the pixel is
			// taken as wholly in or out (exact for convex shapes, and for
			// any shape whose features are wider than a pixel).
			x8, y8 := x*8, y*8
			corners := 0
			if in(x8+1, y8+1) {
				corners++
			}
			if in(x8+7, y8+1) {
				corners++
			}
			if in(x8+1, y8+7) {
				corners++
			}
			if in(x8+7, y8+7) {
				corners++
			}
			cov := 0
			switch corners {
			case 0:
				continue
			case 4:
				cov = 16
			default:
				for _, dy := range subSamples {
					sy := y8 + dy
					for _, dx := range subSamples {
						if in(x8+dx, sy) {
							cov++
						}
					}
				}
			}
			if cov == 0 {
				continue
			}
			blendAt(img.Pix[o:o+4], col(x, y), opacity*cov/16)
		}
	}
}

// fillPoly fills a convex polygon (vertices in pixel units, either winding)
// with colours from col at the given opacity. It is paint(shPoly(...)) made
// fast for large areas: for each of the four sample rows of a pixel row it
// solves the edge inequalities for the span of samples inside.
func fillPoly(img *image.RGBA, col func(x, y int) color.RGBA, opacity int, pts ...image.Point) {
	n := len(pts)
	if n < 3 {
		return
	}
	p8 := make([]image.Point, n)
	bb := image.Rectangle{Min: pts[0], Max: pts[0]}
	area := 0
	for i, p := range pts {
		p8[i] = image.Pt(p.X*8, p.Y*8)
		bb = bb.Union(image.Rectangle{Min: p, Max: p.Add(image.Pt(1, 1))})
		q := pts[(i+1)%n]
		area += p.X*q.Y - q.X*p.Y
	}
	if area == 0 {
		return
	}
	sign := 1
	if area < 0 {
		sign = -1
	}
	bb = bb.Intersect(img.Rect)
	if bb.Empty() {
		return
	}
	cov := make([]int, bb.Dx())
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		clear(cov)
		any := false
		for _, dy := range subSamples {
			sy := y*8 + dy
			lo, hi := bb.Min.X*8, bb.Max.X*8-1
			for i := 0; i < n && lo <= hi; i++ {
				a, b := p8[i], p8[(i+1)%n]
				// inside: sign*((b.X-a.X)*(sy-a.Y) - (b.Y-a.Y)*(sx-a.X)) >= 0,
				// that is k*sx <= m.
				k := sign * (b.Y - a.Y)
				m := sign * ((b.X-a.X)*(sy-a.Y) + (b.Y-a.Y)*a.X)
				switch {
				case k > 0:
					hi = min(hi, floorDiv(m, k))
				case k < 0:
					lo = max(lo, -floorDiv(m, -k)) // ceil(m/k) for k < 0
				default:
					if m < 0 {
						hi = lo - 1
					}
				}
			}
			if lo > hi {
				continue
			}
			any = true
			// Count samples 8x+{1,3,5,7} in [lo, hi] for each pixel x.
			for x := max(lo>>3, bb.Min.X); x <= min(hi>>3, bb.Max.X-1); x++ {
				c := 0
				for _, dx := range subSamples {
					if sx := x*8 + dx; sx >= lo && sx <= hi {
						c++
					}
				}
				cov[x-bb.Min.X] += c
			}
		}
		if !any {
			continue
		}
		o := img.PixOffset(bb.Min.X, y)
		for i, c := range cov {
			if c > 0 {
				blendAt(img.Pix[o+4*i:o+4*i+4], col(bb.Min.X+i, y), opacity*c/16)
			}
		}
	}
}

// floorDiv is m/k rounded down, for k > 0.
func floorDiv(m, k int) int {
	q := m / k
	if m%k != 0 && m < 0 {
		q--
	}
	return q
}

func shCircle(cx, cy, r int) shape {
	cx8, cy8, r8 := cx*8, cy*8, r*8
	rr := r8 * r8
	return func(sx, sy int) bool {
		dx, dy := sx-cx8, sy-cy8
		return dx*dx+dy*dy <= rr
	}
}

func shEllipse(cx, cy, rx, ry int) shape {
	cx8, cy8 := int64(cx*8), int64(cy*8)
	rx8, ry8 := int64(max(rx, 1)*8), int64(max(ry, 1)*8)
	lim := rx8 * rx8 * ry8 * ry8
	return func(sx, sy int) bool {
		dx, dy := int64(sx)-cx8, int64(sy)-cy8
		return dx*dx*ry8*ry8+dy*dy*rx8*rx8 <= lim
	}
}

// shRoundRect is r with corners rounded to radius rad.
func shRoundRect(r image.Rectangle, rad int) shape {
	x0, y0, x1, y1 := r.Min.X*8, r.Min.Y*8, r.Max.X*8, r.Max.Y*8
	r8 := rad * 8
	// corner is, on one axis, the centre of the corner arc beside s, or
	// false where s lies between the arcs.
	corner := func(s, lo, hi int) (int, bool) {
		switch {
		case s < lo+r8:
			return lo + r8, true
		case s >= hi-r8:
			return hi - r8, true
		}
		return 0, false
	}
	return func(sx, sy int) bool {
		if sx < x0 || sx >= x1 || sy < y0 || sy >= y1 {
			return false
		}
		cx, inX := corner(sx, x0, x1)
		cy, inY := corner(sy, y0, y1)
		if !inX || !inY {
			return true
		}
		dx, dy := sx-cx, sy-cy
		return dx*dx+dy*dy <= r8*r8
	}
}

// shPoly is a convex polygon with vertices in pixel units (either winding).
func shPoly(pts ...image.Point) shape {
	p8 := make([]image.Point, len(pts))
	for i, p := range pts {
		p8[i] = image.Pt(p.X*8, p.Y*8)
	}
	return shPoly8(p8)
}

// shPoly8 is a convex polygon with vertices in 1/8 pixel units.
func shPoly8(p8 []image.Point) shape {
	n := len(p8)
	area := 0
	for i := 0; i < n; i++ {
		a, b := p8[i], p8[(i+1)%n]
		area += a.X*b.Y - b.X*a.Y
	}
	sign := 1
	if area < 0 {
		sign = -1
	}
	return func(sx, sy int) bool {
		for i := 0; i < n; i++ {
			a, b := p8[i], p8[(i+1)%n]
			cr := (b.X-a.X)*(sy-a.Y) - (b.Y-a.Y)*(sx-a.X)
			if cr*sign < 0 {
				return false
			}
		}
		return true
	}
}

func shOr(ss ...shape) shape {
	return func(sx, sy int) bool {
		for _, s := range ss {
			if s(sx, sy) {
				return true
			}
		}
		return false
	}
}

func shMinus(a, b shape) shape {
	return func(sx, sy int) bool { return a(sx, sy) && !b(sx, sy) }
}

// shAnd is the intersection of two shapes.
func shAnd(a, b shape) shape {
	return func(sx, sy int) bool { return a(sx, sy) && b(sx, sy) }
}

// shThickLine is a line segment from a to b of width w (pixels), as a quad.
func shThickLine(a, b image.Point, w int) shape {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := isqrt(dx*dx*64 + dy*dy*64) // length in 1/8 px
	if l == 0 {
		return func(int, int) bool { return false }
	}
	// Perpendicular of half-width in 1/8 px: (-dy, dx)/len * w/2 * 8.
	nx := -dy * 8 * w * 4 / l
	ny := dx * 8 * w * 4 / l
	a8, b8 := image.Pt(a.X*8, a.Y*8), image.Pt(b.X*8, b.Y*8)
	return shPoly8([]image.Point{
		{a8.X + nx, a8.Y + ny}, {b8.X + nx, b8.Y + ny}, {b8.X - nx, b8.Y - ny}, {a8.X - nx, a8.Y - ny},
	})
}

// isqrt is the integer square root of n >= 0.
func isqrt(n int) int {
	if n <= 0 {
		return 0
	}
	x := n
	y := (x + 1) / 2
	for y < x {
		x = y
		y = (x + n/x) / 2
	}
	return x
}

// ---------------------------------------------------------------------------
// Photographic touches: deterministic noise and lighting.

// hash64 is SplitMix64's finaliser: a fast, well-mixed integer hash.
func hash64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// addNoise adds luminance noise of amplitude amp (and a little chroma noise)
// to every pixel of r, from a hash of seed and the pixel position.
func addNoise(img *image.RGBA, r image.Rectangle, amp int, seed uint64) {
	r = r.Intersect(img.Rect)
	span := uint64(2*amp + 1)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := img.PixOffset(r.Min.X, y)
		base := seed*0x100000001B3 ^ uint64(y)<<32
		for x := r.Min.X; x < r.Max.X; x, o = x+1, o+4 {
			h := hash64(base ^ uint64(x))
			n := int(h%span) - amp
			c := int(h>>40&7) - 3 // chroma jitter
			img.Pix[o] = clamp8(int(img.Pix[o]) + n + c)
			img.Pix[o+1] = clamp8(int(img.Pix[o+1]) + n)
			img.Pix[o+2] = clamp8(int(img.Pix[o+2]) + n - c)
		}
	}
}

// vignette darkens r towards its corners and lightens it near the light
// point (lx, ly): a cheap imitation of uneven room light on a photo.
func vignette(img *image.RGBA, lx, ly, strength int) {
	b := img.Rect
	maxD := int64(b.Dx()*b.Dx() + b.Dy()*b.Dy())
	f := (int64(strength) * 3 << 32) / maxD // fixed-point 3*strength/maxD
	for y := b.Min.Y; y < b.Max.Y; y++ {
		o := img.PixOffset(b.Min.X, y)
		dy := y - ly
		for x := b.Min.X; x < b.Max.X; x, o = x+1, o+4 {
			dx := x - lx
			d := int64(dx*dx + dy*dy)
			k := 256 + strength/4 - int(d*f>>32)
			if k < 256-strength {
				k = 256 - strength
			}
			img.Pix[o] = clamp8(int(img.Pix[o]) * k >> 8)
			img.Pix[o+1] = clamp8(int(img.Pix[o+1]) * k >> 8)
			img.Pix[o+2] = clamp8(int(img.Pix[o+2]) * k >> 8)
		}
	}
}

// noiseTable returns valueNoise1D(t, period, seed) for t in [from, from+len).
func noiseTable(from, n, period int, seed uint64) []int {
	t := make([]int, n)
	for i := range t {
		t[i] = valueNoise1D(from+i, period, seed)
	}
	return t
}

// valueNoise1D is smooth 1-D noise in 0..255 with features every period
// units, from a hash of seed.
func valueNoise1D(t, period int, seed uint64) int {
	if period <= 0 {
		period = 1
	}
	i := t / period
	f := t % period
	if f < 0 {
		f += period
		i--
	}
	a := int(hash64(seed^uint64(int64(i))) & 255)
	b := int(hash64(seed^uint64(int64(i+1))) & 255)
	// smoothstep in integers: s = 3f^2 - 2f^3 over period^3 (int64: this
	// overflows 32 bits for periods of a few hundred)
	p, f64 := int64(period), int64(f)
	s := int((3*f64*f64*p - 2*f64*f64*f64) * 256 / (p * p * p))
	return (a*(256-s) + b*s) >> 8
}

// softShadow darkens an elliptical area with falloff: a contact shadow.
func softShadow(img *image.RGBA, cx, cy, rx, ry, maxAlpha int) {
	bb := image.Rect(cx-rx, cy-ry, cx+rx+1, cy+ry+1).Intersect(img.Rect)
	rx2, ry2 := int64(max(rx, 1)*max(rx, 1)), int64(max(ry, 1)*max(ry, 1))
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		o := img.PixOffset(bb.Min.X, y)
		dy := int64(y - cy)
		for x := bb.Min.X; x < bb.Max.X; x, o = x+1, o+4 {
			dx := int64(x - cx)
			// e = normalised distance^2 * 1024
			e := (dx*dx*1024)/rx2 + (dy*dy*1024)/ry2
			if e >= 1024 {
				continue
			}
			a := int((1024 - e) * int64(maxAlpha) / 1024)
			blendAt(img.Pix[o:o+4], rgb(20, 16, 12), a)
		}
	}
}

// ---------------------------------------------------------------------------
// Deterministic trigonometry for the few places that need angles (seal text,
// star points). Every product is rounded explicitly so that no platform can
// fuse operations and change a result.

const detPi = 3.14159265358979323846

// detSin returns sin(x) for x in radians, by range reduction to [-pi/2, pi/2]
// and a Taylor polynomial, with each operation rounded explicitly.
func detSin(x float64) float64 {
	twoPi := float64(2 * detPi)
	for x > detPi {
		x = float64(x - twoPi)
	}
	for x < -detPi {
		x = float64(x + twoPi)
	}
	if x > detPi/2 {
		x = float64(detPi - x)
	} else if x < -detPi/2 {
		x = float64(-detPi - x)
	}
	x2 := float64(x * x)
	term := x
	sum := x
	for n := 1; n <= 10; n++ {
		term = float64(float64(-term*x2) / float64((2*n)*(2*n+1)))
		sum = float64(sum + term)
	}
	return sum
}

func detCos(x float64) float64 { return detSin(float64(x + detPi/2)) }

// fixedSinCos returns sin and cos of deg degrees scaled by 65536, rounded.
func fixedSinCos(deg float64) (int, int) {
	rad := float64(float64(deg*detPi) / 180)
	s := float64(detSin(rad) * 65536)
	c := float64(detCos(rad) * 65536)
	return roundInt(s), roundInt(c)
}

func roundInt(v float64) int {
	if v < 0 {
		return -int(float64(-v + 0.5))
	}
	return int(float64(v + 0.5))
}
