package waybill

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"slices"
	"testing"

	"github.com/proofpack/proofpack/internal/samplegen"
)

var label = samplegen.Label{
	Carrier: "顺丰速运", Tracking: "SF1428850637219",
	From:     samplegen.Party{Name: "杭州暖杯旗舰店", Phone: "0571-8866 2031", Address: "浙江省杭州市余杭区仓前街道良睦路1399号"},
	To:       samplegen.Party{Name: "王丽娜", Phone: "138****5627", Address: "上海市浦东新区张江镇碧波路690号"},
	Contents: "不锈钢保温杯 x2", WeightKg: "0.78", Date: "2026-11-02",
}

// turned returns img rotated by deg (a multiple of 90 or any angle) on a
// larger white canvas, as a photo of the label would be.
func turned(img image.Image, deg float64) image.Image {
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Rect, img, img.Bounds().Min, draw.Src)
	pad := image.NewGray(image.Rect(0, 0, g.Rect.Dx()+200, g.Rect.Dy()+200))
	draw.Draw(pad, pad.Rect, image.NewUniform(color.Gray{0xF0}), image.Point{}, draw.Src)
	draw.Draw(pad, g.Rect.Add(image.Pt(100, 100)), g, image.Point{}, draw.Src)
	return rotate(pad, deg)
}

func TestReadSampleLabel(t *testing.T) {
	img := samplegen.DrawLabel(label)
	for _, deg := range []float64{0, 90, 180, 270, 12, -20, 200} {
		codes := Read(context.Background(), turned(img, deg))
		want := []Code{{"Code 128", label.Tracking}, {"QR", label.Tracking}}
		if !slices.Equal(codes, want) {
			t.Errorf("turned %g°: got %v, want %v", deg, codes, want)
		}
	}
}

func TestReadNothing(t *testing.T) {
	blank := image.NewGray(image.Rect(0, 0, 300, 200))
	if codes := Read(context.Background(), blank); len(codes) != 0 {
		t.Errorf("blank image: %v", codes)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if codes := Read(ctx, samplegen.DrawLabel(label)); len(codes) != 0 {
		t.Errorf("cancelled: %v", codes)
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"SF1428850637219", []string{"SF1428850637219"}},
		{"  sf1428850637219\n", []string{"SF1428850637219"}},
		{"https://example.com/track?no=YT7788990011223&c=yto", []string{"YT7788990011223"}},
		{"7788-9900-1122", []string{"778899001122"}},
		{"运单号:JT5566778899001", []string{"JT5566778899001"}},
		{"310-A01 02", nil},
		{"ABCDEFGHIJ", nil},
		{"", nil},
	} {
		if got := Numbers(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Numbers(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"SF1428850637219", "https://x.cn/?n=YT123456789", "a\x00b\u202e1234567890", "\xff\xfe12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := clean(s)
		if len(c) > maxText {
			t.Fatalf("clean kept %d bytes", len(c))
		}
		for _, n := range Numbers(c) {
			if len(n) < 8 || len(n) > 40 || countDigits(n) < 6 || Normalise(n) != n {
				t.Fatalf("Numbers(%q) gave %q", c, n)
			}
			for _, r := range n {
				if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
					t.Fatalf("Numbers(%q) gave %q with %q", c, n, r)
				}
			}
		}
	})
}

// BenchmarkReadLabel is the cost of checking one sample label photo
// (1200x1700 with a margin), the codes found at the first tilt.
func BenchmarkReadLabel(b *testing.B) {
	img := turned(samplegen.DrawLabel(label), 0)
	for b.Loop() {
		Read(context.Background(), img)
	}
}

// BenchmarkReadBlank is the worst case: nothing to find, every tilt tried.
func BenchmarkReadBlank(b *testing.B) {
	img := image.NewGray(image.Rect(0, 0, 1200, 1700))
	for b.Loop() {
		Read(context.Background(), img)
	}
}
