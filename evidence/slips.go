package evidence

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// This file turns the slips people make writing a manifest by hand into
// messages that say the fix: a full-width colon, a tab in the indentation,
// a unit inside a number, and a date written as local time, which is
// accepted as the order's local time.

var fullWidthKeyRe = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：`)

// lineSlip finds the typing slip behind a YAML syntax error: a tab in a
// line's indentation, or a full-width colon after a field name. It looks
// at the lines up to the error's (all when errLine is 0) and returns nil
// when it finds neither.
func lineSlip(name string, data []byte, errLine int) *FieldError {
	fields := manifestFieldNames()
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		if errLine > 0 && n > errLine {
			break
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if t := strings.IndexByte(indent, '\t'); t >= 0 {
			return &FieldError{File: name, Line: n, Column: t + 1,
				Problem: "a tab in the indentation; YAML indents with spaces only",
				Hint:    "replace the tab with spaces (two per level, lined up with the fields around it)"}
		}
		if m := fullWidthKeyRe.FindStringSubmatch(line); m != nil && slices.Contains(fields, m[2]) {
			rest := strings.TrimSpace(line[len(m[0]):])
			return &FieldError{File: name, Line: n, Column: len([]rune(m[1]+m[2])) + 1, Field: m[2],
				Problem: "a full-width colon (：) after the field name; YAML needs the ASCII colon",
				Hint:    fmt.Sprintf("write %s: %s", m[2], rest)}
		}
	}
	return nil
}

// numericKeys are the manifest's YAML keys whose values are numbers,
// mapped to whether they are grams.
var numericKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	other := map[string]bool{} // keys that are not numbers somewhere
	walkManifestFields(func(key string, ft reflect.Type) {
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch ft.Kind() {
		case reflect.Float64, reflect.Int:
			keys[key] = strings.HasSuffix(key, "_g")
		default:
			other[key] = true
		}
	})
	for k := range other {
		delete(keys, k)
	}
	return keys
})

var unitNumberRe = regexp.MustCompile(`^[¥￥$€£]?\s*([+-]?\d[\d,]*(?:\.\d+)?)\s*([^\d\s.,][^\d]*)?$`)

// numberSlips finds numeric fields written as text, such as
// warehouse_weight_g: 0.78kg or unit_price: ¥59, and says what to write.
func numberSlips(name string, file *ast.File) []*FieldError {
	var out []*FieldError
	for _, doc := range file.Docs {
		ast.Walk(visitFunc(func(n ast.Node) bool {
			mv, ok := n.(*ast.MappingValueNode)
			if !ok || mv.Key == nil {
				return true
			}
			grams, numeric := numericKeys()[mv.Key.String()]
			sv, isString := mv.Value.(*ast.StringNode)
			if !numeric || !isString {
				return true
			}
			line, col := nodePos(sv)
			fe := &FieldError{File: name, Line: line, Column: col, Field: strings.TrimPrefix(sv.GetPath(), "$."),
				Problem: fmt.Sprintf("%q is not a number", sv.Value)}
			fe.Hint = numberHint(sv.Value, grams)
			out = append(out, fe)
			return true
		}), doc)
	}
	return out
}

// numberHint says how to write v as the number a field takes.
func numberHint(v string, grams bool) string {
	m := unitNumberRe.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return "write a plain number, such as 780"
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		return "write a plain number, such as 780"
	}
	unit := strings.ToLower(strings.TrimSpace(m[2]))
	num := func(f float64) string { return strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64) }
	switch {
	case unit == "" && !strings.ContainsAny(v, "¥￥$€£"):
		return fmt.Sprintf("write %s without quotes", num(x))
	case grams && (unit == "kg" || unit == "千克" || unit == "公斤"):
		return fmt.Sprintf("write %s for %s kg: the field is in grams, written without a unit", num(x*1000), num(x))
	case grams && (unit == "g" || unit == "克"):
		return fmt.Sprintf("write %s: the field is in grams, written without a unit", num(x))
	case grams:
		return fmt.Sprintf("write the weight in grams as a plain number (%q is not a unit it takes)", unit)
	}
	return fmt.Sprintf("write %s: a plain number, without a unit or currency sign", num(x))
}

// localLayouts are the ways a manifest may write a time without a UTC
// offset; such a time is the order's local time (Manifest.Location).
var localLayouts = []string{
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006/01/02 15:04:05", "2006/01/02 15:04", "2006-01-02", "2006/01/02",
}

// offsetLayouts are the ways with an offset.
var offsetLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 Z07:00", "2006-01-02 15:04Z07:00"}

// timeOption decodes the manifest's times: with an offset as written,
// without one in loc. A value that is no time decodes as the zero time,
// which validation reports with the field's position.
func timeOption(loc *time.Location) yaml.DecodeOption {
	return yaml.CustomUnmarshaler[time.Time](func(t *time.Time, b []byte) error {
		s := strings.TrimSpace(string(b))
		if u, err := strconv.Unquote(s); err == nil && strings.HasPrefix(s, `"`) {
			s = u
		} else if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
			s = strings.ReplaceAll(s[1:len(s)-1], "''", "'")
		}
		*t = time.Time{}
		for _, l := range offsetLayouts {
			if v, err := time.Parse(l, s); err == nil {
				*t = v
				return nil
			}
		}
		for _, l := range localLayouts {
			if v, err := time.ParseInLocation(l, s, loc); err == nil {
				*t = v
				return nil
			}
		}
		return nil
	})
}

// peekLocation is the zone the manifest's local times are in, from its
// platform and time_zone fields before the whole manifest is decoded: UTC
// when neither names one (or they cannot be read).
func peekLocation(data []byte) *time.Location {
	var peek struct {
		Platform string `yaml:"platform"`
		TimeZone string `yaml:"time_zone"`
	}
	// Errors are reported by the full decode; here only two fields matter.
	_ = yamlsafe.Unmarshal(data, &peek)
	m := Manifest{Platform: peek.Platform, TimeZone: peek.TimeZone}
	if loc := m.Location(); loc != nil {
		return loc
	}
	return time.UTC
}
