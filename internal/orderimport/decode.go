package orderimport

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Text encodings a CSV export is read in.
const (
	EncUTF8    = "UTF-8"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030/GBK"
)

// errEncoding is a text that is none of the encodings read.
var errEncoding = errors.New("the file is neither UTF-8, UTF-16 with a byte-order mark, nor GBK/GB18030; save the CSV as UTF-8 (Excel: Save As, \"CSV UTF-8\"; WPS: 另存为 CSV UTF-8)")

// decodeText returns data as UTF-8 and the encoding it was read in:
// UTF-16 when it starts with a UTF-16 byte-order mark (Excel's "Unicode
// text"), UTF-8 when it is valid UTF-8 (a UTF-8 byte-order mark is
// dropped), else GB18030, the superset of GBK that Taobao, Qianniu and
// Excel on Chinese Windows write. A text that is valid in none of them is
// kept as UTF-8 when its first line is, so that rows with stray bytes are
// reported one by one; otherwise it is errEncoding.
func decodeText(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, EncUTF16LE)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, EncUTF16BE)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data, EncUTF8, nil
	}
	if out, enc, err := decodeWith(simplifiedchinese.GB18030, data, EncGB18030); err == nil {
		return out, enc, nil
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if utf8.Valid(first) {
		return data, EncUTF8, nil
	}
	return nil, "", errEncoding
}

// decodeWith decodes data, failing when any byte sequence is invalid in
// the encoding (the decoders would replace it with U+FFFD).
func decodeWith(e encoding.Encoding, data []byte, name string) ([]byte, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, "", errEncoding
	}
	return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")), name, nil
}

// unwrapExcelGuard returns the text of a cell written as an Excel formula
// so that Excel keeps it as text: Taobao writes order ids as
// ="3912345678901234567". Other cells are returned as they are.
func unwrapExcelGuard(s string) string {
	t := strings.TrimSpace(s)
	if len(t) >= 3 && strings.HasPrefix(t, `="`) && strings.HasSuffix(t, `"`) {
		inner := t[2 : len(t)-1]
		if !strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
			return strings.ReplaceAll(inner, `""`, `"`)
		}
	}
	return s
}
