package samplegen

import (
	"image/color"
	"strings"
)

// carrier is how one carrier's labels and tracking pages look: the data
// that DrawLabel and DrawTrace are parameterised by.
type carrier struct {
	ID      string
	Match   []string   // substrings of a shipment's carrier that select this layout, tried in table order
	Name    string     // as printed on the label's banner and the tracking page's header
	Service string     // service name printed beside the banner
	Lang    string     // "zh" or "en": the language of every fixed string on its label and page
	US      bool       // US arrangement (sender, recipient, then the barcode) instead of a Chinese 面单 (barcode first)
	Letter  string     // US: the service letter in the top-left box, e.g. "G"
	Indicia []string   // US: the postage box in the top-right corner
	Heading string     // printed above the barcode; "" prints none
	Group   int        // print the tracking number in groups of this many characters (0: letter-spaced)
	QR      bool       // a QR code of the tracking number beside the contents
	Brand   color.RGBA // header colour of its tracking page
}

// carriers are the layouts the samples use. Order matters: the first match
// wins ("YunExpress / USPS" is a YunExpress label).
var carriers = []carrier{
	{ID: "yunexpress", Match: []string{"YunExpress", "云途"}, Name: "YunExpress", Service: "Standard Line", Lang: "en",
		QR: true, Brand: rgb(0, 86, 170)},
	{ID: "usps", Match: []string{"USPS"}, Name: "USPS", Service: "USPS GROUND ADVANTAGE", Lang: "en", US: true,
		Letter: "G", Indicia: []string{"US POSTAGE PAID", "e-Postage", "Commercial"}, Heading: "USPS TRACKING # EP", Group: 4,
		Brand: rgb(51, 51, 102)},
	{ID: "ups", Match: []string{"UPS"}, Name: "UPS", Service: "UPS GROUND", Lang: "en", US: true,
		Letter: "G", Indicia: []string{"BILLING: P/P", "1 OF 1"}, Heading: "TRACKING #", Brand: rgb(53, 28, 21)},
	{ID: "fedex", Match: []string{"FedEx"}, Name: "FedEx", Service: "FEDEX GROUND", Lang: "en", US: true,
		Letter: "G", Indicia: []string{"BILL SENDER"}, Heading: "TRK#", Group: 4, Brand: rgb(77, 20, 140)},
	{ID: "zto", Match: []string{"中通", "ZTO"}, Name: "中通快递 ZTO Express", Service: "标准快递", Lang: "zh", QR: true, Brand: rgb(26, 72, 156)},
	{ID: "yto", Match: []string{"圆通", "YTO"}, Name: "圆通速递 YTO Express", Service: "标准快递", Lang: "zh", QR: true, Brand: rgb(92, 40, 128)},
	{ID: "jd", Match: []string{"京东", "JD"}, Name: "京东快递", Service: "特快送", Lang: "zh", QR: true, Brand: rgb(214, 34, 28)},
	{ID: "sf", Match: []string{"顺丰", "SF Express"}, Name: "顺丰速运", Service: "顺丰标快", Lang: "zh", QR: true, Brand: rgb(34, 34, 34)},
	{ID: "yunda", Match: []string{"韵达", "Yunda"}, Name: "韵达快递", Service: "标准快递", Lang: "zh", QR: true, Brand: rgb(90, 54, 140)},
}

// carrierFor returns the layout of the carrier named s (a manifest's
// shipment.carrier). An unknown carrier gets a plain Chinese label with s as
// its name.
func carrierFor(s string) carrier {
	for _, c := range carriers {
		for _, m := range c.Match {
			if strings.Contains(s, m) {
				return c
			}
		}
	}
	if s == "" {
		s = "快递"
	}
	return carrier{ID: "other", Name: s, Service: "标准快递", Lang: "zh", QR: true, Brand: rgb(60, 64, 72)}
}

// words are the fixed strings of labels, tracking pages and documents in
// one language.
type words struct {
	To, From                          string // recipient and sender badges
	Contents, Weight, Date, Reference string // row names of the label's info block
	Payment                           string // the label's payment row, "" for none
	ScanHint, NoBarcode               string
	SignName, SignDate, SmallPrint    string
	Checked                           string // under the service name
	TraceTitle, TraceNumber, Source   string // Source is followed by the carrier's name
	Page                              string // a one-page document's footer
	Fragile                           string // printed on a parcel box
}

var wordsByLang = map[string]words{
	"zh": {
		To: "收", From: "寄", Contents: "托寄物：", Weight: "计费重量：", Date: "寄件日期：", Reference: "订单号：",
		Payment: "付款方式：寄付月结", ScanHint: "扫码查件", NoBarcode: "（无法生成条码）",
		SignName: "签收人：", SignDate: "签收时间：     年    月    日",
		SmallPrint: "快件送达收件人地址，经收件人或收件人（寄件人）允许的代收人签字，视为送达。您的签字代表您已验收此包裹，并已确认商品信息无误、包装完好。",
		Checked:    "电子面单 · 已验视",
		TraceTitle: "物流详情", TraceNumber: "运单号", Source: "数据来源：",
		Page: "第 1 页 / 共 1 页", Fragile: "易碎 · 小心轻放",
	},
	"en": {
		To: "TO", From: "FROM", Contents: "Contents: ", Weight: "Weight: ", Date: "Ship date: ", Reference: "Ref: ",
		ScanHint: "Scan to track", NoBarcode: "(no barcode)",
		SignName: "Received by:", SignDate: "Date:",
		SmallPrint: "Delivery to the recipient's address or mail receptacle completes delivery unless a signature is required. Report damage or loss to the carrier within 30 days.",
		Checked:    "Electronic label",
		TraceTitle: "Tracking history", TraceNumber: "Tracking number", Source: "Scan events as reported by ",
		Page: "Page 1 of 1", Fragile: "FRAGILE · HANDLE WITH CARE",
	},
}

// wordsFor returns the strings of language lang (zh when unknown or empty).
func wordsFor(lang string) words {
	if w, ok := wordsByLang[lang]; ok {
		return w
	}
	return wordsByLang["zh"]
}
