package imagenorm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"github.com/gen2brain/avif"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// The imports above also register every decoder with the image package.

const notAnImageMsg = "not an image (expected JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF)"

// sniff identifies the format from magic bytes.
func sniff(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg", nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png", nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "gif", nil
	case bytes.HasPrefix(data, []byte("BM")) && len(data) >= 18:
		return "bmp", nil
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "tiff", nil
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp", nil
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		brand := string(data[8:12])
		switch brand {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "heif", "mif1", "msf1":
			if brand == "mif1" && isobmffHasBrand(data, "avif") {
				return "avif", nil
			}
			return "heic", nil
		case "avif", "avis":
			return "avif", nil
		}
	}
	return "", newErr(ErrUnsupported, nil, notAnImageMsg)
}

// isobmffHasBrand reports whether the leading ftyp box lists brand among
// its compatible brands.
func isobmffHasBrand(data []byte, brand string) bool {
	size := int(be32(data[0:4]))
	if size < 16 || size > len(data) || size > 4096 {
		return false
	}
	for i := 16; i+4 <= size; i += 4 {
		if string(data[i:i+4]) == brand {
			return true
		}
	}
	return false
}

func upperFormat(format string) string {
	switch format {
	case "webp":
		return "WebP"
	case "heic":
		return "HEIC"
	case "avif":
		return "AVIF"
	default:
		return strings.ToUpper(format)
	}
}

// decodeConfig reads the header of a sniffed image, turning panics into
// ErrCorrupt.
func decodeConfig(format string, data []byte) (cfg image.Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = newErr(ErrCorrupt, nil, "the %s image is corrupt (the decoder crashed reading its header: %v)", upperFormat(format), r)
		}
	}()
	r := bytes.NewReader(data)
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
	case "png":
		cfg, err = png.DecodeConfig(r)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	case "bmp":
		cfg, err = bmp.DecodeConfig(r)
	case "tiff":
		cfg, err = tiff.DecodeConfig(r)
	case "webp":
		cfg, err = webp.DecodeConfig(r)
	case "heic", "avif":
		// Read from the header, never by the decoder (see heif.go).
		h, ok := parseHEIFHeader(data)
		if !ok {
			return cfg, newErr(ErrCorrupt, nil, "the %s image is corrupt (its header names no primary image with a size)", upperFormat(format))
		}
		cfg = image.Config{ColorModel: color.YCbCrModel, Width: h.width, Height: h.height}
		if format == "heic" && h.transform >= 5 {
			// libheif applies the rotation while decoding: the pixels
			// come out upright.
			cfg.Width, cfg.Height = h.height, h.width
		}
	default:
		return cfg, newErr(ErrUnsupported, nil, notAnImageMsg)
	}
	if err != nil {
		return cfg, classifyDecodeErr(format, err)
	}
	return cfg, nil
}

// decodeImage decodes the pixels (the first frame for GIF), turning panics
// into ErrCorrupt. The decoders read through a ctxReader, so they stop soon
// after ctx is done; the error is then ctx's. heif-convert runs under ctx.
func decodeImage(ctx context.Context, info Info, data []byte) (img image.Image, err error) {
	format := info.Format
	defer func() {
		if r := recover(); r != nil {
			img = nil
			err = newErr(ErrCorrupt, nil, "the %s image is corrupt (the decoder crashed: %v)", upperFormat(format), r)
		}
	}()
	r := &ctxReader{ctx: ctx, r: bytes.NewReader(data)}
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		img, err = png.Decode(r)
	case "gif":
		img, err = gif.Decode(r) // first frame only
	case "bmp":
		img, err = bmp.Decode(r)
	case "tiff":
		img, err = tiff.Decode(r)
	case "webp":
		img, err = webp.Decode(r)
	case "heic":
		img, err = decodeHEIC(ctx, data, info.Width, info.Height) // rotated and mirrored as irot/imir say
		if err != nil {
			return nil, err
		}
	case "avif":
		img, err = avif.Decode(r)
	default:
		return nil, newErr(ErrUnsupported, nil, notAnImageMsg)
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, classifyDecodeErr(format, err)
	}
	if img == nil || img.Bounds().Empty() {
		return nil, newErr(ErrCorrupt, nil, "the %s image is corrupt (it decoded to no pixels)", upperFormat(format))
	}
	return img, nil
}

// ctxReader reads r in pieces of at most 256 bytes and fails once ctx is
// done. A decoder reads its input as it goes (one piece of a JPEG holds a
// few rows of blocks, or a few scans of a scan bomb), so it stops soon
// after a cancellation.
type ctxReader struct {
	ctx context.Context
	r   *bytes.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p[:min(len(p), 256)])
}

// classifyDecodeErr maps a decoder error to ErrUnsupported (a valid file
// using a feature the decoder lacks) or ErrCorrupt (everything else).
func classifyDecodeErr(format string, err error) error {
	var (
		jpegUnsup jpeg.UnsupportedError
		pngUnsup  png.UnsupportedError
		tiffUnsup tiff.UnsupportedError
	)
	if errors.As(err, &jpegUnsup) || errors.As(err, &pngUnsup) || errors.As(err, &tiffUnsup) ||
		errors.Is(err, bmp.ErrUnsupported) {
		return newErr(ErrUnsupported, err, "the %s image uses a feature that is not supported (%v); re-save it as a standard JPEG or PNG", upperFormat(format), err)
	}
	msg := err.Error()
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		msg = "the file ends too early: " + msg
	}
	return newErr(ErrCorrupt, err, "the %s image is corrupt or truncated (%s)", upperFormat(format), msg)
}

// colorModelName describes a color.Model returned by DecodeConfig. Formats
// whose headers are parsed directly (JPEG, PNG) refine it later.
func colorModelName(m color.Model) string {
	switch m {
	case color.RGBAModel, color.NRGBAModel:
		return "rgba"
	case color.RGBA64Model, color.NRGBA64Model:
		return "rgba64"
	case color.GrayModel:
		return "gray"
	case color.Gray16Model:
		return "gray16"
	case color.CMYKModel:
		return "cmyk"
	case color.YCbCrModel:
		return "rgb" // colour JPEG/WebP: YCbCr-coded RGB
	case color.NYCbCrAModel:
		return "rgba"
	case color.AlphaModel, color.Alpha16Model:
		return "alpha"
	}
	if _, ok := m.(color.Palette); ok {
		return "paletted"
	}
	if m == nil {
		return "unknown"
	}
	return fmt.Sprintf("%T", m)
}

func isGrayModel(name string) bool {
	switch name {
	case "gray", "gray16", "graya", "graya16":
		return true
	}
	return false
}

func be16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }
func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
func le32(b []byte) uint32 {
	return uint32(b[3])<<24 | uint32(b[2])<<16 | uint32(b[1])<<8 | uint32(b[0])
}
