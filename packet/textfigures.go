package packet

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/quantity"
)

// A reviewer reads the weights and amounts written in captions, highlight
// notes and timeline events beside the packet's weight table and the
// order's prices: a caption that says "0.79 kg" above a table that says
// 630 g makes both doubtful. The checks here read those figures and flag
// any the manifest does not back.

// freeText is one piece of the manifest's free text that the packet prints.
type freeText struct {
	field string // manifest field, e.g. "evidence[2].caption"
	what  string // how the seller finds it, e.g. "the caption of weights/courier.png"
	text  string
	// about are the weighings the text reports: those its exhibit shows,
	// or those an event names.
	about []weighing
	// exhibit is set when about comes from the exhibit's kind: a figure
	// there whose reading the manifest lacks is worth saying.
	exhibit bool
}

// freeTexts lists the captions, highlight notes and events.
func freeTexts(m *evidence.Manifest) []freeText {
	var ts []freeText
	for i, e := range m.Evidence {
		var about []weighing
		for _, wg := range weighings {
			if wg.kind == e.Kind {
				about = append(about, wg)
			}
		}
		ts = append(ts, freeText{field: fmt.Sprintf("evidence[%d].caption", i), what: "the caption of " + e.File, text: e.Caption, about: about, exhibit: true})
		for j, h := range e.Highlight {
			ts = append(ts, freeText{field: fmt.Sprintf("evidence[%d].highlight[%d].note", i, j), what: fmt.Sprintf("highlight %d of %s", j+1, e.File),
				text: h.Note, about: about, exhibit: true})
		}
	}
	for i, ev := range m.Timeline {
		var about []weighing
		lower := strings.ToLower(ev.Event)
		for _, wg := range weighings {
			if slices.ContainsFunc(wg.words, func(w string) bool { return strings.Contains(lower, w) }) {
				about = append(about, wg)
			}
		}
		ts = append(ts, freeText{field: fmt.Sprintf("timeline[%d].event", i), what: "the timeline event of " + ev.At.Format("2006-01-02 15:04"), text: ev.Event, about: about})
	}
	return ts
}

// known is a figure of the order, with what it is.
type known struct {
	name  string
	value float64
}

// textFigures checks the weights and money amounts written in the
// manifest's free text against its own figures.
func textFigures(m *evidence.Manifest, w *Weights) []Finding {
	weights, amounts := knownWeights(w), knownAmounts(m)
	var fs []Finding
	for _, t := range freeTexts(m) {
		fs = append(fs, checkWeights(m, t, w, weights)...)
		fs = append(fs, checkAmounts(m, t, amounts)...)
	}
	return fs
}

// knownWeights are the weights a figure in text may state: each reading,
// the parcel with and without the claimed items, each line and its unit,
// the packaging. The first ones are named in messages.
func knownWeights(w *Weights) []known {
	var ks []known
	for _, r := range w.Readings {
		ks = append(ks, known{"the " + r.Source + " reading", r.Grams})
	}
	if w.HasExpected {
		ks = append(ks, known{"the full parcel", w.ExpectedG})
	}
	if w.HasMissing {
		ks = append(ks, known{"the parcel without the claimed items", w.ShortG}, known{"the claimed items", w.MissingG})
	}
	for _, l := range w.Lines {
		ks = append(ks, known{"one " + l.SKU, l.UnitG}, known{fmt.Sprintf("%d x %s", l.Quantity, l.SKU), l.TotalG})
	}
	if w.PackagingG > 0 {
		ks = append(ks, known{"the packaging", w.PackagingG})
	}
	return ks
}

// checkWeights compares the weights written in t with the reading t
// reports, to the precision written ("0.79 kg" is 785 to 795 g), since a
// caption transcribes the same scale; other weights, and those in text
// about no reading, must be within the weight tolerance of one of the
// order's weights.
func checkWeights(m *evidence.Manifest, t freeText, w *Weights, ks []known) []Finding {
	written := quantity.Weights(t.text)
	if len(written) == 0 {
		return nil
	}
	var readings []Reading
	for _, wg := range t.about {
		if g := wg.grams(&m.Shipment); g != nil {
			readings = append(readings, Reading{Source: wg.source, Field: wg.field, Grams: *g})
		}
	}
	if len(readings) == 0 && t.exhibit && len(t.about) > 0 {
		wg := t.about[0]
		return []Finding{{Severity: SeverityWarning, Fields: []string{t.field, wg.field},
			Message: fmt.Sprintf("%s writes %s (%s), but %s is not set, so the weight table and these checks leave the %s reading out", t.what, written[0].Text, gramsOf(written[0].Grams), wg.field, wg.source),
			Hint:    fmt.Sprintf("add %s: %s", strings.TrimPrefix(wg.field, "shipment."), strconv.FormatFloat(math.Round(written[0].Grams), 'f', -1, 64))}}
	}
	transcribes := func(q quantity.Weight) bool {
		return slices.ContainsFunc(readings, func(r Reading) bool { return math.Abs(q.Grams-r.Grams) <= q.Slack+0.5 })
	}
	near := func(q quantity.Weight) bool {
		return slices.ContainsFunc(ks, func(k known) bool { return math.Abs(q.Grams-k.value) <= w.Tolerance+q.Slack })
	}
	// A text about a reading may mention another figure beside it ("0.79 kg,
	// as at the warehouse 0.78 kg"): once one figure is the reading's, the
	// others need only be the order's.
	anyTranscribes := slices.ContainsFunc(written, transcribes)
	var fs []Finding
	for _, q := range written {
		switch {
		case transcribes(q):
		case len(readings) > 0 && !anyTranscribes:
			var is []string
			fields := []string{t.field}
			for _, r := range readings {
				is = append(is, fmt.Sprintf("%s is %s", r.Field, grams(r.Grams)))
				fields = append(fields, r.Field)
			}
			fs = append(fs, Finding{Severity: SeverityWarning, Fields: fields,
				Message: fmt.Sprintf("%s writes %s (%s), but %s", t.what, q.Text, gramsOf(q.Grams), strings.Join(is, " and ")),
				Hint:    "correct whichever is wrong: the reviewer sees both"})
		case len(ks) > 0 && !near(q):
			var names []string
			for _, k := range ks[:min(len(ks), len(w.Readings)+3)] {
				names = append(names, fmt.Sprintf("%s %s", k.name, grams(k.value)))
			}
			fs = append(fs, Finding{Severity: SeverityWarning, Fields: append([]string{t.field}, append(weightFields(w), "items")...),
				Message: fmt.Sprintf("%s writes %s (%s), which is none of the order's weights (%s) within %s", t.what, q.Text, gramsOf(q.Grams), strings.Join(names, ", "), grams(w.Tolerance)),
				Hint:    "correct whichever is wrong: the reviewer sees both"})
		}
	}
	return fs
}

// knownAmounts are the amounts a figure in text may state: unit prices,
// line totals, the order total, the value of the claimed items, the amount
// claimed and the remedy's. The first ones are named in messages.
func knownAmounts(m *evidence.Manifest) []known {
	var ks []known
	total, priced := 0.0, len(m.Items) > 0
	price := map[string]float64{}
	for _, it := range m.Items {
		if it.UnitPrice == nil {
			priced = false
			continue
		}
		price[it.SKU] = *it.UnitPrice
		total += *it.UnitPrice * float64(it.Quantity)
	}
	if priced {
		ks = append(ks, known{"the order total", total})
	}
	if a := m.AfterSale.Amount; a != nil {
		ks = append(ks, known{"the amount claimed", *a})
	}
	if r := m.AfterSale.Remedy; r != nil && r.Amount != nil {
		ks = append(ks, known{"the remedy", *r.Amount})
	}
	for _, it := range m.Items {
		if it.UnitPrice != nil {
			ks = append(ks, known{"one " + it.SKU, *it.UnitPrice}, known{fmt.Sprintf("%d x %s", it.Quantity, it.SKU), *it.UnitPrice * float64(it.Quantity)})
		}
	}
	value, valued := 0.0, len(m.AfterSale.Missing) > 0
	for _, ms := range m.AfterSale.Missing {
		p, ok := price[ms.SKU]
		valued = valued && ok
		value += p * float64(ms.Quantity)
	}
	if valued {
		ks = append(ks, known{"the claimed items", value})
	}
	return ks
}

// postageWords mark an amount as postage, which the manifest does not
// record (lower case).
var postageWords = []string{"postage", "shipping", "delivery fee", "运费", "邮费", "快递费"}

// checkAmounts flags the money amounts written in t that are none of the
// order's amounts, to the cent. Postage is left alone.
func checkAmounts(m *evidence.Manifest, t freeText, ks []known) []Finding {
	if len(ks) == 0 {
		return nil
	}
	var fs []Finding
	for _, q := range quantity.Amounts(t.text) {
		if slices.ContainsFunc(ks, func(k known) bool { return math.Abs(q.Amount-k.value) < 0.005 }) {
			continue
		}
		clause := strings.ToLower(clauseAround(t.text, q.Offset, q.Offset+len(q.Text)))
		if slices.ContainsFunc(postageWords, func(w string) bool { return strings.Contains(clause, w) }) {
			continue
		}
		var names []string
		for _, k := range ks[:min(len(ks), 3)] {
			names = append(names, fmt.Sprintf("%s %s", k.name, money(k.value, m.Currency)))
		}
		fs = append(fs, Finding{Severity: SeverityWarning, Fields: []string{t.field, "items", "after_sale.amount"},
			Message: fmt.Sprintf("%s writes %s, which is none of the order's amounts (%s, or a price or line total)", t.what, q.Text, strings.Join(names, ", ")),
			Hint:    "correct whichever is wrong: the reviewer sees both"})
	}
	return fs
}

// clauseAround is the clause of s holding the bytes [i, j): the text
// between the nearest punctuation marks on either side ("," and "." only
// before a space, as they also sit inside numbers).
func clauseAround(s string, i, j int) string {
	ends := func(k int) bool {
		r, n := utf8.DecodeRuneInString(s[k:])
		if r == ',' || r == '.' {
			return k+n == len(s) || s[k+n] == ' '
		}
		return unicode.IsPunct(r) && !strings.ContainsRune("-'%", r) || r == '\n'
	}
	start := i
	for start > 0 {
		_, n := utf8.DecodeLastRuneInString(s[:start])
		if ends(start - n) {
			break
		}
		start -= n
	}
	end := j
	for end < len(s) && !ends(end) {
		_, n := utf8.DecodeRuneInString(s[end:])
		end += n
	}
	return s[start:end]
}

// gramsOf formats a weight read from text, to the gram.
func gramsOf(g float64) string { return grams(math.Round(g)) }
