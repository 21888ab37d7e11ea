package packet

import (
	"github.com/proofpack/proofpack/templates"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// TestWhen shows times in the order's zone, in the reader's layout, with
// the offset only when the zone is not the platform's own.
func TestWhen(t *testing.T) {
	at := time.Date(2026, 11, 3, 4, 0, 0, 0, time.UTC) // 12:00 in Shanghai
	ny := time.Date(2026, 11, 2, 10, 0, 0, 0, time.FixedZone("", -5*3600))
	tests := []struct {
		lang, platform, zone string
		t                    time.Time
		want                 string
	}{
		{"zh", "pinduoduo", "", at, "2026年11月3日 12:00"},
		{"zh", "taobao", "Asia/Shanghai", at, "2026年11月3日 12:00"},
		{"zh", "pinduoduo", "Asia/Tokyo", at, "2026年11月3日 13:00（JST）"},
		{"zh", "pinduoduo", "", time.Date(2026, 11, 3, 13, 0, 0, 0, time.FixedZone("", 9*3600)), "2026年11月3日 12:00"},
		{"en", "pinduoduo", "", at, "Nov 3, 2026, 12:00"},
		{"en", "shopify", "", ny, "Nov 2, 2026, 10:00 UTC-05:00"},
		{"en", "shopify", "America/New_York", at, "Nov 2, 2026, 23:00 EST"},
		{"en", "paypal", "America/New_York", time.Date(2026, 6, 10, 18, 0, 0, 0, time.UTC), "Jun 10, 2026, 14:00 EDT"},
	}
	set := builtin(t)
	for _, tt := range tests {
		book, err := set.Lang(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		m := &evidence.Manifest{Platform: tt.platform, TimeZone: tt.zone}
		p := &phrases{Words: templates.Words{Book: book}, loc: m.Location(), own: evidence.PlatformZone(tt.platform)}
		if got := p.when(tt.t); got != tt.want {
			t.Errorf("%s %s %q: when(%v) = %q, want %q", tt.lang, tt.platform, tt.zone, tt.t, got, tt.want)
		}
	}
}

// TestItems writes order lines as a person does: the name and a count,
// not "1 × A-100".
func TestItems(t *testing.T) {
	set := builtin(t)
	for _, tt := range []struct {
		lang, want string
	}{
		{"zh", "不锈钢保温杯 500ml 2 件、杯套 1 件"},
		{"en", "2 × Stainless steel cup and one cup sleeve"},
	} {
		book, _ := set.Lang(tt.lang)
		p := &phrases{Words: templates.Words{Book: book}}
		name := map[string][2]string{"zh": {"不锈钢保温杯 500ml", "杯套"}, "en": {"Stainless steel cup", "cup sleeve"}}[tt.lang]
		if got := p.list([]string{p.item(name[0], 2), p.item(name[1], 1)}); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// TestSellerNoteBeforeRequest keeps the statement ending with its request.
func TestSellerNoteBeforeRequest(t *testing.T) {
	book, _ := builtin(t).Lang("en")
	p := &phrases{Words: templates.Words{Book: book}}
	got := withNote("Dear reviewer.\n\nFacts.\n\nWe ask that the claim be declined.", " Packed by two people. ", p)
	want := "Dear reviewer.\n\nFacts.\n\nSeller's note: Packed by two people.\n\nWe ask that the claim be declined."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := withNote("Only.", "Note.", p); got != "Only.\n\nSeller's note: Note." {
		t.Errorf("one paragraph: %q", got)
	}
}
