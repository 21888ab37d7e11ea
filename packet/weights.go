package packet

import (
	"math"

	"github.com/proofpack/proofpack/evidence"
)

// Verdicts of a weight reconciliation.
const (
	VerdictSupports     = "supports"     // weighings agree with each other and with the full order, and rule out the claimed shortage
	VerdictContradicts  = "contradicts"  // weighings match the order without the claimed items
	VerdictDisagree     = "disagree"     // weighings differ from each other beyond the tolerance
	VerdictInconclusive = "inconclusive" // weighings match neither, or the missing items are too light to tell
	VerdictConsistent   = "consistent"   // no shortage claimed; weighings match the full order
	VerdictAgreeOnly    = "agree-only"   // no unit weights; weighings agree with each other
	VerdictNone         = "none"         // nothing was weighed
)

// Reading is one recorded weighing.
type Reading struct {
	Source string  // "warehouse", "courier" or "reweigh"
	Field  string  // the manifest field it was read from
	Grams  float64 // as recorded
	Diff   float64 // Grams minus the expected weight of the full order
	Within bool    // |Diff| <= tolerance (false when there is no expected weight)
}

// WeightLine is one order line's share of the expected weight.
type WeightLine struct {
	SKU, Name string
	Quantity  int
	UnitG     float64
	TotalG    float64
}

// Weights is the reconciliation of recorded weights against the order.
type Weights struct {
	Lines       []WeightLine
	PackagingG  float64
	ExpectedG   float64 // full order, packaging included; valid when HasExpected
	HasExpected bool    // every line has a unit weight
	MissingG    float64 // weight of the items claimed missing; valid when HasMissing
	HasMissing  bool
	ShortG      float64 // ExpectedG - MissingG
	Tolerance   float64
	Readings    []Reading
	Spread      float64 // largest minus smallest reading
	Verdict     string
}

// DefaultTolerance is used when the manifest sets none: the larger of 30 g
// and 3% of the expected weight (scales and packing vary by that much).
func DefaultTolerance(expectedG float64) float64 { return math.Max(30, math.Round(expectedG*0.03)) }

// Reconcile compares the parcel's recorded weights with the order.
func Reconcile(m *evidence.Manifest) *Weights {
	w := &Weights{HasExpected: len(m.Items) > 0}
	unit := map[string]float64{}
	for _, it := range m.Items {
		if it.UnitWeightG == nil {
			w.HasExpected = false
			continue
		}
		unit[it.SKU] = *it.UnitWeightG
		t := float64(it.Quantity) * *it.UnitWeightG
		w.Lines = append(w.Lines, WeightLine{SKU: it.SKU, Name: it.Name, Quantity: it.Quantity, UnitG: *it.UnitWeightG, TotalG: t})
		w.ExpectedG += t
	}
	if p := m.Shipment.PackagingWeightG; p != nil {
		w.PackagingG = *p
		w.ExpectedG += *p
	}
	if len(m.AfterSale.Missing) > 0 && w.HasExpected {
		w.HasMissing = true
		for _, ms := range m.AfterSale.Missing {
			u, ok := unit[ms.SKU]
			if !ok {
				w.HasMissing = false // a SKU not in the order: reported by the consistency checks
				break
			}
			w.MissingG += float64(ms.Quantity) * u
		}
		w.ShortG = w.ExpectedG - w.MissingG
	}
	if t := m.Shipment.WeightToleranceG; t != nil {
		w.Tolerance = *t
	} else {
		w.Tolerance = DefaultTolerance(w.ExpectedG)
	}
	for _, src := range weighings {
		g := src.grams(&m.Shipment)
		if g == nil {
			continue
		}
		rd := Reading{Source: src.source, Field: src.field, Grams: *g}
		if w.HasExpected {
			rd.Diff = *g - w.ExpectedG
			rd.Within = math.Abs(rd.Diff) <= w.Tolerance
		}
		w.Readings = append(w.Readings, rd)
	}
	w.Verdict = w.verdict()
	return w
}

// weighing is one of the parcel's weighings a manifest records.
type weighing struct {
	source, field string
	kind          evidence.Kind // the exhibit that shows it
	grams         func(*evidence.Shipment) *float64
	// words say that a timeline event is about this weighing (lower case).
	words []string
}

// weighings are the parcel's weighings, in the order the packet shows them.
var weighings = []weighing{
	{"warehouse", "shipment.warehouse_weight_g", evidence.WarehouseWeight, func(s *evidence.Shipment) *float64 { return s.WarehouseWeightG },
		[]string{"warehouse", "dispatch", "仓库", "出库"}},
	{"courier", "shipment.courier_weight_g", evidence.CourierWeight, func(s *evidence.Shipment) *float64 { return s.CourierWeightG },
		[]string{"courier", "carrier", "picked up", "pick-up", "pickup", "揽收", "快递员", "内网"}},
	{"reweigh", "shipment.reweigh_weight_g", evidence.Reweigh, func(s *evidence.Shipment) *float64 { return s.ReweighWeightG },
		[]string{"reweigh", "re-weigh", "re-pack", "repack", "identical parcel", "重新打包", "重新包装", "重新称重", "复称"}},
}

// nearShort reports whether g is within tolerance of the parcel without
// the items claimed missing.
func (w *Weights) nearShort(g float64) bool {
	return w.HasMissing && math.Abs(g-w.ShortG) <= w.Tolerance
}

// ShortReadings are the readings that match the parcel without the items
// claimed missing and not the full parcel: each one supports the buyer.
// It is empty when the missing items are too light for a scale to tell.
func (w *Weights) ShortReadings() []Reading {
	var rs []Reading
	if !w.HasMissing || w.MissingG <= w.Tolerance {
		return nil
	}
	for _, r := range w.Readings {
		if w.nearShort(r.Grams) && !r.Within {
			rs = append(rs, r)
		}
	}
	return rs
}

func (w *Weights) verdict() string {
	if len(w.Readings) == 0 {
		return VerdictNone
	}
	lo, hi := w.Readings[0].Grams, w.Readings[0].Grams
	for _, r := range w.Readings {
		lo, hi = math.Min(lo, r.Grams), math.Max(hi, r.Grams)
	}
	w.Spread = hi - lo
	if w.Spread > w.Tolerance {
		return VerdictDisagree
	}
	if !w.HasExpected {
		return VerdictAgreeOnly
	}
	allFull, allShort := true, true
	for _, r := range w.Readings {
		allFull = allFull && r.Within
		allShort = allShort && w.nearShort(r.Grams)
	}
	switch {
	case !w.HasMissing:
		if allFull {
			return VerdictConsistent
		}
		return VerdictInconclusive
	case w.MissingG <= w.Tolerance:
		return VerdictInconclusive
	case allFull:
		return VerdictSupports
	case allShort:
		return VerdictContradicts
	}
	return VerdictInconclusive
}
