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
			text := manifest(t, set, d, "taobao", nil)
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

// manifest scaffolds d in its own language.
func manifest(t *testing.T, set *templates.Set, d *templates.Dispute, platform string, files []evidence.Found) []byte {
	t.Helper()
	book, err := set.Lang(d.Language)
	if err != nil {
		t.Fatal(err)
	}
	text, err := Manifest(d, book, platform, files)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four five", 9)
	if strings.Join(got, "|") != "one two|three|four five" {
		t.Errorf("wrap = %q", got)
	}
}

// TestManifestListsFolderFiles: files already in the folder are listed
// with their guessed kinds; unguessable ones and missing kinds are
// commented out, and the result is strict YAML.
func TestManifestListsFolderFiles(t *testing.T) {
	set, err := templates.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	d, err := set.Dispute("missing-item", "zh")
	if err != nil {
		t.Fatal(err)
	}
	files := []evidence.Found{
		{File: "称重/仓库.jpg", Kind: evidence.WarehouseWeight},
		{File: "面单: 1.jpg", Kind: evidence.ShippingLabel},
		{File: "IMG_0001.jpg"},
		{File: "notes.txt", Note: "not an image, skipped"},
	}
	text := string(manifest(t, set, d, "pinduoduo", files))
	for _, want := range []string{
		`  - {file: "称重/仓库.jpg", kind: warehouse-weight, caption: ""}`,
		`  - {file: "面单: 1.jpg", kind: shipping-label, caption: ""}`,
		`  # - {file: "IMG_0001.jpg", kind: "", caption: ""}`,
		`  # - {file: weights/courier.png, kind: courier-weight, caption: ""}`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("manifest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "notes.txt") || strings.Contains(text, "- {file: label.jpg") {
		t.Errorf("manifest lists a non-image or a placeholder for a kind it has:\n%s", text)
	}
	var m evidence.Manifest
	if err := yaml.UnmarshalWithOptions([]byte(text), &m, yaml.DisallowUnknownField()); err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(m.Evidence) != 2 || m.Evidence[1].File != "面单: 1.jpg" {
		t.Errorf("evidence %+v", m.Evidence)
	}
}

// TestManifestTimesInThePlatformsZone: the example times carry the
// platform's own offset, or the offset of the time_zone example where the
// platform serves many zones.
func TestManifestTimesInThePlatformsZone(t *testing.T) {
	set, err := templates.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	d, err := set.Dispute("wrong-item", "en")
	if err != nil {
		t.Fatal(err)
	}
	for platform, want := range map[string]string{"stripe": "T10:00:00-05:00", "pinduoduo": "T10:00:00+08:00"} {
		text := string(manifest(t, set, d, platform, nil))
		if !strings.Contains(text, "placed_at: 2026-01-01"+want) || strings.Count(text, want[9:]) < 5 {
			t.Errorf("%s: example times are not at %s:\n%s", platform, want[9:], text)
		}
	}
}
