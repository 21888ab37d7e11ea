// Package jpegscale decodes baseline JPEG images at n/8 of their size (n
// from 1 to 7), the way libjpeg's scaled decoding does: each 8x8 block's
// inverse DCT is computed only for the lowest n x n frequencies, giving an
// n x n block of output pixels. That skips most of the transform and much
// of the memory traffic of a full decode, and the result is a properly
// low-passed smaller image: at the size a page needs, or ready for a short
// resample to it. Go's image/jpeg can only decode at full size.
//
// Only the layout phone cameras and most software write is handled:
// baseline or extended sequential Huffman coding, 8-bit samples, one
// interleaved scan of one (gray) or three (YCbCr) components with 4:4:4,
// 4:2:2, 4:4:0, 4:2:0, 4:1:1 or 4:1:0 sampling, with or without restart
// intervals. Everything else (progressive, arithmetic coding, 12-bit, CMYK,
// Adobe RGB, several scans) returns [ErrUnsupported], and the decoder is
// strict: any irregularity, including a missing EOI marker, is an error. In
// both cases the caller is expected to fall back to image/jpeg, which then
// decides whether the file is usable and words the error, so this package
// never accepts a file the standard decoder would refuse.
//
// The decoder is also strict enough to vouch for a file: a JPEG it decodes
// without error has well-formed Huffman and quantisation tables, defined
// before use, sane sampling factors, the sequential scan parameters, restart
// markers in sequence and entropy-coded data that fills its scan exactly
// (the checks libjpeg makes), so PDF readers decode it without complaint.
//
// Arithmetic is integer only, so the output is the same on every platform.
// The context is checked once per row of MCUs.
package jpegscale

import (
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
)

// ErrUnsupported is returned (wrapped) for valid-looking JPEGs that use a
// feature this decoder does not implement.
var ErrUnsupported = errors.New("jpegscale: unsupported JPEG layout")

// errCorrupt returns an error for malformed data.
func errCorrupt(format string, args ...any) error {
	return fmt.Errorf("jpegscale: invalid JPEG: "+format, args...)
}

func unsupported(what string) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, what)
}

// Size returns the size of the image Decode gives for a w x h JPEG at
// 1/denom scale: each side divided by denom, rounded up.
func Size(w, h, denom int) (int, int) {
	return (w + denom - 1) / denom, (h + denom - 1) / denom
}

// SizeEighths returns the size of the image DecodeEighths gives for a
// w x h JPEG at n/8 scale: each side times n/8, rounded up (as libjpeg
// rounds).
func SizeEighths(w, h, n int) (int, int) {
	return (w*n + 7) / 8, (h*n + 7) / 8
}

// Decode decodes data at 1/denom of its size (denom 2, 4 or 8): it is
// DecodeEighths at 8/denom eighths.
func Decode(ctx context.Context, data []byte, denom int, maxPixels int64) (image.Image, error) {
	switch denom {
	case 2, 4, 8:
		return DecodeEighths(ctx, data, 8/denom, maxPixels)
	}
	return nil, fmt.Errorf("jpegscale: scale 1/%d not supported (use 2, 4 or 8)", denom)
}

// DecodeEighths decodes data at n/8 of its size (n from 1 to 7). It
// returns an *image.YCbCr for colour images and an *image.Gray for gray
// ones, with the origin at (0, 0) and the size given by [SizeEighths].
// Images of more than maxPixels pixels (at full size) are refused before
// anything is allocated. When ctx is cancelled, it stops within a row of
// MCUs and returns ctx's error.
func DecodeEighths(ctx context.Context, data []byte, n int, maxPixels int64) (image.Image, error) {
	if n < 1 || n > 7 {
		return nil, fmt.Errorf("jpegscale: scale %d/8 not supported (use 1/8 to 7/8)", n)
	}
	d := &decoder{ctx: ctx, data: data, s: n, maxPixels: maxPixels}
	if err := d.decode(); err != nil {
		return nil, err
	}
	return d.image(), nil
}

const (
	markerSOF0 = 0xC0 // baseline
	markerSOF1 = 0xC1 // extended sequential, Huffman
	markerDHT  = 0xC4
	markerRST0 = 0xD0
	markerRST7 = 0xD7
	markerSOI  = 0xD8
	markerEOI  = 0xD9
	markerSOS  = 0xDA
	markerDQT  = 0xDB
	markerDNL  = 0xDC
	markerDRI  = 0xDD
	markerAPP0 = 0xE0
	markerAPPE = 0xEE // Adobe
	markerCOM  = 0xFE
)

type component struct {
	id     uint8
	h, v   int // sampling factors
	tq     int // quantisation table
	dc, ac *huffman
	pred   int32 // DC predictor
	pix    []uint8
	stride int // pixels per row of pix
	bw, bh int // blocks per row and column, padded to whole MCUs
}

type decoder struct {
	ctx       context.Context
	data      []byte
	s         int // output pixels per block side: n of n/8
	maxPixels int64

	width, height int
	frame         bool
	comps         []component
	hmax, vmax    int
	qt            [4]*[64]int32 // zig-zag order
	dcTables      [4]*huffman
	acTables      [4]*huffman
	ri            int // restart interval in MCUs, 0 for none
	adobeRGB      bool

	bits bitReader
}

// decode parses the markers, decodes the one scan, and checks that the
// file ends properly.
func (d *decoder) decode() error {
	data := d.data
	if len(data) < 4 || data[0] != 0xFF || data[1] != markerSOI {
		return errCorrupt("missing SOI marker")
	}
	pos := 2
	scanned := false
	for {
		if pos+2 > len(data) {
			return errCorrupt("the file ends before the EOI marker")
		}
		if data[pos] != 0xFF {
			return errCorrupt("expected a marker at byte %d", pos)
		}
		for pos < len(data) && data[pos] == 0xFF { // fill bytes
			pos++
		}
		if pos >= len(data) {
			return errCorrupt("the file ends before the EOI marker")
		}
		m := data[pos]
		pos++
		switch {
		case m == markerEOI:
			if !scanned {
				return errCorrupt("no image data before EOI")
			}
			return nil
		case m == 0x00 || m == 0x01 || (m >= markerRST0 && m <= markerRST7) || m == markerSOI:
			return errCorrupt("unexpected marker 0x%02X", m)
		}
		if pos+2 > len(data) {
			return errCorrupt("the file ends inside a marker segment")
		}
		n := int(data[pos])<<8 | int(data[pos+1])
		if n < 2 || pos+n > len(data) {
			return errCorrupt("marker 0x%02X has a bad length", m)
		}
		seg := data[pos+2 : pos+n]
		pos += n
		var err error
		switch {
		case m == markerSOF0 || m == markerSOF1:
			err = d.parseSOF(seg)
		case m >= 0xC2 && m <= 0xCF && m != markerDHT && m != 0xC8 && m != 0xCC:
			err = unsupported(fmt.Sprintf("frame type SOF%d", m-0xC0))
		case m == 0xCC:
			err = unsupported("arithmetic coding")
		case m == markerDHT:
			err = d.parseDHT(seg)
		case m == markerDQT:
			err = d.parseDQT(seg)
		case m == markerDRI:
			if len(seg) != 2 {
				return errCorrupt("DRI segment of %d bytes", len(seg))
			}
			d.ri = int(seg[0])<<8 | int(seg[1])
		case m == markerDNL:
			err = unsupported("DNL marker")
		case m == markerAPPE:
			// Adobe: transform 0 means the three components are RGB.
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" && seg[11] == 0 {
				d.adobeRGB = true
			}
		case m == markerSOS:
			if scanned {
				return unsupported("more than one scan")
			}
			if pos, err = d.scan(seg, pos); err != nil {
				return err
			}
			scanned = true
		case m >= markerAPP0 && m <= 0xEF || m == markerCOM:
			// Metadata: skipped.
		default:
			// As image/jpeg does; JPG extensions, DHP, EXP and the like.
			err = unsupported(fmt.Sprintf("marker 0x%02X", m))
		}
		if err != nil {
			return err
		}
	}
}

func (d *decoder) parseSOF(seg []byte) error {
	if d.frame {
		return errCorrupt("more than one frame header")
	}
	d.frame = true
	if len(seg) < 6 {
		return errCorrupt("short frame header")
	}
	if seg[0] != 8 {
		return unsupported(fmt.Sprintf("%d-bit samples", seg[0]))
	}
	d.height = int(seg[1])<<8 | int(seg[2])
	d.width = int(seg[3])<<8 | int(seg[4])
	nc := int(seg[5])
	if d.height == 0 {
		return unsupported("image height given by a DNL marker")
	}
	if d.width == 0 {
		return errCorrupt("zero width")
	}
	if int64(d.width)*int64(d.height) > d.maxPixels {
		return fmt.Errorf("jpegscale: image is %dx%d, more than %d pixels", d.width, d.height, d.maxPixels)
	}
	if nc != 1 && nc != 3 {
		return unsupported(fmt.Sprintf("%d components", nc))
	}
	if len(seg) != 6+3*nc {
		return errCorrupt("frame header length")
	}
	d.comps = make([]component, nc)
	for i := range d.comps {
		c := &d.comps[i]
		b := seg[6+3*i:]
		c.id = b[0]
		c.h, c.v = int(b[1]>>4), int(b[1]&15)
		c.tq = int(b[2])
		if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3 {
			return errCorrupt("component %d: bad sampling factors or table", i)
		}
		for j := range i {
			if d.comps[j].id == c.id {
				return errCorrupt("repeated component id %d", c.id)
			}
		}
		d.hmax, d.vmax = max(d.hmax, c.h), max(d.vmax, c.v)
	}
	if nc == 1 {
		// A single component is coded block by block, whatever its
		// sampling factors say.
		d.comps[0].h, d.comps[0].v, d.hmax, d.vmax = 1, 1, 1, 1
		return nil
	}
	if d.comps[0].id == 'R' && d.comps[1].id == 'G' && d.comps[2].id == 'B' {
		return unsupported("RGB components")
	}
	for _, c := range d.comps[1:] {
		if c.h != 1 || c.v != 1 {
			return unsupported("subsampled luma or oversampled chroma")
		}
	}
	if _, ok := subsampleRatio(d.comps[0].h, d.comps[0].v); !ok {
		return unsupported(fmt.Sprintf("sampling %dx%d", d.comps[0].h, d.comps[0].v))
	}
	return nil
}

func subsampleRatio(h, v int) (image.YCbCrSubsampleRatio, bool) {
	switch {
	case h == 1 && v == 1:
		return image.YCbCrSubsampleRatio444, true
	case h == 2 && v == 1:
		return image.YCbCrSubsampleRatio422, true
	case h == 1 && v == 2:
		return image.YCbCrSubsampleRatio440, true
	case h == 2 && v == 2:
		return image.YCbCrSubsampleRatio420, true
	case h == 4 && v == 1:
		return image.YCbCrSubsampleRatio411, true
	case h == 4 && v == 2:
		return image.YCbCrSubsampleRatio410, true
	}
	return 0, false
}

func (d *decoder) parseDQT(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, int(seg[0]&15)
		if tq > 3 || pq > 1 {
			return errCorrupt("bad quantisation table header")
		}
		size := 64 << pq
		if len(seg) < 1+size {
			return errCorrupt("short quantisation table")
		}
		t := new([64]int32)
		for i := range t {
			if pq == 0 {
				t[i] = int32(seg[1+i])
			} else {
				t[i] = int32(seg[1+2*i])<<8 | int32(seg[2+2*i])
			}
		}
		d.qt[tq] = t
		seg = seg[1+size:]
	}
	return nil
}

func (d *decoder) parseDHT(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return errCorrupt("short Huffman table")
		}
		tc, th := seg[0]>>4, int(seg[0]&15)
		if tc > 1 || th > 3 {
			return errCorrupt("bad Huffman table header")
		}
		var counts [16]int
		total := 0
		for i := range counts {
			counts[i] = int(seg[1+i])
			total += counts[i]
		}
		if total == 0 || total > 256 || len(seg) < 17+total {
			return errCorrupt("bad Huffman table size")
		}
		vals := seg[17 : 17+total]
		if tc == 0 && slices.ContainsFunc(vals, func(v byte) bool { return v > 15 }) {
			// libjpeg refuses such a table ("Bogus Huffman table
			// definition"), even if no code of it is ever used.
			return errCorrupt("DC Huffman table with a value over 15")
		}
		h, err := newHuffman(counts, vals)
		if err != nil {
			return err
		}
		if tc == 0 {
			d.dcTables[th] = h
		} else {
			h.buildCoef()
			d.acTables[th] = h
		}
		seg = seg[17+total:]
	}
	return nil
}

// scan parses the SOS header in seg, decodes the entropy-coded data that
// starts at data[pos], and returns the position of the marker after it.
func (d *decoder) scan(seg []byte, pos int) (int, error) {
	if !d.frame {
		return 0, errCorrupt("scan before the frame header")
	}
	if d.adobeRGB && len(d.comps) == 3 {
		return 0, unsupported("Adobe RGB components")
	}
	if len(seg) < 1 {
		return 0, errCorrupt("short scan header")
	}
	ns := int(seg[0])
	if ns != len(d.comps) {
		return 0, unsupported("a scan of some of the components")
	}
	if len(seg) != 4+2*ns {
		return 0, errCorrupt("scan header length")
	}
	if ss, se, a := seg[1+2*ns], seg[2+2*ns], seg[3+2*ns]; ss != 0 || se != 63 || a != 0 {
		return 0, errCorrupt("spectral selection in a sequential scan")
	}
	order := make([]*component, ns)
	for i := range ns {
		id, tables := seg[1+2*i], seg[2+2*i]
		var c *component
		for j := range d.comps {
			if d.comps[j].id == id {
				c = &d.comps[j]
			}
		}
		if c == nil {
			return 0, errCorrupt("scan names unknown component %d", id)
		}
		for _, o := range order[:i] {
			if o == c {
				return 0, errCorrupt("scan repeats component %d", id)
			}
		}
		td, ta := tables>>4, tables&15
		if td > 3 || ta > 3 || d.dcTables[td] == nil || d.acTables[ta] == nil {
			return 0, errCorrupt("component %d uses a missing Huffman table", id)
		}
		if d.qt[c.tq] == nil {
			return 0, errCorrupt("component %d uses a missing quantisation table", id)
		}
		c.dc, c.ac = d.dcTables[td], d.acTables[ta]
		order[i] = c
	}

	mcuW, mcuH := 8*d.hmax, 8*d.vmax
	mx, my := (d.width+mcuW-1)/mcuW, (d.height+mcuH-1)/mcuH
	if ns == 1 {
		// Non-interleaved: the blocks cover the image, not whole MCUs.
		mx, my = (d.width+7)/8, (d.height+7)/8
	}
	for _, c := range order {
		c.bw, c.bh = mx*c.h, my*c.v
		c.stride = c.bw * d.s
		c.pix = make([]uint8, c.stride*c.bh*d.s)
	}

	d.bits = bitReader{data: d.data, pos: pos}
	keep := &keepIndex[d.s]
	last := 0 // the largest zig-zag index kept
	for k, p := range keep {
		if p >= 0 {
			last = k
		}
	}
	var blk [64]int32
	coefs := blk[:d.s*d.s]
	mcus := mx * my
	for n := range mcus {
		if d.ri > 0 && n > 0 && n%d.ri == 0 {
			if err := d.restart(n/d.ri - 1); err != nil {
				return 0, err
			}
		}
		bx0, by0 := n%mx, n/mx
		if bx0 == 0 && d.bits.pad > d.bits.n {
			// A cut file: stop at the row where the data ran out rather
			// than decode the rest of the image from zero bits.
			return 0, errCorrupt("the scan data ends too early")
		}
		if bx0 == 0 {
			if err := d.ctx.Err(); err != nil {
				return 0, err
			}
		}
		for _, c := range order {
			q := d.qt[c.tq]
			for j := range c.v {
				for i := range c.h {
					clear(coefs)
					ac, err := d.block(c, q, keep, last, &blk)
					if err != nil {
						return 0, err
					}
					bx, by := bx0*c.h+i, by0*c.v+j
					off := by*d.s*c.stride + bx*d.s
					idct(&blk, ac, d.s, c.pix[off:], c.stride)
				}
			}
		}
	}
	if err := d.bits.finish(); err != nil {
		return 0, err
	}
	return d.bits.pos, nil
}

// restart checks the end of restart interval k (counting from 0): the data
// is used up, and the RSTn marker that follows is the expected one.
func (d *decoder) restart(k int) error {
	if err := d.bits.finish(); err != nil {
		return err
	}
	p := d.bits.pos
	if p+2 > len(d.data) || d.data[p] != 0xFF || d.data[p+1] != markerRST0+byte(k%8) {
		return errCorrupt("missing restart marker %d", k%8)
	}
	d.bits = bitReader{data: d.data, pos: p + 2}
	for i := range d.comps {
		d.comps[i].pred = 0
	}
	return nil
}

// block decodes one block's coefficients, keeping (dequantised) only those
// the scaled transform uses, at keep's positions in blk; last is the
// largest zig-zag index kept. It reports whether any kept coefficient
// other than DC is non-zero.
//
// This is the hot loop of the decoder, so the bit buffer is kept in locals
// and codes of at most lutBits bits are looked up inline; each symbol and
// the bits that follow it take at most 32 bits, so one refill check per
// symbol suffices. Past last, the coefficients are only parsed, several
// symbols a lookup where they fit in skipBits bits (see huffman.skip).
func (d *decoder) block(c *component, q *[64]int32, keep *[64]int8, last int, blk *[64]int32) (bool, error) {
	br := &d.bits
	acc, n := br.acc, br.n
	if n < 32 {
		if acc, n = br.take(acc, n); n < 32 {
			br.acc, br.n = acc, n
			br.fill()
			acc, n = br.acc, br.n
		}
	}
	var t uint8
	if e := c.dc.lut[acc>>(64-lutBits)]; e != 0 {
		l := uint(e >> 8)
		acc <<= l
		n -= l
		t = uint8(e)
	} else {
		br.acc, br.n = acc, n
		var err error
		if t, err = br.decodeLong(c.dc); err != nil {
			return false, err
		}
		acc, n = br.acc, br.n
	}
	if t > 16 {
		return false, errCorrupt("DC difference of %d bits", t)
	}
	c.pred += extend(acc, uint(t))
	acc <<= t
	n -= uint(t)
	blk[0] = c.pred * q[0]
	var nonzero int32 // the kept AC values ORed
	coef := &c.ac.coef
	k := 1
	for ; k <= last; k++ {
		if n < 32 {
			if acc, n = br.take(acc, n); n < 32 {
				br.acc, br.n = acc, n
				br.fill()
				acc, n = br.acc, br.n
			}
		}
		f := coef[acc>>(64-lutBits)]
		if f == 0 {
			br.acc, br.n = acc, n
			var err error
			if f, err = br.decodeAC(c.ac); err != nil {
				return false, err
			}
			acc, n = br.acc, br.n
		}
		v := f >> 16
		if f&entryExtract != 0 {
			v = extend(acc<<((uint(f)&63-uint(v))&63), uint(v))
		}
		acc <<= uint(f) & 63
		n -= uint(f) & 63
		if k += int(f>>8) & 0xFF; k > 63 {
			if f&entryEnd != 0 {
				br.acc, br.n = acc, n
				return nonzero != 0, nil
			}
			return false, errCorrupt("too many coefficients")
		}
		p := keep[k]
		blk[p&63] = v * q[k]
		nonzero |= v &^ int32(p>>7) // p>>7 is -1 for a dropped coefficient
	}
	skip := &c.ac.skip
	for k < 64 {
		if n < 32 {
			if acc, n = br.take(acc, n); n < 32 {
				br.acc, br.n = acc, n
				br.fill()
				acc, n = br.acc, br.n
			}
		}
		if e := skip[acc>>(64-skipBits)]; k+int(e>>6&127) <= 64 {
			acc <<= uint(e) & 63
			n -= uint(e) & 63
			k += int(e >> 6 & 127)
			if e&skipEOB != 0 {
				break
			}
			continue
		}
		// One symbol, which may end the block or be an error.
		f := coef[acc>>(64-lutBits)]
		if f == 0 {
			br.acc, br.n = acc, n
			var err error
			if f, err = br.decodeAC(c.ac); err != nil {
				return false, err
			}
			acc, n = br.acc, br.n
		}
		acc <<= uint(f) & 63
		n -= uint(f) & 63
		if k += int(f>>8) & 0xFF; k > 63 {
			if f&entryEnd != 0 {
				break
			}
			return false, errCorrupt("too many coefficients")
		}
		k++
	}
	br.acc, br.n = acc, n
	return nonzero != 0, nil
}

// extend returns the value of the s-bit magnitude field (s from 0 to 16)
// at the top of acc: in JPEG's coding, a field whose first bit is 0 is
// negative, 0...0 meaning -(2^s - 1). It does not branch on the data.
func extend(acc uint64, s uint) int32 {
	v := int32(acc >> (64 - s)) // 0 for s = 0
	return v + (-1<<s+1)&^int32(int64(acc)>>63)
}

func (d *decoder) image() image.Image {
	w, h := SizeEighths(d.width, d.height, d.s)
	r := image.Rect(0, 0, w, h)
	if len(d.comps) == 1 {
		c := d.comps[0]
		return &image.Gray{Pix: c.pix, Stride: c.stride, Rect: r}
	}
	ratio, _ := subsampleRatio(d.comps[0].h, d.comps[0].v)
	return &image.YCbCr{
		Y: d.comps[0].pix, Cb: d.comps[1].pix, Cr: d.comps[2].pix,
		YStride: d.comps[0].stride, CStride: d.comps[1].stride,
		SubsampleRatio: ratio, Rect: r,
	}
}
