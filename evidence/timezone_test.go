package evidence

import (
	"strings"
	"testing"
)

func TestLocation(t *testing.T) {
	tests := []struct {
		platform, zone string
		want           string // "" means nil: each time keeps its own offset
	}{
		{"pinduoduo", "", "Asia/Shanghai"},
		{"taobao", "", "Asia/Shanghai"},
		{"douyin", "", "Asia/Shanghai"},
		{"jd", "", "Asia/Shanghai"},
		{"wechat", "", "Asia/Shanghai"},
		{"shopify", "", ""},
		{"stripe", "America/New_York", "America/New_York"},
		{"pinduoduo", "Asia/Tokyo", "Asia/Tokyo"},
	}
	for _, tt := range tests {
		m := &Manifest{Platform: tt.platform, TimeZone: tt.zone}
		loc := m.Location()
		got := ""
		if loc != nil {
			got = loc.String()
		}
		if got != tt.want {
			t.Errorf("%s with time_zone %q: Location() = %q, want %q", tt.platform, tt.zone, got, tt.want)
		}
	}
}

func TestValidateTimeZone(t *testing.T) {
	for _, tt := range []struct {
		zone string
		ok   bool
	}{
		{"Asia/Shanghai", true}, {"Europe/London", true}, {"UTC", true},
		{"Mars/Olympus_Mons", false}, {"Local", false}, {"+08:00", false},
	} {
		m := &Manifest{OrderID: "X", Platform: "shopify", Dispute: "missing-item", Shop: "S",
			Items: []Item{{SKU: "A", Name: "a", Quantity: 1}}, TimeZone: tt.zone}
		var found *FieldError
		for _, fe := range Validate(m) {
			if fe.Field == "time_zone" {
				found = fe
			}
		}
		if tt.ok && found != nil {
			t.Errorf("time_zone %q: unexpected problem %v", tt.zone, found)
		}
		if !tt.ok && (found == nil || !strings.Contains(found.Problem, tt.zone) || found.Hint == "") {
			t.Errorf("time_zone %q: problem %v, want one naming the zone with a hint", tt.zone, found)
		}
	}
}

func TestSchemaHasTimeZone(t *testing.T) {
	props := Schema()["properties"].(map[string]any)
	if _, ok := props["time_zone"]; !ok {
		t.Error("the schema has no time_zone")
	}
}
