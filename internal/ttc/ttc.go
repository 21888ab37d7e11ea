// Package ttc extracts one face of a TrueType Collection (.ttc) into a
// standalone TrueType font (.ttf). fpdf loads only plain TrueType files, and
// the CJK fonts Debian ships come as collections.
package ttc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Extract returns face index of the collection in data as a plain .ttf file.
func Extract(data []byte, index int) ([]byte, error) {
	if len(data) < 12 || string(data[:4]) != "ttcf" {
		return nil, errors.New("ttc: not a TrueType collection (missing 'ttcf' tag)")
	}
	n := int(binary.BigEndian.Uint32(data[8:12]))
	if index < 0 || index >= n {
		return nil, fmt.Errorf("ttc: face %d out of range; the collection has %d", index, n)
	}
	if len(data) < 12+4*n {
		return nil, errors.New("ttc: truncated face offset table")
	}
	off := int(binary.BigEndian.Uint32(data[12+4*index:]))
	if off+12 > len(data) {
		return nil, errors.New("ttc: face offset beyond end of file")
	}
	numTables := int(binary.BigEndian.Uint16(data[off+4:]))
	dirEnd := off + 12 + 16*numTables
	if dirEnd > len(data) {
		return nil, errors.New("ttc: truncated table directory")
	}
	type table struct {
		tag              [4]byte
		sum, off, length uint32
	}
	tables := make([]table, numTables)
	for i := range tables {
		rec := data[off+12+16*i:]
		copy(tables[i].tag[:], rec[:4])
		tables[i].sum = binary.BigEndian.Uint32(rec[4:])
		tables[i].off = binary.BigEndian.Uint32(rec[8:])
		tables[i].length = binary.BigEndian.Uint32(rec[12:])
		if int(tables[i].off)+int(tables[i].length) > len(data) {
			return nil, fmt.Errorf("ttc: table %q beyond end of file", tables[i].tag[:])
		}
	}
	// Table records must be sorted by tag; keep the source order of the
	// directory but lay the data out in the same order.
	sort.SliceStable(tables, func(i, j int) bool { return string(tables[i].tag[:]) < string(tables[j].tag[:]) })
	out := make([]byte, 12+16*numTables)
	copy(out, data[off:off+12])
	pos := len(out)
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec[:4], t.tag[:])
		binary.BigEndian.PutUint32(rec[4:], t.sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(pos))
		binary.BigEndian.PutUint32(rec[12:], t.length)
		out = append(out, data[t.off:t.off+t.length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		pos = len(out)
	}
	return out, nil
}
