package imagenorm

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"testing"
)

// The benchmark inputs mirror bench/genorder's order at the default A4,
// 200 DPI boxes: a 12 MP phone photo (4032x3024 with sensor-like noise, EXIF
// orientation and GPS) into one exhibit's box, and a 1170x2532 screenshot
// into half a page (two side by side).
const (
	boxW, boxH         = 1370, 1653 // one figure on A4 at 200 DPI
	halfBoxW, halfBoxH = 661, 1653  // two figures side by side
)

var benchPhotoJPEG []byte

// benchPhoto returns a 4032x3024 quality-92 JPEG of a gradient scene with
// per-pixel noise (about 2.5 MB, like a phone's), built once.
func benchPhoto(b *testing.B) []byte {
	if benchPhotoJPEG != nil {
		return benchPhotoJPEG
	}
	const W, H = 4032, 3024
	img := image.NewYCbCr(image.Rect(0, 0, W, H), image.YCbCrSubsampleRatio420)
	s := uint64(0x9E3779B97F4A7C15)
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			s ^= s >> 12
			s ^= s << 25
			s ^= s >> 27
			v := (x*x/97+y*3+(x^y)&31)&0xFF + int((s*0x2545F4914F6CDD1D)>>61) - 4
			img.Y[y*img.YStride+x] = uint8(min(255, max(0, v)))
		}
	}
	for y := 0; y < H/2; y++ {
		for x := 0; x < W/2; x++ {
			img.Cb[y*img.CStride+x] = uint8(x / 8)
			img.Cr[y*img.CStride+x] = uint8(y / 6)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		b.Fatal(err)
	}
	benchPhotoJPEG = buf.Bytes()
	return benchPhotoJPEG
}

// BenchmarkNormalisePhoto: one 12 MP phone photo into one exhibit's box, per
// EXIF orientation (1 upright, 6 and 8 turned a quarter, 3 half), resized
// to fit the box exactly, and kept at a scaled decode's size within the
// band the packet allows legible evidence (1 to 1.25 times the box).
func BenchmarkNormalisePhoto(b *testing.B) {
	photo := benchPhoto(b)
	for _, band := range []bool{false, true} {
		for _, o := range []int{1, 6, 3, 8} {
			src := withExif(photo, exifSpec{orientation: o, gps: true, date: "2026:11:01 17:42:10"})
			opt, name := Options{MaxWidth: boxW, MaxHeight: boxH}, "box"
			if band {
				opt.BandMin, opt.BandMax, name = 1, 1.25, "band"
			}
			b.Run(name+"/orientation="+string(rune('0'+o)), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Normalise(context.Background(), src, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkDecodePhoto is the floor under BenchmarkNormalisePhoto: decoding
// the same JPEG and nothing else.
func BenchmarkDecodePhoto(b *testing.B) {
	src := benchPhoto(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNormaliseScreenshot: a 1170x2532 PNG chat screenshot, lossless,
// into half a page.
func BenchmarkNormaliseScreenshot(b *testing.B) {
	const W, H = 1170, 2532
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	for i := range img.Pix {
		img.Pix[i] = 237
	}
	for y := 0; y < H; y++ { // "text": short dark runs on bubble rows
		if y%66 >= 30 {
			continue
		}
		for x := 60; x < W-60; x++ {
			if (x*7+y*3)%23 < 9 {
				o := img.PixOffset(x, y)
				img.Pix[o], img.Pix[o+1], img.Pix[o+2] = 25, 25, 25
			}
		}
	}
	src := encPNG(b, img)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Normalise(context.Background(), src, Options{MaxWidth: halfBoxW, MaxHeight: halfBoxH, Lossless: true}); err != nil {
			b.Fatal(err)
		}
	}
}
