package packet

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/units"
	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
)

// step is one rung of the budget ladder: the resolution and JPEG quality
// of legible evidence (labels, scale readings, screenshots, documents) and
// of decorative photos, and the layout.
type step struct {
	legibleDPI, decorDPI int
	legibleQ, decorQ     int
	lossyScreens         bool // screenshots as JPEG at screenQ instead of PNG
	screenQ              int
	compact              bool // any two exhibits share a page
	gray                 bool
}

// Legibility floors: no step goes below these.
const (
	floorLegibleDPI = 150
	floorDecorDPI   = 96
	floorLegibleQ   = 70
	floorDecorQ     = 55
)

// profile returns the profile in force for a platform.
func (o Options) profile(platform string) *templates.Profile {
	if o.Profile != nil || o.Templates == nil {
		return o.Profile
	}
	return o.Templates.ProfileFor(platform)
}

// ladder lists the steps from full quality down to the legibility floor.
// Decorative photos give way first; labels, scale readings and chat text
// keep their resolution longest.
func ladder(opt Options) []step {
	dpi := opt.DPI
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	if opt.Profile != nil && opt.Profile.DPI > 0 {
		dpi = min(dpi, opt.Profile.DPI)
	}
	gray := opt.Profile != nil && opt.Profile.Grayscale
	capped := func(v int) int { return min(dpi, v) }
	return []step{
		{legibleDPI: dpi, decorDPI: dpi, legibleQ: 85, decorQ: 85, gray: gray},
		{legibleDPI: dpi, decorDPI: capped(150), legibleQ: 85, decorQ: 75, gray: gray},
		{legibleDPI: dpi, decorDPI: capped(120), legibleQ: 80, decorQ: 65, lossyScreens: true, screenQ: 90, gray: gray},
		{legibleDPI: capped(175), decorDPI: capped(100), legibleQ: 75, decorQ: 60, lossyScreens: true, screenQ: 85, gray: gray},
		{legibleDPI: capped(floorLegibleDPI), decorDPI: capped(floorDecorDPI), legibleQ: floorLegibleQ, decorQ: floorDecorQ, lossyScreens: true, screenQ: 80, gray: gray},
	}
}

// BudgetError says a packet cannot fit its profile even at the legibility
// floor, and what would fit.
type BudgetError struct {
	Profile string
	Bytes   int64 // at the floor
	Pages   int
	Limit   int64
	MaxPage int
	Drop    []string // exhibits whose removal would make it fit
	Instead string   // a profile it would fit
}

func (e *BudgetError) Error() string {
	var b strings.Builder
	if e.Limit > 0 && e.Bytes > e.Limit {
		fmt.Fprintf(&b, "needs %s at the legibility floor; the limit is %s (profile %s)", mb(e.Bytes), mb(e.Limit), e.Profile)
	} else {
		fmt.Fprintf(&b, "needs %d pages at the most compact layout; the limit is %d (profile %s)", e.Pages, e.MaxPage, e.Profile)
	}
	var fixes []string
	if len(e.Drop) > 0 {
		fixes = append(fixes, "drop exhibits "+joinAnd(e.Drop))
	}
	if e.Instead != "" {
		fixes = append(fixes, "use the profile "+e.Instead)
	}
	if len(fixes) > 0 {
		b.WriteString("; " + strings.Join(fixes, " or "))
	}
	return b.String()
}

func mb(n int64) string { return units.Megabytes(n) }

func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// forOrder returns opt with the profile in force for the order's platform
// and the paper size it gives filled in, as the ladder and the images use
// them.
func (o Options) forOrder(c *evidence.Case) Options {
	o.Profile = o.profile(c.Manifest.Platform)
	if o.Paper == "" {
		o.Paper = "a4"
		if o.Profile != nil && o.Profile.Paper != "" {
			o.Paper = o.Profile.Paper
		}
	}
	return o
}

// fit renders the packet at the best step of the ladder that the profile's
// byte and page limits allow, and returns it with its PDF bytes. opt is
// forOrder's, the label reads are opt.labels, and cache holds any images
// already made.
func fit(ctx context.Context, c *evidence.Case, opt Options, cache *imageCache) (*Packet, []byte, int, error) {
	prof := opt.Profile
	var maxBytes int64
	var maxPages int
	if prof != nil {
		maxBytes, maxPages = prof.MaxBytes, prof.MaxPages
	}
	var (
		pk    *Packet
		buf   bytes.Buffer
		pages int
	)
	render := func(q step) error {
		var err error
		if pk, err = assemble(ctx, c, opt, q, cache); err != nil {
			return err
		}
		buf.Reset()
		pages, err = pdf.Render(ctx, &buf, pk.Doc)
		return err
	}
	steps := ladder(opt)
	compact := false
	for _, q := range steps {
		q.compact = compact
		if err := render(q); err != nil {
			return nil, nil, 0, err
		}
		if maxPages > 0 && pages > maxPages && !compact {
			compact, q.compact = true, true
			if err := render(q); err != nil {
				return nil, nil, 0, err
			}
		}
		if (maxBytes == 0 || int64(buf.Len()) <= maxBytes) && (maxPages == 0 || pages <= maxPages) {
			return pk, buf.Bytes(), pages, nil
		}
		if maxBytes == 0 || int64(buf.Len()) <= maxBytes {
			break // only the page count is over: lower quality will not help
		}
	}
	return nil, nil, 0, budgetError(opt, prof, pk, int64(buf.Len()), pages)
}

// budgetError works out what would fit: the decorative exhibits to drop,
// largest first, and the tightest profile that takes the packet as it is.
func budgetError(opt Options, prof *templates.Profile, pk *Packet, size int64, pages int) error {
	e := &BudgetError{Profile: prof.Name, Bytes: size, Pages: pages, Limit: prof.MaxBytes, MaxPage: prof.MaxPages}
	var drops []exhibitImage
	for _, im := range pk.images {
		if decorative[im.kind] {
			drops = append(drops, im)
		}
	}
	sort.SliceStable(drops, func(i, j int) bool { return drops[i].bytes > drops[j].bytes })
	if e.Limit > 0 && size > e.Limit {
		excess := size - e.Limit
		for _, d := range drops {
			if excess <= 0 {
				break
			}
			e.Drop = append(e.Drop, d.label)
			excess -= d.bytes
		}
		if excess > 0 {
			e.Drop = nil
		}
		sort.Strings(e.Drop)
	}
	if opt.Templates != nil {
		var best *templates.Profile
		for _, p := range opt.Templates.Profiles() {
			if p.Name == prof.Name || (p.MaxBytes > 0 && p.MaxBytes < size) || (p.MaxPages > 0 && p.MaxPages < pages) {
				continue
			}
			if best == nil || (p.MaxBytes > 0 && (best.MaxBytes == 0 || p.MaxBytes < best.MaxBytes)) {
				best = p
			}
		}
		if best != nil {
			e.Instead = best.Name
		}
	}
	return e
}
