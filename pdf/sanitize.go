package pdf

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/proofpack/proofpack/internal/cjkfont"
)

// Replacement is drawn for any character the font cannot show.
const Replacement = '□'

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
// font lacks become Replacement; control and bidirectional-override
// characters are removed (they could reorder what a reviewer reads); tabs
// become spaces; line breaks are kept.
func Sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(Replacement))
	}
	var b strings.Builder
	b.Grow(len(s))
	prevRepl := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\r':
			continue
		case r == '\t':
			b.WriteByte(' ')
		case unicode.Is(unicode.Bidi_Control, r), r == '\u200d', r == '\ufe0f', r == '\ufe0e':
			continue // direction overrides, zero-width joiner, emoji variation selectors
		case unicode.IsControl(r):
			continue
		case r > 0xFFFF || !hasGlyph(r):
			if !prevRepl { // one box for an emoji sequence, not one per code point
				b.WriteRune(Replacement)
			}
			prevRepl = true
			continue
		default:
			b.WriteRune(r)
		}
		prevRepl = false
	}
	return b.String()
}
