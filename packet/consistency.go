package packet

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// Severities of a finding.
const (
	SeverityError   = "error"   // a reviewer would reject the packet: it is not built
	SeverityWarning = "warning" // weakens the case; the packet says so where it matters
)

// Finding is one contradiction or gap, naming the manifest fields involved.
type Finding struct {
	Severity string   `json:"severity"`
	Fields   []string `json:"fields"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	Position string   `json:"position,omitempty"` // file:line:col, for manifest problems
	// Err is the cause of a finding about a file or a limit (it matches
	// evidence.ErrNotFound, evidence.ErrTooManyPixels, ... under
	// errors.Is); nil for the rest.
	Err error `json:"-"`
}

func (f Finding) String() string {
	s := f.Message
	if len(f.Fields) > 0 {
		s = strings.Join(f.Fields, ", ") + ": " + s
	}
	if f.Position != "" {
		s = f.Position + ": " + s
	}
	if f.Hint != "" {
		s += " (" + f.Hint + ")"
	}
	return s
}

// disputesAfterDelivery are dispute types whose after-sales request only
// makes sense once the parcel arrived.
var disputesAfterDelivery = map[string]bool{
	"missing-item": true, "wrong-item": true, "not-our-product": true, "quality-buyer-damage": true,
	"quality-minor-defect": true, "quality-after-period": true, "not-as-described": true,
}

// trackingRe finds tracking-number-like tokens in free text: two or more
// capital letters followed by at least eight digits, or twelve digits or more.
var trackingRe = regexp.MustCompile(`\b(?:[A-Z]{2,4}\d{8,}|\d{12,})\b`)

// Consistency returns the contradictions in an order that lose disputes.
// Each finding names the fields that disagree.
func Consistency(m *evidence.Manifest, d *templates.Dispute) []Finding {
	var fs []Finding
	add := func(sev, msg, hint string, fields ...string) {
		fs = append(fs, Finding{Severity: sev, Fields: fields, Message: msg, Hint: hint})
	}
	s, a := m.Shipment, m.AfterSale

	before := func(later, earlier *time.Time, lf, ef, sev, what string) {
		if later != nil && earlier != nil && later.Before(*earlier) {
			add(sev, fmt.Sprintf("%s: %s is before %s", what, when(*later), when(*earlier)), "check both dates and their time zones", lf, ef)
		}
	}
	before(s.DeliveredAt, s.ShippedAt, "shipment.delivered_at", "shipment.shipped_at", SeverityError, "delivered before it was shipped")
	before(s.RefusedAt, s.ShippedAt, "shipment.refused_at", "shipment.shipped_at", SeverityError, "refused before it was shipped")
	before(s.ReturnedAt, s.ShippedAt, "shipment.returned_at", "shipment.shipped_at", SeverityError, "returned before it was shipped")
	if disputesAfterDelivery[m.Dispute] {
		before(a.RequestedAt, s.DeliveredAt, "after_sale.requested_at", "shipment.delivered_at", SeverityWarning,
			"the after-sales request predates delivery")
	}
	if r := a.Remedy; r != nil {
		before(r.AcceptedAt, r.OfferedAt, "after_sale.remedy.accepted_at", "after_sale.remedy.offered_at", SeverityError, "remedy accepted before it was offered")
		if r.ReplacementTracking != "" && r.ReplacementTracking == s.TrackingNumber {
			add(SeverityError, fmt.Sprintf("the replacement parcel has the original parcel's tracking number %s", s.TrackingNumber),
				"give the replacement's own tracking number", "after_sale.remedy.replacement_tracking", "shipment.tracking_number")
		}
	}
	// Nothing of the order happens before it is placed; an event of the
	// seller's own timeline may (a listing published), so that only warns.
	for _, dt := range m.Dates() {
		switch {
		case m.PlacedAt == nil || !dt.At.Before(*m.PlacedAt):
		case dt.Event >= 0:
			add(SeverityWarning, fmt.Sprintf("event %q at %s is before the order was placed", m.Timeline[dt.Event].Event, when(dt.At)), "", dt.Field, "placed_at")
		default:
			add(SeverityError, fmt.Sprintf("%s is before the order was placed: %s is before %s", dt.Field, when(dt.At), when(*m.PlacedAt)),
				"check both dates and their time zones", dt.Field, "placed_at")
		}
	}

	// Tracking numbers written in free text must be the parcel's.
	known := map[string]bool{s.TrackingNumber: true}
	if r := a.Remedy; r != nil {
		known[r.ReplacementTracking], known[r.ReturnTracking] = true, true
	}
	if s.TrackingNumber != "" {
		texts := map[string]string{"after_sale.claim": a.Claim, "statement": m.Statement}
		for i, ev := range m.Timeline {
			texts[fmt.Sprintf("timeline[%d].event", i)] = ev.Event
		}
		for i, e := range m.Evidence {
			texts[fmt.Sprintf("evidence[%d].caption", i)] = e.Caption
		}
		for _, field := range slices.Sorted(maps.Keys(texts)) {
			for _, tok := range trackingRe.FindAllString(texts[field], -1) {
				if !known[tok] {
					add(SeverityWarning, fmt.Sprintf("mentions tracking number %s, but the parcel's is %s", tok, s.TrackingNumber),
						"correct whichever is wrong", field, "shipment.tracking_number")
				}
			}
		}
	}

	// Money and quantities claimed against the order.
	total, priced := 0.0, len(m.Items) > 0
	ordered := map[string]int{}
	for _, it := range m.Items {
		ordered[it.SKU] += it.Quantity
		if it.UnitPrice == nil {
			priced = false
		} else {
			total += *it.UnitPrice * float64(it.Quantity)
		}
	}
	if a.Amount != nil && priced && *a.Amount > total+0.005 {
		add(SeverityError, fmt.Sprintf("the claimed %s is more than the order total %s", money(*a.Amount, m.Currency), money(total, m.Currency)),
			"check the amount and the unit prices", "after_sale.amount", "items")
	}
	if r := a.Remedy; r != nil && r.Amount != nil && priced && *r.Amount > total+0.005 && r.Type != "compensation" {
		add(SeverityWarning, fmt.Sprintf("the remedy of %s is more than the order total %s", money(*r.Amount, m.Currency), money(total, m.Currency)),
			"", "after_sale.remedy.amount", "items")
	}
	for i, ms := range a.Missing {
		q, ok := ordered[ms.SKU]
		switch {
		case !ok:
			add(SeverityError, fmt.Sprintf("SKU %q is claimed missing but is not in the order", ms.SKU), "claims must name SKUs from items", fmt.Sprintf("after_sale.missing[%d].sku", i), "items")
		case ms.Quantity > q:
			add(SeverityError, fmt.Sprintf("%d x %s claimed missing, but only %d were ordered", ms.Quantity, ms.SKU, q), "", fmt.Sprintf("after_sale.missing[%d].quantity", i), "items")
		}
	}

	// Weighings that disagree, and readings that support the buyer.
	w := Reconcile(m)
	if w.Verdict == VerdictDisagree {
		add(SeverityWarning, fmt.Sprintf("the recorded weights differ by %s, more than the %s tolerance; the packet says so and does not claim they agree", grams(w.Spread), grams(w.Tolerance)),
			"check the readings against the weighing photos", weightFields(w)...)
	}
	if f, ok := shortReadingsFinding(m, w); ok {
		fs = append(fs, f)
	}
	fs = append(fs, textFigures(m, w)...)

	// The after-sales period.
	if d != nil && d.Name == "quality-after-period" {
		days := m.Policy
		switch {
		case days == nil || days.AfterSalesDays == nil:
			add(SeverityError, "quality-after-period needs the after-sales period", "add policy: {after_sales_days: 7}", "policy.after_sales_days")
		case s.DeliveredAt == nil || a.RequestedAt == nil:
			add(SeverityError, "quality-after-period needs both the delivery and the request date", "", "shipment.delivered_at", "after_sale.requested_at")
		default:
			end := s.DeliveredAt.Add(time.Duration(*days.AfterSalesDays) * 24 * time.Hour)
			if !a.RequestedAt.After(end) {
				add(SeverityError, fmt.Sprintf("the request on %s is inside the %d-day after-sales period, which ends %s", when(*a.RequestedAt), *days.AfterSalesDays, when(end)),
					"this is not an after-period dispute; use quality-minor-defect or quality-buyer-damage", "after_sale.requested_at", "shipment.delivered_at", "policy.after_sales_days")
			}
		}
	}
	return fs
}

// weightFields names the manifest fields of the readings.
func weightFields(w *Weights) []string {
	var f []string
	for _, r := range w.Readings {
		f = append(f, r.Field)
	}
	slices.Sort(f)
	return f
}

// shortReadingsFinding tells the seller which readings match the parcel
// without the items claimed missing: sending the packet would hand the
// reviewer the buyer's case.
func shortReadingsFinding(m *evidence.Manifest, w *Weights) (Finding, bool) {
	short := w.ShortReadings()
	if len(short) == 0 {
		return Finding{}, false
	}
	var claimed []string
	for _, ms := range m.AfterSale.Missing {
		claimed = append(claimed, fmt.Sprintf("%d x %s", ms.Quantity, ms.SKU))
	}
	var fields []string
	for _, r := range short {
		fields = append(fields, r.Field)
	}
	var full []Reading
	for _, r := range w.Readings {
		if r.Within {
			full = append(full, r)
		}
	}
	subject, supports := "that reading", "supports"
	if len(short) > 1 {
		subject, supports = "these readings", "support"
	}
	// One sentence: "the courier reading, 435 g, is within 30 g of 430 g,
	// …, while the warehouse and reweigh readings, 780 g and 785 g, match
	// the full parcel's 790 g; that reading supports the buyer, …".
	msg := fmt.Sprintf("%s within %s of %s, the parcel's weight without the items claimed missing (%s)",
		readingsAre(short, "is", "are"), grams(w.Tolerance), grams(w.ShortG), strings.Join(claimed, ", "))
	if len(full) > 0 {
		msg += fmt.Sprintf(", while %s the full parcel's %s", readingsAre(full, "matches", "match"), grams(w.ExpectedG))
	}
	msg += fmt.Sprintf("; %s %s the buyer, and sending this packet hands the reviewer the buyer's case", subject, supports)
	return Finding{Severity: SeverityWarning, Fields: append(fields, "after_sale.missing"), Message: msg,
		Hint: "check the reading against the weighing record; if it is right, consider refunding the claimed item instead of disputing"}, true
}

// readingsAre names readings with their weights and the verb for one or
// several: "the courier reading, 435 g, is", "the warehouse and reweigh
// readings, 780 g and 785 g, are".
func readingsAre(rs []Reading, one, several string) string {
	var sources, weights []string
	for _, r := range rs {
		sources, weights = append(sources, r.Source), append(weights, grams(r.Grams))
	}
	if len(rs) == 1 {
		return fmt.Sprintf("the %s reading, %s, %s", sources[0], weights[0], one)
	}
	return fmt.Sprintf("the %s readings, %s, %s", joinAnd(sources), joinAnd(weights), several)
}

// PeriodEnd is the end of the after-sales period, when known.
func PeriodEnd(m *evidence.Manifest) (time.Time, bool) {
	if m.Policy == nil || m.Policy.AfterSalesDays == nil || m.Shipment.DeliveredAt == nil {
		return time.Time{}, false
	}
	return m.Shipment.DeliveredAt.Add(time.Duration(*m.Policy.AfterSalesDays) * 24 * time.Hour), true
}

// daysBetween is whole days from a to b, rounded down.
func daysBetween(a, b time.Time) int { return int(math.Floor(b.Sub(a).Hours() / 24)) }
