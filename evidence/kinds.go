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
)

// KindInfo describes one evidence kind.
type KindInfo struct {
	Kind  Kind
	Group string // exhibit letter: A shipment, B communication, C goods, D documents
	ZH    string // Chinese name
	EN    string // English name
	// Screenshot kinds keep text legible: they are encoded losslessly.
	Screenshot bool
	// keywords classify a file by its name or folder (lower case).
	keywords []string
}

// Kinds lists every evidence kind in presentation order.
var Kinds = []KindInfo{
	{ShippingLabel, "A", "快递面单", "Shipping label", false, []string{"label", "waybill", "面单", "快递单"}},
	{WarehouseWeight, "A", "仓库称重图", "Warehouse weighing photo", false, []string{"warehouse", "仓库称重", "出库称重", "仓库"}},
	{CourierWeight, "A", "快递内网称重图", "Courier weighing record", true, []string{"courier", "快递称重", "内网", "揽收"}},
	{Reweigh, "A", "重新包装称重", "Re-weigh of an identical parcel", false, []string{"reweigh", "re-weigh", "重新称重", "复称", "重新包装"}},
	{LogisticsProof, "A", "物流证明", "Logistics record", true, []string{"logistics", "tracking", "trace", "物流"}},
	{Chat, "B", "聊天记录截图", "Chat screenshot", true, []string{"chat", "聊天"}},
	{PackingPhoto, "C", "打包照片", "Packing photo", false, []string{"packing", "pack", "打包", "装箱", "发货"}},
	{PackingVideo, "C", "打包视频", "Packing video", false, []string{"打包视频", "装箱视频", "packing-video", "packing video", "packing", "pack", "打包", "装箱"}},
	{DeliveryVideo, "C", "发货视频", "Dispatch video", false, []string{"发货视频", "出库视频", "delivery-video", "delivery", "dispatch", "shipping-video", "发货", "出库"}},
	{ProductPhoto, "C", "商品照片", "Product photo", false, []string{"product", "商品", "产品"}},
	{BuyerPhoto, "C", "买家照片", "Buyer's photo", false, []string{"buyer", "买家"}},
	{BuyerVideo, "C", "开箱视频", "Buyer's unboxing video", false, []string{"开箱视频", "开箱", "unboxing", "buyer-video", "buyer", "买家"}},
	{CatalogProof, "D", "店铺无该商品证明", "Proof the shop never sold the item", true, []string{"catalog", "catalogue", "店铺", "无该商品"}},
	{QualityProof, "D", "商品无质量问题证明", "Proof of no quality problem", true, []string{"quality", "inspection", "certificate", "质检", "质量", "合格"}},
	{Policy, "D", "售后政策", "After-sales policy", true, []string{"policy", "政策", "售后期"}},
}

// classifyOrder is Kinds with the documents first: their names
// ("店铺无该商品证明", "商品无质量问题证明") contain other kinds' keywords.
var classifyOrder = append(append([]KindInfo{}, Kinds[len(Kinds)-3:]...), Kinds[:len(Kinds)-3]...)

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
// order folder: the nearest folder whose name matches a kind wins, then the
// file name. It reports false when nothing matches.
func Classify(p string) (Kind, bool) {
	p = strings.ToLower(path.Clean(strings.ReplaceAll(p, "\\", "/")))
	dir, file := path.Split(p)
	file = strings.TrimSuffix(file, path.Ext(file))
	segs := strings.Split(strings.Trim(dir, "/"), "/")
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
	video := IsVideoFile(p)
	for _, c := range candidates {
		for _, ki := range classifyOrder {
			if IsVideo(ki.Kind) != video {
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

// IsVideoFile reports whether a file's name says it is a video.
func IsVideoFile(p string) bool {
	return slices.Contains(videoExts, strings.ToLower(path.Ext(p)))
}

// IsVideo reports whether k is a kind of video evidence: its exhibits are
// frames taken from the video, not the file itself.
func IsVideo(k Kind) bool {
	return k == PackingVideo || k == DeliveryVideo || k == BuyerVideo
}
