// Package scaffold writes the commented starting manifest of a new order
// folder for one dispute type: the fields that dispute needs and its
// evidence checklist, for the seller to fill in.
//
// It is the machinery of 'proofpack init', internal to the command.
package scaffold

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// fileNames suggests a file name per evidence kind; discovery classifies
// these names the same way.
var fileNames = map[evidence.Kind]string{
	evidence.ShippingLabel: "label.jpg", evidence.WarehouseWeight: "weights/warehouse.jpg",
	evidence.CourierWeight: "weights/courier.png", evidence.Reweigh: "weights/reweigh.jpg",
	evidence.LogisticsProof: "logistics.png", evidence.Chat: "chat-1.png",
	evidence.PackingPhoto: "packing.jpg", evidence.ProductPhoto: "product.jpg", evidence.BuyerPhoto: "buyer.jpg",
	evidence.CatalogProof: "catalog.png", evidence.QualityProof: "quality.jpg", evidence.Policy: "policy.png",
}

// Manifest returns the text of a new order.yaml for dispute d. The
// placeholders do not validate on purpose: 'proofpack check' lists what is
// left to fill in. files are the files already in the order folder: they
// are listed under evidence: with the kinds their names suggest (commented
// out when they suggest none), followed by the checklist's kinds still
// missing, commented out; without files, the checklist's kinds are listed
// with suggested file names. Its comments are in book's language.
func Manifest(d *templates.Dispute, book *templates.Lang, platform string, files []evidence.Found) ([]byte, error) {
	w := &templates.Words{Book: book}
	home, _ := evidence.LookupPlatform(platform)
	fallback, _ := evidence.LookupPlatform(evidence.DefaultPlatform)
	currency := cmp.Or(home.Currency, fallback.Currency)
	var b strings.Builder
	out := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	out("# %s\n", w.T("init_title", d))
	for _, l := range wrap(d.Summary, 76) {
		out("# %s\n", l)
	}
	out("#\n# %s\n", w.S("init_checklist"))
	for _, k := range d.Required {
		out("#   %-12s %s (%s)\n", w.S("init_required"), k, w.Kind(k))
	}
	for _, k := range d.Recommended {
		out("#   %-12s %s (%s)\n", w.S("init_recommended"), k, w.Kind(k))
	}
	out("#\n# %s: proofpack check .    %s: proofpack build .\n", w.S("init_check"), w.S("init_build"))
	out("# %s: proofpack schema\n\n", w.S("init_all_fields"))
	out("order_id: \"\"              # %s\n", w.S("init_order_id"))
	out("platform: %s\n", platform)
	out("dispute: %s\n", d.Name)
	out("language: %s\n", d.Language)
	out("currency: %s\n", currency)
	// Example times are in the platform's own zone, or in the zone the
	// time_zone example names: a seller who copies one keeps an offset
	// that makes sense for the shop.
	zone := cmp.Or(home.Zone, "America/New_York")
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	at := func(day, hour, min int) string {
		return time.Date(2026, 1, day, hour, min, 0, 0, loc).Format(time.RFC3339)
	}
	if home.Zone != "" {
		out("# time_zone: %s   # %s\n", zone, w.S("init_time_zone_platform"))
	} else {
		out("# time_zone: %s   # %s\n", zone, w.S("init_time_zone"))
	}
	out("shop: \"\"\n")
	out("buyer: \"\"\n")
	out("placed_at: %s   # %s\n", at(1, 10, 0), w.S("init_placed_at"))
	out("items:\n  - {sku: \"\", name: \"\", quantity: 1, unit_weight_g: 0, unit_price: 0.00}\n")
	out("shipment:\n  carrier: \"\"\n  tracking_number: \"\"\n  shipped_at: %s\n  delivered_at: %s\n", at(1, 18, 0), at(3, 9, 30))
	weights := slices.Contains(d.Sections, "weights")
	if weights {
		out("  packaging_weight_g: 0     # %s\n", w.S("init_packaging"))
		out("  warehouse_weight_g: 0     # %s\n", w.S("init_warehouse"))
		out("  courier_weight_g: 0       # %s\n", w.S("init_courier"))
		out("  # reweigh_weight_g: 0     # %s\n", w.S("init_reweigh"))
	}
	if d.Name == "changed-mind" {
		out("  # refused_at: %s              # %s\n", at(3, 9, 30), w.S("init_refused"))
		out("  # intercept_requested_at: %s  # %s\n", at(2, 9, 0), w.S("init_intercept"))
		out("  # returned_at: %s             # %s\n", at(5, 9, 0), w.S("init_returned"))
	}
	out("after_sale:\n  requested_at: %s\n  claim: \"\"                # %s\n", at(3, 12, 0), w.S("init_claim"))
	out("  # amount: 0.00\n")
	switch {
	case d.Name == "missing-item":
		out("  missing: [{sku: \"\", quantity: 1}]\n")
	case d.Name == "not-our-product":
		out("  claimed_item: \"\"         # %s\n", w.S("init_claimed_item"))
	case strings.HasPrefix(d.Name, "quality") || d.Name == "not-as-described":
		out("  defect: \"\"               # %s\n", w.S("init_defect"))
		if d.Name == "quality-buyer-damage" {
			out("  cause: \"\"                # %s\n", w.S("init_cause"))
		}
	}
	if slices.Contains([]string{"wrong-item", "quality-minor-defect", "changed-mind"}, d.Name) {
		out("  remedy:                   # %s\n", w.S("init_remedy"))
		out("    type: \"\"               # %s\n", strings.Join(evidence.RemedyTypes, " | "))
		out("    # amount: 0.00\n    # offered_at: %s\n    # accepted_at: %s\n", at(3, 13, 0), at(3, 14, 0))
		if d.Name == "wrong-item" {
			out("    # replacement_tracking: \"\"\n    # return_tracking: \"\"\n    # postage_paid_by: seller\n")
		}
	}
	if d.Name == "quality-after-period" {
		out("policy:\n  after_sales_days: 7       # %s\n  text: \"\"\n", w.S("init_after_sales_days"))
	}
	out("timeline: []               # %s\n", w.S("init_timeline"))
	out("# statement: \"\"           # %s\n", w.S("init_statement"))
	out("evidence:\n")
	checklist := append(slices.Clone(d.Required), d.Recommended...)
	var listed []evidence.Found
	for _, f := range files {
		if f.Note == "" {
			listed = append(listed, f)
		}
	}
	if len(listed) == 0 {
		for _, k := range checklist {
			out("  - {file: %s, kind: %s, caption: \"\"}\n", fileNames[k], k)
		}
		return []byte(b.String()), w.Err
	}
	out("  # %s\n", w.S("init_files"))
	have := map[evidence.Kind]bool{}
	for _, f := range listed {
		file, _ := json.Marshal(f.File) // a JSON string is a YAML double-quoted one
		if f.Kind == "" {
			out("  # - {file: %s, kind: \"\", caption: \"\"}   # %s\n", file, w.S("init_no_kind"))
			continue
		}
		have[f.Kind] = true
		out("  - {file: %s, kind: %s, caption: \"\"}\n", file, f.Kind)
	}
	for _, k := range checklist {
		if !have[k] {
			out("  # - {file: %s, kind: %s, caption: \"\"}   # %s\n", fileNames[k], k, w.T("init_still_missing", w.Kind(k)))
		}
	}
	return []byte(b.String()), w.Err
}

// wrap splits s into lines of at most width runes, at spaces when it can.
func wrap(s string, width int) []string {
	var lines []string
	r := []rune(s)
	for len(r) > width {
		cut := width
		for i := width; i > width/2; i-- {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
		lines = append(lines, strings.TrimSpace(string(r[:cut])))
		r = []rune(strings.TrimLeft(string(r[cut:]), " "))
	}
	if s := strings.TrimSpace(string(r)); s != "" {
		lines = append(lines, s)
	}
	return lines
}
