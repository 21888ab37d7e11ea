package packet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
	"golang.org/x/sync/errgroup"
)

// Result is what a build made of one order: the facts about its PDF, the
// statement for the portal's text box, the exhibit images as files when
// asked for, and check's findings. Render (the stream form) fills it in
// without writing any file; BuildFile (the file form) writes it and
// records where.
type Result struct {
	OrderID        string   `json:"order_id"`
	Platform       string   `json:"platform"`
	Profile        string   `json:"profile"`
	Dir            string   `json:"dir"`
	Dispute        string   `json:"dispute"`
	Language       string   `json:"language"`
	Output         string   `json:"output"`
	StatementFile  string   `json:"statement_file,omitempty"`
	Pages          int      `json:"pages"`
	Bytes          int64    `json:"bytes"`
	Exhibits       int      `json:"exhibits"`
	WeightVerdict  string   `json:"weight_verdict"`
	Missing        []string `json:"missing,omitempty"`
	Warnings       []string `json:"warnings,omitempty"`
	StatementChars int      `json:"statement_chars"`
	ImagesDir      string   `json:"images_dir,omitempty"`
	Images         []string `json:"images,omitempty"` // the files written into ImagesDir
	Videos         []string `json:"videos,omitempty"`
	// Statement is the statement for the portal's text box (the template's
	// short one when the full one is over the limit; the PDF keeps the
	// full one).
	Statement string `json:"-"`
	// Exports are the exhibit images as files for the portal, within the
	// profile's per-image cap, when Options.ExportImages asked for them.
	Exports []File `json:"-"`
	// Report is what Check reports on the order, made from what the build
	// read (the labels' barcodes are not read again).
	Report *Report `json:"-"`
	// Previews are the exhibit images as the packet embeds them, for a
	// review page's thumbnails (no original is decoded twice).
	Previews []Preview `json:"-"`

	packet *Packet // the document, for tests
}

// File is a file a build makes besides the PDF: a name (no folder) and its
// bytes.
type File struct {
	Name string // "A1.jpg", "B1-2of3.png"
	Data []byte
}

// Preview is one exhibit image as the packet embeds it (normalised, without
// the highlights drawn over it).
type Preview struct {
	Name  string    // the exported image's file name: "A1.jpg", "B1-2of3.png"
	Image pdf.Image // the embedded image
	// Pixels are the image fitted to Options.PreviewBox, when it was set
	// and the build had the pixels in memory (nil otherwise).
	Pixels image.Image
}

// Render assembles a loaded order, writes its PDF to w and returns what
// else it built (the stream form; BuildFile is the file form). The packet
// is fitted to its profile's byte and page limits, lowering image
// resolution and quality step by step where it must. Nothing is written to
// w unless the whole packet was built. A panic while building is returned
// as an error naming the order.
func Render(ctx context.Context, w io.Writer, c *evidence.Case, opt Options) (_ *Result, err error) {
	defer RecoverOrder(c.Dir, &err)
	opt = opt.forOrder(c)
	cache := newImageCache()
	// The labels' barcodes are read while the first step's images are
	// made: the images do not depend on the reads, the statement does.
	var labels labelReads
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		defer RecoverOrder(c.Dir, &err)
		labels, err = readLabels(gctx, c, opt.Limits)
		return err
	})
	g.Go(func() (err error) {
		defer RecoverOrder(c.Dir, &err)
		prefetch(gctx, c, opt, ladder(opt)[0], cache)
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	opt.labels = labels
	pk, data, pages, err := fit(ctx, c, opt, cache)
	if err != nil {
		var be *BudgetError
		if errors.As(err, &be) {
			return nil, fmt.Errorf("%s: %w", c.Dir, err)
		}
		return nil, err
	}
	m := c.Manifest
	prof := opt.profile(m.Platform)
	res := &Result{
		Profile: profileName(prof), Platform: m.Platform,
		OrderID: m.OrderID, Dir: c.Dir, Dispute: m.Dispute, Language: cmp.Or(opt.Lang, m.Language, "zh"),
		Pages: pages, Exhibits: len(c.Exhibits), WeightVerdict: pk.Weights.Verdict,
		Statement: pk.PortalStatement, StatementChars: utf8.RuneCountInString(pk.PortalStatement),
		packet: pk,
	}
	res.Report = check(c, opt, opt.labels, nil)
	if opt.ExportImages {
		var limit int64
		if prof != nil {
			limit = prof.ImageMaxBytes
		}
		if res.Exports, err = exportImages(ctx, pk.exports, limit); err != nil {
			return nil, fmt.Errorf("%s: exporting images: %w", c.Dir, err)
		}
	}
	for _, e := range pk.exports {
		res.Previews = append(res.Previews, Preview{Name: e.fileName(e.image.Format), Image: e.image, Pixels: e.preview})
	}
	for _, k := range pk.Missing {
		res.Missing = append(res.Missing, string(k))
	}
	for _, w := range pk.Warnings {
		res.Warnings = append(res.Warnings, c.Dir+": "+w)
	}
	for _, u := range c.Unclassified {
		res.Warnings = append(res.Warnings, c.Dir+": "+u)
	}
	for _, e := range c.Exhibits {
		if e.Image.Incomplete {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %s: the JPEG ends before its last scans, so the packet shows a blurred or partial picture; export it again from the phone or platform",
				c.Dir, e.File))
		}
	}
	if pk.StatementLimit > 0 && res.StatementChars > pk.StatementLimit {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the statement for the portal's text box is %d characters; the limit is %d, so the text box may cut it (the PDF keeps it whole)",
			c.Dir, res.StatementChars, pk.StatementLimit))
	}
	n, err := w.Write(data)
	res.Bytes = int64(n)
	if err != nil {
		return nil, fmt.Errorf("writing the packet: %w", err)
	}
	return res, nil
}

// FileOptions add the file form's choices to Options.
type FileOptions struct {
	Options
	// Statement, when true, also writes the statement as text next to the
	// PDF (same name, .txt), for the portal's text box.
	Statement bool
	Load      evidence.Options
	// ImagesDir, when set, also receives each exhibit image as its own file
	// (named by exhibit label, within the profile's per-image cap). When
	// empty and the profile exports images, they go to OUT-images/.
	ImagesDir string
	// VideoDir, when set, also receives each video exhibit, within the
	// profile's video limit (re-encoded when over it). When empty and the
	// profile has a video limit, videos go to OUT-videos/.
	VideoDir string
}

// BuildFile builds the order folder dir into the PDF file out ("" means
// ORDER_ID.pdf in the current folder, an existing folder ORDER_ID.pdf in
// it) and writes what Render returns beside it: the statement, the
// exhibit images, and the videos. Every file is written through a
// temporary file and renamed, and those already written are removed again
// when a later step fails, so a failure, even a panic (returned as an
// error naming the order), leaves nothing behind; out may not be one of
// the order's own files.
func BuildFile(ctx context.Context, dir, out string, opt FileOptions) (res *Result, err error) {
	var written []string
	defer func() {
		if err != nil {
			for _, f := range written {
				os.Remove(f)
			}
			res = nil
		}
	}()
	defer RecoverOrder(dir, &err)
	lo := opt.Load
	if rel, inside := within(dir, out); inside {
		lo.Skip = append(lo.Skip, rel, strings.TrimSuffix(rel, filepath.Ext(rel))+".txt")
	}
	c, err := evidence.Load(ctx, dir, lo)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	prof := opt.profile(c.Manifest.Platform)
	if st, err := os.Stat(out); out == "" || err == nil && st.IsDir() {
		out = filepath.Join(out, fileName(c.Manifest.OrderID, prof != nil && prof.ASCIINames)+".pdf")
	}
	if err := refuseInput(c, dir, out); err != nil {
		return nil, err
	}
	imagesDir := opt.ImagesDir
	if imagesDir == "" && prof != nil && prof.ExportImages {
		imagesDir = strings.TrimSuffix(out, filepath.Ext(out)) + "-images"
	}
	opt.ExportImages = imagesDir != ""
	err = atomicfile.Write(out, func(w io.Writer) error {
		var err error
		res, err = Render(ctx, w, c, opt.Options)
		return err
	})
	if err != nil {
		return nil, err
	}
	written = append(written, out)
	res.Output = out
	if opt.Statement {
		txt := strings.TrimSuffix(out, filepath.Ext(out)) + ".txt"
		if err := writeFile(txt, []byte(res.Statement+"\n")); err != nil {
			return nil, err
		}
		written = append(written, txt)
		res.StatementFile = txt
	}
	if imagesDir != "" {
		if err := os.MkdirAll(imagesDir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create %s: %w", imagesDir, err)
		}
		for _, f := range res.Exports {
			p := filepath.Join(imagesDir, f.Name)
			if err := writeFile(p, f.Data); err != nil {
				return nil, fmt.Errorf("%s: exporting images: %w", c.Dir, err)
			}
			written = append(written, p)
			res.Images = append(res.Images, p)
		}
		res.ImagesDir = imagesDir
	}
	videoDir := opt.VideoDir
	if videoDir == "" && prof != nil && prof.VideoMaxBytes > 0 {
		videoDir = strings.TrimSuffix(out, filepath.Ext(out)) + "-videos"
	}
	if videoDir != "" {
		var limit int64
		if prof != nil {
			limit = prof.VideoMaxBytes
		}
		files, err := writeVideos(ctx, c, videoDir, limit)
		written = append(written, files...) // nothing half-done: the packet goes with its videos
		if err != nil {
			return nil, fmt.Errorf("%s: exporting videos: %w", c.Dir, err)
		}
		res.Videos = files
	}
	return res, nil
}

// writeFile writes data to the file p through a temporary file.
func writeFile(p string, data []byte) error {
	return atomicfile.Write(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// RecoverOrder, deferred, turns a panic while building the order in dir
// into an error naming the order, as pdfcpu's API entry points do: a bug
// that one order's input triggers fails that order, not the process.
func RecoverOrder(dir string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: the build stopped on an internal error (%v); this is a bug in proofpack, please report it with the order folder", dir, r)
	}
}

// within reports whether path p lies inside folder dir, and its slash path
// relative to dir.
func within(dir, p string) (string, bool) {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	if rd, err := filepath.EvalSymlinks(ad); err == nil {
		ad = rd
	}
	if rp, err := filepath.EvalSymlinks(filepath.Dir(ap)); err == nil {
		ap = filepath.Join(rp, filepath.Base(ap))
	}
	rel, err := filepath.Rel(ad, ap)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// refuseInput stops an output path from overwriting the order's manifest
// or evidence.
func refuseInput(c *evidence.Case, dir, out string) error {
	rel, inside := within(dir, out)
	if !inside {
		return nil
	}
	inputs := append([]string{}, evidence.ManifestNames...)
	for _, e := range c.Exhibits {
		inputs = append(inputs, e.File)
	}
	for _, in := range inputs {
		if rel == in {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(in))); err == nil {
				return fmt.Errorf("%s: the output would overwrite the order's own file %s; choose another -o", out, in)
			}
		}
	}
	return nil
}

// FileName makes an order id safe to use as a file name on any system.
func FileName(orderID string) string { return fileName(orderID, false) }

// fileName is FileName; with ascii, only plain ASCII is kept.
func fileName(orderID string, ascii bool) string {
	var b strings.Builder
	for _, r := range orderID {
		switch {
		case ascii && r > unicode.MaxASCII:
			b.WriteByte('_')
		case r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	if name == "" {
		name = "packet"
	}
	return name
}

func profileName(p *templates.Profile) string {
	if p == nil {
		return ""
	}
	return p.Name
}
