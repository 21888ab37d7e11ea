package jpegscale

import "encoding/binary"

// lutBits is the number of bits looked up at once; longer codes (rare)
// take the canonical-code loop.
const lutBits = 9

// skipBits is the number of bits huffman.skip looks at.
const skipBits = 12

// huffman is one decoding table.
type huffman struct {
	// lut maps the next lutBits bits to length<<8 | value for codes of
	// at most lutBits bits; 0 means a longer code.
	lut     [1 << lutBits]uint16
	maxCode [17]int32 // largest code of each length, -1 if none
	valPtr  [17]int32 // index in vals of the first code of each length, minus that code
	vals    []uint8
	// coef, for AC tables, maps the next lutBits bits to the acEntry of
	// the symbol whose code starts them (0 for a longer code), with the
	// coefficient's value in it when its magnitude bits fit in them too
	// (most do).
	coef [1 << lutBits]int32
	// skip, for AC tables, parses as many whole symbols (code and
	// magnitude bits) as the next skipBits bits hold, for the
	// coefficients the scaled transform drops: see skipEntry.
	skip [1 << skipBits]uint16
}

// A skip entry has the bits the symbols take in bits 0-5, and in bits
// 6-12 the zig-zag positions they advance: each coefficient its run plus
// one, a run of 16 zeros 16, an end of block 1 (so that the entry applies
// only when every coefficient before it lies in the block). skipEOB marks
// symbols that end with an end of block. When the first symbol does not
// fit, the entry is skipNone, whose advance no block has room for.
const (
	skipEOB  = 1 << 13
	skipNone = 127 << 6
)

// An acEntry describes one AC symbol (run r, size s) and what follows its
// code: bits 0-5 are the bits to consume (code and magnitude), bits 8-15
// the zig-zag positions to skip before the coefficient, and bits 16-31
// the coefficient's value, or s when entryExtract is set (the value is in
// the s bits after the code). For the end of block the skip is 64, and
// for a run of 16 zeros 15 with value 0; both have entryEnd set, so that
// a skip past the block's end means the block ended rather than an error.
const (
	entryExtract = 1 << 6
	entryEnd     = 1 << 7
)

// acEntry returns the entry of symbol rs whose code, l bits long, is
// followed by its magnitude bits (not known here).
func acEntry(l uint, rs uint8) int32 {
	r, s := int32(rs>>4), int32(rs&15)
	switch {
	case s != 0:
		return s<<16 | r<<8 | entryExtract | (int32(l) + s)
	case r == 15:
		return 15<<8 | entryEnd | int32(l)
	case r == 0:
		return 64<<8 | entryEnd | int32(l)
	}
	// An end-of-band run, which only progressive JPEGs have: its entry
	// is left to the caller.
	return 0
}

// newHuffman builds a table from a DHT segment's code counts per length
// (1 to 16 bits) and symbol values.
func newHuffman(counts [16]int, vals []uint8) (*huffman, error) {
	h := &huffman{vals: vals}
	code, k := int32(0), 0
	for l := 1; l <= 16; l++ {
		n := counts[l-1]
		h.valPtr[l] = int32(k) - code
		h.maxCode[l] = -1
		if n > 0 {
			if code+int32(n) > 1<<l {
				return nil, errCorrupt("Huffman table has too many codes of %d bits", l)
			}
			for range n {
				if l <= lutBits {
					// Every lutBits-bit string starting with this code.
					shift := lutBits - l
					for lo := range int32(1) << shift {
						h.lut[code<<shift|lo] = uint16(l)<<8 | uint16(vals[k])
					}
				}
				code++
				k++
			}
			h.maxCode[l] = code - 1
		}
		code <<= 1
	}
	return h, nil
}

// buildCoef fills h.coef (see huffman); only AC tables use it.
func (h *huffman) buildCoef() {
	for i, e := range h.lut {
		if e == 0 {
			continue
		}
		l := uint(e >> 8)
		f := acEntry(l, uint8(e))
		if s := uint(f >> 16); f&entryExtract != 0 && l+s <= lutBits {
			v := int32(i>>(lutBits-l-s)) & (1<<s - 1)
			if v < 1<<(s-1) {
				v += -1<<s + 1
			}
			f = v<<16 | f&0xFFFF&^entryExtract
		}
		h.coef[i] = f
	}
	for i := range h.skip {
		bits, adv, eob := 0, 0, 0
		for eob == 0 {
			// The coef entry of the bits left, padded with zeros: the
			// code is known if it is no longer than they are.
			f := h.coef[i<<bits&(1<<skipBits-1)>>(skipBits-lutBits)]
			l, a := int(f&63), int(f>>8&0xFF)+1
			end := f&entryEnd != 0 && a == 65
			if end {
				a = 1
			}
			if f == 0 || bits+l > skipBits || adv+a > 64 {
				break
			}
			bits, adv = bits+l, adv+a
			if end {
				eob = skipEOB
			}
		}
		h.skip[i] = uint16(eob | adv<<6 | bits)
		if bits == 0 {
			h.skip[i] = skipNone
		}
	}
}

// bitReader reads the entropy-coded bits of a scan from data, removing the
// 0x00 stuffed after each 0xFF. At a marker (or the end of data) it stops
// advancing and supplies zero bits, counting them in pad; consuming any of
// them means the data was cut short, which finish reports.
type bitReader struct {
	data []byte
	pos  int    // next byte to read
	acc  uint64 // bits, most significant first
	n    uint   // number of valid bits in acc
	pad  uint   // zero bits supplied past the end of the data
	stop bool   // a marker or the end of data was reached
}

// take is the fast way to top acc up: when the next 8 bytes of data hold
// no 0xFF (no stuffing, no marker), it puts all 64 bits of them after the
// n bits of acc and counts the whole bytes that fit, returning the new acc
// and n (at least 56). The bits of a byte that only partly fits stay in
// acc past n: they are that byte's, so reading it again (by take or fill)
// ORs in the same bits. take is small enough to be inlined in the decoding
// loop; when it cannot read, it returns acc and n unchanged and the caller
// uses fill.
func (br *bitReader) take(acc uint64, n uint) (uint64, uint) {
	p := br.pos
	if p+8 > len(br.data) {
		return acc, n
	}
	w := binary.BigEndian.Uint64(br.data[p:])
	if x := ^w; (x-0x0101010101010101)&^x&0x8080808080808080 != 0 {
		return acc, n
	}
	br.pos = p + int((63-n)>>3)
	return acc | w>>n, n | 56
}

// fill tops acc up to at least 57 bits, a byte at a time, removing the
// stuffing and stopping at a marker or the end of the data.
func (br *bitReader) fill() {
	for br.n <= 56 {
		var b byte
		if !br.stop {
			if br.pos >= len(br.data) {
				br.stop = true
			} else if b = br.data[br.pos]; b != 0xFF {
				br.pos++
			} else if br.pos+1 < len(br.data) && br.data[br.pos+1] == 0 {
				br.pos += 2
			} else {
				br.stop = true // a marker: leave pos on it
				b = 0
			}
		}
		if br.stop {
			br.pad += 8
		}
		br.acc |= uint64(b) << (56 - br.n)
		br.n += 8
	}
}

// decodeLong reads one Huffman-coded symbol whose code is longer than
// lutBits (the short ones are looked up inline by the caller). The caller
// has made sure at least 16 bits are buffered.
func (br *bitReader) decodeLong(h *huffman) (uint8, error) {
	for l := uint(lutBits + 1); l <= 16; l++ {
		code := int32(br.acc >> (64 - l))
		if code <= h.maxCode[l] {
			br.acc <<= l
			br.n -= l
			i := h.valPtr[l] + code
			if i < 0 || int(i) >= len(h.vals) {
				break
			}
			return h.vals[i], nil
		}
	}
	return 0, errCorrupt("bad Huffman code")
}

// decodeAC reads one AC symbol the caller found no coef entry for (a code
// longer than lutBits, or an end-of-band run) and returns its acEntry,
// with the code consumed and the magnitude bits still to read. The caller
// has made sure at least 16 bits are buffered.
func (br *bitReader) decodeAC(h *huffman) (int32, error) {
	var rs uint8
	if e := h.lut[br.acc>>(64-lutBits)]; e != 0 {
		br.acc <<= e >> 8
		br.n -= uint(e >> 8)
		rs = uint8(e)
	} else {
		var err error
		if rs, err = br.decodeLong(h); err != nil {
			return 0, err
		}
	}
	f := acEntry(0, rs)
	if f == 0 {
		// An end-of-band run, which only progressive JPEGs have.
		return 0, errCorrupt("EOB run in a sequential scan")
	}
	return f, nil
}

// finish checks the end of a scan or restart interval: no zero bits from
// past the data were used, less than one byte of data is left over (the
// padding of the last byte), and a marker follows. The position is then on
// that marker.
func (br *bitReader) finish() error {
	if br.pad > br.n {
		return errCorrupt("the scan data ends too early")
	}
	if br.n-br.pad >= 8 || !br.stop && !br.atMarker() {
		// A tolerant decoder would skip the unused bytes; this one leaves
		// such files to image/jpeg.
		return errCorrupt("extra data after the scan")
	}
	return nil
}

// atMarker reports whether pos is on a marker (0xFF followed by a byte
// other than 0x00).
func (br *bitReader) atMarker() bool {
	return br.pos+1 < len(br.data) && br.data[br.pos] == 0xFF && br.data[br.pos+1] != 0
}
