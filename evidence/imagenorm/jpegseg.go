package imagenorm

import (
	"bytes"
	"context"
	"errors"
	"image/jpeg"

	"github.com/proofpack/proofpack/internal/jpegscale"
)

// jpegSeg is one piece of a JPEG file between SOI and EOI: a marker segment
// (marker != 0) or a run of entropy-coded data (marker == 0). start and end
// index the file; for a marker segment start is the 0xFF of the marker.
type jpegSeg struct {
	marker     byte
	start, end int
}

func (s jpegSeg) payload(data []byte) []byte {
	if s.marker == 0 || s.end-s.start < 4 {
		return nil
	}
	return data[s.start+4 : s.end]
}

var errJPEGStructure = errors.New("jpeg marker structure")

// walkJPEG splits data into segments. With untilSOS it stops after the
// first SOS header; otherwise it walks the whole file, skipping
// entropy-coded data, up to EOI, whose end offset it returns. Every length
// is bounds-checked; the work is linear in len(data).
func walkJPEG(data []byte, untilSOS bool) (segs []jpegSeg, eoiEnd int, err error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, 0, errJPEGStructure
	}
	pos := 2
	for {
		if pos >= len(data) || data[pos] != 0xFF {
			return segs, 0, errJPEGStructure
		}
		// Skip fill bytes: start is the last 0xFF before the marker code.
		for pos+1 < len(data) && data[pos+1] == 0xFF {
			pos++
		}
		if pos+1 >= len(data) {
			return segs, 0, errJPEGStructure
		}
		m := data[pos+1]
		switch {
		case m == 0xD9: // EOI
			return segs, pos + 2, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // standalone
			segs = append(segs, jpegSeg{marker: m, start: pos, end: pos + 2})
			pos += 2
			continue
		case m == 0x00 || m == 0xD8:
			return segs, 0, errJPEGStructure
		}
		if pos+4 > len(data) {
			return segs, 0, errJPEGStructure
		}
		n := int(be16(data[pos+2:]))
		if n < 2 || pos+2+n > len(data) {
			return segs, 0, errJPEGStructure
		}
		segs = append(segs, jpegSeg{marker: m, start: pos, end: pos + 2 + n})
		pos += 2 + n
		if m != 0xDA {
			continue
		}
		if untilSOS {
			return segs, 0, nil
		}
		// Entropy-coded data runs until a marker other than a stuffed
		// 0xFF00, a restart marker or fill bytes.
		ecs := pos
		for {
			i := bytes.IndexByte(data[pos:], 0xFF)
			if i < 0 || pos+i+1 >= len(data) {
				return segs, 0, errJPEGStructure
			}
			pos += i
			next := data[pos+1]
			if next == 0x00 || (next >= 0xD0 && next <= 0xD7) {
				pos += 2
				continue
			}
			if next == 0xFF {
				pos++
				continue
			}
			break
		}
		if pos > ecs {
			segs = append(segs, jpegSeg{start: ecs, end: pos})
		}
	}
}

// jpegHeader is what scanJPEGHeader learns from the segments before SOS.
type jpegHeader struct {
	exif           []byte // TIFF block of the first APP1 Exif segment
	sof            byte   // SOF marker (0xC0..0xCF), 0 if none
	components     int
	hmax, vmax     int // largest sampling factors (1 for a single component)
	adobe          bool
	adobeTransform byte
}

func scanJPEGHeader(data []byte) jpegHeader {
	segs, _, _ := walkJPEG(data, true)
	return headerFromSegs(data, segs)
}

func headerFromSegs(data []byte, segs []jpegSeg) jpegHeader {
	var h jpegHeader
	for _, s := range segs {
		p := s.payload(data)
		switch m := s.marker; {
		case m == 0xE1 && bytes.HasPrefix(p, []byte("Exif\x00\x00")) && h.exif == nil:
			h.exif = p[6:]
		case m == 0xEE && bytes.HasPrefix(p, []byte("Adobe")) && len(p) >= 12:
			h.adobe, h.adobeTransform = true, p[11]
		case m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && h.sof == 0:
			if len(p) >= 6 {
				h.sof = m
				h.components = int(p[5])
				h.hmax, h.vmax = 1, 1
				for i := 0; i < h.components && 6+3*i < len(p); i++ {
					if h.components > 1 && 7+3*i < len(p) {
						// One component is coded block by block whatever
						// its factors say.
						h.hmax, h.vmax = max(h.hmax, int(p[7+3*i]>>4)), max(h.vmax, int(p[7+3*i]&15))
					}
				}
			}
		}
	}
	return h
}

// mcuSize returns the size in pixels of a JPEG's minimum coded unit, 8
// times the largest sampling factors (16x16 for 4:2:0, 8x8 for gray),
// whatever the coding. Every pixel is coded in the blocks of exactly one
// MCU, so a region grown to this grid covers every block that holds any of
// its pixels. ok is false when no frame header precedes the first scan.
func mcuSize(data []byte) (w, h int, ok bool) {
	hd := scanJPEGHeader(data)
	if hd.sof == 0 || hd.hmax == 0 {
		return 0, 0, false
	}
	return 8 * hd.hmax, 8 * hd.vmax, true
}

// isMetadataSeg reports whether s is an APPn or COM segment that must not
// reach the output. A plain JFIF APP0 (no thumbnail) and APP14 Adobe are
// kept; everything else (EXIF, XMP, ICC, MPF, IPTC, JFXX thumbnails,
// comments, vendor blocks) goes.
func isMetadataSeg(data []byte, s jpegSeg) bool {
	m := s.marker
	if m == 0xFE {
		return true
	}
	if m < 0xE0 || m > 0xEF {
		return false
	}
	p := s.payload(data)
	switch {
	case m == 0xE0 && bytes.HasPrefix(p, []byte("JFIF\x00")):
		return len(p) >= 14 && (p[12] != 0 || p[13] != 0) // thumbnail present
	case m == 0xEE && bytes.HasPrefix(p, []byte("Adobe")):
		return false
	}
	return true
}

// jpegPassthrough implements the JPEG fast path. ok is false when the file
// does not qualify (or its structure is not understood), in which case the
// caller decodes and re-encodes. Otherwise out is the original data
// (kept == true) or a copy with metadata segments, JFIF thumbnails and any
// bytes after EOI removed.
//
// A file qualifies only when jpegscale decodes it (at 1/8, the cheapest
// scale): that decoder takes only 8-bit sequential gray or YCbCr files of
// one scan, and is as strict as libjpeg, which PDF readers embed.
func jpegPassthrough(ctx context.Context, data []byte, width, height int, maxPixels int64) (out []byte, kept, ok bool) {
	segs, eoiEnd, err := walkJPEG(data, false)
	if err != nil {
		return nil, false, false
	}
	if _, err := jpegscale.Decode(ctx, data, 8, maxPixels); err != nil {
		return nil, false, false
	}
	// Three components must be YCbCr as every reader will interpret them
	// (jpegscale already refuses Adobe transform 0 and the ids 'R','G','B').
	if h := headerFromSegs(data, segs); h.components == 3 && h.adobe && h.adobeTransform != 1 {
		return nil, false, false
	}
	dirty := eoiEnd != len(data)
	for _, s := range segs {
		if isMetadataSeg(data, s) {
			dirty = true
			break
		}
	}
	if !dirty {
		return data, true, true
	}
	out = make([]byte, 0, eoiEnd)
	out = append(out, 0xFF, 0xD8)
	for _, s := range segs {
		if !isMetadataSeg(data, s) {
			out = append(out, data[s.start:s.end]...)
			continue
		}
		if p := s.payload(data); s.marker == 0xE0 && bytes.HasPrefix(p, []byte("JFIF\x00")) && len(p) >= 14 {
			// JFIF with a thumbnail: keep the header only.
			out = append(out, 0xFF, 0xE0, 0x00, 16)
			out = append(out, p[:12]...)
			out = append(out, 0, 0)
		}
	}
	out = append(out, 0xFF, 0xD9)
	// Sanity check: the rewritten stream must still parse with the same
	// geometry; otherwise fall back to a full re-encode.
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(out))
	if err != nil || cfg.Width != width || cfg.Height != height {
		return nil, false, false
	}
	return out, false, true
}

// MaxJPEGScans is the most scans a JPEG may hold. A progressive photo has
// about ten; a file holding thousands, each a few bytes that make the
// decoder visit every block again, is a CPU bomb. libjpeg-turbo bounds
// this the same way (its scan limit, 500 in its own fuzzers and tools).
const MaxJPEGScans = 500

// jpegScans is what a walk of the whole file learns about its scans.
type jpegScans struct {
	count int // SOS segments
	// incomplete: a progressive file in which some coefficient of some
	// component is never coded, or never refined down to its last bit,
	// as when a file is cut between two scans. It decodes, to a blurred or
	// blocky picture.
	incomplete bool
}

// scanJPEGScans walks the whole file (or as far as its structure can be
// followed) and follows the progression of a progressive JPEG the way
// libjpeg does, recording for each coefficient of each component the
// lowest bit coded so far.
func scanJPEGScans(data []byte) jpegScans {
	segs, _, _ := walkJPEG(data, false)
	var s jpegScans
	// Progressive frames only: component id -> lowest bit coded of each
	// coefficient, -1 for none.
	bits := map[byte]*[64]int{}
	for _, g := range segs {
		p := g.payload(data)
		switch g.marker {
		case 0xC2:
			for i := 0; len(p) >= 6 && i < int(p[5]) && 6+3*i < len(p); i++ {
				b := new([64]int)
				for k := range b {
					b[k] = -1
				}
				bits[p[6+3*i]] = b
			}
		case 0xDA:
			s.count++
			if len(p) < 1 || len(p) != 4+2*int(p[0]) {
				continue
			}
			ns := int(p[0])
			ss, se, al := int(p[1+2*ns]), int(p[2+2*ns]), int(p[3+2*ns]&15)
			for i := range ns {
				if b := bits[p[1+2*i]]; b != nil {
					for k := ss; k <= se && k < 64; k++ {
						b[k] = al
					}
				}
			}
		}
	}
	for _, b := range bits {
		for _, v := range b {
			if v != 0 {
				s.incomplete = true
			}
		}
	}
	return s
}
