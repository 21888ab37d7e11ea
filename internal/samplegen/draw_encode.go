package samplegen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
)

// toRGBA returns img as an *image.RGBA with its origin at (0, 0), copying
// only when needed. The encoders below go through it so that their output
// depends on the pixels alone, not on the concrete image type.
func toRGBA(img image.Image) *image.RGBA {
	if r, ok := img.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	return out
}

// EncodeJPEG encodes img as a baseline JPEG. quality is clamped to 1..100.
// The output is a pure function of the pixels and quality.
func EncodeJPEG(img image.Image, quality int) ([]byte, error) {
	if img == nil {
		return nil, errors.New("samplegen: EncodeJPEG: nil image")
	}
	quality = max(1, min(100, quality))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, toRGBA(img), &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("samplegen: encoding JPEG: %w", err)
	}
	return buf.Bytes(), nil
}

// EncodePNG encodes img as a PNG with default compression.
func EncodePNG(img image.Image) ([]byte, error) {
	if img == nil {
		return nil, errors.New("samplegen: EncodePNG: nil image")
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, toRGBA(img)); err != nil {
		return nil, fmt.Errorf("samplegen: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// EXIF is the metadata EncodeJPEGWithEXIF writes.
type EXIF struct {
	// Orientation is the TIFF/EXIF orientation tag, 1..8 (0 means 1).
	Orientation int
	// DateTimeOriginal is written as is; EXIF wants "2006:01:02 15:04:05".
	DateTimeOriginal string
	// Make and Model name the camera.
	Make, Model string
	// Lat and Lon are in decimal degrees; positive is north and east,
	// negative south and west.
	Lat, Lon float64
}

// EncodeJPEGWithEXIF writes a JPEG whose APP1 segment (right after SOI)
// carries x as EXIF. img is given upright: the pixels are stored transformed
// so that a viewer applying x.Orientation shows img upright (for 6, where the
// viewer turns the stored image 90° clockwise, the pixels are stored turned
// 90° counter-clockwise; for 8 the reverse; 3 is 180°; 2, 4, 5 and 7 are the
// mirrored variants).
func EncodeJPEGWithEXIF(img image.Image, quality int, x EXIF) ([]byte, error) {
	if img == nil {
		return nil, errors.New("samplegen: EncodeJPEGWithEXIF: nil image")
	}
	o := x.Orientation
	if o == 0 {
		o = 1
	}
	if o < 1 || o > 8 {
		return nil, fmt.Errorf("samplegen: EXIF orientation %d is not in 1..8", x.Orientation)
	}
	if math.IsNaN(x.Lat) || math.IsNaN(x.Lon) || math.Abs(x.Lat) > 90 || math.Abs(x.Lon) > 180 {
		return nil, fmt.Errorf("samplegen: GPS position %v,%v is out of range", x.Lat, x.Lon)
	}
	stored := storeForOrientation(toRGBA(img), o)
	plain, err := EncodeJPEG(stored, quality)
	if err != nil {
		return nil, err
	}
	x.Orientation = o
	app1, err := exifSegment(x)
	if err != nil {
		return nil, err
	}
	if len(plain) < 2 || plain[0] != 0xFF || plain[1] != 0xD8 {
		return nil, errors.New("samplegen: JPEG encoder output lacks SOI")
	}
	out := make([]byte, 0, len(plain)+len(app1))
	out = append(out, plain[:2]...)
	out = append(out, app1...)
	out = append(out, plain[2:]...)
	return out, nil
}

// storeForOrientation returns the pixels to store so that a viewer applying
// orientation o to them shows src. Each orientation's display transform is
// inverted: for o = 6 the display turns clockwise, so we turn counter-clockwise.
func storeForOrientation(src *image.RGBA, o int) *image.RGBA {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	// mapping gives, for a stored pixel (x, y), the source pixel it shows.
	var sw, sh int
	var mapping func(x, y int) (int, int)
	switch o {
	case 1:
		return src
	case 2: // display mirrors horizontally
		sw, sh = w, h
		mapping = func(x, y int) (int, int) { return w - 1 - x, y }
	case 3: // display rotates 180°
		sw, sh = w, h
		mapping = func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }
	case 4: // display mirrors vertically
		sw, sh = w, h
		mapping = func(x, y int) (int, int) { return x, h - 1 - y }
	case 5: // display transposes
		sw, sh = h, w
		mapping = func(x, y int) (int, int) { return y, x }
	case 6: // display rotates 90° CW, so store rotated 90° CCW
		sw, sh = h, w
		mapping = func(x, y int) (int, int) { return w - 1 - y, x }
	case 7: // display transverses
		sw, sh = h, w
		mapping = func(x, y int) (int, int) { return w - 1 - y, h - 1 - x }
	case 8: // display rotates 90° CCW, so store rotated 90° CW
		sw, sh = h, w
		mapping = func(x, y int) (int, int) { return y, h - 1 - x }
	}
	dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := 0; y < sh; y++ {
		d := dst.PixOffset(0, y)
		for x := 0; x < sw; x, d = x+1, d+4 {
			sx, sy := mapping(x, y)
			s := src.PixOffset(sx, sy)
			copy(dst.Pix[d:d+4], src.Pix[s:s+4])
		}
	}
	return dst
}

// TIFF field types.
const (
	tiffByte      = 1
	tiffASCII     = 2
	tiffShort     = 3
	tiffLong      = 4
	tiffRational  = 5
	tiffUndefined = 7
)

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte // value bytes, big-endian
}

func asciiEntry(tag uint16, s string) tiffEntry {
	b := append([]byte(s), 0)
	return tiffEntry{tag, tiffASCII, uint32(len(b)), b}
}

func shortEntry(tag uint16, v uint16) tiffEntry {
	return tiffEntry{tag, tiffShort, 1, binary.BigEndian.AppendUint16(nil, v)}
}

func longEntry(tag uint16, v uint32) tiffEntry {
	return tiffEntry{tag, tiffLong, 1, binary.BigEndian.AppendUint32(nil, v)}
}

func rationalEntry(tag uint16, vals ...[2]uint32) tiffEntry {
	var b []byte
	for _, v := range vals {
		b = binary.BigEndian.AppendUint32(b, v[0])
		b = binary.BigEndian.AppendUint32(b, v[1])
	}
	return tiffEntry{tag, tiffRational, uint32(len(vals)), b}
}

// ifdSize is the number of bytes an IFD with these entries takes, including
// the out-of-line values that follow it.
func ifdSize(es []tiffEntry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.data) > 4 {
			n += len(e.data) + len(e.data)%2
		}
	}
	return n
}

// appendIFD appends an IFD that starts at TIFF offset off; entries must be in
// ascending tag order. The next-IFD pointer is 0.
func appendIFD(b []byte, off int, es []tiffEntry) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(es)))
	extra := off + 2 + 12*len(es) + 4
	var tail []byte
	for _, e := range es {
		b = binary.BigEndian.AppendUint16(b, e.tag)
		b = binary.BigEndian.AppendUint16(b, e.typ)
		b = binary.BigEndian.AppendUint32(b, e.count)
		if len(e.data) <= 4 {
			v := make([]byte, 4)
			copy(v, e.data)
			b = append(b, v...)
			continue
		}
		b = binary.BigEndian.AppendUint32(b, uint32(extra+len(tail)))
		tail = append(tail, e.data...)
		if len(e.data)%2 == 1 {
			tail = append(tail, 0)
		}
	}
	b = binary.BigEndian.AppendUint32(b, 0)
	return append(b, tail...)
}

// gpsDMS turns decimal degrees into degrees, minutes and seconds (with
// 1/1000 s precision) as EXIF rationals.
func gpsDMS(v float64) [][2]uint32 {
	ms := uint64(math.Round(math.Abs(v) * 3600000)) // milliseconds of arc
	deg := ms / 3600000
	ms -= deg * 3600000
	mins := ms / 60000
	ms -= mins * 60000
	return [][2]uint32{{uint32(deg), 1}, {uint32(mins), 1}, {uint32(ms), 1000}}
}

// exifSegment builds the whole APP1 segment (marker, length, "Exif\0\0",
// big-endian TIFF with IFD0, the Exif IFD and the GPS IFD).
func exifSegment(x EXIF) ([]byte, error) {
	latRef, lonRef := "N", "E"
	if x.Lat < 0 {
		latRef = "S"
	}
	if x.Lon < 0 {
		lonRef = "W"
	}
	gps := []tiffEntry{
		{0x0000, tiffByte, 4, []byte{2, 3, 0, 0}}, // GPSVersionID
		asciiEntry(0x0001, latRef),
		rationalEntry(0x0002, gpsDMS(x.Lat)...),
		asciiEntry(0x0003, lonRef),
		rationalEntry(0x0004, gpsDMS(x.Lon)...),
		{0x0012, tiffASCII, 7, []byte("WGS-84\x00")}, // GPSMapDatum
	}
	exifIFD := []tiffEntry{
		{0x9000, tiffUndefined, 4, []byte("0232")}, // ExifVersion
	}
	if x.DateTimeOriginal != "" {
		exifIFD = append(exifIFD,
			asciiEntry(0x9003, x.DateTimeOriginal), // DateTimeOriginal
			asciiEntry(0x9004, x.DateTimeOriginal), // DateTimeDigitized
		)
	}
	exifIFD = append(exifIFD, tiffEntry{0xA001, tiffShort, 1, []byte{0, 1}}) // ColorSpace sRGB

	// IFD0 with placeholders for the two sub-IFD pointers, fixed below.
	var ifd0 []tiffEntry
	if x.Make != "" {
		ifd0 = append(ifd0, asciiEntry(0x010F, x.Make))
	}
	if x.Model != "" {
		ifd0 = append(ifd0, asciiEntry(0x0110, x.Model))
	}
	ifd0 = append(ifd0,
		shortEntry(0x0112, uint16(x.Orientation)),
		rationalEntry(0x011A, [2]uint32{72, 1}), // XResolution
		rationalEntry(0x011B, [2]uint32{72, 1}), // YResolution
		shortEntry(0x0128, 2),                   // ResolutionUnit: inch
	)
	if x.DateTimeOriginal != "" {
		ifd0 = append(ifd0, asciiEntry(0x0132, x.DateTimeOriginal)) // DateTime
	}
	ifd0 = append(ifd0, shortEntry(0x0213, 1)) // YCbCrPositioning: centred
	exifPtr := len(ifd0)
	ifd0 = append(ifd0, longEntry(0x8769, 0))
	gpsPtr := len(ifd0)
	ifd0 = append(ifd0, longEntry(0x8825, 0))

	const ifd0Off = 8
	exifOff := ifd0Off + ifdSize(ifd0)
	gpsOff := exifOff + ifdSize(exifIFD)
	ifd0[exifPtr] = longEntry(0x8769, uint32(exifOff))
	ifd0[gpsPtr] = longEntry(0x8825, uint32(gpsOff))

	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, ifd0Off}
	tiff = appendIFD(tiff, ifd0Off, ifd0)
	tiff = appendIFD(tiff, exifOff, exifIFD)
	tiff = appendIFD(tiff, gpsOff, gps)

	payload := append([]byte("Exif\x00\x00"), tiff...)
	if len(payload)+2 > 0xFFFF {
		return nil, errors.New("samplegen: EXIF data too large for one APP1 segment")
	}
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	return append(seg, payload...), nil
}
