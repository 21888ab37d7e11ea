package samplegen

// notOurProduct is the article's third scenario: the buyer's photo shows a
// glass tea cup the shop has never sold (zh, jd: a mix-up between shops'
// orders; en, shopify: the same with a ceramic mug). The packet gives the
// shop's product range and the proof of what was shipped.
func notOurProduct(lang string) Sample {
	zh := lang == "zh"
	t := func(z, e string) string { return tr(zh, z, e) }
	tracking := t("JDV031058827", "YT2630904011737")
	var manifest string
	if zh {
		manifest = `# Sample order: the buyer's photo is not our product (非本店商品). Regenerate with: proofpack samples -o samples --render
order_id: "JD-310588274"
platform: jd
dispute: not-our-product
language: zh
currency: CNY
shop: "某某水具京东自营专区"
buyer: "jd_赵**"
placed_at: 2026-10-20T21:10:00+08:00
generated_at: 2026-10-27T09:00:00+08:00
items:
  - {sku: K-400, name: "儿童吸管保温杯 400ml", quantity: 1, unit_weight_g: 310, unit_price: 69.00}
shipment:
  carrier: "京东快递"
  tracking_number: ` + tracking + `
  shipped_at: 2026-10-21T11:00:00+08:00
  delivered_at: 2026-10-22T15:40:00+08:00
after_sale:
  requested_at: 2026-10-24T20:15:00+08:00
  claim: "杯子收到就是裂的，要求退货退款"
  type: return-refund
  amount: 69.00
  claimed_item: "玻璃双层花茶杯（带不锈钢茶隔）"
evidence:
  - {file: label.jpg, kind: shipping-label, caption: "京东快递面单，运单号 ` + tracking + `"}
  - {file: packing.jpg, kind: packing-photo, caption: "发货前打包：儿童吸管保温杯"}
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "买家提供的照片：玻璃花茶杯"}
  - {file: chat.png, kind: chat, caption: "本店说明照片中是玻璃花茶杯，本店只卖不锈钢保温杯"}
  - {file: catalog.png, kind: catalog-proof, caption: "店铺全部商品清单（含已下架），无玻璃杯类商品"}
`
	} else {
		manifest = `# Sample order: the buyer's photo is not our product. Regenerate with: proofpack samples -o samples --render
order_id: "#1047"
platform: shopify
time_zone: America/New_York
dispute: not-our-product
language: en
currency: USD
shop: "Moumou Drinkware"
buyer: "Alex R."
placed_at: 2026-09-01T14:30:00-04:00
generated_at: 2026-09-20T10:00:00-04:00
items:
  - {sku: K-400, name: "Kids' straw bottle 14 oz", quantity: 1, unit_weight_g: 310, unit_price: 24.00}
shipment:
  carrier: "YunExpress / USPS"
  tracking_number: ` + tracking + `
  shipped_at: 2026-09-02T06:00:00-04:00
  delivered_at: 2026-09-11T12:40:00-04:00
after_sale:
  requested_at: 2026-09-14T19:05:00-04:00
  claim: "The mug arrived cracked, I want my money back"
  type: refund
  amount: 24.00
  claimed_item: "a white ceramic mug with a gold rim"
evidence:
  - {file: label.jpg, kind: shipping-label, caption: "Shipping label, tracking ` + tracking + `"}
  - {file: packing.jpg, kind: packing-photo, caption: "Order packed: kids' straw bottle"}
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "Customer's photo: a ceramic mug"}
  - {file: messages.png, kind: chat, caption: "We explain that the photo shows a ceramic mug, not the straw bottle ordered"}
  - {file: catalog.png, kind: catalog-proof, caption: "Every product the shop has listed since opening: no ceramic mugs"}
`
	}
	files := []File{
		{"label.jpg", labelJPEG(Label{
			Carrier: t("京东快递", "YunExpress 云途物流"), Tracking: tracking,
			SenderName: t("某某水具 华东仓", "Moumou Drinkware"), SenderPhone: "0571-8888 0000", SenderAddress: t("浙江省杭州市余杭区仓前街道 1 号仓", "Warehouse 1, Cangqian, Yuhang, Hangzhou, China"),
			RecipientName: t("赵**", "Alex R."), RecipientPhone: t("139****2210", "+1 555-0188"), RecipientAddress: t("江苏省南京市鼓楼区中山路 200 号", "48 Maple Ave, Albany, NY 12203, USA"),
			Contents: t("儿童吸管保温杯 x1", "Kids' straw bottle x1"), WeightKg: "0.38", Date: t("2026-10-21", "2026-09-02"),
		})},
		{"packing.jpg", photo(Photo{Subject: t("儿童吸管保温杯", "Kids' straw bottle"), Caption: t("JD-310588274 打包", "#1047 packed"), Packing: true, Seed: 31})},
		{"buyer-photo.jpg", photo(Photo{Subject: t("玻璃花茶杯", "Ceramic mug"), Caption: t("收到就裂了", "arrived cracked"), Seed: 32})},
	}
	if zh {
		files = append(files, File{"chat.png", chatPNG(Chat{Title: "jd_赵**", Bubbles: []Bubble{
			{Name: "jd_赵**", Text: "杯子收到就裂了，玻璃的，我要退货退款", Time: "10月24日 20:10"},
			{FromSeller: true, Name: "客服", Text: "您好，看了照片，这是玻璃花茶杯。本店只卖不锈钢保温杯，没有玻璃杯，您的订单是儿童吸管保温杯。", Time: "10月24日 20:25"},
			{FromSeller: true, Name: "客服", Text: "麻烦您看看是不是其他店铺的订单？", Time: "10月24日 20:26"},
			{Name: "jd_赵**", Text: "反正就是你家发的", Time: "10月24日 21:02"},
		}})})
	}
	if !zh {
		files = append(files, File{"messages.png", chatPNG(Chat{Title: "Alex R.", Bubbles: []Bubble{
			{Name: "Alex R.", Text: "The mug arrived cracked. I want my money back.", Time: "Sep 14 19:05"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "Sorry to hear that! The photo shows a ceramic mug, but your order #1047 was a kids' stainless straw bottle. We have never sold ceramic mugs.", Time: "Sep 15 09:10"},
			{FromSeller: true, Name: "Moumou Drinkware", Text: "Could the mug be from another order? If anything is wrong with the straw bottle, please send us a photo of it.", Time: "Sep 15 09:11"},
		}})})
	}
	files = append(files, File{"catalog.png", docPNG(Document{
		Title: t("店铺商品清单（含历史下架商品）", "Product catalogue, all products ever listed"),
		Lines: tr2(zh,
			[]string{"店铺：某某水具京东自营专区", "导出时间：2026-10-25 10:00", "",
				"K-400  儿童吸管保温杯 400ml（在售）", "A-100  不锈钢保温杯 500ml（在售）", "B-210  真空保温杯 500ml（在售，3 色）",
				"C-750  运动水壶 750ml（在售）", "D-300  焖烧罐 300ml（2025-12 下架）", "",
				"材质：全部为 304/316 不锈钢。本店从未上架玻璃、陶瓷材质的杯具。"},
			[]string{"Shop: Moumou Drinkware", "Exported: 2026-09-15 10:00 (UTC-04:00)", "",
				"K-400  Kids' straw bottle 14 oz (on sale)", "A-100  Stainless vacuum cup 17 oz (on sale)", "B-210  Insulated tumbler 20 oz (on sale, 3 colours)",
				"C-750  Sports bottle 25 oz (on sale)", "D-300  Food jar 10 oz (delisted 2025-12)", "",
				"All products are stainless steel. The shop has never listed glass or ceramic drinkware."}),
		Stamp: t("某某水具店铺运营专用章", ""),
	})})
	return Sample{Name: "not-our-product-" + lang, Manifest: manifest, Files: files}
}
