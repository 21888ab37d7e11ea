package evidence

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Default limits of a manifest.
const (
	MaxStatementChars = 20000 // characters of the seller's statement
	MaxFieldChars     = 2000  // characters of any other free-text field
	MaxEvidenceItems  = 500   // evidence files per order
)

// ManifestLimits bound a manifest's contents; zero fields take the defaults.
type ManifestLimits struct {
	StatementChars int
	EvidenceItems  int
}

func (l ManifestLimits) statementChars() int {
	if l.StatementChars > 0 {
		return l.StatementChars
	}
	return MaxStatementChars
}

func (l ManifestLimits) evidenceItems() int {
	if l.EvidenceItems > 0 {
		return l.EvidenceItems
	}
	return MaxEvidenceItems
}

var (
	disputeRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)
	// LanguageRe is the form of a language code: the name of a phrase
	// book, such as zh or en. Whether the book exists is the templates'
	// to say.
	LanguageRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// Validate checks the values of a decoded manifest against the default
// limits and returns every problem found, each naming its field. Positions
// are filled in by ParseManifest.
func Validate(m *Manifest) []*FieldError { return validate(m, ManifestLimits{}) }

func validate(m *Manifest, lim ManifestLimits) []*FieldError {
	var ps []*FieldError
	add := func(field, problem, hint string) {
		ps = append(ps, &FieldError{Field: field, Problem: problem, Hint: hint})
	}
	text := func(field, v string, required bool, limit int) {
		switch {
		case strings.TrimSpace(v) == "" && required:
			add(field, "is required", "")
		case utf8.RuneCountInString(v) > limit:
			add(field, fmt.Sprintf("is %d characters; the limit is %d", utf8.RuneCountInString(v), limit), "shorten it")
			if field == "statement" {
				ps[len(ps)-1].Err = ErrStatementTooLong
			}
		}
	}
	finite := func(field string, v *float64) bool {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			add(field, fmt.Sprintf("must be a number (got %g)", *v), "")
			return false
		}
		return true
	}
	nonNeg := func(field string, v *float64) {
		if !finite(field, v) {
			return
		}
		if v != nil && *v < 0 {
			add(field, fmt.Sprintf("must not be negative (got %g)", *v), "")
		}
	}
	positive := func(field string, v *float64) {
		if !finite(field, v) {
			return
		}
		if v != nil && *v <= 0 {
			add(field, fmt.Sprintf("must be more than 0 grams (got %g)", *v), "leave it out when it was not recorded")
		}
	}

	// A value the decoder could not read as a date arrives as the zero
	// time; a timeline event's date is required, so it may also be missing.
	const asDate = "write it as 2026-11-01 10:00 (the order's local time, see time_zone) or with a UTC offset, 2026-11-01T10:00:00+08:00"
	if m.GeneratedAt != nil && m.GeneratedAt.IsZero() {
		add("generated_at", "is not a date", asDate)
	}
	for _, d := range m.Dates() {
		switch {
		case !d.At.IsZero():
		case d.Event >= 0:
			add(d.Field, "is missing or not a date", asDate)
		default:
			add(d.Field, "is not a date", asDate)
		}
	}

	text("order_id", m.OrderID, true, 64)
	if strings.ContainsAny(m.OrderID, "/\\\x00") {
		add("order_id", "must not contain / or \\", "")
	}
	if !slices.Contains(Platforms, m.Platform) {
		add("platform", fmt.Sprintf("unknown platform %q; expected one of %s", m.Platform, strings.Join(Platforms, ", ")), "use other for any other platform")
	}
	if !disputeRe.MatchString(m.Dispute) {
		add("dispute", fmt.Sprintf("%q is not a dispute type name", m.Dispute), "see 'proofpack templates' for the list")
	}
	if m.TimeZone != "" {
		if _, err := time.LoadLocation(m.TimeZone); err != nil || m.TimeZone == "Local" {
			add("time_zone", fmt.Sprintf("unknown time zone %q; expected an IANA name", m.TimeZone), "for example Asia/Shanghai, Europe/London or America/New_York")
		}
	}
	if m.Language != "" && !LanguageRe.MatchString(m.Language) {
		add("language", fmt.Sprintf("%q is not a language code; expected the name of a phrase book such as zh or en", m.Language), "")
	}
	if m.Currency != "" && !currencyRe.MatchString(m.Currency) {
		add("currency", fmt.Sprintf("%q is not a currency code; expected three capital letters such as CNY or USD", m.Currency), "")
	}
	text("shop", m.Shop, true, 200)
	text("buyer", m.Buyer, false, 200)
	text("statement", m.Statement, false, lim.statementChars())

	if len(m.Items) == 0 {
		add("items", "at least one order line is required", "add - {sku: ..., name: ..., quantity: 1}")
	}
	skus := map[string]bool{}
	for i, it := range m.Items {
		f := fmt.Sprintf("items[%d]", i)
		text(f+".sku", it.SKU, true, 100)
		text(f+".name", it.Name, true, 500)
		if it.Quantity < 1 {
			add(f+".quantity", fmt.Sprintf("must be at least 1 (got %d)", it.Quantity), "")
		}
		if skus[it.SKU] && it.SKU != "" {
			add(f+".sku", fmt.Sprintf("SKU %q appears twice", it.SKU), "merge the lines and add up the quantity")
		}
		skus[it.SKU] = true
		positive(f+".unit_weight_g", it.UnitWeightG)
		nonNeg(f+".unit_price", it.UnitPrice)
	}

	s := m.Shipment
	text("shipment.carrier", s.Carrier, false, 100)
	text("shipment.tracking_number", s.TrackingNumber, false, 64)
	nonNeg("shipment.packaging_weight_g", s.PackagingWeightG)
	positive("shipment.warehouse_weight_g", s.WarehouseWeightG)
	positive("shipment.courier_weight_g", s.CourierWeightG)
	positive("shipment.reweigh_weight_g", s.ReweighWeightG)
	nonNeg("shipment.weight_tolerance_g", s.WeightToleranceG)

	a := m.AfterSale
	text("after_sale.claim", a.Claim, false, MaxFieldChars)
	text("after_sale.defect", a.Defect, false, MaxFieldChars)
	text("after_sale.cause", a.Cause, false, MaxFieldChars)
	text("after_sale.claimed_item", a.ClaimedItem, false, MaxFieldChars)
	if a.Type != "" && !slices.Contains(requestTypes, a.Type) {
		add("after_sale.type", fmt.Sprintf("unknown request type %q; expected one of %s", a.Type, strings.Join(requestTypes, ", ")), "")
	}
	if r := a.Remedy; r != nil {
		if !slices.Contains(RemedyTypes, r.Type) {
			add("after_sale.remedy.type", fmt.Sprintf("unknown remedy %q; expected one of %s", r.Type, strings.Join(RemedyTypes, ", ")), "")
		}
		nonNeg("after_sale.remedy.amount", r.Amount)
		text("after_sale.remedy.replacement_tracking", r.ReplacementTracking, false, 64)
		text("after_sale.remedy.return_tracking", r.ReturnTracking, false, 64)
		text("after_sale.remedy.note", r.Note, false, MaxFieldChars)
		if r.PostagePaidBy != "" && r.PostagePaidBy != "seller" && r.PostagePaidBy != "buyer" {
			add("after_sale.remedy.postage_paid_by", fmt.Sprintf("%q: expected seller or buyer", r.PostagePaidBy), "")
		}
	}
	if p := m.Policy; p != nil {
		if p.AfterSalesDays != nil && (*p.AfterSalesDays < 1 || *p.AfterSalesDays > 3650) {
			add("policy.after_sales_days", fmt.Sprintf("must be 1 to 3650 days (got %d)", *p.AfterSalesDays), "")
		}
		text("policy.text", p.Text, false, MaxFieldChars)
	}
	nonNeg("after_sale.amount", a.Amount)
	if r := a.Refund; r != nil {
		nonNeg("after_sale.refund.amount", r.Amount)
		text("after_sale.refund.reference", r.Reference, false, 100)
	}
	text("shipment.checkout_address", s.CheckoutAddress, false, 500)
	text("shipment.delivery_address", s.DeliveryAddress, false, 500)
	if rc := m.ReasonCode; rc != nil {
		text("reason_code.network", rc.Network, true, 40)
		text("reason_code.code", rc.Code, true, 60)
	}
	transaction := func(f string, t *Transaction, prior bool) {
		switch {
		case prior && t.At == nil:
			add(f+".at", "is required: when the earlier transaction was processed", asDate)
		case t.At != nil && t.At.IsZero():
			add(f+".at", "is not a date", asDate)
		}
		nonNeg(f+".amount", t.Amount)
		for name, v := range map[string]string{"reference": t.Reference, "ip_address": t.IPAddress, "device_id": t.DeviceID, "shipping_address": t.ShippingAddress, "customer_account": t.CustomerAccount} {
			text(f+"."+name, v, false, 500)
		}
	}
	if m.Transaction != nil {
		transaction("transaction", m.Transaction, false)
	}
	for i := range m.Prior {
		transaction(fmt.Sprintf("prior_transactions[%d]", i), &m.Prior[i], true)
	}
	for i, ms := range a.Missing {
		f := fmt.Sprintf("after_sale.missing[%d]", i)
		text(f+".sku", ms.SKU, true, 100)
		if ms.Quantity < 1 {
			add(f+".quantity", fmt.Sprintf("must be at least 1 (got %d)", ms.Quantity), "")
		}
	}

	for i, ev := range m.Timeline {
		text(fmt.Sprintf("timeline[%d].event", i), ev.Event, true, MaxFieldChars)
	}

	if len(m.Evidence) > lim.evidenceItems() {
		add("evidence", fmt.Sprintf("lists %d files; the limit is %d", len(m.Evidence), lim.evidenceItems()), "keep the decisive evidence, or raise the limit")
		ps[len(ps)-1].Err = ErrTooManyFiles
	}
	files := map[string]int{}
	for i, e := range m.Evidence {
		f := fmt.Sprintf("evidence[%d]", i)
		if e.File == "" {
			add(f+".file", "is required", "")
		} else if p, problem := cleanEvidencePath(e.File); problem != "" {
			add(f+".file", problem, "give a path inside the order folder, such as weights/warehouse.jpg")
		} else if j, dup := files[p]; dup {
			add(f+".file", fmt.Sprintf("%q is already listed as evidence[%d]", e.File, j), "list each file once")
		} else {
			files[p] = i
		}
		if _, ok := LookupKind(e.Kind); !ok {
			add(f+".kind", fmt.Sprintf("unknown kind %q; expected one of %s", e.Kind, strings.Join(KindNames(), ", ")), "")
		}
		text(f+".caption", e.Caption, false, 500)
		text(f+".language", e.Language, false, 20)
		text(f+".translation", e.Translation, false, 4*MaxFieldChars)
		validateFrames(add, f, e)
		for name, regions := range map[string][]Region{"redact": e.Redact, "highlight": e.Highlight} {
			for j, r := range regions {
				rf := fmt.Sprintf("%s.%s[%d]", f, name, j)
				switch {
				case math.IsNaN(r.X + r.Y + r.W + r.H), math.IsInf(r.X+r.Y+r.W+r.H, 0):
					add(rf, "must be numbers", "")
				case r.X < 0 || r.Y < 0 || r.W <= 0 || r.H <= 0:
					add(rf, fmt.Sprintf("x and y must be at least 0 and w and h more than 0 (got %g, %g, %g, %g)", r.X, r.Y, r.W, r.H), "")
				case r.Fractional() && (r.X+r.W > 1.0001 || r.Y+r.H > 1.0001):
					add(rf, "a fractional rectangle must lie inside the image (x + w and y + h at most 1)", "")
				}
				text(rf+".note", r.Note, false, 200)
			}
		}
	}
	return ps
}

// cleanEvidencePath returns the slash-separated path of an evidence file
// inside the order folder, or a problem when it would leave the folder.
func cleanEvidencePath(p string) (string, string) {
	q := strings.ReplaceAll(p, "\\", "/")
	if strings.HasPrefix(q, "/") || (len(q) > 1 && q[1] == ':' && unicode.IsLetter(rune(q[0])) && q[0] < 0x80) {
		return "", fmt.Sprintf("%q is an absolute path", p)
	}
	q = path.Clean(q)
	if !fs.ValidPath(q) || q == "." {
		return "", fmt.Sprintf("%q leaves the order folder", p)
	}
	return q, ""
}
