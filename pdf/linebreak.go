package pdf

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line breaking for mixed Chinese and Latin text.
//
// fpdf's own splitter treats a CJK character as a break point and then
// skips it as if it were a space, so every wrapped Chinese line lost a
// character. wrap never drops a visible character: it breaks between CJK
// characters and at spaces (dropping only the spaces it breaks at), keeps
// closing punctuation off the start of a line and opening brackets off the
// end (kinsoku), and keeps a Latin word, a number with its unit ("790 g",
// "0.79 kg", "790克"), an exhibit label ("证据 A1", "Exhibit A1") and a
// file path ("面单/IMG_1.jpg") whole where they fit. A single token wider
// than the line (a SHA-256, a long file name) starts where it falls, after
// its label, and is broken by character, after a '/', '_' or '-' where
// that does not waste half the line.

// closing characters never start a line.
const closing = "，。、；：？！）」』》】〉〕｝］〗〙〛”’…‥·・ー々〃％" + ",.;:?!)]}%/"

// opening characters never end a line.
const opening = "（「『《【〈〔｛［〖〘〚“‘" + "([{$¥￥"

func isClosing(r rune) bool { return strings.ContainsRune(closing, r) }

func isOpening(r rune) bool { return strings.ContainsRune(opening, r) }

// isIdeographic reports whether r may be broken before and after, as
// Chinese, Japanese and Korean characters may.
func isIdeographic(r rune) bool {
	switch {
	case r < 0x2E80:
		return r == replacement
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return !isClosing(r) && !isOpening(r)
	}
	return false
}

// isWide reports whether r is full-width punctuation, after (closing) or
// before (opening) which a line may break even next to Latin text.
func isWide(r rune) bool { return r >= 0x2E80 || (r >= 0x2018 && r <= 0x201F) || r == '…' }

func isBreakSpace(r rune) bool { return r == ' ' || r == '\u3000' }

// breakBetween reports whether a line may break between a and b, two
// visible characters with no space between them.
func breakBetween(a, b rune) bool {
	switch {
	case isClosing(b) || isOpening(a):
		return false
	case isIdeographic(a) || isIdeographic(b):
		return true
	case isClosing(a) && isWide(a), isOpening(b) && isWide(b):
		return true
	}
	return false
}

// breakAtSpace reports whether a line may break at the spaces between a
// and b.
func breakAtSpace(a, b rune) bool { return !isOpening(a) && !isClosing(b) }

// folderPath matches a path with a folder ("面单/IMG_1.jpg"), kept on one
// line where it fits.
var folderPath = regexp.MustCompile(`[^\s/，。；：、（）()“”"'「」《》,;]+(?:/[^\s/，。；：、（）()“”"'「」《》,;]+)+`)

// exhibitWords name an exhibit before its label ("证据 A1", "Exhibit B2").
var exhibitWords = []string{"证据", "附件", "Exhibits", "exhibits", "Exhibit", "exhibit", "EXHIBIT"}

// units follow a number, a longer unit before any unit it starts with.
var units = []string{"kg", "mg", "mm", "ml", "mL", "cm", "km", "lbs", "lb", "oz", "MB", "KB", "GB",
	"g", "m", "L", "%", "千克", "公斤", "克", "斤", "毫升", "元"}

// keepWhole returns the byte spans of text kept on one line where they
// fit: exhibit labels, paths with a folder, numbers with their unit.
func keepWhole(text string) [][]int {
	spans := append(exhibitLabels(text), numberUnits(text)...)
	if strings.IndexByte(text, '/') >= 0 {
		spans = append(spans, folderPath.FindAllStringIndex(text, -1)...)
	}
	return spans
}

// exhibitLabels returns the byte spans of exhibit labels with the word
// before them: "证据 A1", "Exhibit B12".
func exhibitLabels(text string) [][]int {
	var spans [][]int
	for _, w := range exhibitWords {
		for from := 0; ; {
			k := strings.Index(text[from:], w)
			if k < 0 {
				break
			}
			start := from + k
			i := start + len(w)
			from = i
			if i < len(text) && text[i] == ' ' {
				i++
			}
			letters := run(text, i, 'A', 'Z')
			digits := run(text, i+letters, '0', '9')
			if letters >= 1 && letters <= 2 && digits >= 1 && digits <= 3 {
				spans = append(spans, []int{start, i + letters + digits})
			}
		}
	}
	return spans
}

// run counts the bytes from i on that lie between lo and hi.
func run(text string, i int, lo, hi byte) int {
	n := 0
	for i+n < len(text) && text[i+n] >= lo && text[i+n] <= hi {
		n++
	}
	return n
}

// numberUnits returns the byte spans of numbers followed by a unit, with
// or without a space: "790 g", "0.79kg", "790克".
func numberUnits(text string) [][]int {
	digit := func(i int) bool { return i < len(text) && text[i] >= '0' && text[i] <= '9' }
	var spans [][]int
	for i := 0; i < len(text); i++ {
		if !digit(i) || i > 0 && (digit(i-1) || text[i-1] == '.' || text[i-1] == ',') {
			continue
		}
		start := i
		for digit(i) || i < len(text) && (text[i] == '.' || text[i] == ',') && digit(i+1) {
			i++
		}
		j := i
		if j < len(text) && text[j] == ' ' {
			j++
		}
		for _, u := range units {
			if strings.HasPrefix(text[j:], u) {
				spans = append(spans, []int{start, j + len(u)})
				break
			}
		}
	}
	return spans
}

// glued returns, for each position before rune i (0..n), whether a line
// must not break there because it falls inside a keepWhole span.
func glued(text string, n int) []bool {
	ms := keepWhole(text)
	if len(ms) == 0 {
		return nil
	}
	// The rune index of each rune's byte offset: spans start and end there.
	runeAt := make([]int32, len(text)+1)
	k := int32(0)
	for i := range text {
		runeAt[i] = k
		k++
	}
	runeAt[len(text)] = k
	g := make([]bool, n+1)
	for _, m := range ms {
		if next, _ := utf8.DecodeRuneInString(text[m[1]:]); next < utf8.RuneSelf && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
			continue // "5 gifts" is not "5 g"
		}
		for i := runeAt[m[0]] + 1; i < runeAt[m[1]]; i++ {
			g[i] = true
		}
	}
	return g
}

// wrapEpsilon absorbs rounding in summed widths.
const wrapEpsilon = 1e-6

// wrap breaks text (one paragraph, without '\n') into lines no wider than
// width, measuring each character with measure. Joined, the lines give
// back text less the spaces at which it broke. An empty text is one empty
// line.
func wrap(text string, width float64, measure func(rune) float64) []string {
	rs := []rune(text)
	n := len(rs)
	if n == 0 {
		return []string{""}
	}
	w := make([]float64, n)
	for i, c := range rs {
		w[i] = measure(c)
	}
	keep := glued(text, n)
	blocked := func(i int) bool { return keep != nil && keep[i] }
	var lines []string
	start := 0
	for start < n {
		end, next := n, n
		acc := 0.0
		brk, brkNext := -1, -1 // the last place the line may break
		for i := start; i < n; i++ {
			c := rs[i]
			if i > start && !isBreakSpace(c) && !blocked(i) {
				if isBreakSpace(rs[i-1]) {
					s := i - 1
					for s > start && isBreakSpace(rs[s-1]) {
						s--
					}
					if s > start && breakAtSpace(rs[s-1], c) {
						brk, brkNext = s, i
					}
				} else if breakBetween(rs[i-1], c) {
					brk, brkNext = i, i
				}
			}
			acc += w[i]
			if acc <= width+wrapEpsilon || isBreakSpace(c) || i == start {
				continue
			}
			if brk > start && !tooWide(rs, w, brkNext, width, blocked) {
				end, next = brk, brkNext
			} else {
				end = forceBreak(rs, w, start, i, width)
				next = end
			}
			break
		}
		lines = append(lines, string(rs[start:end]))
		start = next
	}
	return lines
}

// tooWide reports whether the token that starts at rune i, up to the next
// place a line may break, is wider than a whole line. Such a token (a
// SHA-256, a long path) is cut wherever it starts, so it starts on the
// line it follows: "SHA-256：" is not left alone on its line.
func tooWide(rs []rune, w []float64, i int, width float64, blocked func(int) bool) bool {
	acc := 0.0
	for k := i; k < len(rs); k++ {
		if k > i && (isBreakSpace(rs[k]) || breakBetween(rs[k-1], rs[k]) && !blocked(k)) {
			return false
		}
		if acc += w[k]; acc > width+wrapEpsilon {
			return true
		}
	}
	return false
}

// forceBreak picks where to cut a token that does not fit: the line runs
// from start and rune limit is the first that does not fit. It cuts after
// the last '/', '_' or '-' if that keeps at least half the line, else as
// late as kinsoku allows, else at limit.
func forceBreak(rs []rune, w []float64, start, limit int, width float64) int {
	acc := 0.0
	soft, late := -1, -1
	last := rs[start] // the last visible character before p
	for p := start + 1; p <= limit; p++ {
		acc += w[p-1]
		if !isBreakSpace(rs[p-1]) {
			last = rs[p-1]
		}
		if isClosing(rs[p]) || isOpening(last) || isBreakSpace(rs[p]) {
			continue
		}
		late = p
		if strings.ContainsRune("/_-", rs[p-1]) && acc >= width/2 {
			soft = p
		}
	}
	switch {
	case soft > 0:
		return soft
	case late > 0:
		return late
	}
	return limit
}
