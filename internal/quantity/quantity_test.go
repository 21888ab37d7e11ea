package quantity

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWeights(t *testing.T) {
	type weight struct {
		text         string
		grams, slack float64
	}
	tests := []struct {
		in   string
		want []weight
	}{
		{"中通内网揽收称重记录 0.79 kg", []weight{{"0.79 kg", 790, 5}}},
		{"仓库出库称重 0.780 kg", []weight{{"0.780 kg", 780, 0.5}}},
		{"秤显示790g", []weight{{"790g", 790, 0.5}}},
		{"790 grams, about 1.7 lb", []weight{{"790 grams", 790, 0.5}, {"1.7 lb", 1.7 * 453.59237, 0.05 * 453.59237}}},
		{"重790克", []weight{{"790克", 790, 0.5}}},
		{"0.79公斤与0.79千克", []weight{{"0.79公斤", 790, 5}, {"0.79千克", 790, 5}}},
		{"1.58斤", []weight{{"1.58斤", 790, 2.5}}},
		{"约1斤", []weight{{"1斤", 500, 250}}},
		{"称重 ０．７９ｋｇ", []weight{{"０．７９ｋｇ", 790, 5}}},
		{"full-width ７９０ｇ，ok", []weight{{"７９０ｇ", 790, 0.5}}},
		{"0.79KG", []weight{{"0.79KG", 790, 5}}},
		{"1,580 g in all", []weight{{"1,580 g", 1580, 0.5}}},
		{"790g,780g", []weight{{"790g", 790, 0.5}, {"780g", 780, 0.5}}},
		{"2 kgs", []weight{{"2 kgs", 2000, 500}}},
		// Not weights.
		{"不锈钢保温杯 500ml", nil},
		{"20 oz / 600 ml", nil},
		{"5 GB of photos, a 5G network, 10 gal", nil},
		{"5毫克, 5 mg", nil},
		{"运单号 ZT1234567890", nil},
		{"ZT123 g", nil},
		{"decimal comma 0,79 kg", nil},
		{"1,5800 g", nil},
		{"同款两只装", nil},
		{"2026-11-03", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got := Weights(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("Weights(%q) = %+v, want %+v", tt.in, got, tt.want)
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Text != w.text || !strings.HasPrefix(tt.in[g.Offset:], g.Text) || math.Abs(g.Grams-w.grams) > 1e-6 || math.Abs(g.Slack-w.slack) > 1e-6 {
				t.Errorf("Weights(%q)[%d] = %+v, want %+v", tt.in, i, g, w)
			}
		}
	}
}

func TestAmounts(t *testing.T) {
	type money struct {
		text     string
		amount   float64
		currency string
	}
	tests := []struct {
		in   string
		want []money
	}{
		{"退款¥59", []money{{"¥59", 59, "¥"}}},
		{"退款￥59.00", []money{{"￥59.00", 59, "¥"}}},
		{"买家同意补偿 15 元、保留商品", []money{{"15 元", 15, "CNY"}}},
		{"59.00元", []money{{"59.00元", 59, "CNY"}}},
		{"The refund of $34.00 was issued", []money{{"$34.00", 34, "$"}}},
		{"USD 12.50 or 12.50 USD or US$12.50", []money{{"USD 12.50", 12.5, "USD"}, {"12.50 USD", 12.5, "USD"}, {"US$12.50", 12.5, "USD"}}},
		{"usd 5", []money{{"usd 5", 5, "USD"}}},
		{"人民币59元", []money{{"人民币59", 59, "CNY"}}},
		{"12 美元", []money{{"12 美元", 12, "USD"}}},
		{"€1,299.99 and £5", []money{{"€1,299.99", 1299.99, "EUR"}, {"£5", 5, "GBP"}}},
		{"¥59,¥60", []money{{"¥59", 59, "¥"}, {"¥60", 60, "¥"}}},
		{"全角 ＄１２．５０", []money{{"＄１２．５０", 12.5, "$"}}},
		{"30 dollars", []money{{"30 dollars", 30, "USD"}}},
		// Not money.
		{"运单号 ZT1234567890", nil},
		{"a 500ml cup, 2026年11月", nil},
		{"XUSD 5", nil},
		{"A-100 x 2", nil},
	}
	for _, tt := range tests {
		got := Amounts(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("Amounts(%q) = %+v, want %+v", tt.in, got, tt.want)
			continue
		}
		for i, w := range tt.want {
			if g := got[i]; g.Text != w.text || !strings.HasPrefix(tt.in[g.Offset:], g.Text) || math.Abs(g.Amount-w.amount) > 1e-9 || g.Currency != w.currency {
				t.Errorf("Amounts(%q)[%d] = %+v, want %+v", tt.in, i, g, w)
			}
		}
	}
}

// FuzzQuantities checks that any text is read without panicking, and that
// every figure found is a piece of the text with a finite, non-negative value.
func FuzzQuantities(f *testing.F) {
	for _, s := range []string{"0.79 kg", "790克 1.58斤", "０．７９ｋｇ", "¥59,¥60", "USD 12.50", "1,580 g", "\xff1 kg", "￥\uFFFD5元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Weights(s) {
			if !strings.HasPrefix(s[w.Offset:], w.Text) || w.Text == "" || !ok(w.Grams) || !ok(w.Slack) {
				t.Fatalf("Weights(%q): bad %+v", s, w)
			}
		}
		for _, m := range Amounts(s) {
			if !strings.HasPrefix(s[m.Offset:], m.Text) || m.Text == "" || !ok(m.Amount) || m.Currency == "" {
				t.Fatalf("Amounts(%q): bad %+v", s, m)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Text) {
				t.Fatalf("Amounts(%q): %q splits a character", s, m.Text)
			}
		}
	})
}

func ok(v float64) bool { return v >= 0 && !math.IsInf(v, 0) && !math.IsNaN(v) }
