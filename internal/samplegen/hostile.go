package samplegen

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
)

// HugePNGHeader returns a PNG signature and a valid IHDR claiming w x h
// pixels (8-bit RGBA), and no image data: a decompression bomb's header,
// tiny on disk and enormous if decoded, for tests of the pixel limit.
func HugePNGHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// ProgressiveJPEG returns a flat mid-gray w x h progressive JPEG: a DC scan
// followed by acScans scans each coding AC coefficients 1 to 63, every one
// a single end-of-band run over all blocks, so each is a few bytes long but
// makes a decoder visit every block. With acScans 0 the progression stops
// after the DC scan (a file cut short between scans, with its EOI); with 1
// it is a complete, valid file; with thousands it is a CPU bomb, the way
// hostile files pile up scans.
func ProgressiveJPEG(w, h uint16, acScans int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, payload ...byte) {
		b.Write([]byte{0xFF, marker, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)})
		b.Write(payload)
	}
	b.Write([]byte{0xFF, 0xD8})
	seg(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)...) // DQT 0: all ones
	seg(0xC2, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 1, 1, 0x11, 0)
	seg(0xC4, append([]byte{0x00, 1}, make([]byte, 15+1)...)...) // DC: one 1-bit code, value 0
	// AC: the 15 end-of-band run symbols 0x00..0xE0, 4-bit codes each.
	ac := []byte{0x10, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	for r := range 15 {
		ac = append(ac, byte(r<<4))
	}
	seg(0xC4, ac...)
	blocks := ((int(w) + 7) / 8) * ((int(h) + 7) / 8)
	var bw bitWriter
	for range blocks {
		bw.put(0, 1) // DC difference 0
	}
	seg(0xDA, 1, 1, 0x00, 0, 0, 0)
	b.Write(bw.flush())
	// End-of-band runs: symbol r<<4 (code r) and r bits give 2^r + bits
	// blocks, at most 32767 per symbol.
	for left := blocks; left > 0; {
		run := min(left, 32767)
		r := 0
		for 2<<r <= run {
			r++
		}
		bw.put(uint32(r), 4)
		bw.put(uint32(run-1<<r), r)
		left -= run
	}
	eob := bw.flush()
	for range acScans {
		seg(0xDA, 1, 1, 0x00, 1, 63, 0)
		b.Write(eob)
	}
	b.Write([]byte{0xFF, 0xD9})
	return b.Bytes()
}

// bitWriter packs entropy-coded bits, most significant first.
type bitWriter struct {
	out  []byte
	acc  uint32
	nacc int
}

func (w *bitWriter) put(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | v>>i&1
		if w.nacc++; w.nacc == 8 {
			w.emit()
		}
	}
}

func (w *bitWriter) emit() {
	w.out = append(w.out, byte(w.acc))
	if byte(w.acc) == 0xFF {
		w.out = append(w.out, 0) // byte stuffing
	}
	w.acc, w.nacc = 0, 0
}

// flush pads the last byte with 1 bits and returns the bytes written so
// far, leaving w empty.
func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.put(1<<(8-w.nacc)-1, 8-w.nacc)
	}
	out := w.out
	w.out = nil
	return out
}

// BrokenJPEG is a JPEG that libjpeg, which PDF readers use, refuses or
// warns about.
type BrokenJPEG struct {
	Name string
	Data []byte
	// Refused: Go's image/jpeg refuses it too. It decodes all others.
	Refused bool
}

// BrokenJPEGs returns JPEGs built by editing bytes of valid ones, one per
// kind of damage found in public corpora of corrupt images (such as
// ImageTestSuite) that image/jpeg forgives.
func BrokenJPEGs() []BrokenJPEG {
	gray := image.NewGray(image.Rect(0, 0, 96, 64))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i*7 + i/96*3)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gray, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	base := buf.Bytes()
	edit := func(fn func(b []byte) []byte) []byte { return fn(bytes.Clone(base)) }
	// Go writes one DHT segment, the DC table first: class/index, 16
	// counts, then the values, category 11 last.
	dht := bytes.Index(base, []byte{0xFF, 0xC4}) + 4
	sos := bytes.Index(base, []byte{0xFF, 0xDA}) + 4 // Ns, Cs, TdTa, Ss, Se, AhAl
	eoi := len(base) - 2
	return []BrokenJPEG{
		// "Bogus Huffman table definition": a DC value over 15, in a
		// code the picture never uses.
		{"bogus-huffman-table", edit(func(b []byte) []byte {
			b[dht+1+16+11] = 0x1B
			return b
		}), false},
		// The scan names Huffman tables 1, which no DHT defines.
		{"undefined-huffman-table", edit(func(b []byte) []byte {
			b[sos+2] = 0x11
			return b
		}), true},
		// "Invalid SOS parameters for sequential JPEG": spectral selection
		// and successive approximation in a baseline file, which
		// image/jpeg ignores.
		{"sequential-scan-parameters", edit(func(b []byte) []byte {
			b[sos+3], b[sos+4], b[sos+5] = 1, 63, 0x1E
			return b
		}), false},
		// "Invalid progressive parameters Ss=0 Se=0 Ah=0 Al=14".
		{"progressive-al-14", func() []byte {
			b := ProgressiveJPEG(64, 48, 1)
			i := bytes.Index(b, []byte{0xFF, 0xDA}) + 4
			b[i+5] = 14
			return b
		}(), false},
		// "Corrupt JPEG data: 3 extraneous bytes before marker 0xd9".
		{"extraneous-bytes", edit(func(b []byte) []byte {
			return append(b[:eoi:eoi], 0x00, 0x12, 0x34, 0xFF, 0xD9)
		}), false},
	}
}
