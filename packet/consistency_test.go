package packet

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func consistentOrder() *evidence.Manifest {
	return &evidence.Manifest{
		Dispute: "missing-item", Currency: "CNY", PlacedAt: at("2026-11-01T10:00:00+08:00"),
		Items: []evidence.Item{{SKU: "A-100", Name: "cup", Quantity: 2, UnitWeightG: f(350), UnitPrice: f(59)}},
		Shipment: evidence.Shipment{
			TrackingNumber: "ZT1234567890", ShippedAt: at("2026-11-01T18:00:00+08:00"), DeliveredAt: at("2026-11-03T09:30:00+08:00"),
			PackagingWeightG: f(80), WarehouseWeightG: f(780), CourierWeightG: f(790),
		},
		AfterSale: evidence.AfterSale{RequestedAt: at("2026-11-03T12:00:00+08:00"), Missing: []evidence.Missing{{SKU: "A-100", Quantity: 1}}, Amount: f(59),
			Claim: "少发了一个杯子"},
	}
}

func TestConsistency(t *testing.T) {
	tests := []struct {
		name     string
		dispute  string
		edit     func(m *evidence.Manifest)
		severity string
		fields   []string // every one must be named by one finding
	}{
		{"consistent", "", func(m *evidence.Manifest) {}, "", nil},
		{"delivered before shipped", "", func(m *evidence.Manifest) { m.Shipment.DeliveredAt = at("2026-11-01T12:00:00+08:00") },
			SeverityError, []string{"shipment.delivered_at", "shipment.shipped_at"}},
		{"shipped before placed", "", func(m *evidence.Manifest) { m.Shipment.ShippedAt = at("2026-10-31T12:00:00+08:00") },
			SeverityError, []string{"shipment.shipped_at", "placed_at"}},
		{"request before delivery", "", func(m *evidence.Manifest) { m.AfterSale.RequestedAt = at("2026-11-02T12:00:00+08:00") },
			SeverityWarning, []string{"after_sale.requested_at", "shipment.delivered_at"}},
		{"request before delivery is fine for changed-mind", "changed-mind", func(m *evidence.Manifest) {
			m.AfterSale.RequestedAt = at("2026-11-02T12:00:00+08:00")
		}, "", nil},
		{"same instant in another zone is not out of order", "", func(m *evidence.Manifest) {
			m.Shipment.ShippedAt = at("2026-11-01T10:00:00Z") // 18:00 +08:00
		}, "", nil},
		{"remedy offered before the order", "wrong-item", func(m *evidence.Manifest) {
			m.AfterSale.Remedy = &evidence.Remedy{Type: "resend", OfferedAt: at("2026-10-30T10:00:00+08:00")}
		}, SeverityError, []string{"after_sale.remedy.offered_at", "placed_at"}},
		{"an event before the order", "", func(m *evidence.Manifest) {
			m.Timeline = []evidence.Event{{At: *at("2026-10-30T10:00:00+08:00"), Event: "listing published"}}
		}, SeverityWarning, []string{"timeline[0].at", "placed_at"}},
		{"amount above total", "", func(m *evidence.Manifest) { m.AfterSale.Amount = f(200) },
			SeverityError, []string{"after_sale.amount", "items"}},
		{"missing SKU not ordered", "", func(m *evidence.Manifest) { m.AfterSale.Missing[0].SKU = "B-200" },
			SeverityError, []string{"after_sale.missing[0].sku", "items"}},
		{"more missing than ordered", "", func(m *evidence.Manifest) { m.AfterSale.Missing[0].Quantity = 3 },
			SeverityError, []string{"after_sale.missing[0].quantity", "items"}},
		{"weights disagree", "", func(m *evidence.Manifest) { m.Shipment.CourierWeightG = f(600) },
			SeverityWarning, []string{"shipment.courier_weight_g", "shipment.warehouse_weight_g"}},
		{"tracking number differs in a caption", "", func(m *evidence.Manifest) {
			m.Evidence = []evidence.EvidenceItem{{File: "label.jpg", Kind: evidence.ShippingLabel, Caption: "面单 ZT1234567899"}}
		}, SeverityWarning, []string{"evidence[0].caption", "shipment.tracking_number"}},
		{"replacement reuses the tracking number", "wrong-item", func(m *evidence.Manifest) {
			m.AfterSale.Remedy = &evidence.Remedy{Type: "exchange", ReplacementTracking: "ZT1234567890"}
		}, SeverityError, []string{"after_sale.remedy.replacement_tracking", "shipment.tracking_number"}},
		{"accepted before offered", "wrong-item", func(m *evidence.Manifest) {
			m.AfterSale.Remedy = &evidence.Remedy{Type: "resend", OfferedAt: at("2026-11-04T10:00:00+08:00"), AcceptedAt: at("2026-11-04T09:00:00+08:00")}
		}, SeverityError, []string{"after_sale.remedy.accepted_at", "after_sale.remedy.offered_at"}},
		{"after-period request inside the period", "quality-after-period", func(m *evidence.Manifest) {
			days := 7
			m.Policy = &evidence.AfterSalesPolicy{AfterSalesDays: &days}
		}, SeverityError, []string{"after_sale.requested_at", "shipment.delivered_at", "policy.after_sales_days"}},
		{"after-period request outside the period", "quality-after-period", func(m *evidence.Manifest) {
			days := 7
			m.Policy = &evidence.AfterSalesPolicy{AfterSalesDays: &days}
			m.AfterSale.RequestedAt = at("2026-11-20T12:00:00+08:00")
		}, "", nil},
		{"after-period without a policy", "quality-after-period", func(m *evidence.Manifest) {},
			SeverityError, []string{"policy.after_sales_days"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := consistentOrder()
			tt.edit(m)
			var d *templates.Dispute
			if tt.dispute != "" {
				m.Dispute = tt.dispute
				d = &templates.Dispute{Name: tt.dispute}
			}
			got := Consistency(m, d)
			if tt.severity == "" {
				if len(got) > 0 {
					t.Fatalf("want no findings, got %v", got)
				}
				return
			}
			var match *Finding
			for i := range got {
				if got[i].Severity == tt.severity && containsAll(got[i].Fields, tt.fields) {
					match = &got[i]
				}
			}
			if match == nil {
				t.Fatalf("no %s naming %v in %+v", tt.severity, tt.fields, got)
			}
			if !strings.Contains(match.String(), tt.fields[0]) {
				t.Errorf("String() = %q does not name %s", match.String(), tt.fields[0])
			}
		})
	}
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// TestTimelineTellsEveryDate: each of the manifest's dates has its own
// line in the packet's timeline, in both languages.
func TestTimelineTellsEveryDate(t *testing.T) {
	m := consistentOrder()
	m.Shipment.RefusedAt, m.Shipment.InterceptRequestedAt, m.Shipment.ReturnedAt = at("2026-11-03T10:00:00+08:00"), at("2026-11-02T10:00:00+08:00"), at("2026-11-06T10:00:00+08:00")
	m.AfterSale.Remedy = &evidence.Remedy{Type: "resend", OfferedAt: at("2026-11-04T10:00:00+08:00"), AcceptedAt: at("2026-11-04T11:00:00+08:00")}
	m.Timeline = []evidence.Event{{At: *at("2026-11-01T17:42:00+08:00"), Event: "仓库出库称重 0.780 kg"}}
	set := builtin(t)
	for _, lang := range set.Languages() {
		book, err := set.Lang(lang)
		if err != nil {
			t.Fatal(err)
		}
		p := &phrases{Words: templates.Words{Book: book}}
		rows := sortedEvents(m, p)
		if p.Err != nil {
			t.Fatalf("%s: %v", lang, p.Err)
		}
		if len(rows) != len(m.Dates()) {
			t.Fatalf("%s: %d rows for %d dates", lang, len(rows), len(m.Dates()))
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if r[1] == "" || seen[r[1]] {
				t.Errorf("%s: row %q is empty or repeated", lang, r)
			}
			seen[r[1]] = true
		}
	}
}

// TestShortReadingsSentence: the warning about readings that match the
// short parcel is one sentence with one "while", however many readings
// match either weight.
func TestShortReadingsSentence(t *testing.T) {
	m := &evidence.Manifest{AfterSale: evidence.AfterSale{Missing: []evidence.Missing{{SKU: "A-100", Quantity: 1}}}}
	weights := func(rs ...Reading) *Weights {
		return &Weights{ExpectedG: 790, HasExpected: true, MissingG: 360, HasMissing: true, ShortG: 430, Tolerance: 30, Readings: rs}
	}
	courier := Reading{Source: "courier", Field: "shipment.courier_weight_g", Grams: 435, Diff: -355}
	reweigh := Reading{Source: "reweigh", Field: "shipment.reweigh_weight_g", Grams: 440, Diff: -350}
	warehouse := Reading{Source: "warehouse", Field: "shipment.warehouse_weight_g", Grams: 780, Diff: -10, Within: true}
	full2 := Reading{Source: "reweigh", Field: "shipment.reweigh_weight_g", Grams: 785, Diff: -5, Within: true}
	for _, tt := range []struct {
		w    *Weights
		want string
	}{
		{weights(courier),
			"the courier reading, 435 g, is within 30 g of 430 g, the parcel's weight without the items claimed missing (1 x A-100); that reading supports the buyer, and sending this packet hands the reviewer the buyer's case"},
		{weights(warehouse, courier, full2),
			"the courier reading, 435 g, is within 30 g of 430 g, the parcel's weight without the items claimed missing (1 x A-100), while the warehouse and reweigh readings, 780 g and 785 g, match the full parcel's 790 g; that reading supports the buyer, and sending this packet hands the reviewer the buyer's case"},
		{weights(warehouse, courier, reweigh),
			"the courier and reweigh readings, 435 g and 440 g, are within 30 g of 430 g, the parcel's weight without the items claimed missing (1 x A-100), while the warehouse reading, 780 g, matches the full parcel's 790 g; these readings support the buyer, and sending this packet hands the reviewer the buyer's case"},
	} {
		f, ok := shortReadingsFinding(m, tt.w)
		if !ok || f.Message != tt.want {
			t.Errorf("got %v %q\nwant %q", ok, f.Message, tt.want)
		}
	}
}
