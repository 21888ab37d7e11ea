package samplegen

import "image"

// missingItemLabel is the shipping label of the missing-item order, shared
// by its samples and the benchmark's phone-photo order.
var missingItemLabel = Label{
	Carrier: "中通快递 ZTO Express", Tracking: "ZT1234567890",
	SenderName: "某某旗舰店 仓库", SenderPhone: "0571-8888 0000", SenderAddress: "浙江省杭州市余杭区仓前街道 1 号仓",
	RecipientName: "王**", RecipientPhone: "138****5678", RecipientAddress: "上海市浦东新区张江路 100 弄 8 号 502 室",
	Contents: "不锈钢保温杯 x2", WeightKg: "0.78", Date: "2026-11-01",
}

// missingItemFacts is the order data of the missing-item order, from the
// currency to the after-sales claim, in the language t picks; the samples
// and the benchmark's phone-photo order share it.
func missingItemFacts(t func(zh, en string) string) string {
	return `currency: CNY
shop: "` + t("某某旗舰店", "Moumou Flagship Store") + `"
buyer: "` + t("王**", "Wang**") + `"
placed_at: 2026-11-01T10:00:00+08:00
generated_at: 2026-11-05T09:00:00+08:00
items:
  - {sku: A-100, name: "` + t("不锈钢保温杯 500ml", "Stainless steel vacuum cup 500 ml") + `", quantity: 2, unit_weight_g: 350, unit_price: 59.00}
shipment:
  carrier: "` + t("中通快递", "ZTO Express") + `"
  tracking_number: ` + missingItemLabel.Tracking + `
  shipped_at: 2026-11-01T18:00:00+08:00
  delivered_at: 2026-11-03T09:30:00+08:00
  packaging_weight_g: 80
  warehouse_weight_g: 780
  courier_weight_g: 790
  reweigh_weight_g: 785
  weight_tolerance_g: 30
after_sale:
  requested_at: 2026-11-03T12:00:00+08:00
  claim: "` + t("少发了一个杯子", "One cup was missing from the parcel") + `"
  missing: [{sku: A-100, quantity: 1}]
  amount: 59.00
`
}

// missingItem is the source article's first scenario: the buyer says one
// of two cups was missing; warehouse and courier weighings show 780 g and
// 790 g against an expected 780 g.
func missingItem(lang string) Sample {
	zh := lang == "zh"
	t := func(z, e string) string {
		if zh {
			return z
		}
		return e
	}
	tracking := missingItemLabel.Tracking
	label := missingItemLabel
	manifest := `# Sample order: missing item (少件). Regenerate with: proofpack samples -o samples/orders
order_id: "PDD-20261101-0001"
platform: pinduoduo
dispute: missing-item
language: ` + lang + `
` + missingItemFacts(t) + `timeline:
  - {at: 2026-11-01T17:42:00+08:00, event: "` + t("仓库出库称重 0.780 kg", "Weighed at warehouse dispatch: 0.780 kg") + `"}
  - {at: 2026-11-01T19:05:00+08:00, event: "` + t("快递员揽收，称重 0.790 kg", "Collected by courier, weighed 0.790 kg") + `"}
  - {at: 2026-11-02T08:00:00+08:00, event: "` + t("快递到达上海转运中心", "Arrived at Shanghai sorting centre") + `"}
statement: "` + t("包裹签收时外包装完好，买家未提出破损。", "The buyer signed for the parcel with its packaging intact and reported no damage.") + `"
evidence:
  - file: label.jpg
    kind: shipping-label
    caption: "` + t("快递面单，运单号 ZT1234567890（收件人电话与地址已遮挡）", "Shipping label, tracking number ZT1234567890 (recipient's phone and address redacted)") + `"
    redact: [{x: 0.16, y: 0.35, w: 0.82, h: 0.14}]
    highlight: [{x: 0.05, y: 0.12, w: 0.9, h: 0.2, note: "` + t("运单号 ZT1234567890", "tracking number ZT1234567890") + `"}]
  - file: weights/warehouse.jpg
    kind: warehouse-weight
    caption: "` + t("仓库出库称重 0.780 kg", "Warehouse dispatch scale: 0.780 kg") + `"
    highlight: [{x: 0.7, y: 0.19, w: 0.26, h: 0.17, note: "` + t("秤显示 0.780 kg", "scale reading 0.780 kg") + `"}]
  - {file: weights/courier.png, kind: courier-weight, caption: "` + t("中通内网揽收称重记录 0.79 kg", "ZTO intranet pick-up weighing: 0.79 kg") + `"}
  - {file: weights/reweigh.jpg, kind: reweigh, caption: "` + t("同款两只装重新打包称重 0.785 kg", "Identical two-cup parcel re-packed: 0.785 kg") + `"}
  - {file: packing.jpg, kind: packing-photo, caption: "` + t("打包时两只保温杯装箱", "Both cups packed in the box") + `"}
  - {file: chat-1.png, kind: chat, caption: "` + t("买家确认签收时外包装完好：“包装是好的，没破”", "The buyer confirms the packaging arrived unbroken") + `"}
  - {file: chat-2.png, kind: chat, caption: "` + t("本店向买家说明包裹重量与两只杯子一致", "The shop explains the parcel weight to the buyer") + `"}
`
	return Sample{
		Name:     "missing-item-" + lang,
		Manifest: manifest,
		Files: []File{
			{"label.jpg", jpegOf(func() image.Image { return DrawLabel(label) }, 88)},
			{"weights/warehouse.jpg", phoneJPEG(func() image.Image {
				return DrawScale(Scale{Grams: 780, Caption: "PDD-20261101-0001", Stamp: "2026-11-01 17:42 仓库出库称重"})
			}, "2026:11:01 17:42:10")},
			{"weights/courier.png", pngOf(func() image.Image {
				return DrawCourierRecord(CourierRecord{Carrier: "中通快递", Title: "揽收称重查询", Highlight: 1, Rows: []CourierRow{
					{"2026-11-01 18:40", "杭州余杭仓前网点", "建包", tracking, "-", "张*"},
					{"2026-11-01 19:05", "杭州余杭仓前网点", "揽收称重", tracking, "0.79", "李*"},
					{"2026-11-02 08:00", "上海转运中心", "到件扫描", tracking, "0.79", "系统"},
					{"2026-11-03 09:30", "上海浦东张江网点", "签收", tracking, "-", "赵*"},
				}})
			})},
			{"weights/reweigh.jpg", jpegOf(func() image.Image {
				return DrawScale(Scale{Grams: 785, Caption: "同款复称 / re-weigh", Stamp: "2026-11-04 10:15 同款重新打包称重"})
			}, 88)},
			{"packing.jpg", jpegOf(func() image.Image {
				return DrawPhoto(Photo{Subject: "不锈钢保温杯 x2", Caption: "PDD-20261101-0001 打包", Packing: true, Seed: 7})
			}, 88)},
			{"chat-1.png", pngOf(func() image.Image {
				return DrawChat(Chat{Title: "王**", Bubbles: []Bubble{
					{Name: "王**", Text: "你好，我收到的包裹里只有一个杯子，少发了一个", Time: "11月3日 11:52"},
					{FromSeller: true, Name: "客服", Text: "您好，非常抱歉给您带来困扰。麻烦您拍一下收到的商品和外包装照片，签收时包裹是否完好？", Time: "11月3日 11:55"},
					{Name: "王**", Text: "包装是好的，没破。就是少一个", Time: "11月3日 11:58"},
				}})
			})},
			{"chat-2.png", pngOf(func() image.Image {
				return DrawChat(Chat{Title: "王**", Bubbles: []Bubble{
					{FromSeller: true, Name: "客服", Text: "我们核对了仓库出库称重 0.780 kg 和快递揽收称重 0.790 kg，与两个杯子加包装的重量一致。", Time: "11月3日 12:10"},
					{Name: "王**", Text: "那我不管，反正就一个 😡", Time: "11月3日 12:12"},
					{FromSeller: true, Name: "客服", Text: "理解您的心情，我们已将称重记录提交平台，请平台协助核实。", Time: "11月3日 12:15"},
				}})
			})},
		},
	}
}
