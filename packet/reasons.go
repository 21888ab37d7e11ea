package packet

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// reasonOf looks up the manifest's reason_code in the table; a code the
// table does not know is a manifest error at the field, with the known
// codes as the hint. No reason_code gives nil, nil.
func reasonOf(m *evidence.Manifest, set *templates.Set) (*templates.Reason, error) {
	rc := m.ReasonCode
	if rc == nil || set == nil || set.Reasons() == nil {
		return nil, nil
	}
	r, lerr := set.Reasons().Lookup(rc.Network, rc.Code)
	if lerr != nil {
		return nil, &evidence.ManifestError{Problems: []*evidence.FieldError{m.FieldError("reason_code."+lerr.Field, lerr.Problem, lerr.Hint)}}
	}
	return r, nil
}

// point is one of a reason code's requirements as this order answers it.
type point struct {
	req    templates.Requirement
	answer string // "" when nothing in the packet shows it
}

// reasonPoints answers each of the code's requirements from the packet's
// exhibits and the order's recorded facts.
func (f *Facts) reasonPoints(r *templates.Reason) []point {
	var out []point
	for _, req := range r.Requires {
		var labels, facts []string
		for _, by := range req.MetBy {
			if fact, ok := f.reasonFact(by); ok {
				if fact != "" {
					facts = append(facts, fact)
				}
				continue
			}
			labels = append(labels, f.labels(evidence.Kind(by))...)
		}
		parts := facts
		slices.Sort(labels) // in the packet's order, whatever the table's
		if len(labels) > 0 {
			parts = append(parts, f.exhibitsText(labels))
		}
		out = append(out, point{req: req, answer: strings.Join(parts, f.p.S("readings_join"))})
	}
	return out
}

// reasonFact answers a met_by fact ("" when the order does not show it);
// ok is false when name is an evidence kind, not a fact.
func (f *Facts) reasonFact(name string) (answer string, ok bool) {
	switch name {
	case "address-match":
		// Said only with the exhibits behind both addresses: the
		// receipt and the carrier's record.
		var delivery []string
		for _, k := range []evidence.Kind{evidence.LogisticsProof, evidence.DeliveryPhoto} {
			delivery = append(delivery, f.labels(k)...)
		}
		if !f.AddressesMatch || len(delivery) == 0 || !f.Has(string(evidence.OrderReceipt)) {
			return "", true
		}
		return f.p.T("reason_fact_address_match", map[string]string{
			"Address": f.DeliveryAddress, "Delivery": f.exhibitsText(delivery), "Receipt": f.Exhibits(string(evidence.OrderReceipt))}), true
	case "refund":
		if !f.Refunded {
			return "", true
		}
		return f.p.T("reason_fact_refund", f), true
	case "ce3":
		if f.CE3 == nil || !f.CE3.Met {
			return "", true
		}
		return f.p.T("reason_fact_ce3", f.CE3), true
	}
	return "", false
}

// reasonParagraph names the dispute's network, code and name and answers
// its requirements point by point; a point nothing in the packet shows is
// left out (check lists it for the seller).
func (f *Facts) reasonParagraph(r *templates.Reason) string {
	data := f.reasonData(r)
	lines := []string{f.p.T("reason_intro", data)}
	n := 0
	for _, pt := range f.reasonPoints(r) {
		if pt.answer == "" {
			continue
		}
		n++
		lines = append(lines, f.p.T("reason_point", map[string]any{"N": n, "Text": capitalise(r.In(pt.req.Text, f.p.Book.Language)), "Answer": pt.answer}))
	}
	if n > 0 {
		lines[0] += " " + f.p.T("reason_asks", data)
	}
	return strings.Join(lines, "\n")
}

// reasonData is what the reason_* phrases see.
func (f *Facts) reasonData(r *templates.Reason) map[string]string {
	return map[string]string{"Network": r.Network.Name, "Code": r.Code, "Name": r.In(r.Name, f.p.Book.Language)}
}

// capitalise upper-cases the first letter (a no-op in Chinese).
func capitalise(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}

// withReason puts the reason code's paragraph after the statement's
// salutation, its first paragraph.
func withReason(statement, reason string) string {
	if reason == "" {
		return statement
	}
	paras := strings.Split(statement, "\n\n")
	paras = slices.Insert(paras, min(1, len(paras)), reason)
	return strings.Join(paras, "\n\n")
}

// reasonFindings say what the reason code still needs, for check: each
// requirement nothing in the packet shows, and a code the order's dispute
// type does not answer.
func reasonFindings(m *evidence.Manifest, r *templates.Reason, f *Facts) []Finding {
	var fs []Finding
	label := fmt.Sprintf("%s (%s)", r.Label(), r.In(r.Name, ""))
	if !slices.Contains(r.Disputes, m.Dispute) {
		fs = append(fs, Finding{Severity: SeverityWarning, Fields: []string{"reason_code", "dispute"},
			Message: fmt.Sprintf("%s is answered by the dispute type %s, but this order's dispute is %s", label, strings.Join(r.Disputes, " or "), m.Dispute),
			Hint:    "check the reason code on the dispute notice, or change dispute:"})
	}
	for _, pt := range f.reasonPoints(r) {
		if pt.answer != "" {
			continue
		}
		var how []string
		for _, by := range pt.req.MetBy {
			how = append(how, reasonHints[by])
			if reasonHints[by] == "" {
				how[len(how)-1] = "a " + by + " exhibit"
			}
		}
		fs = append(fs, Finding{Severity: SeverityWarning, Fields: []string{"reason_code"},
			Message: fmt.Sprintf("%s still needs %s", label, r.In(pt.req.Text, "")),
			Hint:    "add " + strings.Join(how, ", or ")})
	}
	return fs
}

// reasonHints say how to meet a requirement by a fact.
var reasonHints = map[string]string{
	"address-match": "shipment.checkout_address and shipment.delivery_address (the same address), with an order-receipt exhibit and the carrier's logistics-proof or delivery-photo",
	"refund":        "after_sale.refund: {at, amount, reference}",
	"ce3":           "transaction: and prior_transactions: that meet Visa Compelling Evidence 3.0",
}

var addressNoise = regexp.MustCompile(`[\p{P}\p{S}\s]+`)

// sameAddress compares two addresses as a reader would: case, spacing and
// punctuation do not matter ("310 Pine St., Seattle" is "310 pine st seattle").
func sameAddress(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimSpace(addressNoise.ReplaceAllString(strings.ToLower(s), " "))
	}
	return norm(a) != "" && norm(a) == norm(b)
}

// refundClaim finds a statement that a refund was issued, in English or
// Chinese.
var refundClaim = regexp.MustCompile(`(?i)\brefund(?:ed)?\b[^.。]*\b(?:issued|processed|sent|completed|paid)\b|\b(?:issued|processed|sent|paid)\b[^.。]*\brefund\b|\brefunded\b|已退款|退款已|已全额退款|已办理退款`)

// cardFindings are check's findings about card-dispute facts: a refund the
// seller's words say was issued with nothing to show it, and addresses
// that differ.
func cardFindings(c *evidence.Case, f *Facts) []Finding {
	m := c.Manifest
	var fs []Finding
	if !f.Refunded && len(c.ByKind(evidence.RefundProof)) == 0 {
		texts := map[string]string{"statement": m.Statement}
		if r := m.AfterSale.Remedy; r != nil {
			texts["after_sale.remedy.note"] = r.Note
		}
		for i, ev := range m.Timeline {
			texts[fmt.Sprintf("timeline[%d].event", i)] = ev.Event
		}
		var fields []string
		for field, t := range texts {
			if refundClaim.MatchString(t) {
				fields = append(fields, field)
			}
		}
		slices.Sort(fields)
		if len(fields) > 0 {
			fs = append(fs, Finding{Severity: SeverityWarning, Fields: fields,
				Message: "says a refund was issued, but nothing shows it: an issuer will not take the seller's word for it",
				Hint:    "add a refund-proof exhibit (the processor's refund record), or record after_sale.refund: {at, amount, reference} with the acquirer reference number"})
		}
	}
	if r := m.AfterSale.Refund; r != nil && !r.Recorded() {
		fs = append(fs, Finding{Severity: SeverityWarning, Fields: []string{"after_sale.refund"},
			Message: "the refund needs both its date (at) and its amount before the packet states it",
			Hint:    "add the missing at: or amount:"})
	}
	s := m.Shipment
	if s.CheckoutAddress != "" && s.DeliveryAddress != "" && !f.AddressesMatch {
		fs = append(fs, Finding{Severity: SeverityWarning, Fields: []string{"shipment.checkout_address", "shipment.delivery_address"},
			Message: fmt.Sprintf("the carrier's delivery address %q is not the checkout address %q, so the packet does not say they match", s.DeliveryAddress, s.CheckoutAddress),
			Hint:    "check both addresses as the receipt and the carrier show them"})
	}
	return fs
}

// translationFindings warn of exhibits whose text is in another language
// than the packet's (marked by language:, or said so by the caption) and
// that carry no translation: the reviewer cannot read them.
func translationFindings(m *evidence.Manifest, lang string, set *templates.Set) []Finding {
	// Each phrase book may say how a caption names its language
	// (language_in_caption, a regular expression: "in Chinese", "中文").
	type captioned struct {
		lang string
		re   *regexp.Regexp
	}
	var captionLanguages []captioned
	for _, l := range set.Languages() {
		book, err := set.Lang(l)
		if err != nil || !book.Has("language_in_caption") {
			continue
		}
		if pattern, err := book.Say("language_in_caption", nil); err == nil {
			if re, err := regexp.Compile(pattern); err == nil {
				captionLanguages = append(captionLanguages, captioned{l, re})
			}
		}
	}
	var fs []Finding
	for i, e := range m.Evidence {
		if e.Translation != "" {
			continue
		}
		in := e.Language
		for _, c := range captionLanguages {
			if in == "" && c.re.MatchString(e.Caption) {
				in = c.lang
			}
		}
		if in == "" || in == lang {
			continue
		}
		fs = append(fs, Finding{Severity: SeverityWarning, Fields: []string{fmt.Sprintf("evidence[%d].translation", i)},
			Message: fmt.Sprintf("%s is in %s and the packet in %s, with no translation: the reviewer may not read it", e.File, in, lang),
			Hint:    "add translation: with its text in the packet's language; it prints under the exhibit as the seller's translation"})
	}
	return fs
}
