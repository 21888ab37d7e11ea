package packet

import (
	"fmt"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// Visa Compelling Evidence 3.0 (card-absent fraud, Visa 10.4): at least
// two earlier transactions on the same card, not disputed, processed 120
// to 365 calendar days before the disputed one, each sharing at least two
// of these elements with it, one of them the IP address or the device ID.
const (
	ce3MinDays   = 120
	ce3MaxDays   = 365
	ce3MinPriors = 2
	ce3MinShared = 2
)

// The elements CE 3.0 compares, as the manifest names them.
const (
	elemIP      = "ip_address"
	elemDevice  = "device_id"
	elemAddress = "shipping_address"
	elemAccount = "customer_account"
)

// CE3 is how an order's prior transactions stand against Visa Compelling
// Evidence 3.0.
type CE3 struct {
	Met    bool
	Priors []CE3Prior // every prior transaction, as listed
	// The counts behind the verdict: undisputed priors in the 120-365 day
	// window, and of those the ones that share enough elements.
	InWindow, Qualifying int
	// Why is the verdict's reason in English, for check, and WhyKey names
	// it for the packet's phrase (ce3_not_met_KEY); both "" when met.
	Why, WhyKey string
}

// CE3Prior is one prior transaction against the disputed one.
type CE3Prior struct {
	Index      int // in prior_transactions
	At         time.Time
	Days       int // calendar days before the disputed transaction
	Disputed   bool
	InWindow   bool
	Shared     []string // the elements it shares, as the manifest names them
	Qualifies  bool
	Amount     *float64
	Reference  string
	sharedMain bool // one of Shared is the IP address or the device ID
}

// EvaluateCE3 checks the manifest's prior_transactions against its
// disputed transaction (transaction:, dated by its at: or else placed_at).
// It returns nil when the manifest records neither.
func EvaluateCE3(m *evidence.Manifest) *CE3 {
	if m.Transaction == nil && len(m.Prior) == 0 {
		return nil
	}
	disputed, at := disputedTransaction(m)
	c := &CE3{}
	loc := m.Location()
	for i, pt := range m.Prior {
		p := CE3Prior{Index: i, Disputed: pt.Disputed, Amount: pt.Amount, Reference: pt.Reference}
		if pt.At != nil {
			p.At = *pt.At
			if at != nil {
				p.Days = calendarDays(*pt.At, *at, loc)
				p.InWindow = p.Days >= ce3MinDays && p.Days <= ce3MaxDays
			}
		}
		p.Shared, p.sharedMain = sharedElements(disputed, pt)
		if p.InWindow && !p.Disputed {
			c.InWindow++
			if len(p.Shared) >= ce3MinShared && p.sharedMain {
				p.Qualifies = true
				c.Qualifying++
			}
		}
		c.Priors = append(c.Priors, p)
	}
	c.Met = c.Qualifying >= ce3MinPriors
	switch {
	case c.Met:
	case at == nil:
		c.WhyKey = "no_date"
		c.Why = "the disputed transaction has no date: give transaction.at or placed_at"
	case len(c.Priors) == 0:
		c.WhyKey = "none"
		c.Why = "no prior transactions are recorded"
	case c.InWindow < ce3MinPriors:
		c.WhyKey = "window"
		c.Why = fmt.Sprintf("%d undisputed prior %s 120 to 365 days before the disputed one; %d are needed",
			c.InWindow, plural(c.InWindow, "transaction falls", "transactions fall"), ce3MinPriors)
	default:
		c.WhyKey = "shared"
		c.Why = fmt.Sprintf("of the %d undisputed prior transactions 120 to 365 days before, %d %s at least two elements with the disputed one, one of them the IP address or device ID; %d are needed",
			c.InWindow, c.Qualifying, plural(c.Qualifying, "shares", "share"), ce3MinPriors)
	}
	return c
}

// disputedTransaction is the manifest's transaction: and its date, which
// is placed_at unless it gives its own (nil when neither is recorded).
func disputedTransaction(m *evidence.Manifest) (evidence.Transaction, *time.Time) {
	var t evidence.Transaction
	if m.Transaction != nil {
		t = *m.Transaction
	}
	if t.At == nil {
		return t, m.PlacedAt
	}
	return t, t.At
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// calendarDays counts the calendar days from a to b in loc (nil: b's own
// zone), as the networks count them.
func calendarDays(a, b time.Time, loc *time.Location) int {
	if loc == nil {
		loc = b.Location()
	}
	day := func(t time.Time) time.Time {
		y, mo, d := t.In(loc).Date()
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// sharedElements lists the CE 3.0 elements both transactions record and
// agree on, and whether one of them is the IP address or the device ID.
func sharedElements(a, b evidence.Transaction) ([]string, bool) {
	same := func(x, y string) bool {
		x, y = strings.TrimSpace(x), strings.TrimSpace(y)
		return x != "" && strings.EqualFold(x, y)
	}
	var out []string
	main := false
	if same(a.IPAddress, b.IPAddress) {
		out, main = append(out, elemIP), true
	}
	if same(a.DeviceID, b.DeviceID) {
		out, main = append(out, elemDevice), true
	}
	if sameAddress(a.ShippingAddress, b.ShippingAddress) {
		out = append(out, elemAddress)
	}
	if same(a.CustomerAccount, b.CustomerAccount) {
		out = append(out, elemAccount)
	}
	return out, main
}

// Summary is check's line: "CE 3.0: met (…)" or "CE 3.0: not met (…)".
func (c *CE3) Summary() string {
	if c.Met {
		var which []string
		for _, p := range c.Priors {
			if p.Qualifies {
				which = append(which, fmt.Sprintf("prior_transactions[%d]", p.Index))
			}
		}
		return fmt.Sprintf("CE 3.0: met (%s qualify)", strings.Join(which, ", "))
	}
	return "CE 3.0: not met (" + c.Why + ")"
}
