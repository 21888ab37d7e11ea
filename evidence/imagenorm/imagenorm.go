// Package imagenorm turns untrusted evidence images (phone photos, scans,
// screenshots) into plain images that the PDF renderer can embed safely.
//
// The PDF library used by proofpack (fpdf) is fragile: it ignores EXIF
// orientation, embeds CMYK JPEGs unconverted, garbles 16-bit PNGs with alpha,
// is slow on alpha PNGs and panics on absurd PNG headers. Every image
// therefore goes through [Normalise] first. What comes out is always:
//
//   - a baseline/progressive 8-bit JPEG (YCbCr or gray), or an 8-bit RGB or
//     gray PNG when [Options.Lossless] is set and the content suits it (see
//     Lossless or JPEG below);
//   - upright (the EXIF orientation has been applied to the pixels);
//   - opaque (transparency is flattened onto white);
//   - free of metadata (no EXIF, GPS, XMP, IPTC, ICC profile, comments or
//     text chunks);
//   - no larger than the requested box (never upscaled), unless
//     [Options.BandMin] and [Options.BandMax] let a scaled decode's own
//     size stand (see Photos below).
//
// Costs are bounded before any pixel is decoded: [Limits] caps the input size
// in bytes and the pixel count announced by the image header, and a JPEG may
// hold at most [MaxJPEGScans] scans. What no header shows is bounded by a
// time budget for decoding each image ([Limits.MaxDecodeTime]). The format
// is sniffed from the content, never from a file name. HEIC/HEIF photos
// (iPhones) are decoded by libheif's heif-convert in a separate process
// (see heicdec.go); AVIF by libavif compiled to WebAssembly
// (github.com/gen2brain/avif, run by wazero: no cgo). Their size and
// orientation are read from the file's header first (see heif.go).
//
// # Fast path
//
// A JPEG that is already acceptable (8-bit sequential, YCbCr or gray, one
// scan, orientation 1, within the box, Options.Lossless unset) is not
// decoded to pixels. It must pass the strict check of internal/jpegscale
// (decoding at 1/8 size, which reads every Huffman code): a file that
// decoder finds anything wrong with, which PDF readers' libjpeg would
// refuse or warn about, is re-encoded from what image/jpeg makes of it
// instead, and so is every progressive JPEG. If it carries no metadata
// segments it is returned byte for byte ([Result.KeptOriginal] is true). If
// it carries metadata (APP1 EXIF/XMP, APP2 ICC/MPF, APP13 IPTC, COM, any
// APPn other than a plain APP0 JFIF or APP14 Adobe, a JFIF thumbnail, or
// data after the EOI marker such as an appended "motion photo" video) the
// marker stream is rewritten without those segments: the compressed pixel
// data is copied untouched, so there is no generation loss, but
// KeptOriginal is false.
//
// # Photos
//
// A JPEG that must shrink (a 12 MP phone photo) is decoded at n/8 of its
// size (n from 1 to 7) by internal/jpegscale, which computes only the low
// frequencies of each block: several times faster than a full decode, and
// already low-pass filtered. When one of those sizes lies within the band
// the options allow around the box ([Options.BandMin], [Options.BandMax]),
// that is the output size and nothing is resampled: the caller places the
// image at its own resolution (see [Plan]). Otherwise the smallest n/8 at
// least as large as the box is decoded and its Y, Cb and Cr planes are
// resampled the short way to the box and encoded by internal/jpegenc
// straight from the planes, without going through RGB (see ycbcr.go). Layouts that decoder leaves alone (progressive, CMYK,
// ...) and damaged files take image/jpeg at full size, and are resampled to
// the same size.
//
// # Lossless or JPEG
//
// [Options.Lossless] asks for a PNG, and gets one only when the content
// suits it: a source that is itself lossy (JPEG, HEIC, AVIF) is always
// encoded as JPEG (a PNG of it would only store its compression noise
// exactly, at five to ten times the size), and so is any image whose
// pixels are not mostly flat (a photo saved as PNG). A screenshot or a
// scanned document, mostly flat colour with hard-edged text, stays
// lossless.
//
// # Errors
//
// Every error returned by [Inspect] and [Normalise] matches one of
// [ErrTooLarge], [ErrUnsupported] or [ErrCorrupt] under [errors.Is], and its
// message is a single sentence fit to show to the person who uploaded the
// file. Decoder errors, when there are any, are also reachable with
// [errors.As]. Context cancellation is reported as the context's error.
//
// # Cancellation
//
// Normalise returns as soon as its context is done. The work itself runs
// on another goroutine that stops at its next check: decoders read the
// file in small pieces and stop at the next one (internal/jpegscale checks
// every row of blocks), and each pixel pass is followed by a check. Only
// the TIFF and WebP decoders, which read the whole file first, run to the
// end of their decode, in the background; so they also overrun the
// decoding time budget, by as long as their decode of at most MaxPixels
// takes.
//
// # Dates
//
// EXIF timestamps carry no time zone. [Info.CapturedAt] holds the camera's
// wall-clock reading labelled as UTC: the year, month, day, hour, minute and
// second are exactly what the camera recorded, whatever zone the camera was
// set to. Do not convert it to another zone for display.
package imagenorm

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"strconv"
	"time"

	"github.com/proofpack/proofpack/internal/jpegenc"
	"github.com/proofpack/proofpack/internal/jpegscale"
	"github.com/proofpack/proofpack/internal/units"
)

// Default limits used when the corresponding Limits field is zero (or
// negative).
const (
	DefaultMaxBytes  int64 = 64 * units.MB
	DefaultMaxPixels int64 = 100_000_000 // 100 megapixels
	// DefaultMaxDecodeTime is about three times what decoding a
	// 100-megapixel PNG of noise (51 MB) takes on two busy cores.
	DefaultMaxDecodeTime = 20 * time.Second
)

// DefaultJPEGQuality is used when Options.JPEGQuality is zero.
const DefaultJPEGQuality = 85

// Sentinel errors. Use errors.Is to classify an error returned by this
// package.
var (
	// ErrTooLarge: the file exceeds Limits.MaxBytes or the image exceeds
	// Limits.MaxPixels.
	ErrTooLarge = errors.New("image too large")
	// ErrUnsupported: the file is not an image in a supported format, or
	// uses a feature the decoder does not implement.
	ErrUnsupported = errors.New("unsupported image")
	// ErrCorrupt: the file is empty, truncated or damaged (this includes a
	// JPEG of more than MaxJPEGScans scans).
	ErrCorrupt = errors.New("corrupt image")
)

// Limits bound what an image may cost.
type Limits struct {
	MaxBytes  int64 // maximum len(data); 0 means DefaultMaxBytes
	MaxPixels int64 // maximum width*height; 0 means DefaultMaxPixels
	// MaxDecodeTime bounds the decoding of the image's pixels in
	// Normalise; 0 means DefaultMaxDecodeTime. The cost of the other steps
	// follows from the pixel count; that of decoding depends on how the
	// file is coded too.
	MaxDecodeTime time.Duration
}

func (l Limits) maxDecodeTime() time.Duration {
	if l.MaxDecodeTime <= 0 {
		return DefaultMaxDecodeTime
	}
	return l.MaxDecodeTime
}

func (l Limits) maxBytes() int64 {
	if l.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return l.MaxBytes
}

func (l Limits) maxPixels() int64 {
	if l.MaxPixels <= 0 {
		return DefaultMaxPixels
	}
	return l.MaxPixels
}

// Info is what is known of the original image without decoding pixels.
type Info struct {
	// Format is "jpeg", "png", "gif", "bmp", "tiff", "webp", "heic" or
	// "avif", sniffed from
	// the content, never from a file name.
	Format string
	// Width and Height are the stored dimensions of the original, before
	// orientation is applied.
	Width, Height int
	// Orientation is the EXIF orientation 1..8 (1 when absent or invalid).
	// It is read from JPEG APP1 Exif, PNG eXIf, WebP EXIF chunks and the
	// first IFD of TIFF files.
	Orientation int
	// CapturedAt is EXIF DateTimeOriginal (or DateTimeDigitized, or
	// DateTime) when present, else the zero time. EXIF has no time zone: the
	// camera's wall-clock reading is stored as if it were UTC.
	CapturedAt time.Time
	// HasGPS reports that the original carried GPS tags. They never survive
	// normalisation.
	HasGPS bool
	// Frames is the number of frames of a GIF (only the first is used);
	// 1 for every other format.
	Frames int
	// ColorModel is a human-readable description of the stored pixels:
	// "rgb", "rgba", "rgb48", "rgba64", "gray", "gray16", "graya",
	// "graya16", "paletted", "cmyk", "ycck", or a Go color model name.
	ColorModel string
	// Incomplete reports a progressive JPEG whose later scans are missing
	// (a file cut short between scans, closed with an EOI marker): it
	// decodes, but to a blurred or blocky picture. Export it again.
	Incomplete bool
}

// Options controls Normalise.
type Options struct {
	// MaxWidth and MaxHeight are the box, in pixels, the upright image must
	// fit in; 0 (or negative) means no limit on that axis. Images are never
	// upscaled.
	MaxWidth, MaxHeight int
	// JPEGQuality is the JPEG quality 1..100; 0 means DefaultJPEGQuality.
	// Out-of-range values are clamped.
	JPEGQuality int
	// Lossless encodes an 8-bit RGB or gray PNG instead of a JPEG when the
	// content suits it (see the package documentation): screenshots and
	// documents, not photos.
	Lossless bool
	// BandMin and BandMax (factors of the fitted size, e.g. 0.8 and 1.25)
	// let a JPEG keep the size of one of its scaled decodes (n/8, or its
	// own size) when that lies within the band, instead of being resampled
	// to fit the box exactly; the size closest to the box wins. Zero means
	// 1: exactly the fitted size.
	BandMin, BandMax float64
	// PadWidth widens the output to this many pixels, when it is wider
	// than the image, by repeating the image's last column. (A PDF writer
	// that orders images by width alone needs every image of a document
	// to have its own width.)
	PadWidth int
	// Slices, when more than 1, cuts the output into that many horizontal
	// slices of equal height (a long scroll capture laid out page by
	// page), each encoded on its own into [Result.Slices]; slice k is k
	// pixels wider than the first (padded as PadWidth pads), so that
	// every slice has a width of its own.
	Slices int
	// Marks are highlights burned into the pixels (for an image uploaded
	// on its own, where no PDF draws them over it). They disable the JPEG
	// fast path.
	Marks []Mark
	// Limits bound the input.
	Limits Limits
	// Redact lists rectangles, in pixels of the upright image (as a viewer
	// shows it, after EXIF orientation), painted solid black on the decoded
	// image before anything else: their pixels survive nowhere in the
	// output. For a JPEG each is first grown to the image's MCU grid (16
	// pixels for the usual 4:2:0), so that no compressed block that held a
	// hidden pixel leaves a trace next to the box. Redaction disables the
	// JPEG fast path.
	Redact []image.Rectangle
	// Gray encodes the output in grayscale.
	Gray bool
	// Preview, when set, asks for a small rendition of the output fitted
	// to this box (Result.Preview), made from the pixels already in memory
	// (for thumbnails: nothing is decoded again). None is made on the JPEG
	// fast path, which decodes no pixels.
	Preview image.Point
}

// Result is the normalised image.
type Result struct {
	// Data holds JPEG or PNG bytes with no EXIF/XMP/IPTC/ICC/text metadata.
	Data []byte
	// Format is "jpeg" or "png".
	Format string
	// Width and Height are the dimensions of Data: upright, after resizing.
	// With Options.Slices, Data is empty and Width and Height are those of
	// the whole image before slicing (and padding).
	Width, Height int
	// Slices are the slices Options.Slices asked for, top to bottom.
	Slices []Slice
	// KeptOriginal reports that Data is the original input, unchanged (see
	// the package documentation on the fast path).
	KeptOriginal bool
	// Info is what Inspect found on the original.
	Info Info
	// Preview is the output fitted to Options.Preview, when that was set
	// and the image was decoded; nil otherwise.
	Preview image.Image
}

// Slice is one horizontal slice of a sliced image (see Options.Slices).
type Slice struct {
	Data          []byte // encoded in Result.Format
	Width, Height int
	Y             int // the slice's first row in the whole image
}

// normError is the concrete error type: its message is one plain sentence,
// and it unwraps to a sentinel and, when there is one, the underlying cause.
type normError struct {
	kind  error
	msg   string
	cause error
}

func (e *normError) Error() string { return e.msg }

func (e *normError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.kind, e.cause}
	}
	return []error{e.kind}
}

func newErr(kind error, cause error, format string, args ...any) error {
	return &normError{kind: kind, msg: fmt.Sprintf(format, args...), cause: cause}
}

// Inspect reads only headers (image.DecodeConfig plus the metadata blocks)
// and enforces lim. It never decodes pixel data. On a limit error the
// returned Info still holds whatever was learnt (format and dimensions).
func Inspect(data []byte, lim Limits) (info Info, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = newErr(ErrCorrupt, nil, "the image header could not be read (internal error: %v)", r)
		}
	}()
	info = Info{Orientation: 1, Frames: 1}
	if len(data) == 0 {
		return info, newErr(ErrCorrupt, nil, "file is empty")
	}
	if mb := lim.maxBytes(); int64(len(data)) > mb {
		return info, newErr(ErrTooLarge, nil, "file is %s; the limit is %s", units.Size(int64(len(data))), units.Size(mb))
	}
	format, err := sniff(data)
	if err != nil {
		return info, err
	}
	info.Format = format
	cfg, err := decodeConfig(format, data)
	if err != nil {
		return info, err
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return info, newErr(ErrCorrupt, nil, "the %s image has invalid dimensions %dx%d", upperFormat(format), cfg.Width, cfg.Height)
	}
	if mp, px := lim.maxPixels(), int64(cfg.Width)*int64(cfg.Height); px > mp {
		return info, newErr(ErrTooLarge, nil, "image is %dx%d (%.1f megapixels); the limit is %s megapixels",
			cfg.Width, cfg.Height, float64(px)/1e6, humanMegapixels(mp))
	}
	if format == "jpeg" {
		sc := scanJPEGScans(data)
		if sc.count > MaxJPEGScans {
			return info, newErr(ErrCorrupt, nil, "the JPEG holds %d scans; the limit is %d (a progressive photo has about 10), so it is damaged or made to keep the decoder busy for minutes",
				sc.count, MaxJPEGScans)
		}
		info.Incomplete = sc.incomplete
	}
	info.ColorModel = colorModelName(cfg.ColorModel)
	inspectMetadata(&info, data)
	if format == "heic" {
		return info, heicAvailable()
	}
	return info, nil
}

// Normalise decodes data, applies the EXIF orientation, flattens
// transparency onto white, converts to 8-bit RGB (or gray for gray sources),
// downscales to fit the box with a good filter, and re-encodes without
// metadata. Acceptable JPEGs take the fast path described in the package
// documentation and are not decoded.
//
// The output is deterministic: the same input and options always give the
// same bytes. An image whose decoding takes longer than
// opt.Limits.MaxDecodeTime fails with ErrTooLarge. When ctx is done,
// Normalise returns ctx's error at once (see the package documentation on
// cancellation).
func Normalise(ctx context.Context, data []byte, opt Options) (Result, error) {
	return guard(ctx, func(ctx context.Context) (Result, error) { return normalise(ctx, data, opt) })
}

// guard runs f on a goroutine of its own and returns its result, or ctx's
// error as soon as ctx is done (see the package documentation on
// cancellation). A panic in f, which the decoders' own guards should never
// let through, becomes ErrCorrupt: no input can crash the caller.
func guard[T any](ctx context.Context, f func(context.Context) (T, error)) (T, error) {
	var zero T
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type outcome struct {
		v   T
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o = outcome{err: newErr(ErrCorrupt, nil, "the image could not be processed (internal error: %v)", r)}
			}
			done <- o
		}()
		o.v, o.err = f(ctx)
	}()
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// errTimeBudget is the cause of the decoding context's end when
// Limits.MaxDecodeTime runs out.
var errTimeBudget = errors.New("imagenorm: decoding time limit reached")

func normalise(ctx context.Context, data []byte, opt Options) (res Result, err error) {
	info, err := Inspect(data, opt.Limits)
	res = Result{Info: info}
	if err != nil {
		return res, err
	}
	quality := opt.JPEGQuality
	switch {
	case quality == 0:
		quality = DefaultJPEGQuality
	case quality < 1:
		quality = 1
	case quality > 100:
		quality = 100
	}

	// The box applies to the upright image; resize in stored orientation
	// (cheaper) and rotate the small result.
	n, tw, th := plan(info, opt)
	lossless := opt.Lossless && !lossySource(info.Format)

	// Fast path: acceptable JPEG, no decode.
	if info.Format == "jpeg" && info.Orientation == 1 && len(opt.Redact) == 0 && !opt.Gray &&
		tw == info.Width && th == info.Height && opt.PadWidth <= tw && opt.Slices <= 1 && len(opt.Marks) == 0 {
		dctx, cancel := context.WithTimeoutCause(ctx, opt.Limits.maxDecodeTime(), errTimeBudget)
		out, kept, ok := jpegPassthrough(dctx, data, info.Width, info.Height, opt.Limits.maxPixels())
		cancel()
		if ok {
			res.Data, res.Format, res.Width, res.Height, res.KeptOriginal = out, "jpeg", info.Width, info.Height, kept
			return res, nil
		}
	}

	img, canvas, err := decodeRedacted(ctx, data, info, n, opt)
	if err != nil {
		return res, err
	}
	sw, sh := canvas.Dx(), canvas.Dy()

	// Colour JPEG (or WebP) into a JPEG: resample the Y, Cb and Cr planes
	// directly to 4:2:0 and hand them to internal/jpegenc, which encodes
	// the planes as they are, never materialising RGB (see ycbcr.go).
	if yc, ok := img.(*image.YCbCr); ok && yc.Rect == canvas && !lossless && !opt.Gray && opt.Slices <= 1 && len(opt.Marks) == 0 {
		if small, ok := shrinkYCbCr(yc, tw, th); ok {
			img, yc = nil, nil
			if err := ctx.Err(); err != nil {
				return res, err
			}
			small = orientYCbCr(small, info.Orientation)
			if opt.Preview != (image.Point{}) {
				pw, ph := fitBox(small.Rect.Dx(), small.Rect.Dy(), opt.Preview.X, opt.Preview.Y)
				if p, ok := shrinkYCbCr(small, pw, ph); ok {
					res.Preview = p
				}
			}
			small = padYCbCr(small, opt.PadWidth)
			var buf bytes.Buffer
			buf.Grow(small.Rect.Dx() * small.Rect.Dy() / 2)
			if err := jpegenc.Encode(&buf, small, quality); err != nil {
				return res, fmt.Errorf("imagenorm: encoding jpeg: %w", err)
			}
			res.Data, res.Format = buf.Bytes(), "jpeg"
			res.Width, res.Height = small.Rect.Dx(), small.Rect.Dy()
			return res, nil
		}
	}

	var work *image.NRGBA
	if yc, ok := img.(*image.YCbCr); ok && yc.Rect == canvas {
		// Common photo case: convert while box-shrinking, so the full-size
		// image is never held as RGBA.
		if k := preShrinkFactor(sw, sh, tw, th); k > 1 {
			work, _ = ycbcrBoxShrink(yc, k)
		}
	}
	if work == nil {
		work = toOpaqueNRGBA(img, canvas)
	}
	img = nil
	if err := ctx.Err(); err != nil {
		return res, err
	}
	work = downscale(work, tw, th)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	work = orient(work, info.Orientation)
	lossless = lossless && mostlyFlat(work)
	burnMarks(work, opt.Marks)
	gray := isGrayModel(info.ColorModel) || opt.Gray
	res.Format = "jpeg"
	if lossless {
		res.Format = "png"
	}
	encode := func(n *image.NRGBA) ([]byte, error) {
		var out image.Image = nrgbaAsRGBA(n) // opaque, so identical pixels
		if gray {
			out = grayFromOpaque(n)
		}
		var buf bytes.Buffer
		var err error
		if lossless {
			// The fastest level: on chat screenshots 4% larger than the
			// default level, in half the time.
			enc := png.Encoder{CompressionLevel: png.BestSpeed}
			err = enc.Encode(&buf, out)
		} else {
			err = jpeg.Encode(&buf, out, &jpeg.Options{Quality: quality})
		}
		if err != nil {
			return nil, fmt.Errorf("imagenorm: encoding %s: %w", res.Format, err)
		}
		return buf.Bytes(), nil
	}
	if opt.Preview != (image.Point{}) {
		pw, ph := fitBox(work.Rect.Dx(), work.Rect.Dy(), opt.Preview.X, opt.Preview.Y)
		small := downscale(work, pw, ph)
		res.Preview = nrgbaAsRGBA(small)
		if gray {
			res.Preview = grayFromOpaque(small)
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Width, res.Height = work.Rect.Dx(), work.Rect.Dy()
	if opt.Slices > 1 {
		w0 := max(opt.PadWidth, res.Width)
		for k := range opt.Slices {
			y0, y1 := k*res.Height/opt.Slices, (k+1)*res.Height/opt.Slices
			part := padNRGBA(work.SubImage(image.Rect(0, y0, res.Width, y1)).(*image.NRGBA), w0+k)
			data, err := encode(part)
			if err != nil {
				return res, err
			}
			res.Slices = append(res.Slices, Slice{Data: data, Width: w0 + k, Height: y1 - y0, Y: y0})
		}
		return res, nil
	}
	work = padNRGBA(work, opt.PadWidth)
	if res.Data, err = encode(work); err != nil {
		return res, err
	}
	res.Width = work.Rect.Dx()
	return res, nil
}

// decodeRedacted decodes data, which Inspect described as info, at the
// n/8 size plan chose (a JPEG that shrinks; any other image at full size),
// within the decoding time budget, and paints opt.Redact black on the
// pixels: what every output is made from. canvas is the image's logical
// area (a GIF's first frame may cover only part of it).
func decodeRedacted(ctx context.Context, data []byte, info Info, n int, opt Options) (img image.Image, canvas image.Rectangle, err error) {
	if err := ctx.Err(); err != nil {
		return nil, canvas, err
	}
	// Decoding, the step whose cost the file's coding decides, has a
	// budget of its own.
	budget := opt.Limits.maxDecodeTime()
	dctx, cancel := context.WithTimeoutCause(ctx, budget, errTimeBudget)
	defer cancel()
	// A JPEG that shrinks is decoded at n/8 size (see internal/jpegscale);
	// a layout that decoder leaves alone, or any doubt about the file,
	// takes the standard decoder, which also words the errors.
	eighths := 8
	if info.Format == "jpeg" && n < 8 {
		if m, err := jpegscale.DecodeEighths(dctx, data, n, opt.Limits.maxPixels()); err == nil {
			img, eighths = m, n
		}
	}
	if img == nil {
		if img, err = decodeImage(dctx, info, data); err != nil {
			if context.Cause(dctx) == errTimeBudget {
				err = newErr(ErrTooLarge, nil, "the image takes more than %v to decode (the limit per image), which a photo or screenshot never does: export it again as a standard JPEG or PNG", budget)
			}
			return nil, canvas, err
		}
		if b := img.Bounds(); info.Format != "gif" && (b.Dx() != info.Width || b.Dy() != info.Height) {
			return nil, canvas, newErr(ErrCorrupt, nil, "the %s image is corrupt (its header says %dx%d, its pixels are %dx%d)",
				upperFormat(info.Format), info.Width, info.Height, b.Dx(), b.Dy())
		}
	}
	cancel()
	if err := ctx.Err(); err != nil {
		return nil, canvas, err
	}
	canvas = img.Bounds()
	if info.Format == "gif" {
		// The first frame may cover only part of the logical screen.
		canvas = image.Rect(0, 0, info.Width, info.Height)
	}
	if len(opt.Redact) > 0 {
		// A JPEG's redaction covers whole MCUs (see redactionBoxes); if the
		// grid cannot be read, the largest there is.
		gw, gh := 1, 1
		if info.Format == "jpeg" {
			var ok bool
			if gw, gh, ok = mcuSize(data); !ok {
				gw, gh = 32, 32
			}
		}
		img = redact(img, canvas, redactionBoxes(opt.Redact, info.Width, info.Height, info.Orientation, gw, gh, eighths))
	}
	return img, canvas, nil
}

// Plan returns the size Normalise gives the image info describes under
// opt (upright, after resizing and PadWidth), without decoding anything:
// the fitted box size, or a scaled decode's size within the band.
func Plan(info Info, opt Options) (w, h int) {
	_, w, h = plan(info, opt)
	if info.Orientation >= 5 {
		w, h = h, w
	}
	return max(w, opt.PadWidth), h
}

// plan returns the eighths at which to decode a JPEG (8 for full size, and
// for any other format) and the output size before PadWidth, in stored
// orientation (the box applies to the upright image).
func plan(info Info, opt Options) (n, w, h int) {
	sw, sh := info.Width, info.Height
	swapped := info.Orientation >= 5
	if swapped {
		sw, sh = sh, sw // upright from here
	}
	fw, fh := fitBox(sw, sh, opt.MaxWidth, opt.MaxHeight)
	n, w, h = 8, fw, fh
	if fw != sw || fh != sh {
		lo, hi := cmp.Or(opt.BandMin, 1), cmp.Or(opt.BandMax, 1)
		best := math.Inf(1)
		for k := 1; k <= 8; k++ {
			if k < 8 && info.Format != "jpeg" {
				continue // only a JPEG decodes to n/8 for free
			}
			kw, kh := jpegscale.SizeEighths(sw, sh, k)
			rw, rh := float64(kw)/float64(fw), float64(kh)/float64(fh)
			if d := math.Abs(math.Log(rw)); min(rw, rh) >= lo && max(rw, rh) <= hi && d < best {
				n, w, h, best = k, kw, kh, d
			}
		}
		if math.IsInf(best, 1) && info.Format == "jpeg" {
			// The smallest decode that covers the box, then a short resample.
			for k := 1; k < 8; k++ {
				if kw, kh := jpegscale.SizeEighths(sw, sh, k); kw >= fw && kh >= fh {
					n = k
					break
				}
			}
		}
	}
	if swapped {
		w, h = h, w
	}
	return n, w, h
}

// lossySource reports whether a format stores pixels lossily: such an
// image is never encoded losslessly (see the package documentation).
func lossySource(format string) bool {
	switch format {
	case "jpeg", "heic", "avif":
		return true
	}
	return false
}

// Fit returns the size Normalise gives an upright w x h image for the box
// maxW x maxH (non-positive means unbounded): the largest size with its
// aspect ratio that fits, never larger than the original.
func Fit(w, h, maxW, maxH int) (int, int) { return fitBox(w, h, maxW, maxH) }

// fitBox returns the largest size with the aspect ratio of w x h that fits
// maxW x maxH (non-positive means unbounded) without upscaling.
func fitBox(w, h, maxW, maxH int) (int, int) {
	wOK := maxW <= 0 || w <= maxW
	hOK := maxH <= 0 || h <= maxH
	if wOK && hOK {
		return w, h
	}
	// Width-bound if w/maxW >= h/maxH, i.e. w*maxH >= h*maxW.
	widthBound := maxH <= 0 || (maxW > 0 && int64(w)*int64(maxH) >= int64(h)*int64(maxW))
	if widthBound {
		nh := int((int64(h)*int64(maxW)*2 + int64(w)) / (2 * int64(w)))
		nh = max(1, nh)
		if maxH > 0 {
			nh = min(nh, maxH)
		}
		return maxW, nh
	}
	nw := int((int64(w)*int64(maxH)*2 + int64(h)) / (2 * int64(h)))
	nw = max(1, nw)
	if maxW > 0 {
		nw = min(nw, maxW)
	}
	return nw, maxH
}

func humanMegapixels(n int64) string {
	return strconv.FormatFloat(float64(n)/1e6, 'f', -1, 64)
}
