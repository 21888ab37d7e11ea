package samplegen

// changedMind is the article's "buyer no longer wants it" case after
// shipment. zh (taobao): the shop chose 拒收后同意退款; the buyer refused
// the parcel and it came back. en (shopify): the shop had the carrier
// intercept and return the parcel, then refunded.
func changedMind(lang string) Sample {
	if lang == "zh" {
		tracking := "YT8826111203"
		return Sample{Name: "changed-mind-zh", Manifest: `# Sample order: buyer changed their mind after shipment, refund after refusal (拒收后同意退款). Regenerate with: proofpack samples -o samples --render
order_id: "TB-4103391870"
platform: taobao
dispute: changed-mind
language: zh
currency: CNY
shop: "某某保温杯专营店"
buyer: "tb_吴**"
placed_at: 2026-11-12T09:30:00+08:00
generated_at: 2026-11-18T09:00:00+08:00
items:
  - {sku: B-210-BL, name: "真空保温杯 500ml 雾蓝色", quantity: 1, unit_weight_g: 380, unit_price: 99.00}
shipment:
  carrier: "圆通速递"
  tracking_number: ` + tracking + `
  shipped_at: 2026-11-12T17:00:00+08:00
  refused_at: 2026-11-14T10:20:00+08:00
  returned_at: 2026-11-17T15:00:00+08:00
after_sale:
  requested_at: 2026-11-12T21:00:00+08:00
  claim: "拍错颜色了，不想要了"
  type: refund
  amount: 99.00
  remedy:
    type: refund-after-refusal
    offered_at: 2026-11-12T21:10:00+08:00
    accepted_at: 2026-11-12T21:18:00+08:00
evidence:
  - {file: label.jpg, kind: shipping-label, caption: "圆通面单，运单号 ` + tracking + `"}
  - {file: trace.png, kind: logistics-proof, caption: "物流轨迹：派送时买家拒收，包裹退回"}
  - {file: chat.png, kind: chat, caption: "买家称拍错不想要，本店说明拒收后退款"}
`, Files: []File{
			{"label.jpg", labelJPEG(Label{
				Carrier: "圆通速递 YTO Express", Tracking: tracking,
				SenderName: "某某保温杯专营店", SenderPhone: "0571-8888 0000", SenderAddress: "浙江省杭州市余杭区仓前街道 1 号仓",
				RecipientName: "吴**", RecipientPhone: "137****0912", RecipientAddress: "广东省广州市天河区体育西路 88 号",
				Contents: "真空保温杯 雾蓝色 x1", WeightKg: "0.46", Date: "2026-11-12",
			})},
			{"trace.png", courierPNG(CourierRecord{Carrier: "圆通速递", Title: "运单轨迹查询", Highlight: 3, Rows: []CourierRow{
				{"2026-11-12 17:00", "杭州余杭仓前网点", "揽收", tracking, "0.46", "王*"},
				{"2026-11-13 05:20", "杭州转运中心", "发往广州", tracking, "0.46", "系统"},
				{"2026-11-14 08:30", "广州天河体育西网点", "派送中", tracking, "-", "陈*"},
				{"2026-11-14 10:20", "广州天河体育西网点", "收件人拒收", tracking, "-", "陈*"},
				{"2026-11-14 18:00", "广州天河体育西网点", "退回发件人", tracking, "-", "系统"},
				{"2026-11-17 15:00", "杭州余杭仓前网点", "退件签收", tracking, "-", "王*"},
			}})},
			{"chat.png", chatPNG(Chat{Title: "tb_吴**", Bubbles: []Bubble{
				{Name: "tb_吴**", Text: "我拍错颜色了，不想要了，能退款吗", Time: "11月12日 20:58"},
				{FromSeller: true, Name: "客服", Text: "亲，包裹已经发出了，拦截不了。快递派送时您直接拒收，物流显示拒收后系统会自动给您退款哦。", Time: "11月12日 21:10"},
				{Name: "tb_吴**", Text: "好的，那我拒收", Time: "11月12日 21:18"},
			}})},
		}}
	}
	return Sample{Name: "changed-mind-en", Manifest: `# Sample order: cancelled after shipment, parcel intercepted and returned. Regenerate with: proofpack samples -o samples --render
order_id: "#3305"
platform: shopify
time_zone: America/New_York
dispute: changed-mind
language: en
currency: USD
shop: "Moumou Drinkware"
buyer: "Jamie L."
placed_at: 2026-11-02T10:00:00-05:00
generated_at: 2026-11-24T10:00:00-05:00
items:
  - {sku: B-210-PK, name: "Insulated tumbler 20 oz, blush pink", quantity: 2, unit_weight_g: 340, unit_price: 17.00}
shipment:
  carrier: "UPS"
  tracking_number: 1Z4F29W80312345678
  shipped_at: 2026-11-03T16:00:00-05:00
  intercept_requested_at: 2026-11-04T09:15:00-05:00
  returned_at: 2026-11-19T11:30:00-05:00
after_sale:
  requested_at: 2026-11-04T08:20:00-05:00
  claim: "I ordered by mistake, please cancel"
  type: refund
  amount: 34.00
  remedy:
    type: intercept-recall
    amount: 34.00
    offered_at: 2026-11-04T09:20:00-05:00
    accepted_at: 2026-11-04T10:02:00-05:00
    note: "The refund of $34.00 to the original card was issued on 2026-11-19, the day the parcel came back."
evidence:
  - {file: tracking.png, kind: logistics-proof, caption: "UPS tracking: intercept requested, returned to sender"}
  - {file: messages.png, kind: chat, caption: "Customer asks to cancel; intercept and refund agreed"}
`, Files: []File{
		{"tracking.png", docPNG(Document{Title: "UPS tracking: 1Z4F29W80312345678", Lines: []string{
			"Ship to: Denver, CO 80203, United States", "Service: UPS Ground", "",
			"2026-11-03 16:00 (UTC-05:00)  Picked up, Columbus, OH",
			"2026-11-04 09:15 (UTC-05:00)  Delivery change requested by the shipper: return to sender",
			"2026-11-05 07:40 (UTC-05:00)  Returning to sender, Kansas City, MO",
			"2026-11-19 11:30 (UTC-05:00)  Returned to sender, delivered, Columbus, OH"}})},
		{"messages.png", chatPNG(Chat{Title: "Jamie L.", Bubbles: []Bubble{
			{Name: "Jamie L.", Text: "Hi, I ordered these by mistake. Can you cancel?", Time: "Nov 4 08:20"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "Your order already shipped yesterday. We have asked UPS to send it back to us, and we will refund the full $34.00 as soon as it arrives.", Time: "Nov 4 09:20"},
			{Name: "Jamie L.", Text: "Great, thanks.", Time: "Nov 4 10:02"},
		}})},
	}}
}
