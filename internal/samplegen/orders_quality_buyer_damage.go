package samplegen

// qualityBuyerDamage is the article's damage-by-the-buyer case: a vacuum
// cup dented and no longer keeping heat after a fall down the stairs, as the
// buyer says in the chat; the batch inspection report shows no quality
// problem. zh on taobao, en on shopify.
func qualityBuyerDamage(lang string) Sample {
	zh := lang == "zh"
	t := func(z, e string) string { return tr(zh, z, e) }
	var manifest string
	if zh {
		manifest = `# Sample order: damage caused by the buyer (买家人为损坏). Regenerate with: proofpack samples -o samples --render
order_id: "TB-4102776153"
platform: taobao
dispute: quality-buyer-damage
language: zh
currency: CNY
shop: "某某保温杯专营店"
buyer: "tb_孙**"
placed_at: 2026-10-05T13:00:00+08:00
generated_at: 2026-10-16T09:00:00+08:00
items:
  - {sku: A-100, name: "不锈钢保温杯 500ml", quantity: 1, unit_weight_g: 350, unit_price: 79.00}
shipment:
  carrier: "韵达快递"
  tracking_number: YD4388102251
  shipped_at: 2026-10-05T18:20:00+08:00
  delivered_at: 2026-10-07T11:15:00+08:00
after_sale:
  requested_at: 2026-10-12T09:40:00+08:00
  claim: "杯子不保温了，杯身还有凹陷，质量太差"
  type: return-refund
  amount: 79.00
  defect: "杯身凹陷，保温失效"
  cause: "孩子把杯子从楼梯上摔了下去"
timeline:
  - {at: 2026-10-12T10:05:00+08:00, event: "本店向买家说明：真空层受撞击变形后会失去保温效果，属人为损坏"}
evidence:
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "买家照片：杯身凹陷"}
  - {file: chat.png, kind: chat, caption: "买家自述杯子从楼梯摔落"}
  - {file: product.jpg, kind: product-photo, caption: "同批次同款保温杯实物"}
  - {file: inspection.png, kind: quality-proof, caption: "该批次出厂质检报告：保温性能、真空度合格"}
`
	} else {
		manifest = `# Sample order: damage caused after delivery. Regenerate with: proofpack samples -o samples --render
order_id: "#2218"
platform: shopify
time_zone: America/New_York
dispute: quality-buyer-damage
language: en
currency: USD
shop: "Moumou Drinkware"
buyer: "Sam K."
placed_at: 2026-10-01T11:00:00-04:00
generated_at: 2026-10-20T10:00:00-04:00
items:
  - {sku: A-100, name: "Stainless vacuum cup 17 oz", quantity: 1, unit_weight_g: 350, unit_price: 29.00}
shipment:
  carrier: "YunExpress / USPS"
  tracking_number: YT2631001007310
  shipped_at: 2026-10-01T20:00:00-04:00
  delivered_at: 2026-10-09T14:10:00-04:00
after_sale:
  requested_at: 2026-10-14T08:30:00-04:00
  claim: "The cup stopped keeping drinks hot and has a big dent"
  type: refund
  amount: 29.00
  defect: "dented body, no longer insulates"
  cause: "their child dropped the cup down a flight of stairs"
evidence:
  - {file: messages.png, kind: chat, caption: "Customer's messages: the cup was dropped down the stairs"}
  - {file: packing.jpg, kind: packing-photo, caption: "The cup, undamaged, packed for this order"}
  - {file: inspection.png, kind: quality-proof, caption: "Batch inspection report: insulation and vacuum passed"}
`
	}
	files := []File{}
	if zh {
		files = append(files,
			File{"buyer-photo.jpg", photo(Photo{Subject: "保温杯", Caption: "杯身凹了，不保温", Seed: 41})},
			File{"chat.png", chatPNG(Chat{Title: "tb_孙**", Bubbles: []Bubble{
				{Name: "tb_孙**", Text: "杯子不保温了，还凹进去一块，什么质量", Time: "10月12日 09:35"},
				{FromSeller: true, Name: "客服", Text: "亲，很抱歉。请问杯子是否有过磕碰或摔落呢？", Time: "10月12日 09:50"},
				{Name: "tb_孙**", Text: "孩子从楼梯上摔下去了一次，但是杯子不应该这么不经摔吧", Time: "10月12日 09:58"},
				{FromSeller: true, Name: "客服", Text: "保温杯靠双层之间的真空层保温，受到撞击变形后真空层会破坏，就不保温了。这属于摔落造成的损坏，不是质量问题，请您理解。", Time: "10月12日 10:05"},
			}})},
			File{"product.jpg", photo(Photo{Subject: "不锈钢保温杯", Caption: "同批次同款 A-100", Seed: 42})},
		)
	} else {
		files = append(files,
			File{"messages.png", chatPNG(Chat{Title: "Sam K.", Bubbles: []Bubble{
				{Name: "Sam K.", Text: "My cup doesn't keep coffee hot anymore and it has a dent. Poor quality.", Time: "Oct 14 08:30"},
				{FromSeller: true, Name: "Moumou Drinkware", Text: "Sorry to hear that. Was the cup dropped or knocked at some point?", Time: "Oct 14 09:10"},
				{Name: "Sam K.", Text: "My son dropped it down the stairs once, but it shouldn't break that easily", Time: "Oct 14 09:26"},
				{FromSeller: true, Name: "Moumou Drinkware", Text: "The cup insulates with a vacuum between two walls. A hard fall that dents the wall breaks the vacuum, so it stops keeping heat. That is damage from the fall, not a defect.", Time: "Oct 14 09:40"},
			}})},
			File{"packing.jpg", phonePhoto(Photo{Subject: "Vacuum cup", Caption: "#2218 packed", Packing: true, Seed: 43}, "2026:10:01 17:55:12", 30.2741, 120.1551)},
		)
	}
	files = append(files, File{"inspection.png", docPNG(Document{
		Title: t("产品出厂检验报告", "Factory inspection report"),
		Lines: tr2(zh,
			[]string{"产品名称：不锈钢保温杯 500ml（A-100）", "生产批次：20260918-03", "检验依据：GB/T 29606-2013《不锈钢真空杯》", "",
				"保温效能（6 小时，95℃ 起）：≥ 62℃　实测 68℃　合格", "真空度检测：合格", "密封性（倒置 30 分钟）：无渗漏　合格", "外观：无凹陷、无划伤　合格", "",
				"结论：该批次产品检验合格。"},
			[]string{"Product: Stainless vacuum cup 17 oz (A-100)", "Batch: 20260918-03", "Standard: GB/T 29606-2013, stainless steel vacuum cups", "",
				"Heat retention (6 h from 95 °C): at least 62 °C required, 68 °C measured - pass", "Vacuum test: pass", "Leak test (inverted 30 min): no leak - pass", "Appearance: no dents or scratches - pass", "",
				"Result: the batch passed inspection."}),
		Stamp: "某某制品厂质检专用章",
	})})
	return Sample{Name: "quality-buyer-damage-" + lang, Manifest: manifest, Files: files}
}
