package samplegen

import (
	"image"
	"image/color"
	"strconv"
)

// CourierRow is one scan event on the courier's intranet weighing page.
type CourierRow struct {
	Time     string `yaml:"time"`
	Site     string `yaml:"site"`
	Action   string `yaml:"action"`
	Tracking string `yaml:"tracking"`
	Weight   string `yaml:"weight"`
	Operator string `yaml:"operator"`
}

// CourierRecord is a screenshot of the courier company's intranet weighing
// page (快递内网称重).
type CourierRecord struct {
	Carrier   string       `yaml:"carrier"`
	Title     string       `yaml:"title"`
	Rows      []CourierRow `yaml:"rows"`
	Highlight int          `yaml:"highlight"` // index of the row to emphasise, -1 none
}

const (
	courierW        = 1400
	courierMinH     = 800
	courierTopBar   = 64
	courierSide     = 210
	courierRowH     = 48
	courierTableTop = 250
)

// DrawCourierRecord draws a crisp ~1400x800 desktop web-app screenshot: a
// top bar with the carrier's name, a side menu, the page title, a search box
// holding the tracking number, and a table of scan events with a header row,
// zebra rows and the highlighted row tinted. The page grows taller when
// there are more rows than fit.
func DrawCourierRecord(c CourierRecord) image.Image {
	h := max(courierMinH, courierTableTop+courierRowH*(len(c.Rows)+1)+110)
	img := newCanvas(courierW, h, rgb(240, 242, 245))

	brand := rgb(24, 62, 120)
	accent := rgb(22, 119, 255)
	text := rgb(38, 38, 38)
	muted := rgb(120, 124, 130)

	// Top bar.
	fillRect(img, image.Rect(0, 0, courierW, courierTopBar), brand)
	carrier := c.Carrier
	if carrier == "" {
		carrier = "快递"
	}
	logo := image.Rect(20, 14, 56, 50)
	paint(img, logo, shRoundRect(logo, 8), solid(white), 255)
	lp := newBoldPen(24)
	first := string([]rune(carrier)[:1])
	lp.drawCentered(img, 38, 41, first, brand)
	tb := newBoldPen(24)
	x := tb.draw(img, 70, 41, carrier, white)
	newPen(20).draw(img, x+16, 40, "| 运营管理平台 · 称重中心", rgb(200, 214, 236))
	up := newPen(18)
	up.drawRight(img, courierW-24, 39, "工号 0731  ·  退出", rgb(200, 214, 236))
	avatar := image.Rect(courierW-200, 18, courierW-172, 46)
	paint(img, avatar, shCircle(courierW-186, 32, 14), solid(rgb(120, 160, 220)), 255)

	// Side menu.
	fillRect(img, image.Rect(0, courierTopBar, courierSide, h), rgb(255, 255, 255))
	fillRect(img, image.Rect(courierSide-1, courierTopBar, courierSide, h), rgb(228, 230, 234))
	mp := newPen(19)
	menu := []string{"工作台", "运单查询", "揽收管理", "称重记录", "中转分拨", "派件管理", "异常件处理", "报表中心"}
	for i, m := range menu {
		y := courierTopBar + 20 + i*52
		if i == 3 {
			fillRect(img, image.Rect(0, y, courierSide-1, y+44), rgb(230, 244, 255))
			fillRect(img, image.Rect(courierSide-4, y, courierSide-1, y+44), accent)
			mp.draw(img, 44, y+29, m, accent)
		} else {
			mp.draw(img, 44, y+29, m, rgb(70, 70, 70))
		}
		paint(img, image.Rect(20, y+14, 34, y+28), shRoundRect(image.Rect(20, y+14, 34, y+28), 3), solid(rgb(170, 176, 186)), 255)
	}

	// Content card.
	cx0, cx1 := courierSide+24, courierW-24
	card := image.Rect(cx0, courierTopBar+20, cx1, h-20)
	fillRect(img, card, white)
	crumb := newPen(16)
	crumb.draw(img, cx0+24, courierTopBar+50, "首页 / 称重记录 / 运单称重明细", muted)
	title := c.Title
	if title == "" {
		title = "运单称重记录"
	}
	newBoldPen(26).draw(img, cx0+24, courierTopBar+92, title, text)

	// Search box with the tracking number and a query button.
	tracking := ""
	if c.Highlight >= 0 && c.Highlight < len(c.Rows) {
		tracking = c.Rows[c.Highlight].Tracking
	} else if len(c.Rows) > 0 {
		tracking = c.Rows[0].Tracking
	}
	sp := newPen(18)
	sp.draw(img, cx0+24, courierTopBar+148, "运单号", text)
	box := image.Rect(cx0+90, courierTopBar+120, cx0+470, courierTopBar+158)
	strokeRect(img, box, 1, rgb(200, 204, 210))
	fillRect(img, box.Inset(1), white)
	sp.draw(img, box.Min.X+12, box.Max.Y-12, sp.fit(tracking, box.Dx()-24), text)
	fillRect(img, image.Rect(box.Min.X+12+sp.width(tracking)+2, box.Min.Y+9, box.Min.X+12+sp.width(tracking)+3, box.Max.Y-9), text) // caret
	sp.draw(img, box.Max.X+24, courierTopBar+148, "日期", text)
	dbox := image.Rect(box.Max.X+70, box.Min.Y, box.Max.X+330, box.Max.Y)
	strokeRect(img, dbox, 1, rgb(200, 204, 210))
	sp.draw(img, dbox.Min.X+12, dbox.Max.Y-12, "近 30 天", muted)
	btn := image.Rect(dbox.Max.X+24, box.Min.Y, dbox.Max.X+124, box.Max.Y)
	paint(img, btn, shRoundRect(btn, 4), solid(accent), 255)
	newPen(18).drawCentered(img, (btn.Min.X+btn.Max.X)/2, btn.Max.Y-12, "查询", white)
	btn2 := image.Rect(btn.Max.X+12, box.Min.Y, btn.Max.X+112, box.Max.Y)
	strokeRect(img, btn2, 1, rgb(200, 204, 210))
	newPen(18).drawCentered(img, (btn2.Min.X+btn2.Max.X)/2, btn2.Max.Y-12, "导出", text)

	// Table.
	tx0, tx1 := cx0+24, cx1-24
	cols := []struct {
		name string
		w    int // share of the width, per mille
	}{
		{"序号", 60}, {"操作时间", 190}, {"操作网点", 220}, {"操作类型", 130}, {"运单号", 190}, {"重量(kg)", 100}, {"操作员", 110},
	}
	colX := make([]int, len(cols)+1)
	colX[0] = tx0
	acc := 0
	for i, col := range cols {
		acc += col.w
		colX[i+1] = tx0 + (tx1-tx0)*acc/1000
	}
	colX[len(cols)] = tx1
	hp := newBoldPen(18)
	rp := newPen(18)
	y := courierTableTop
	fillRect(img, image.Rect(tx0, y, tx1, y+courierRowH), rgb(245, 247, 250))
	for i, col := range cols {
		hp.draw(img, colX[i]+14, y+31, col.name, text)
	}
	fillRect(img, image.Rect(tx0, y+courierRowH-1, tx1, y+courierRowH), rgb(222, 226, 232))
	y += courierRowH
	for ri, r := range c.Rows {
		bg := white
		if ri%2 == 1 {
			bg = rgb(250, 251, 252)
		}
		hl := ri == c.Highlight
		if hl {
			bg = rgb(255, 244, 206)
		}
		fillRect(img, image.Rect(tx0, y, tx1, y+courierRowH), bg)
		if hl {
			fillRect(img, image.Rect(tx0, y, tx0+4, y+courierRowH), rgb(250, 140, 22))
		}
		cells := []string{strconv.Itoa(ri + 1), r.Time, r.Site, r.Action, r.Tracking, r.Weight, r.Operator}
		for i, cell := range cells {
			p := rp
			col := text
			if hl && (i == 5 || i == 4) {
				p = hp
			}
			if i == 5 && hl {
				col = rgb(207, 19, 34)
			}
			if i == 4 {
				col = accent
			}
			p.draw(img, colX[i]+14, y+31, p.fit(cell, colX[i+1]-colX[i]-20), col)
		}
		fillRect(img, image.Rect(tx0, y+courierRowH-1, tx1, y+courierRowH), rgb(236, 238, 242))
		y += courierRowH
	}
	if len(c.Rows) == 0 {
		rp.drawCentered(img, (tx0+tx1)/2, y+60, "暂无数据", muted)
		y += 100
	}
	// Footer: count and pager.
	fp := newPen(16)
	fp.draw(img, tx0, y+44, "共 "+strconv.Itoa(len(c.Rows))+" 条记录", muted)
	px := tx1 - 200
	for i, s := range []string{"<", "1", ">"} {
		b := image.Rect(px+i*40, y+20, px+i*40+32, y+52)
		var bc color.RGBA = rgb(217, 217, 217)
		if s == "1" {
			bc = accent
		}
		strokeRect(img, b, 1, bc)
		fp.drawCentered(img, b.Min.X+16, b.Max.Y-10, s, bc)
	}
	fp.draw(img, px+130, y+44, "10 条/页", muted)
	return img
}
