package pdf

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// testWidth is a monospace measure: two units for a full-width character,
// one for the rest.
func testWidth(r rune) float64 {
	if isWide(r) || isIdeographic(r) {
		return 2
	}
	return 1
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width float64
		want  []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "确系本店发错商品", 16, []string{"确系本店发错商品"}},
		{"chinese keeps every character", "确系本店发错商品，本店已致歉。", 10,
			[]string{"确系本店发", "错商品，本", "店已致歉。"}},
		{"closing punctuation stays with its word", "买的雾蓝色，收到樱粉色", 10,
			[]string{"买的雾蓝", "色，收到樱", "粉色"}},
		{"opening bracket goes to the next line", "商品为保温杯（B-210）", 12,
			[]string{"商品为保温杯", "（B-210）"}},
		{"closing quote and bracket off the start", "反映“收到的是樱粉色”（见图）", 18,
			[]string{"反映“收到的是樱粉", "色”（见图）"}},
		{"english at spaces", "Replacement tracking number", 12,
			[]string{"Replacement", "tracking", "number"}},
		{"number with unit", "the parcel weighed 790 g at pickup", 20,
			[]string{"the parcel weighed", "790 g at pickup"}},
		{"decimal with unit", "weighed 0.79 kg", 12, []string{"weighed", "0.79 kg"}},
		{"chinese unit", "称重为790克", 10, []string{"称重为", "790克"}},
		{"unit is not a word prefix", "send 5 gifts", 7, []string{"send 5", "gifts"}},
		{"exhibit label zh", "物流记录见证据 A1。", 16, []string{"物流记录见", "证据 A1。"}},
		{"exhibit label en", "shown in Exhibit A1", 16, []string{"shown in", "Exhibit A1"}},
		{"tracking number whole", "寄出运单号为ZT2026111123，物流", 20,
			[]string{"寄出运单号为", "ZT2026111123，物流"}},
		{"path whole", "文件 面单/IMG_2041.jpg", 20, []string{"文件", "面单/IMG_2041.jpg"}},
		{"long path breaks after slash", "面单/IMG_20261108_143201.jpg", 12,
			[]string{"面单/IMG_", "20261108_", "143201.jpg"}},
		{"sha by character", strings.Repeat("ab", 10), 8,
			[]string{"abababab", "abababab", "abab"}},
		{"hash starts beside its label", "SHA-256：0123456789abcdef0123", 16,
			[]string{"SHA-256：0123456", "789abcdef0123"}},
		{"hash starts beside its label after a space", "SHA-256: 0123456789abcdef0123", 16,
			[]string{"SHA-256: 0123456", "789abcdef0123"}},
		{"a word that fits the next line moves there", "see abcdef", 8, []string{"see", "abcdef"}},
		{"several spaces dropped at a break", "alpha   beta", 7, []string{"alpha", "beta"}},
		{"leading spaces kept", "  alpha", 10, []string{"  alpha"}},
		{"wider than the line", "证", 1, []string{"证"}},
		{"box for an emoji breaks like a character", "好的□□□□", 6, []string{"好的□", "□□□"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.in, tt.width, testWidth)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("wrap(%q, %g) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

// genMixed builds a paragraph of the kinds of pieces packets hold.
func genMixed(rng *rand.Rand) string {
	cjk := []rune("确系本店发错商品买家于订单反映的雾蓝色收到是樱粉照片见证据物流记录寄出运单号")
	pieces := []func() string{
		func() string { // a Chinese phrase
			var b strings.Builder
			for range 1 + rng.IntN(12) {
				b.WriteRune(cjk[rng.IntN(len(cjk))])
			}
			return b.String()
		},
		func() string {
			return []string{"Replacement", "tracking", "number", "the", "a", "Item", "buyer's"}[rng.IntN(7)]
		},
		func() string { return []string{"790 g", "0.79 kg", "790克", "1.58斤", "500ml", "12 %"}[rng.IntN(6)] },
		func() string { return []string{"证据 A1", "Exhibit B2", "证据A3"}[rng.IntN(3)] },
		func() string { return []string{"ZT2026111123", "YT8826110001", "DY-20261108-0217"}[rng.IntN(3)] },
		func() string {
			return []string{"，", "。", "、", "；", "：", "？", "！", ",", ".", ";", ")", "”", "）", "》"}[rng.IntN(14)]
		},
		func() string { return []string{"（", "“", "(", "《", "「"}[rng.IntN(5)] },
		func() string { return " " },
		func() string { return "面单/IMG_20261108_143201.jpg" },
		func() string { return "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
		func() string { return "□□" },
	}
	var b strings.Builder
	for range 1 + rng.IntN(25) {
		b.WriteString(pieces[rng.IntN(len(pieces))]())
	}
	return b.String()
}

// TestWrapProperties checks, for generated mixed text at every width from
// narrow to wide, that the lines give back the text less only the spaces
// broken at, that no line is wider than the width unless it is one
// character, and that kinsoku holds wherever the line could have broken
// elsewhere.
func TestWrapProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	for range 400 {
		text := genMixed(rng)
		for width := 1.0; width <= 60; width++ {
			lines := wrap(text, width, testWidth)
			checkWrap(t, text, width, lines)
			if t.Failed() {
				t.Fatalf("wrap(%q, %g) = %q", text, width, lines)
			}
		}
	}
}

func checkWrap(t *testing.T, text string, width float64, lines []string) {
	t.Helper()
	rest := text
	for k, l := range lines {
		if k > 0 && !strings.HasPrefix(rest, l) {
			rest = strings.TrimLeft(rest, " ") // the spaces broken at
		}
		if !strings.HasPrefix(rest, l) {
			t.Errorf("line %d %q is not what follows in the text: %q", k, l, rest)
			return
		}
		rest = rest[len(l):]
		vis := []rune(strings.TrimRight(l, " "))
		w := 0.0
		for _, c := range vis {
			w += testWidth(c)
		}
		if w > width && len(vis) > 1 {
			t.Errorf("line %d %q is %g wide, more than %g", k, l, w, width)
		}
		if k == len(lines)-1 {
			break
		}
		next := []rune(strings.TrimLeft(lines[k+1], " "))
		if len(vis) == 0 || len(next) == 0 {
			continue
		}
		if (isClosing(next[0]) || isOpening(vis[len(vis)-1])) && kinsokuPossible(vis) {
			t.Errorf("line %d %q ends before %q against kinsoku", k, l, lines[k+1])
		}
	}
	if rest != "" {
		t.Errorf("text left over after the last line: %q", rest)
	}
}

// kinsokuPossible reports whether line could have been cut shorter at a
// place kinsoku allows.
func kinsokuPossible(line []rune) bool {
	last := line[0]
	for p := 1; p < len(line); p++ {
		if line[p-1] != ' ' {
			last = line[p-1]
		}
		if !isClosing(line[p]) && !isOpening(last) && line[p] != ' ' {
			return true
		}
	}
	return false
}

func TestWrapNeverDropsVisibleCharacters(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 300 {
		text := genMixed(rng)
		for _, width := range []float64{3, 9, 17, 33} {
			got := strings.Join(wrap(text, width, testWidth), "")
			strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
			if strip(got) != strip(text) {
				t.Fatalf("wrap(%q, %g) lost characters: %q", text, width, got)
			}
			if utf8.RuneCountInString(got) > utf8.RuneCountInString(text) {
				t.Fatalf("wrap(%q, %g) added characters: %q", text, width, got)
			}
		}
	}
}
