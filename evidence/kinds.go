package evidence

import (
	"path"
	"slices"
	"strings"
)

// Kind is a kind of evidence, as named in the dispute scenarios.
type Kind string

// The evidence kinds, in the order exhibits are presented.
const (
	ShippingLabel   Kind = "shipping-label"
	WarehouseWeight Kind = "warehouse-weight"
	CourierWeight   Kind = "courier-weight"
	Reweigh         Kind = "reweigh"
	LogisticsProof  Kind = "logistics-proof"
	Chat            Kind = "chat"
	PackingPhoto    Kind = "packing-photo"
	PackingVideo    Kind = "packing-video"
	DeliveryVideo   Kind = "delivery-video"
	ProductPhoto    Kind = "product-photo"
	BuyerPhoto      Kind = "buyer-photo"
	BuyerVideo      Kind = "buyer-video"
	CatalogProof    Kind = "catalog-proof"
	QualityProof    Kind = "quality-proof"
	Policy          Kind = "policy"
	DeliveryPhoto   Kind = "delivery-photo"
	CustomerEmail   Kind = "customer-email"
	OrderReceipt    Kind = "order-receipt"
	RefundProof     Kind = "refund-proof"
)

// KindInfo describes one evidence kind. Its name in each language is in
// the phrase books (templates/lang/LANG.yaml, kind_NAME).
type KindInfo struct {
	Kind  Kind
	Group string // exhibit letter: A shipment, B communication, C goods, D documents
	// Screenshot kinds keep text legible: they are encoded losslessly.
	Screenshot bool
	// keywords classify a file by its name or folder (lower case).
	keywords []string
}

// Kinds lists every evidence kind in presentation order.
var Kinds = []KindInfo{
	{ShippingLabel, "A", false, []string{"label", "waybill", "面单", "快递单"}},
	{WarehouseWeight, "A", false, []string{"warehouse", "仓库称重", "出库称重", "仓库"}},
	{CourierWeight, "A", true, []string{"courier", "快递称重", "内网", "揽收"}},
	{Reweigh, "A", false, []string{"reweigh", "re-weigh", "重新称重", "复称", "重新包装"}},
	{LogisticsProof, "A", true, []string{"logistics", "tracking", "trace", "物流"}},
	{DeliveryPhoto, "A", false, []string{"delivery-photo", "delivered", "proof-of-delivery", "delivery", "签收照片", "妥投"}},
	{Chat, "B", true, []string{"chat", "聊天"}},
	{CustomerEmail, "B", true, []string{"email", "e-mail", "邮件"}},
	{PackingPhoto, "C", false, []string{"packing", "pack", "打包", "装箱", "发货"}},
	{PackingVideo, "C", false, []string{"打包视频", "装箱视频", "packing-video", "packing video", "packing", "pack", "打包", "装箱"}},
	{DeliveryVideo, "C", false, []string{"发货视频", "出库视频", "delivery-video", "delivery", "dispatch", "shipping-video", "发货", "出库"}},
	{ProductPhoto, "C", false, []string{"product", "商品", "产品"}},
	{BuyerPhoto, "C", false, []string{"buyer", "买家"}},
	{BuyerVideo, "C", false, []string{"开箱视频", "开箱", "unboxing", "buyer-video", "buyer", "买家"}},
	{CatalogProof, "D", true, []string{"catalog", "catalogue", "店铺", "无该商品"}},
	{QualityProof, "D", true, []string{"quality", "inspection", "certificate", "质检", "质量", "合格"}},
	{Policy, "D", true, []string{"policy", "政策", "售后期"}},
	{OrderReceipt, "D", true, []string{"receipt", "invoice", "order-confirmation", "收据", "发票", "小票"}},
	{RefundProof, "D", true, []string{"refund", "退款凭证", "退款记录"}},
}

// classifyOrder is the order in which kinds' keywords are tried: first the
// documents whose names ("店铺无该商品证明", "商品无质量问题证明") contain
// other kinds' keywords, then the rest in presentation order, and last the
// card-dispute kinds, whose keywords ("delivery", "refund") also appear in
// the names of files of the older kinds.
var classifyOrder = func() []KindInfo {
	first := []Kind{CatalogProof, QualityProof, Policy}
	last := []Kind{DeliveryPhoto, CustomerEmail, OrderReceipt, RefundProof}
	var head, mid, tail []KindInfo
	for _, ki := range Kinds {
		switch {
		case slices.Contains(first, ki.Kind):
			head = append(head, ki)
		case slices.Contains(last, ki.Kind):
			tail = append(tail, ki)
		default:
			mid = append(mid, ki)
		}
	}
	return slices.Concat(head, mid, tail)
}()

// LookupKind returns the description of k.
func LookupKind(k Kind) (KindInfo, bool) {
	for _, ki := range Kinds {
		if ki.Kind == k {
			return ki, true
		}
	}
	return KindInfo{}, false
}

// KindNames lists the valid kind names, for error messages and the schema.
func KindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k.Kind)
	}
	return names
}

// Classify guesses the kind of an evidence file from its path inside the
// order folder: in a generic weighing folder (称重/, weights/) the file
// name says whose scale; otherwise the nearest folder whose name matches a
// kind wins, then the file name. It reports false when nothing matches.
func Classify(p string) (Kind, bool) {
	p = strings.ToLower(path.Clean(strings.ReplaceAll(p, "\\", "/")))
	dir, file := path.Split(p)
	file = strings.TrimSuffix(file, path.Ext(file))
	segs := strings.Split(strings.Trim(dir, "/"), "/")
	if k, ok := classifyWeighing(segs[len(segs)-1], file); ok {
		return k, true
	}
	candidates := []string{}
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i] != "" && segs[i] != "." {
			candidates = append(candidates, segs[i])
		}
	}
	candidates = append([]string{file}, candidates...)
	// The nearest folder is more deliberate than a file name: try folders
	// first, nearest first, then the file name.
	if len(candidates) > 1 {
		candidates = append(candidates[1:], candidates[0])
	}
	video := isVideoFile(p)
	for _, c := range candidates {
		for _, ki := range classifyOrder {
			if isVideo(ki.Kind) != video {
				continue // photos and videos have kinds of their own
			}
			for _, kw := range ki.keywords {
				if strings.Contains(c, kw) {
					return ki.Kind, true
				}
			}
		}
	}
	return "", false
}

// videoExts are the file extensions of the videos phones and cameras
// record.
var videoExts = []string{".mp4", ".mov", ".m4v", ".3gp", ".avi", ".mkv", ".webm"}

// isVideoFile reports whether a file's name says it is a video.
func isVideoFile(p string) bool {
	return slices.Contains(videoExts, strings.ToLower(path.Ext(p)))
}

// isVideo reports whether k is a kind of video evidence: its exhibits are
// frames taken from the video, not the file itself.
func isVideo(k Kind) bool {
	return k == PackingVideo || k == DeliveryVideo || k == BuyerVideo
}
