package samplegen

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
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
