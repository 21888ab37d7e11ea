package packet

import (
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// TestCE3 checks Visa Compelling Evidence 3.0 at its boundaries: the
// 120-365 day window, one prior against two, two shared elements of which
// one must be the IP address or the device ID, and disputed priors.
func TestCE3(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	disputedAt := time.Date(2026, 11, 2, 14, 0, 0, 0, ny)
	disputed := evidence.Transaction{At: &disputedAt, IPAddress: "203.0.113.7", DeviceID: "dev-1", ShippingAddress: "310 Pine St, Seattle, WA 98101", CustomerAccount: "morgan@example.com"}
	// prior makes a transaction days before the disputed one sharing the
	// named elements (ip, device, address, account).
	prior := func(days int, shares string, disputed bool) evidence.Transaction {
		at := disputedAt.AddDate(0, 0, -days)
		p := evidence.Transaction{At: &at, Disputed: disputed, IPAddress: "198.51.100.1", DeviceID: "other", ShippingAddress: "1 Elm St", CustomerAccount: "other"}
		for _, s := range strings.Split(shares, ",") {
			switch s {
			case "ip":
				p.IPAddress = "203.0.113.7"
			case "device":
				p.DeviceID = "DEV-1" // case does not matter
			case "address":
				p.ShippingAddress = "310 pine st. seattle wa 98101" // nor punctuation
			case "account":
				p.CustomerAccount = "morgan@example.com"
			}
		}
		return p
	}
	for _, tc := range []struct {
		name   string
		priors []evidence.Transaction
		met    bool
		why    string
	}{
		{"two at 120 and 365 days", []evidence.Transaction{prior(120, "ip,address", false), prior(365, "device,account", false)}, true, ""},
		{"119 days is too recent", []evidence.Transaction{prior(119, "ip,address", false), prior(200, "ip,address", false)}, false, "window"},
		{"366 days is too old", []evidence.Transaction{prior(366, "ip,address", false), prior(200, "ip,address", false)}, false, "window"},
		{"one qualifying prior is not enough", []evidence.Transaction{prior(200, "ip,device", false)}, false, "window"},
		{"two in the window, one sharing enough", []evidence.Transaction{prior(200, "ip,device", false), prior(250, "ip", false)}, false, "shared"},
		{"address and account without IP or device", []evidence.Transaction{prior(200, "address,account", false), prior(250, "address,account", false)}, false, "shared"},
		{"IP alone is one element", []evidence.Transaction{prior(200, "ip", false), prior(250, "device", false)}, false, "shared"},
		{"a disputed prior does not count", []evidence.Transaction{prior(200, "ip,device", false), prior(250, "ip,device", true)}, false, "window"},
		{"60 days before", []evidence.Transaction{prior(60, "ip,address", false), prior(60, "device,account", false)}, false, "window"},
		{"no priors", nil, false, "none"},
		{"three, two qualify", []evidence.Transaction{prior(130, "ip,account", false), prior(30, "ip,account", false), prior(300, "device,address", false)}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := disputed
			m := &evidence.Manifest{Transaction: &tx, Prior: tc.priors, TimeZone: "America/New_York"}
			c := EvaluateCE3(m)
			if c.Met != tc.met || c.WhyKey != tc.why {
				t.Errorf("met %v (%s: %s), want %v (%s)", c.Met, c.WhyKey, c.Why, tc.met, tc.why)
			}
			want := "CE 3.0: not met ("
			if tc.met {
				want = "CE 3.0: met ("
			}
			if !strings.HasPrefix(c.Summary(), want) {
				t.Errorf("summary %q, want %q…", c.Summary(), want)
			}
		})
	}
	if EvaluateCE3(&evidence.Manifest{}) != nil {
		t.Error("an order without transactions has a CE 3.0 verdict")
	}
}

// TestCalendarDays counts calendar days in the order's zone, not 24-hour
// periods: 23:00 to 01:00 the next day is one day.
func TestCalendarDays(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	a := time.Date(2026, 7, 1, 23, 0, 0, 0, ny)
	b := time.Date(2026, 7, 2, 1, 0, 0, 0, ny)
	if d := calendarDays(a, b, ny); d != 1 {
		t.Errorf("calendarDays = %d, want 1", d)
	}
	if d := calendarDays(a, a.AddDate(0, 0, 120), ny); d != 120 {
		t.Errorf("calendarDays over 120 days = %d", d)
	}
}

func TestSameAddress(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"310 Pine St, Seattle, WA 98101", "310 PINE ST.  SEATTLE WA 98101", true},
		{"310 Pine St, Seattle", "311 Pine St, Seattle", false},
		{"", "", false},
		{"310 Pine St", "", false},
	} {
		if got := sameAddress(tc.a, tc.b); got != tc.same {
			t.Errorf("sameAddress(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
