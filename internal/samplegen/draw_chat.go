package samplegen

import (
	"image"
	"image/color"
)

// Bubble is one chat message.
type Bubble struct {
	FromSeller bool   `yaml:"seller"`
	Name       string `yaml:"name"`
	Text       string `yaml:"text"`
	Time       string `yaml:"time"` // shown centred above the message when it differs from the previous one
}

// Chat is a phone chat screenshot (聊天记录截图).
type Chat struct {
	Title   string   `yaml:"title"`
	Bubbles []Bubble `yaml:"messages"`
}

const (
	chatW        = 750
	chatStatusH  = 44
	chatTitleH   = 88
	chatInputH   = 110
	chatAvatar   = 80
	chatSide     = 24 // screen edge to avatar
	chatGap      = 18 // avatar to bubble
	chatPadX     = 26
	chatPadY     = 22
	chatTextSize = 30
	chatLineH    = 44
)

// chatLayout measures what each bubble needs: its wrapped lines, the width
// of its widest line, whether a time label goes above it.
type chatItem struct {
	lines    []string
	textW    int
	showTime bool
	height   int // total vertical room, time label included
}

func layoutChat(c Chat, p *pen) []chatItem {
	maxText := chatW - 2*(chatSide+chatAvatar+chatGap) - 2*chatPadX - 40
	items := make([]chatItem, len(c.Bubbles))
	prevTime := ""
	for i, b := range c.Bubbles {
		it := chatItem{lines: p.wrap(b.Text, maxText)}
		if len(it.lines) == 0 {
			it.lines = []string{""}
		}
		for _, ln := range it.lines {
			it.textW = max(it.textW, p.width(ln))
		}
		it.showTime = b.Time != "" && b.Time != prevTime
		prevTime = b.Time
		it.height = max(chatAvatar, len(it.lines)*chatLineH+2*chatPadY-(chatLineH-chatTextSize)/2) + 32
		if b.Name != "" && !b.FromSeller {
			it.height += 30
		}
		if it.showTime {
			it.height += 66
		}
		items[i] = it
	}
	return items
}

// DrawChat draws a 750 px wide phone screenshot of a chat: status bar
// ("9:41"), a title bar, a grey background, seller messages in green bubbles
// on the right and buyer messages in white bubbles on the left, each with a
// small avatar square, and time labels centred between messages. Long text
// wraps by rune width; the height grows with the content. Runes the font
// lacks (emoji) are drawn as small yellow smileys.
func DrawChat(c Chat) image.Image {
	p := newPen(chatTextSize)
	items := layoutChat(c, p)
	body := 24
	for _, it := range items {
		body += it.height
	}
	h := chatStatusH + chatTitleH + body + 16 + chatInputH
	bg := rgb(237, 237, 237)
	img := newCanvas(chatW, h, bg)
	textCol := rgb(25, 25, 25)

	// Status bar: time, signal, Wi-Fi-ish bars and battery.
	sb := newBoldPen(26)
	sb.draw(img, 28, 33, "9:41", black)
	for i := 0; i < 4; i++ {
		bh := 6 + i*4
		fillRect(img, image.Rect(chatW-176+i*9, 30-bh, chatW-170+i*9, 30), black)
	}
	newBoldPen(20).draw(img, chatW-132, 31, "5G", black)
	bat := image.Rect(chatW-84, 12, chatW-36, 34)
	paint(img, bat, shMinus(shRoundRect(bat, 6), shRoundRect(bat.Inset(2), 4)), solid(rgb(120, 120, 120)), 255)
	fillRect(img, image.Rect(chatW-34, 19, chatW-31, 27), rgb(120, 120, 120))
	paint(img, bat.Inset(4), shRoundRect(bat.Inset(4), 2), solid(black), 255)

	// Title bar.
	ty := chatStatusH
	fillRect(img, image.Rect(0, ty, chatW, ty+chatTitleH), bg)
	chev := shOr(
		shThickLine(image.Pt(44, ty+30), image.Pt(30, ty+44), 4),
		shThickLine(image.Pt(30, ty+44), image.Pt(44, ty+58), 4),
		shCircle(30, ty+44, 2),
	)
	paint(img, image.Rect(20, ty+20, 56, ty+68), chev, solid(black), 255)
	tp := newBoldPen(32)
	tp.drawCentered(img, chatW/2, ty+56, tp.fit(c.Title, chatW-220), black)
	for i := 0; i < 3; i++ {
		paint(img, image.Rect(chatW-70+i*16, ty+38, chatW-60+i*16, ty+50), shCircle(chatW-65+i*16, ty+44, 4), solid(black), 255)
	}
	fillRect(img, image.Rect(0, ty+chatTitleH-1, chatW, ty+chatTitleH), rgb(214, 214, 214))

	// Messages.
	timeP := newPen(22)
	nameP := newPen(22)
	y := chatStatusH + chatTitleH + 24
	for i, b := range c.Bubbles {
		it := items[i]
		if it.showTime {
			timeP.drawCentered(img, chatW/2, y+34, b.Time, rgb(160, 160, 160))
			y += 66
		}
		bw := it.textW + 2*chatPadX
		bh := max(len(it.lines)*chatLineH+2*chatPadY-(chatLineH-chatTextSize)/2, 80)
		var av, bub image.Rectangle
		var fill, avCol color.RGBA
		if b.FromSeller {
			av = image.Rect(chatW-chatSide-chatAvatar, y, chatW-chatSide, y+chatAvatar)
			bub = image.Rect(av.Min.X-chatGap-bw, y, av.Min.X-chatGap, y+bh)
			fill, avCol = rgb(149, 236, 105), rgb(46, 134, 96)
		} else {
			av = image.Rect(chatSide, y, chatSide+chatAvatar, y+chatAvatar)
			by := y
			if b.Name != "" {
				nameP.draw(img, av.Max.X+chatGap+4, y+20, nameP.fit(b.Name, 360), rgb(150, 150, 150))
				by += 30
			}
			bub = image.Rect(av.Max.X+chatGap, by, av.Max.X+chatGap+bw, by+bh)
			fill, avCol = white, rgb(88, 128, 196)
		}
		// Avatar: rounded square with the first character of the name.
		paint(img, av, shRoundRect(av, 10), solid(avCol), 255)
		if b.Name != "" {
			ap := newBoldPen(34)
			ap.drawCentered(img, (av.Min.X+av.Max.X)/2, av.Min.Y+52, string([]rune(b.Name)[:1]), white)
		}
		// Bubble with a small tail pointing at the avatar.
		var tail shape
		tailY := bub.Min.Y + 40
		if b.FromSeller {
			tail = shPoly(image.Pt(bub.Max.X-1, tailY-10), image.Pt(bub.Max.X+11, tailY), image.Pt(bub.Max.X-1, tailY+10))
		} else {
			tail = shPoly(image.Pt(bub.Min.X+1, tailY-10), image.Pt(bub.Min.X-11, tailY), image.Pt(bub.Min.X+1, tailY+10))
		}
		area := image.Rect(bub.Min.X-12, bub.Min.Y, bub.Max.X+12, bub.Max.Y)
		paint(img, area, shOr(shRoundRect(bub, 10), tail), solid(fill), 255)
		ly := bub.Min.Y + chatPadY + chatTextSize - 2
		for _, ln := range it.lines {
			p.draw(img, bub.Min.X+chatPadX, ly, ln, textCol)
			ly += chatLineH
		}
		y += it.height
		if it.showTime {
			y -= 66
		}
	}

	// Input bar.
	iy := h - chatInputH
	fillRect(img, image.Rect(0, iy, chatW, h), rgb(246, 246, 246))
	fillRect(img, image.Rect(0, iy, chatW, iy+1), rgb(214, 214, 214))
	ring := func(cx, cy int) {
		paint(img, image.Rect(cx-26, cy-26, cx+27, cy+27), shMinus(shCircle(cx, cy, 24), shCircle(cx, cy, 21)), solid(rgb(40, 40, 40)), 255)
	}
	ring(44, iy+48)
	paint(img, image.Rect(30, iy+30, 60, iy+66), shMinus(shCircle(40, iy+48, 12), shCircle(40, iy+48, 9)), solid(rgb(40, 40, 40)), 255)
	in := image.Rect(84, iy+20, chatW-150, iy+76)
	paint(img, in, shRoundRect(in, 8), solid(white), 255)
	ring(chatW-110, iy+48)
	dark := solid(rgb(40, 40, 40))
	paint(img, image.Rect(chatW-124, iy+34, chatW-96, iy+64), shOr(shCircle(chatW-118, iy+43, 3), shCircle(chatW-102, iy+43, 3)), dark, 255)
	paint(img, image.Rect(chatW-124, iy+44, chatW-96, iy+64), func(sx, sy int) bool {
		dx, dy := sx-(chatW-110)*8, sy-(iy+46)*8
		d := dx*dx + dy*dy
		return dy > 8 && d <= 13*13*64 && d >= 10*10*64
	}, dark, 255)
	ring(chatW-46, iy+48)
	fillRect(img, image.Rect(chatW-58, iy+47, chatW-34, iy+50), rgb(40, 40, 40))
	fillRect(img, image.Rect(chatW-48, iy+36, chatW-45, iy+61), rgb(40, 40, 40))
	return img
}
