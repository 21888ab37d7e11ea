package orderimport

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --tz and the Asia/Shanghai default work without the system's zone files

	"github.com/xuri/excelize/v2"
)

var numberRE = regexp.MustCompile(`^[¥￥$€£]?\s*([+-]?(?:\d[\d,]*)?\.?\d+)\s*(件|个|元|块|g|克|kg|千克|公斤)?$`)

// parseNumber reads "59", "¥59.00", "1,234.5", "780g", "0.78kg" (as 780
// when grams is true), "2件".
func parseNumber(s string, grams bool) (float64, error) {
	s = strings.TrimSpace(s)
	m := numberRE.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	switch m[2] {
	case "kg", "千克", "公斤":
		if !grams {
			return 0, fmt.Errorf("%q: a weight where a number was expected", s)
		}
		v *= 1000
	case "g", "克":
		if !grams {
			return 0, fmt.Errorf("%q: a weight where a number was expected", s)
		}
	}
	return v, nil
}

// parseCount reads a whole number of items.
func parseCount(s string) (int, error) {
	v, err := parseNumber(s, false)
	if err != nil {
		return 0, err
	}
	if v != math.Trunc(v) || v > 1e9 || v < -1e9 {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	return int(v), nil
}

var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006/01/02 15:04:05",
	"2006/1/2 15:04:05",
	"2006/01/02 15:04",
	"2006/1/2 15:04",
	"2006.01.02 15:04:05",
	"2006-01-02",
	"2006/01/02",
	"2006/1/2",
	"2006年01月02日 15:04:05",
	"2006年1月2日 15:04:05",
	"2006年1月2日 15:04",
	"2006年1月2日",
}

// parseTime reads a date as exports write it. A date without a zone is in
// loc. When excel is true, a plain number is an Excel date serial (Excel
// keeps dates as day counts, without a zone).
func parseTime(s string, loc *time.Location, excel bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if excel {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 2958466 {
			t, err := excelize.ExcelDateToTime(f, false)
			if err == nil {
				t = t.Round(time.Second)
				return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc), nil
			}
		}
	}
	for _, l := range dateLayouts {
		if strings.Contains(l, "Z07") {
			if t, err := time.Parse(l, s); err == nil {
				return t, nil
			}
			continue
		}
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date; expected e.g. 2026-11-01 18:00:00", s)
}

// LoadLocation returns the named time zone (zone data is embedded, so it
// works without the system's zone files), or an error saying what is expected.
func LoadLocation(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("--tz %q: unknown time zone; expected a name like Asia/Shanghai or UTC", name)
	}
	return loc, nil
}
