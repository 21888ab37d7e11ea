package packet

import (
	"context"
	"fmt"
	"image"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/internal/waybill"
)

// labelReads is what the barcodes on the shipping-label exhibits said.
type labelReads struct {
	// matched maps a label's file to the order's number one of its codes
	// carries, and the manifest field that holds it.
	matched  map[string][2]string
	findings []Finding
}

// lines are the exhibit lines saying that e's barcode was read and matches;
// none unless it was.
func (lr labelReads) lines(p *phrases, e *evidence.Exhibit) []string {
	m, ok := lr.matched[e.File]
	if !ok {
		return nil
	}
	return []string{p.T("exhibit_barcode_read", map[string]string{"Number": m[0], "Field": p.S("barcode_field_" + m[1])})}
}

// orderNumbers maps the numbers a label of this order may carry, as
// waybill.Normalise writes them, to the manifest field of each.
func orderNumbers(m *evidence.Manifest) map[string]string {
	out := map[string]string{}
	add := func(number, field string) {
		if n := waybill.Normalise(number); n != "" {
			if _, dup := out[n]; !dup {
				out[n] = field
			}
		}
	}
	add(m.Shipment.TrackingNumber, "tracking_number")
	if r := m.AfterSale.Remedy; r != nil {
		add(r.ReturnTracking, "return_tracking")
		add(r.ReplacementTracking, "replacement_tracking")
	}
	add(m.OrderID, "order_id")
	return out
}

// readLabels reads the barcodes on every shipping-label exhibit and checks
// them against the order's numbers. A code carrying a waybill number when
// no code on the label carries one of the order's is an error (a label of
// another parcel); a label with no readable code gets a warning, and the
// packet then says nothing about its barcode.
func readLabels(ctx context.Context, c *evidence.Case, lim imagenorm.Limits) (labelReads, error) {
	lr := labelReads{matched: map[string][2]string{}}
	numbers := orderNumbers(c.Manifest)
	for _, e := range c.ByKind(evidence.ShippingLabel) {
		img, err := labelImage(ctx, c, e, lim)
		if err != nil {
			return lr, err
		}
		codes := waybill.Read(ctx, img)
		if err := ctx.Err(); err != nil {
			return lr, err
		}
		var foreign []string // the waybill numbers on the label that are not the order's, with their codes
		formats := map[string][]string{}
		for _, code := range codes {
			found := waybill.Numbers(code.Text)
			ours := false
			for _, n := range found {
				if field, ok := numbers[n]; ok {
					ours = true
					if _, done := lr.matched[e.File]; !done {
						lr.matched[e.File] = [2]string{n, field}
					}
				}
			}
			if len(found) > 0 && !ours {
				if formats[found[0]] == nil {
					foreign = append(foreign, found[0])
				}
				formats[found[0]] = append(formats[found[0]], code.Format)
			}
		}
		for i, n := range foreign {
			foreign[i] = fmt.Sprintf("%s (%s)", n, strings.Join(formats[n], ", "))
		}
		_, matched := lr.matched[e.File]
		switch {
		case len(codes) == 0:
			lr.findings = append(lr.findings, Finding{Severity: SeverityWarning, Fields: []string{"evidence"},
				Message: fmt.Sprintf("%s: no barcode could be read on the label, so the packet does not say it matches", e.File),
				Hint:    "a sharp, straight photo of the whole label lets proofpack check its barcode"})
		case !matched && len(foreign) > 0:
			want := c.Manifest.Shipment.TrackingNumber
			if want == "" {
				want = "not given"
			}
			lr.findings = append(lr.findings, Finding{Severity: SeverityError, Fields: []string{"shipment.tracking_number"},
				Message: fmt.Sprintf("%s: the label's barcode reads %s, but the order's tracking number is %s",
					e.File, strings.Join(foreign, ", "), want),
				Hint: "this looks like another parcel's label: photograph this order's label, or correct shipment.tracking_number"})
		}
	}
	return lr, nil
}

// labelBand lets a label's gray copy be a little smaller than
// waybill.MaxSide when a JPEG's scaled decode lands there (a 1000x1500
// label decodes at 7/8, 875x1313, instead of at full size and then
// resampled to 933x1400): the bars stay several pixels wide.
const labelBand = 0.9

// labelImage is exhibit e, redacted, in gray, fitted to waybill.MaxSide
// (or within labelBand of it).
func labelImage(ctx context.Context, c *evidence.Case, e *evidence.Exhibit, lim imagenorm.Limits) (image.Image, error) {
	data, err := c.ReadExhibit(e)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Dir, err)
	}
	uw, uh := e.UprightSize()
	var redact []image.Rectangle
	for _, r := range e.Redact {
		redact = append(redact, r.Pixels(uw, uh))
	}
	img, err := imagenorm.Luma(ctx, data, imagenorm.Options{
		MaxWidth: waybill.MaxSide, MaxHeight: waybill.MaxSide, BandMin: labelBand, Limits: lim, Redact: redact,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", c.Dir, e.File, err)
	}
	return img, nil
}
