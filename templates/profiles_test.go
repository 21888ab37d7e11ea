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
		"stripe": {4500000, 50}, "mastercard": {4500000, 19}, "visa": {2000000, 100}, "paypal": {9900000, 100},
		"braintree": {4000000, 100}, "adyen": {2000000, 100},
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
	for _, platform := range evidence.Platforms {
		p := s.ProfileFor(platform)
		if p == nil || (p.Name != platform && p.Name != "generic") {
			t.Errorf("platform %s: default profile %v", platform, p)
		}
	}
	for _, p := range s.Profiles() {
		if p.Source == "" {
			t.Errorf("%s states no source", p.Name)
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
