package samplegen

import (
	"image"
	"strings"
)

// TraceEvent is one scan event of a parcel.
type TraceEvent struct {
	At     string `yaml:"at"`     // as the carrier prints it: date, then " · " or a space, then time, e.g. "2026-10-20 16:05"
	Place  string `yaml:"place"`  // where it was scanned
	Status string `yaml:"status"` // short status, e.g. "已签收" or "Delivered"
	Detail string `yaml:"detail"` // the carrier's full wording; never shortened
}

// Trace is a screenshot of a carrier's tracking page (物流轨迹).
type Trace struct {
	Carrier   string       `yaml:"carrier"` // selects the page's colours and language, as for labels
	Tracking  string       `yaml:"tracking"`
	Service   string       `yaml:"service"`   // overrides the carrier's service name
	Events    []TraceEvent `yaml:"events"`    // oldest first; drawn newest first
	Highlight int          `yaml:"highlight"` // 1-based index into Events of the decisive event; 0: the newest
}

const (
	traceW      = 1080
	traceMinH   = 1200
	traceHeadH  = 120
	traceTextX  = 340
	traceTextR  = 1000
	traceNodeX  = 290
	traceTimeX  = 72
	traceMinRow = 120
)

// DrawTrace draws a carrier's tracking page, 1080 px wide: a header in the
// carrier's colour, a card with the tracking number, service and current
// status, and the scan events newest first on a timeline, each with its
// time, status, place and full wording, the decisive event tinted. Every
// fixed string is in the carrier's language. The page grows with the events;
// no text is cut.
func DrawTrace(t Trace) image.Image {
	c := carrierFor(t.Carrier)
	w := wordsFor(c.Lang)
	status, detail, place, when := newBoldPen(30), newPen(26), newPen(24), newPen(24)
	textW := traceTextR - traceTextX
	type row struct {
		ev     TraceEvent
		detail []string
		h      int
	}
	rows := make([]row, len(t.Events))
	total := 0
	for i := range t.Events {
		ev := t.Events[len(t.Events)-1-i]
		r := row{ev: ev, detail: detail.wrap(ev.Detail, textW)}
		r.h = max(traceMinRow, 48+len(r.detail)*38+boolInt(ev.Place != "")*36+36)
		rows[i] = r
		total += r.h
	}
	cardTop := traceHeadH + 30
	listTop := cardTop + 220
	h := max(traceMinH, listTop+40+total+120)
	img := newCanvas(traceW, h, rgb(243, 244, 246))
	ink, muted := rgb(34, 34, 38), rgb(118, 122, 130)

	// Header.
	fillRect(img, image.Rect(0, 0, traceW, traceHeadH), c.Brand)
	newBoldPen(40).draw(img, 48, 76, c.Name, white)
	newPen(26).drawRight(img, traceW-48, 74, w.TraceTitle, white)

	// Summary card.
	card := image.Rect(32, cardTop, traceW-32, cardTop+190)
	fillRect(img, card, white)
	newPen(24).draw(img, 64, cardTop+50, w.TraceNumber, muted)
	newBoldPen(36).draw(img, 64, cardTop+102, t.Tracking, ink)
	service := t.Service
	if service == "" {
		service = c.Service
	}
	newPen(24).draw(img, 64, cardTop+152, service, muted)
	if len(t.Events) > 0 {
		last := t.Events[len(t.Events)-1].Status
		sp := fitPen(last, 40, 24, 420, true)
		sp.drawRight(img, traceW-64, cardTop+112, last, c.Brand)
	}

	// Timeline, newest first.
	list := image.Rect(32, listTop, traceW-32, h-100)
	fillRect(img, list, white)
	hl := len(t.Events) - t.Highlight // row index of the decisive event
	if t.Highlight <= 0 || t.Highlight > len(t.Events) {
		hl = 0
	}
	y := listTop + 20
	for i, r := range rows {
		if i == hl {
			fillRect(img, image.Rect(list.Min.X, y, list.Max.X, y+r.h), rgb(255, 247, 222))
			fillRect(img, image.Rect(list.Min.X, y, list.Min.X+6, y+r.h), c.Brand)
		}
		// Rail and node.
		if i < len(rows)-1 {
			fillRect(img, image.Rect(traceNodeX-1, y+30, traceNodeX+2, y+r.h+30), rgb(214, 217, 222))
		}
		nodeC, nodeR := rgb(190, 194, 200), 9
		if i == 0 {
			nodeC, nodeR = c.Brand, 13
		}
		paint(img, image.Rect(traceNodeX-nodeR-1, y+30-nodeR-1, traceNodeX+nodeR+2, y+30+nodeR+2), shCircle(traceNodeX, y+30, nodeR), solid(nodeC), 255)
		// Date and time on the left.
		d, tm, ok := strings.Cut(r.ev.At, " · ")
		if !ok {
			d, tm, _ = strings.Cut(r.ev.At, " ")
		}
		when.draw(img, traceTimeX, y+38, d, ink)
		when.draw(img, traceTimeX, y+72, tm, muted)
		// Status, full wording, place.
		sc := ink
		if i == 0 {
			sc = c.Brand
		}
		status.draw(img, traceTextX, y+40, r.ev.Status, sc)
		ty := y + 40 + 42
		for _, ln := range r.detail {
			detail.draw(img, traceTextX, ty, ln, ink)
			ty += 38
		}
		if r.ev.Place != "" {
			place.draw(img, traceTextX, ty, r.ev.Place, muted)
		}
		y += r.h
	}
	newPen(22).drawCentered(img, traceW/2, h-50, w.Source+c.Name, muted)
	return img
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
