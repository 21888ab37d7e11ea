package samplegen

// notAsDescribed is the "item not as described" dispute. en is a PayPal
// dispute (USD): the customer says a 20 oz bottle is smaller than
// described; the specification sheet gives 600 ml (20.3 oz); a return with
// prepaid postage was offered and not taken up. zh is douyin: the colour
// "looks darker than the picture"; a return with postage paid was offered.
func notAsDescribed(lang string) Sample {
	if lang == "zh" {
		return Sample{Name: "not-as-described-zh", Manifest: `# Sample order: item not as described (描述不符). Regenerate with: proofpack samples -o samples --render
order_id: "DY-20261025-1180"
platform: douyin
dispute: not-as-described
language: zh
currency: CNY
shop: "某某家居旗舰店"
buyer: "抖音用户 郑**"
placed_at: 2026-10-25T20:30:00+08:00
generated_at: 2026-11-02T09:00:00+08:00
items:
  - {sku: B-210-GN, name: "真空保温杯 500ml 松石绿", quantity: 1, unit_weight_g: 380, unit_price: 89.00}
shipment:
  carrier: "中通快递"
  tracking_number: ZT2026102611
  shipped_at: 2026-10-26T15:00:00+08:00
  delivered_at: 2026-10-28T10:40:00+08:00
after_sale:
  requested_at: 2026-10-29T19:00:00+08:00
  claim: "颜色和直播间看到的不一样，描述不符"
  type: refund
  amount: 89.00
  defect: "实物颜色比商品图深"
  remedy:
    type: return-refund
    offered_at: 2026-10-29T19:30:00+08:00
    postage_paid_by: seller
policy:
  text: "签收后 7 天内支持无理由退货；商品颜色以实物为准，因屏幕显示造成的轻微色差不属于质量问题。"
evidence:
  - {file: product.jpg, kind: product-photo, caption: "所发商品实物：松石绿，与商品页同款同色号"}
  - {file: chat.png, kind: chat, caption: "本店提出退货退款、运费由本店承担"}
  - {file: policy.png, kind: policy, caption: "商品页色差说明与退货政策"}
`, Files: []File{
			{"product.jpg", phonePhoto(Photo{Subject: "真空保温杯 松石绿", Caption: "B-210-GN 松石绿 实拍", Seed: 81}, "2026:10:26 14:12:30", 30.2741, 120.1551)},
			{"chat.png", chatPNG(Chat{Title: "郑**", Bubbles: []Bubble{
				{Name: "郑**", Text: "颜色比直播间看到的深好多，描述不符，我要退款", Time: "10月29日 18:55"},
				{FromSeller: true, Name: "客服", Text: "您好，您收到的是松石绿，与商品页同一色号，直播间灯光和屏幕会有轻微色差。", Time: "10月29日 19:25"},
				{FromSeller: true, Name: "客服", Text: "如果不喜欢，可以退货退款，运费我们来出。", Time: "10月29日 19:30"},
			}})},
			{"policy.png", docPNG(Document{Title: "商品详情页：色差说明与退货政策", Lines: []string{
				"商品：真空保温杯 500ml（B-210），颜色：雾蓝色 / 樱粉色 / 松石绿", "",
				"色差说明：商品颜色以实物为准，因拍摄灯光、屏幕显示造成的轻微色差不属于质量问题。",
				"退货政策：签收后 7 天内支持无理由退货，商品完好、不影响二次销售。",
				"运费：质量问题或描述不符由本店承担往返运费。"}})},
		}}
	}
	return Sample{Name: "not-as-described-en", Manifest: `# Sample order: PayPal dispute, item not as described. Regenerate with: proofpack samples -o samples --render
order_id: "PP-3KW88120LM"
platform: paypal
time_zone: America/New_York
dispute: not-as-described
language: en
currency: USD
shop: "Moumou Drinkware"
buyer: "Riley S."
placed_at: 2026-10-10T18:00:00-04:00
generated_at: 2026-11-05T10:00:00-04:00
items:
  - {sku: C-600, name: "Insulated water bottle 20 oz (600 ml)", quantity: 1, unit_weight_g: 400, unit_price: 34.00}
shipment:
  carrier: "USPS"
  tracking_number: "9400111899223100047781"
  shipped_at: 2026-10-11T13:00:00-04:00
  delivered_at: 2026-10-15T12:30:00-04:00
after_sale:
  requested_at: 2026-10-20T21:00:00-04:00
  claim: "Significantly not as described: the bottle is much smaller than advertised"
  type: refund
  amount: 34.00
  defect: "the bottle holds less than 20 oz"
  remedy:
    type: return-refund
    offered_at: 2026-10-21T09:10:00-04:00
    postage_paid_by: seller
    note: "with a prepaid return label"
policy:
  after_sales_days: 30
  text: "Unused items can be returned within 30 days of delivery for a full refund. For items not as described we send a prepaid return label."
evidence:
  - {file: product.jpg, kind: product-photo, caption: "The bottle as sold: 20 oz / 600 ml"}
  - {file: spec.png, kind: quality-proof, caption: "Specification sheet: capacity 600 ml (20.3 oz), measured"}
  - {file: messages.png, kind: chat, caption: "Messages: capacity explained, return with prepaid label offered"}
  - {file: policy.png, kind: policy, caption: "Listing text and return policy as published"}
`, Files: []File{
		{"product.jpg", photo(Photo{Subject: "Insulated bottle", Caption: "C-600 20 oz / 600 ml", Seed: 82})},
		{"spec.png", docPNG(Document{Title: "Specification sheet: C-600", Lines: []string{
			"Product: Insulated water bottle 20 oz (600 ml)", "Body: 18/8 stainless steel, double wall, vacuum insulated", "",
			"Capacity (filled to the brim, measured on batch 20260902): 602 ml / 20.4 US fl oz",
			"Capacity as listed: 20 oz (600 ml)", "Height 26.5 cm, diameter 7.4 cm", "",
			"Result: the bottle holds its listed capacity."}})},
		{"messages.png", chatPNG(Chat{Title: "Riley S.", Bubbles: []Bubble{
			{Name: "Riley S.", Text: "This bottle is way smaller than advertised. Not 20 oz.", Time: "Oct 20 21:00"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "Sorry for the trouble. Filled to the brim it holds 600 ml (20.3 oz), as listed; our spec sheet is attached.", Time: "Oct 21 09:05"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "If it's not what you wanted, we'll send a prepaid return label and refund you in full once it's back.", Time: "Oct 21 09:10"},
		}})},
		{"policy.png", docPNG(Document{Title: "Listing and return policy", Lines: []string{
			"Listing title: Insulated water bottle 20 oz (600 ml)",
			"Listing text: Holds 20 oz (600 ml). Keeps drinks cold 24 h, hot 12 h. Height 26.5 cm.", "",
			"Return policy: unused items can be returned within 30 days of delivery for a full refund.",
			"Items not as described: we send a prepaid return label."}})},
	}}
}
