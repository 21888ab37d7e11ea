package samplegen

// wrongItem is the article's second scenario: the shop did send the wrong
// colour. The packet records the remedy: in zh an exchange with the shop
// paying postage both ways (douyin), in en a re-send because returning a
// low-priced tumbler would cost the buyer more than it is worth (amazon).
func wrongItem(lang string) Sample {
	if lang == "zh" {
		return wrongItemZH()
	}
	return wrongItemEN()
}

func wrongItemZH() Sample {
	manifest := `# Sample order: wrong item sent (错发), remedy exchange. Regenerate with: proofpack samples -o samples --render
order_id: "DY-20261108-0217"
platform: douyin
dispute: wrong-item
language: zh
currency: CNY
shop: "某某家居旗舰店"
buyer: "李**"
placed_at: 2026-11-08T10:20:00+08:00
generated_at: 2026-11-12T09:00:00+08:00
items:
  - {sku: B-210-BL, name: "真空保温杯 500ml 雾蓝色", quantity: 1, unit_weight_g: 380, unit_price: 89.00}
shipment:
  carrier: "中通快递"
  tracking_number: ZT2026110817
  shipped_at: 2026-11-08T17:30:00+08:00
  delivered_at: 2026-11-10T14:05:00+08:00
after_sale:
  requested_at: 2026-11-10T18:40:00+08:00
  claim: "买的雾蓝色，收到的是樱粉色"
  type: exchange
  remedy:
    type: exchange
    offered_at: 2026-11-10T19:02:00+08:00
    accepted_at: 2026-11-10T19:20:00+08:00
    return_tracking: YT8826110001
    replacement_tracking: ZT2026111123
    postage_paid_by: seller
timeline:
  - {at: 2026-11-11T10:00:00+08:00, event: "买家寄回樱粉色保温杯，圆通 YT8826110001，运费由本店承担"}
  - {at: 2026-11-11T16:30:00+08:00, event: "本店寄出雾蓝色保温杯，中通 ZT2026111123"}
evidence:
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "买家收到的商品：樱粉色保温杯"}
  - {file: chat-1.png, kind: chat, caption: "买家反映错发，本店致歉并核实"}
  - {file: chat-2.png, kind: chat, caption: "本店提出换货、承担运费，买家同意"}
  - {file: replacement-trace.png, kind: logistics-proof, caption: "换货包裹物流记录，运单号 ZT2026111123"}
`
	return Sample{
		Name:     "wrong-item-zh",
		Manifest: manifest,
		Files: []File{
			{"buyer-photo.jpg", phonePhoto(Photo{Subject: "保温杯 樱粉色", Caption: "收到的是粉色的", Seed: 21}, "2026:11:10 18:31:07", 31.2304, 121.4737)},
			{"chat-1.png", chatPNG(Chat{Title: "李**", Bubbles: []Bubble{
				{Name: "李**", Text: "你好，我买的是雾蓝色，收到的是樱粉色", Time: "11月10日 18:35"},
				{Name: "李**", Text: "照片发你了", Time: "11月10日 18:35"},
				{FromSeller: true, Name: "客服", Text: "非常抱歉！我们马上核对仓库出库记录。", Time: "11月10日 18:50"},
				{FromSeller: true, Name: "客服", Text: "核实了，是仓库拣货拿错了颜色，真的很抱歉给您添麻烦了 🙏", Time: "11月10日 19:00"},
			}})},
			{"chat-2.png", chatPNG(Chat{Title: "李**", Bubbles: []Bubble{
				{FromSeller: true, Name: "客服", Text: "给您换成雾蓝色：粉色的麻烦寄回，运费我们承担，收到后马上寄出正确颜色并告诉您单号。", Time: "11月10日 19:02"},
				{Name: "李**", Text: "好的，可以，那我明天寄回", Time: "11月10日 19:20"},
				{FromSeller: true, Name: "客服", Text: "雾蓝色已寄出，中通 ZT2026111123，请注意查收。", Time: "11月11日 16:35"},
			}})},
			{"replacement-trace.png", courierPNG(CourierRecord{Carrier: "中通快递", Title: "运单轨迹查询", Highlight: 0, Rows: []CourierRow{
				{"2026-11-11 16:30", "杭州余杭仓前网点", "揽收", "ZT2026111123", "0.46", "张*"},
				{"2026-11-12 03:10", "杭州转运中心", "发往上海", "ZT2026111123", "0.46", "系统"},
				{"2026-11-12 08:40", "上海转运中心", "到件扫描", "ZT2026111123", "-", "系统"},
			}})},
		},
	}
}

func wrongItemEN() Sample {
	manifest := `# Sample order: wrong item sent, remedy re-send. Regenerate with: proofpack samples -o samples --render
order_id: "114-3920581-7730215"
platform: amazon
time_zone: America/New_York
dispute: wrong-item
language: en
currency: USD
shop: "Moumou Home"
buyer: "Jordan P."
placed_at: 2026-11-02T09:14:00-05:00
generated_at: 2026-11-12T10:00:00-05:00
items:
  - {sku: TB-20-SL, name: "Insulated tumbler 20 oz, slate blue", quantity: 1, unit_weight_g: 340, unit_price: 18.99}
shipment:
  carrier: "YunExpress / USPS"
  tracking_number: YT2630211000845
  shipped_at: 2026-11-02T20:00:00-05:00
  delivered_at: 2026-11-09T13:22:00-05:00
after_sale:
  requested_at: 2026-11-09T18:05:00-05:00
  claim: "I ordered slate blue and received a pink tumbler"
  remedy:
    type: resend
    offered_at: 2026-11-09T20:30:00-05:00
    accepted_at: 2026-11-10T08:12:00-05:00
    replacement_tracking: YT2631011002213
    note: "Return postage would cost more than the tumbler, so the customer keeps the pink one."
timeline:
  - {at: 2026-11-10T17:45:00-05:00, event: "Slate blue tumbler sent, tracking YT2631011002213"}
evidence:
  - {file: buyer-photo.jpg, kind: buyer-photo, caption: "Customer's photo of the pink tumbler received"}
  - {file: messages.png, kind: chat, caption: "Messages: apology, re-send offered and accepted"}
  - {file: replacement-tracking.png, kind: logistics-proof, caption: "Tracking of the re-sent parcel, YT2631011002213"}
`
	return Sample{
		Name:     "wrong-item-en",
		Manifest: manifest,
		Files: []File{
			{"buyer-photo.jpg", photo(Photo{Subject: "Tumbler pink", Caption: "received: pink, not blue", Seed: 22})},
			{"messages.png", chatPNG(Chat{Title: "Jordan P.", Bubbles: []Bubble{
				{Name: "Jordan P.", Text: "Hi, I ordered the slate blue tumbler but got a pink one. Photo attached.", Time: "Nov 9 18:05"},
				{FromSeller: true, Name: "Moumou Home", Text: "We are so sorry - our warehouse picked the wrong colour. Please keep the pink one; we will send the slate blue tumbler at no cost.", Time: "Nov 9 20:30"},
				{Name: "Jordan P.", Text: "That works, thank you!", Time: "Nov 10 08:12"},
				{FromSeller: true, Name: "Moumou Home", Text: "Sent today, tracking YT2631011002213.", Time: "Nov 10 17:50"},
			}})},
			{"replacement-tracking.png", docPNG(Document{Title: "YunExpress tracking: YT2631011002213", Lines: []string{
				"Service: YunExpress Standard, last mile USPS",
				"Destination: Columbus, OH 43215, United States",
				"",
				"2026-11-10 17:45 (UTC-05:00)  Shipment information received; parcel accepted",
				"2026-11-11 06:20 (UTC-05:00)  Departed origin facility, Hangzhou",
				"2026-11-12 08:05 (UTC-05:00)  In transit to destination country",
			}})},
		},
	}
}
