package samplegen

// qualityMinorDefect is the article's small-defect case, handled by the
// principle "compensate rather than exchange, exchange rather than refund".
// zh (wechat): a small scratch on the lid, a ¥15 partial refund offered and
// accepted. en (amazon): a scuff on the base; a partial refund was declined,
// so an exchange with postage paid was offered and is not accepted yet.
func qualityMinorDefect(lang string) Sample {
	if lang == "zh" {
		return Sample{Name: "quality-minor-defect-zh", Manifest: `# Sample order: minor defect (小瑕疵), partial refund accepted. Regenerate with: proofpack samples -o samples --render
order_id: "WX-20261115-3307"
platform: wechat
dispute: quality-minor-defect
language: zh
currency: CNY
shop: "某某生活馆"
buyer: "微信用户 周**"
placed_at: 2026-11-15T08:40:00+08:00
generated_at: 2026-11-21T09:00:00+08:00
items:
  - {sku: E-360, name: "陶瓷内胆保温杯 360ml", quantity: 1, unit_weight_g: 300, unit_price: 129.00}
shipment:
  carrier: "顺丰速运"
  tracking_number: SF1405338820117
  shipped_at: 2026-11-15T16:00:00+08:00
  delivered_at: 2026-11-17T10:30:00+08:00
after_sale:
  requested_at: 2026-11-17T20:10:00+08:00
  claim: "杯盖上有划痕，要退货"
  type: return-refund
  amount: 129.00
  defect: "杯盖边缘一处约 2 mm 的细小划痕"
  remedy:
    type: partial-refund
    amount: 15.00
    offered_at: 2026-11-17T20:30:00+08:00
    accepted_at: 2026-11-17T20:46:00+08:00
evidence:
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "买家照片：杯盖边缘细小划痕"}
  - {file: chat-1.png, kind: chat, caption: "买家反映划痕，本店致歉并提出补偿"}
  - {file: chat-2.png, kind: chat, caption: "买家同意补偿 15 元、保留商品"}
  - {file: inspection.png, kind: quality-proof, caption: "出厂检验合格证明"}
`, Files: []File{
			{"buyer-photo.jpg", photo(Photo{Subject: "陶瓷内胆保温杯", Caption: "盖子这里有划痕", Seed: 51})},
			{"chat-1.png", chatPNG(Chat{Title: "周**", Bubbles: []Bubble{
				{Name: "周**", Text: "杯盖边上有道划痕，我要退货", Time: "11月17日 20:08"},
				{FromSeller: true, Name: "客服", Text: "非常抱歉，看到照片了，是杯盖边缘一道小划痕，不影响密封和保温。", Time: "11月17日 20:28"},
				{FromSeller: true, Name: "客服", Text: "给您补偿 15 元可以吗？如果不接受，也可以给您换新，来回运费我们出。", Time: "11月17日 20:30"},
			}})},
			{"chat-2.png", chatPNG(Chat{Title: "周**", Bubbles: []Bubble{
				{Name: "周**", Text: "那行吧，补偿 15 块，杯子我留着用", Time: "11月17日 20:46"},
				{FromSeller: true, Name: "客服", Text: "好的，谢谢您的理解 🌷 15 元已申请退回您的支付账户。", Time: "11月17日 20:50"},
			}})},
			{"inspection.png", docPNG(Document{Title: "产品合格证", Lines: []string{
				"产品名称：陶瓷内胆保温杯 360ml（E-360）", "生产批次：20261020-01", "",
				"保温效能：合格", "密封性：合格", "陶瓷内胆釉面：合格", "",
				"检验员：07　　检验日期：2026-10-22"},
				Stamp: "某某制品厂质检专用章"})},
		}}
	}
	return Sample{Name: "quality-minor-defect-en", Manifest: `# Sample order: minor defect, exchange offered. Regenerate with: proofpack samples -o samples --render
order_id: "113-5528104-2209931"
platform: amazon
time_zone: America/New_York
dispute: quality-minor-defect
language: en
currency: USD
shop: "Moumou Home"
buyer: "Taylor M."
placed_at: 2026-11-03T19:20:00-05:00
generated_at: 2026-11-18T10:00:00-05:00
items:
  - {sku: C-750, name: "Sports bottle 25 oz", quantity: 1, unit_weight_g: 420, unit_price: 32.00}
shipment:
  carrier: "YunExpress / USPS"
  tracking_number: YT2631104005528
  shipped_at: 2026-11-04T07:00:00-05:00
  delivered_at: 2026-11-12T15:45:00-05:00
after_sale:
  requested_at: 2026-11-13T09:00:00-05:00
  claim: "There is a scuff on the bottom of the bottle, I want a full refund"
  type: refund
  amount: 32.00
  defect: "a 5 mm scuff on the base"
  remedy:
    type: exchange
    offered_at: 2026-11-13T16:40:00-05:00
    postage_paid_by: seller
    note: "a partial refund of $6.00 was offered first and declined"
evidence:
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "Customer's photo of the scuff on the base"}
  - {file: messages.png, kind: chat, caption: "Messages: partial refund declined, exchange offered"}
  - {file: product.jpg, kind: product-photo, caption: "The same bottle from stock"}
`, Files: []File{
		{"buyer-photo.jpg", photo(Photo{Subject: "Sports bottle", Caption: "scuff on the bottom", Seed: 52})},
		{"messages.png", chatPNG(Chat{Title: "Taylor M.", Bubbles: []Bubble{
			{Name: "Taylor M.", Text: "There's a scuff on the bottom of the bottle. I want a full refund.", Time: "Nov 13 09:00"},
			{FromSeller: true, Name: "Moumou Home", Text: "Sorry about that! Would a $6.00 partial refund make it right? You keep the bottle.", Time: "Nov 13 11:15"},
			{Name: "Taylor M.", Text: "No, I want a full refund.", Time: "Nov 13 15:02"},
			{FromSeller: true, Name: "Moumou Home", Text: "Understood. We can exchange it for a new bottle and pay the postage both ways. Just let us know.", Time: "Nov 13 16:40"},
		}})},
		{"product.jpg", photo(Photo{Subject: "Sports bottle", Caption: "C-750 from stock", Seed: 53})},
	}}
}
