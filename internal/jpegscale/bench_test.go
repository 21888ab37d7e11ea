package jpegscale

import (
	"bytes"
	"context"
	"image/jpeg"
	"testing"
)

// BenchmarkDecode decodes a 12 MP (4032x3024, 4:2:0) JPEG at each scale,
// and with image/jpeg at full size for comparison.
func BenchmarkDecode(b *testing.B) {
	data := goJPEG(b, 4032, 3024, false)
	b.Run("image/jpeg", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	for n := 7; n >= 1; n-- {
		b.Run(string(rune('0'+n))+"/8", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := DecodeEighths(context.Background(), data, n, 1<<24); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
