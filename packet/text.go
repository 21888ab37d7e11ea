package packet

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// phrases renders the language's fixed wording, keeping the first error.
type phrases struct {
	lang string
	book *templates.Lang
	err  error
}

// T renders the phrase key over data.
func (p *phrases) T(key string, data any) string {
	t, err := p.book.Phrase(key)
	if err == nil {
		var b bytes.Buffer
		if err = t.Execute(&b, data); err == nil {
			return b.String()
		}
	}
	if p.err == nil {
		p.err = err
	}
	return "[" + key + "]"
}

// S renders a phrase that takes no data.
func (p *phrases) S(key string) string { return p.T(key, nil) }

func (p *phrases) zh() bool { return p.lang == "zh" }

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

// when formats a time in its own zone, so the output never depends on the
// machine's time zone.
func when(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s (UTC%s%02d:%02d)", t.Format("2006-01-02 15:04"), sign, off/3600, off%3600/60)
}

func whenPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return when(*t)
}

var platformNames = map[string][2]string{
	"pinduoduo": {"拼多多", "Pinduoduo"},
	"taobao":    {"淘宝", "Taobao"},
	"douyin":    {"抖音", "Douyin"},
	"jd":        {"京东", "JD.com"},
	"wechat":    {"微信小店", "WeChat Store"},
	"stripe":    {"Stripe", "Stripe"},
	"shopify":   {"Shopify", "Shopify"},
	"paypal":    {"PayPal", "PayPal"},
	"amazon":    {"亚马逊", "Amazon"},
	"other":     {"其他平台", "Other"},
}

func (p *phrases) platform(name string) string {
	n, ok := platformNames[name]
	if !ok {
		return name
	}
	if p.zh() {
		return n[0]
	}
	return n[1]
}

func (p *phrases) kind(k evidence.Kind) string {
	ki, ok := evidence.LookupKind(k)
	if !ok {
		return string(k)
	}
	if p.zh() {
		return ki.ZH
	}
	return ki.EN
}

// list joins items the language's way.
func (p *phrases) list(items []string) string {
	if p.zh() || len(items) < 2 {
		return strings.Join(items, p.S("exhibit_list_sep"))
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Facts is what a dispute template's statement sees. Its methods take an
// evidence kind name: {{.Exhibits "shipping-label"}}.
type Facts struct {
	OrderID, Shop, Buyer, Platform, PlatformName  string
	Carrier, Tracking                             string
	PlacedAt, ShippedAt, DeliveredAt, RequestedAt string
	Items, Claim, Missing, Amount, Total          string
	WeightVerdict, WeightConclusion               string
	SellerNote                                    string

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

	exhibits map[evidence.Kind][]string
	p        *phrases
}

// Exhibits names the exhibits of a kind ("证据 A2、A3" / "Exhibits A2 and
// A3"), or "" when there are none.
func (f *Facts) Exhibits(kind string) string {
	labels := f.exhibits[evidence.Kind(kind)]
	if len(labels) == 0 {
		return ""
	}
	if f.p.zh() {
		return f.p.T("exhibit", strings.Join(labels, "、"))
	}
	if len(labels) == 1 {
		return f.p.T("exhibit", labels[0])
	}
	return "Exhibits " + f.p.list(labels)
}

// Has reports whether the packet has an exhibit of the kind.
func (f *Facts) Has(kind string) bool { return len(f.exhibits[evidence.Kind(kind)]) > 0 }

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
