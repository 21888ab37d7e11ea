package imagenorm

import (
	"context"
	"image"
	"testing"
)

// TestPreview: a preview fits the box with the output's aspect ratio on
// both decoding paths (a photo's Y, Cb and Cr planes, a screenshot's RGB),
// leaves the output's bytes as they are without one, and is absent on the
// JPEG fast path, which has no pixels to make it from.
func TestPreview(t *testing.T) {
	ctx := context.Background()
	photo := encJPEG(t, markedImage(1600, 1200), 90)
	shot := encPNG(t, markedImage(750, 1500))
	box := image.Pt(192, 256)
	for _, tc := range []struct {
		name string
		data []byte
		opt  Options
		want image.Point // zero: no preview
	}{
		{"photo", photo, Options{MaxWidth: 800, MaxHeight: 800}, image.Pt(192, 144)},
		{"screenshot", shot, Options{Lossless: true}, image.Pt(128, 256)},
		{"gray", shot, Options{MaxWidth: 500, Gray: true}, image.Pt(128, 256)},
		{"fast path", photo, Options{}, image.Point{}},
	} {
		plain, err := Normalise(ctx, tc.data, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		tc.opt.Preview = box
		res, err := Normalise(ctx, tc.data, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if string(res.Data) != string(plain.Data) {
			t.Errorf("%s: asking for a preview changed the output", tc.name)
		}
		if tc.want == (image.Point{}) {
			if res.Preview != nil {
				t.Errorf("%s: a preview on the fast path", tc.name)
			}
			continue
		}
		if res.Preview == nil {
			t.Fatalf("%s: no preview", tc.name)
		}
		if got := res.Preview.Bounds().Size(); got != tc.want {
			t.Errorf("%s: preview %v; want %v", tc.name, got, tc.want)
		}
		if _, gray := res.Preview.(*image.Gray); gray != tc.opt.Gray {
			t.Errorf("%s: preview is %T; Gray is %v", tc.name, res.Preview, tc.opt.Gray)
		}
	}
}
