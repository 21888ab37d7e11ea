package samplegen

// qualityAfterPeriod is the article's "problem after a period of use"
// case, outside the after-sales period: the delivery record and the
// published policy against the date of the request. zh on jd (30-day
// period, request 105 days after delivery), en on paypal (30 days, request
// 104 days after delivery, a paid repair offered as goodwill).
func qualityAfterPeriod(lang string) Sample {
	zh := lang == "zh"
	if zh {
		return Sample{Name: "quality-after-period-zh", Manifest: `# Sample order: request after the after-sales period (过售后期). Regenerate with: proofpack samples -o samples --render
order_id: "JD-298812046"
platform: jd
dispute: quality-after-period
language: zh
currency: CNY
shop: "某某水具京东自营专区"
buyer: "jd_钱**"
placed_at: 2026-06-28T10:00:00+08:00
generated_at: 2026-10-17T09:00:00+08:00
items:
  - {sku: A-100, name: "不锈钢保温杯 500ml", quantity: 1, unit_weight_g: 350, unit_price: 79.00}
shipment:
  carrier: "京东快递"
  tracking_number: JDV029881204
  shipped_at: 2026-06-28T18:00:00+08:00
  delivered_at: 2026-06-30T11:20:00+08:00
after_sale:
  requested_at: 2026-10-13T21:30:00+08:00
  claim: "用了三个多月，保温效果变差了，要求换新"
  type: exchange
  defect: "保温时间变短"
policy:
  after_sales_days: 30
  text: "签收后 30 天内，商品出现质量问题可申请换货或维修；超过 30 天不再受理售后。"
evidence:
  - {file: delivery-record.png, kind: logistics-proof, caption: "京东物流签收记录：2026-06-30 签收"}
  - {file: policy.png, kind: policy, caption: "店铺售后政策页面：签收后 30 天"}
  - {file: chat.png, kind: chat, caption: "买家称使用三个多月后保温变差"}
`, Files: []File{
			{"delivery-record.png", courierPNG(CourierRecord{Carrier: "京东快递", Title: "运单轨迹查询", Highlight: 3, Rows: []CourierRow{
				{"2026-06-28 18:00", "杭州余杭营业部", "揽收", "JDV029881204", "0.42", "吴*"},
				{"2026-06-29 02:30", "杭州分拣中心", "分拣发出", "JDV029881204", "0.42", "系统"},
				{"2026-06-30 08:10", "北京朝阳营业部", "派送中", "JDV029881204", "-", "郑*"},
				{"2026-06-30 11:20", "北京朝阳营业部", "本人签收", "JDV029881204", "-", "郑*"},
			}})},
			{"policy.png", docPNG(Document{Title: "某某水具 售后服务政策", Lines: []string{
				"生效日期：2026-01-01　　公示位置：店铺首页 › 售后政策", "",
				"一、七天无理由退货：签收后 7 天内，商品完好可申请无理由退货。",
				"二、质量问题：签收后 30 天内，商品出现质量问题可申请换货或维修，运费由本店承担。",
				"三、超过 30 天：不再受理售后申请，本店可提供有偿维修。",
				"四、以下情况不属于质量问题：摔落、磕碰、高温消毒等使用不当造成的损坏。"},
				Stamp: "某某水具店铺运营专用章"})},
			{"chat.png", chatPNG(Chat{Title: "jd_钱**", Bubbles: []Bubble{
				{Name: "jd_钱**", Text: "这个杯子用了三个多月，现在保温时间变短了，给我换个新的", Time: "10月13日 21:28"},
				{FromSeller: true, Name: "客服", Text: "您好，您的订单 6 月 30 日签收，本店质量问题售后期为签收后 30 天，目前已超过售后期。", Time: "10月13日 21:40"},
				{FromSeller: true, Name: "客服", Text: "我们可以提供有偿维修，需要的话随时联系我们。", Time: "10月13日 21:41"},
			}})},
		}}
	}
	return Sample{Name: "quality-after-period-en", Manifest: `# Sample order: request after the after-sales period, paid repair offered. Regenerate with: proofpack samples -o samples --render
order_id: "PP-7TX41920KD"
platform: paypal
time_zone: America/New_York
dispute: quality-after-period
language: en
currency: USD
shop: "Moumou Drinkware"
buyer: "Chris D."
placed_at: 2026-06-01T12:00:00-04:00
generated_at: 2026-09-25T10:00:00-04:00
items:
  - {sku: D-300, name: "Food jar 10 oz", quantity: 1, unit_weight_g: 330, unit_price: 27.50}
shipment:
  carrier: "YunExpress / USPS"
  tracking_number: YT2630601009921
  shipped_at: 2026-06-02T06:00:00-04:00
  delivered_at: 2026-06-10T14:00:00-04:00
after_sale:
  requested_at: 2026-09-22T18:15:00-04:00
  claim: "The lid seal leaks now, I want a refund"
  type: refund
  amount: 27.50
  defect: "lid seal leaks after three months of use"
  remedy:
    type: repair
    amount: 6.00
    offered_at: 2026-09-23T09:30:00-04:00
    note: "a replacement lid seal posted for $6.00"
policy:
  after_sales_days: 30
  text: "Returns and warranty claims are accepted within 30 days of delivery. After 30 days we offer paid repairs and spare parts."
evidence:
  - {file: delivery-record.png, kind: logistics-proof, caption: "USPS delivery record: delivered 2026-06-10"}
  - {file: policy.png, kind: policy, caption: "Returns and warranty policy as published on the shop"}
  - {file: messages.png, kind: chat, caption: "Messages: request after three months, paid repair offered"}
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "Customer's photo of the lid"}
`, Files: []File{
		{"delivery-record.png", docPNG(Document{Title: "USPS Tracking: YT2630601009921", Lines: []string{
			"Origin: Hangzhou, China (YunExpress)", "Destination: Portland, OR 97205, United States", "",
			"2026-06-02 06:00 (UTC-04:00)  Accepted at origin facility",
			"2026-06-05 22:10 (UTC-04:00)  Arrived in the United States, Los Angeles, CA",
			"2026-06-09 07:40 (UTC-04:00)  Arrived at post office, Portland, OR",
			"2026-06-10 14:00 (UTC-04:00)  Delivered, in/at mailbox, Portland, OR 97205"}})},
		{"policy.png", docPNG(Document{Title: "Returns and warranty policy", Lines: []string{
			"Moumou Drinkware - published on the shop's Policies page since 2026-01-01", "",
			"1. Returns: unused items may be returned within 30 days of delivery.",
			"2. Defects: within 30 days of delivery we replace or repair a defective item and pay the postage.",
			"3. After 30 days: we offer paid repairs and spare parts at cost.",
			"4. Not covered: damage from drops, dishwashers or heating in a microwave."}})},
		{"messages.png", chatPNG(Chat{Title: "Chris D.", Bubbles: []Bubble{
			{Name: "Chris D.", Text: "The lid seal on my food jar leaks now. I've used it about three months. I want a refund.", Time: "Sep 22 18:15"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "Sorry about the leak. Your jar was delivered on June 10, and our 30-day warranty ended on July 10.", Time: "Sep 23 09:28"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "We can post you a new lid seal for $6.00, which fixes this. Would you like that?", Time: "Sep 23 09:30"},
		}})},
		{"buyer-photo.jpg", phonePhoto(Photo{Subject: "Food jar", Caption: "lid leaks", Seed: 61}, "2026:09:22 18:02:44", 45.5152, -122.6784)},
	}}
}
