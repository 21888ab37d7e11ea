package packet

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
)

// assembler lays out the sections a dispute template asks for.
type assembler struct {
	c         *evidence.Case
	m         *evidence.Manifest
	d         *templates.Dispute
	p         *phrases
	pk        *Packet
	facts     *Facts
	summary   string            // the cover's case summary
	reason    *templates.Reason // the manifest's reason code, or nil
	generated time.Time
	figs      []*figureGroup
}

func para(text string) pdf.Block    { return pdf.Block{Paragraph: &pdf.Paragraph{Text: text}} }
func heading(text string) pdf.Block { return pdf.Block{Heading: &pdf.Heading{Text: text}} }
func kv(rows ...[2]string) pdf.Block {
	var keep [][2]string
	for _, r := range rows {
		if r[1] != "" {
			keep = append(keep, r)
		}
	}
	return pdf.Block{KeyValues: &pdf.KeyValues{Rows: keep}}
}

func (a *assembler) section(name string) []pdf.Section {
	p := a.p
	switch name {
	case "cover":
		return []pdf.Section{a.cover()}
	case "statement":
		blocks := []pdf.Block{}
		for _, part := range strings.Split(a.pk.Statement, "\n\n") {
			blocks = append(blocks, para(part))
		}
		return []pdf.Section{{ID: "statement", Title: p.S("section_statement"), Blocks: blocks}}
	case "facts":
		return []pdf.Section{a.factsSection()}
	case "timeline":
		rows := sortedEvents(a.m, p)
		t := &pdf.Table{Columns: []string{p.S("timeline_time"), p.S("timeline_event")}, Widths: []float64{1, 2.2}}
		for _, r := range rows {
			t.Rows = append(t.Rows, []string{r[0], r[1]})
		}
		return []pdf.Section{{ID: "timeline", Title: p.S("section_timeline"), Continue: true, Blocks: []pdf.Block{{Table: t}}}}
	case "weights":
		return []pdf.Section{a.weights()}
	case "exhibits":
		return a.exhibits()
	case "integrity":
		return []pdf.Section{a.integrity()}
	}
	return nil
}

// cover opens the packet for the reviewer: the case in two or three
// sentences, the deciding numbers first, the order's identity, then the
// exhibits the packet has. What the seller has not provided is for the
// seller (check, build's warnings) and is not listed here.
func (a *assembler) cover() pdf.Section {
	p, m := a.p, a.m
	blocks := []pdf.Block{{Paragraph: &pdf.Paragraph{Text: a.d.Title, Large: true}}}
	if a.summary != "" {
		for _, part := range strings.Split(a.summary, "\n\n") {
			blocks = append(blocks, para(part))
		}
	}
	blocks = append(blocks, kv(
		[2]string{p.S("cover_order"), m.OrderID},
		[2]string{p.S("cover_platform"), p.Platform(m.Platform)},
		[2]string{p.S("cover_dispute"), a.d.Title},
		[2]string{p.S("cover_reason"), a.reasonLabel()},
		[2]string{p.S("cover_shop"), m.Shop},
		[2]string{p.S("cover_buyer"), m.Buyer},
		[2]string{p.S("cover_generated"), p.when(a.generated)},
	))
	if len(a.c.Exhibits) > 0 {
		t := &pdf.Table{Columns: []string{"#", p.S("exhibit_kind"), p.S("exhibit_caption")}, Widths: []float64{0.6, 1.8, 4}}
		for _, e := range a.c.Exhibits {
			t.Rows = append(t.Rows, []string{e.Label, p.Kind(e.Kind), e.Caption})
		}
		blocks = append(blocks, heading(p.S("cover_exhibits")), pdf.Block{Table: t})
	}
	return pdf.Section{ID: "cover", Title: a.d.Title, Cover: true, Blocks: blocks}
}

func (a *assembler) factsSection() pdf.Section {
	p, m := a.p, a.m
	blocks := []pdf.Block{kv(
		[2]string{p.S("facts_order_id"), m.OrderID},
		[2]string{p.S("facts_platform"), p.Platform(m.Platform)},
		[2]string{p.S("facts_shop"), m.Shop},
		[2]string{p.S("facts_buyer"), m.Buyer},
		[2]string{p.S("facts_placed"), p.whenPtr(m.PlacedAt)},
		[2]string{p.S("facts_total"), a.facts.Total},
		[2]string{p.S("facts_claim"), m.AfterSale.Claim},
		[2]string{p.S("facts_request_type"), a.facts.RequestType},
		[2]string{p.S("facts_amount"), a.facts.Amount},
		[2]string{p.S("facts_defect"), a.facts.Defect},
		[2]string{p.S("facts_cause"), a.facts.Cause},
		[2]string{p.S("facts_claimed_item"), a.facts.ClaimedItem},
	)}
	if a.facts.Remedy != "" {
		blocks = append(blocks, heading(p.S("section_remedy")), kv(
			[2]string{p.S("remedy_kind"), a.facts.Remedy},
			[2]string{p.S("remedy_amount"), a.facts.RemedyAmount},
			[2]string{p.S("remedy_offered"), a.facts.RemedyOffered},
			[2]string{p.S("remedy_accepted"), cmp.Or(a.facts.RemedyAccepted, p.S("remedy_not_accepted"))},
			[2]string{p.S("remedy_replacement_tracking"), a.facts.ReplacementTracking},
			[2]string{p.S("remedy_return_tracking"), a.facts.ReturnTracking},
			[2]string{p.S("remedy_postage"), a.facts.PostagePaidBy},
			[2]string{p.S("remedy_note"), a.facts.RemedyNote},
		))
	}
	if m.Policy != nil {
		days := ""
		if a.facts.AfterSalesDays > 0 {
			days = p.T("policy_days_value", a.facts.AfterSalesDays)
		}
		blocks = append(blocks, heading(p.S("section_policy")), kv(
			[2]string{p.S("policy_days"), days},
			[2]string{p.S("policy_ends"), a.facts.PeriodEnds},
			[2]string{p.S("policy_text"), a.facts.PolicyText},
		))
	}
	t := &pdf.Table{
		Columns: []string{p.S("items_sku"), p.S("items_name"), p.S("items_qty"), p.S("items_unit_weight"), p.S("items_unit_price"), p.S("items_subtotal")},
		Widths:  []float64{1.2, 2.6, 0.6, 1.1, 1, 1},
	}
	for _, it := range m.Items {
		uw, up, sub := "", "", ""
		if it.UnitWeightG != nil {
			uw = grams(*it.UnitWeightG)
		}
		if it.UnitPrice != nil {
			up = money(*it.UnitPrice, m.Currency)
			sub = money(*it.UnitPrice*float64(it.Quantity), m.Currency)
		}
		t.Rows = append(t.Rows, []string{it.SKU, it.Name, fmt.Sprint(it.Quantity), uw, up, sub})
	}
	blocks = append(blocks, heading(p.S("section_items")), pdf.Block{Table: t})
	s := m.Shipment
	pack := ""
	if s.PackagingWeightG != nil {
		pack = grams(*s.PackagingWeightG)
	}
	blocks = append(blocks, heading(p.S("section_shipment")), kv(
		[2]string{p.S("ship_carrier"), s.Carrier},
		[2]string{p.S("ship_tracking"), s.TrackingNumber},
		[2]string{p.S("ship_shipped"), p.whenPtr(s.ShippedAt)},
		[2]string{p.S("ship_delivered"), p.whenPtr(s.DeliveredAt)},
		[2]string{p.S("ship_packaging"), pack},
		[2]string{p.S("ship_refused"), a.facts.RefusedAt},
		[2]string{p.S("ship_intercept"), a.facts.InterceptRequestedAt},
		[2]string{p.S("ship_returned"), a.facts.ReturnedAt},
		[2]string{p.S("ship_checkout_address"), s.CheckoutAddress},
		[2]string{p.S("ship_delivery_address"), s.DeliveryAddress},
	))
	if a.facts.Refunded {
		blocks = append(blocks, heading(p.S("section_refund")), kv(
			[2]string{p.S("refund_at"), a.facts.RefundAt},
			[2]string{p.S("refund_amount"), a.facts.RefundAmount},
			[2]string{p.S("refund_reference"), a.facts.RefundReference},
		))
	}
	if a.facts.CE3 != nil {
		blocks = append(blocks, a.ce3Blocks()...)
	}
	return pdf.Section{ID: "facts", Title: p.S("section_facts"), Blocks: blocks}
}

// reasonLabel names the manifest's reason code, or "" without one.
func (a *assembler) reasonLabel() string {
	if a.reason == nil {
		return ""
	}
	return a.p.T("reason_label", a.facts.reasonData(a.reason))
}

// ce3Blocks show the disputed transaction's elements, each earlier
// transaction against it, and the verdict, which says why when the
// criteria are not met.
func (a *assembler) ce3Blocks() []pdf.Block {
	p, m, c := a.p, a.m, a.facts.CE3
	element := func(name string) string { return p.S("ce3_el_" + name) }
	disputed, at := disputedTransaction(m)
	blocks := []pdf.Block{heading(p.S("ce3_heading")), para(p.S("ce3_intro")), kv(
		[2]string{p.S("ce3_disputed_at"), strings.TrimSpace(p.whenPtr(at) + " " + disputed.Reference)},
		[2]string{capitalise(element(elemIP)), disputed.IPAddress},
		[2]string{capitalise(element(elemDevice)), disputed.DeviceID},
		[2]string{capitalise(element(elemAddress)), disputed.ShippingAddress},
		[2]string{capitalise(element(elemAccount)), disputed.CustomerAccount},
	)}
	if len(c.Priors) > 0 {
		t := &pdf.Table{
			Columns: []string{p.S("ce3_col_date"), p.S("ce3_col_days"), p.S("ce3_col_amount"), p.S("ce3_col_disputed"), p.S("ce3_col_shared"), p.S("ce3_col_counts")},
			Widths:  []float64{1.9, 0.9, 0.9, 0.8, 2.2, 0.7},
		}
		yes := func(b bool) string {
			if b {
				return p.S("ce3_yes")
			}
			return p.S("ce3_no")
		}
		for _, pr := range c.Priors {
			var shared []string
			for _, e := range pr.Shared {
				shared = append(shared, element(e))
			}
			amount := ""
			if pr.Amount != nil {
				amount = money(*pr.Amount, m.Currency)
			}
			days := ""
			if at != nil && !pr.At.IsZero() {
				days = fmt.Sprint(pr.Days)
			}
			t.Rows = append(t.Rows, []string{strings.TrimSpace(p.when(pr.At) + " " + pr.Reference), days, amount, yes(pr.Disputed), cmp.Or(p.list(shared), p.S("ce3_none_shared")), yes(pr.Qualifies)})
			mark := "warn"
			if pr.Qualifies {
				mark = "ok"
			}
			t.Marks = append(t.Marks, mark)
		}
		blocks = append(blocks, pdf.Block{Table: t})
	}
	verdict, tone := p.T("ce3_met", c), "ok"
	if !c.Met {
		verdict, tone = p.T("ce3_not_met_"+c.WhyKey, c), "warn"
	}
	return append(blocks, pdf.Block{Notice: &pdf.Notice{Tone: tone, Text: verdict}})
}

func (a *assembler) weights() pdf.Section {
	p, w := a.p, a.pk.Weights
	blocks := []pdf.Block{para(p.T("weights_intro", grams(w.Tolerance)))}
	if len(w.Lines) > 0 {
		t := &pdf.Table{
			Columns: []string{p.S("weights_line"), p.S("items_qty"), p.S("items_unit_weight"), p.S("weights_grams")},
			Widths:  []float64{3, 0.8, 1.2, 1.2},
		}
		for _, l := range w.Lines {
			t.Rows = append(t.Rows, []string{p.T("weights_line_item", l), fmt.Sprint(l.Quantity), grams(l.UnitG), grams(l.TotalG)})
		}
		t.Rows = append(t.Rows, []string{p.S("weights_packaging"), "", "", grams(w.PackagingG)})
		if w.HasExpected {
			t.Rows = append(t.Rows, []string{p.S("weights_expected"), "", "", grams(w.ExpectedG)})
		}
		if w.HasMissing {
			t.Rows = append(t.Rows, []string{p.T("weights_short", a.facts.Missing), "", "", grams(w.ShortG)})
		}
		blocks = append(blocks, pdf.Block{Table: t})
	}
	if len(w.Readings) > 0 {
		t := &pdf.Table{Columns: []string{p.S("weights_source"), p.S("weights_grams"), p.S("weights_diff"), ""}, Widths: []float64{2.2, 1, 1.6, 1.2}}
		for _, r := range w.Readings {
			diff, status, mark := "", "", ""
			if w.HasExpected {
				diff = fmt.Sprintf("%+g g", r.Diff)
				status, mark = p.S("weights_off"), "warn"
				if r.Within {
					status, mark = p.S("weights_ok"), "ok"
				}
			}
			name := p.readingName(r.Source)
			if !a.facts.Weighed(r.Source) {
				// The seller's own figure: shown, never argued from.
				name, status, mark = p.T("weights_own_record", name), "", ""
			} else {
				name = p.T("weights_reading_exhibit", map[string]string{"Reading": name, "Exhibit": a.facts.Exhibits(string(readingKind[r.Source]))})
			}
			t.Rows = append(t.Rows, []string{name, grams(r.Grams), diff, status})
			t.Marks = append(t.Marks, mark)
		}
		blocks = append(blocks, pdf.Block{Table: t})
	}
	tone := "info"
	switch a.facts.WeightVerdict {
	case VerdictSupports, VerdictConsistent:
		tone = "ok"
	case VerdictContradicts, VerdictDisagree:
		tone = "warn"
	}
	blocks = append(blocks, pdf.Block{Notice: &pdf.Notice{Tone: tone, Text: a.facts.WeightConclusion}})
	return pdf.Section{ID: "weights", Title: p.S("section_weights"), Continue: true, Blocks: blocks}
}

var readingKind = map[string]evidence.Kind{"warehouse": evidence.WarehouseWeight, "courier": evidence.CourierWeight, "reweigh": evidence.Reweigh}

func (a *assembler) exhibits() []pdf.Section {
	p := a.p
	idx := &pdf.Table{
		Columns: []string{"#", p.S("exhibit_kind"), p.S("exhibit_caption"), p.S("exhibit_file")},
		Widths:  []float64{0.6, 1.6, 2.4, 1.8},
	}
	for _, e := range a.c.Exhibits {
		idx.Rows = append(idx.Rows, []string{e.Label, p.Kind(e.Kind), e.Caption, e.File})
	}
	out := []pdf.Section{{ID: "exhibits", Title: p.S("section_exhibits"), Continue: true, Blocks: []pdf.Block{para(p.S("exhibits_intro")), {Table: idx}}}}
	last := map[*evidence.Exhibit]int{} // the last group showing each exhibit (a long screenshot spans several)
	for i, g := range a.figs {
		for _, e := range g.exhibits {
			last[e] = i
		}
	}
	for i, g := range a.figs {
		var labels []string
		for _, f := range g.figures {
			labels = append(labels, f.Label)
		}
		title := strings.Join(labels, " / ")
		if len(g.figures) == 1 {
			title += " " + g.figures[0].Caption
		}
		items := slices.Clone(g.figures)
		// The seller's translation of an exhibit's text goes under its
		// image (the last slice of a long screenshot), marked as the
		// seller's.
		for j := range items {
			e := g.exhibits[min(j, len(g.exhibits)-1)]
			if e.Translation != "" && last[e] == i && (len(g.exhibits) > 1 || j == len(items)-1) {
				items[j].Note = p.T("exhibit_translation", map[string]string{"Exhibit": p.T("exhibit", e.Label), "Text": e.Translation})
			}
		}
		out = append(out, pdf.Section{
			ID: "exhibit-" + g.exhibits[0].Label, Title: title, Level: 1, Untitled: true,
			Blocks: []pdf.Block{{Figures: &pdf.Figures{Items: items}}},
		})
	}
	return out
}

func (a *assembler) integrity() pdf.Section {
	p := a.p
	t := &pdf.Table{
		Columns: []string{"#", p.S("exhibit_file"), p.S("integrity_bytes"), p.S("integrity_dims"), "SHA-256"},
		Widths:  []float64{0.5, 1.6, 0.8, 0.9, 3.4},
		Small:   true,
	}
	for _, e := range a.c.Exhibits {
		t.Rows = append(t.Rows, []string{e.Label, e.File, fmt.Sprint(e.Size), fmt.Sprintf("%d×%d", e.Image.Width, e.Image.Height), e.SHA256})
	}
	return pdf.Section{ID: "integrity", Title: p.S("section_integrity"), Blocks: []pdf.Block{para(p.S("integrity_intro")), {Table: t}}}
}
