package samplegen

// itemNotReceived is the "product not received" dispute: the customer
// says the order never came, the carrier's record says it was delivered.
// en is a card dispute on stripe (USD, USPS delivered to the mailbox nine
// days before the dispute); zh is pinduoduo (a parcel-station pick-up).
func itemNotReceived(lang string) Sample {
	if lang == "zh" {
		tracking := "YT8826101809"
		return Sample{Name: "item-not-received-zh", Manifest: `# Sample order: buyer says the parcel never arrived (未收到货). Regenerate with: proofpack samples -o samples --render
order_id: "PDD-20261018-0452"
platform: pinduoduo
dispute: item-not-received
language: zh
currency: CNY
shop: "某某旗舰店"
buyer: "陈**"
placed_at: 2026-10-18T12:00:00+08:00
generated_at: 2026-10-27T09:00:00+08:00
items:
  - {sku: A-100, name: "不锈钢保温杯 500ml", quantity: 1, unit_weight_g: 350, unit_price: 59.00}
shipment:
  carrier: "圆通速递"
  tracking_number: ` + tracking + `
  shipped_at: 2026-10-18T18:30:00+08:00
  delivered_at: 2026-10-20T16:05:00+08:00
after_sale:
  requested_at: 2026-10-25T22:10:00+08:00
  claim: "一直没收到货"
  type: refund
  amount: 59.00
evidence:
  - {file: label.jpg, kind: shipping-label, caption: "圆通面单，运单号 ` + tracking + `"}
  - {file: trace.png, kind: logistics-proof, caption: "物流轨迹：2026-10-20 驿站代收后本人取件"}
  - {file: chat.png, kind: chat, caption: "本店告知买家包裹已于 10 月 20 日在驿站凭取件码取件"}
`, Files: []File{
			{"label.jpg", labelJPEG(Label{
				Carrier: "圆通速递 YTO Express", Tracking: tracking,
				SenderName: "某某旗舰店 仓库", SenderPhone: "0571-8888 0000", SenderAddress: "浙江省杭州市余杭区仓前街道 1 号仓",
				RecipientName: "陈**", RecipientPhone: "135****4471", RecipientAddress: "四川省成都市武侯区科华北路 66 号",
				Contents: "不锈钢保温杯 x1", WeightKg: "0.42", Date: "2026-10-18",
			})},
			{"trace.png", courierPNG(CourierRecord{Carrier: "圆通速递", Title: "运单轨迹查询", Highlight: 4, Rows: []CourierRow{
				{"2026-10-18 18:30", "杭州余杭仓前网点", "揽收", tracking, "0.42", "王*"},
				{"2026-10-19 03:40", "杭州转运中心", "发往成都", tracking, "0.42", "系统"},
				{"2026-10-20 09:10", "成都转运中心", "到件扫描", tracking, "-", "系统"},
				{"2026-10-20 13:25", "科华北路菜鸟驿站", "驿站代收", tracking, "-", "驿站"},
				{"2026-10-20 16:05", "科华北路菜鸟驿站", "取件码出库，本人签收", tracking, "-", "驿站"},
			}})},
			{"chat.png", chatPNG(Chat{Title: "陈**", Bubbles: []Bubble{
				{Name: "陈**", Text: "我一直没收到货，退款吧", Time: "10月25日 22:05"},
				{FromSeller: true, Name: "客服", Text: "您好，物流显示 10 月 20 日已在科华北路菜鸟驿站凭取件码取件，麻烦您确认一下是否家人代取？", Time: "10月25日 22:20"},
				{Name: "陈**", Text: "我不知道，反正我没拿到", Time: "10月26日 08:40"},
			}})},
		}}
	}
	tracking := "9400111899223100012345"
	return Sample{Name: "item-not-received-en", Manifest: `# Sample order: card dispute, product not received. Regenerate with: proofpack samples -o samples --render
order_id: "ORD-88213"
platform: stripe
time_zone: America/New_York
dispute: item-not-received
language: en
currency: USD
shop: "Moumou Drinkware"
buyer: "Morgan B."
placed_at: 2026-10-02T20:15:00-04:00
generated_at: 2026-10-28T10:00:00-04:00
items:
  - {sku: A-100, name: "Stainless vacuum cup 17 oz", quantity: 2, unit_weight_g: 350, unit_price: 29.00}
shipment:
  carrier: "USPS"
  tracking_number: "` + tracking + `"
  shipped_at: 2026-10-03T14:00:00-04:00
  delivered_at: 2026-10-07T13:48:00-04:00
after_sale:
  requested_at: 2026-10-16T09:00:00-04:00
  claim: "Product not received"
  amount: 58.00
evidence:
  - {file: label.jpg, kind: shipping-label, caption: "USPS shipping label, tracking ` + tracking + `"}
  - {file: tracking.png, kind: logistics-proof, caption: "USPS tracking history: delivered to the mailbox on 2026-10-07"}
  - {file: packing.jpg, kind: packing-photo, caption: "Order packed: two vacuum cups"}
  - {file: emails.png, kind: chat, caption: "Order confirmation and shipping e-mails sent to the customer"}
`, Files: []File{
		{"label.jpg", labelJPEG(Label{
			Carrier: "USPS Ground Advantage", Tracking: tracking,
			SenderName: "Moumou Drinkware US", SenderPhone: "+1 555-0100", SenderAddress: "2200 Commerce Dr, Columbus, OH 43219, USA",
			RecipientName: "Morgan B.", RecipientPhone: "+1 555-0167", RecipientAddress: "310 Pine St, Seattle, WA 98101, USA",
			Contents: "Vacuum cup x2", WeightKg: "0.78", Date: "2026-10-03",
		})},
		{"tracking.png", docPNG(Document{Title: "USPS Tracking: " + tracking, Lines: []string{
			"Service: USPS Ground Advantage", "Destination: Seattle, WA 98101", "",
			"2026-10-03 14:00 (UTC-04:00)  USPS in possession of item, Columbus, OH 43219",
			"2026-10-04 22:15 (UTC-04:00)  Departed USPS regional facility, Columbus, OH",
			"2026-10-07 08:02 (UTC-04:00)  Out for delivery, Seattle, WA 98101",
			"2026-10-07 13:48 (UTC-04:00)  Delivered, in/at mailbox, Seattle, WA 98101"}})},
		{"packing.jpg", phonePhoto(Photo{Subject: "Vacuum cup x2", Caption: "ORD-88213 packed", Packing: true, Seed: 71}, "2026:10:03 11:20:05", 39.9612, -82.9988)},
		{"emails.png", docPNG(Document{Title: "E-mails sent to the customer", Lines: []string{
			"To: Morgan B. (the e-mail address given at checkout)", "",
			"2026-10-02 20:16 (UTC-04:00)  Order ORD-88213 confirmed: 2 x Stainless vacuum cup 17 oz, $58.00",
			"2026-10-03 14:05 (UTC-04:00)  Your order has shipped: USPS " + tracking,
			"2026-10-07 13:50 (UTC-04:00)  Delivered: USPS reports your parcel delivered to the mailbox",
			"", "No reply or complaint was received from the customer before the dispute."}})},
	}}
}
