package samplegen

import (
	"image"
	"image/color"
	"strconv"
	"strings"
)

// Photo is a product or packing photo.
type Photo struct {
	Subject string `yaml:"subject"` // what is photographed, e.g. "不锈钢保温杯 x2"; a trailing "x2"/"×2" draws two; etched on a vacuum cup
	Caption string `yaml:"caption"` // text on the caption card
	Packing bool   `yaml:"packing"` // an open cardboard box with the product(s) inside, else the product alone
	Seed    uint64 `yaml:"seed"`    // varies noise, tones and placement
	Product string `yaml:"product"` // vacuum-cup (the default), glass-teacup, ceramic-mug or food-jar; see productFor
	Color   string `yaml:"color"`   // a vacuum cup's painted body colour, "#rrggbb"; "" is bare steel
	Dent    bool   `yaml:"dent"`    // a dent in the body
	Crack   bool   `yaml:"crack"`   // a crack down the body
	Scratch string `yaml:"scratch"` // "lid" or "base": a small scratch there, ringed in red as a buyer marks it
	Leak    bool   `yaml:"leak"`    // water running from under the lid into a puddle
	Lang    string `yaml:"-"`       // language of the marks printed on a packing box: zh (default) or en
}

// Products a photo can show.
const (
	vacuumCup   = "vacuum-cup"
	glassTeacup = "glass-teacup"
	ceramicMug  = "ceramic-mug"
	foodJar     = "food-jar"
)

// productFor names the product a description such as a manifest's
// claimed_item describes: glass-teacup for glass (玻璃), ceramic-mug for
// ceramic or porcelain (陶瓷, 瓷), else vacuum-cup.
func productFor(desc string) string {
	d := strings.ToLower(desc)
	switch {
	case strings.Contains(d, "glass") || strings.Contains(d, "玻璃"):
		return glassTeacup
	case strings.Contains(d, "ceramic") || strings.Contains(d, "porcelain") || strings.Contains(d, "陶瓷") || strings.Contains(d, "瓷杯"):
		return ceramicMug
	case strings.Contains(d, "food jar") || strings.Contains(d, "焖烧"):
		return foodJar
	}
	return vacuumCup
}

const photoW, photoH = 1600, 1200

// DrawPhoto draws a ~1600x1200 photo on a wooden table: for Packing an open
// cardboard box with the product(s) inside and packing tape, otherwise the
// product (a stylised stainless steel vacuum cup) in front of a backdrop,
// plus a caption card carrying Caption. Noise, tones and placement come from
// Seed.
func DrawPhoto(p Photo) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, photoW, photoH))
	seed := hash64(p.Seed ^ 0x9407)
	jit := func(k uint64, span int) int { return int(hash64(seed+k)%uint64(2*span+1)) - span }

	// Backdrop wall and wooden table top.
	tableY := 520 + jit(1, 30)
	wallTop := rgb(uint8(214+jit(2, 10)), uint8(210+jit(3, 8)), 200)
	vGradient(img, image.Rect(0, 0, photoW, tableY), wallTop, scaleColor(wallTop, 210))
	drawWood(img, image.Rect(0, tableY, photoW, photoH), seed)
	// Table edge highlight.
	fillRect(img, image.Rect(0, tableY, photoW, tableY+3), rgb(196, 150, 104))

	_, n := splitQuantity(p.Subject)
	cx := photoW/2 + jit(4, 60)
	if p.Packing {
		drawOpenBox(img, cx, tableY, n, p, seed)
	} else {
		for i, x := range rowCentres(cx, n, 250, 110) {
			drawProduct(img, p, x, 1010+jit(uint64(10+i), 14), 250, 720, seed+uint64(i))
		}
	}

	// Caption card, lying on the table in the lower left.
	if p.Caption != "" {
		cp := newPen(32)
		lines := cp.wrap(p.Caption, 520)
		if len(lines) > 3 {
			lines = lines[:3]
		}
		ch := 48 + len(lines)*48
		card := image.Rect(70, photoH-70-ch, 660, photoH-70)
		softShadow(img, (card.Min.X+card.Max.X)/2+10, card.Max.Y, card.Dx()/2+30, 26, 120)
		fillRect(img, card.Add(image.Pt(6, 8)), rgb(70, 50, 34))
		vGradient(img, card, rgb(250, 249, 243), rgb(236, 234, 226))
		fillRect(img, image.Rect(card.Min.X, card.Min.Y, card.Max.X, card.Min.Y+8), rgb(214, 64, 52))
		y := card.Min.Y + 60
		for _, ln := range lines {
			cp.draw(img, card.Min.X+34, y, ln, rgb(40, 40, 44))
			y += 48
		}
	}

	vignette(img, cx, 280, 80)
	addNoise(img, img.Rect, 6, seed)
	return img
}

// splitQuantity splits a trailing "x2", "×2" or "*2" off s, returning the
// rest and the count (1..4); without one the count is 1.
func splitQuantity(s string) (string, int) {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"x", "X", "×", "*"} {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			continue
		}
		rest := strings.TrimSpace(s[i+len(sep):])
		if len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return strings.TrimSpace(s[:i]), min(int(rest[0]-'0'), 4)
		}
	}
	return s, 1
}

// drawWood paints r as a varnished wooden table top, boards running
// left-right, grain from smooth noise.
func drawWood(img *image.RGBA, r image.Rectangle, seed uint64) {
	base := rgb(uint8(150+int(seed%20)), uint8(102+int(seed>>8%14)), 64)
	board := -1
	prevSeam := true
	var warp, grain []int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		// Boards get taller towards the viewer (perspective).
		rel := y - r.Min.Y
		boardH := 90 + rel/4
		seam := rel%boardH < 2
		if board < 0 || seam && !prevSeam {
			board++
			warp = noiseTable(r.Min.X+int(seed%997), r.Dx(), 260, seed+uint64(board))
			grain = noiseTable(0, r.Dy()*7+256/3*4+8, 36, seed^0xABCD+uint64(board))
		}
		prevSeam = seam
		depth := mix(scaleColor(base, 200), base, rel, r.Dy())
		o := img.PixOffset(r.Min.X, y)
		for x := r.Min.X; x < r.Max.X; x, o = x+1, o+4 {
			g := grain[rel*7+warp[x-r.Min.X]/3*4]
			k := 220 + g/4
			if seam && rel > 0 {
				k = 150
			}
			img.Pix[o] = clamp8(int(depth.R) * k >> 8)
			img.Pix[o+1] = clamp8(int(depth.G) * k >> 8)
			img.Pix[o+2] = clamp8(int(depth.B) * k >> 8)
			img.Pix[o+3] = 255
		}
	}
}

// steelProfile is the brightness across a polished steel cylinder, from its
// left edge (0) to its right edge (1000): a bright highlight left of centre,
// a dark band, a secondary reflection on the right.
var steelProfile = [][2]int{
	{0, 86}, {60, 140}, {170, 226}, {240, 252}, {300, 214}, {420, 160},
	{600, 118}, {760, 104}, {850, 168}, {905, 150}, {1000, 66},
}

func profileAt(prof [][2]int, t int) int {
	if t <= prof[0][0] {
		return prof[0][1]
	}
	for i := 1; i < len(prof); i++ {
		if t <= prof[i][0] {
			a, b := prof[i-1], prof[i]
			return a[1] + (b[1]-a[1])*(t-a[0])/(b[0]-a[0])
		}
	}
	return prof[len(prof)-1][1]
}

// drawProduct draws the product of photo p standing with its base centred
// at (cx, bottom), about w wide and h tall, then its dent and crack.
func drawProduct(img *image.RGBA, p Photo, cx, bottom, w, h int, seed uint64) {
	var body image.Rectangle
	switch p.Product {
	case glassTeacup:
		body = drawGlassTeacup(img, cx, bottom, w, h, seed)
	case ceramicMug:
		body = drawMug(img, cx, bottom, w*6/5, seed)
	case foodJar:
		label, _ := splitQuantity(p.Subject)
		body = drawCup(img, cx, bottom, w*3/2, w*6/5, label, p.Color, seed)
	default:
		label, _ := splitQuantity(p.Subject)
		body = drawCup(img, cx, bottom, w, h, label, p.Color, seed)
	}
	if p.Dent {
		drawDent(img, body)
	}
	if p.Crack {
		drawCrack(img, body, seed)
	}
	if p.Leak {
		drawLeak(img, body, seed)
	}
	switch p.Scratch {
	case "lid": // a vacuum cup's lid sits above its body
		drawScratch(img, image.Pt(body.Min.X+body.Dx()*62/100, body.Min.Y-h/10-18))
	case "base":
		drawScratch(img, image.Pt(body.Min.X+body.Dx()*40/100, body.Max.Y-body.Dx()/12-26))
	}
}

// drawLeak draws water seeping from under the lid at the top of body b:
// drops running down the body and a puddle on the table beside it.
func drawLeak(img *image.RGBA, b image.Rectangle, seed uint64) {
	water := solid(rgb(236, 244, 250))
	shade := solid(rgb(60, 72, 84))
	for i := 0; i < 4; i++ {
		h := hash64(seed ^ uint64(i)*0x1EA4)
		x := b.Min.X + b.Dx()*(20+i*18)/100 + int(h%15)
		y1 := b.Min.Y + 20 + int(h>>8%uint64(b.Dy()/2+1))
		bb := image.Rect(x-16, b.Min.Y-20, x+17, y1+30)
		paint(img, bb, shThickLine(image.Pt(x, b.Min.Y-4), image.Pt(x, y1), 6), water, 120)
		paint(img, bb, shThickLine(image.Pt(x+3, b.Min.Y-4), image.Pt(x+3, y1), 2), shade, 70)
		paint(img, bb, shEllipse(x, y1+6, 9, 13), water, 170)
		paint(img, bb, shEllipse(x+3, y1+9, 4, 6), shade, 90)
		paint(img, bb, shCircle(x-3, y1+2, 3), solid(white), 230)
	}
	pcx, pcy, prx := b.Max.X+b.Dx()/8, b.Max.Y+6, b.Dx()/3
	bb := image.Rect(pcx-prx-2, pcy-30, pcx+prx+3, pcy+31)
	paint(img, bb, shEllipse(pcx, pcy, prx, 22), water, 90)
	paint(img, bb, shMinus(shEllipse(pcx, pcy, prx, 22), shEllipse(pcx, pcy+3, prx-6, 19)), solid(white), 170)
}

// drawScratch draws a short bright scratch with a dark edge at p and rings
// it in red, as a buyer marks a defect on a photo.
func drawScratch(img *image.RGBA, p image.Point) {
	bb := image.Rect(p.X-70, p.Y-56, p.X+71, p.Y+57)
	a, b := p.Add(image.Pt(-20, 6)), p.Add(image.Pt(22, -7))
	paint(img, bb, shThickLine(a.Add(image.Pt(0, 2)), b.Add(image.Pt(0, 2)), 2), solid(rgb(30, 30, 32)), 170)
	paint(img, bb, shThickLine(a, b, 2), solid(rgb(236, 236, 232)), 230)
	ring := shMinus(shEllipse(p.X, p.Y, 66, 50), shEllipse(p.X, p.Y, 60, 44))
	paint(img, bb, ring, solid(rgb(222, 36, 40)), 220)
}

// parseHex parses "#rrggbb".
func parseHex(s string) (color.RGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return rgb(uint8(v>>16), uint8(v>>8), uint8(v)), true
}

// drawCup draws a stylised vacuum cup standing with its base centred at
// (cx, bottom): a brushed steel cylinder, or one painted in paint
// ("#rrggbb"), with a rounded base, a steel collar and a dark lid, the label
// text etched on the body. It returns the body's bounds.
func drawCup(img *image.RGBA, cx, bottom, w, h int, label, paintHex string, seed uint64) image.Rectangle {
	x0, x1 := cx-w/2, cx+w/2
	lidH := h / 5
	top := bottom - h + lidH
	ry := w / 12
	softShadow(img, cx+30, bottom+4, w*3/4, ry+18, 170)

	steel := func(x, y int) color.RGBA {
		t := (x - x0) * 1000 / w
		b := profileAt(steelProfile, t)
		b += int(hash64(uint64(x)*0x51+seed)%9) - 4 // brushed streaks
		return rgb(clamp8(b), clamp8(b+4), clamp8(b+10))
	}
	metal := steel
	ink, fine := rgb(70, 74, 82), rgb(90, 94, 100)
	if c, ok := parseHex(paintHex); ok {
		// Powder coat: the steel's light, flattened, in the paint's colour.
		metal = func(x, y int) color.RGBA {
			return scaleColor(c, 140+profileAt(steelProfile, (x-x0)*1000/w)*3/4)
		}
		ink, fine = scaleColor(c, 150), scaleColor(c, 170)
	}
	body := shOr(
		shRoundRect(image.Rect(x0, top, x1, bottom-ry), 6),
		shEllipse(cx, bottom-ry, w/2, ry),
	)
	paint(img, image.Rect(x0-1, top, x1+1, bottom+1), body, metal, 255)
	// Collar: a lighter steel band at the top of the body.
	collar := image.Rect(x0+6, top-18, x1-6, top+6)
	paint(img, collar, shRoundRect(collar, 5), func(x, y int) color.RGBA {
		return scaleColor(steel(x, y), 290)
	}, 255)
	// Lid: dark plastic cylinder with an elliptical top face.
	lx0, lx1 := x0+14, x1-14
	lw := lx1 - lx0
	lidTop := top - 18 - lidH
	lidShade := func(x, y int) color.RGBA {
		t := (x - lx0) * 1000 / lw
		b := profileAt(steelProfile, t)*30/100 + 24
		return rgb(clamp8(b), clamp8(b+2), clamp8(b+6))
	}
	paint(img, image.Rect(lx0, lidTop, lx1, top-16), shRoundRect(image.Rect(lx0, lidTop+ry, lx1, top-16), 4), lidShade, 255)
	paint(img, image.Rect(lx0, lidTop-ry, lx1, lidTop+2*ry), shEllipse(cx, lidTop+ry, lw/2, ry), func(x, y int) color.RGBA {
		return mix(rgb(78, 80, 86), rgb(44, 46, 50), x-lx0, lw)
	}, 255)
	// Grip ridges on the lid.
	for x := lx0 + 10; x < lx1-6; x += 14 {
		blendRect(img, image.Rect(x, lidTop+ry+8, x+3, top-24), black, 70)
	}
	// Etched label.
	if label != "" {
		lp := fitPen(label, 30, 16, w-70, false)
		lp.drawCentered(img, cx, top+h/3, label, ink)
		small := newPen(16)
		small.drawCentered(img, cx, top+h/3+34, "316 STAINLESS · 500ml", fine)
	}
	return image.Rect(x0, top, x1, bottom)
}

// glassShade is white light on clear glass.
var glassShade = solid(rgb(252, 252, 250))

// drawGlassTeacup draws a clear double-walled glass tea cup with a handle,
// a stainless tea infuser hanging in it and amber tea with rose buds and
// chrysanthemums, base centred at (cx, bottom). It returns the body's bounds.
func drawGlassTeacup(img *image.RGBA, cx, bottom, w, h int, seed uint64) image.Rectangle {
	x0, x1 := cx-w/2, cx+w/2
	top := bottom - h*3/4
	ry := w / 12
	bh := bottom - top
	softShadow(img, cx+20, bottom+4, w*3/4, ry+14, 90)
	body := shOr(shRect(image.Rect(x0, top, x1, bottom-ry)), shEllipse(cx, bottom-ry, w/2, ry))
	all := image.Rect(x0-1, top-ry-20, x1+w/2, bottom+2)

	// Handle: a glass loop on the right.
	midY := top + bh*2/5
	hx, hrx, hry := x1+6, w*30/100, bh*24/100
	loop := shAnd(shMinus(shEllipse(hx, midY, hrx, hry), shEllipse(hx, midY, hrx-24, hry-24)), shRect(image.Rect(x1-2, 0, x1+hrx+10, bottom)))
	paint(img, all, loop, solid(rgb(226, 230, 228)), 120)
	paint(img, all, shAnd(shMinus(shEllipse(hx, midY, hrx-4, hry-4), shEllipse(hx, midY, hrx-12, hry-12)), shRect(image.Rect(x1+hrx/2, 0, x1+hrx+10, bottom))), glassShade, 170)

	// Infuser: a perforated steel cylinder with a flange on the rim.
	ix0, ix1 := cx-w*30/100, cx+w*30/100
	iBottom := top + bh*45/100
	steel := func(x, y int) color.RGBA {
		b := profileAt(steelProfile, (x-ix0)*1000/(ix1-ix0))
		return rgb(clamp8(b), clamp8(b+4), clamp8(b+10))
	}
	paint(img, all, shOr(shRect(image.Rect(ix0, top, ix1, iBottom-ry/2)), shEllipse(cx, iBottom-ry/2, (ix1-ix0)/2, ry/2)), steel, 255)
	for y := top + bh*18/100; y < iBottom-ry; y += 14 {
		for x := ix0 + 10; x < ix1-8; x += 14 {
			paint(img, image.Rect(x-3, y-3, x+4, y+4), shCircle(x, y, 2), solid(rgb(40, 40, 44)), 200)
		}
	}
	paint(img, all, shEllipse(cx, top, w/2-6, ry), func(x, y int) color.RGBA { return scaleColor(steel(x, y), 280) }, 255)

	// Tea, seen through the glass, tinting the infuser's lower part.
	liqTop := top + bh*30/100
	tea := shAnd(body, shRect(image.Rect(x0+14, liqTop, x1-14, bottom-6)))
	paint(img, all, tea, func(x, y int) color.RGBA { return mix(rgb(232, 176, 80), rgb(184, 110, 36), y-liqTop, bottom-liqTop) }, 160)
	paint(img, all, shEllipse(cx, liqTop, w/2-14, ry*2/3), solid(rgb(244, 206, 130)), 150)
	// Flowers floating in the tea: rose buds and chrysanthemums.
	for i := 0; i < 9; i++ {
		hsh := hash64(seed ^ uint64(i)*0x9E37 ^ 0xF10)
		fx := x0 + 30 + int(hsh%uint64(w-60))
		fy := liqTop + 24 + int(hsh>>16%uint64(bottom-liqTop-60))
		if fx > ix0-8 && fx < ix1+8 && fy < iBottom {
			fy = iBottom + 10 + int(hsh>>40%30)
		}
		u := w / 12 // flower size
		bb := image.Rect(fx-3*u, fy-3*u, fx+3*u+1, fy+3*u+1)
		if hsh>>32&1 == 0 {
			paint(img, bb, shEllipse(fx, fy, u*7/10, u*9/10), solid(rgb(206, 70, 104)), 235)
			paint(img, bb, shEllipse(fx-u/6, fy-u/5, u/3, u*2/5), solid(rgb(240, 130, 160)), 220)
			paint(img, bb, shThickLine(image.Pt(fx, fy+u*8/10), image.Pt(fx+u/8, fy+u*13/10), max(2, u/5)), solid(rgb(90, 120, 50)), 230)
		} else {
			for k := 0; k < 10; k++ {
				s, c := fixedSinCos(float64(36 * k))
				px, py := fx+c*u*7/10/65536, fy+s*u*7/10/65536
				paint(img, bb, shCircle(px, py, u*2/5), solid(rgb(248, 214, 76)), 235)
			}
			paint(img, bb, shCircle(fx, fy, u*45/100), solid(rgb(214, 140, 28)), 245)
		}
	}

	// The glass: a faint film, bright edges, the inner wall of the double
	// wall, a long highlight, the rim and the thick base.
	paint(img, all, body, glassShade, 34)
	paint(img, all, shMinus(body, shRect(image.Rect(x0+4, top-1, x1-4, bottom))), solid(rgb(120, 124, 124)), 150)
	paint(img, all, shAnd(body, shRect(image.Rect(x0+4, top, x0+14, bottom))), glassShade, 190)
	paint(img, all, shAnd(body, shRect(image.Rect(x1-14, top, x1-4, bottom))), glassShade, 150)
	paint(img, all, shAnd(body, shOr(shRect(image.Rect(x0+18, top+8, x0+21, bottom-ry)), shRect(image.Rect(x1-21, top+8, x1-18, bottom-ry)))), glassShade, 120)
	paint(img, all, shAnd(body, shRect(image.Rect(x0+w*22/100, top+20, x0+w*22/100+16, bottom-ry*2))), glassShade, 130)
	paint(img, all, shAnd(body, shRect(image.Rect(x1-w*18/100, top+30, x1-w*18/100+6, bottom-ry*3))), glassShade, 100)
	paint(img, all, shMinus(shEllipse(cx, top, w/2, ry), shEllipse(cx, top, w/2-5, ry-4)), glassShade, 210)
	paint(img, all, shAnd(shEllipse(cx, bottom-ry, w/2, ry), shRect(image.Rect(x0, bottom-ry-18, x1, bottom+2))), glassShade, 90)
	return image.Rect(x0, top, x1, bottom)
}

// ceramicProfile is the brightness across a glazed white mug.
var ceramicProfile = [][2]int{{0, 188}, {120, 232}, {260, 254}, {420, 246}, {700, 226}, {900, 206}, {1000, 180}}

// drawMug draws a white glazed ceramic mug w wide with a gold rim and a
// C-shaped handle, base centred at (cx, bottom). It returns the body's
// bounds.
func drawMug(img *image.RGBA, cx, bottom, w int, seed uint64) image.Rectangle {
	x0, x1 := cx-w/2, cx+w/2
	h := w * 95 / 100
	top := bottom - h
	ry := w / 10
	softShadow(img, cx+30, bottom+4, w*3/4, ry+16, 160)
	glaze := func(x, y int) color.RGBA {
		b := profileAt(ceramicProfile, (x-x0)*1000/w)
		return rgb(clamp8(b), clamp8(b), clamp8(b-6))
	}
	all := image.Rect(x0-1, top-ry-2, x1+w/3, bottom+2)
	// Handle first: the body covers its left end.
	midY := top + h*45/100
	hrx, hry := w*28/100, h*30/100
	handle := shAnd(shMinus(shEllipse(x1-8, midY, hrx, hry), shEllipse(x1-8, midY, hrx-30, hry-32)), shRect(image.Rect(x1-20, 0, x1+hrx+2, bottom)))
	paint(img, all, handle, func(x, y int) color.RGBA { return mix(rgb(238, 238, 232), rgb(176, 176, 170), x-x1, hrx) }, 255)
	body := shOr(shRect(image.Rect(x0, top, x1, bottom-ry)), shEllipse(cx, bottom-ry, w/2, ry))
	paint(img, all, body, glaze, 255)
	// Gold band under the rim, and the opening with its gold lip.
	gold := rgb(206, 166, 58)
	paint(img, all, shAnd(body, shRect(image.Rect(x0, top, x1, top+14))), func(x, y int) color.RGBA {
		return scaleColor(gold, profileAt(ceramicProfile, (x-x0)*1000/w)*256/230)
	}, 255)
	paint(img, all, shEllipse(cx, top, w/2, ry), solid(gold), 255)
	paint(img, all, shEllipse(cx, top, w/2-8, ry-6), func(x, y int) color.RGBA {
		return mix(rgb(170, 166, 158), rgb(236, 234, 228), y-(top-ry), 2*ry)
	}, 255)
	return image.Rect(x0, top, x1, bottom)
}

// shRect is r as a shape.
func shRect(r image.Rectangle) shape {
	x0, y0, x1, y1 := r.Min.X*8, r.Min.Y*8, r.Max.X*8, r.Max.Y*8
	return func(sx, sy int) bool { return sx >= x0 && sx < x1 && sy >= y0 && sy < y1 }
}

// drawDent presses a dent into the body within b: inside it the body's
// reflection turns over (bright where the body is dark and dark where it is
// bright), a shadow lies along its upper left rim, light along its lower
// right, and creases run across it.
func drawDent(img *image.RGBA, b image.Rectangle) {
	cx, cy := b.Min.X+b.Dx()*52/100, b.Min.Y+b.Dy()*64/100
	rx, ry := b.Dx()*36/100, b.Dy()*10/100
	r := image.Rect(cx-rx, cy-ry, cx+rx+1, cy+ry+1).Intersect(img.Rect)
	rx2, ry2 := int64(rx*rx), int64(ry*ry)
	edge := noiseTable(-rx, 2*rx+1, 17, 0xDE47) // a ragged outline
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := img.PixOffset(r.Min.X, y)
		for x := r.Min.X; x < r.Max.X; x, o = x+1, o+4 {
			dx, dy := int64(x-cx), int64(y-cy)
			lim := 780 + edge[x-cx+rx]*7/10
			e := int((dx*dx*1024)/rx2 + (dy*dy*1024)/ry2)
			if e >= lim {
				continue
			}
			px := img.Pix[o : o+3]
			lum := max((int(px[0])+int(px[1])+int(px[2]))/3, 16)
			want := profileAt(steelProfile, 1000-(x-cx+rx)*1000/(2*rx)) * 80 / 100
			if e > lim-260 { // the rim: shadow on the upper left, light on the lower right
				if dy < 0 || dx < -int64(rx)/2 {
					want = want * 40 / 100
				} else {
					want = min(want*135/100, 250)
				}
			}
			k := 256 + (want*256/lum-256)*min(1024, (lim-e)*4)/1024
			for c := 0; c < 3; c++ {
				px[c] = clamp8(int(px[c]) * k >> 8)
			}
		}
	}
	// Creases across the hollow, each with a lit edge below it.
	bb := r.Inset(-4)
	for i, c := range [][4]int{{-70, -30, -10, 10}, {-20, 20, 40, -20}, {10, -40, 60, 20}, {-50, 40, 0, 60}} {
		a := image.Pt(cx+rx*c[0]/100, cy+ry*c[1]/100)
		z := image.Pt(cx+rx*c[2]/100, cy+ry*c[3]/100)
		paint(img, bb, shThickLine(a, z, 3), solid(rgb(34, 34, 38)), 150-i*15)
		paint(img, bb, shThickLine(a.Add(image.Pt(0, 3)), z.Add(image.Pt(0, 3)), 2), solid(white), 110)
	}
}

// drawCrack draws a jagged crack from the top edge of b down the body.
func drawCrack(img *image.RGBA, b image.Rectangle, seed uint64) {
	x, y := b.Min.X+b.Dx()*38/100, b.Min.Y+4
	step := b.Dy() * 9 / 100
	for i := 0; i < 6; i++ {
		hsh := hash64(seed ^ uint64(i)*0xC7AC)
		nx := x + int(hsh%31) - 15
		ny := y + step + int(hsh>>8%uint64(step/2+1))
		bb := image.Rect(min(x, nx)-6, y-6, max(x, nx)+7, ny+7)
		paint(img, bb, shThickLine(image.Pt(x, y), image.Pt(nx, ny), 4), solid(rgb(36, 32, 30)), 220)
		paint(img, bb, shThickLine(image.Pt(x+3, y), image.Pt(nx+3, ny), 2), solid(white), 150)
		if i == 2 { // a branch
			bx, by := nx+b.Dx()/7, ny+step/2
			paint(img, image.Rect(nx-4, ny-4, bx+5, by+5), shThickLine(image.Pt(nx, ny), image.Pt(bx, by), 3), solid(rgb(36, 32, 30)), 200)
		}
		x, y = nx, ny
	}
}

// rowCentres places n items w wide and gap apart in a row centred on cx,
// and returns their centres.
func rowCentres(cx, n, w, gap int) []int {
	total := n*w + (n-1)*gap
	xs := make([]int, n)
	for i := range xs {
		xs[i] = cx - total/2 + i*(w+gap) + w/2
	}
	return xs
}

// drawOpenBox draws an open cardboard box on the table with n cups inside,
// crumpled packing paper, flaps folded out and packing tape, plus a tape
// roll beside it.
func drawOpenBox(img *image.RGBA, cx, tableY int, n int, p Photo, seed uint64) {
	fx0, fx1 := cx-380, cx+380 // front face
	fy0, fy1 := tableY+150, tableY+540
	bx0, bx1 := fx0+70, fx1-70 // back top edge
	by := fy0 - 100
	kraft := rgb(196, 148, 96)
	inner := rgb(150, 108, 66)

	softShadow(img, cx+40, fy1+6, 470, 40, 180)
	// Back flap standing up (its inner face shows), then the box interior.
	fillPoly(img, func(x, y int) color.RGBA { return mix(rgb(214, 176, 128), rgb(190, 150, 102), y-(by-150), 150) }, 255,
		image.Pt(bx0, by), image.Pt(bx0+12, by-150), image.Pt(bx1-12, by-150), image.Pt(bx1, by))
	fillPoly(img, func(x, y int) color.RGBA { return mix(inner, scaleColor(inner, 150), y-by, fy0-by) }, 255,
		image.Pt(bx0, by), image.Pt(bx1, by), image.Pt(fx1, fy0), image.Pt(fx0, fy0))
	// Products standing inside: the lower part is hidden by the front face.
	for i, x := range rowCentres(cx, n, 210, 80) {
		drawProduct(img, p, x, fy0+300, 210, 560, seed+uint64(i))
	}
	// Crumpled paper around them.
	for i := 0; i < 26; i++ {
		h := hash64(seed ^ uint64(i)*0x9E37)
		px := fx0 + 40 + int(h%uint64(fx1-fx0-80))
		py := fy0 - 20 + int(h>>20%40)
		r := 26 + int(h>>32%22)
		shade := 214 + int(h>>40%30)
		paint(img, image.Rect(px-r, py-r, px+r+1, py+r+1), shEllipse(px, py, r, r*3/4), solid(rgb(uint8(shade), uint8(shade), uint8(shade-6))), 235)
		paint(img, image.Rect(px-r, py-r, px+r+1, py+r+1), shThickLine(image.Pt(px-r/2, py-r/4), image.Pt(px+r/3, py+r/5), 2), solid(rgb(170, 170, 166)), 200)
	}
	// Front face.
	vGradient(img, image.Rect(fx0, fy0, fx1, fy1), kraft, rgb(166, 122, 76))
	for x := fx0; x < fx1; x += 9 {
		blendRect(img, image.Rect(x, fy0, x+2, fy1), rgb(120, 84, 50), 16)
	}
	fillRect(img, image.Rect(fx0, fy0, fx1, fy0+3), rgb(222, 182, 132))
	// Side flaps folded out, front flap hanging down over the front face.
	fillPoly(img, solid(rgb(206, 160, 108)), 255,
		image.Pt(fx0, fy0), image.Pt(bx0, by), image.Pt(bx0-110, by-90), image.Pt(fx0-140, fy0-70))
	fillPoly(img, solid(rgb(180, 134, 86)), 255,
		image.Pt(fx1, fy0), image.Pt(bx1, by), image.Pt(bx1+110, by-90), image.Pt(fx1+140, fy0-70))
	fillPoly(img, func(x, y int) color.RGBA { return mix(rgb(210, 166, 114), rgb(188, 142, 92), y-fy0, 130) }, 255,
		image.Pt(fx0, fy0), image.Pt(fx1, fy0), image.Pt(fx1+24, fy0+130), image.Pt(fx0-24, fy0+130))
	fillRect(img, image.Rect(fx0-24, fy0+128, fx1+24, fy0+132), rgb(140, 100, 60))
	// Packing tape hanging from the left flap and across the front flap.
	tape := rgb(222, 204, 160)
	fillPoly(img, solid(tape), 170,
		image.Pt(fx0+40, fy0-20), image.Pt(fx0+110, fy0-20), image.Pt(fx0+150, fy0+250), image.Pt(fx0+80, fy0+250))
	// Printed marks on the front face.
	fragile := wordsFor(p.Lang).Fragile
	mp := fitPen(fragile, 40, 24, fx1-fx0-60, true)
	mp.drawCentered(img, cx, fy0+250, fragile, rgb(90, 60, 36))
	// "This way up" arrow: head and stem.
	fillPoly(img, solid(rgb(90, 60, 36)), 200,
		image.Pt(cx-60, fy0+330), image.Pt(cx, fy0+285), image.Pt(cx+60, fy0+330))
	fillPoly(img, solid(rgb(90, 60, 36)), 200,
		image.Pt(cx-24, fy0+330), image.Pt(cx+24, fy0+330), image.Pt(cx+24, fy0+385), image.Pt(cx-24, fy0+385))
	// A roll of packing tape on the table.
	tx, ty := fx1+150, fy1-30
	softShadow(img, tx+10, ty+40, 120, 26, 140)
	paint(img, image.Rect(tx-110, ty-60, tx+111, ty+61), shMinus(shEllipse(tx, ty, 110, 56), shEllipse(tx, ty-6, 60, 30)), solid(rgb(196, 170, 118)), 255)
	paint(img, image.Rect(tx-110, ty-60, tx+111, ty+61), shMinus(shEllipse(tx, ty-10, 106, 50), shEllipse(tx, ty-10, 62, 30)), solid(rgb(224, 204, 156)), 255)
}
