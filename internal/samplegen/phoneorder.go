package samplegen

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/sync/errgroup"
)

const (
	phoneW, phoneH         = 4032, 3024 // stored size of every photo
	phoneShotW, phoneShotH = 1170, 2532 // screenshot size
	phoneQuality           = 92         // what phones typically use
)

type benchPhoto struct {
	file, kind, caption string
	orientation         int
	seed                uint64
	draw                func() image.Image
}

type benchShot struct {
	file, kind, caption string
	chat                Chat
}

// phoneSample is the sample whose order data and label the benchmark order reuses.
const phoneSample = "missing-item-en"

// phoneLabel is the label of phoneSample.
func phoneLabel() Label {
	s, err := loadSample(phoneSample)
	if err != nil {
		panic("samplegen: " + err.Error())
	}
	for _, sp := range s.specs {
		if sp.Label != nil {
			return *sp.Label
		}
	}
	panic("samplegen: " + phoneSample + " has no label")
}

func phonePhotos() []benchPhoto {
	label := phoneLabel()
	return []benchPhoto{
		{"label.jpg", "shipping-label", "Shipping label, tracking number " + label.Tracking, 6, 1,
			func() image.Image { return DrawLabel(label) }},
		{"warehouse.jpg", "warehouse-weight", "Warehouse dispatch scale: 0.780 kg", 1, 2,
			func() image.Image {
				return DrawScale(Scale{Grams: 780, Caption: "BENCH-20261101-0001", Stamp: "2026-11-01 17:42 仓库出库称重"})
			}},
		{"reweigh.jpg", "reweigh", "Identical two-cup parcel re-packed: 0.785 kg", 3, 3,
			func() image.Image {
				return DrawScale(Scale{Grams: 785, Caption: "re-weigh", Stamp: "2026-11-04 10:15 同款重新打包称重"})
			}},
		{"packing-1.jpg", "packing-photo", "Both cups packed in the box", 8, 4,
			func() image.Image {
				return DrawPhoto(Photo{Subject: "不锈钢保温杯 x2", Caption: "BENCH-20261101-0001 打包", Packing: true, Seed: 4})
			}},
		{"packing-2.jpg", "packing-photo", "Box taped shut", 1, 5,
			func() image.Image {
				return DrawPhoto(Photo{Subject: "不锈钢保温杯 x2", Caption: "封箱 sealed", Packing: true, Seed: 5})
			}},
		{"packing-3.jpg", "packing-photo", "Box on the dispatch shelf", 6, 6,
			func() image.Image {
				return DrawPhoto(Photo{Subject: "不锈钢保温杯 x2", Caption: "待发货 ready", Packing: true, Seed: 6})
			}},
		{"product-1.jpg", "product-photo", "The two cups before packing", 3, 7,
			func() image.Image {
				return DrawPhoto(Photo{Subject: "不锈钢保温杯 x2", Caption: "A-100 x2", Seed: 7})
			}},
		{"product-2.jpg", "product-photo", "One cup, close up", 8, 8,
			func() image.Image {
				return DrawPhoto(Photo{Subject: "不锈钢保温杯", Caption: "A-100 500 ml", Seed: 8})
			}},
	}
}

func phoneShots() []benchShot {
	tracking := phoneLabel().Tracking
	return []benchShot{
		{"courier-chat.png", "courier-weight", "ZTO courier's pick-up weighing: 0.79 kg", Chat{Title: "中通 李师傅", Bubbles: []Bubble{
			{FromSeller: true, Name: "客服", Text: "李师傅您好，请帮忙查一下运单 " + tracking + " 揽收时的称重", Time: "11月3日 13:02"},
			{Name: "李师傅", Text: "查了，11月1日19:05揽收，称重0.79公斤，系统记录截图发您了", Time: "11月3日 13:20"},
			{FromSeller: true, Name: "客服", Text: "收到，谢谢师傅", Time: "11月3日 13:21"},
			{Name: "李师傅", Text: "不客气，到件扫描也是0.79公斤，中间没有拆过", Time: "11月3日 13:25"},
			{FromSeller: true, Name: "客服", Text: "好的，我们提交给平台", Time: "11月3日 13:26"},
			{Name: "李师傅", Text: "嗯，有需要再找我", Time: "11月3日 13:27"},
		}}},
		{"chat-1.png", "chat", "Chat with the buyer (1)", Chat{Title: "王**", Bubbles: []Bubble{
			{Name: "王**", Text: "你好，我收到的包裹里只有一个杯子，少发了一个", Time: "11月3日 11:52"},
			{FromSeller: true, Name: "客服", Text: "您好，非常抱歉给您带来困扰。麻烦您拍一下收到的商品和外包装照片，签收时包裹是否完好？", Time: "11月3日 11:55"},
			{Name: "王**", Text: "包装是好的，没破。就是少一个", Time: "11月3日 11:58"},
			{FromSeller: true, Name: "客服", Text: "好的，我们马上核对仓库的出库记录和称重，请稍等", Time: "11月3日 12:00"},
			{Name: "王**", Text: "快点", Time: "11月3日 12:01"},
		}}},
		{"chat-2.png", "chat", "Chat with the buyer (2)", Chat{Title: "王**", Bubbles: []Bubble{
			{FromSeller: true, Name: "客服", Text: "我们核对了仓库出库称重 0.780 kg 和快递揽收称重 0.790 kg，与两个杯子加包装的重量一致。", Time: "11月3日 12:10"},
			{Name: "王**", Text: "那我不管，反正就一个", Time: "11月3日 12:12"},
			{FromSeller: true, Name: "客服", Text: "理解您的心情，我们已将称重记录提交平台，请平台协助核实。", Time: "11月3日 12:15"},
			{Name: "王**", Text: "随便你们", Time: "11月3日 12:16"},
			{FromSeller: true, Name: "客服", Text: "如有其他问题随时联系我们，祝您生活愉快", Time: "11月3日 12:17"},
		}}},
	}
}

// WritePhoneOrder writes the benchmark order into dir: 8 phone photos
// (4032x3024 JPEG, about 2.5 MB each, EXIF orientations 1, 6, 3 and 8 twice
// over, capture time and GPS tags) and 3 phone screenshots (1170x2532 PNG),
// with an order.yaml for the missing-item dispute. The same call always
// writes the same bytes.
func WritePhoneOrder(dir string) error { return WritePhoneOrderScaled(dir, 1) }

// WritePhoneOrderScaled writes the benchmark order with photos of a
// div-th of the width and height (4032/div x 3024/div; the screenshots
// keep their size): for tests, which draw a smaller order in a fraction of
// the time.
func WritePhoneOrderScaled(dir string, div int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The photos are drawn at once, as many as there are processors: each
	// has its own seed, so the files are the same whatever the order.
	photos := phonePhotos()
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range photos {
		g.Go(func() error {
			uw, uh := phoneW/div, phoneH/div // upright size
			if p.orientation >= 5 {
				uw, uh = uh, uw
			}
			img := phoneFrame(p.draw(), uw, uh)
			mask := uint64(7)
			if p.kind == "shipping-label" {
				mask = 15 // mostly white paper: more grain for a phone-like file size
			}
			phoneNoise(img, p.seed, mask)
			data, err := EncodeJPEGWithEXIF(img, phoneQuality, EXIF{
				Orientation: p.orientation, DateTimeOriginal: fmt.Sprintf("2026:11:01 17:%02d:10", 30+i),
				Make: "Synthetic", Model: "proofpack genorder", Lat: 30.2741 + float64(i)/1000, Lon: 120.1551,
			})
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, p.file), data, 0o644)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	var evidence string
	for _, p := range photos {
		evidence += fmt.Sprintf("  - {file: %s, kind: %s, caption: %q}\n", p.file, p.kind, p.caption)
	}
	for _, s := range phoneShots() {
		data, err := EncodePNG(phoneScreenshot(DrawChat(s.chat)))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s.file), data, 0o644); err != nil {
			return err
		}
		evidence += fmt.Sprintf("  - {file: %s, kind: %s, caption: %q}\n", s.file, s.kind, s.caption)
	}
	return os.WriteFile(filepath.Join(dir, "order.yaml"), []byte(phoneManifest()+evidence), 0o644)
}

// phoneFrame scales src to cover w x h (cropping the centre of the excess)
// as a phone camera's full-resolution frame.
func phoneFrame(src image.Image, w, h int) *image.RGBA {
	b := src.Bounds()
	scale := max(float64(w)/float64(b.Dx()), float64(h)/float64(b.Dy()))
	cw, ch := int(float64(w)/scale), int(float64(h)/scale)
	crop := image.Rect(0, 0, cw, ch).Add(b.Min).Add(image.Pt((b.Dx()-cw)/2, (b.Dy()-ch)/2))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Rect, src, crop, xdraw.Src, nil)
	return dst
}

// phoneScreenshot scales a 750 px wide chat drawing to a 1170 px wide phone
// screen (the drawing's text is what a 3x phone renders, smoothly scaled)
// and fills or crops it to 2532 rows.
func phoneScreenshot(src image.Image) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, phoneShotW, phoneShotH))
	bg := color.RGBA{237, 237, 237, 255}
	for i := 0; i < len(dst.Pix); i += 4 {
		dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = bg.R, bg.G, bg.B, bg.A
	}
	sh := min(b.Dy()*phoneShotW/b.Dx(), phoneShotH)
	srcH := sh * b.Dx() / phoneShotW
	xdraw.CatmullRom.Scale(dst, image.Rect(0, 0, phoneShotW, sh), src, image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+srcH), xdraw.Src, nil)
	return dst
}

// addNoise adds deterministic sensor-like noise (luma and a little chroma)
// so that the JPEG compresses like a real 12 MP phone photo.
func phoneNoise(img *image.RGBA, seed uint64, mask uint64) {
	s := seed*0x9E3779B97F4A7C15 | 1
	next := func() uint64 { // xorshift64*
		s ^= s >> 12
		s ^= s << 25
		s ^= s >> 27
		return s * 0x2545F4914F6CDD1D
	}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		r := next()
		l := int(r&mask) - int(mask/2) // luma noise
		for c := 0; c < 3; c++ {
			v := int(img.Pix[i+c]) + l + int((r>>(8+4*c))&3) - 1
			img.Pix[i+c] = uint8(min(255, max(0, v)))
		}
	}
}

// phoneManifest is the benchmark order's manifest up to its evidence list:
// phoneSample's order data under another order id.
func phoneManifest() string {
	m, err := readOrder(phoneSample, "order.yaml")
	if err != nil {
		panic("samplegen: " + err.Error())
	}
	facts := string(m)
	facts = facts[strings.Index(facts, "\nplatform:")+1 : strings.Index(facts, "\nevidence:")+1]
	return "# Generated by bench/genorder: the benchmark order (8 phone photos, 3 screenshots).\n" +
		"order_id: \"BENCH-20261101-0001\"\n" + facts + "evidence:\n"
}
