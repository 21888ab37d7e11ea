package samplegen

import (
	"image"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
)

// Label describes a shipping label (面单).
type Label struct {
	Carrier, Tracking                               string
	SenderName, SenderPhone, SenderAddress          string
	RecipientName, RecipientPhone, RecipientAddress string
	Contents                                        string // e.g. "不锈钢保温杯 x2"
	WeightKg                                        string // e.g. "0.78"
	Date                                            string // printed as is
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
	p := newBoldPen(size)
	fg := black
	if inverted {
		fillRect(img, r, black)
		fg = white
	} else {
		strokeRect(img, r, 4, black)
	}
	p.drawCentered(img, (r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2+size*36/100, ch, fg)
}

// DrawLabel draws a 1000x1500 thermal shipping label: carrier banner, a
// Code 128 barcode of the tracking number with the characters under it, a
// large recipient block, the sender block, contents, weight and date, a QR
// code of the tracking number in the lower right corner, and thick black
// rules between the blocks.
func DrawLabel(l Label) image.Image {
	img := newCanvas(labelW, labelH, white)
	left, right := labelMargin, labelW-labelMargin
	inner := image.Rect(left, labelMargin, right, labelH-labelMargin)
	strokeRect(img, inner, labelRule, black)
	hrule := func(y int) { fillRect(img, image.Rect(left, y, right, y+labelRule), black) }
	vrule := func(x, y0, y1 int) { fillRect(img, image.Rect(x, y0, x+labelRule, y1), black) }

	// 1. Banner: carrier name reversed out of black, service type on the right.
	bannerBottom := 180
	carrier := l.Carrier
	if carrier == "" {
		carrier = "快递"
	}
	fillRect(img, image.Rect(left, labelMargin, 560, bannerBottom), black)
	cp := fitPen(carrier, 76, 30, 560-left-48, true)
	cp.drawCentered(img, (left+560)/2, (labelMargin+bannerBottom)/2+cp.size*36/100, carrier, white)
	sp := newBoldPen(50)
	sp.drawCentered(img, (560+right)/2, 100, "标准快递", black)
	newPen(26).drawCentered(img, (560+right)/2, 150, "电子面单 · 已验视", black)
	hrule(bannerBottom)

	// 2. Barcode with the tracking characters, letter-spaced, under it.
	barArea := image.Rect(left+40, labelBarTop, right-40, labelBarTop+labelBarH)
	if !drawCode128(img, barArea, l.Tracking, 6) {
		newPen(28).drawCentered(img, labelW/2, labelBarTop+labelBarH/2, "（无法生成条码）", black)
	}
	tp := fitPen(l.Tracking, 44, 24, right-left-80, true)
	tp.drawSpaced(img, labelW/2, labelBarTop+labelBarH+56, l.Tracking, tp.size/4, black)
	barBottom := labelBarTop + labelBarH + 84
	hrule(barBottom)

	// 3. Recipient block: big badge "收", name and phone, address.
	recTop, recBottom := barBottom+labelRule, 830
	badgeW := 120
	labelBadge(img, image.Rect(left+labelRule, recTop, left+labelRule+badgeW, recBottom), "收", true, 76)
	vrule(left+labelRule+badgeW, recTop, recBottom)
	tx := left + labelRule + badgeW + 28
	textW := right - labelRule - 24 - tx
	np := fitPen(l.RecipientName+"  "+l.RecipientPhone, 56, 32, textW, true)
	np.draw(img, tx, recTop+78, l.RecipientName+"  "+l.RecipientPhone, black)
	ap := newBoldPen(42)
	ap.drawWrapped(img, tx, recTop+150, l.RecipientAddress, textW, 4, 60, black)
	hrule(recBottom)

	// 4. Sender block.
	sendTop, sendBottom := recBottom+labelRule, 1040
	labelBadge(img, image.Rect(left+labelRule+20, sendTop+24, left+labelRule+badgeW-20, sendTop+24+badgeW-40), "寄", false, 52)
	vrule(left+labelRule+badgeW, sendTop, sendBottom)
	snp := fitPen(l.SenderName+"  "+l.SenderPhone, 36, 24, textW, false)
	snp.draw(img, tx, sendTop+58, l.SenderName+"  "+l.SenderPhone, black)
	sap := newPen(32)
	sap.drawWrapped(img, tx, sendTop+112, l.SenderAddress, textW, 3, 46, black)
	hrule(sendBottom)

	// 5. Contents, weight, date on the left; QR code on the right.
	infoTop, infoBottom := sendBottom+labelRule, 1320
	qrSize := 230
	qrX := right - labelRule - qrSize - 10
	vrule(qrX-16, infoTop, infoBottom)
	drawQR(img, qrX, infoTop+6, qrSize, l.Tracking)
	newPen(22).drawCentered(img, qrX+qrSize/2, infoBottom-8, "扫码查件", black)
	ip := newPen(34)
	ib := newBoldPen(34)
	infoW := qrX - 16 - (left + 30) - 10
	rows := [][2]string{
		{"托寄物：", l.Contents},
		{"计费重量：", weightText(l.WeightKg)},
		{"寄件日期：", l.Date},
		{"付款方式：", "寄付月结"},
	}
	y := infoTop + 62
	for _, row := range rows {
		x := ip.draw(img, left+30, y, row[0], black)
		ib.draw(img, x, y, ib.fit(row[1], infoW-(x-left-30)), black)
		y += 64
	}
	hrule(infoBottom)

	// 6. Signature strip and the small print.
	sigTop := infoBottom + labelRule
	sg := newPen(28)
	sg.draw(img, left+30, sigTop+48, "签收人：", black)
	sg.draw(img, left+460, sigTop+48, "签收时间：     年    月    日", black)
	fillRect(img, image.Rect(left+140, sigTop+54, left+420, sigTop+56), black)
	small := newPen(20)
	small.drawWrapped(img, left+30, sigTop+96, "快件送达收件人地址，经收件人或收件人（寄件人）允许的代收人签字，视为送达。您的签字代表您已验收此包裹，并已确认商品信息无误、包装完好。", right-left-60, 0, 28, black)
	return img
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
