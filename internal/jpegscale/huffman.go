package jpegscale

import "encoding/binary"

// lutBits is the number of bits looked up at once; longer codes (rare)
// take the canonical-code loop.
const lutBits = 9

// huffman is one decoding table.
type huffman struct {
	// lut maps the next lutBits bits to length<<8 | value for codes of
	// at most lutBits bits; 0 means a longer code.
	lut     [1 << lutBits]uint16
	maxCode [17]int32 // largest code of each length, -1 if none
	valPtr  [17]int32 // index in vals of the first code of each length, minus that code
	vals    []uint8
	// fast, for AC tables, decodes a whole coefficient from the next
	// lutBits bits when its code and magnitude bits fit in them (most do):
	// value<<8 | run<<4 | bits used, the value in -128..127; 0 otherwise.
	fast [1 << lutBits]int16
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

// buildFast fills h.fast (see huffman); only AC tables use it.
func (h *huffman) buildFast() {
	for i, e := range h.lut {
		l := uint(e >> 8)
		r, s := int32(e>>4)&15, uint(e&15)
		if e == 0 || s == 0 || l+s > lutBits {
			continue
		}
		v := int32(i>>(lutBits-l-s)) & (1<<s - 1)
		if v < 1<<(s-1) {
			v += -1<<s + 1
		}
		if v >= -128 && v <= 127 {
			h.fast[i] = int16(v<<8 | r<<4 | int32(l+s))
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

// fill tops acc up to at least 57 bits.
func (br *bitReader) fill() {
	// Fast path: when the next 8 bytes hold no 0xFF (no stuffing, no
	// marker), take as many whole bytes of them as fit at once.
	if !br.stop && br.pos+8 <= len(br.data) {
		w := binary.BigEndian.Uint64(br.data[br.pos:])
		if x := ^w; (x-0x0101010101010101)&^x&0x8080808080808080 == 0 {
			bits := (64 - br.n) &^ 7
			br.acc |= w >> (64 - bits) << (64 - br.n - bits)
			br.n += bits
			br.pos += int(bits / 8)
			return
		}
	}
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
