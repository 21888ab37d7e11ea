package samplegen

import (
	"image"
	"strconv"
	"strings"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
)

// Party is a sender or recipient on a label.
type Party struct {
	Name    string `yaml:"name"`
	Phone   string `yaml:"phone"`
	Address string `yaml:"address"`
}

// Label describes a shipping label (面单). Carrier selects the layout (see
// carriers): a Chinese 面单 for ZTO, YTO, JD, SF, a US label for USPS, UPS,
// FedEx.
type Label struct {
	Carrier   string `yaml:"carrier"` // the shipment's carrier as the manifest names it
	Tracking  string `yaml:"tracking"`
	From      Party  `yaml:"from"`
	To        Party  `yaml:"to"`
	Contents  string `yaml:"contents"`  // e.g. "不锈钢保温杯 x2"
	WeightKg  string `yaml:"weight_kg"` // e.g. "0.78"
	Date      string `yaml:"date"`      // printed as is
	Reference string `yaml:"reference"` // the order number, printed on US labels
}

// Label geometry.
const (
	labelW, labelH = 1000, 1500
	labelMargin    = 24
	labelRule      = 6
	labelBarTop    = 214 // top of the Code 128 bars
	labelBarH      = 200
)

var (
	black = rgb(0, 0, 0)
	white = rgb(255, 255, 255)
)

// barcodeDark reports whether module (x, y) of a barcode is dark.
func barcodeDark(bc barcode.Barcode, x, y int) bool {
	r, _, _, _ := bc.At(x, y).RGBA()
	return r < 0x8000
}

// drawCode128 draws the Code 128 symbol of s with its bars inside r (centred,
// with the widest whole-pixel module that fits, at most maxModule). It
// reports whether it drew anything: s may not be encodable.
func drawCode128(img *image.RGBA, r image.Rectangle, s string, maxModule int) bool {
	if s == "" {
		return false
	}
	bc, err := code128.Encode(s)
	if err != nil {
		return false
	}
	n := bc.Bounds().Dx()
	m := min(r.Dx()/n, maxModule)
	if m < 1 {
		return false
	}
	x0 := r.Min.X + (r.Dx()-n*m)/2
	for i := 0; i < n; i++ {
		if barcodeDark(bc, i, 0) {
			fillRect(img, image.Rect(x0+i*m, r.Min.Y, x0+(i+1)*m, r.Max.Y), black)
		}
	}
	return true
}

// drawQR draws the QR code of s in a square of side size at (x, y), with a
// two-module quiet zone, and reports whether it could encode s.
func drawQR(img *image.RGBA, x, y, size int, s string) bool {
	if s == "" {
		return false
	}
	code, err := qr.Encode(s, qr.M, qr.Auto)
	if err != nil {
		return false
	}
	n := code.Bounds().Dx()
	m := size / (n + 4)
	if m < 1 {
		return false
	}
	off := (size - n*m) / 2
	fillRect(img, image.Rect(x, y, x+size, y+size), white)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			if barcodeDark(code, i, j) {
				fillRect(img, image.Rect(x+off+i*m, y+off+j*m, x+off+(i+1)*m, y+off+(j+1)*m), black)
			}
		}
	}
	return true
}

// fitPen returns the largest pen (from size down to minSize) in which s fits maxW.
func fitPen(s string, size, minSize, maxW int, bold bool) *pen {
	for ; size > minSize; size -= 2 {
		p := newPen(size)
		p.bold = bold
		if p.width(s) <= maxW {
			return p
		}
	}
	p := newPen(minSize)
	p.bold = bold
	return p
}

// labelBadge draws a square badge with one character: inverted (white on
// black) or outlined.
func labelBadge(img *image.RGBA, r image.Rectangle, ch string, inverted bool, size int) {
	p := fitPen(ch, size, 20, r.Dx()-16, true)
	fg := black
	if inverted {
		fillRect(img, r, black)
		fg = white
	} else {
		strokeRect(img, r, 4, black)
	}
	p.drawCentered(img, (r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2+p.size*36/100, ch, fg)
}

// labelBarRect is where the bars of the tracking barcode go on a label of
// carrier c.
func labelBarRect(c carrier) image.Rectangle {
	if c.US {
		return image.Rect(labelMargin+40, 986, labelW-labelMargin-40, 1206)
	}
	return image.Rect(labelMargin+40, labelBarTop, labelW-labelMargin-40, labelBarTop+labelBarH)
}

// DrawLabel draws a 1000x1500 (4x6 in) thermal shipping label in the layout
// of l.Carrier, every fixed string in the carrier's language. A Chinese 面单:
// carrier banner, Code 128 barcode of the tracking number, a large
// recipient block (收), the sender block (寄), contents, weight, date and
// payment beside a QR code, a signature strip and small print. A US label:
// service letter and postage box, the service band, sender, a large SHIP TO
// block, the carrier's tracking heading over the barcode with the number in
// groups, then contents, weight and the order reference.
func DrawLabel(l Label) image.Image {
	c := carrierFor(l.Carrier)
	w := wordsFor(c.Lang)
	img := newCanvas(labelW, labelH, white)
	left, right := labelMargin, labelW-labelMargin
	strokeRect(img, image.Rect(left, labelMargin, right, labelH-labelMargin), labelRule, black)
	hrule := func(y int) { fillRect(img, image.Rect(left, y, right, y+labelRule), black) }
	vrule := func(x, y0, y1 int) { fillRect(img, image.Rect(x, y0, x+labelRule, y1), black) }
	bars := labelBarRect(c)
	// barcode draws the bars, the heading above them and the number under them.
	barcode := func() {
		if c.Heading != "" {
			newBoldPen(34).drawCentered(img, labelW/2, bars.Min.Y-22, c.Heading, black)
		}
		if !drawCode128(img, bars, l.Tracking, 6) {
			newPen(28).drawCentered(img, labelW/2, (bars.Min.Y+bars.Max.Y)/2, w.NoBarcode, black)
		}
		number := groupChars(l.Tracking, c.Group)
		tp := fitPen(number, 44, 24, right-left-80, true)
		spacing := tp.size / 4
		if c.Group > 0 {
			spacing = 0
		}
		tp.drawSpaced(img, labelW/2, bars.Max.Y+56, number, spacing, black)
	}
	badgeW := 120
	tx := left + labelRule + badgeW + 28
	textW := right - labelRule - 24 - tx
	info := func(top, bottom int, rows [][2]string) {
		x1 := right - 30
		if c.QR {
			qrSize := 230
			qrX := right - labelRule - qrSize - 10
			vrule(qrX-16, top, bottom)
			drawQR(img, qrX, top+6, qrSize, l.Tracking)
			newPen(22).drawCentered(img, qrX+qrSize/2, bottom-8, w.ScanHint, black)
			x1 = qrX - 26
		}
		ip, ib := newPen(34), newBoldPen(34)
		y := top + 62
		for _, row := range rows {
			if row[0] == "" || row[1] == "" && row[0] != w.Payment {
				continue
			}
			x := ip.draw(img, left+30, y, row[0], black)
			ib.draw(img, x, y, ib.fit(row[1], x1-x), black)
			y += 64
		}
	}

	if c.US {
		// Service letter, ship date and weight, postage box.
		top, bottom := labelMargin+labelRule, 270
		box := image.Rect(left+labelRule, top, left+labelRule+230, bottom)
		fillRect(img, box, black)
		newBoldPen(180).drawCentered(img, (box.Min.X+box.Max.X)/2, box.Max.Y-46, c.Letter, white)
		ind := image.Rect(right-labelRule-290, top+26, right-labelRule-26, bottom-26)
		strokeRect(img, ind, 3, black)
		ip := newBoldPen(24)
		for i, s := range c.Indicia {
			ip.drawCentered(img, (ind.Min.X+ind.Max.X)/2, ind.Min.Y+50+i*44, ip.fit(s, ind.Dx()-20), black)
		}
		mp := newPen(28)
		mp.draw(img, box.Max.X+30, top+80, l.Date, black)
		mp.draw(img, box.Max.X+30, top+130, lbOz(l.WeightKg), black)
		hrule(bottom)
		// Service band.
		fillRect(img, image.Rect(left, bottom, right, bottom+96), black)
		sp := fitPen(c.Service, 56, 28, right-left-60, true)
		sp.drawCentered(img, labelW/2, bottom+48+sp.size*36/100, c.Service, white)
		// Sender, small, top left.
		y := bottom + 96 + 50
		fp := newPen(28)
		fp.draw(img, left+30, y, fp.fit(l.From.Name+"  "+l.From.Phone, right-left-60), black)
		fp.drawWrapped(img, left+30, y+40, l.From.Address, 560, 2, 38, black)
		hrule(560)
		// Ship to.
		newBoldPen(30).draw(img, left+30, 620, w.To+":", black)
		np := fitPen(l.To.Name, 52, 32, textW, true)
		np.draw(img, tx, 640, l.To.Name, black)
		newBoldPen(44).drawWrapped(img, tx, 710, l.To.Address, textW, 3, 60, black)
		newPen(30).draw(img, tx, 880, l.To.Phone, black)
		hrule(912)
		barcode()
		hrule(1300)
		info(1300+labelRule, labelH-labelMargin-labelRule, [][2]string{
			{w.Contents, l.Contents}, {w.Reference, l.Reference},
		})
		return img
	}

	// 1. Banner: carrier name reversed out of black, service on the right.
	bannerBottom := 180
	fillRect(img, image.Rect(left, labelMargin, 560, bannerBottom), black)
	cp := fitPen(c.Name, 76, 30, 560-left-48, true)
	cp.drawCentered(img, (left+560)/2, (labelMargin+bannerBottom)/2+cp.size*36/100, c.Name, white)
	fitPen(c.Service, 50, 28, right-560-30, true).drawCentered(img, (560+right)/2, 100, c.Service, black)
	newPen(26).drawCentered(img, (560+right)/2, 150, w.Checked, black)
	hrule(bannerBottom)

	// 2. Barcode.
	barcode()
	barBottom := labelBarTop + labelBarH + 84
	hrule(barBottom)

	// 3. Recipient block: big inverted badge, name and phone, address.
	recTop, recBottom := barBottom+labelRule, 830
	labelBadge(img, image.Rect(left+labelRule, recTop, left+labelRule+badgeW, recBottom), w.To, true, 76)
	vrule(left+labelRule+badgeW, recTop, recBottom)
	np := fitPen(l.To.Name+"  "+l.To.Phone, 56, 32, textW, true)
	np.draw(img, tx, recTop+78, l.To.Name+"  "+l.To.Phone, black)
	newBoldPen(42).drawWrapped(img, tx, recTop+150, l.To.Address, textW, 4, 60, black)
	hrule(recBottom)

	// 4. Sender block.
	sendTop, sendBottom := recBottom+labelRule, 1040
	labelBadge(img, image.Rect(left+labelRule+20, sendTop+24, left+labelRule+badgeW-20, sendTop+24+badgeW-40), w.From, false, 52)
	vrule(left+labelRule+badgeW, sendTop, sendBottom)
	snp := fitPen(l.From.Name+"  "+l.From.Phone, 36, 24, textW, false)
	snp.draw(img, tx, sendTop+58, l.From.Name+"  "+l.From.Phone, black)
	newPen(32).drawWrapped(img, tx, sendTop+112, l.From.Address, textW, 3, 46, black)
	hrule(sendBottom)

	// 5. Contents, weight, date, payment; QR code on the right.
	infoBottom := 1320
	info(sendBottom+labelRule, infoBottom, [][2]string{
		{w.Contents, l.Contents}, {w.Weight, weightText(l.WeightKg)}, {w.Date, l.Date}, {w.Payment, ""},
	})
	hrule(infoBottom)

	// 6. Signature strip and the small print.
	sigTop := infoBottom + labelRule
	sg := newPen(28)
	sg.draw(img, left+30, sigTop+48, w.SignName, black)
	sg.draw(img, left+460, sigTop+48, w.SignDate, black)
	fillRect(img, image.Rect(left+30+sg.width(w.SignName)+10, sigTop+54, left+420, sigTop+56), black)
	newPen(20).drawWrapped(img, left+30, sigTop+96, w.SmallPrint, right-left-60, 0, 28, black)
	return img
}

// groupChars splits s into groups of n characters separated by spaces
// (USPS prints "9400 1118 ..."); n <= 0 returns s.
func groupChars(s string, n int) string {
	if n <= 0 {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if i > 0 && i%n == 0 {
			b = append(b, ' ')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// grams parses a weight in kilograms with up to three decimals ("0.78")
// into grams, or -1.
func grams(kg string) int {
	whole, frac, _ := strings.Cut(kg, ".")
	if whole == "" || len(frac) > 3 {
		return -1
	}
	for len(frac) < 3 {
		frac += "0"
	}
	w, err1 := strconv.Atoi(whole)
	f, err2 := strconv.Atoi(frac)
	if err1 != nil || err2 != nil || w < 0 || f < 0 {
		return -1
	}
	return w*1000 + f
}

// lbOz prints a weight in kilograms as US labels do: "1 lb 12 oz".
func lbOz(kg string) string {
	g := grams(kg)
	if g < 0 {
		return kg
	}
	oz := (g*10000 + 283495/2) / 283495 // 1 oz = 28.3495 g
	return strconv.Itoa(oz/16) + " lb " + strconv.Itoa(oz%16) + " oz"
}

// weightText appends the unit to a bare number.
func weightText(w string) string {
	if w == "" {
		return ""
	}
	last := w[len(w)-1]
	if last >= '0' && last <= '9' {
		return w + " kg"
	}
	return w
}
