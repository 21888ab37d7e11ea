// Package waybill reads the barcodes printed on a shipping label (Code 128,
// the waybill number's bars, and QR codes) from an image, so that a label
// photo can be checked against the order's tracking number.
//
// Decoding uses github.com/makiuchi-d/gozxing (MIT), which reads a Code 128
// along rows of pixels in both directions and a QR code at any right angle,
// but not a label photographed askew. Read therefore works on a bounded
// grayscale copy and tries a few tilts itself: upright, turned a quarter,
// and tilted by up to 30° either way. The decoded text is untrusted: see
// Numbers.
package waybill

import (
	"context"
	"image"
	"image/draw"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// MaxSide is the longest side, in pixels, of the grayscale copy Read
// decodes: enough for the bars of a label that fills a phone photo.
const MaxSide = 1400

// maxText bounds the decoded text kept per code.
const maxText = 256

// Code is one barcode found on a label.
type Code struct {
	Format string // "Code 128" or "QR"
	Text   string // the decoded text, control characters removed, at most 256 bytes
}

// tilts are the rotations tried, in degrees anticlockwise, in order. The
// Code 128 reader reads rows both ways, so 0 also covers 180; 90 covers 270.
var tilts = []float64{0, 90, 15, -15, 30, -30, 105, 75}

// Read returns the distinct codes found in img, Code 128 before QR, each
// format in the order found. It stops early when ctx ends.
func Read(ctx context.Context, img image.Image) []Code {
	gray := shrinkGray(img, MaxSide)
	var codes []Code
	add := func(format string, r *gozxing.Result) {
		c := Code{Format: format, Text: clean(r.GetText())}
		if c.Text != "" && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	foundBars, foundQR := false, false
	for _, deg := range tilts {
		if ctx.Err() != nil || (foundBars && foundQR) {
			break
		}
		bmp := bitmap(rotate(gray, deg))
		if bmp == nil {
			continue
		}
		if !foundBars {
			if r, err := oned.NewCode128Reader().Decode(bmp, hints); err == nil {
				add("Code 128", r)
				foundBars = true
			}
		}
		if !foundQR && (deg == 0 || deg == 15 || deg == -15 || deg == 30 || deg == -30) {
			if r, err := qrcode.NewQRCodeReader().Decode(bmp, hints); err == nil {
				add("QR", r)
				foundQR = true
			}
		}
	}
	slices.SortStableFunc(codes, func(a, b Code) int { return strings.Compare(a.Format, b.Format) })
	return codes
}

// clean removes control and format characters and invalid UTF-8 from
// decoded text and bounds its length.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > maxText {
		s = strings.ToValidUTF8(s[:maxText], "")
	}
	return s
}

// Numbers returns the waybill-number-like tokens of a code's text, upper
// case: runs of at least 8 letters, digits and hyphens (hyphens dropped)
// holding at least 6 digits. A Code 128 on a label is usually the number
// itself; a QR code may hold a web address or a record with the number in
// it.
func Numbers(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-'))
	}) {
		n := strings.ToUpper(strings.ReplaceAll(f, "-", ""))
		if len(n) < 8 || len(n) > 40 || countDigits(n) < 6 || slices.Contains(out, n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// Normalise is how Numbers writes a number, to compare with a manifest's.
func Normalise(number string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(number)))
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// shrinkGray returns img as 8-bit gray, averaged down by a whole factor
// until it fits max x max.
func shrinkGray(img image.Image, limit int) *image.Gray {
	g, ok := img.(*image.Gray)
	if !ok {
		g = image.NewGray(img.Bounds())
		draw.Draw(g, g.Rect, img, g.Rect.Min, draw.Src)
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	k := max((w+limit-1)/limit, (h+limit-1)/limit)
	if k <= 1 {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, w/k, h/k))
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			sum := 0
			for j := 0; j < k; j++ {
				row := g.Pix[(y*k+j)*g.Stride+x*k:]
				for i := 0; i < k; i++ {
					sum += int(row[i])
				}
			}
			out.Pix[y*out.Stride+x] = uint8(sum / (k * k))
		}
	}
	return out
}

// rotate turns g by deg degrees anticlockwise about its centre onto a white
// canvas that holds all of it (nearest neighbour: bars stay sharp).
func rotate(g *image.Gray, deg float64) *image.Gray {
	if deg == 0 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	sin, cos := math.Sincos(deg * math.Pi / 180)
	nw := int(math.Ceil(math.Abs(float64(w)*cos) + math.Abs(float64(h)*sin)))
	nh := int(math.Ceil(math.Abs(float64(w)*sin) + math.Abs(float64(h)*cos)))
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	for i := range out.Pix {
		out.Pix[i] = 0xFF
	}
	cx, cy := float64(w)/2, float64(h)/2
	ncx, ncy := float64(nw)/2, float64(nh)/2
	for y := 0; y < nh; y++ {
		dy := float64(y) + 0.5 - ncy
		row := out.Pix[y*out.Stride : y*out.Stride+nw]
		for x := range row {
			dx := float64(x) + 0.5 - ncx
			// Inverse rotation (y points down, so anticlockwise on screen).
			sx := int(math.Floor(cos*dx - sin*dy + cx))
			sy := int(math.Floor(sin*dx + cos*dy + cy))
			if sx >= 0 && sx < w && sy >= 0 && sy < h {
				row[x] = g.Pix[sy*g.Stride+sx]
			}
		}
	}
	return out
}

// bitmap wraps a gray image for gozxing without copying it per pixel.
func bitmap(g *image.Gray) *gozxing.BinaryBitmap {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, h, 0, 0, w, h, false)
	if err != nil {
		return nil
	}
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(src))
	if err != nil {
		return nil
	}
	return bmp
}
