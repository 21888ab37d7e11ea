package imagenorm

import (
	"context"
	"image"
)

// Luma returns the image data holds as 8-bit gray, upright, with
// opt.Redact painted black, fitted to opt.MaxWidth x opt.MaxHeight (within
// opt.BandMin..BandMax as Normalise sizes it): the pixels a barcode reader
// wants, with nothing encoded. A JPEG is decoded at the n/8 size that
// covers the box and gives its Y plane (the BT.601 luma image/color's gray
// model computes), and only that plane is resized and turned; any other
// image is flattened onto white first. The other Options do not apply.
func Luma(ctx context.Context, data []byte, opt Options) (*image.Gray, error) {
	return guard(ctx, func(ctx context.Context) (*image.Gray, error) { return luma(ctx, data, opt) })
}

func luma(ctx context.Context, data []byte, opt Options) (*image.Gray, error) {
	info, err := Inspect(data, opt.Limits)
	if err != nil {
		return nil, err
	}
	n, tw, th := plan(info, opt)
	img, canvas, err := decodeRedacted(ctx, data, info, n, opt)
	if err != nil {
		return nil, err
	}
	var plane []uint8
	stride := 0
	switch m := img.(type) {
	case *image.YCbCr:
		if m.Rect == canvas && m.Rect.Min == (image.Point{}) {
			plane, stride = m.Y, m.YStride
		}
	case *image.Gray:
		if m.Rect == canvas && m.Rect.Min == (image.Point{}) {
			plane, stride = m.Pix, m.Stride
		}
	}
	if plane == nil {
		g := grayFromOpaque(toOpaqueNRGBA(img, canvas))
		plane, stride = g.Pix, g.Stride
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := resamplePlane(plane, canvas.Dx(), canvas.Dy(), stride, 1, tw, th)
	p, w, h := orientPlane(p, tw, th, tw, info.Orientation)
	return &image.Gray{Pix: p, Stride: w, Rect: image.Rect(0, 0, w, h)}, nil
}
