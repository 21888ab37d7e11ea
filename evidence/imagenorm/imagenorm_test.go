package imagenorm

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

var ctx = context.Background()

func TestRejects(t *testing.T) {
	goodJPEG := encJPEG(t, markedImage(64, 48), 90)
	goodPNG := encPNG(t, markedImage(64, 48))
	heic := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x00\x00\x00\x00")
	tests := []struct {
		name    string
		data    []byte
		lim     Limits
		kind    error
		wantMsg string // substring
	}{
		{"empty", nil, Limits{}, ErrCorrupt, "file is empty"},
		{"text", []byte("Hello, this is a shipping note.\n"), Limits{}, ErrUnsupported, "not an image (expected JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF)"},
		{"html", []byte("<!doctype html><html></html>"), Limits{}, ErrUnsupported, "not an image"},
		{"heic without meta", heic, Limits{}, ErrCorrupt, "the HEIC image is corrupt (its header names no primary image with a size)"},
		{"heif mif1", []byte("\x00\x00\x00\x10ftypmif1\x00\x00\x00\x00"), Limits{}, ErrCorrupt, "HEIC"},
		{"huge png header", pngHeaderOnly(50000, 50000, 8, 2), Limits{}, ErrTooLarge,
			"image is 50000x50000 (2500.0 megapixels); the limit is 100 megapixels"},
		{"custom pixel limit", goodPNG, Limits{MaxPixels: 1000}, ErrTooLarge, "image is 64x48 (0.0 megapixels); the limit is 0.001 megapixels"},
		{"byte limit", goodJPEG, Limits{MaxBytes: 100}, ErrTooLarge, "the limit is 100 B"},
		{"zero width png", pngHeaderOnly(0, 10, 8, 2), Limits{}, ErrCorrupt, "corrupt"},
		{"truncated jpeg", goodJPEG[:len(goodJPEG)/2], Limits{}, ErrCorrupt, "the JPEG image is corrupt or truncated (the file ends too early: unexpected EOF)"},
		{"truncated png", goodPNG[:len(goodPNG)/2], Limits{}, ErrCorrupt, "the PNG image is corrupt or truncated"},
		{"jpeg header only", goodJPEG[:20], Limits{}, ErrCorrupt, "JPEG"},
		{"garbage after png signature", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xAB}, 40)...), Limits{}, ErrCorrupt, "PNG"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Normalise(ctx, tc.data, Options{Limits: tc.lim})
			if err == nil {
				t.Fatalf("no error")
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %q is not %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tc.wantMsg)
			}
			for _, other := range []error{ErrCorrupt, ErrUnsupported, ErrTooLarge} {
				if other != tc.kind && errors.Is(err, other) {
					t.Errorf("error %q also matches %v", err, other)
				}
			}
		})
	}
}

// The 50000x50000 header must be refused before anything is allocated for
// pixels.
func TestHugeHeaderDoesNotAllocate(t *testing.T) {
	data := pngHeaderOnly(50000, 50000, 16, 6)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Normalise(ctx, data, Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("allocated %d bytes refusing a header-only file", got)
	}
}

func TestJPEGFastPathKeepsBytes(t *testing.T) {
	src := encJPEG(t, markedImage(300, 200), 90)
	for _, opt := range []Options{{}, {MaxWidth: 300, MaxHeight: 200}, {MaxWidth: 1000}} {
		res, err := Normalise(ctx, src, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !res.KeptOriginal || !bytes.Equal(res.Data, src) {
			t.Errorf("%+v: fast path not taken (KeptOriginal=%v)", opt, res.KeptOriginal)
		}
		if res.Format != "jpeg" || res.Width != 300 || res.Height != 200 {
			t.Errorf("%+v: got %s %dx%d", opt, res.Format, res.Width, res.Height)
		}
	}
	// A JPEG source is never re-encoded losslessly: Lossless keeps the
	// fast path.
	res, err := Normalise(ctx, src, Options{Lossless: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.KeptOriginal || res.Format != "jpeg" || !bytes.Equal(res.Data, src) {
		t.Errorf("lossless: KeptOriginal=%v format=%s", res.KeptOriginal, res.Format)
	}
}

func TestJPEGMetadataStrippedLosslessly(t *testing.T) {
	plain := encJPEG(t, markedImage(120, 80), 90)
	src := withExif(plain, exifSpec{orientation: 1, date: "2024:03:05 14:15:16", gps: true})
	src = insertSegment(src, 0xFE, []byte("shot on a phone"))
	src = insertSegment(src, 0xE2, []byte("ICC_PROFILE\x00\x01\x01fakeprofile"))
	src = insertSegment(src, 0xED, []byte("Photoshop 3.0\x008BIM fake iptc"))
	src = insertSegment(src, 0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	src = append(src, []byte("....ftypmp42 appended motion-photo video....")...)

	res, err := Normalise(ctx, src, Options{MaxWidth: 500, MaxHeight: 500})
	if err != nil {
		t.Fatal(err)
	}
	if res.KeptOriginal {
		t.Fatal("KeptOriginal with metadata present")
	}
	if !res.Info.HasGPS || res.Info.CapturedAt != time.Date(2024, 3, 5, 14, 15, 16, 0, time.UTC) {
		t.Errorf("info = %+v", res.Info)
	}
	for _, m := range jpegMarkers(t, res.Data) {
		if (m >= 0xE1 && m <= 0xEF) || m == 0xFE {
			t.Errorf("marker %#x survived", m)
		}
	}
	if !bytes.HasSuffix(res.Data, []byte{0xFF, 0xD9}) {
		t.Error("trailing data after EOI survived")
	}
	// The stream minus metadata is exactly the plain encoding plus JFIF.
	if want := insertSegment(plain, 0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")); !bytes.Equal(res.Data, want) {
		t.Error("rewritten stream differs from the original minus metadata")
	}
}

func TestJPEGOrientation6WithGPS(t *testing.T) {
	src := withExif(encJPEG(t, markedImage(64, 32), 95), exifSpec{orientation: 6, date: "2023:12:31 23:59:58", gps: true})
	info, err := Inspect(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := Info{Format: "jpeg", Width: 64, Height: 32, Orientation: 6, CapturedAt: time.Date(2023, 12, 31, 23, 59, 58, 0, time.UTC),
		HasGPS: true, Frames: 1, ColorModel: "rgb"}
	if info != want {
		t.Errorf("Inspect = %+v\nwant      %+v", info, want)
	}
	res, err := Normalise(ctx, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.KeptOriginal || res.Width != 32 || res.Height != 64 {
		t.Fatalf("got %dx%d kept=%v, want 32x64 re-encoded", res.Width, res.Height, res.KeptOriginal)
	}
	for _, m := range jpegMarkers(t, res.Data) {
		if m >= 0xE1 && m <= 0xEF {
			t.Errorf("APP%d segment in output", m-0xE0)
		}
	}
	img := decodeAny(t, res.Data)
	if b := img.Bounds(); b.Dx() != 32 || b.Dy() != 64 {
		t.Fatalf("decoded %v", b)
	}
	// Rotated 90° clockwise: stored top-left (red) is now top-right, stored
	// top-right (blue) is now bottom-right.
	if c := img.At(32-6, 5); !near(c, red, 40) {
		t.Errorf("top-right = %v, want red", c)
	}
	if c := img.At(32-6, 64-6); !near(c, blue, 40) {
		t.Errorf("bottom-right = %v, want blue", c)
	}
	if c := img.At(5, 5); !near(c, gray, 30) {
		t.Errorf("top-left = %v, want gray", c)
	}
}

func TestAllOrientations(t *testing.T) {
	const W, H = 64, 32
	type corner int
	const (
		TL corner = iota
		TR
		BL
		BR
	)
	// Where the stored top-left (red) and stored top-right (blue) markers
	// must appear once the image is upright (EXIF 2.32, tag 0x0112).
	tests := []struct {
		o         int
		red, blue corner
	}{
		{1, TL, TR},
		{2, TR, TL},
		{3, BR, BL},
		{4, BL, BR},
		{5, TL, BL},
		{6, TR, BR},
		{7, BR, TR},
		{8, BL, TL},
	}
	plainJPEG := encJPEG(t, markedImage(W, H), 95)
	plainPNG := encPNG(t, markedImage(W, H))
	for _, tc := range tests {
		inputs := map[string][]byte{
			"jpeg": withExif(plainJPEG, exifSpec{orientation: tc.o}),
			"png":  insertPNGChunk(plainPNG, "eXIf", buildExif(exifSpec{orientation: tc.o})),
		}
		for name, src := range inputs {
			for _, lossless := range []bool{false, true} {
				res, err := Normalise(ctx, src, Options{Lossless: lossless})
				if err != nil {
					t.Fatalf("o=%d %s: %v", tc.o, name, err)
				}
				if res.Info.Orientation != tc.o {
					t.Fatalf("o=%d %s: Info.Orientation=%d", tc.o, name, res.Info.Orientation)
				}
				ow, oh := W, H
				if tc.o >= 5 {
					ow, oh = H, W
				}
				img := decodeAny(t, res.Data)
				if res.Width != ow || res.Height != oh || img.Bounds() != image.Rect(0, 0, ow, oh) {
					t.Fatalf("o=%d %s: %dx%d (decoded %v), want %dx%d", tc.o, name, res.Width, res.Height, img.Bounds(), ow, oh)
				}
				at := func(c corner) color.Color {
					x, y := 6, 6
					if c == TR || c == BR {
						x = ow - 7
					}
					if c == BL || c == BR {
						y = oh - 7
					}
					return img.At(x, y)
				}
				for c := TL; c <= BR; c++ {
					want := gray
					switch c {
					case tc.red:
						want = red
					case tc.blue:
						want = blue
					}
					if got := at(c); !near(got, want, 40) {
						t.Errorf("o=%d %s lossless=%v: corner %d = %v, want %v", tc.o, name, lossless, c, got, want)
					}
				}
			}
		}
	}
}

func TestPNG16BitAlpha(t *testing.T) {
	src := image.NewNRGBA64(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			switch {
			case x < 10:
				src.SetNRGBA64(x, y, color.NRGBA64{0xFFFF, 0, 0, 0}) // invisible red
			case x < 20:
				src.SetNRGBA64(x, y, color.NRGBA64{0, 0, 0xFFFF, 0xFFFF}) // blue
			default:
				src.SetNRGBA64(x, y, color.NRGBA64{0, 0, 0, 0x8000}) // half black
			}
		}
	}
	data := encPNG(t, src)
	info, err := Inspect(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if info.ColorModel != "rgba64" {
		t.Errorf("ColorModel = %q", info.ColorModel)
	}
	for _, lossless := range []bool{true, false} {
		res, err := Normalise(ctx, data, Options{Lossless: lossless})
		if err != nil {
			t.Fatal(err)
		}
		tol := 0
		if lossless {
			// IHDR: 8-bit truecolour, no alpha.
			if res.Data[24] != 8 || res.Data[25] != 2 {
				t.Errorf("PNG depth=%d colour type=%d, want 8/2", res.Data[24], res.Data[25])
			}
		} else {
			tol = 12
		}
		img := decodeAny(t, res.Data)
		for _, p := range []struct {
			x    int
			want color.NRGBA
		}{{3, white}, {14, blue}, {30, color.NRGBA{127, 127, 127, 255}}} {
			if got := img.At(p.x, 10); !near(got, p.want, tol+1) {
				t.Errorf("lossless=%v x=%d: %v, want %v", lossless, p.x, got, p.want)
			}
		}
	}
}

func TestPalettedPNG(t *testing.T) {
	pal := color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 128, 0, 255}}
	src := image.NewPaletted(image.Rect(0, 0, 30, 10), pal)
	for y := 0; y < 10; y++ {
		for x := 0; x < 30; x++ {
			src.SetColorIndex(x, y, uint8(x/10))
		}
	}
	data := encPNG(t, src)
	res, err := Normalise(ctx, data, Options{Lossless: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Info.ColorModel != "paletted" {
		t.Errorf("ColorModel = %q", res.Info.ColorModel)
	}
	if res.Data[25] != 2 {
		t.Errorf("colour type %d, want 2 (RGB)", res.Data[25])
	}
	img := decodeAny(t, res.Data)
	for x, want := range map[int]color.NRGBA{5: white, 15: red, 25: {0, 128, 0, 255}} {
		if got := img.At(x, 5); !near(got, want, 0) {
			t.Errorf("x=%d: %v, want %v", x, got, want)
		}
	}
}

func TestGrayStaysGray(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 200, 100))
	for i := range g.Pix {
		g.Pix[i] = uint8(i % 200)
	}
	tests := []struct {
		name string
		data []byte
		opt  Options
	}{
		{"jpeg fast path", encJPEG(t, g, 90), Options{}},
		{"jpeg resized", encJPEG(t, g, 90), Options{MaxWidth: 50}},
		{"jpeg rotated", withExif(encJPEG(t, g, 90), exifSpec{orientation: 8}), Options{}},
		{"png lossless", encPNG(t, g), Options{Lossless: true}},
		{"png to jpeg", encPNG(t, g), Options{MaxHeight: 30}},
		{"gray16 png", encPNG(t, image.NewGray16(image.Rect(0, 0, 20, 20))), Options{Lossless: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Normalise(ctx, tc.data, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !isGrayModel(res.Info.ColorModel) {
				t.Errorf("Info.ColorModel = %q", res.Info.ColorModel)
			}
			img := decodeAny(t, res.Data)
			if _, ok := img.(*image.Gray); !ok {
				t.Errorf("output decodes to %T, want *image.Gray", img)
			}
		})
	}
}

func TestCMYKJPEG(t *testing.T) {
	// Ink percentages per 8-pixel column band: cyan, magenta, yellow, black, none.
	inks := [][4]uint8{{255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}, {0, 0, 0, 0}}
	want := []color.NRGBA{{0, 255, 255, 255}, {255, 0, 255, 255}, {255, 255, 0, 255}, {0, 0, 0, 255}, white}
	data := encode4CompJPEG(40, 16, 0, func(x, y int) [4]uint8 {
		ink := inks[x/8]
		return [4]uint8{255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]} // Adobe inverted
	})
	if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
		t.Fatalf("test encoder produced an undecodable CMYK JPEG: %v", err)
	}
	res, err := Normalise(ctx, data, Options{Lossless: true}) // a JPEG source: JPEG all the same
	if err != nil {
		t.Fatal(err)
	}
	if res.Info.ColorModel != "cmyk" || res.KeptOriginal {
		t.Errorf("ColorModel=%q KeptOriginal=%v", res.Info.ColorModel, res.KeptOriginal)
	}
	img := decodeAny(t, res.Data)
	if _, ok := img.(*image.CMYK); ok {
		t.Fatal("output is still CMYK")
	}
	for i, w := range want {
		if got := img.At(i*8+4, 8); !near(got, w, 24) { // JPEG's chroma at the band edges
			t.Errorf("band %d: %v, want %v", i, got, w)
		}
	}
	// JPEG output too: must be a 3-component (YCbCr) JPEG.
	res, err = Normalise(ctx, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(res.Data)); err != nil || cfg.ColorModel != color.YCbCrModel {
		t.Errorf("jpeg output: %v %v", cfg.ColorModel, err)
	}

	// YCCK is recognised and converted too.
	ycck := encode4CompJPEG(16, 16, 2, func(x, y int) [4]uint8 { return [4]uint8{200, 128, 128, 255} })
	res, err = Normalise(ctx, ycck, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Info.ColorModel != "ycck" {
		t.Errorf("YCCK ColorModel = %q", res.Info.ColorModel)
	}
}

func TestAnimatedGIF(t *testing.T) {
	pal := color.Palette{color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}, color.RGBA{0, 0, 0, 0}}
	f1 := image.NewPaletted(image.Rect(0, 0, 20, 10), pal) // all red
	f2 := image.NewPaletted(image.Rect(0, 0, 20, 10), pal)
	for i := range f2.Pix {
		f2.Pix[i] = 1
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{f1, f2}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	res, err := Normalise(ctx, buf.Bytes(), Options{Lossless: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Info.Frames != 2 || res.Info.Format != "gif" || res.Info.ColorModel != "paletted" {
		t.Errorf("Info = %+v", res.Info)
	}
	if got := decodeAny(t, res.Data).At(10, 5); !near(got, red, 0) {
		t.Errorf("first frame pixel = %v, want red", got)
	}

	// A first frame smaller than the logical screen: the rest is white.
	small := image.NewPaletted(image.Rect(5, 2, 10, 6), pal)
	buf.Reset()
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{small}, Delay: []int{0},
		Config: image.Config{ColorModel: pal, Width: 20, Height: 10}}); err != nil {
		t.Fatal(err)
	}
	res, err = Normalise(ctx, buf.Bytes(), Options{Lossless: true})
	if err != nil {
		t.Fatal(err)
	}
	img := decodeAny(t, res.Data)
	if img.Bounds().Dx() != 20 || !near(img.At(1, 1), white, 0) || !near(img.At(7, 3), red, 0) {
		t.Errorf("partial frame: bounds %v, (1,1)=%v (7,3)=%v", img.Bounds(), img.At(1, 1), img.At(7, 3))
	}
}

func TestOtherFormats(t *testing.T) {
	src := markedImage(64, 32)
	var bmpBuf, tiffBuf, tiffDeflate bytes.Buffer
	if err := bmp.Encode(&bmpBuf, src); err != nil {
		t.Fatal(err)
	}
	if err := tiff.Encode(&tiffBuf, src, nil); err != nil {
		t.Fatal(err)
	}
	if err := tiff.Encode(&tiffDeflate, src, &tiff.Options{Compression: tiff.Deflate}); err != nil {
		t.Fatal(err)
	}
	// Paletted-image GIF with the web-safe palette.
	pimg := image.NewPaletted(src.Bounds(), palette.WebSafe)
	for y := 0; y < 32; y++ {
		for x := 0; x < 64; x++ {
			pimg.Set(x, y, src.At(x, y))
		}
	}
	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, pimg, nil); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"bmp": bmpBuf.Bytes(), "tiff": tiffBuf.Bytes(), "tiff-deflate": tiffDeflate.Bytes(), "gif": gifBuf.Bytes()} {
		res, err := Normalise(ctx, data, Options{Lossless: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.HasPrefix(name, res.Info.Format) || res.Width != 64 || res.Height != 32 {
			t.Errorf("%s: format %q %dx%d", name, res.Info.Format, res.Width, res.Height)
		}
		img := decodeAny(t, res.Data)
		if !near(img.At(4, 4), red, 0) || !near(img.At(60, 4), blue, 0) || !near(img.At(30, 20), color.NRGBA{0x99, 0x99, 0x99, 255}, 0x99-0x80) {
			t.Errorf("%s: pixels wrong: %v %v %v", name, img.At(4, 4), img.At(60, 4), img.At(30, 20))
		}
	}
}

func TestWebP(t *testing.T) {
	// 1x1 lossless (VP8L) and lossy (VP8) WebP files.
	lossless := []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	lossy := []byte("RIFF\x22\x00\x00\x00WEBPVP8 \x16\x00\x00\x00\x30\x01\x00\x9d\x01\x2a\x01\x00\x01\x00\x0e\xc0\xfe\x25\xa4\x00\x03\x70\x00\x00\x00\x00")
	for name, data := range map[string][]byte{"lossless": lossless, "lossy": lossy} {
		res, err := Normalise(ctx, data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Info.Format != "webp" || res.Width != 1 || res.Height != 1 || res.Format != "jpeg" {
			t.Errorf("%s: %+v", name, res)
		}
	}
}

func TestResizeFitsBox(t *testing.T) {
	tests := []struct {
		w, h, maxW, maxH int
		o                int
		wantW, wantH     int
	}{
		{400, 300, 200, 200, 1, 200, 150},
		{400, 300, 0, 100, 1, 133, 100},
		{400, 300, 100, 0, 1, 100, 75},
		{400, 300, 1000, 1000, 1, 400, 300}, // never upscale
		{400, 300, 400, 300, 1, 400, 300},
		{400, 300, 0, 0, 1, 400, 300},
		{300, 400, 1654, 2339, 1, 300, 400},
		{400, 300, 200, 200, 6, 150, 200}, // box applies to the upright image
		{400, 300, 300, 100, 6, 75, 100},
		{2000, 30, 50, 50, 1, 50, 1},   // big shrink factor, at least 1 pixel
		{1000, 999, 97, 97, 1, 97, 97}, // rounding never exceeds the box
		{1001, 700, 333, 333, 1, 333, 233},
	}
	for _, tc := range tests {
		img := markedImage(tc.w, tc.h)
		for _, lossless := range []bool{false, true} {
			var data []byte
			if lossless {
				data = insertPNGChunk(encPNG(t, img), "eXIf", buildExif(exifSpec{orientation: tc.o}))
			} else {
				data = withExif(encJPEG(t, img, 80), exifSpec{orientation: tc.o})
			}
			res, err := Normalise(ctx, data, Options{MaxWidth: tc.maxW, MaxHeight: tc.maxH, Lossless: lossless})
			if err != nil {
				t.Fatal(err)
			}
			if res.Width != tc.wantW || res.Height != tc.wantH {
				t.Errorf("%dx%d o=%d into %dx%d (lossless=%v): got %dx%d, want %dx%d",
					tc.w, tc.h, tc.o, tc.maxW, tc.maxH, lossless, res.Width, res.Height, tc.wantW, tc.wantH)
			}
			if b := decodeAny(t, res.Data).Bounds(); b.Dx() != res.Width || b.Dy() != res.Height {
				t.Errorf("decoded bounds %v disagree with %dx%d", b, res.Width, res.Height)
			}
		}
	}
}

// A strong shrink keeps colours right (the box pre-shrink averages).
func TestDownscaleAverages(t *testing.T) {
	// 1-pixel black/white checkerboard: any correct filter gives mid gray.
	img := image.NewNRGBA(image.Rect(0, 0, 999, 601))
	for y := 0; y < 601; y++ {
		for x := 0; x < 999; x++ {
			v := uint8(255 * ((x + y) & 1))
			img.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	res, err := Normalise(ctx, encPNG(t, img), Options{MaxWidth: 100, Lossless: true})
	if err != nil {
		t.Fatal(err)
	}
	out := decodeAny(t, res.Data)
	for _, p := range []image.Point{{1, 1}, {50, 30}, {98, 58}} {
		if !near(out.At(p.X, p.Y), color.NRGBA{128, 128, 128, 255}, 3) {
			t.Errorf("%v = %v, want mid gray", p, out.At(p.X, p.Y))
		}
	}
}

func TestDeterministic(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 1200, 900))
	for i := range img.Pix {
		img.Pix[i] = uint8(i*7 + i/4099)
	}
	src := withExif(encJPEG(t, img, 90), exifSpec{orientation: 5, gps: true})
	for _, opt := range []Options{{MaxWidth: 500, MaxHeight: 500}, {MaxWidth: 333, Lossless: true}} {
		a, err := Normalise(ctx, src, opt)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Normalise(ctx, src, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Data, b.Data) {
			t.Errorf("%+v: two runs differ", opt)
		}
	}
}

func TestBrokenExifIgnored(t *testing.T) {
	plain := encJPEG(t, markedImage(32, 32), 90)
	full := buildExif(exifSpec{orientation: 6, date: "2020:01:02 03:04:05", dateTime: "2019:01:01 00:00:00", gps: true})
	// Every truncation, plus some corrupted offsets, must neither panic nor fail.
	var variants [][]byte
	for n := 0; n <= len(full); n++ {
		variants = append(variants, full[:n])
	}
	for i := 4; i < len(full); i += 3 {
		v := append([]byte{}, full...)
		v[i] ^= 0xFF
		variants = append(variants, v)
	}
	variants = append(variants, []byte("MM\x00*\xff\xff\xff\xff"), []byte("II*\x00\x08\x00\x00\x00\xff\xff"))
	for i, ex := range variants {
		data := insertSegment(plain, 0xE1, append([]byte("Exif\x00\x00"), ex...))
		res, err := Normalise(ctx, data, Options{})
		if err != nil {
			t.Fatalf("variant %d: %v", i, err)
		}
		if o := res.Info.Orientation; o < 1 || o > 8 {
			t.Fatalf("variant %d: orientation %d", i, o)
		}
	}
	// The complete block parses; DateTimeOriginal wins over DateTime.
	m := parseExif(full)
	if m.orientation != 6 || !m.hasGPS || m.captured != time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC) {
		t.Errorf("parseExif = %+v", m)
	}
	if m := parseExif(buildExif(exifSpec{dateTime: "2019:07:08 09:10:11"})); m.captured != time.Date(2019, 7, 8, 9, 10, 11, 0, time.UTC) || m.hasGPS {
		t.Errorf("DateTime fallback: %+v", m)
	}
	if m := parseExif(buildExif(exifSpec{date: "0000:00:00 00:00:00"})); !m.captured.IsZero() {
		t.Errorf("zero date accepted: %+v", m)
	}
	info, _ := Inspect(withExif(plain, exifSpec{orientation: 9}), Limits{})
	if info.Orientation != 1 {
		t.Errorf("orientation 9 gave %d", info.Orientation)
	}
}

func TestContextCancelled(t *testing.T) {
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := Normalise(c, encPNG(t, markedImage(20, 20)), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestOutputHasNoMetadataChunks(t *testing.T) {
	src := encPNG(t, markedImage(40, 40))
	src = insertPNGChunk(src, "tEXt", []byte("Comment\x00secret"))
	src = insertPNGChunk(src, "eXIf", buildExif(exifSpec{orientation: 1, gps: true}))
	res, err := Normalise(ctx, src, Options{Lossless: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Info.HasGPS {
		t.Error("HasGPS not reported for PNG eXIf")
	}
	for _, bad := range []string{"tEXt", "eXIf", "iTXt", "zTXt", "iCCP", "tRNS", "secret"} {
		if bytes.Contains(res.Data, []byte(bad)) {
			t.Errorf("output contains %q", bad)
		}
	}
	if _, err := png.Decode(bytes.NewReader(res.Data)); err != nil {
		t.Fatal(err)
	}
}

func FuzzNormalise(f *testing.F) {
	f.Add(encJPEG(f, markedImage(20, 10), 80))
	f.Add(encPNG(f, markedImage(20, 10)))
	f.Add(withExif(encJPEG(f, markedImage(20, 10), 80), exifSpec{orientation: 6, gps: true}))
	f.Add(pngHeaderOnly(100, 100, 8, 6))
	// Large enough for the reduced-size decode (1/4) into the 16x16 box.
	f.Add(encJPEG(f, markedImage(64, 40), 80))
	f.Add(withExif(encJPEG(f, markedImage(64, 40), 80), exifSpec{orientation: 6}))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Without and with a redaction (which changes the decoding path).
		for _, redact := range [][]image.Rectangle{nil, {image.Rect(3, 2, 21, 9)}} {
			res, err := Normalise(context.Background(), data, Options{MaxWidth: 16, MaxHeight: 16, Limits: Limits{MaxPixels: 1 << 20}, Redact: redact})
			if err != nil {
				if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrTooLarge) {
					t.Fatalf("unclassified error: %v", err)
				}
				return
			}
			if res.Width > 16 || res.Height > 16 || len(res.Data) == 0 {
				t.Fatalf("bad result %dx%d", res.Width, res.Height)
			}
		}
	})
}

func BenchmarkNormalise(b *testing.B) {
	const W, H = 4032, 3024
	img := image.NewYCbCr(image.Rect(0, 0, W, H), image.YCbCrSubsampleRatio420)
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			img.Y[y*img.YStride+x] = uint8((x*x/97 + y*3 + (x^y)&31) & 0xFF)
		}
	}
	for y := 0; y < H/2; y++ {
		for x := 0; x < W/2; x++ {
			img.Cb[y*img.CStride+x] = uint8(x / 8)
			img.Cr[y*img.CStride+x] = uint8(y / 6)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	src := withExif(buf.Bytes(), exifSpec{orientation: 1, gps: true})
	opt := Options{MaxWidth: 1654, MaxHeight: 2339}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		res, err := Normalise(context.Background(), src, opt)
		if err != nil || res.Width != 1654 {
			b.Fatal(err, res.Width)
		}
	}
}

// The fused YCbCr box shrink agrees with convert-then-average.
func TestYCbCrBoxShrinkMatchesGeneric(t *testing.T) {
	ratios := []image.YCbCrSubsampleRatio{
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
	}
	for _, ratio := range ratios {
		src := image.NewYCbCr(image.Rect(0, 0, 101, 67), ratio)
		// In-gamut values: the fused path differs only by rounding there
		// (out-of-gamut colours are clamped after, not before, averaging).
		for i := range src.Y {
			src.Y[i] = uint8(60 + (i*13)%130)
		}
		for i := range src.Cb {
			src.Cb[i] = uint8(114 + (i*7)%28)
			src.Cr[i] = uint8(118 + (i*5)%20)
		}
		for _, k := range []int{2, 3, 5} {
			got, ok := ycbcrBoxShrink(src, k)
			if !ok {
				t.Fatalf("%v: not handled", ratio)
			}
			want := boxRefNRGBA(toOpaqueNRGBA(src, src.Rect), k)
			if got.Rect != want.Rect {
				t.Fatalf("%v k=%d: %v vs %v", ratio, k, got.Rect, want.Rect)
			}
			for i := range got.Pix {
				if d := int(got.Pix[i]) - int(want.Pix[i]); d < -2 || d > 2 {
					t.Fatalf("%v k=%d: byte %d = %d, generic %d", ratio, k, i, got.Pix[i], want.Pix[i])
				}
			}
		}
	}
}

func TestJFIFThumbnailStripped(t *testing.T) {
	plain := encJPEG(t, markedImage(40, 30), 90)
	thumb := []byte("JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x01\x01\xff\x00\x00")
	res, err := Normalise(ctx, insertSegment(plain, 0xE0, thumb), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := insertSegment(plain, 0xE0, []byte("JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x00\x00"))
	if res.KeptOriginal || !bytes.Equal(res.Data, want) {
		t.Errorf("JFIF thumbnail not removed (kept=%v)", res.KeptOriginal)
	}
}

func TestJFXXAndShortAPP0Stripped(t *testing.T) {
	plain := encJPEG(t, markedImage(40, 30), 90)
	for _, p := range [][]byte{[]byte("JFXX\x00\x10"), {}, []byte("J")} {
		res, err := Normalise(ctx, insertSegment(plain, 0xE0, p), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.KeptOriginal || !bytes.Equal(res.Data, plain) {
			t.Errorf("APP0 %q not removed", p)
		}
	}
}

// RGB-coded JPEGs (Adobe transform 0) are re-encoded, not passed through.
func TestAdobeRGBJPEGNotPassedThrough(t *testing.T) {
	plain := encJPEG(t, markedImage(40, 30), 90)
	data := insertSegment(plain, 0xEE, []byte{'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0})
	res, err := Normalise(ctx, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.KeptOriginal || bytes.Contains(res.Data, []byte("Adobe")) {
		t.Errorf("RGB-coded JPEG passed through (kept=%v)", res.KeptOriginal)
	}
}
