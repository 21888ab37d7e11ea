package packet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// phrases renders the packet's wording in its language.
type phrases struct {
	templates.Words
	// loc is the order's time zone (nil: each time keeps its own offset);
	// own is the platform's own zone, whose offset goes without saying.
	loc *time.Location
	own string
}

// grams formats a weight.
func grams(g float64) string { return strconv.FormatFloat(g, 'f', -1, 64) + " g" }

var currencySymbols = map[string]string{"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

// money formats an amount in the order's currency.
func money(v float64, currency string) string {
	if sym, ok := currencySymbols[currency]; ok {
		return fmt.Sprintf("%s%.2f", sym, v)
	}
	if currency == "" {
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.2f %s", v, currency)
}

// when formats a time in its own zone for messages to the seller, so the
// output never depends on the machine's time zone.
func when(t time.Time) string { return t.Format("2006-01-02 15:04") + " (" + utcOffset(t) + ")" }

// utcOffset names a time's offset: "UTC+08:00".
func utcOffset(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, off/3600, off%3600/60)
}

// when formats a time for the reader: in the order's time zone, in the
// language's layout, with the offset only when the zone is not the
// platform's own.
func (p *phrases) when(t time.Time) string {
	if p.loc != nil {
		t = t.In(p.loc)
	}
	s := t.Format(p.S("time_layout"))
	if p.loc != nil && p.loc.String() == p.own {
		return s
	}
	return p.T("time_with_offset", map[string]string{"Time": s, "Zone": zoneName(t)})
}

// zoneName is the zone's abbreviation where it has one ("EST"), else its
// UTC offset.
func zoneName(t time.Time) string {
	name, _ := t.Zone()
	if name == "" || strings.ContainsAny(name[:1], "+-0123456789") {
		return utcOffset(t)
	}
	return name
}

func (p *phrases) whenPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return p.when(*t)
}

// list joins items the language's way: "A, B and C", "A、B、C".
func (p *phrases) list(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], p.S("list_sep")) + p.S("list_last") + items[len(items)-1]
}

// Facts is what a dispute template's statement and case summary see. Its
// methods take an evidence kind name: {{.Exhibits "shipping-label"}}.
type Facts struct {
	OrderID, Shop, Buyer, Platform, PlatformName  string
	Carrier, Tracking                             string
	PlacedAt, ShippedAt, DeliveredAt, RequestedAt string
	Items, Claim, Missing, Amount, Total          string
	SellerNote                                    string

	// The weights: the full order's expected weight, the weight without
	// the items claimed missing and theirs ("" when unknown). The verdict
	// and the conclusion rest only on readings whose exhibit is in the
	// packet: a figure without one is the seller's own record.
	ExpectedWeight, ShortWeight, MissingWeight string
	WeightVerdict, WeightConclusion            string

	// What the buyer asks for and says, for the dispute types that need it.
	RequestType, Defect, Cause, ClaimedItem string
	// The seller's remedy: Remedy is its name in the packet's language.
	Remedy, RemedyType, RemedyAmount, RemedyOffered, RemedyAccepted string
	ReplacementTracking, ReturnTracking, PostagePaidBy, RemedyNote  string
	// The delivery refusal, interception and return (changed-mind).
	RefusedAt, InterceptRequestedAt, ReturnedAt string
	// The after-sales period: days, its end, and how many days after
	// delivery the request came (-1 when unknown).
	AfterSalesDays         int
	PeriodEnds, PolicyText string
	DaysAfterDelivery      int

	// Card disputes. The checkout and delivery addresses, and whether they
	// are the same address (only when both are recorded); the refund, set
	// only when its date and amount are recorded; Visa Compelling Evidence
	// 3.0 (nil when the order records no transactions for it).
	CheckoutAddress, DeliveryAddress        string
	AddressesMatch                          bool
	Refunded                                bool
	RefundAt, RefundAmount, RefundReference string
	CE3                                     *CE3

	exhibits map[evidence.Kind][]*evidence.Exhibit
	weighed  map[string]bool // reading sources with an exhibit
	p        *phrases
}

// labels lists the labels of the packet's exhibits of a kind.
func (f *Facts) labels(k evidence.Kind) []string {
	var out []string
	for _, e := range f.exhibits[k] {
		out = append(out, e.Label)
	}
	return out
}

// Exhibits names the exhibits of a kind ("证据 A2、A3" / "Exhibits A2 and
// A3"), or "" when there are none.
func (f *Facts) Exhibits(kind string) string { return f.exhibitsText(f.labels(evidence.Kind(kind))) }

// exhibitsText names exhibits by label, or "" for none.
func (f *Facts) exhibitsText(labels []string) string {
	switch len(labels) {
	case 0:
		return ""
	case 1:
		return f.p.T("exhibit", labels[0])
	}
	return f.p.T("exhibits", f.p.list(labels))
}

// Cite names the exhibits of a kind each with what it shows, its caption
// ("证据 B1（买家确认外包装完好）"), or "" when there are none.
func (f *Facts) Cite(kind string) string {
	var parts []string
	for _, e := range f.exhibits[evidence.Kind(kind)] {
		label := f.p.T("exhibit", e.Label)
		if e.Caption == "" {
			parts = append(parts, label)
			continue
		}
		parts = append(parts, f.p.T("exhibit_cited", map[string]string{"Exhibit": label, "Caption": e.Caption}))
	}
	return f.p.list(parts)
}

// Has reports whether the packet has an exhibit of the kind.
func (f *Facts) Has(kind string) bool { return len(f.exhibits[evidence.Kind(kind)]) > 0 }

// Weighed reports whether the weighing from source ("warehouse", "courier"
// or "reweigh") was recorded and its exhibit is in the packet.
func (f *Facts) Weighed(source string) bool { return f.weighed[source] }

var blankLines = regexp.MustCompile(`\n{3,}`)

// tidy trims trailing spaces and collapses runs of blank lines that
// template conditionals leave behind.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
