package packet

import (
	"testing"

	"github.com/proofpack/proofpack/evidence"
)

func f(v float64) *float64 { return &v }

func TestReconcile(t *testing.T) {
	base := func() *evidence.Manifest {
		return &evidence.Manifest{
			Items:     []evidence.Item{{SKU: "A-100", Name: "cup", Quantity: 2, UnitWeightG: f(350)}},
			Shipment:  evidence.Shipment{PackagingWeightG: f(80), WarehouseWeightG: f(780), CourierWeightG: f(790)},
			AfterSale: evidence.AfterSale{Missing: []evidence.Missing{{SKU: "A-100", Quantity: 1}}},
		}
	}
	tests := []struct {
		name     string
		edit     func(m *evidence.Manifest)
		verdict  string
		expected float64
		short    float64
		tol      float64
	}{
		{"weights match full order", func(m *evidence.Manifest) {}, VerdictSupports, 780, 430, 30},
		{"weights match short order", func(m *evidence.Manifest) {
			m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG = f(435), f(440)
		}, VerdictContradicts, 780, 430, 30},
		{"weighings disagree", func(m *evidence.Manifest) { m.Shipment.CourierWeightG = f(700) }, VerdictDisagree, 780, 430, 30},
		{"matches neither", func(m *evidence.Manifest) {
			m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG = f(600), f(610)
		}, VerdictInconclusive, 780, 430, 30},
		{"missing item lighter than tolerance", func(m *evidence.Manifest) {
			m.Items[0].UnitWeightG = f(20)
			m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG = f(120), f(121)
		}, VerdictInconclusive, 120, 100, 30},
		{"explicit tolerance", func(m *evidence.Manifest) {
			m.Shipment.WeightToleranceG = f(5)
		}, VerdictDisagree, 780, 430, 5},
		{"no claim lines", func(m *evidence.Manifest) { m.AfterSale.Missing = nil }, VerdictConsistent, 780, 0, 30},
		{"no unit weights", func(m *evidence.Manifest) { m.Items[0].UnitWeightG = nil }, VerdictAgreeOnly, 0, 0, 30},
		{"nothing weighed", func(m *evidence.Manifest) {
			m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG = nil, nil
		}, VerdictNone, 780, 430, 30},
		{"large order default tolerance", func(m *evidence.Manifest) {
			m.Items[0].Quantity = 10
			m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG = f(3600), f(3650)
		}, VerdictSupports, 3580, 3230, 107},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base()
			tt.edit(m)
			w := Reconcile(m)
			if w.Verdict != tt.verdict {
				t.Errorf("verdict = %s, want %s (%+v)", w.Verdict, tt.verdict, w)
			}
			if w.HasExpected && w.ExpectedG != tt.expected {
				t.Errorf("expected = %g, want %g", w.ExpectedG, tt.expected)
			}
			if w.HasMissing && w.ShortG != tt.short {
				t.Errorf("short = %g, want %g", w.ShortG, tt.short)
			}
			if w.Tolerance != tt.tol {
				t.Errorf("tolerance = %g, want %g", w.Tolerance, tt.tol)
			}
		})
	}
}
