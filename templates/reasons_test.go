package templates

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReasonTable: the embedded table loads, names the codes of the
// scenarios' table for each network, and every dispute type it names has a
// template in every language.
func TestReasonTable(t *testing.T) {
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := s.Reasons()
	want := map[string][]string{
		"visa":       {"13.1", "13.3", "13.6", "12.6.1", "10.4"},
		"mastercard": {"4855", "4853", "4834", "4837"},
		"amex":       {"C08", "C31", "C02", "P08", "F29"},
		"discover":   {"RG", "RM", "RN2", "DP", "UA02"},
		"stripe":     {"product_not_received", "product_unacceptable", "credit_not_processed", "duplicate", "fraudulent"},
		"paypal":     {"MERCHANDISE_OR_SERVICE_NOT_RECEIVED", "MERCHANDISE_OR_SERVICE_NOT_AS_DESCRIBED", "UNAUTHORISED", "CREDIT_NOT_PROCESSED", "DUPLICATE_TRANSACTION"},
		"shopify":    {"PRODUCT_NOT_RECEIVED", "PRODUCT_UNACCEPTABLE", "CREDIT_NOT_PROCESSED", "DUPLICATE", "FRAUDULENT"},
	}
	for network, codes := range want {
		for _, code := range codes {
			c, lerr := r.Lookup(network, code)
			if lerr != nil {
				t.Errorf("%s %s: %s", network, code, lerr.Problem)
				continue
			}
			if !strings.HasPrefix(c.Network.Source, "https://") {
				t.Errorf("%s: source %q is not a public page", network, c.Network.Source)
			}
			for _, lang := range s.Languages() {
				for _, d := range c.Disputes {
					if _, err := s.Dispute(d, lang); err != nil {
						t.Errorf("%s %s answers %s: %v", network, code, d, err)
					}
				}
				if c.Name[lang] == "" {
					t.Errorf("%s %s: no name in %s", network, code, lang)
				}
				for i, req := range c.Requires {
					if req.Text[lang] == "" {
						t.Errorf("%s %s: requires[%d] has no text in %s", network, code, i, lang)
					}
				}
			}
		}
	}
	for _, d := range []string{"unauthorized", "credit-not-processed", "duplicate-charge", "item-not-received"} {
		if len(r.ForDispute(d)) < 4 {
			t.Errorf("%s answers %d codes, want one per network at least", d, len(r.ForDispute(d)))
		}
	}
}

func TestReasonLookup(t *testing.T) {
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := s.Reasons()
	for _, tc := range []struct {
		network, code, want, field, hint string
	}{
		{"visa", "13.1", "Visa 13.1", "", ""},
		{"AMEX", "c08", "American Express C08", "", ""},
		{"stripe", "Product_Not_Received", "Stripe product_not_received", "", ""},
		{"visa", "13.9", "", "code", "known visa codes: 10.4, 12.6.1, 13.1, 13.3, 13.6"},
		{"visacard", "13.1", "", "network", "expected one of visa, mastercard, amex, discover, stripe, paypal, shopify"},
	} {
		c, lerr := r.Lookup(tc.network, tc.code)
		switch {
		case tc.want != "" && (lerr != nil || c.Label() != tc.want):
			t.Errorf("Lookup(%s, %s) = %v, %v; want %s", tc.network, tc.code, c, lerr, tc.want)
		case tc.want == "" && (lerr == nil || lerr.Field != tc.field || lerr.Hint != tc.hint):
			t.Errorf("Lookup(%s, %s) error = %+v; want field %s, hint %q", tc.network, tc.code, lerr, tc.field, tc.hint)
		}
	}
}

func TestReasonTableErrors(t *testing.T) {
	bad := `language: en
networks:
  - network: visa
    name: Visa
    source: https://example.com
    codes:
      - code: "13.1"
        name: {zh: 未收到}
        disputes: [item-not-received]
        requires:
          - text: {en: proof, zh: 证明}
            met_by: [telepathy]
`
	_, err := Load(fstest.MapFS{"reasons.yaml": {Data: []byte(bad)}})
	if err == nil {
		t.Fatal("a bad reason table loaded")
	}
	for _, want := range []string{"reasons.yaml", "name.en is required", `"telepathy" is neither an evidence kind nor one of address-match, refund, ce3`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
