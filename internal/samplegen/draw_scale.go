package samplegen

import (
	"image"
	"image/color"
	"strconv"
)

// Scale is a photo of a warehouse scale display showing a weight.
type Scale struct {
	Grams   int    `yaml:"grams"`
	Caption string `yaml:"caption"`
	Stamp   string `yaml:"stamp"` // e.g. "2026-11-01 17:42 仓库出库称重"
}

const scaleW, scaleH = 1600, 1200

// kgText formats grams as kilograms with three decimals: 780 -> "0.780".
func kgText(g int) string {
	neg := g < 0
	if neg {
		g = -g
	}
	frac := strconv.Itoa(g % 1000)
	for len(frac) < 3 {
		frac = "0" + frac
	}
	s := strconv.Itoa(g/1000) + "." + frac
	if neg {
		s = "-" + s
	}
	return s
}

// DrawScale draws a 1600x1200 "photo" of a parcel on a steel platform scale
// whose LCD indicator shows s.Grams in kilograms with three decimals, with
// the timestamp stamp and caption burnt into a strip at the bottom, as phone
// camera watermark apps do.
func DrawScale(s Scale) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, scaleW, scaleH))
	seed := uint64(0x5CA1E) ^ uint64(int64(s.Grams))*0x9E3779B97F4A7C15

	// Room: a painted wall above a concrete floor.
	floorY := 560
	vGradient(img, image.Rect(0, 0, scaleW, floorY), rgb(196, 198, 190), rgb(170, 172, 164))
	vGradient(img, image.Rect(0, floorY, scaleW, scaleH), rgb(128, 126, 120), rgb(98, 96, 92))
	fillRect(img, image.Rect(0, floorY-14, scaleW, floorY), rgb(120, 124, 118)) // skirting
	// Yellow safety line on the floor.
	fillPoly(img, solid(rgb(206, 170, 40)), 220,
		image.Pt(0, 650), image.Pt(scaleW, 612), image.Pt(scaleW, 630), image.Pt(0, 672))
	// Concrete blotches.
	n1 := noiseTable(0, scaleW+3*scaleH, 97, seed+1)       // indexed by x+3y
	n2 := noiseTable(-scaleW, scaleW+5*scaleH, 61, seed+2) // indexed by 5y-x+scaleW
	for y := floorY; y < scaleH; y++ {
		o := img.PixOffset(0, y)
		for x := 0; x < scaleW; x, o = x+1, o+4 {
			v := n1[x+y*3] + n2[y*5-x+scaleW]
			k := 240 + v/16
			img.Pix[o] = clamp8(int(img.Pix[o]) * k >> 8)
			img.Pix[o+1] = clamp8(int(img.Pix[o+1]) * k >> 8)
			img.Pix[o+2] = clamp8(int(img.Pix[o+2]) * k >> 8)
		}
	}

	// Platform: top face in perspective, front edge, shadow.
	pTL, pTR := image.Pt(250, 640), image.Pt(1150, 640)
	pBL, pBR := image.Pt(130, 930), image.Pt(1270, 930)
	softShadow(img, 700, 975, 640, 70, 150)
	front := image.Rect(130, 930, 1270, 975)
	vGradient(img, front, rgb(120, 124, 128), rgb(70, 72, 76))
	steel := func(x, y int) color.RGBA {
		// brushed steel: lighter at the back, streaks along x
		t := y - 640
		base := mix(rgb(214, 218, 222), rgb(160, 165, 170), t, 290)
		st := int(hash64(uint64(y)*31+7)&15) - 8
		return scaleColor(base, 256+st)
	}
	fillPoly(img, steel, 255,
		pTL, pTR, pBR, pBL)
	// Bevel highlight along the front edge.
	fillRect(img, image.Rect(130, 928, 1270, 932), rgb(235, 238, 240))
	// Feet.
	for _, x := range []int{170, 1200} {
		fillRect(img, image.Rect(x, 975, x+40, 992), rgb(40, 40, 42))
	}

	// Parcel: a brown corrugated box with packing tape and a label.
	bx0, bx1, by0, by1 := 450, 900, 520, 860 // front face
	dx, dy := 140, -90                       // depth offset of the back edge
	softShadow(img, 720, 872, 330, 40, 170)
	card := rgb(186, 138, 88)
	// Top face, then right side.
	fillPoly(img, func(x, y int) color.RGBA { return mix(rgb(206, 160, 108), rgb(196, 150, 98), y-(by0+dy), -dy) }, 255,
		image.Pt(bx0, by0), image.Pt(bx0+dx, by0+dy), image.Pt(bx1+dx, by0+dy), image.Pt(bx1, by0))
	fillPoly(img, func(x, y int) color.RGBA { return mix(rgb(150, 108, 64), rgb(128, 90, 52), x-bx1, dx) }, 255,
		image.Pt(bx1, by0), image.Pt(bx1+dx, by0+dy), image.Pt(bx1+dx, by1+dy), image.Pt(bx1, by1))
	vGradient(img, image.Rect(bx0, by0, bx1, by1), card, rgb(170, 124, 78))
	// Corrugation flutes, faint.
	for x := bx0; x < bx1; x += 9 {
		blendRect(img, image.Rect(x, by0, x+2, by1), rgb(120, 84, 50), 18)
	}
	// Flap seam across the top, tape along it and down the front.
	midTopA, midTopB := image.Pt(bx0+dx/2, by0+dy/2), image.Pt(bx1+dx/2, by0+dy/2)
	paint(img, image.Rect(bx0, by0+dy, bx1+dx, by0), shThickLine(midTopA, midTopB, 3), solid(rgb(120, 86, 52)), 255)
	tape := rgb(214, 196, 150)
	// Tape over the seam and down the right side: depth fractions s0..s1.
	tp := func(xb, yb, num int) image.Point { return image.Pt(xb+dx*num/100, yb+dy*num/100) }
	s0, s1 := 38, 62
	fillPoly(img, solid(tape), 180,
		tp(bx0, by0, s0), tp(bx1, by0, s0), tp(bx1, by0, s1), tp(bx0, by0, s1))
	fillPoly(img, solid(tape), 150,
		tp(bx1, by0, s0), tp(bx1, by0, s1), tp(bx1, by0+130, s1), tp(bx1, by0+130, s0))
	fillRect(img, image.Rect(bx0, by0, bx1, by0+2), rgb(226, 184, 130)) // lit top edge
	cx := (bx0 + bx1) / 2
	// Shipping label on the front face.
	lr := image.Rect(cx-150, by0+120, cx+130, by0+300)
	fillRect(img, lr.Add(image.Pt(4, 5)), rgb(120, 90, 60))
	fillRect(img, lr, rgb(244, 243, 238))
	x := lr.Min.X + 20
	for i := 0; x < lr.Max.X-24; i++ {
		w := 1 + int(hash64(uint64(i)+seed)%4)
		if i%2 == 0 {
			fillRect(img, image.Rect(x, lr.Min.Y+18, x+w*2, lr.Min.Y+78), rgb(30, 30, 30))
		}
		x += w * 2
	}
	for j := 0; j < 4; j++ {
		fillRect(img, image.Rect(lr.Min.X+20, lr.Min.Y+100+j*18, lr.Max.X-20-j*30, lr.Min.Y+108+j*18), rgb(90, 90, 90))
	}

	// Indicator on a column at the right.
	fillRect(img, image.Rect(1336, 500, 1356, 900), rgb(90, 92, 96))
	fillRect(img, image.Rect(1338, 500, 1344, 900), rgb(150, 152, 156))
	softShadow(img, 1346, 905, 90, 16, 140)
	fillRect(img, image.Rect(1300, 890, 1392, 905), rgb(60, 60, 64))
	head := image.Rect(1100, 170, 1580, 524)
	softShadow(img, 1345, 529, 240, 24, 90)
	paint(img, head, shRoundRect(head, 26), func(x, y int) color.RGBA {
		return mix(rgb(232, 232, 226), rgb(196, 196, 190), y-head.Min.Y, head.Dy())
	}, 255)
	bezel := image.Rect(1130, 200, 1550, 384)
	paint(img, bezel, shRoundRect(bezel, 12), solid(rgb(46, 48, 52)), 255)
	lcd := image.Rect(1148, 216, 1532, 368)
	vGradient(img, lcd, rgb(178, 204, 126), rgb(150, 180, 104))
	drawLCDText(img, lcd, kgText(s.Grams))
	lp := newBoldPen(22)
	lp.draw(img, lcd.Max.X-40, lcd.Max.Y-12, "kg", rgb(36, 44, 26))
	small := newPen(18)
	fillPoly(img, solid(rgb(36, 44, 26)), 255,
		image.Pt(lcd.Min.X+10, lcd.Min.Y+22), image.Pt(lcd.Min.X+18, lcd.Min.Y+8), image.Pt(lcd.Min.X+26, lcd.Min.Y+22))
	small.draw(img, lcd.Min.X+32, lcd.Min.Y+22, "STABLE", rgb(36, 44, 26))
	small.draw(img, lcd.Min.X+8, lcd.Max.Y-10, "NET", rgb(36, 44, 26))
	// Buttons and brand.
	for i, name := range []string{"ZERO", "TARE", "UNIT", "ON/OFF"} {
		bx := 1150 + i*100
		b := image.Rect(bx, 414, bx+76, 454)
		paint(img, b, shRoundRect(b, 8), solid(rgb(60, 100, 150)), 255)
		if i == 3 {
			paint(img, b, shRoundRect(b, 8), solid(rgb(170, 50, 46)), 255)
		}
		small.drawCentered(img, bx+38, 478, name, rgb(70, 70, 70))
	}
	newBoldPen(20).drawCentered(img, (head.Min.X+head.Max.X)/2, 508, "ELECTRONIC PLATFORM SCALE   Max 150kg  d=1g", rgb(80, 80, 80))
	// Glare on the LCD glass.
	fillPoly(img, solid(white), 34,
		image.Pt(1300, 216), image.Pt(1380, 216), image.Pt(1300, 368), image.Pt(1220, 368))

	// Photo character: light falloff and sensor noise.
	vignette(img, 620, 300, 70)
	addNoise(img, img.Rect, 5, seed)

	// Watermark strip.
	strip := image.Rect(0, scaleH-110, scaleW, scaleH)
	blendRect(img, strip, rgb(0, 0, 0), 150)
	if s.Stamp != "" {
		sp := newBoldPen(40)
		sp.draw(img, 40, scaleH-40, sp.fit(s.Stamp, scaleW/2+300), rgb(255, 196, 60))
	}
	if s.Caption != "" {
		cp := newPen(30)
		cp.drawRight(img, scaleW-40, scaleH-42, cp.fit(s.Caption, scaleW/2-140), white)
	}
	return img
}

// Seven-segment digits. Segments: a top, b upper right, c lower right,
// d bottom, e lower left, f upper left, g middle.
var sevenSeg = map[rune]string{
	'0': "abcdef", '1': "bc", '2': "abdeg", '3': "abcdg", '4': "bcfg",
	'5': "acdfg", '6': "acdefg", '7': "abc", '8': "abcdefg", '9': "abcdfg",
	'-': "g",
}

// drawLCDText draws s (digits, '.', '-') in seven-segment style, right
// aligned in r, dark on the backlit LCD, with faint ghosts of unlit segments.
func drawLCDText(img *image.RGBA, r image.Rectangle, s string) {
	rs := []rune(s)
	digits := 0
	for _, c := range rs {
		if c != '.' {
			digits++
		}
	}
	// Always show at least 4 digit cells as a real indicator does.
	cells := max(digits, 4)
	h := r.Dy() - 60
	dw := min(h*58/100, (r.Dx()-50)*100/(cells*134))
	h = min(h, dw*100/52)
	gap := dw * 34 / 100
	t := max(3, dw/6)
	on, ghost := rgb(28, 36, 22), rgb(150, 176, 104)
	top := r.Min.Y + (r.Dy()-h)/2 + 2
	x := r.Max.X - 52 - cells*(dw+gap) + gap
	// Leading blank cells show ghosts only.
	for i := digits; i < cells; i++ {
		drawSevenSegDigit(img, x, top, dw, h, t, "abcdefg", ghost)
		x += dw + gap
	}
	for _, c := range rs {
		if c == '.' {
			d := image.Rect(x-gap/2-t/2-2, top+h-t, x-gap/2+t/2, top+h)
			fillRect(img, d, on)
			continue
		}
		drawSevenSegDigit(img, x, top, dw, h, t, "abcdefg", ghost)
		drawSevenSegDigit(img, x, top, dw, h, t, sevenSeg[c], on)
		x += dw + gap
	}
}

// drawSevenSegDigit draws the given segments of one digit cell at (x, y) of
// width w, height h and stroke t, slanted slightly like a real LCD.
func drawSevenSegDigit(img *image.RGBA, x, y, w, h, t int, segs string, c color.RGBA) {
	slant := h / 10
	// sx shifts a point right by the slant proportional to its height.
	pt := func(px, py int) image.Point { return image.Pt(px+slant*(y+h-py)/h, py) }
	hseg := func(yc int) shape {
		return shPoly(pt(x+t/2+1, yc), pt(x+t+1, yc-t/2), pt(x+w-t-1, yc-t/2), pt(x+w-t/2-1, yc), pt(x+w-t-1, yc+t/2), pt(x+t+1, yc+t/2))
	}
	vseg := func(xc, y0, y1 int) shape {
		return shPoly(pt(xc, y0+1), pt(xc+t/2, y0+t/2+1), pt(xc+t/2, y1-t/2-1), pt(xc, y1-1), pt(xc-t/2, y1-t/2-1), pt(xc-t/2, y0+t/2+1))
	}
	mid := y + h/2
	for _, sg := range segs {
		var sh shape
		var bb image.Rectangle
		hb := func(yc int) image.Rectangle { return image.Rect(x, yc-t, x+w+slant+1, yc+t) }
		vb := func(y0, y1 int) image.Rectangle { return image.Rect(x-t, y0, x+w+slant+t, y1) }
		switch sg {
		case 'a':
			sh, bb = hseg(y+t/2), hb(y+t/2)
		case 'g':
			sh, bb = hseg(mid), hb(mid)
		case 'd':
			sh, bb = hseg(y+h-t/2), hb(y+h-t/2)
		case 'f':
			sh, bb = vseg(x+t/2, y+t/2, mid), vb(y, mid)
		case 'e':
			sh, bb = vseg(x+t/2, mid, y+h-t/2), vb(mid, y+h)
		case 'b':
			sh, bb = vseg(x+w-t/2, y+t/2, mid), vb(y, mid)
		case 'c':
			sh, bb = vseg(x+w-t/2, mid, y+h-t/2), vb(mid, y+h)
		default:
			continue
		}
		paint(img, bb, sh, solid(c), 255)
	}
}
