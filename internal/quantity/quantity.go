// Package quantity reads the weights and money amounts a person wrote in
// free text ("0.79 kg", "790克", "1.58斤", "¥59", "59.00元", "USD 12.50"),
// so that the figures in captions and events can be checked against the
// order's own. Full-width digits, letters and signs read as their ASCII
// forms. A number counts only with a unit or a currency beside it: "500ml",
// "20 oz" (a capacity as often as a weight) and bare numbers are ignored.
package quantity

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Weight is a weight written in text.
type Weight struct {
	Text   string  // as written, e.g. "0.79 kg"
	Offset int     // where Text starts in the text, in bytes
	Grams  float64 // its value in grams
	// Slack is half the step of the last digit written, in grams: "0.79 kg"
	// is any reading from 785 g to 795 g, "1 kg" anything from 500 g to 1500 g.
	Slack float64
}

// Money is an amount of money written in text.
type Money struct {
	Text   string  // as written, e.g. "¥59.00"
	Offset int     // where Text starts in the text, in bytes
	Amount float64 // in the currency's main unit
	// Currency is the ISO 4217 code when the text names one (元, RMB, USD,
	// 美元...), "$" or "¥" for a bare sign (several currencies use them),
	// and never empty.
	Currency string
}

// number is a decimal number with optional thousands separators ("1,580.5").
// Its neighbours are checked in code: Go's regexp has no look-behind.
var number = regexp.MustCompile(`\d(?:[\d,]*\d)?(?:\.\d+)?`)

// weightUnits are the weight units, longest spelling first, with grams per
// unit. Latin units match case-insensitively and must not run on into a
// word ("5 GB", "10 gal").
var weightUnits = []struct {
	unit  string
	grams float64
}{
	{"kilograms", 1000}, {"kilogram", 1000}, {"kgs", 1000}, {"kg", 1000},
	{"grams", 1}, {"gram", 1}, {"g", 1},
	{"lbs", 453.59237}, {"lb", 453.59237},
	{"公斤", 1000}, {"千克", 1000}, {"克", 1}, {"斤", 500},
}

// prefixes are currency signs and codes written before the amount, and
// suffixes those written after it, longest first.
var prefixes = []struct{ text, currency string }{
	{"人民币", "CNY"}, {"US$", "USD"}, {"HK$", "HKD"}, {"RMB", "CNY"}, {"CNY", "CNY"}, {"USD", "USD"},
	{"HKD", "HKD"}, {"EUR", "EUR"}, {"GBP", "GBP"}, {"JPY", "JPY"}, {"$", "$"}, {"¥", "¥"}, {"€", "EUR"}, {"£", "GBP"},
}

var suffixes = []struct{ text, currency string }{
	{"人民币", "CNY"}, {"美元", "USD"}, {"港元", "HKD"}, {"港币", "HKD"}, {"欧元", "EUR"}, {"英镑", "GBP"}, {"日元", "JPY"},
	{"元", "CNY"}, {"dollars", "USD"}, {"dollar", "USD"}, {"RMB", "CNY"}, {"CNY", "CNY"}, {"USD", "USD"},
	{"HKD", "HKD"}, {"EUR", "EUR"}, {"GBP", "GBP"}, {"JPY", "JPY"},
}

// Weights returns the weights written in s, in order.
func Weights(s string) []Weight {
	var ws []Weight
	scan(s, func(t *text, num string, i, j int) {
		if t.wordBefore(i) {
			return
		}
		rest := strings.TrimLeft(t.norm[j:], " ")
		for _, u := range weightUnits {
			if !hasUnit(rest, u.unit) {
				continue
			}
			v, step, ok := parse(num)
			if !ok {
				return
			}
			end := len(t.norm) - len(rest) + len(u.unit)
			ws = append(ws, Weight{Text: t.original(i, end), Offset: t.at[i], Grams: v * u.grams, Slack: step * u.grams / 2})
			return
		}
	})
	return ws
}

// Amounts returns the money amounts written in s, in order.
func Amounts(s string) []Money {
	var ms []Money
	scan(s, func(t *text, num string, i, j int) {
		v, _, ok := parse(num)
		if !ok {
			return
		}
		before := strings.TrimRight(t.norm[:i], " ")
		for _, p := range prefixes {
			k := len(before) - len(p.text)
			if k >= 0 && strings.EqualFold(before[k:], p.text) && !letterAt(before, k-1) {
				ms = append(ms, Money{Text: t.original(k, j), Offset: t.at[k], Amount: v, Currency: p.currency})
				return
			}
		}
		if t.wordBefore(i) {
			return
		}
		rest := strings.TrimLeft(t.norm[j:], " ")
		for _, u := range suffixes {
			if hasUnit(rest, u.text) {
				end := len(t.norm) - len(rest) + len(u.text)
				ms = append(ms, Money{Text: t.original(i, end), Offset: t.at[i], Amount: v, Currency: u.currency})
				return
			}
		}
	})
	return ms
}

// text is a string with full-width forms folded to ASCII, remembering where
// each byte of the folded form came from.
type text struct {
	orig, norm string
	at         []int // at[k] is the offset in orig of norm's byte k; at[len(norm)] = len(orig)
}

func fold(s string) *text {
	var b strings.Builder
	t := &text{orig: s}
	for i, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFF01 - 0x21
		case r == 0x3000: // ideographic space
			r = ' '
		case r == 0xFFE5: // full-width yen sign
			r = '¥'
		case r == utf8.RuneError:
			r = '?' // invalid UTF-8 keeps one byte per byte, so offsets stay exact
		}
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			t.at = append(t.at, i)
		}
	}
	t.norm = b.String()
	t.at = append(t.at, len(s))
	return t
}

// original is the original text of the folded bytes [i, j).
func (t *text) original(i, j int) string { return t.orig[t.at[i]:t.at[j]] }

// wordBefore reports whether the number at i continues a word or another
// number ("ZT1234", "v2", "1.2.3"): then it is not a quantity of its own.
func (t *text) wordBefore(i int) bool {
	if i == 0 {
		return false
	}
	c := t.norm[i-1]
	return letterAt(t.norm, i-1) || c >= '0' && c <= '9' || c == '.' || c == '_'
}

// scan calls f for every number in s, with its folded byte range.
func scan(s string, f func(t *text, num string, i, j int)) {
	t := fold(s)
	for _, m := range number.FindAllStringIndex(t.norm, -1) {
		f(t, t.norm[m[0]:m[1]], m[0], m[1])
	}
}

// parse reads a number, checking its thousands separators, and returns it
// with the step of its last digit (0.01 for "0.79").
func parse(num string) (v, step float64, ok bool) {
	intPart, frac, _ := strings.Cut(num, ".")
	if groups := strings.Split(intPart, ","); len(groups) > 1 {
		if len(groups[0]) > 3 {
			return 0, 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, 0, false
			}
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, 0, false
	}
	return v, math.Pow10(-len(frac)), true
}

// hasUnit reports whether s starts with unit, and a Latin unit is not the
// start of a longer word. Units match case-insensitively ("KG", "Usd"),
// except a lone "g": "5G" is a network, not five grams.
func hasUnit(s, unit string) bool {
	if len(s) < len(unit) || len(unit) == 1 && s[0] != unit[0] || !strings.EqualFold(s[:len(unit)], unit) {
		return false
	}
	return !letterAt(unit, len(unit)-1) || !letterAt(s, len(unit))
}

// letterAt reports whether s has an ASCII letter at byte i.
func letterAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i] | 0x20
	return c >= 'a' && c <= 'z'
}
