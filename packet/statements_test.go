package packet

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSampleStatements reads every sample's statement as its reviewer
// would, mechanically: it fits the template's limit, cites every exhibit of
// the required kinds by label, leaves no template residue or doubled
// punctuation, and never says the buyer accepted a remedy the manifest does
// not record as accepted.
func TestSampleStatements(t *testing.T) {
	set := builtin(t)
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := loadSample(t, filepath.Join(samplesDir, name))
			pk := renderSample(t, name).pk
			st := pk.Statement
			if n := utf8.RuneCountInString(pk.PortalStatement); pk.StatementLimit > 0 && n > pk.StatementLimit {
				t.Errorf("the portal statement is %d characters, over the limit of %d:\n%s", n, pk.StatementLimit, pk.PortalStatement)
			}
			if pk.PortalStatement != st {
				checkText(t, pk.PortalStatement)
			}
			if len(pk.Warnings) > 0 {
				t.Errorf("consistency warnings: %q", pk.Warnings)
			}
			m := c.Manifest
			d, err := set.Dispute(m.Dispute, m.Language)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range d.Required {
				for _, e := range c.ByKind(k) {
					if !strings.Contains(st, e.Label) {
						t.Errorf("statement does not cite required exhibit %s (%s)", e.Label, k)
					}
				}
			}
			checkText(t, st)
			if r := m.AfterSale.Remedy; r == nil || r.AcceptedAt == nil {
				for _, claim := range []string{"accepted on", "买家已于", "已达成一致", "agreed this remedy"} {
					if strings.Contains(st, claim) {
						t.Errorf("no acceptance is recorded, yet the statement says %q:\n%s", claim, st)
					}
				}
			}
		})
	}
}

// checkText fails on template residue and doubled punctuation.
func checkText(t *testing.T, st string) {
	t.Helper()
	for _, bad := range []string{"<no value>", "{{", "}}", "。。", "，，", "。”。", "..", " ,", " .", "  ", "（）", "()"} {
		if strings.Contains(st, bad) {
			t.Errorf("statement contains %q:\n%s", bad, st)
		}
	}
}
