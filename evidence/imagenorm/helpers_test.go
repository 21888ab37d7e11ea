package imagenorm

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// ---- synthetic images ----

var (
	red   = color.NRGBA{255, 0, 0, 255}
	blue  = color.NRGBA{0, 0, 255, 255}
	gray  = color.NRGBA{128, 128, 128, 255}
	white = color.NRGBA{255, 255, 255, 255}
)

// markedImage is w x h gray with a 16x16 red block at the stored top-left
// corner and a 16x16 blue block at the stored top-right corner.
func markedImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := gray
			switch {
			case x < 16 && y < 16:
				c = red
			case x >= w-16 && y < 16:
				c = blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ---- EXIF ----

type exifSpec struct {
	orientation int    // 0: no tag
	date        string // DateTimeOriginal, "" for none
	dateTime    string // IFD0 DateTime, "" for none
	gps         bool
}

// buildExif returns a little-endian TIFF block with the requested tags:
// IFD0 {Orientation, DateTime, ExifIFD pointer, GPS IFD pointer},
// Exif IFD {DateTimeOriginal}, GPS IFD {GPSLatitudeRef, GPSLatitude}.
func buildExif(s exifSpec) []byte {
	le := binary.LittleEndian
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // if len <= 4 stored inline, else at an offset
	}
	var (
		ifd0  []entry
		exifE []entry
		gpsE  []entry
	)
	ascii := func(s string) []byte { return append([]byte(s), 0) }
	if s.orientation != 0 {
		v := make([]byte, 4)
		le.PutUint16(v, uint16(s.orientation))
		ifd0 = append(ifd0, entry{0x0112, 3, 1, v})
	}
	if s.dateTime != "" {
		ifd0 = append(ifd0, entry{0x0132, 2, uint32(len(s.dateTime) + 1), ascii(s.dateTime)})
	}
	if s.date != "" {
		exifE = append(exifE, entry{0x9003, 2, uint32(len(s.date) + 1), ascii(s.date)})
		ifd0 = append(ifd0, entry{0x8769, 4, 1, nil}) // patched below
	}
	if s.gps {
		rat := make([]byte, 24)
		for i, v := range []uint32{48, 1, 51, 1, 2400, 100} {
			le.PutUint32(rat[4*i:], v)
		}
		gpsE = append(gpsE, entry{0x0001, 2, 2, []byte("N\x00\x00\x00")}, entry{0x0002, 5, 3, rat})
		ifd0 = append(ifd0, entry{0x8825, 4, 1, nil})
	}
	ifdSize := func(es []entry) int {
		n := 2 + 12*len(es) + 4
		for _, e := range es {
			if len(e.value) > 4 {
				n += len(e.value)
			}
		}
		return n
	}
	off0 := 8
	offExif := off0 + ifdSize(ifd0)
	offGPS := offExif
	if len(exifE) > 0 {
		offGPS += ifdSize(exifE)
	}
	for i := range ifd0 {
		switch ifd0[i].tag {
		case 0x8769:
			ifd0[i].value = le.AppendUint32(nil, uint32(offExif))
		case 0x8825:
			ifd0[i].value = le.AppendUint32(nil, uint32(offGPS))
		}
	}
	out := []byte("II*\x00")
	out = le.AppendUint32(out, uint32(off0))
	writeIFD := func(es []entry) {
		base := len(out)
		extra := base + 2 + 12*len(es) + 4
		var tail []byte
		out = le.AppendUint16(out, uint16(len(es)))
		for _, e := range es {
			out = le.AppendUint16(out, e.tag)
			out = le.AppendUint16(out, e.typ)
			out = le.AppendUint32(out, e.count)
			if len(e.value) <= 4 {
				v := make([]byte, 4)
				copy(v, e.value)
				out = append(out, v...)
			} else {
				out = le.AppendUint32(out, uint32(extra+len(tail)))
				tail = append(tail, e.value...)
			}
		}
		out = le.AppendUint32(out, 0)
		out = append(out, tail...)
	}
	writeIFD(ifd0)
	if len(exifE) > 0 {
		writeIFD(exifE)
	}
	if len(gpsE) > 0 {
		writeIFD(gpsE)
	}
	return out
}

// insertSegment splices a marker segment right after SOI.
func insertSegment(jpg []byte, marker byte, payload []byte) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func withExif(jpg []byte, s exifSpec) []byte {
	return insertSegment(jpg, 0xE1, append([]byte("Exif\x00\x00"), buildExif(s)...))
}

// jpegMarkers lists the marker codes before SOS.
func jpegMarkers(t *testing.T, data []byte) []byte {
	t.Helper()
	segs, _, err := walkJPEG(data, true)
	if err != nil {
		t.Fatalf("output is not a well-formed JPEG: %v", err)
	}
	var ms []byte
	for _, s := range segs {
		ms = append(ms, s.marker)
	}
	return ms
}

// ---- PNG crafting ----

func pngChunk(typ string, body []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), body...)))
}

func pngHeaderOnly(w, h uint32, depth, ctype byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, ctype, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	return append(out, pngChunk("IEND", nil)...)
}

// insertPNGChunk places a chunk right after IHDR.
func insertPNGChunk(p []byte, typ string, body []byte) []byte {
	const afterIHDR = 8 + 8 + 13 + 4
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, pngChunk(typ, body)...)
	return append(out, p[afterIHDR:]...)
}

// ---- a minimal 4-component JPEG encoder ----

// encode4CompJPEG writes a baseline JPEG with 4 components (no subsampling,
// all-ones quantisation) whose 8x8 blocks are flat: the value of component
// c in the block at (bx, by) is sample(bx*8, by*8)[c]. DC-only blocks are
// exactly representable, so the decoder reproduces the samples. transform is
// the Adobe APP14 transform (0 = CMYK, 2 = YCCK). Samples are stored as is
// (Adobe CMYK files store inverted ink values: 255 = no ink).
func encode4CompJPEG(w, h int, transform byte, sample func(x, y int) [4]uint8) []byte {
	var out []byte
	seg := func(marker byte, body []byte) {
		out = append(out, 0xFF, marker)
		out = binary.BigEndian.AppendUint16(out, uint16(len(body)+2))
		out = append(out, body...)
	}
	out = append(out, 0xFF, 0xD8)
	seg(0xEE, []byte{'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, transform})
	dqt := make([]byte, 65)
	for i := 1; i < 65; i++ {
		dqt[i] = 1
	}
	seg(0xDB, dqt)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for c := 0; c < 4; c++ {
		sof = append(sof, byte(c+1), 0x11, 0)
	}
	seg(0xC0, sof)
	dcBits := [16]byte{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}
	dht := append([]byte{0x00}, dcBits[:]...)
	for v := byte(0); v < 12; v++ {
		dht = append(dht, v)
	}
	seg(0xC4, dht)
	acBits := [16]byte{1}
	seg(0xC4, append(append([]byte{0x10}, acBits[:]...), 0x00)) // only EOB, code "0"
	sos := []byte{4}
	for c := 0; c < 4; c++ {
		sos = append(sos, byte(c+1), 0x00)
	}
	seg(0xDA, append(sos, 0, 63, 0))

	// Canonical DC codes.
	var dcCode [12]uint16
	var dcLen [12]uint8
	code, k := uint16(0), 0
	for l := 1; l <= 16; l++ {
		for i := 0; i < int(dcBits[l-1]); i++ {
			dcCode[k], dcLen[k] = code, uint8(l)
			code++
			k++
		}
		code <<= 1
	}
	var acc uint32
	var nbits uint
	put := func(v uint32, n uint) {
		for i := int(n) - 1; i >= 0; i-- {
			acc = acc<<1 | (v>>uint(i))&1
			nbits++
			if nbits == 8 {
				out = append(out, byte(acc))
				if byte(acc) == 0xFF {
					out = append(out, 0)
				}
				acc, nbits = 0, 0
			}
		}
	}
	var pred [4]int
	for by := 0; by < (h+7)/8; by++ {
		for bx := 0; bx < (w+7)/8; bx++ {
			s := sample(bx*8, by*8)
			for c := 0; c < 4; c++ {
				dc := 8 * (int(s[c]) - 128)
				diff := dc - pred[c]
				pred[c] = dc
				mag, cat := diff, 0
				if mag < 0 {
					mag = -mag
				}
				for mag>>cat != 0 {
					cat++
				}
				put(uint32(dcCode[cat]), uint(dcLen[cat]))
				if cat > 0 {
					v := diff
					if v < 0 {
						v += (1 << cat) - 1
					}
					put(uint32(v), uint(cat))
				}
				put(0, 1) // EOB
			}
		}
	}
	for nbits != 0 {
		put(1, 1)
	}
	return append(out, 0xFF, 0xD9)
}

// ---- pixel checks ----

func decodeAny(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding output: %v", err)
	}
	return img
}

func near(c color.Color, want color.NRGBA, tol int) bool {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	d := func(a, b uint8) bool { x := int(a) - int(b); return x >= -tol && x <= tol }
	return d(n.R, want.R) && d(n.G, want.G) && d(n.B, want.B) && n.A == 255
}
