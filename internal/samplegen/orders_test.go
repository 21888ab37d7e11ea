package samplegen

import (
	"image"
	"image/color"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// sampleByName returns the named sample.
func sampleByName(t *testing.T, name string) Sample {
	t.Helper()
	for _, s := range Samples() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sample %s", name)
	return Sample{}
}

// specOfKind returns the drawing of the evidence file of kind in s.
func specOfKind(t *testing.T, s Sample, kind string) drawSpec {
	t.Helper()
	for _, e := range s.facts.Evidence {
		if e.Kind != kind {
			continue
		}
		for _, sp := range s.specs {
			if sp.File == e.File {
				return sp
			}
		}
	}
	t.Fatalf("%s: no %s file", s.Name, kind)
	return drawSpec{}
}

// TestSamplesAreConsistent checks every sample's data against its order:
// unique order ids, a drawing for every evidence file and no other, labels
// and traces of the order's parcels.
func TestSamplesAreConsistent(t *testing.T) {
	ids := map[string]string{}
	for _, s := range Samples() {
		if other, dup := ids[s.facts.OrderID]; dup {
			t.Errorf("%s and %s share order id %s", other, s.Name, s.facts.OrderID)
		}
		ids[s.facts.OrderID] = s.Name
		if !strings.HasSuffix(s.Name, "-"+s.facts.Language) {
			t.Errorf("%s: language %q", s.Name, s.facts.Language)
		}
		var listed, drawn []string
		kinds := map[string]string{}
		for _, e := range s.facts.Evidence {
			listed = append(listed, e.File)
			kinds[e.File] = e.Kind
		}
		for _, sp := range s.specs {
			drawn = append(drawn, sp.File)
		}
		slices.Sort(listed)
		slices.Sort(drawn)
		if !slices.Equal(listed, drawn) {
			t.Errorf("%s: evidence %v, drawings %v", s.Name, listed, drawn)
		}
		parcels := []string{s.facts.Shipment.TrackingNumber}
		if r := s.facts.AfterSale.Remedy; r != nil {
			parcels = append(parcels, r.ReplacementTracking, r.ReturnTracking)
		}
		for _, sp := range s.specs {
			switch {
			case sp.Label != nil:
				if sp.Label.Tracking != s.facts.Shipment.TrackingNumber {
					t.Errorf("%s: label of %s, order ships %s", s.Name, sp.Label.Tracking, s.facts.Shipment.TrackingNumber)
				}
			case sp.Trace != nil:
				if !slices.Contains(parcels, sp.Trace.Tracking) {
					t.Errorf("%s: %s traces %s, not a parcel of the order %v", s.Name, sp.File, sp.Trace.Tracking, parcels)
				}
				if !strings.Contains(s.facts.Shipment.Carrier, carrierFor(sp.Trace.Carrier).Name) && carrierFor(sp.Trace.Carrier).ID != carrierFor(s.facts.Shipment.Carrier).ID {
					t.Errorf("%s: %s is a %s page, the order ships with %s", s.Name, sp.File, sp.Trace.Carrier, s.facts.Shipment.Carrier)
				}
			}
			if kinds[sp.File] == "logistics-proof" && sp.Trace == nil {
				t.Errorf("%s: %s is logistics proof but not drawn as a trace", s.Name, sp.File)
			}
		}
	}
}

// productPixels draws p's product alone on a grey canvas and returns the
// canvas and the mask of the pixels it changed.
func productPixels(p Photo) (*image.RGBA, []bool) {
	bg := rgb(128, 128, 128)
	img := newCanvas(700, 900, bg)
	drawProduct(img, p, 320, 860, 250, 720, 1)
	mask := make([]bool, 700*900)
	for i := range mask {
		px := img.Pix[4*i : 4*i+3]
		mask[i] = px[0] != bg.R || px[1] != bg.G || px[2] != bg.B
	}
	return img, mask
}

// meanColor is the mean colour of img under mask.
func meanColor(img *image.RGBA, mask []bool) color.RGBA {
	var r, g, b, n int
	for i, in := range mask {
		if in {
			r, g, b, n = r+int(img.Pix[4*i]), g+int(img.Pix[4*i+1]), b+int(img.Pix[4*i+2]), n+1
		}
	}
	if n == 0 {
		return color.RGBA{}
	}
	return rgb(uint8(r/n), uint8(g/n), uint8(b/n))
}

// TestNotOurProductPhotos checks that the buyer's photo in a not-our-product
// sample shows the product the order says the buyer claims, drawn from the
// claimed item, and that it differs from the product in the packing photo:
// in shape (the drawn masks) and in colour.
func TestNotOurProductPhotos(t *testing.T) {
	want := map[string]string{"not-our-product-zh": glassTeacup, "not-our-product-en": ceramicMug}
	for name, product := range want {
		s := sampleByName(t, name)
		buyer := specOfKind(t, s, "buyer-photo").Photo
		packing := specOfKind(t, s, "packing-photo").Photo
		if buyer == nil || packing == nil {
			t.Fatalf("%s: buyer and packing photos must be photos", name)
		}
		if buyer.Product != productFor(s.facts.AfterSale.ClaimedItem) || buyer.Product != product {
			t.Errorf("%s: buyer's photo shows %q, the claimed item %q is a %s", name, buyer.Product, s.facts.AfterSale.ClaimedItem, product)
		}
		bImg, bMask := productPixels(*buyer)
		pImg, pMask := productPixels(*packing)
		diff, union := 0, 0
		for i := range bMask {
			if bMask[i] || pMask[i] {
				union++
				if bMask[i] != pMask[i] {
					diff++
				}
			}
		}
		t.Logf("%s: outlines differ in %d%% of their union, mean colours %v and %v", name, diff*100/union, meanColor(bImg, bMask), meanColor(pImg, pMask))
		if diff*100 < union*20 {
			t.Errorf("%s: the buyer's and the packing photo's products share %d%% of their outline", name, 100-diff*100/union)
		}
		bc, pc := meanColor(bImg, bMask), meanColor(pImg, pMask)
		d := absDiff(bc.R, pc.R) + absDiff(bc.G, pc.G) + absDiff(bc.B, pc.B)
		if d < 60 {
			t.Errorf("%s: mean colours %v and %v are too alike (%d)", name, bc, pc, d)
		}
	}
}

func TestProductFor(t *testing.T) {
	for _, c := range []struct{ desc, want string }{
		{"玻璃双层花茶杯（带不锈钢茶隔）", glassTeacup},
		{"a white ceramic mug with a gold rim", ceramicMug},
		{"陶瓷马克杯", ceramicMug},
		{"Kids' straw bottle 14 oz", vacuumCup},
		{"Food jar 10 oz", foodJar},
		{"", vacuumCup},
	} {
		if got := productFor(c.desc); got != c.want {
			t.Errorf("productFor(%q) = %s, want %s", c.desc, got, c.want)
		}
	}
}

// drawnText draws sp and returns every string its drawing put on it.
func drawnText(sp drawSpec) []string {
	var got []string
	textHook = func(s string) { got = append(got, s) }
	defer func() { textHook = nil }()
	sp.draw()
	return got
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
			return true
		}
	}
	return false
}

// TestLabelLayoutFollowsCarrier checks that every sample's label is drawn in
// its order's carrier's layout and language, with the carrier's own marks.
func TestLabelLayoutFollowsCarrier(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Samples() {
		for _, sp := range s.specs {
			if sp.Label == nil {
				continue
			}
			c := carrierFor(s.facts.Shipment.Carrier)
			if c.ID == "other" {
				t.Errorf("%s: no label layout for carrier %q", s.Name, s.facts.Shipment.Carrier)
			}
			seen[c.ID] = true
			text := strings.Join(drawnText(sp), "\n")
			for _, mark := range []string{c.Name, c.Service, c.Heading, wordsFor(c.Lang).To} {
				if !strings.Contains(text, mark) {
					t.Errorf("%s: %s label lacks %q", s.Name, c.ID, mark)
				}
			}
			if c.Lang == "en" && hasHan(text) {
				t.Errorf("%s: %s label has Chinese text:\n%s", s.Name, c.ID, text)
			}
			if c.Lang == "zh" && !strings.Contains(text, wordsFor("zh").Contents) {
				t.Errorf("%s: %s label lacks the Chinese contents row", s.Name, c.ID)
			}
		}
	}
	for _, id := range []string{"usps", "zto", "yto", "jd", "yunexpress"} {
		if !seen[id] {
			t.Errorf("no sample has a %s label", id)
		}
	}
}

func TestCarrierFor(t *testing.T) {
	for _, c := range []struct {
		carrier, id string
		us          bool
	}{
		{"USPS", "usps", true}, {"UPS", "ups", true}, {"FedEx Ground", "fedex", true},
		{"YunExpress / USPS", "yunexpress", false}, {"中通快递", "zto", false}, {"圆通速递", "yto", false},
		{"京东快递", "jd", false}, {"顺丰速运", "sf", false}, {"韵达快递", "yunda", false}, {"某快递", "other", false},
	} {
		got := carrierFor(c.carrier)
		if got.ID != c.id || got.US != c.us {
			t.Errorf("carrierFor(%q) = %s (US %v), want %s (US %v)", c.carrier, got.ID, got.US, c.id, c.us)
		}
	}
}

// TestEnglishImagesHaveNoChinese draws every evidence file of the English
// samples whose orders are not from a Chinese marketplace and checks that no
// string drawn into them is Chinese.
func TestEnglishImagesHaveNoChinese(t *testing.T) {
	checked := 0
	for _, s := range Samples() {
		if s.facts.Language != "en" || s.facts.imageLang() == "zh" {
			continue
		}
		for _, sp := range s.specs {
			for _, str := range drawnText(sp) {
				if hasHan(str) {
					t.Errorf("%s: %s: Chinese text %q", s.Name, sp.File, str)
				}
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d English images checked", checked)
	}
}

// TestTraceShowsEveryEventInFull checks that a trace draws each event's
// status, place and every word of its detail.
func TestTraceShowsEveryEventInFull(t *testing.T) {
	s := sampleByName(t, "item-not-received-zh")
	sp := specOfKind(t, s, "logistics-proof")
	// Lines break at spaces, which wrapping drops: compare without them.
	unspaced := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	text := unspaced(strings.Join(drawnText(sp), ""))
	for _, ev := range sp.Trace.Events {
		for _, part := range []string{ev.Status, ev.Place, ev.Detail} {
			if !strings.Contains(text, unspaced(part)) {
				t.Errorf("trace lacks %q", part)
			}
		}
	}
	last := sp.Trace.Events[len(sp.Trace.Events)-1]
	if !strings.Contains(last.Detail, "本人") {
		t.Errorf("the pickup event %q does not say who took the parcel", last.Detail)
	}
}

// hue is the hue of c in degrees (0 for greys).
func hue(c color.RGBA) int {
	r, g, b := int(c.R), int(c.G), int(c.B)
	hi, lo := max(r, g, b), min(r, g, b)
	if hi == lo {
		return 0
	}
	d := hi - lo
	var h int
	switch hi {
	case r:
		h = 60 * (g - b) / d
	case g:
		h = 120 + 60*(b-r)/d
	default:
		h = 240 + 60*(r-g)/d
	}
	return (h + 360) % 360
}

// TestPhotosShowStatedColours checks that a photo of a coloured product is
// drawn in the colour the order states: the product photo in the item's
// colour, the wrong-item buyer photo in the colour the buyer says came.
func TestPhotosShowStatedColours(t *testing.T) {
	hues := []struct {
		name   string
		lo, hi int // hue range in degrees
	}{{"松石绿", 150, 190}, {"樱粉色", 320, 360}, {"pink", 320, 360}}
	for _, c := range []struct{ sample, kind, field string }{
		{"not-as-described-zh", "product-photo", "items"},
		{"wrong-item-zh", "buyer-photo", "claim"},
		{"wrong-item-en", "buyer-photo", "claim"},
	} {
		s := sampleByName(t, c.sample)
		var m struct {
			Items     []struct{ Name string } `yaml:"items"`
			AfterSale struct{ Claim string }  `yaml:"after_sale"`
		}
		if err := yamlsafe.Unmarshal([]byte(s.Manifest), &m); err != nil {
			t.Fatal(err)
		}
		stated := m.AfterSale.Claim
		if c.field == "items" {
			stated = m.Items[0].Name
		}
		p := specOfKind(t, s, c.kind).Photo
		img, mask := productPixels(*p)
		h := hue(meanColor(img, mask))
		found := false
		for _, want := range hues {
			if strings.Contains(stated, want.name) {
				found = true
				if h < want.lo || h > want.hi {
					t.Errorf("%s: %s says %s, the product is drawn at hue %d°", c.sample, c.field, want.name, h)
				}
			}
		}
		if !found {
			t.Errorf("%s: no colour named in %q", c.sample, stated)
		}
	}
}
