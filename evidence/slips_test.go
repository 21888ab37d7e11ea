package evidence

import (
	"strings"
	"testing"
	"time"
)

func TestManifestSlips(t *testing.T) {
	base := validYAML(t)
	for _, tc := range []struct {
		name, old, new string
		line, col      int
		field          string
		want, hint     string
	}{
		{name: "full-width colon", old: `shop: "某某旗舰店"`, new: `shop：某某旗舰店`, line: 6, col: 5, field: "shop",
			want: "full-width colon", hint: "write shop: 某某旗舰店"},
		{name: "full-width colon, nested", old: "  carrier: 中通快递", new: "  carrier： 中通快递", line: 12, col: 10, field: "carrier",
			want: "full-width colon", hint: "write carrier: 中通快递"},
		{name: "kilograms in grams", old: "warehouse_weight_g: 780", new: "warehouse_weight_g: 0.78kg", line: 17, col: 23,
			field: "shipment.warehouse_weight_g", want: `"0.78kg" is not a number`, hint: "write 780 for 0.78 kg"},
		{name: "grams with unit", old: "courier_weight_g: 790", new: "courier_weight_g: 790 克", line: 18,
			field: "shipment.courier_weight_g", want: "not a number", hint: "write 790: the field is in grams"},
		{name: "item weight in kg", old: "unit_weight_g: 350", new: "unit_weight_g: 0.35公斤", line: 10,
			field: "items[0].unit_weight_g", want: "not a number", hint: "write 350 for 0.35 kg"},
		{name: "currency sign", old: "amount: 59.00", new: "amount: ¥59", line: 25,
			field: "after_sale.amount", want: `"¥59" is not a number`, hint: "write 59: a plain number"},
		{name: "quoted number", old: "packaging_weight_g: 80", new: `packaging_weight_g: "80"`, line: 16,
			field: "shipment.packaging_weight_g", want: "not a number", hint: "write 80 without quotes"},
		{name: "pieces", old: "quantity: 2,", new: "quantity: 2件,", line: 10,
			field: "items[0].quantity", want: "not a number", hint: "write 2: a plain number"},
		{name: "tab in indentation", old: "  tracking_number:", new: "\ttracking_number:", line: 13, col: 1,
			want: "a tab in the indentation", hint: "replace the tab with spaces"},
		{name: "tab after spaces", old: "  shipped_at:", new: "  \tshipped_at:", line: 14, col: 3,
			want: "a tab in the indentation", hint: "replace the tab with spaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("%q not in the example", tc.old)
			}
			_, err := ParseManifest("order.yaml", []byte(strings.Replace(base, tc.old, tc.new, 1)))
			me := asManifestError(t, err)
			p := me.Problems[0]
			if p.Line != tc.line || (tc.col != 0 && p.Column != tc.col) || p.Field != tc.field ||
				!strings.Contains(p.Problem, tc.want) || !strings.Contains(p.Hint, tc.hint) {
				t.Errorf("got %d:%d %s: %q (%q)\nwant %d:%d %s: %q (%q)", p.Line, p.Column, p.Field, p.Problem, p.Hint,
					tc.line, tc.col, tc.field, tc.want, tc.hint)
			}
		})
	}
}

// A tab or a full-width colon inside a statement's text is text.
func TestManifestSlipsNotInText(t *testing.T) {
	data := strings.Replace(validYAML(t), "statement: 卖家补充说明（可选）", "statement: |\n  shop：某某\n  \t缩进的说明", 1)
	m, err := ParseManifest("order.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Statement, "shop：某某") {
		t.Errorf("statement %q", m.Statement)
	}
}

func TestManifestLocalTimes(t *testing.T) {
	sh := time.FixedZone("", 8*3600)
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		name, platform, zone, value string
		want                        time.Time
	}{
		{"minutes, platform zone", "pinduoduo", "", "2026-11-01 10:12", time.Date(2026, 11, 1, 10, 12, 0, 0, sh)},
		{"seconds, quoted", "taobao", "", `"2026-11-01 10:12:30"`, time.Date(2026, 11, 1, 10, 12, 30, 0, sh)},
		{"T without offset", "jd", "", "2026-11-01T10:12", time.Date(2026, 11, 1, 10, 12, 0, 0, sh)},
		{"slashes", "douyin", "", "2026/11/01 10:12", time.Date(2026, 11, 1, 10, 12, 0, 0, sh)},
		{"date only", "wechat", "", "2026-11-01", time.Date(2026, 11, 1, 0, 0, 0, 0, sh)},
		{"time_zone wins", "pinduoduo", "America/New_York", "2026-11-01 10:12", time.Date(2026, 11, 1, 10, 12, 0, 0, ny)},
		{"other platform: UTC", "stripe", "", "2026-11-01 10:12", time.Date(2026, 11, 1, 10, 12, 0, 0, time.UTC)},
		{"offset kept", "pinduoduo", "America/New_York", "2026-11-01T10:12:00+09:00", time.Date(2026, 11, 1, 10, 12, 0, 0, time.FixedZone("", 9*3600))},
		{"YAML space form with offset", "stripe", "", "2026-11-01 10:12:00+08:00", time.Date(2026, 11, 1, 10, 12, 0, 0, sh)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := strings.Replace(validYAML(t), "platform: pinduoduo", "platform: "+tc.platform, 1)
			if tc.zone != "" {
				data = strings.Replace(data, "currency: CNY", "currency: CNY\ntime_zone: "+tc.zone, 1)
			}
			data = strings.Replace(data, "placed_at: 2026-11-01T10:00:00+08:00", "placed_at: "+tc.value, 1)
			data = strings.Replace(data, "shipped_at: 2026-11-01T18:00:00+08:00", "shipped_at: "+tc.value, 1)
			m, err := ParseManifest("order.yaml", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if !m.PlacedAt.Equal(tc.want) || !m.Shipment.ShippedAt.Equal(tc.want) {
				t.Errorf("placed_at %v, shipped_at %v; want %v", m.PlacedAt, m.Shipment.ShippedAt, tc.want)
			}
		})
	}
	// Not a date at all: reported at the field.
	data := strings.Replace(validYAML(t), "placed_at: 2026-11-01T10:00:00+08:00", "placed_at: yesterday 10:12", 1)
	me := asManifestError(t, func() error { _, err := ParseManifest("order.yaml", []byte(data)); return err }())
	if p := me.Problems[0]; p.Field != "placed_at" || p.Line != 8 || !strings.Contains(p.Problem, "is not a date") || !strings.Contains(p.Hint, "2026-11-01 10:00") {
		t.Errorf("got %v", p)
	}
}
