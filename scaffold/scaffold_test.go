package scaffold

import (
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// TestManifestIsStrictYAML: every scaffold decodes into the manifest type
// with no unknown field, names its dispute, and lists its required kinds.
func TestManifestIsStrictYAML(t *testing.T) {
	set, err := templates.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range set.List() {
		t.Run(d.Name+"."+d.Language, func(t *testing.T) {
			text := Manifest(d, "taobao")
			var m evidence.Manifest
			if err := yaml.UnmarshalWithOptions(text, &m, yaml.DisallowUnknownField()); err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			if m.Dispute != d.Name || m.Language != d.Language {
				t.Errorf("dispute %q language %q", m.Dispute, m.Language)
			}
			listed := map[evidence.Kind]bool{}
			for _, e := range m.Evidence {
				listed[e.Kind] = true
			}
			for _, k := range d.Required {
				if !listed[k] || !strings.Contains(string(text), string(k)) {
					t.Errorf("required kind %s not listed", k)
				}
			}
			// Placeholders are left for the seller: the manifest does not validate yet.
			if _, err := evidence.ParseManifest("order.yaml", text); err == nil {
				t.Error("an unfilled scaffold validated; it should list what is left to fill in")
			}
		})
	}
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four five", 9)
	if strings.Join(got, "|") != "one two|three|four five" {
		t.Errorf("wrap = %q", got)
	}
}
