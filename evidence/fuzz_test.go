package evidence

import (
	"os"
	"testing"
)

// FuzzParseManifest: any input either parses into a manifest that
// validates, or fails with a *ManifestError; it never panics or hangs.
func FuzzParseManifest(f *testing.F) {
	for _, name := range []string{"testdata/order.yaml", "testdata/order.json"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add([]byte("order_id: x\norder_id: y\n"))
	f.Add([]byte("\xef\xbb\xbforder_id: \"x\"\r\nitems: [{sku: a, name: b, quantity: 1.5}]\r\n"))
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest("order.yaml", data)
		if err != nil {
			if _, ok := err.(*ManifestError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if problems := Validate(m); len(problems) > 0 {
			t.Fatalf("parsed manifest does not validate: %v", problems[0])
		}
	})
}

// FuzzClassify: any path classifies to a known kind or to nothing.
func FuzzClassify(f *testing.F) {
	for _, p := range []string{"label.jpg", "weights/仓库称重.jpg", "chat/1.png", "../x", "a\\b\\面单.png", "", "IMG_0001.JPG"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		k, ok := Classify(p)
		if _, known := LookupKind(k); ok != known {
			t.Fatalf("Classify(%q) = %q, %v", p, k, ok)
		}
	})
}
