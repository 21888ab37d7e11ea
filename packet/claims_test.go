package packet

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// showsKind lists, per evidence kind and language, words that only a
// sentence relying on an exhibit of that kind uses: with the kind removed,
// neither the statement nor the portal's text may contain them. The kind's
// own name is added by the test.
var showsKind = map[evidence.Kind]map[string][]string{
	evidence.ShippingLabel:   {"zh": {"面单"}, "en": {"label"}},
	evidence.WarehouseWeight: {"zh": {"仓库出库称重", "出库称重"}, "en": {"warehouse"}},
	evidence.CourierWeight:   {"zh": {"揽收称重"}, "en": {"courier"}},
	evidence.Reweigh:         {"zh": {"重新打包", "复称"}, "en": {"re-pack", "re-weigh"}},
	evidence.LogisticsProof:  {"zh": {"物流"}, "en": {"logistics", "carrier record", "carrier's record", "tracking record", "carrier recorded", "carrier's own record"}},
	evidence.Chat:            {"zh": {"聊天", "沟通记录"}, "en": {"messages", "conversation", "chat"}},
	evidence.PackingPhoto:    {"zh": {"打包照片", "打包过程"}, "en": {"packing", "as packed", "packed for"}},
	evidence.ProductPhoto:    {"zh": {"实物照片", "实物见"}, "en": {"product photo", "as sold and shipped", "our product:"}},
	evidence.BuyerPhoto:      {"zh": {"买家照片", "照片见"}, "en": {"their photo", "customer's photo"}},
	evidence.CatalogProof:    {"zh": {"商品清单"}, "en": {"product range", "catalog"}},
	evidence.QualityProof:    {"zh": {"质检", "检验", "合格"}, "en": {"inspection"}},
	evidence.Policy:          {"zh": {"政策"}, "en": {"policy"}},
}

// twoWeighings is the conclusion that needs both the warehouse's and the
// courier's exhibit.
var twoWeighings = []string{"两方独立的称重", "two independent weighings"}

// TestStatementClaimsOnlyItsExhibits removes each evidence kind in turn
// from every sample, in both languages, and checks that the statement, the
// portal's text and the cover's case summary then say nothing that needs
// an exhibit of that kind: not its name, not the words that point at it,
// not the figure of a reading it would show, and never the two-weighings conclusion
// without both weighing exhibits.
func TestStatementClaimsOnlyItsExhibits(t *testing.T) {
	set := builtin(t)
	for _, name := range sampleNames(t) {
		all := loadSample(t, filepath.Join(samplesDir, name))
		for _, ki := range evidence.Kinds {
			if len(all.ByKind(ki.Kind)) == 0 {
				continue
			}
			t.Run(name+"/without-"+string(ki.Kind), func(t *testing.T) {
				c := *all // the sample as loaded, less the kind's exhibits
				c.Exhibits = slices.DeleteFunc(slices.Clone(all.Exhibits), func(e *evidence.Exhibit) bool { return e.Kind == ki.Kind })
				lang := c.Manifest.Language
				pr, err := prepare(&c, Options{Templates: set, AllowIncomplete: true})
				if err != nil {
					t.Fatal(err)
				}
				pk := pr.pk
				texts := map[string]string{"statement": pk.Statement, "portal text": pk.PortalStatement, "case summary": pr.summary}
				bad := append(kindNames(t, set, ki.Kind), showsKind[ki.Kind][lang]...)
				w := pk.Weights
				others := map[string]bool{grams(w.ExpectedG): true, grams(w.ShortG): true, grams(w.MissingG): true, grams(w.Tolerance): true}
				for _, r := range w.Readings {
					if readingKind[r.Source] != ki.Kind {
						others[grams(r.Grams)] = true
					}
				}
				for _, r := range w.Readings {
					if readingKind[r.Source] == ki.Kind {
						p := &phrases{Words: templates.Words{Book: mustLang(t, lang)}}
						bad = append(bad, p.S("said_"+r.Source), p.S("reading_"+r.Source))
						if fig := grams(r.Grams); !others[fig] { // its figure, where no other number reads the same
							bad = append(bad, fig)
						}
					}
				}
				for where, text := range texts {
					low := strings.ToLower(text)
					for _, b := range bad {
						if b != "" && strings.Contains(low, strings.ToLower(b)) {
							t.Errorf("without %s the %s still says %q:\n%s", ki.Kind, where, b, text)
						}
					}
					if ki.Kind == evidence.WarehouseWeight || ki.Kind == evidence.CourierWeight {
						for _, b := range twoWeighings {
							if strings.Contains(text, b) {
								t.Errorf("without %s the %s still concludes %q", ki.Kind, where, b)
							}
						}
					}
				}
			})
		}
	}
}

// kindNames names kind k in every language.
func kindNames(t *testing.T, set *templates.Set, k evidence.Kind) []string {
	t.Helper()
	var names []string
	for _, lang := range set.Languages() {
		w := templates.Words{Book: mustLang(t, lang)}
		names = append(names, w.Kind(k))
		if w.Err != nil {
			t.Fatal(w.Err)
		}
	}
	return names
}

func mustLang(t *testing.T, lang string) *templates.Lang {
	t.Helper()
	l, err := builtin(t).Lang(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestPacketShowsOnlyWhatItHas reads every sample's document as the
// reviewer gets it: a kind of evidence the order has no exhibit of is not
// named anywhere (no checklist row, no "missing" banner), and a Chinese
// packet carries no UTC offset of its own platform's zone, no English
// "bytes" and no internal template name.
func TestPacketShowsOnlyWhatItHas(t *testing.T) {
	set := builtin(t)
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := loadSample(t, filepath.Join(samplesDir, name))
			data, err := json.Marshal(renderSample(t, name).pk.Doc)
			if err != nil {
				t.Fatal(err)
			}
			doc := string(data)
			lang := c.Manifest.Language
			for _, ki := range evidence.Kinds {
				if len(c.ByKind(ki.Kind)) > 0 {
					continue
				}
				for _, name := range kindNames(t, set, ki.Kind) {
					if strings.Contains(doc, name) {
						t.Errorf("the packet names %q, of which it has no exhibit", name)
					}
				}
			}
			bad := []string{"MISSING", "incomplete", "(" + c.Manifest.Dispute + ")"}
			if lang == "zh" {
				bad = append(bad, "缺少必需", "(UTC+08:00)", "UTC+08:00", "bytes")
			}
			for _, b := range bad {
				if strings.Contains(doc, b) {
					t.Errorf("the packet contains %q", b)
				}
			}
			if c.Manifest.Dispute == "missing-item" {
				for _, w := range []string{"物流", "logistics", "Logistics"} {
					if strings.Contains(doc, w) {
						t.Errorf("a missing-item packet without a logistics record says %q", w)
					}
				}
			}
		})
	}
}
