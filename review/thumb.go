package review

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"

	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/pdf"
)

// Thumbnail box, in pixels: twice the size the page shows them at, for
// high-density screens.
const (
	thumbWidth   = 192
	thumbHeight  = 256
	thumbQuality = 70
)

// thumbnail returns a small JPEG of an image the packet embeds, and its
// size. JPEGs go through imagenorm, which decodes them at 1/2 to 1/8 of
// their size without the full inverse DCT. PNGs (screenshots, which the
// packet keeps lossless) must be decoded whole; they are then halved by
// averaging 2x2 pixels (a bilinear sample midway between four pixels is
// their average) until one more halving would undershoot the box, and
// scaled the rest of the way, a few times cheaper than imagenorm's
// high-quality resampling, which a thumbnail does not need.
func thumbnail(ctx context.Context, im pdf.Image) ([]byte, int, int, error) {
	if im.Format != "png" {
		res, err := imagenorm.Normalise(ctx, im.Data, imagenorm.Options{MaxWidth: thumbWidth, MaxHeight: thumbHeight, JPEGQuality: thumbQuality})
		return res.Data, res.Width, res.Height, err
	}
	var src image.Image
	src, err := png.Decode(bytes.NewReader(im.Data))
	if err != nil {
		return nil, 0, 0, err
	}
	b := src.Bounds()
	w, h := imagenorm.Fit(b.Dx(), b.Dy(), thumbWidth, thumbHeight)
	for b.Dx()/2 >= w && b.Dy()/2 >= h {
		half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), src, image.Rect(b.Min.X, b.Min.Y, b.Min.X+half.Rect.Dx()*2, b.Min.Y+half.Rect.Dy()*2), draw.Src, nil)
		src, b = half, half.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: thumbQuality}); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), w, h, nil
}
