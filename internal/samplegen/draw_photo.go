package samplegen

import (
	"image"
	"image/color"
	"strings"
)

// Photo is a product or packing photo.
type Photo struct {
	Subject string // what is photographed, e.g. "不锈钢保温杯 x2"; a trailing "x2"/"×2" draws two
	Caption string // text on the caption card
	Packing bool   // an open cardboard box with the product(s) inside, else the product alone
	Seed    uint64 // varies noise, tones and placement
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

	label, n := splitQuantity(p.Subject)
	cx := photoW/2 + jit(4, 60)
	if p.Packing {
		drawOpenBox(img, cx, tableY, n, label, seed)
	} else {
		w := 250
		gap := 110
		total := n*w + (n-1)*gap
		for i := 0; i < n; i++ {
			x := cx - total/2 + i*(w+gap) + w/2
			drawCup(img, x, 1010+jit(uint64(10+i), 14), w, 720, label, seed+uint64(i))
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

// drawCup draws a stylised stainless steel vacuum cup standing with its base
// centred at (cx, bottom): a brushed metal cylinder with a rounded base, a
// silver collar and a dark lid, with the label text etched on the body.
func drawCup(img *image.RGBA, cx, bottom, w, h int, label string, seed uint64) {
	x0, x1 := cx-w/2, cx+w/2
	lidH := h / 5
	top := bottom - h + lidH
	ry := w / 12
	softShadow(img, cx+30, bottom+4, w*3/4, ry+18, 170)

	metal := func(x, y int) color.RGBA {
		t := (x - x0) * 1000 / w
		b := profileAt(steelProfile, t)
		b += int(hash64(uint64(x)*0x51+seed)%9) - 4 // brushed streaks
		return rgb(clamp8(b), clamp8(b+4), clamp8(b+10))
	}
	body := shOr(
		shRoundRect(image.Rect(x0, top, x1, bottom-ry), 6),
		shEllipse(cx, bottom-ry, w/2, ry),
	)
	paint(img, image.Rect(x0-1, top, x1+1, bottom+1), body, metal, 255)
	// Collar: a lighter band at the top of the body.
	collar := image.Rect(x0+6, top-18, x1-6, top+6)
	paint(img, collar, shRoundRect(collar, 5), func(x, y int) color.RGBA {
		c := metal(x, y)
		return scaleColor(c, 290)
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
		lp.drawCentered(img, cx, top+h/3, label, rgb(70, 74, 82))
		small := newPen(16)
		small.drawCentered(img, cx, top+h/3+34, "316 STAINLESS · 500ml", rgb(90, 94, 100))
	}
}

// drawOpenBox draws an open cardboard box on the table with n cups inside,
// crumpled packing paper, flaps folded out and packing tape, plus a tape
// roll beside it.
func drawOpenBox(img *image.RGBA, cx, tableY int, n int, label string, seed uint64) {
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
	w := 210
	gap := 80
	total := n*w + (n-1)*gap
	for i := 0; i < n; i++ {
		x := cx - total/2 + i*(w+gap) + w/2
		drawCup(img, x, fy0+300, w, 560, label, seed+uint64(i))
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
	mp := newBoldPen(40)
	mp.drawCentered(img, cx, fy0+250, "易碎 · 小心轻放", rgb(90, 60, 36))
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
