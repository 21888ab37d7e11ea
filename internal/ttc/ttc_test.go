package ttc

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/proofpack/proofpack/internal/cjkfont"
)

// wrap builds a one-face collection around a plain TrueType font.
func wrap(ttf []byte) []byte {
	const hdr = 16
	out := make([]byte, hdr, hdr+len(ttf))
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], 1)
	binary.BigEndian.PutUint32(out[12:], hdr)
	out = append(out, ttf...)
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := out[hdr+12+16*i:]
		binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+hdr)
	}
	return out
}

func TestExtractRoundTrip(t *testing.T) {
	got, err := Extract(wrap(cjkfont.TTF), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, cjkfont.TTF) {
		t.Fatalf("extracted face differs from the font it was wrapped from (%d vs %d bytes)", len(got), len(cjkfont.TTF))
	}
}

func TestExtractErrors(t *testing.T) {
	ttc := wrap(cjkfont.TTF)
	tests := []struct {
		name  string
		data  []byte
		index int
	}{
		{"not a collection", cjkfont.TTF, 0},
		{"empty", nil, 0},
		{"face out of range", ttc, 1},
		{"negative face", ttc, -1},
		{"truncated", ttc[:100], 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Extract(tt.data, tt.index); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}
