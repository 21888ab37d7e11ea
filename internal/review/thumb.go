package review

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"

	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/internal/jpegscale"
	"github.com/proofpack/proofpack/packet"
)

// Thumbnail box, in pixels: twice the size the page shows them at, for
// high-density screens. A thumbnail may come out smaller (see thumbnail),
// never under the size shown.
const (
	thumbWidth   = 192
	thumbHeight  = 256
	thumbQuality = 70
)

// ThumbBox is the box thumbnails fit in: a build given it as
// packet.Options.PreviewBox hands over pixels of that size, so that most
// thumbnails need no decoding at all.
var ThumbBox = image.Pt(thumbWidth, thumbHeight)

// thumbnail returns a small JPEG of an image the packet embeds, and its
// size. It costs a small fraction of the build, which already made these
// images: the build's own small rendition (Preview.Pixels, see ThumbBox)
// is only encoded; without one, a JPEG is decoded at 1/8 of its size (each 8x8 block's average
// alone, no inverse DCT) when that still covers the size the page shows, a
// PNG (screenshots, which the packet keeps lossless) is decoded whole; then
// the image is halved by averaging 2x2 pixels (a bilinear sample midway
// between four pixels is their average) while it is over twice the box,
// and scaled the rest of the way.
func thumbnail(ctx context.Context, p packet.Preview) ([]byte, int, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, 0, err
	}
	im := p.Image
	src := p.Pixels
	var err error
	switch {
	case src != nil:
	case im.Format == "png":
		src, err = png.Decode(bytes.NewReader(im.Data))
	default:
		denom := 8
		for denom > 1 {
			if w, h := jpegscale.Size(im.Width, im.Height, denom); w >= thumbWidth/2 || h >= thumbHeight/2 {
				break
			}
			denom /= 2
		}
		if denom > 1 {
			src, err = jpegscale.Decode(ctx, im.Data, denom, imagenorm.DefaultMaxPixels)
		}
		if denom == 1 || errors.Is(err, jpegscale.ErrUnsupported) {
			src, err = jpeg.Decode(bytes.NewReader(im.Data))
		}
	}
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
	if b.Dx() != w || b.Dy() != h {
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
		src = dst
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: thumbQuality}); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), w, h, nil
}
