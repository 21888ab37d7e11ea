package templates

import (
	"testing"
	"testing/fstest"
)

// Templates, phrase books and profiles given with --templates are
// untrusted input. The fuzz targets below feed each parser arbitrary
// files: parsing must never panic, and whatever parses must be usable the
// way the packet uses it (every phrase rendered over an exhibit label,
// statements over nothing) without a panic. TestFuzzSeedsLoad checks that
// the seeds also load through Load, the path --templates takes.

// seeds adds the embedded files of a folder as starting points.
func seeds(f *testing.F, dir string) {
	f.Helper()
	entries, err := builtin.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := builtin.ReadFile(dir + "/" + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(e.Name(), data)
	}
}

func FuzzParseDispute(f *testing.F) {
	seeds(f, "disputes")
	f.Add("x.zh.yaml", []byte("name: x\nlanguage: zh\ntitle: t\nsections: [cover]\nstatement: \"{{.OrderID}} {{range .}}{{end}}\"\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		d, err := ParseDispute(name, data)
		if err != nil {
			return
		}
		if d.Name == "" || d.Title == "" || d.StatementTemplate() == nil {
			t.Fatalf("accepted a dispute without name, title or statement: %+v", d)
		}
		d.StatementTemplate().Execute(nil)
		if st := d.ShortStatementTemplate(); st != nil {
			st.Execute(nil)
		}
	})
}

func FuzzParseLang(f *testing.F) {
	seeds(f, "lang")
	f.Add("en.yaml", []byte(`exhibit: "Exhibit {{.}} / Anlage {{.}}"`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		l, err := parseLang(name, data)
		if err != nil {
			return
		}
		for _, k := range l.Keys() {
			p, err := l.Phrase(k)
			if err != nil {
				t.Fatalf("listed phrase %s: %v", k, err)
			}
			p.Execute("A1")
		}
	})
}

func FuzzParseProfile(f *testing.F) {
	seeds(f, "profiles")
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		p, err := ParseProfile(name, data)
		if err != nil {
			return
		}
		if p.MaxBytes < 0 || p.MaxPages < 0 || p.StatementChars < 0 || p.ImageMaxBytes < 0 ||
			p.DPI != 0 && (p.DPI < 72 || p.DPI > 600) {
			t.Fatalf("accepted out-of-range limits: %+v", p)
		}
	})
}

// TestFuzzSeedsLoad: the seeds of the fuzz targets that are not the
// embedded files load as overrides.
func TestFuzzSeedsLoad(t *testing.T) {
	s, err := Load(fstest.MapFS{
		"lang/en.yaml":       {Data: []byte(`exhibit: "Exhibit {{.}} / Anlage {{.}}"`)},
		"disputes/x.zh.yaml": {Data: []byte("name: x\nlanguage: zh\ntitle: t\nsections: [cover]\nstatement: \"{{.OrderID}}\"\n")},
		"profiles/shop.yaml": {Data: []byte("name: shop\ntitle: Shop\nsource: https://example.com\nmax_pages: 3\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Dispute("x", "zh"); err != nil {
		t.Error(err)
	}
	if _, err := s.Profile("shop"); err != nil {
		t.Error(err)
	}
	l, err := s.Lang("en")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := l.Phrase("exhibit"); err != nil || p.Source() != "Exhibit {{.}} / Anlage {{.}}" {
		t.Errorf("exhibit phrase %v, %v", p, err)
	}
}
