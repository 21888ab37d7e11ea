// Package jpegenc writes baseline JPEGs straight from 4:2:0 Y, Cb and Cr
// planes, the layout imagenorm's photo path produces. image/jpeg, given
// such an image, copies every 16x16 block's chroma out at full resolution
// (one offset computation a pixel) and averages it back down, and divides
// each coefficient by its quantiser; this encoder reads the planes as they
// are, uses a floating-point AAN transform whose scale factors are folded
// into reciprocal quantisers, and keeps its bits in a 64-bit buffer.
//
// The output uses the same quantisation tables, scaled by quality the same
// way (the IJG formula), and the same standard Huffman tables (ITU T.81
// Annex K) as image/jpeg, so files are of the same size and look; it is a
// plain baseline JFIF-less file (SOI, DQT, SOF0, DHT, SOS, EOI) as
// image/jpeg writes.
package jpegenc

import (
	"bufio"
	"errors"
	"image"
	"io"
	"math"
	"math/bits"
)

// Encode writes m, which must be 4:2:0 with its origin at (0, 0), as a
// baseline JPEG at quality q (1 to 100; out-of-range values are clamped).
func Encode(w io.Writer, m *image.YCbCr, q int) error {
	if m.SubsampleRatio != image.YCbCrSubsampleRatio420 || m.Rect.Min != (image.Point{}) {
		return errors.New("jpegenc: only 4:2:0 images with their origin at (0, 0)")
	}
	width, height := m.Rect.Dx(), m.Rect.Dy()
	if width <= 0 || height <= 0 || width >= 1<<16 || height >= 1<<16 {
		return errors.New("jpegenc: image size out of range")
	}
	cw, ch := (width+1)/2, (height+1)/2
	if len(m.Y) < (height-1)*m.YStride+width || len(m.Cb) < (ch-1)*m.CStride+cw || len(m.Cr) < (ch-1)*m.CStride+cw {
		return errors.New("jpegenc: planes shorter than the image")
	}
	e := encoder{w: bufio.NewWriterSize(w, 1<<16)}
	tables := newTables(q)
	e.header(tables, width, height)
	var blk [64]float32
	var prevY, prevCb, prevCr int32
	for my := 0; my < height; my += 16 {
		for mx := 0; mx < width; mx += 16 {
			for i := range 4 {
				x, y := mx+8*(i&1), my+8*(i>>1)
				load(&blk, m.Y, m.YStride, width, height, x, y)
				prevY = e.block(&blk, &tables.recip[0], &lumaDC, &lumaAC, prevY)
			}
			load(&blk, m.Cb, m.CStride, cw, ch, mx/2, my/2)
			prevCb = e.block(&blk, &tables.recip[1], &chromaDC, &chromaAC, prevCb)
			load(&blk, m.Cr, m.CStride, cw, ch, mx/2, my/2)
			prevCr = e.block(&blk, &tables.recip[1], &chromaDC, &chromaAC, prevCr)
		}
	}
	e.flush()
	e.write([]byte{0xff, 0xd9})
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

// load copies the 8x8 block at (x, y) of the w x h plane p (rows stride
// apart) into blk, level-shifted to -128..127, repeating the last column
// and row where the block runs past the plane's edge.
func load(blk *[64]float32, p []uint8, stride, w, h, x, y int) {
	if x+8 <= w && y+8 <= h {
		for j := range 8 {
			row := p[(y+j)*stride+x:][:8]
			b := blk[8*j : 8*j+8 : 8*j+8]
			for i, v := range row {
				b[i] = float32(int32(v) - 128)
			}
		}
		return
	}
	for j := range 8 {
		row := p[min(y+j, h-1)*stride:]
		for i := range 8 {
			blk[8*j+i] = float32(int32(row[min(x+i, w-1)]) - 128)
		}
	}
}

// unzig maps a zig-zag index to the natural (row-major) 8x8 index.
var unzig = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}

// baseQuant are the luminance and chrominance tables of ITU T.81 Annex K
// (K.1 and K.2), in zig-zag order.
var baseQuant = [2][64]uint8{
	{
		16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40,
		26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61, 60, 57, 51,
		56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87,
		95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99,
	},
	{
		17, 18, 18, 24, 21, 24, 47, 26, 26, 47, 99, 66, 56, 66, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
	},
}

// tables are the quantisers for one quality: as written to the file
// (zig-zag order) and as the reciprocal each transform output is
// multiplied by (natural order, the AAN scale factors and the transform's
// factor of 8 folded in).
type tables struct {
	quant [2][64]uint8
	recip [2][64]float32
}

func newTables(q int) *tables {
	q = min(max(q, 1), 100)
	scale := 200 - 2*q
	if q < 50 {
		scale = 5000 / q
	}
	var aan [8]float64
	aan[0] = 1
	for k := 1; k < 8; k++ {
		aan[k] = math.Cos(float64(k)*math.Pi/16) * math.Sqrt2
	}
	t := new(tables)
	for c := range 2 {
		for z := range 64 {
			v := (int(baseQuant[c][z])*scale + 50) / 100
			v = min(max(v, 1), 255)
			t.quant[c][z] = uint8(v)
			n := unzig[z]
			t.recip[c][n] = float32(1 / (float64(v) * aan[n/8] * aan[n%8] * 8))
		}
	}
	return t
}

// fdct is the Arai-Agui-Nakajima forward DCT, rows then columns, in place;
// each output still carries the scale factors newTables folds into the
// reciprocal quantisers.
func fdct(b *[64]float32) {
	for r := 0; r < 64; r += 8 {
		d := b[r : r+8 : r+8]
		d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7] = fdct8(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7])
	}
	for c := range 8 {
		b[c], b[8+c], b[16+c], b[24+c], b[32+c], b[40+c], b[48+c], b[56+c] =
			fdct8(b[c], b[8+c], b[16+c], b[24+c], b[32+c], b[40+c], b[48+c], b[56+c])
	}
}

// fdct8 is the AAN 8-point transform (5 multiplications).
func fdct8(d0, d1, d2, d3, d4, d5, d6, d7 float32) (o0, o1, o2, o3, o4, o5, o6, o7 float32) {
	t0, t7 := d0+d7, d0-d7
	t1, t6 := d1+d6, d1-d6
	t2, t5 := d2+d5, d2-d5
	t3, t4 := d3+d4, d3-d4
	// Even part.
	t10, t13 := t0+t3, t0-t3
	t11, t12 := t1+t2, t1-t2
	o0, o4 = t10+t11, t10-t11
	z1 := (t12 + t13) * 0.70710678118654752
	o2, o6 = t13+z1, t13-z1
	// Odd part.
	t10, t11, t12 = t4+t5, t5+t6, t6+t7
	z5 := (t10 - t12) * 0.38268343236508977
	z2 := 0.54119610014619698*t10 + z5
	z4 := 1.30656296487637653*t12 + z5
	z3 := t11 * 0.70710678118654752
	z11, z13 := t7+z3, t7-z3
	o5, o3 = z13+z2, z13-z2
	o1, o7 = z11+z4, z11-z4
	return
}

// huff is one Huffman table: the code and its length for each symbol.
type huff struct {
	code [256]uint32
	size [256]uint8
}

// newHuff builds the canonical codes of a table given as the number of
// codes of each length 1..16 and the symbols in code order (T.81 Annex C).
func newHuff(counts [16]uint8, symbols []uint8) huff {
	var h huff
	code, k := uint32(0), 0
	for l, n := range counts {
		for range n {
			s := symbols[k]
			h.code[s], h.size[s] = code, uint8(l+1)
			code++
			k++
		}
		code <<= 1
	}
	return h
}

// The standard tables of T.81 Annex K.3 (K.3.3.1 and K.3.3.2), which
// image/jpeg also writes.
var (
	dcCounts   = [2][16]uint8{{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0}}
	dcSymbols  = []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	acCounts   = [2][16]uint8{{0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d}, {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77}}
	acSymbols0 = []uint8{
		0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
		0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
		0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
		0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
		0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
		0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
		0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
		0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
		0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
		0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
		0xf9, 0xfa,
	}
	acSymbols1 = []uint8{
		0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
		0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
		0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
		0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
		0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
		0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
		0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
		0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
		0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
		0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
		0xf9, 0xfa,
	}
	lumaDC   = newHuff(dcCounts[0], dcSymbols)
	chromaDC = newHuff(dcCounts[1], dcSymbols)
	lumaAC   = newHuff(acCounts[0], acSymbols0)
	chromaAC = newHuff(acCounts[1], acSymbols1)
)

// encoder writes the file: markers through write, entropy-coded bits
// through the 64-bit buffer bits (n of them pending, at the top).
type encoder struct {
	w    *bufio.Writer
	err  error
	bits uint64
	n    uint
}

func (e *encoder) write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

// header writes SOI, DQT, SOF0 (Y 2x2, Cb and Cr 1x1), DHT and SOS.
func (e *encoder) header(t *tables, width, height int) {
	e.write([]byte{0xff, 0xd8})
	e.write([]byte{0xff, 0xdb, 0, 2 + 2*65})
	for c := range 2 {
		e.write([]byte{byte(c)})
		e.write(t.quant[c][:])
	}
	e.write([]byte{0xff, 0xc0, 0, 17, 8, byte(height >> 8), byte(height), byte(width >> 8), byte(width), 3,
		1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1})
	n := 2 + 4*17 + 2*len(dcSymbols) + len(acSymbols0) + len(acSymbols1)
	e.write([]byte{0xff, 0xc4, byte(n >> 8), byte(n)})
	for c, syms := range [][]uint8{dcSymbols, dcSymbols} {
		e.write([]byte{byte(c)})
		e.write(dcCounts[c][:])
		e.write(syms)
	}
	for c, syms := range [][]uint8{acSymbols0, acSymbols1} {
		e.write([]byte{0x10 | byte(c)})
		e.write(acCounts[c][:])
		e.write(syms)
	}
	e.write([]byte{0xff, 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0})
}

// emit appends the low size bits of code (at most 32).
func (e *encoder) emit(code uint32, size uint8) {
	if e.n+uint(size) > 64 {
		e.drain()
	}
	e.n += uint(size)
	e.bits |= uint64(code) << (64 - e.n)
}

// drain writes the whole bytes pending, stuffing a zero after each 0xFF.
func (e *encoder) drain() {
	// WriteByte, not a slice of a local array: bufio may hand a slice to
	// the io.Writer underneath, which would make every drain allocate. A
	// write error stays in the bufio.Writer and Encode's Flush returns it.
	for e.n >= 8 {
		b := byte(e.bits >> 56)
		e.w.WriteByte(b)
		if b == 0xff {
			e.w.WriteByte(0)
		}
		e.bits <<= 8
		e.n -= 8
	}
}

// flush pads the last byte with 1 bits (T.81 F.1.2.3) and writes it.
func (e *encoder) flush() {
	if pad := (8 - e.n%8) % 8; pad > 0 {
		e.emit(1<<pad-1, uint8(pad))
	}
	e.drain()
}

// category returns the number of bits of v's magnitude and the bits
// written for it (v itself when positive, v-1 in that many bits when not).
func category(v int32) (uint8, uint32) {
	a, b := v, v
	if v < 0 {
		a, b = -v, v-1
	}
	n := uint8(bits.Len32(uint32(a)))
	return n, uint32(b) & (1<<n - 1)
}

// block transforms, quantises and writes one 8x8 block, whose DC is coded
// as the difference from prev; it returns the block's quantised DC.
func (e *encoder) block(b *[64]float32, recip *[64]float32, dc, ac *huff, prev int32) int32 {
	fdct(b)
	var q [64]int32
	for z, n := range unzig {
		// Round to nearest (halves up), without a branch on the sign: the
		// offset makes every value positive, where conversion truncates
		// downwards. Then keep within the ranges baseline coding has
		// categories for (at quality 100 a coefficient of an extreme block
		// could reach past them).
		v := int32(b[n]*recip[n]+(1<<14+0.5)) - 1<<14
		q[z] = min(max(v, -1023), 1023)
	}
	n, extra := category(q[0] - prev)
	e.emit(dc.code[n]<<n|extra, dc.size[n]+n)
	run := 0
	for z := 1; z < 64; z++ {
		v := q[z]
		if v == 0 {
			run++
			continue
		}
		for run > 15 {
			e.emit(ac.code[0xf0], ac.size[0xf0])
			run -= 16
		}
		n, extra := category(v)
		s := uint8(run<<4) | n
		e.emit(ac.code[s]<<n|extra, ac.size[s]+n)
		run = 0
	}
	if run > 0 {
		e.emit(ac.code[0], ac.size[0])
	}
	return q[0]
}
