package packet

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"math"
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/pdf"
)

// figureGroup is one exhibit page: one figure, or narrow screenshots (or
// the slices of a long one) side by side.
type figureGroup struct {
	exhibits []*evidence.Exhibit
	figures  []pdf.Figure
	// slices, for the slices of a scroll capture, names each figure's
	// place: "2of7".
	slices []string
	// previews are the figures' images fitted to Options.PreviewBox, when
	// imagenorm made them (nil entries when not).
	previews []image.Image
	// sources tell how each figure's image was made.
	sources []imageSource
}

// imageSource is how a figure's image was made, so that an export can
// make it again from the original file, in one generation, with the
// highlights burned in or smaller (see export.go).
type imageSource struct {
	read  func() ([]byte, error) // the original file
	opt   imagenorm.Options
	slice int        // the slice of opt.Slices the figure shows
	dpi   float64    // at which the whole image is placed
	marks []pdf.Mark // over the whole image
}

// Aspect ratios (height over width) that decide an exhibit's layout.
const (
	// A screenshot at least this tall (portrait, as chats are) shares its
	// page with the next one of its kind: a short chat alone would leave
	// most of a page empty.
	pairAspect = 1.0
	// A screenshot taller than this is a scroll capture: it is cut into
	// page-sized slices instead of being shrunk to a stripe.
	scrollAspect = 4.0
)

func aspect(e *evidence.Exhibit) float64 {
	w, h := e.UprightSize()
	if w == 0 {
		return 0
	}
	return float64(h) / float64(w)
}

func screenshot(e *evidence.Exhibit) bool {
	ki, _ := evidence.LookupKind(e.Kind)
	return ki.Screenshot
}

// tall reports whether an exhibit is a narrow screenshot that can share a
// page with another.
func tall(e *evidence.Exhibit) bool {
	return screenshot(e) && aspect(e) >= pairAspect && !scroll(e)
}

// scroll reports whether an exhibit is a long scroll capture.
func scroll(e *evidence.Exhibit) bool { return screenshot(e) && aspect(e) > scrollAspect }

// normalised is one exhibit's image, ready to lay out.
type normalised struct {
	e   *evidence.Exhibit
	res imagenorm.Result
	src imageSource // src.dpi gives the image its box's size
}

// imageCache keeps normalised images between the steps of the budget
// ladder: a step changes the options of some exhibits only, and the others
// need not be read and decoded again. A nil cache keeps nothing.
type imageCache struct {
	mu     sync.Mutex
	done   map[imageKey]imagenorm.Result
	videos map[string][]still // a video exhibit's frames, by file
}

type imageKey struct {
	file                string
	maxW, maxH, quality int
	lossless, gray      bool
	bandMin, bandMax    float64
	padWidth, slices    int
}

func newImageCache() *imageCache {
	return &imageCache{done: map[imageKey]imagenorm.Result{}, videos: map[string][]still{}}
}

// normalise reads and normalises exhibit e, or returns the result of an
// earlier call with the same options. Redaction and limits are the same
// for every step, so they are not part of the key.
func (ic *imageCache) normalise(ctx context.Context, c *evidence.Case, e *evidence.Exhibit, no imagenorm.Options) (imagenorm.Result, error) {
	res, err := ic.normaliseData(ctx, e.File, func() ([]byte, error) { return c.ReadExhibit(e) }, no)
	if err != nil {
		return imagenorm.Result{}, fmt.Errorf("%s: %w", c.Dir, err)
	}
	return res, nil
}

// normaliseData normalises the image read returns, once per name and
// options; errors name the file.
func (ic *imageCache) normaliseData(ctx context.Context, name string, read func() ([]byte, error), no imagenorm.Options) (imagenorm.Result, error) {
	key := imageKey{name, no.MaxWidth, no.MaxHeight, no.JPEGQuality, no.Lossless, no.Gray, no.BandMin, no.BandMax, no.PadWidth, no.Slices}
	if ic != nil {
		ic.mu.Lock()
		res, ok := ic.done[key]
		ic.mu.Unlock()
		if ok {
			return res, nil
		}
	}
	data, err := read()
	if err != nil {
		return imagenorm.Result{}, err
	}
	res, err := imagenorm.Normalise(ctx, data, no)
	if err != nil {
		return imagenorm.Result{}, fmt.Errorf("%s: %w", name, err)
	}
	if ic != nil {
		ic.mu.Lock()
		ic.done[key] = res
		ic.mu.Unlock()
	}
	return res, nil
}

// decorative kinds are photos that illustrate; they give up resolution
// first when a packet must shrink. Labels, scale readings, screenshots
// and documents keep theirs longer.
var decorative = map[evidence.Kind]bool{evidence.PackingPhoto: true, evidence.ProductPhoto: true, evidence.BuyerPhoto: true}

// The band of resolutions, as factors of a step's DPI, at which a photo
// is placed at its own resolution when a scaled decode gives that without
// resampling (see imagenorm.Options.BandMin). The step's DPI is the
// profile's cap, so the band never goes above it; legible evidence never
// goes below it either, decorative photos go down to 0.7 of it (140 DPI
// at 200, a little below the 150 the ladder's second step gives them).
const (
	decorBandMin = 0.7
	bandMax      = 1.0
)

// widths hands out the pixel widths of a document's images. fpdf writes
// images out sorted by pixel width alone, from a map, so two different
// images of one width would come out in a random order and the PDF's
// bytes would differ from run to run: every image is given a width of its
// own, by widening it (imagenorm.Options.PadWidth) until it is free.
type widths map[int]bool

// claim returns the first width from w on that starts n free widths in a
// row, and takes them.
func (u widths) claim(w, n int) int {
	for {
		free := true
		for k := range n {
			free = free && !u[w+k]
		}
		if free {
			break
		}
		w++
	}
	for k := range n {
		u[w+k] = true
	}
	return w
}

// imageJob is one exhibit's image as a step of the ladder makes it.
type imageJob struct {
	i      int // the exhibit's index
	e      *evidence.Exhibit
	no     imagenorm.Options
	placed float64 // the resolution that gives the image its box's size
}

// imageJobs plans step q's images: which exhibits share a page, the
// options each image is made with, and the widths they claim (videos'
// stills are planned later, by videoGroups).
func imageJobs(c *evidence.Case, opt Options, q step) (plan [][]int, jobs []imageJob, used widths) {
	// The plan: which exhibits share a page. Pairs of tall screenshots of
	// one kind go side by side (in the compact layout, any two exhibits);
	// scroll captures are sliced two to a page.
	cols := make([]int, len(c.Exhibits))
	for i := 0; i < len(c.Exhibits); i++ {
		e := c.Exhibits[i]
		cols[i] = 1
		pairable := func(j int) bool {
			if q.compact {
				return !scroll(c.Exhibits[j])
			}
			return tall(c.Exhibits[j]) && c.Exhibits[j].Kind == e.Kind
		}
		switch {
		case scroll(e):
			cols[i] = 2
			plan = append(plan, []int{i})
		case pairable(i) && i+1 < len(c.Exhibits) && pairable(i+1):
			cols[i], cols[i+1] = 2, 2
			plan = append(plan, []int{i, i + 1})
			i++
		default:
			plan = append(plan, []int{i})
		}
	}
	used = widths{}
	for i, e := range c.Exhibits {
		if e.Video != nil {
			continue // its stills are laid out below
		}
		dpi, quality, bandMin := q.legibleDPI, q.legibleQ, 1.0
		if decorative[e.Kind] {
			dpi, quality, bandMin = q.decorDPI, q.decorQ, decorBandMin
		}
		lossless := screenshot(e) && !q.lossyScreens
		if screenshot(e) && q.lossyScreens {
			quality = q.screenQ
		}
		px := func(mm float64) int { return int(math.Floor(mm / 25.4 * float64(dpi))) }
		wmm, hmm := pdf.FigureBox(opt.Paper, cols[i])
		maxH := px(hmm)
		if scroll(e) {
			maxH = 0 // sliced below, at full column width
		}
		maxW := px(wmm)
		uw, uh := e.UprightSize()
		var redact []image.Rectangle
		for _, r := range e.Redact {
			redact = append(redact, r.Pixels(uw, uh))
		}
		no := imagenorm.Options{
			MaxWidth: maxW, MaxHeight: maxH, JPEGQuality: quality, BandMin: bandMin, BandMax: bandMax,
			Lossless: lossless, Limits: opt.Limits, Redact: redact, Gray: q.gray,
			Preview: opt.PreviewBox,
		}
		// Placed at the resolution that gives it the fitted box's size.
		fw, _ := imagenorm.Fit(uw, uh, maxW, maxH)
		w, h := imagenorm.Plan(e.Image, no)
		placed := float64(dpi) * float64(w) / float64(fw)
		slices := 1
		if scroll(e) {
			_, hmm := pdf.FigureBox(opt.Paper, 2)
			if slices = sliceCount(h, int(math.Floor(hmm/25.4*placed))); slices > 1 {
				no.Slices = slices
			}
		}
		if free := used.claim(w, slices); free != w {
			no.PadWidth = free
		}
		jobs = append(jobs, imageJob{i: i, e: e, no: no, placed: placed})
	}
	return plan, jobs, used
}

// prefetch makes step q's images into the cache, so that they are ready
// when the step is assembled. Errors are left for that step's own pass,
// which meets them again and reports them where the build would.
func prefetch(ctx context.Context, c *evidence.Case, opt Options, q step, cache *imageCache) {
	_, jobs, _ := imageJobs(c, opt, q)
	var eg errgroup.Group
	eg.SetLimit(workers(opt))
	for _, j := range jobs {
		eg.Go(func() error {
			_, _ = cache.normalise(ctx, c, j.e, j.no)
			return nil
		})
	}
	_ = eg.Wait()
}

// workers is how many images are made at once.
func workers(opt Options) int {
	if opt.Workers > 0 {
		return opt.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// figures normalises the exhibits' images at the resolution and quality of
// step q, at most opt.Workers at a time, and lays them out in pages.
func figures(ctx context.Context, c *evidence.Case, p *phrases, opt Options, q step, cache *imageCache) ([]*figureGroup, error) {
	plan, jobs, used := imageJobs(c, opt, q)
	out := make([]normalised, len(c.Exhibits))
	eg, gctx := errgroup.WithContext(ctx)
	eg.SetLimit(workers(opt))
	for _, j := range jobs {
		eg.Go(func() error {
			res, err := cache.normalise(gctx, c, j.e, j.no)
			if err != nil {
				return err
			}
			read := func() ([]byte, error) { return c.ReadExhibit(j.e) }
			out[j.i] = normalised{e: j.e, res: res, src: imageSource{read: read, opt: j.no, dpi: j.placed}}
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}

	var groups []*figureGroup
	for _, idx := range plan {
		if e := c.Exhibits[idx[0]]; e.Video != nil {
			gs, err := videoGroups(ctx, c, p, opt, q, cache, e, used)
			if err != nil {
				return nil, err
			}
			groups = append(groups, gs...)
			continue
		}
		if n := out[idx[0]]; len(n.res.Slices) > 0 {
			groups = append(groups, sliceGroups(p, n, exhibitFigure(p, n))...)
			continue
		}
		g := &figureGroup{}
		for _, i := range idx {
			fig := exhibitFigure(p, out[i])
			fig.Lines = append(fig.Lines, opt.labels.lines(p, out[i].e)...)
			if len(idx) == 1 && screenshot(out[i].e) {
				fig.Image.DPI = pageFillDPI(fig.Image, opt.Paper)
			}
			src := out[i].src
			src.marks, src.dpi = fig.Marks, fig.Image.DPI
			g.exhibits = append(g.exhibits, out[i].e)
			g.figures = append(g.figures, fig)
			g.previews = append(g.previews, out[i].res.Preview)
			g.sources = append(g.sources, src)
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// pageFillDPI is the resolution a screenshot alone on its page is drawn
// at: as large as the page allows, so that a tall chat fills the page's
// height instead of a third of its area, but never below the legibility
// floor, nor above the resolution it was prepared at. A screenshot's
// pixels are the screen's, so drawing them larger loses nothing.
func pageFillDPI(im pdf.Image, paper string) float64 {
	wmm, hmm := pdf.FigureBox(paper, 1)
	fit := max(float64(im.Width)/(wmm/25.4), float64(im.Height)/(hmm/25.4))
	return min(im.DPI, max(fit, floorLegibleDPI))
}

// exhibitFigure is an exhibit's figure: label, caption, provenance lines,
// the image, and its highlights with their notes.
func exhibitFigure(p *phrases, n normalised) pdf.Figure {
	e := n.e
	fig := pdf.Figure{
		Label:   p.T("exhibit", e.Label),
		Caption: cmp.Or(e.Caption, p.Kind(e.Kind)),
		Lines:   exhibitLines(p, e),
		Image:   pdfImage(n.res.Format, n.res.Width, n.res.Height, n.src.dpi, n.res.Data),
	}
	uw, uh := e.UprightSize()
	for i, r := range e.Highlight {
		px := r.Pixels(uw, uh)
		fig.Marks = append(fig.Marks, pdf.Mark{N: i + 1, Box: [4]float64{
			float64(px.Min.X) / float64(uw), float64(px.Min.Y) / float64(uh), float64(px.Dx()) / float64(uw), float64(px.Dy()) / float64(uh),
		}})
		if r.Note != "" {
			fig.Caption += fmt.Sprintf("\n(%d) %s", i+1, r.Note)
		}
	}
	if len(e.Redact) > 0 {
		fig.Lines = append(fig.Lines, p.T("exhibit_redacted", len(e.Redact)))
	}
	return fig
}

func pdfImage(format string, w, h int, dpi float64, data []byte) pdf.Image {
	sum := sha256.Sum256(data)
	return pdf.Image{Format: format, Width: w, Height: h, DPI: dpi, Data: data, SHA256: hex.EncodeToString(sum[:])}
}

// sliceCount is the number of slices a scroll capture h pixels tall is
// cut into: an even number of equal slices of at most sliceH rows, two to
// a page, so that no page holds a lone short last slice.
func sliceCount(h, sliceH int) int {
	n := (h + max(1, sliceH) - 1) / max(1, sliceH)
	if n > 1 && n%2 == 1 {
		n++
	}
	return n
}

// sliceGroups lays out the slices of a long screenshot (imagenorm cut it
// into an even number of equal slices of at most a page's height, see
// figures) two to a page, each labelled "B1 (2/8)", so its text keeps the
// size it has in the original instead of shrinking to a stripe, and its
// last page is not a lone short slice.
func sliceGroups(p *phrases, n normalised, fig pdf.Figure) []*figureGroup {
	var figs []pdf.Figure
	var places []string
	var sources []imageSource
	count := len(n.res.Slices)
	for k, sl := range n.res.Slices {
		src := n.src
		src.slice, src.marks = k, fig.Marks
		sources = append(sources, src)
		f := fig
		f.Label = fmt.Sprintf("%s (%d/%d)", fig.Label, k+1, count)
		if k > 0 {
			f.Lines = []string{p.T("exhibit_continued", n.e.Label)}
		}
		f.Image = pdfImage(n.res.Format, sl.Width, sl.Height, fig.Image.DPI, sl.Data)
		f.Marks = sliceMarks(fig.Marks, n.res.Height, sl.Y, sl.Y+sl.Height)
		figs = append(figs, f)
		places = append(places, fmt.Sprintf("%dof%d", k+1, count))
	}
	var groups []*figureGroup
	for k := 0; k < len(figs); k += 2 {
		end := min(k+2, len(figs))
		g := &figureGroup{exhibits: []*evidence.Exhibit{n.e}, figures: figs[k:end], slices: places[k:end], sources: sources[k:end]}
		groups = append(groups, g)
	}
	return groups
}

// sliceMarks returns the parts of marks (fractions of an image h pixels
// tall) that fall in the slice of rows y0 to y1, as fractions of the slice:
// a highlight on a scroll capture is drawn on the slices it covers, not at
// the same fractions on every slice.
func sliceMarks(marks []pdf.Mark, h, y0, y1 int) []pdf.Mark {
	var out []pdf.Mark
	sh := float64(y1 - y0)
	for _, m := range marks {
		top, bot := m.Box[1]*float64(h), (m.Box[1]+m.Box[3])*float64(h)
		t, u := max(top, float64(y0)), min(bot, float64(y1))
		if u <= t {
			continue
		}
		out = append(out, pdf.Mark{N: m.N, Box: [4]float64{m.Box[0], (t - float64(y0)) / sh, m.Box[2], (u - t) / sh}})
	}
	return out
}
