package samplegen

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/boombuler/barcode/code128"
	"github.com/rwcarlsen/goexif/exif"
)

type drawSample struct {
	name string
	draw func() image.Image
}

var testLabel = Label{
	Carrier: "顺丰速运", Tracking: "SF1428850637219",
	From:     Party{"杭州暖杯旗舰店", "0571-8866 2031", "浙江省杭州市余杭区仓前街道良睦路1399号 梦想小镇3幢 电商仓2号库"},
	To:       Party{"王丽娜", "138****5627", "上海市浦东新区张江镇碧波路690号 张江微电子港6号楼1203室"},
	Contents: "不锈钢保温杯 x2", WeightKg: "0.78", Date: "2026-11-01",
}

func drawSampleSet() []drawSample {
	return []drawSample{
		{"label", func() image.Image { return DrawLabel(testLabel) }},
		{"scale", func() image.Image { return DrawScale(testScale) }},
		{"courier", func() image.Image { return DrawCourierRecord(testCourier) }},
		{"chat", func() image.Image { return DrawChat(testChat) }},
		{"product", func() image.Image { return DrawPhoto(testProduct) }},
		{"packing", func() image.Image { return DrawPhoto(testPacking) }},
		{"document", func() image.Image { return DrawDocument(testDocument) }},
		{"label-us", func() image.Image { return DrawLabel(testUSLabel) }},
		{"trace", func() image.Image { return DrawTrace(testTrace) }},
		{"glass", func() image.Image {
			return DrawPhoto(Photo{Product: glassTeacup, Crack: true, Caption: "收到就裂了", Seed: 5})
		}},
		{"dented", func() image.Image {
			return DrawPhoto(Photo{Subject: "Vacuum cup", Color: "#3FB5A3", Dent: true, Scratch: "lid", Seed: 6, Lang: "en"})
		}},
	}
}

var testUSLabel = Label{
	Carrier: "USPS", Tracking: "9400111899223100012345", Date: "10/03/2026", Reference: "ORD-88213",
	From:     Party{"Moumou Drinkware US", "+1 555-0100", "2200 Commerce Dr, Columbus, OH 43219"},
	To:       Party{"Morgan B.", "+1 555-0167", "310 Pine St, Seattle, WA 98101"},
	Contents: "Vacuum cup x2", WeightKg: "0.78",
}

var testTrace = Trace{Carrier: "顺丰速运", Tracking: "SF1428850637219", Highlight: 3, Events: []TraceEvent{
	{"2026-11-01 18:05", "杭州余杭仓前营业点", "已揽收", "顺丰速运 已收取快件，揽收员：张建国"},
	{"2026-11-02 09:12", "上海浦东集散中心", "运输中", "快件到达 上海浦东集散中心"},
	{"2026-11-02 16:12", "上海张江营业部", "已签收", "快件已签收，签收人：本人，如有疑问请联系派件员 陈伟（电话 138****0000）。感谢使用顺丰，期待再次为您服务"},
}}

var testScale = Scale{Grams: 780, Caption: "订单 20261101-0042 出库称重", Stamp: "2026-11-01 17:42 仓库出库称重"}

var testCourier = CourierRecord{
	Carrier: "顺丰速运", Title: "运单称重记录（内网）", Highlight: 1,
	Rows: []CourierRow{
		{"2026-11-01 18:05:12", "杭州余杭仓前营业点", "揽收称重", "SF1428850637219", "0.78", "张建国"},
		{"2026-11-01 21:47:33", "杭州转运中心", "中转称重", "SF1428850637219", "0.78", "DWS-03"},
		{"2026-11-02 09:12:08", "上海浦东集散中心", "到件扫描", "SF1428850637219", "0.78", "李明"},
		{"2026-11-02 14:30:51", "上海张江营业部", "派件称重", "SF1428850637219", "0.79", "陈伟"},
	},
}

var testChat = Chat{
	Title: "王丽娜（买家）",
	Bubbles: []Bubble{
		{Name: "王丽娜", Text: "你好，我收到的包裹是空的，里面什么都没有 😡", Time: "11月3日 10:12"},
		{FromSeller: true, Name: "暖杯旗舰店", Text: "您好，非常抱歉给您带来困扰！我们出库时有称重记录，包裹重0.780kg，并有打包视频，请问外包装有破损吗？", Time: "11月3日 10:15"},
		{Name: "王丽娜", Text: "没注意，已经扔了👍🏻", Time: "11月3日 10:15"},
		{FromSeller: true, Name: "暖杯旗舰店", Text: "好的，我们这边先联系快递核实，请您稍等🙏", Time: "11月3日 10:20"},
	},
}

var testProduct = Photo{Subject: "不锈钢保温杯", Caption: "商品实拍：316不锈钢保温杯 500ml", Seed: 7}

var testPacking = Photo{Subject: "不锈钢保温杯 x2", Caption: "打包实拍 2026-11-01 17:35 订单 20261101-0042", Packing: true, Seed: 11}

var testDocument = Document{
	Title: "物流签收证明",
	Lines: []string{
		"兹证明：运单号 SF1428850637219 的快件于 2026年11月1日 18:05 由杭州余杭仓前营业点揽收，揽收称重 0.78 kg，与寄件人申报重量一致。",
		"",
		"该快件于 2026年11月2日 14:30 由上海张江营业部派件，收件人王丽娜本人于 2026年11月2日 16:12 签收，签收时外包装完好，无破损、无拆封痕迹，派件称重 0.79 kg。",
		"",
		"特此证明。",
		"",
		"证明单位：顺丰速运有限公司上海张江营业部",
		"日期：2026年11月5日",
	},
	Stamp: "顺丰速运有限公司上海张江营业部",
}

// drawSizes are the expected image sizes (min and max, inclusive) for each sample.
var drawSizes = []struct {
	name       string
	minW, maxW int
	minH, maxH int
}{
	{"label", 900, 1100, 1400, 1600},
	{"scale", 1500, 1700, 1100, 1300},
	{"courier", 1300, 1500, 750, 900},
	{"chat", 750, 750, 600, 3000},
	{"product", 1500, 1700, 1100, 1300},
	{"packing", 1500, 1700, 1100, 1300},
	{"document", 1240, 1240, 1754, 1754},
	{"label-us", 1000, 1000, 1500, 1500},
	{"trace", 1080, 1080, 1200, 3000},
	{"glass", 1600, 1600, 1200, 1200},
	{"dented", 1600, 1600, 1200, 1200},
}

func TestDrawSizesAndDeterminism(t *testing.T) {
	set := drawSampleSet()
	if len(set) != len(drawSizes) {
		t.Fatalf("%d samples, %d expected sizes", len(set), len(drawSizes))
	}
	for i, s := range set {
		want := drawSizes[i]
		if want.name != s.name {
			t.Fatalf("sample %d is %q, sizes list has %q", i, s.name, want.name)
		}
		t.Run(s.name, func(t *testing.T) {
			a := s.draw()
			b := a.Bounds()
			if b.Min != (image.Point{}) || b.Dx() < want.minW || b.Dx() > want.maxW || b.Dy() < want.minH || b.Dy() > want.maxH {
				t.Errorf("bounds %v, want %dx%d..%dx%d", b, want.minW, want.minH, want.maxW, want.maxH)
			}
			// TestDrawGolden pins each drawing's pixels; the same pixels
			// encode to the same bytes.
			j1, err := EncodeJPEG(a, 90)
			if err != nil {
				t.Fatal(err)
			}
			j2, err := EncodeJPEG(a, 90)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(j1, j2) {
				t.Error("the same pixels encode to different JPEG bytes")
			}
			if _, err := jpeg.Decode(bytes.NewReader(j1)); err != nil {
				t.Errorf("JPEG does not decode: %v", err)
			}
		})
	}
	// PNG is deterministic too (on a small image: PNG of a noisy photo is slow).
	p1, err := EncodePNG(DrawCourierRecord(testCourier))
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := EncodePNG(DrawCourierRecord(testCourier))
	if !bytes.Equal(p1, p2) {
		t.Error("two draws encode to different PNG bytes")
	}
	if _, err := png.Decode(bytes.NewReader(p1)); err != nil {
		t.Errorf("PNG does not decode: %v", err)
	}
}

// TestDrawZeroValues checks that empty input draws without panicking.
func TestDrawZeroValues(t *testing.T) {
	for _, img := range []image.Image{
		DrawLabel(Label{}),
		DrawScale(Scale{}),
		DrawScale(Scale{Grams: -1234}),
		DrawScale(Scale{Grams: 123456789}),
		DrawCourierRecord(CourierRecord{Highlight: 5}),
		DrawChat(Chat{}),
		DrawPhoto(Photo{}),
		DrawPhoto(Photo{Packing: true}),
		DrawDocument(Document{}),
		DrawLabel(Label{Tracking: "运单号不是ASCII", Carrier: strings.Repeat("很长的快递公司名称", 5)}),
	} {
		if img.Bounds().Empty() {
			t.Errorf("empty image %v", img.Bounds())
		}
	}
}

// isSmileyYellow reports the fill colour of the stand-in for missing glyphs.
func isSmileyYellow(c color.RGBA) bool { return c.R > 230 && c.G > 180 && c.B < 110 }

func countPixels(img image.Image, r image.Rectangle, f func(color.RGBA) bool) int {
	n := 0
	rgba := toRGBA(img)
	r = r.Intersect(rgba.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if f(rgba.RGBAAt(x, y)) {
				n++
			}
		}
	}
	return n
}

func TestChatEmojiAndGrowth(t *testing.T) {
	emoji := Chat{Title: "测试 🎉", Bubbles: []Bubble{
		{Name: "买家", Text: "😀😀 👨‍👩‍👧 🇨🇳 👍🏻 ✌️ \x00\x07\t\r\n\xff\xfe 末尾🙏", Time: "10:00"},
		{FromSeller: true, Name: "😀", Text: "\u200d\ufe0f", Time: "10:00"},
	}}
	img := DrawChat(emoji)
	if n := countPixels(img, img.Bounds(), isSmileyYellow); n < 200 {
		t.Errorf("only %d smiley-yellow pixels: emoji not drawn as smileys", n)
	}
	// Without emoji there is no smiley yellow at all.
	plain := DrawChat(Chat{Title: "标题", Bubbles: []Bubble{{Name: "买家", Text: "没有表情"}}})
	if n := countPixels(plain, plain.Bounds(), isSmileyYellow); n != 0 {
		t.Errorf("%d smiley-yellow pixels in a chat without emoji", n)
	}

	short := Chat{Title: "对话", Bubbles: testChat.Bubbles[:1]}
	long := Chat{Title: "对话"}
	for i := 0; i < 6; i++ {
		long.Bubbles = append(long.Bubbles, testChat.Bubbles...)
	}
	hs, hl := DrawChat(short).Bounds().Dy(), DrawChat(long).Bounds().Dy()
	if hl <= hs {
		t.Errorf("chat with %d bubbles is %d px tall, with 1 bubble %d px", len(long.Bubbles), hl, hs)
	}
	// A longer text in one bubble also grows the image.
	more := Chat{Bubbles: []Bubble{{Text: strings.Repeat("很长的消息内容，", 30)}}}
	if h := DrawChat(more).Bounds().Dy(); h <= DrawChat(Chat{Bubbles: []Bubble{{Text: "短"}}}).Bounds().Dy() {
		t.Errorf("long message did not grow the chat: %d", h)
	}
}

func TestPenRuns(t *testing.T) {
	p := newPen(30)
	cases := []struct {
		in      string
		smileys int
		text    string
	}{
		{"你好abc", 0, "你好abc"},
		{"好😀的", 1, "好的"},
		{"👨\u200d👩\u200d👧", 1, ""},
		{"🇨🇳🇺🇸", 2, ""},
		{"👍🏻!", 1, "!"},
		{"a\ufe0fb", 0, "ab"},
		{"x\x01\ty", 0, "x y"},
	}
	for _, c := range cases {
		n, text := 0, ""
		for _, r := range p.runs(c.in) {
			if r.smiley {
				n++
			} else {
				text += r.text
			}
		}
		if n != c.smileys || text != c.text {
			t.Errorf("runs(%q): %d smileys, text %q; want %d, %q", c.in, n, text, c.smileys, c.text)
		}
	}
}

func TestWrap(t *testing.T) {
	p := newPen(30)
	s := "我们出库时有称重记录，包裹重0.780kg，并有打包视频。请问外包装有破损吗？Hello world, this is a rather long English sentence."
	for _, w := range []int{200, 333, 450} {
		lines := p.wrap(s, w)
		if len(lines) < 2 {
			t.Fatalf("width %d: %d lines", w, len(lines))
		}
		for _, ln := range lines {
			if ln == "" {
				continue
			}
			first := []rune(ln)[0]
			if strings.ContainsRune("，。？", first) {
				t.Errorf("width %d: line starts with punctuation: %q", w, ln)
			}
			// Pulled-up punctuation may overhang by one glyph.
			if p.width(ln) > w+p.size {
				t.Errorf("width %d: line %q is %d px", w, ln, p.width(ln))
			}
		}
		// Nothing lost but spaces at breaks.
		joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
		if joined != strings.ReplaceAll(s, " ", "") {
			t.Errorf("width %d: text changed: %q", w, joined)
		}
	}
	if got := p.wrap("a\nb", 500); len(got) != 2 {
		t.Errorf("newline not honoured: %q", got)
	}
}

func TestDetSin(t *testing.T) {
	for d := -720; d <= 720; d += 7 {
		x := float64(d) * math.Pi / 180
		if got, want := detSin(x), math.Sin(x); math.Abs(got-want) > 1e-12 {
			t.Errorf("detSin(%d°) = %v, want %v", d, got, want)
		}
		if got, want := detCos(x), math.Cos(x); math.Abs(got-want) > 1e-12 {
			t.Errorf("detCos(%d°) = %v, want %v", d, got, want)
		}
	}
}

func TestKgText(t *testing.T) {
	for g, want := range map[int]string{780: "0.780", 0: "0.000", 12345: "12.345", 5: "0.005", -250: "-0.250"} {
		if got := kgText(g); got != want {
			t.Errorf("kgText(%d) = %q, want %q", g, got, want)
		}
	}
}

func TestSplitQuantity(t *testing.T) {
	for _, c := range []struct {
		in   string
		rest string
		n    int
	}{
		{"不锈钢保温杯 x2", "不锈钢保温杯", 2},
		{"保温杯×3", "保温杯", 3},
		{"保温杯", "保温杯", 1},
		{"box x", "box x", 1},
	} {
		rest, n := splitQuantity(c.in)
		if rest != c.rest || n != c.n {
			t.Errorf("splitQuantity(%q) = %q, %d", c.in, rest, n)
		}
	}
}

// runLengths returns the lengths of the alternating dark/light runs of the
// row y of img between x0 and x1, starting at the first dark pixel.
func runLengths(img *image.RGBA, y, x0, x1 int) []int {
	var runs []int
	started, dark, n := false, false, 0
	for x := x0; x < x1; x++ {
		d := img.RGBAAt(x, y).R < 128
		if !started {
			if !d {
				continue
			}
			started, dark, n = true, true, 0
		}
		if d != dark {
			runs = append(runs, n)
			dark, n = d, 0
		}
		n++
	}
	if started && dark {
		runs = append(runs, n)
	}
	return runs
}

// TestLabelBarcode reads the bars of a Chinese and a US label back and
// checks them module for module against the Code 128 encoding of the
// tracking number.
func TestLabelBarcode(t *testing.T) {
	us := testLabel
	us.Carrier, us.Tracking = "USPS", "9400111899223100012345"
	for _, l := range []Label{testLabel, us} {
		bars := labelBarRect(carrierFor(l.Carrier))
		img := toRGBA(DrawLabel(l))
		got := runLengths(img, (bars.Min.Y+bars.Max.Y)/2, labelMargin+labelRule, labelW-labelMargin-labelRule)
		if len(got) < 40 {
			t.Fatalf("%s: only %d bar/space runs in the barcode row", l.Carrier, len(got))
		}
		bc, err := code128.Encode(l.Tracking)
		if err != nil {
			t.Fatal(err)
		}
		var modules []int
		prev, n := false, 0
		for x := 0; x < bc.Bounds().Dx(); x++ {
			d := barcodeDark(bc, x, 0)
			if x > 0 && d != prev {
				modules = append(modules, n)
				n = 0
			}
			prev = d
			n++
		}
		modules = append(modules, n)
		if len(got) != len(modules) {
			t.Fatalf("%s: %d runs drawn, %d in the symbol", l.Carrier, len(got), len(modules))
		}
		unit := got[0] / modules[0]
		if unit < 2 {
			t.Fatalf("%s: module width %d px is too thin to scan", l.Carrier, unit)
		}
		for i := range got {
			if got[i] != modules[i]*unit {
				t.Fatalf("%s: run %d is %d px, want %d modules of %d px", l.Carrier, i, got[i], modules[i], unit)
			}
		}
	}
}

func TestEncodeJPEGWithEXIF(t *testing.T) {
	// An upright test image: red top-left quadrant, blue top-right, green
	// bottom-left, white bottom-right.
	w, h := 160, 96
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var c color.RGBA
			switch {
			case x < w/2 && y < h/2:
				c = rgb(255, 0, 0)
			case y < h/2:
				c = rgb(0, 0, 255)
			case x < w/2:
				c = rgb(0, 255, 0)
			default:
				c = rgb(255, 255, 255)
			}
			src.SetRGBA(x, y, c)
		}
	}
	meta := EXIF{DateTimeOriginal: "2026:11:01 17:35:08", Make: "Xiaomi", Model: "Redmi Note 13", Lat: 30.2741, Lon: 120.0161}
	for _, o := range []int{1, 2, 3, 4, 5, 6, 7, 8} {
		meta.Orientation = o
		b, err := EncodeJPEGWithEXIF(src, 92, meta)
		if err != nil {
			t.Fatalf("orientation %d: %v", o, err)
		}
		b2, _ := EncodeJPEGWithEXIF(src, 92, meta)
		if !bytes.Equal(b, b2) {
			t.Errorf("orientation %d: output not deterministic", o)
		}
		if !bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF, 0xE1}) || string(b[6:12]) != "Exif\x00\x00" {
			t.Fatalf("orientation %d: does not start with SOI, APP1 Exif: % x", o, b[:12])
		}
		stored, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("orientation %d: decode: %v", o, err)
		}
		sb := stored.Bounds()
		swapped := o >= 5
		if swapped && (sb.Dx() != h || sb.Dy() != w) || !swapped && (sb.Dx() != w || sb.Dy() != h) {
			t.Errorf("orientation %d: stored %v", o, sb)
		}
		// Apply the orientation as a viewer would and compare quadrants.
		shown := applyOrientation(toRGBA(stored), o)
		for _, q := range []struct {
			x, y int
			want color.RGBA
		}{{w / 4, h / 4, rgb(255, 0, 0)}, {3 * w / 4, h / 4, rgb(0, 0, 255)}, {w / 4, 3 * h / 4, rgb(0, 255, 0)}, {3 * w / 4, 3 * h / 4, rgb(255, 255, 255)}} {
			got := shown.RGBAAt(q.x, q.y)
			if absDiff(got.R, q.want.R) > 40 || absDiff(got.G, q.want.G) > 40 || absDiff(got.B, q.want.B) > 40 {
				t.Errorf("orientation %d: shown (%d,%d) = %v, want %v", o, q.x, q.y, got, q.want)
			}
		}

		x, err := exif.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("orientation %d: exif: %v", o, err)
		}
		tag, err := x.Get(exif.Orientation)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := tag.Int(0); v != o {
			t.Errorf("orientation tag %d, want %d", v, o)
		}
		lat, lon, err := x.LatLong()
		if err != nil {
			t.Fatalf("GPS: %v", err)
		}
		if math.Abs(lat-meta.Lat) > 1e-5 || math.Abs(lon-meta.Lon) > 1e-5 {
			t.Errorf("GPS %v,%v, want %v,%v", lat, lon, meta.Lat, meta.Lon)
		}
		for _, f := range []struct {
			name exif.FieldName
			want string
		}{{exif.DateTimeOriginal, meta.DateTimeOriginal}, {exif.Make, meta.Make}, {exif.Model, meta.Model}, {exif.GPSLatitudeRef, "N"}, {exif.GPSLongitudeRef, "E"}} {
			tag, err := x.Get(f.name)
			if err != nil {
				t.Errorf("%s: %v", f.name, err)
				continue
			}
			if s, _ := tag.StringVal(); s != f.want {
				t.Errorf("%s = %q, want %q", f.name, s, f.want)
			}
		}
	}
	// South and west.
	b, err := EncodeJPEGWithEXIF(src, 80, EXIF{Orientation: 1, Lat: -33.8688, Lon: -151.2093})
	if err != nil {
		t.Fatal(err)
	}
	x, err := exif.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if lat, lon, err := x.LatLong(); err != nil || math.Abs(lat+33.8688) > 1e-5 || math.Abs(lon+151.2093) > 1e-5 {
		t.Errorf("GPS S/W: %v,%v %v", lat, lon, err)
	}
	if _, err := EncodeJPEGWithEXIF(src, 80, EXIF{Orientation: 9}); err == nil {
		t.Error("orientation 9 accepted")
	}
}

// applyOrientation does what a viewer does with a stored image.
func applyOrientation(s *image.RGBA, o int) *image.RGBA {
	w, h := s.Rect.Dx(), s.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	d := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 1:
				dx, dy = x, y
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6: // rotate 90° clockwise
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8: // rotate 90° counter-clockwise
				dx, dy = y, w-1-x
			}
			d.SetRGBA(dx, dy, s.RGBAAt(x, y))
		}
	}
	return d
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestCourierGrows(t *testing.T) {
	c := testCourier
	c.Highlight = -1
	for i := 0; i < 20; i++ {
		c.Rows = append(c.Rows, testCourier.Rows...)
	}
	if h := DrawCourierRecord(c).Bounds().Dy(); h <= courierMinH {
		t.Errorf("80 rows fit in %d px", h)
	}
}

func TestDocumentGrowsAndSeal(t *testing.T) {
	d := Document{Title: "很长的文件", Lines: []string{strings.Repeat("这一段文字会被折成很多行。", 200)}}
	if h := DrawDocument(d).Bounds().Dy(); h <= docH {
		t.Errorf("long document is %d px tall", h)
	}
	red := func(c color.RGBA) bool { return c.R > 150 && c.G < 120 && c.B < 120 }
	with := DrawDocument(testDocument)
	if n := countPixels(with, with.Bounds(), red); n < 2000 {
		t.Errorf("seal has only %d red pixels", n)
	}
	noSeal := testDocument
	noSeal.Stamp = ""
	without := DrawDocument(noSeal)
	if n := countPixels(without, without.Bounds(), red); n != 0 {
		t.Errorf("%d red pixels without a stamp", n)
	}
}
