package imagenorm

import (
	"encoding/binary"
)

// HEIC and AVIF files are ISO base media files: a tree of boxes. Their
// header (the "meta" box) names the primary item, its size ("ispe"), its
// rotation and mirroring ("irot", "imir") and where an "Exif" item lies.
// heifHeader reads exactly that, bounded, without running the decoder, so
// that Inspect checks the pixel limit before any WebAssembly decoder sees
// the file.

// maxHEIFBoxes bounds how many boxes one header walk visits.
const maxHEIFBoxes = 4096

// heifHeader is what the meta box says about the primary image.
type heifHeader struct {
	width, height int    // ispe: stored size, before irot/imir
	transform     int    // irot/imir as an EXIF orientation 1..8; 0 when absent
	exif          []byte // the Exif item's TIFF block, or nil
	// jfifColour: the coded YCbCr is what image.YCbCr assumes (full-range
	// BT.601, an iPhone's), or the file does not say.
	jfifColour bool
}

type heifBox struct {
	typ  string
	body []byte
}

// heifBoxes splits b into boxes, stopping at the first malformed one.
func heifBoxes(b []byte, budget *int) []heifBox {
	var out []heifBox
	for len(b) >= 8 && *budget > 0 {
		*budget--
		size := uint64(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		hdr := uint64(8)
		switch size {
		case 0:
			size = uint64(len(b))
		case 1:
			if len(b) < 16 {
				return out
			}
			size, hdr = binary.BigEndian.Uint64(b[8:]), 16
		}
		if size < hdr || size > uint64(len(b)) {
			return out
		}
		out = append(out, heifBox{typ, b[hdr:size]})
		b = b[size:]
	}
	return out
}

// heifReader reads big-endian fields of a box body; it records running past
// the end instead of panicking.
type heifReader struct {
	b   []byte
	bad bool
}

func (r *heifReader) n(size int) uint64 {
	if size == 0 {
		return 0
	}
	if size > 8 || len(r.b) < size {
		r.bad, r.b = true, nil
		return 0
	}
	var v uint64
	for _, c := range r.b[:size] {
		v = v<<8 | uint64(c)
	}
	r.b = r.b[size:]
	return v
}

// idSize is the width of an item id or count field: 2 bytes in the boxes'
// short versions, 4 in the long ones.
func idSize(short bool) int {
	if short {
		return 2
	}
	return 4
}

// parseHEIFHeader reads the primary item's header from a HEIC or AVIF file.
// ok is false when the file has no readable meta box or no size for the
// primary item.
func parseHEIFHeader(data []byte) (h heifHeader, ok bool) {
	budget := maxHEIFBoxes
	var meta []byte
	for _, b := range heifBoxes(data, &budget) {
		if b.typ == "meta" {
			meta = b.body
			break
		}
	}
	if len(meta) < 4 {
		return h, false
	}
	var (
		primary  uint64
		havePitm bool
		exifID   uint64
		haveExif bool
		props    []heifBox
		assoc    = map[uint64][]int{}
		iloc     []byte
	)
	for _, b := range heifBoxes(meta[4:], &budget) {
		switch b.typ {
		case "pitm":
			r := heifReader{b: b.body}
			v := r.n(1)
			r.n(3)
			primary = r.n(idSize(v == 0))
			havePitm = !r.bad
		case "iinf":
			exifID, haveExif = heifExifItem(b.body, &budget)
		case "iloc":
			iloc = b.body
		case "iprp":
			for _, c := range heifBoxes(b.body, &budget) {
				switch c.typ {
				case "ipco":
					props = heifBoxes(c.body, &budget)
				case "ipma":
					heifAssociations(c.body, assoc)
				}
			}
		}
	}
	if !havePitm {
		return h, false
	}
	m, transformed := identity, false
	h.jfifColour = true
	for _, idx := range assoc[primary] {
		if idx < 1 || idx > len(props) {
			continue
		}
		p := props[idx-1]
		switch p.typ {
		case "ispe":
			r := heifReader{b: p.body}
			r.n(4)
			w, hh := r.n(4), r.n(4)
			if !r.bad && w <= 1<<30 && hh <= 1<<30 {
				h.width, h.height = int(w), int(hh)
			}
		case "colr":
			r := heifReader{b: p.body}
			if r.n(4) == uint64(binary.BigEndian.Uint32([]byte("nclx"))) {
				r.n(4) // colour primaries, transfer characteristics
				matrix, full := r.n(2), r.n(1)>>7
				h.jfifColour = !r.bad && (matrix == 5 || matrix == 6) && full == 1
			}
		case "irot":
			if len(p.body) >= 1 {
				transformed = true
				for range p.body[0] & 3 {
					m = mul(orientMatrix[8], m) // 90° anticlockwise
				}
			}
		case "imir":
			if len(p.body) >= 1 {
				transformed = true
				if p.body[0]&1 == 0 {
					m = mul(orientMatrix[2], m) // mirrored about the vertical axis
				} else {
					m = mul(orientMatrix[4], m)
				}
			}
		}
	}
	for o, om := range orientMatrix {
		if transformed && o > 0 && om == m {
			h.transform = o
		}
	}
	if haveExif && iloc != nil {
		h.exif = heifExif(data, iloc, exifID)
	}
	return h, h.width > 0 && h.height > 0
}

// heifExifItem finds the item of type "Exif" in an iinf box.
func heifExifItem(body []byte, budget *int) (uint64, bool) {
	r := heifReader{b: body}
	v := r.n(1)
	r.n(3)
	r.n(idSize(v == 0))
	if r.bad {
		return 0, false
	}
	for _, e := range heifBoxes(r.b, budget) {
		if e.typ != "infe" {
			continue
		}
		er := heifReader{b: e.body}
		ev := er.n(1)
		er.n(3)
		if ev < 2 {
			continue
		}
		id := er.n(idSize(ev == 2))
		er.n(2)
		if typ := er.n(4); !er.bad && typ == uint64(binary.BigEndian.Uint32([]byte("Exif"))) {
			return id, true
		}
	}
	return 0, false
}

// heifAssociations adds an ipma box's item → property indices to assoc.
func heifAssociations(body []byte, assoc map[uint64][]int) {
	r := heifReader{b: body}
	v := r.n(1)
	flags := r.n(3)
	count := r.n(4)
	for i := uint64(0); i < count && !r.bad; i++ {
		id := r.n(idSize(v < 1))
		n := r.n(1)
		for j := uint64(0); j < n && !r.bad; j++ {
			var idx uint64
			if flags&1 != 0 {
				idx = r.n(2) & 0x7FFF
			} else {
				idx = r.n(1) & 0x7F
			}
			if !r.bad && len(assoc[id]) < 64 {
				assoc[id] = append(assoc[id], int(idx))
			}
		}
	}
}

// heifExif returns the TIFF block of item id as located by an iloc box: a
// single extent in the file, at most 1 MiB.
func heifExif(data, body []byte, id uint64) []byte {
	r := heifReader{b: body}
	v := r.n(1)
	r.n(3)
	sizes := r.n(2)
	offSize, lenSize, baseSize := int(sizes>>12), int(sizes>>8&15), int(sizes>>4&15)
	idxSize := 0
	if v == 1 || v == 2 {
		idxSize = int(sizes & 15)
	}
	count := r.n(idSize(v < 2))
	for i := uint64(0); i < count && !r.bad; i++ {
		item := r.n(idSize(v < 2))
		method := uint64(0)
		if v == 1 || v == 2 {
			method = r.n(2) & 15
		}
		r.n(2) // data reference index
		base := r.n(baseSize)
		extents := r.n(2)
		var off, length uint64
		for j := uint64(0); j < extents && !r.bad; j++ {
			r.n(idxSize)
			off, length = r.n(offSize), r.n(lenSize)
		}
		if r.bad || item != id {
			continue
		}
		start := base + off
		if method != 0 || extents != 1 || length < 4 || length > 1<<20 || start > uint64(len(data)) || length > uint64(len(data))-start {
			return nil
		}
		b := data[start : start+length]
		// The item starts with the offset of the TIFF header after it.
		skip := uint64(binary.BigEndian.Uint32(b))
		if skip > length-4 {
			return nil
		}
		return b[4+skip:]
	}
	return nil
}

// matrix2 is a 2x2 integer matrix acting on (x, y) with y pointing down.
type matrix2 [4]int

var identity = matrix2{1, 0, 0, 1}

// orientMatrix[o] is the transform EXIF orientation o asks a viewer to apply.
var orientMatrix = [9]matrix2{
	1: identity,
	2: {-1, 0, 0, 1},  // mirror left-right
	3: {-1, 0, 0, -1}, // rotate 180°
	4: {1, 0, 0, -1},  // mirror top-bottom
	5: {0, 1, 1, 0},   // transpose
	6: {0, -1, 1, 0},  // rotate 90° clockwise
	7: {0, -1, -1, 0}, // transverse
	8: {0, 1, -1, 0},  // rotate 90° anticlockwise
}

func mul(a, b matrix2) matrix2 {
	return matrix2{
		a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3],
		a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
	}
}
