package imagenorm

import (
	"bytes"
	"encoding/binary"
	"strings"
	"time"
)

// exifMeta is the subset of EXIF the package cares about.
type exifMeta struct {
	orientation int // 0 when absent/invalid
	captured    time.Time
	hasGPS      bool
}

// inspectMetadata fills the metadata fields of info from the container
// (never the pixels). Broken metadata is ignored.
func inspectMetadata(info *Info, data []byte) {
	var meta exifMeta
	switch info.Format {
	case "jpeg":
		h := scanJPEGHeader(data)
		if h.exif != nil {
			meta = parseExif(h.exif)
		}
		switch h.components {
		case 1:
			info.ColorModel = "gray"
		case 3:
			info.ColorModel = "rgb"
		case 4:
			if h.adobe && h.adobeTransform != 0 {
				info.ColorModel = "ycck"
			} else {
				info.ColorModel = "cmyk"
			}
		}
	case "png":
		if cm, exif := scanPNG(data); cm != "" {
			info.ColorModel = cm
			if exif != nil {
				meta = parseExif(exif)
			}
		}
	case "webp":
		if exif := scanWebP(data); exif != nil {
			meta = parseExif(exif)
		}
	case "tiff":
		meta = parseExif(data)
	case "heic", "avif":
		// The header's irot/imir, when present, are the orientation (an
		// iPhone's Exif Orientation only repeats them and must not be
		// applied twice); libheif applies them while decoding a HEIC.
		// Files without them (older encoders) keep the Exif tag.
		h, _ := parseHEIFHeader(data)
		if h.exif != nil {
			meta = parseExif(h.exif)
		}
		switch {
		case h.transform != 0 && info.Format == "heic":
			meta.orientation = 1
		case h.transform != 0:
			meta.orientation = h.transform
		}
	case "gif":
		info.Frames = max(1, countGIFFrames(data))
	}
	if meta.orientation >= 1 && meta.orientation <= 8 {
		info.Orientation = meta.orientation
	}
	info.CapturedAt = meta.captured
	info.HasGPS = meta.hasGPS
}

// parseExif parses a TIFF-structured EXIF block (starting at the byte-order
// mark). It reads IFD0, the Exif sub-IFD and the GPS sub-IFD, validates every
// offset, and never panics: malformed input yields whatever was read before
// the damage.
func parseExif(b []byte) (meta exifMeta) {
	defer func() {
		if recover() != nil {
			meta = exifMeta{}
		}
	}()
	b = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
	if len(b) < 8 {
		return meta
	}
	var bo binary.ByteOrder
	switch string(b[0:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return meta
	}
	if bo.Uint16(b[2:4]) != 42 {
		return meta
	}
	p := exifParser{b: b, bo: bo}
	var dateTime, dateOriginal, dateDigitized time.Time
	var exifIFD, gpsIFD uint32
	p.walkIFD(bo.Uint32(b[4:8]), func(tag, typ uint16, count uint32, val []byte) {
		switch tag {
		case 0x0112: // Orientation
			if v, ok := p.uint(typ, val); ok {
				meta.orientation = int(v)
			}
		case 0x0132: // DateTime
			if typ == 2 {
				dateTime = parseExifTime(val)
			}
		case 0x8769: // Exif IFD pointer
			if v, ok := p.uint(typ, val); ok {
				exifIFD = v
			}
		case 0x8825: // GPS IFD pointer
			if v, ok := p.uint(typ, val); ok {
				gpsIFD = v
			}
		}
	})
	if exifIFD != 0 {
		p.walkIFD(exifIFD, func(tag, typ uint16, count uint32, val []byte) {
			if typ != 2 {
				return
			}
			switch tag {
			case 0x9003:
				dateOriginal = parseExifTime(val)
			case 0x9004:
				dateDigitized = parseExifTime(val)
			}
		})
	}
	if gpsIFD != 0 {
		n := 0
		p.walkIFD(gpsIFD, func(tag, typ uint16, count uint32, val []byte) { n++ })
		meta.hasGPS = n > 0
	}
	for _, t := range []time.Time{dateOriginal, dateDigitized, dateTime} {
		if !t.IsZero() {
			meta.captured = t
			break
		}
	}
	return meta
}

type exifParser struct {
	b  []byte
	bo binary.ByteOrder
}

// Sizes of TIFF field types 1..13 (0 = unknown).
var tiffTypeSize = [...]uint64{0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4}

const maxIFDEntries = 1000

// walkIFD calls fn for each well-formed entry of the IFD at off, with the
// entry's value bytes (bounds-checked). It does not follow the next-IFD link.
func (p *exifParser) walkIFD(off uint32, fn func(tag, typ uint16, count uint32, val []byte)) {
	b := p.b
	if uint64(off)+2 > uint64(len(b)) {
		return
	}
	n := int(p.bo.Uint16(b[off:]))
	if n > maxIFDEntries {
		n = maxIFDEntries
	}
	pos := int(off) + 2
	for i := 0; i < n; i++ {
		if pos+12 > len(b) {
			return
		}
		e := b[pos : pos+12]
		pos += 12
		tag := p.bo.Uint16(e[0:2])
		typ := p.bo.Uint16(e[2:4])
		count := p.bo.Uint32(e[4:8])
		if int(typ) >= len(tiffTypeSize) || tiffTypeSize[typ] == 0 {
			continue
		}
		size := tiffTypeSize[typ] * uint64(count)
		var val []byte
		if size <= 4 {
			val = e[8 : 8+size]
		} else {
			voff := uint64(p.bo.Uint32(e[8:12]))
			if voff+size > uint64(len(b)) {
				continue
			}
			val = b[voff : voff+size]
		}
		fn(tag, typ, count, val)
	}
}

// uint reads the first value of a SHORT, LONG or IFD entry.
func (p *exifParser) uint(typ uint16, val []byte) (uint32, bool) {
	switch {
	case typ == 3 && len(val) >= 2:
		return uint32(p.bo.Uint16(val)), true
	case (typ == 4 || typ == 13) && len(val) >= 4:
		return p.bo.Uint32(val), true
	}
	return 0, false
}

// parseExifTime parses "YYYY:MM:DD HH:MM:SS" (tolerating '-' separators,
// a 'T', fractional seconds and trailing NULs/spaces) as a UTC wall clock.
func parseExifTime(val []byte) time.Time {
	s := strings.TrimRight(string(val), "\x00 ")
	s = strings.TrimSpace(s)
	if len(s) < 19 {
		return time.Time{}
	}
	s = s[:19]
	b := []byte(s)
	if b[4] == '-' && b[7] == '-' {
		b[4], b[7] = ':', ':'
	}
	if b[10] == 'T' {
		b[10] = ' '
	}
	t, err := time.ParseInLocation("2006:01:02 15:04:05", string(b), time.UTC)
	if err != nil || t.Year() < 1800 {
		return time.Time{}
	}
	return t
}

// scanPNG walks the chunk list (without checking CRCs) and returns a colour
// model description from IHDR and the payload of an eXIf chunk, if any.
func scanPNG(data []byte) (colorModel string, exif []byte) {
	pos := 8
	var depth, ctype byte
	var trns, sawIHDR bool
	for pos+12 <= len(data) {
		n := int(be32(data[pos:]))
		typ := string(data[pos+4 : pos+8])
		if n < 0 || n > len(data)-pos-12 {
			break
		}
		body := data[pos+8 : pos+8+n]
		pos += 12 + n
		switch typ {
		case "IHDR":
			if n >= 13 {
				depth, ctype, sawIHDR = body[8], body[9], true
			}
		case "tRNS":
			trns = true
		case "eXIf":
			if exif == nil {
				exif = body
			}
		case "IEND":
			pos = len(data)
		}
	}
	if !sawIHDR {
		return "", nil
	}
	wide := depth == 16
	switch ctype {
	case 0:
		switch {
		case trns && wide:
			colorModel = "graya16"
		case trns:
			colorModel = "graya"
		case wide:
			colorModel = "gray16"
		default:
			colorModel = "gray"
		}
	case 2:
		switch {
		case trns && wide:
			colorModel = "rgba64"
		case trns:
			colorModel = "rgba"
		case wide:
			colorModel = "rgb48"
		default:
			colorModel = "rgb"
		}
	case 3:
		colorModel = "paletted"
	case 4:
		colorModel = map[bool]string{true: "graya16", false: "graya"}[wide]
	case 6:
		colorModel = map[bool]string{true: "rgba64", false: "rgba"}[wide]
	}
	return colorModel, exif
}

// scanWebP returns the payload of the EXIF chunk of an extended WebP file.
func scanWebP(data []byte) []byte {
	pos := 12
	for pos+8 <= len(data) {
		n := int(le32(data[pos+4:]))
		if n < 0 || n > len(data)-pos-8 {
			return nil
		}
		if string(data[pos:pos+4]) == "EXIF" {
			return data[pos+8 : pos+8+n]
		}
		pos += 8 + n + n&1
	}
	return nil
}

// countGIFFrames counts image descriptors by walking the GIF block
// structure without decompressing anything.
func countGIFFrames(data []byte) int {
	if len(data) < 13 {
		return 0
	}
	pos := 13
	if packed := data[10]; packed&0x80 != 0 {
		pos += 3 << ((packed & 7) + 1)
	}
	skipSubBlocks := func() bool {
		for pos < len(data) {
			n := int(data[pos])
			pos += 1 + n
			if n == 0 {
				return true
			}
		}
		return false
	}
	frames := 0
	for pos < len(data) {
		switch data[pos] {
		case 0x21: // extension
			pos += 2
			if !skipSubBlocks() {
				return frames
			}
		case 0x2C: // image descriptor
			if pos+10 > len(data) {
				return frames
			}
			packed := data[pos+9]
			frames++
			pos += 10
			if packed&0x80 != 0 {
				pos += 3 << ((packed & 7) + 1)
			}
			pos++ // LZW minimum code size
			if !skipSubBlocks() {
				return frames
			}
		default: // 0x3B trailer or garbage
			return frames
		}
	}
	return frames
}
