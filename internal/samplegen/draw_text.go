package samplegen

import (
	"cmp"
	"image"
	"image/color"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Glyphs are rasterised here rather than by font.Drawer: the rasteriser in
// golang.org/x/image/vector works in float32, and the Go compiler may fuse
// its multiply-adds on some platforms (arm64, ppc64, s390x, amd64 with
// GOAMD64=v3), which changes anti-aliased edge pixels and so the bytes of
// the images. This one is integer-only: outlines come from sfnt in 26.6
// fixed point, curves are flattened with integer arithmetic, and coverage
// is computed on 8 sample rows per pixel with exact horizontal spans.

// glyphKey identifies a rendered glyph: the glyph and the sub-pixel phase of
// its origin (in 1/64 px) at the pen's size.
type glyphKey struct {
	idx        sfnt.GlyphIndex
	subX, subY int
}

// glyphMask is a rendered glyph: alpha values with the top-left pixel at
// (off.X, off.Y) relative to the pixel that holds the glyph origin.
type glyphMask struct {
	mask *image.Alpha
	off  image.Point
}

// ppem is the pen size as sfnt wants it (72 dpi: points are pixels).
func (p *pen) ppem() fixed.Int26_6 { return fixed.I(p.size) }

// glyphIndex returns the glyph of r (0 when the font lacks it).
func (p *pen) glyphIndex(r rune) sfnt.GlyphIndex {
	i, err := p.f.GlyphIndex(&p.buf, r)
	if err != nil {
		return 0
	}
	return i
}

// drawText draws a run of runes the font has, with kerning, starting at dot,
// and returns the dot after it.
func (p *pen) drawText(dst *image.RGBA, dot fixed.Point26_6, s string, c color.RGBA) fixed.Point26_6 {
	var prev sfnt.GlyphIndex
	for i, r := range s {
		idx := p.glyphIndex(r)
		if i > 0 && prev != 0 && idx != 0 {
			if k, err := p.f.Kern(&p.buf, prev, idx, p.ppem(), font.HintingNone); err == nil {
				dot.X += k
			}
		}
		p.drawGlyph(dst, dot, idx, c)
		if adv, err := p.f.GlyphAdvance(&p.buf, idx, p.ppem(), font.HintingNone); err == nil {
			dot.X += adv
		}
		prev = idx
	}
	return dot
}

// drawGlyph blends glyph idx with its origin at dot over dst in colour c.
func (p *pen) drawGlyph(dst *image.RGBA, dot fixed.Point26_6, idx sfnt.GlyphIndex, c color.RGBA) {
	g := p.glyph(idx, int(dot.X)&63, int(dot.Y)&63)
	if g.mask == nil {
		return
	}
	ox, oy := int(dot.X)>>6+g.off.X, int(dot.Y)>>6+g.off.Y
	m := g.mask
	for y := 0; y < m.Rect.Dy(); y++ {
		py := oy + y
		if py < dst.Rect.Min.Y || py >= dst.Rect.Max.Y {
			continue
		}
		for x := 0; x < m.Rect.Dx(); x++ {
			px := ox + x
			if px < dst.Rect.Min.X || px >= dst.Rect.Max.X {
				continue
			}
			a := int(m.Pix[y*m.Stride+x])
			if a == 0 {
				continue
			}
			o := dst.PixOffset(px, py)
			blendAt(dst.Pix[o:o+4], c, a)
		}
	}
}

// glyph renders (or fetches from the pen's cache) glyph idx at the given
// sub-pixel phase.
func (p *pen) glyph(idx sfnt.GlyphIndex, subX, subY int) glyphMask {
	key := glyphKey{idx, subX, subY}
	if p.glyphCache == nil {
		p.glyphCache = map[glyphKey]glyphMask{}
	}
	if g, ok := p.glyphCache[key]; ok {
		return g
	}
	g := p.renderGlyph(idx, subX, subY)
	p.glyphCache[key] = g
	return g
}

// edge is a line segment of an outline in 26.6 pixel units, y0 != y1.
type edge struct {
	x0, y0, x1, y1 int
	dir            int // +1 downwards, -1 upwards
}

func (p *pen) renderGlyph(idx sfnt.GlyphIndex, subX, subY int) glyphMask {
	segs, err := p.f.LoadGlyph(&p.buf, idx, p.ppem(), nil)
	if err != nil || len(segs) == 0 {
		return glyphMask{}
	}
	// Flatten into edges, in 26.6 units relative to the origin pixel's corner.
	var edges []edge
	var start, cur image.Point
	line := func(to image.Point) {
		if to.Y != cur.Y {
			e := edge{cur.X, cur.Y, to.X, to.Y, 1}
			if to.Y < cur.Y {
				e = edge{to.X, to.Y, cur.X, cur.Y, -1}
			}
			edges = append(edges, e)
		}
		cur = to
	}
	pt := func(q fixed.Point26_6) image.Point { return image.Pt(int(q.X)+subX, int(q.Y)+subY) }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if cur != start {
				line(start)
			}
			start, cur = pt(s.Args[0]), pt(s.Args[0])
		case sfnt.SegmentOpLineTo:
			line(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			p0, p1, p2 := cur, pt(s.Args[0]), pt(s.Args[1])
			n := curveSteps(p0, p1, p2)
			for i := 1; i <= n; i++ {
				a, b := n-i, i
				nn := n * n
				line(image.Pt(
					roundDiv(a*a*p0.X+2*a*b*p1.X+b*b*p2.X, nn),
					roundDiv(a*a*p0.Y+2*a*b*p1.Y+b*b*p2.Y, nn)))
			}
		case sfnt.SegmentOpCubeTo:
			p0, p1, p2, p3 := cur, pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
			n := min(24, curveSteps(p0, p1, p3)+curveSteps(p0, p2, p3))
			for i := 1; i <= n; i++ {
				a, b := n-i, i
				nnn := n * n * n
				line(image.Pt(
					roundDiv(a*a*a*p0.X+3*a*a*b*p1.X+3*a*b*b*p2.X+b*b*b*p3.X, nnn),
					roundDiv(a*a*a*p0.Y+3*a*a*b*p1.Y+3*a*b*b*p2.Y+b*b*b*p3.Y, nnn)))
			}
		}
	}
	if cur != start {
		line(start)
	}
	if len(edges) == 0 {
		return glyphMask{}
	}
	minX, minY, maxX, maxY := edges[0].x0, edges[0].y0, edges[0].x0, edges[0].y1
	for _, e := range edges {
		minX, maxX = min(minX, e.x0, e.x1), max(maxX, e.x0, e.x1)
		minY, maxY = min(minY, e.y0), max(maxY, e.y1)
	}
	px0, py0 := minX>>6, minY>>6
	px1, py1 := (maxX+63)>>6, (maxY+63)>>6
	w, h := px1-px0, py1-py0
	if w <= 0 || h <= 0 {
		return glyphMask{}
	}
	acc := make([]int, w+1)
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	type crossing struct{ x, dir int }
	var xs []crossing
	for y := 0; y < h; y++ {
		clear(acc)
		for k := 0; k < 8; k++ {
			sy := (py0+y)*64 + 4 + 8*k // sample row in 26.6
			xs = xs[:0]
			for _, e := range edges {
				if sy < e.y0 || sy >= e.y1 {
					continue
				}
				x := e.x0 + int(floorDiv64(int64(sy-e.y0)*int64(e.x1-e.x0), int64(e.y1-e.y0)))
				xs = append(xs, crossing{x, e.dir})
			}
			slices.SortFunc(xs, func(a, b crossing) int {
				if c := cmp.Compare(a.x, b.x); c != 0 {
					return c
				}
				return cmp.Compare(a.dir, b.dir)
			})
			wind := 0
			for i := 0; i+1 < len(xs); i++ {
				wind += xs[i].dir
				if wind == 0 {
					continue
				}
				addSpan(acc, xs[i].x-px0*64, xs[i+1].x-px0*64)
			}
		}
		row := mask.Pix[y*mask.Stride : y*mask.Stride+w]
		for x := range row {
			row[x] = uint8(min(acc[x], 512) * 255 / 512)
		}
	}
	return glyphMask{mask: mask, off: image.Pt(px0, py0)}
}

// addSpan adds the coverage of [xa, xb) (26.6 units, one sample row) to acc,
// which holds one counter per pixel; a full pixel gets 64.
func addSpan(acc []int, xa, xb int) {
	xa = max(xa, 0)
	xb = min(xb, (len(acc)-1)*64)
	if xb <= xa {
		return
	}
	ia, ib := xa>>6, xb>>6
	if ia == ib {
		acc[ia] += xb - xa
		return
	}
	acc[ia] += 64 - xa&63
	for i := ia + 1; i < ib; i++ {
		acc[i] += 64
	}
	if xb&63 != 0 {
		acc[ib] += xb & 63
	}
}

// curveSteps is how many line segments approximate a quadratic curve with
// control polygon p0 p1 p2 closely enough (about one segment per 3 px of
// control polygon length).
func curveSteps(p0, p1, p2 image.Point) int {
	l := iabs(p1.X-p0.X) + iabs(p1.Y-p0.Y) + iabs(p2.X-p1.X) + iabs(p2.Y-p1.Y)
	return max(2, min(24, l/(64*3)+2))
}

func iabs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// roundDiv is n/d rounded to nearest (halves up), for d > 0.
func roundDiv(n, d int) int { return floorDiv(2*n+d, 2*d) }

func floorDiv64(m, k int64) int64 {
	q := m / k
	if m%k != 0 && (m < 0) != (k < 0) {
		q--
	}
	return q
}
