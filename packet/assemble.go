package packet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/internal/units"
	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
)

// DefaultDPI is the resolution exhibit images are sized for.
const DefaultDPI = 200

// Options shape one packet.
type Options struct {
	Templates       *templates.Set // required
	Lang            string         // a phrase book's language; "" means the manifest's, then evidence.DefaultLanguage
	Paper           string         // "a4" (default) or "letter"
	DPI             int            // 0 means DefaultDPI
	JPEGQuality     int            // 0 means imagenorm's default
	AllowIncomplete bool           // render even when required evidence is missing
	// GeneratedAt is the generation time (printed, and the PDF's dates)
	// when the manifest sets no generated_at, typically SOURCE_DATE_EPOCH.
	// When both are absent the manifest's newest date is used, so the same
	// inputs always give the same bytes.
	GeneratedAt time.Time
	Workers     int // images normalised at once; 0 means GOMAXPROCS
	Limits      imagenorm.Limits
	// Profile is the portal's limits; nil means the platform's default
	// profile from Templates.
	Profile *templates.Profile
	// PreviewBox, when set, has Result.Previews carry each exhibit image's
	// pixels fitted to this box, made while they are in memory, for a
	// review page's thumbnails.
	PreviewBox image.Point
	// ExportImages has Result.Exports carry each exhibit image as a file
	// for the portal, within the profile's per-image cap.
	ExportImages bool

	skipConsistency bool // Check reports findings itself
	labels          labelReads
}

// Packet is an assembled, not yet rendered, evidence packet.
type Packet struct {
	Doc       *pdf.Document
	Statement string // the rendered statement, as the PDF shows it
	// PortalStatement is the statement for the portal's text box: the
	// template's short statement when the full one is over the limit.
	PortalStatement string
	// StatementLimit is the dispute template's character limit (0: none).
	StatementLimit int
	Missing        []evidence.Kind // required kinds without an exhibit
	Weights        *Weights
	Warnings       []string  // consistency warnings
	Errors         []Finding // consistency errors (Assemble fails on any)

	images  []exhibitImage // embedded bytes per exhibit, for budget advice
	exports []exportImage  // the exhibit images as files, for --images-out
}

// exhibitImage is how many bytes an exhibit's images take in the packet.
type exhibitImage struct {
	label string
	kind  evidence.Kind
	bytes int64
}

// ContradictionError reports facts in the manifest that contradict each
// other; a packet built on them would lose the dispute.
type ContradictionError struct {
	Dir      string
	Findings []Finding
}

func (e *ContradictionError) Error() string {
	lines := []string{fmt.Sprintf("%s: the manifest contradicts itself; fix these before building (proofpack check lists everything):", e.Dir)}
	for _, f := range e.Findings {
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}

// IncompleteError reports required evidence that is missing.
type IncompleteError struct {
	Dir     string
	Dispute string
	Missing []string // kind (name)
}

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("%s: a %s packet needs evidence that is not there: %s (add the files and list them under evidence:, or build it incomplete: the packet then shows only the evidence it has)",
		e.Dir, e.Dispute, strings.Join(e.Missing, ", "))
}

// prepared is an order with its template, before any image is touched.
type prepared struct {
	d     *templates.Dispute
	p     *phrases
	facts *Facts
	pk    *Packet
	// checklist is the evidence checklist, for check and build's warnings.
	checklist []KindStatus
	summary   string            // the cover's case summary
	reason    *templates.Reason // the manifest's reason code, or nil
}

// prepare picks the template, checks consistency and evidence, reconciles
// the weights and renders the statement: everything but the images.
func prepare(c *evidence.Case, opt Options) (*prepared, error) {
	m := c.Manifest
	lang := cmp.Or(opt.Lang, m.Language, evidence.DefaultLanguage)
	if opt.Templates == nil {
		return nil, errors.New("packet: no templates given")
	}
	book, err := opt.Templates.Lang(lang)
	if err != nil {
		if opt.Lang == "" && m.Language != "" {
			return nil, fmt.Errorf("%s: language: %w", c.Dir, err)
		}
		return nil, err
	}
	d, err := opt.Templates.Dispute(m.Dispute, lang)
	if err != nil {
		return nil, fmt.Errorf("%s: dispute: %w", c.Dir, err)
	}
	reason, err := reasonOf(m, opt.Templates)
	if err != nil {
		return nil, err
	}
	p := &phrases{Words: templates.Words{Book: book}, loc: m.Location(), own: evidence.PlatformZone(m.Platform)}
	pk := &Packet{StatementLimit: d.StatementLimit}
	if prof := opt.profile(m.Platform); prof != nil && prof.StatementChars > 0 && (pk.StatementLimit == 0 || prof.StatementChars < pk.StatementLimit) {
		pk.StatementLimit = prof.StatementChars
	}
	var findings []Finding
	if !opt.skipConsistency {
		findings = append(Consistency(m, d), opt.labels.findings...)
	}
	for _, f := range findings {
		if f.Severity == SeverityError {
			pk.Errors = append(pk.Errors, f)
		} else {
			pk.Warnings = append(pk.Warnings, f.String())
		}
	}
	if len(pk.Errors) > 0 {
		return nil, &ContradictionError{Dir: c.Dir, Findings: pk.Errors}
	}
	list := checklist(c, d, p)
	for _, ks := range list {
		if ks.Need == NeedRequired && ks.Missing() {
			pk.Missing = append(pk.Missing, ks.Kind)
		}
	}
	if len(pk.Missing) > 0 && !opt.AllowIncomplete {
		e := &IncompleteError{Dir: c.Dir, Dispute: d.Name}
		for _, k := range pk.Missing {
			e.Missing = append(e.Missing, fmt.Sprintf("%s (%s)", k, p.Kind(k)))
		}
		return nil, e
	}
	pk.Weights = Reconcile(m)
	facts := newFacts(c, p, pk.Weights)
	statement, err := d.StatementTemplate().Execute(facts)
	if err != nil {
		return nil, fmt.Errorf("%s: statement: %w", d.Source, err)
	}
	statement = tidy(statement)
	if reason != nil {
		statement = withReason(statement, facts.reasonParagraph(reason))
	}
	pk.Statement = withNote(statement, m.Statement, p)
	pk.PortalStatement = pk.Statement
	if short := d.ShortStatementTemplate(); short != nil && pk.StatementLimit > 0 && utf8.RuneCountInString(pk.Statement) > pk.StatementLimit {
		short, err := short.Execute(facts)
		if err != nil {
			return nil, fmt.Errorf("%s: short_statement: %w", d.Source, err)
		}
		pk.PortalStatement = tidy(short)
	}
	var summary string
	if t := d.CaseSummaryTemplate(); t != nil {
		s, err := t.Execute(facts)
		if err != nil {
			return nil, fmt.Errorf("%s: case_summary: %w", d.Source, err)
		}
		summary = tidy(s)
	}
	if p.Err != nil {
		return nil, fmt.Errorf("templates: %w", p.Err)
	}
	return &prepared{d: d, p: p, facts: facts, pk: pk, checklist: list, summary: summary, reason: reason}, nil
}

// withNote puts the seller's own note before the statement's closing
// paragraph, the request, so that the statement ends asking.
func withNote(statement, note string, p *phrases) string {
	note = strings.TrimSpace(note)
	if note == "" {
		return statement
	}
	paras := strings.Split(statement, "\n\n")
	at := len(paras) - 1 // before the closing paragraph
	if at < 1 {
		at = len(paras)
	}
	paras = slices.Insert(paras, at, p.T("seller_note", note))
	return strings.Join(paras, "\n\n")
}

// Assemble builds the document for one loaded order, at the profile's full
// resolution (Render shrinks it when it must fit a budget).
func Assemble(ctx context.Context, c *evidence.Case, opt Options) (*Packet, error) {
	return assemble(ctx, c, opt, ladder(opt)[0], nil)
}

func assemble(ctx context.Context, c *evidence.Case, opt Options, q step, cache *imageCache) (*Packet, error) {
	pr, err := prepare(c, opt)
	if err != nil {
		return nil, err
	}
	m, d, p, facts, pk := c.Manifest, pr.d, pr.p, pr.facts, pr.pk
	var generated time.Time
	if m.GeneratedAt != nil {
		generated = *m.GeneratedAt
	} else {
		generated = opt.GeneratedAt
	}
	if generated.IsZero() {
		generated = m.Latest()
	}
	if generated.IsZero() {
		generated = time.Unix(0, 0).UTC()
	}
	figs, err := figures(ctx, c, p, opt, q, cache)
	if err != nil {
		return nil, err
	}
	for _, g := range figs {
		for i, f := range g.figures {
			e := g.exhibits[min(i, len(g.exhibits)-1)]
			name := e.Label
			if g.slices != nil {
				// Named by place, not by the label's wording, which
				// a phrase book may change entirely.
				name += "-" + g.slices[i]
			}
			ex := exportImage{name: name, image: f.Image, src: g.sources[i]}
			if i < len(g.previews) {
				ex.preview = g.previews[i]
			}
			pk.exports = append(pk.exports, ex)
		}
		for i, e := range g.exhibits {
			im := exhibitImage{label: e.Label, kind: e.Kind}
			if len(g.exhibits) == 1 {
				for _, f := range g.figures { // a scroll capture's slices
					im.bytes += int64(len(f.Image.Data))
				}
			} else {
				im.bytes = int64(len(g.figures[i].Image.Data))
			}
			pk.images = append(pk.images, im)
		}
	}
	a := &assembler{c: c, m: m, d: d, p: p, pk: pk, facts: facts, summary: pr.summary, reason: pr.reason, generated: generated, figs: figs}
	doc := &pdf.Document{
		Meta: pdf.Meta{
			Title:    d.Title + " " + m.OrderID,
			Subject:  p.T("subject", facts),
			Author:   m.Shop,
			Keywords: strings.Join([]string{m.OrderID, m.Shipment.TrackingNumber, d.Name}, " "),
			Language: p.S("language_tag"),
			Created:  generated,
		},
		Paper:  opt.Paper,
		Header: p.T("header", facts),
		Footer: p.S("footer"),
	}
	for _, name := range d.Sections {
		doc.Sections = append(doc.Sections, a.section(name)...)
	}
	if p.Err != nil {
		return nil, fmt.Errorf("templates: %w", p.Err)
	}
	pk.Doc = doc
	return pk, nil
}

func newFacts(c *evidence.Case, p *phrases, w *Weights) *Facts {
	m := c.Manifest
	f := &Facts{
		OrderID: m.OrderID, Shop: m.Shop, Buyer: m.Buyer, Platform: m.Platform,
		PlatformName: p.Platform(m.Platform),
		Carrier:      m.Shipment.Carrier, Tracking: m.Shipment.TrackingNumber,
		PlacedAt: p.whenPtr(m.PlacedAt), ShippedAt: p.whenPtr(m.Shipment.ShippedAt),
		DeliveredAt: p.whenPtr(m.Shipment.DeliveredAt), RequestedAt: p.whenPtr(m.AfterSale.RequestedAt),
		Claim: m.AfterSale.Claim, SellerNote: m.Statement,
		exhibits: map[evidence.Kind][]*evidence.Exhibit{}, weighed: map[string]bool{}, p: p,
	}
	var items []string
	total, priced := 0.0, true
	for _, it := range m.Items {
		items = append(items, p.item(it.Name, it.Quantity))
		if it.UnitPrice == nil {
			priced = false
		} else {
			total += float64(it.Quantity) * *it.UnitPrice
		}
	}
	f.Items = p.list(items)
	if priced && len(m.Items) > 0 {
		f.Total = money(total, m.Currency)
	}
	f.Missing = p.missingText(m)
	if m.AfterSale.Amount != nil {
		f.Amount = money(*m.AfterSale.Amount, m.Currency)
	}
	for _, e := range c.Exhibits {
		f.exhibits[e.Kind] = append(f.exhibits[e.Kind], e)
	}
	if w.HasExpected {
		f.ExpectedWeight = grams(w.ExpectedG)
	}
	if w.HasMissing {
		f.ShortWeight, f.MissingWeight = grams(w.ShortG), grams(w.MissingG)
	}
	shown := f.evidenced(w)
	for _, r := range shown.Readings {
		f.weighed[r.Source] = true
	}
	f.WeightVerdict = shown.Verdict
	f.WeightConclusion = f.weightConclusion(shown, len(w.Readings) > len(shown.Readings))
	a := m.AfterSale
	f.Defect, f.Cause, f.ClaimedItem = a.Defect, a.Cause, a.ClaimedItem
	if a.Type != "" {
		f.RequestType = p.S("request_" + a.Type)
	}
	if r := a.Remedy; r != nil {
		f.RemedyType, f.Remedy = r.Type, p.S("remedy_"+r.Type)
		if r.Amount != nil {
			f.RemedyAmount = money(*r.Amount, m.Currency)
		}
		f.RemedyOffered, f.RemedyAccepted = p.whenPtr(r.OfferedAt), p.whenPtr(r.AcceptedAt)
		f.ReplacementTracking, f.ReturnTracking, f.RemedyNote = r.ReplacementTracking, r.ReturnTracking, r.Note
		if r.PostagePaidBy != "" {
			f.PostagePaidBy = p.S("paid_by_" + r.PostagePaidBy)
		}
	}
	s := m.Shipment
	f.RefusedAt, f.InterceptRequestedAt, f.ReturnedAt = p.whenPtr(s.RefusedAt), p.whenPtr(s.InterceptRequestedAt), p.whenPtr(s.ReturnedAt)
	f.DaysAfterDelivery = -1
	if s.DeliveredAt != nil && a.RequestedAt != nil {
		f.DaysAfterDelivery = daysBetween(*s.DeliveredAt, *a.RequestedAt)
	}
	if m.Policy != nil {
		f.PolicyText = m.Policy.Text
		if m.Policy.AfterSalesDays != nil {
			f.AfterSalesDays = *m.Policy.AfterSalesDays
		}
	}
	if end, ok := PeriodEnd(m); ok {
		f.PeriodEnds = p.when(end)
	}
	f.CheckoutAddress, f.DeliveryAddress = s.CheckoutAddress, s.DeliveryAddress
	f.AddressesMatch = sameAddress(s.CheckoutAddress, s.DeliveryAddress)
	if r := a.Refund; r.Recorded() {
		f.Refunded, f.RefundAt, f.RefundAmount, f.RefundReference = true, p.when(*r.At), money(*r.Amount, m.Currency), r.Reference
	}
	f.CE3 = EvaluateCE3(m)
	return f
}

// item names an order line with its quantity the language's way.
func (p *phrases) item(name string, qty int) string {
	return p.T("item", map[string]any{"Name": name, "Quantity": qty})
}

// missingText names the items the buyer says were missing.
func (p *phrases) missingText(m *evidence.Manifest) string {
	names := map[string]string{}
	for _, it := range m.Items {
		names[it.SKU] = it.Name
	}
	var parts []string
	for _, ms := range m.AfterSale.Missing {
		parts = append(parts, p.item(cmp.Or(names[ms.SKU], ms.SKU), ms.Quantity))
	}
	return p.list(parts)
}

// weightData is what the weights_* phrases see.
type weightData struct {
	MissingText, MissingWeight, ShortWeight, ExpectedWeight string
	ReadingsText, Tolerance, Spread                         string
}

func (p *phrases) readingName(src string) string { return p.S("reading_" + src) }

// evidenced is the reconciliation over the readings whose exhibit is in the
// packet. A figure without one is the seller's own record: the weight
// table shows it as such, but nothing is concluded from it.
func (f *Facts) evidenced(w *Weights) *Weights {
	shown := *w
	shown.Readings, shown.Spread = nil, 0
	for _, r := range w.Readings {
		if f.Has(string(readingKind[r.Source])) {
			shown.Readings = append(shown.Readings, r)
		}
	}
	shown.Verdict = shown.verdict()
	return &shown
}

// weightConclusion says what the shown readings establish, each citing its
// exhibit; unshown tells that some recorded readings have no exhibit.
func (f *Facts) weightConclusion(w *Weights, unshown bool) string {
	p := f.p
	var rs []string
	for _, r := range w.Readings {
		rs = append(rs, p.T("reading_text", map[string]string{"Source": p.S("said_" + r.Source), "Weight": grams(r.Grams), "Exhibit": f.Exhibits(string(readingKind[r.Source]))}))
	}
	d := weightData{
		MissingText: f.Missing, MissingWeight: grams(w.MissingG), ShortWeight: grams(w.ShortG),
		ExpectedWeight: grams(w.ExpectedG), ReadingsText: strings.Join(rs, p.S("readings_join")),
		Tolerance: grams(w.Tolerance), Spread: grams(w.Spread),
	}
	key := map[string]string{
		VerdictSupports: "weights_supports", VerdictContradicts: "weights_contradicts",
		VerdictDisagree: "weights_disagree", VerdictInconclusive: "weights_inconclusive",
		VerdictConsistent: "weights_consistent", VerdictAgreeOnly: "weights_agree_only", VerdictNone: "weights_none",
	}[w.Verdict]
	if w.Verdict == VerdictInconclusive && w.HasMissing && w.MissingG <= w.Tolerance {
		key = "weights_too_light"
	}
	if w.Verdict == VerdictNone && unshown {
		key = "weights_none_shown"
	}
	return p.T(key, d)
}

func exhibitLines(p *phrases, e *evidence.Exhibit) []string {
	if e.Video != nil {
		return videoLines(p, e)
	}
	lines := []string{
		p.T("exhibit_source", e.File),
		p.T("exhibit_sha", e.SHA256),
		p.T("exhibit_dims", map[string]any{"Width": e.Image.Width, "Height": e.Image.Height, "Format": strings.ToUpper(e.Image.Format), "Size": units.Size(e.Size)}),
	}
	if !e.Image.CapturedAt.IsZero() {
		lines = append(lines, p.T("exhibit_captured", e.Image.CapturedAt.Format("2006-01-02 15:04:05")))
	}
	if e.Image.Frames > 1 {
		lines = append(lines, p.T("exhibit_first_frame", e.Image.Frames))
	}
	return lines
}

// sortedEvents returns the timeline: manifest dates and listed events,
// oldest first; events at the same time keep their order.
func sortedEvents(m *evidence.Manifest, p *phrases) [][2]string {
	type ev struct {
		at   time.Time
		text string
	}
	var evs []ev
	for _, d := range m.Dates() {
		evs = append(evs, ev{d.At, eventText(m, p, d)})
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
	rows := make([][2]string, len(evs))
	for i, e := range evs {
		rows[i] = [2]string{p.when(e.at), e.text}
	}
	return rows
}

// eventText says what happened at one of the manifest's dates.
func eventText(m *evidence.Manifest, p *phrases, d evidence.Date) string {
	switch d.Field {
	case "placed_at":
		return p.S("event_placed")
	case "shipment.shipped_at":
		return p.T("event_shipped", strings.TrimSpace(m.Shipment.Carrier+" "+m.Shipment.TrackingNumber))
	case "shipment.delivered_at":
		return p.S("event_delivered")
	case "after_sale.requested_at":
		return p.T("event_requested", m.AfterSale.Claim)
	case "shipment.refused_at":
		return p.S("event_refused")
	case "shipment.intercept_requested_at":
		return p.S("event_intercept")
	case "shipment.returned_at":
		return p.S("event_returned")
	case "after_sale.remedy.offered_at":
		return p.T("event_remedy_offered", p.S("remedy_"+m.AfterSale.Remedy.Type))
	case "after_sale.remedy.accepted_at":
		return p.T("event_remedy_accepted", p.S("remedy_"+m.AfterSale.Remedy.Type))
	case "after_sale.refund.at":
		r := m.AfterSale.Refund
		amount := ""
		if r.Amount != nil {
			amount = money(*r.Amount, m.Currency)
		}
		return p.T("event_refund", map[string]string{"Amount": amount, "Reference": r.Reference})
	}
	return m.Timeline[d.Event].Event
}
