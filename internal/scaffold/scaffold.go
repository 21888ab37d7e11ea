// Package scaffold writes the commented starting manifest of a new order
// folder for one dispute type: the fields that dispute needs and its
// evidence checklist, for the seller to fill in.
//
// It is the machinery of 'proofpack init', internal to the command.
package scaffold

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

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

var currencies = map[string]string{"stripe": "USD", "shopify": "USD", "paypal": "USD", "amazon": "USD"}

// Manifest returns the text of a new order.yaml for dispute d. The
// placeholders do not validate on purpose: 'proofpack check' lists what is
// left to fill in. files are the files already in the order folder: they
// are listed under evidence: with the kinds their names suggest (commented
// out when they suggest none), followed by the checklist's kinds still
// missing, commented out; without files, the checklist's kinds are listed
// with suggested file names.
func Manifest(d *templates.Dispute, platform string, files []evidence.Found) []byte {
	zh := d.Language == "zh"
	t := func(z, e string) string {
		if zh {
			return z
		}
		return e
	}
	kindName := func(k evidence.Kind) string {
		ki, _ := evidence.LookupKind(k)
		return t(ki.ZH, ki.EN)
	}
	currency := currencies[platform]
	if currency == "" {
		currency = "CNY"
	}
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# proofpack order manifest: %s (%s)\n", d.Title, d.Name)
	for _, l := range wrap(d.Summary, 76) {
		w("# %s\n", l)
	}
	w("#\n# %s\n", t("证据清单（把文件放进本文件夹，并在下方 evidence: 中列出）：", "Evidence checklist (put the files in this folder and list them under evidence:):"))
	for _, k := range d.Required {
		w("#   %-12s %s (%s)\n", t("必需", "required"), k, kindName(k))
	}
	for _, k := range d.Recommended {
		w("#   %-12s %s (%s)\n", t("建议", "recommended"), k, kindName(k))
	}
	w("#\n# %s: proofpack check .    %s: proofpack build .\n", t("检查", "Check"), t("生成", "Build"))
	w("# %s: proofpack schema\n\n", t("字段说明", "All fields"))
	w("order_id: \"\"              # %s\n", t("平台订单号", "the platform's order number"))
	w("platform: %s\n", platform)
	w("dispute: %s\n", d.Name)
	w("language: %s\n", d.Language)
	w("currency: %s\n", currency)
	if zone := evidence.PlatformZone(platform); zone != "" {
		w("# time_zone: %s   # %s\n", zone, t("订单时间所用时区（默认即平台时区）", "the zone the order's times are shown in (the platform's own by default)"))
	} else {
		w("# time_zone: America/New_York   # %s\n", t("订单时间所用时区（IANA 名称）", "the zone the order's times are shown in (an IANA name)"))
	}
	w("shop: \"\"\n")
	w("buyer: \"\"\n")
	w("placed_at: 2026-01-01T10:00:00+08:00   # %s\n", t("下单时间（RFC 3339，带时区）", "when the order was placed (RFC 3339, with its UTC offset)"))
	w("items:\n  - {sku: \"\", name: \"\", quantity: 1, unit_weight_g: 0, unit_price: 0.00}\n")
	w("shipment:\n  carrier: \"\"\n  tracking_number: \"\"\n  shipped_at: 2026-01-01T18:00:00+08:00\n  delivered_at: 2026-01-03T09:30:00+08:00\n")
	weights := slices.Contains(d.Sections, "weights")
	if weights {
		w("  packaging_weight_g: 0     # %s\n", t("包装重量", "box, filler and tape"))
		w("  warehouse_weight_g: 0     # %s\n", t("仓库出库称重", "warehouse dispatch scale"))
		w("  courier_weight_g: 0       # %s\n", t("快递揽收称重", "courier pick-up scale"))
		w("  # reweigh_weight_g: 0     # %s\n", t("可选：同款重新打包称重", "optional: identical parcel re-packed and weighed"))
	}
	if d.Name == "changed-mind" {
		w("  # refused_at: 2026-01-03T09:30:00+08:00              # %s\n", t("买家拒收", "the buyer refused the parcel"))
		w("  # intercept_requested_at: 2026-01-02T09:00:00+08:00  # %s\n", t("申请快递拦截", "interception requested"))
		w("  # returned_at: 2026-01-05T09:00:00+08:00             # %s\n", t("退回卖家", "back at the seller"))
	}
	w("after_sale:\n  requested_at: 2026-01-03T12:00:00+08:00\n  claim: \"\"                # %s\n", t("买家原话", "the buyer's claim in their words"))
	w("  # amount: 0.00\n")
	switch {
	case d.Name == "missing-item":
		w("  missing: [{sku: \"\", quantity: 1}]\n")
	case d.Name == "not-our-product":
		w("  claimed_item: \"\"         # %s\n", t("买家照片中的商品", "what the buyer's photo shows"))
	case strings.HasPrefix(d.Name, "quality") || d.Name == "not-as-described":
		w("  defect: \"\"               # %s\n", t("买家所述问题", "the problem the buyer reports"))
		if d.Name == "quality-buyer-damage" {
			w("  cause: \"\"                # %s\n", t("损坏原因，如买家在聊天中承认的", "what caused it, e.g. as the buyer admitted in the chat"))
		}
	}
	if slices.Contains([]string{"wrong-item", "quality-minor-defect", "changed-mind"}, d.Name) {
		w("  remedy:                   # %s\n", t("卖家提出的处理方案", "what the seller offered"))
		w("    type: \"\"               # %s\n", strings.Join(evidence.RemedyTypes, " | "))
		w("    # amount: 0.00\n    # offered_at: 2026-01-03T13:00:00+08:00\n    # accepted_at: 2026-01-03T14:00:00+08:00\n")
		if d.Name == "wrong-item" {
			w("    # replacement_tracking: \"\"\n    # return_tracking: \"\"\n    # postage_paid_by: seller\n")
		}
	}
	if d.Name == "quality-after-period" {
		w("policy:\n  after_sales_days: 7       # %s\n  text: \"\"\n", t("签收后多少天内受理售后", "days after delivery within which requests are accepted"))
	}
	w("timeline: []               # %s\n", t("其他有日期的事件：- {at: ..., event: ...}", "further dated events: - {at: ..., event: ...}"))
	w("# statement: \"\"           # %s\n", t("可选：卖家补充说明", "optional: the seller's own note"))
	w("evidence:\n")
	checklist := append(slices.Clone(d.Required), d.Recommended...)
	var listed []evidence.Found
	for _, f := range files {
		if f.Note == "" {
			listed = append(listed, f)
		}
	}
	if len(listed) == 0 {
		for _, k := range checklist {
			w("  - {file: %s, kind: %s, caption: \"\"}\n", fileNames[k], k)
		}
		return []byte(b.String())
	}
	w("  # %s\n", t("本文件夹中已有的文件，类型按文件名猜测，请核对：", "the files already in this folder, kinds guessed from their names; check them:"))
	have := map[evidence.Kind]bool{}
	for _, f := range listed {
		file, _ := json.Marshal(f.File) // a JSON string is a YAML double-quoted one
		if f.Kind == "" {
			w("  # - {file: %s, kind: \"\", caption: \"\"}   # %s\n", file, t("看不出类型：填写 kind 后去掉行首的 #", "no kind guessed: fill in kind, then remove the leading #"))
			continue
		}
		have[f.Kind] = true
		w("  - {file: %s, kind: %s, caption: \"\"}\n", file, f.Kind)
	}
	for _, k := range checklist {
		if !have[k] {
			w("  # - {file: %s, kind: %s, caption: \"\"}   # %s%s\n", fileNames[k], k, t("还缺：", "still missing: "), kindName(k))
		}
	}
	return []byte(b.String())
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
