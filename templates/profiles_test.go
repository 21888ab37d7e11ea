package templates

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/proofpack/proofpack/evidence"
)

func TestBuiltinProfiles(t *testing.T) {
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		bytes int64
		pages int
	}{
		"stripe": {5000000, 50}, "shopify": {2000000, 50}, "mastercard": {4500000, 19}, "visa": {2000000, 100}, "paypal": {9900000, 100},
		"braintree": {4000000, 100}, "adyen": {2000000, 100},
		"amex": {5000000, 20}, "amex-optblue": {1000000, 20}, "discover": {3000000, 100},
	}
	for name, w := range want {
		p, err := s.Profile(name)
		if err != nil {
			t.Fatal(err)
		}
		if p.MaxBytes != w.bytes || p.MaxPages != w.pages {
			t.Errorf("%s: %d bytes %d pages, want %d %d", name, p.MaxBytes, p.MaxPages, w.bytes, w.pages)
		}
	}
	if p, _ := s.Profile("taobao"); p.ImageMaxBytes != 127000 || p.StatementChars != 200 || !p.ExportImages {
		t.Errorf("taobao: %+v", p)
	}
	if p, _ := s.Profile("visa"); p.DPI != 200 {
		t.Errorf("visa DPI %d", p.DPI)
	}
	if p, _ := s.Profile("amex"); p.DPI != 300 {
		t.Errorf("amex DPI %d, want at most 300", p.DPI)
	}
	if p, _ := s.Profile("amex-optblue"); !p.Grayscale {
		t.Error("amex-optblue: OptBlue takes black and white only")
	}
	for _, platform := range evidence.Platforms {
		p := s.ProfileFor(platform)
		if p == nil || (p.Name != platform && p.Name != "generic") {
			t.Errorf("platform %s: default profile %v", platform, p)
		}
	}
	// A source is a public page a user can open (or says there is none),
	// never a file the user does not have.
	for _, p := range s.Profiles() {
		if !strings.HasPrefix(p.Source, "https://") && !strings.HasPrefix(p.Source, "No published limits") {
			t.Errorf("%s: source %q names no public page", p.Name, p.Source)
		}
		if strings.Contains(p.Source, ".md") {
			t.Errorf("%s: source %q names a file outside the repository", p.Name, p.Source)
		}
	}
	if _, err := s.Profile("nope"); err == nil || !strings.Contains(err.Error(), "stripe") {
		t.Errorf("unknown profile: %v", err)
	}
}

func TestProfileOverrideAndErrors(t *testing.T) {
	s, err := Load(fstest.MapFS{"profiles/myportal.yaml": {Data: []byte("name: myportal\ntitle: Mine\nsource: our contract\nmax_bytes: 1000000\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := s.Profile("myportal"); err != nil || p.MaxBytes != 1000000 {
		t.Fatalf("%v %v", p, err)
	}
	for name, body := range map[string]string{
		"profiles/bad.yaml":   "name: bad\ntitle: x\nsource: y\nmax_pagez: 3\n",
		"profiles/wrong.yaml": "name: other\ntitle: x\nsource: y\n",
		"profiles/dpi.yaml":   "name: dpi\ntitle: x\nsource: y\ndpi: 5000\n",
	} {
		_, err := Load(fstest.MapFS{name: {Data: []byte(body)}})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
