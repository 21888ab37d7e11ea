package pdf

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/proofpack/proofpack/internal/cjkfont"
)

// replacement is drawn for any character the font cannot show.
const replacement = '□'

var coverage struct {
	once sync.Once
	font *sfnt.Font
	mu   sync.Mutex
	buf  sfnt.Buffer
	has  map[rune]bool
}

// hasGlyph reports whether the embedded font draws r.
func hasGlyph(r rune) bool {
	c := &coverage
	c.once.Do(func() {
		f, err := sfnt.Parse(cjkfont.TTF)
		if err != nil {
			panic("pdf: embedded font does not parse: " + err.Error())
		}
		c.font, c.has = f, map[rune]bool{}
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok, seen := c.has[r]; seen {
		return ok
	}
	gi, err := c.font.GlyphIndex(&c.buf, r)
	ok := err == nil && gi != 0
	c.has[r] = ok
	return ok
}

// Sanitize makes s safe to hand to fpdf: invalid UTF-8, characters outside
// the Basic Multilingual Plane (emoji, which panic fpdf) and characters the
// font lacks become □ (replacement), one for each character a reader sees (so
// "😡😡" stays two marks and a quoted message keeps its length, while a
// joined family, a flag or a thumb with a skin tone is one); control and
// bidirectional-override characters are removed (they could reorder what a
// reviewer reads); tabs become spaces; line breaks are kept.
func Sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(replacement))
	}
	var b strings.Builder
	b.Grow(len(s))
	box := false      // the last thing written is a box for a missing character
	joined := false   // a zero-width joiner follows that box
	flagHalf := false // that box stands for one regional indicator
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\r':
			continue
		case r == '\t':
			b.WriteByte(' ')
		case r == '\u200d':
			joined = box
			continue
		case unicode.Is(unicode.Bidi_Control, r), r == '\ufe0f', r == '\ufe0e':
			continue // direction overrides, emoji variation selectors
		case unicode.IsControl(r):
			continue
		case r > 0xFFFF || !hasGlyph(r):
			regional := r >= 0x1F1E6 && r <= 0x1F1FF
			if box && (joined || continuesEmoji(r) || regional && flagHalf) {
				joined, flagHalf = false, false
				continue // part of the character the box already stands for
			}
			b.WriteRune(replacement)
			box, joined, flagHalf = true, false, regional
			continue
		default:
			b.WriteRune(r)
		}
		box, joined, flagHalf = false, false, false
	}
	return b.String()
}

// continuesEmoji reports whether r only modifies the character before it:
// a skin tone, a tag (subdivision flags), a combining mark (keycaps).
func continuesEmoji(r rune) bool {
	return (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F) ||
		unicode.In(r, unicode.Mn, unicode.Me)
}
