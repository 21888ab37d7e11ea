// Package pdfcheck runs a PDF through independent readers (qpdf, poppler,
// mupdf and pdfcpu) for tests.
//
// Every test that produces a PDF should hand it to Check (or CheckBytes). Check
// fails the test, via t.Errorf, for every reader that rejects the file or
// complains about it, and returns what the readers could extract (page count,
// document info, text and image list) so the test can assert on content.
//
// The external tools come from Debian's packages qpdf (qpdf), poppler-utils
// (pdfinfo, pdftotext, pdfimages) and mupdf-tools (mutool). When one is
// missing, Check skips the test on a developer machine and fails it when the
// environment variable CI is non-empty.
package pdfcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Timeout bounds each external tool run.
const Timeout = 60 * time.Second

// maxOutput is how many bytes of a tool's output go into a failure message.
const maxOutput = 2000

// Image is one row of `pdfimages -list`.
type Image struct {
	Page   int    // page number, 1-based
	Type   string // image, mask, smask or stencil
	Width  int    // pixels
	Height int    // pixels
	Color  string // gray, rgb, cmyk, index, icc, ...
	BPC    int    // bits per component
	Enc    string // image, jpeg, jpx, jbig2, ccitt, ...
	XPPI   int    // horizontal resolution as placed on the page
	YPPI   int    // vertical resolution as placed on the page
	Size   string // stream size as printed, e.g. "745B" or "12.3K"
}

// Report is what the readers extracted from a PDF.
type Report struct {
	Pages    int               // from pdfinfo
	Info     map[string]string // pdfinfo "Key: value" lines (Title, Producer, CreationDate, Page size, ...); dates in ISO 8601 (pdfinfo -isodates)
	Text     string            // pdftotext -layout -enc UTF-8 output, whole document
	PageText []string          // Text split into pages on form feeds; len(PageText) == Pages for a sane file
	Images   []Image           // pdfimages -list, every row (including smask/mask rows)
}

// tool names an executable and the Debian package that ships it.
type tool struct{ name, pkg string }

var tools = []tool{
	{"qpdf", "qpdf"},
	{"pdfinfo", "poppler-utils"},
	{"pdftotext", "poppler-utils"},
	{"pdfimages", "poppler-utils"},
	{"mutool", "mupdf-tools"},
	{"pdftoppm", "poppler-utils"},
}

// Check runs the PDF at path through qpdf --check (decoding every stream),
// pdfinfo, pdftotext, pdfimages -list, mutool draw and pdfcpu's validator
// (strict, tolerating the benign deviations of fpdf's output listed in
// benignStrictErrors). Each complaint is reported with t.Errorf naming the
// tool and quoting its (trimmed) output; Check still returns whatever it
// could read.
//
// If a tool is missing from PATH, the test is skipped (t.Skipf), or failed
// (t.Fatalf) when the environment variable CI is non-empty; the message names
// the Debian package to install.
func Check(t testing.TB, path string) Report {
	t.Helper()

	if !checkTools(t) {
		return Report{}
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("pdfcheck: %v", err)
		return Report{}
	}

	// The readers are independent: run them at once (qpdf alone takes
	// about a second on a sample packet).
	var r Report
	var wg sync.WaitGroup
	for _, check := range []func(){
		func() { checkQPDF(t, path) },
		func() { r.Pages, r.Info = checkInfo(t, path) },
		func() { r.Text, r.PageText = checkText(t, path) },
		func() { r.Images = checkImages(t, path) },
		func() { checkMutool(t, path) },
		func() { checkPDFCPU(t, path) },
	} {
		wg.Go(check)
	}
	wg.Wait()

	if r.Pages > 0 && r.PageText != nil && len(r.PageText) != r.Pages {
		t.Errorf("pdfcheck: pdfinfo reports %d pages but pdftotext produced %d", r.Pages, len(r.PageText))
	}
	return r
}

// CheckBytes writes data to a file in t.TempDir() and runs Check on it.
func CheckBytes(t testing.TB, data []byte) Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pdfcheck.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatalf("pdfcheck: write temp PDF: %v", err)
		return Report{}
	}
	return Check(t, path)
}

// DecodeImages decodes every image of the PDF at path with poppler
// (pdftoppm renders every page, at a low resolution but decoding each
// image whole), failing t on any complaint. Check already decodes every
// image with qpdf (libjpeg) and mupdf. Tests of hostile images call both:
// fpdf embeds a JPEG's bytes unchanged, so only a reader's decoder finds
// what a decoder would refuse.
func DecodeImages(t testing.TB, path string) {
	t.Helper()
	if !checkTools(t) {
		return
	}
	run("pdftoppm", "-r", "10", "-png", path, filepath.Join(t.TempDir(), "page")).ok(t)
}

// checkTools reports whether every external tool is on PATH; if not it has
// already skipped or failed t.
func checkTools(t testing.TB) bool {
	t.Helper()
	var missing, pkgs []string
	for _, tl := range tools {
		if _, err := exec.LookPath(tl.name); err != nil {
			missing = append(missing, tl.name)
			if !contains(pkgs, tl.pkg) {
				pkgs = append(pkgs, tl.pkg)
			}
		}
	}
	if len(missing) == 0 {
		return true
	}
	msg := fmt.Sprintf("pdfcheck: %s not found in PATH; install with: apt-get install -y %s",
		strings.Join(missing, ", "), strings.Join(pkgs, " "))
	if os.Getenv("CI") != "" {
		t.Fatalf("%s", msg)
	} else {
		t.Skipf("%s", msg)
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// result is one finished tool run.
type result struct {
	cmd            string
	stdout, stderr string
	err            error // non-nil on non-zero exit, timeout or start failure
}

func run(name string, args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	cmd.Stdin = nil
	// Fixed locale and zone so messages and dates do not vary by machine.
	cmd.Env = append(os.Environ(), "LC_ALL=C", "TZ=UTC")
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("timed out after %v: %w", Timeout, err)
	}
	return result{
		cmd:    name + " " + strings.Join(args, " "),
		stdout: stdout.String(),
		stderr: stderr.String(),
		err:    err,
	}
}

// fail reports a failed or complaining tool run.
func (r result) fail(t testing.TB, why string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "pdfcheck: %s: %s", r.cmd, why)
	if r.err != nil {
		fmt.Fprintf(&b, " (%v)", r.err)
	}
	if s := trim(r.stderr); s != "" {
		fmt.Fprintf(&b, "\nstderr:\n%s", s)
	}
	if s := trim(r.stdout); s != "" {
		fmt.Fprintf(&b, "\nstdout:\n%s", s)
	}
	t.Errorf("%s", b.String())
}

// ok reports whether the run exited 0 with nothing on stderr; otherwise it
// reports the failure. Poppler and mupdf print their warnings and recovered
// errors ("Syntax Error: ...", "warning: ...", "error: ...") on stderr while
// still exiting 0, so any stderr output counts as a complaint.
func (r result) ok(t testing.TB) bool {
	t.Helper()
	switch {
	case r.err != nil:
		r.fail(t, "failed")
		return false
	case strings.TrimSpace(r.stderr) != "":
		r.fail(t, "complained on stderr")
		return false
	}
	return true
}

func trim(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxOutput {
		s = s[:maxOutput] + "\n... (truncated)"
	}
	return s
}

// checkQPDF runs `qpdf --check --decode-level=all`, which parses every
// object and decodes every stream, images included (DCT through libjpeg).
// It exits 0 when clean, 3 when it only found warnings and 2 on errors;
// warnings count as failures here.
func checkQPDF(t testing.TB, path string) {
	t.Helper()
	r := run("qpdf", "--check", "--decode-level=all", path)
	if !r.ok(t) {
		return
	}
	if strings.Contains(r.stdout, "WARNING") {
		r.fail(t, "printed a WARNING")
	}
}

// checkInfo runs pdfinfo and returns the page count and the key/value lines.
func checkInfo(t testing.TB, path string) (int, map[string]string) {
	t.Helper()
	r := run("pdfinfo", "-isodates", "-enc", "UTF-8", path)
	if !r.ok(t) && r.stdout == "" {
		return 0, nil
	}
	info := parseInfo(r.stdout)
	pages := 0
	if v, found := info["Pages"]; found {
		n, err := strconv.Atoi(v)
		if err != nil {
			r.fail(t, fmt.Sprintf("cannot parse page count %q", v))
		}
		pages = n
	} else {
		r.fail(t, "printed no page count")
	}
	return pages, info
}

// parseInfo reads pdfinfo's "Key:   value" lines. Keys may contain spaces
// ("Page size"); the value is everything after the first colon, trimmed.
func parseInfo(out string) map[string]string {
	info := make(map[string]string)
	for _, line := range strings.Split(out, "\n") {
		k, v, found := strings.Cut(line, ":")
		if !found || strings.TrimSpace(k) == "" {
			continue
		}
		info[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return info
}

// checkText runs pdftotext on the whole document, to stdout.
func checkText(t testing.TB, path string) (string, []string) {
	t.Helper()
	r := run("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	if !r.ok(t) && r.stdout == "" {
		return "", nil
	}
	return r.stdout, splitPages(r.stdout)
}

// splitPages splits pdftotext output into pages: pdftotext ends every page,
// including the last, with a form feed.
func splitPages(text string) []string {
	pages := strings.Split(text, "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// checkImages runs `pdfimages -list`.
func checkImages(t testing.TB, path string) []Image {
	t.Helper()
	r := run("pdfimages", "-list", path)
	if !r.ok(t) && r.stdout == "" {
		return nil
	}
	imgs, err := parseImageList(r.stdout)
	if err != nil {
		r.fail(t, err.Error())
	}
	return imgs
}

// parseImageList parses `pdfimages -list` output, whose columns are
//
//	page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
//
// The first nine are read from the left and x-ppi, y-ppi and size from the
// right, so a column that changes shape in the middle does not shift them.
func parseImageList(out string) ([]Image, error) {
	var imgs []Image
	var errs []error
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "page" || strings.HasPrefix(f[0], "---") {
			continue
		}
		if len(f) < 14 {
			errs = append(errs, fmt.Errorf("unexpected image list line %q", line))
			continue
		}
		n := len(f)
		var im Image
		var bad []string
		atoi := func(col, s string) int {
			v, err := strconv.Atoi(s)
			if err != nil {
				bad = append(bad, col)
			}
			return v
		}
		im.Page = atoi("page", f[0])
		im.Type = f[2]
		im.Width = atoi("width", f[3])
		im.Height = atoi("height", f[4])
		im.Color = f[5]
		im.BPC = atoi("bpc", f[7])
		im.Enc = f[8]
		im.XPPI = atoi("x-ppi", f[n-4])
		im.YPPI = atoi("y-ppi", f[n-3])
		im.Size = f[n-2]
		if len(bad) > 0 {
			errs = append(errs, fmt.Errorf("cannot parse %s in image list line %q", strings.Join(bad, ", "), line))
			continue
		}
		imgs = append(imgs, im)
	}
	return imgs, errors.Join(errs...)
}

// checkMutool renders every page with mupdf. Without -o, `mutool draw` renders
// each page to a pixmap in memory and discards it, so nothing is written. -q
// drops the per-page progress lines so that stderr only carries complaints.
// -N turns off colour management: Debian's mupdf is built without ICC support
// and otherwise prints "warning: ICC support is not available" for every file.
func checkMutool(t testing.TB, path string) {
	t.Helper()
	r := run("mutool", "draw", "-q", "-N", path)
	r.ok(t)
}

// checkPDFCPU runs pdfcpu's validator, with every stream decoded, first in
// strict mode (PDF 32000-1:2008) and, if that fails, in relaxed mode.
//
// fpdf's output does not pass strict validation in ways no reader minds (see
// benignStrict); such a strict failure is accepted when relaxed validation
// passes. Any other strict failure, or a relaxed one, is reported.
//
// The configuration is built here rather than by model.NewDefaultConfiguration,
// which would create and read a pdfcpu config directory under the user's home,
// or api.DisableConfigDir, which changes process-wide state.
func checkPDFCPU(t testing.TB, path string) {
	t.Helper()
	conf := func(mode int) *model.Configuration {
		return &model.Configuration{
			Reader15:         true,
			DecodeAllStreams: true,
			ValidationMode:   mode,
			ValidateLinks:    false, // would go to the network
			Offline:          true,
			Optimize:         false,
			Limits:           model.DefaultResourceLimits(),
		}
	}
	strictErr := validate(path, conf(model.ValidationStrict))
	if strictErr == nil {
		return
	}
	if err := validate(path, conf(model.ValidationRelaxed)); err != nil {
		t.Errorf("pdfcheck: pdfcpu validate (relaxed): %s\n(strict: %s)", trim(err.Error()), trim(strictErr.Error()))
		return
	}
	if !benignStrict(strictErr) {
		t.Errorf("pdfcheck: pdfcpu validate (strict; relaxed passes): %s", trim(strictErr.Error()))
	}
}

// benignStrictErrors are pdfcpu strict-mode complaints that fpdf's output
// always triggers when it uses the feature concerned, and that no reader
// (qpdf, poppler, mupdf, pdfcpu relaxed) objects to:
var benignStrictErrors = []string{
	// fpdf writes link annotations as direct dictionaries inside the page's
	// /Annots array; the spec says the array shall hold indirect references.
	"page annotation array: expected indirect references",
	// fpdf declares %PDF-1.3 (1.4 once transparency is used) whatever
	// features it writes, e.g. /UF in an embedded file's file specification,
	// which is PDF 1.7. Readers do not go by the header version.
	": unsupported in version ",
	// fpdf writes /Count 0 on every outline item (Bookmark), including those
	// with children, where the spec wants the signed number of open
	// descendants; readers take 0 as "closed".
	"non-empty outline item: Count must be nonzero",
}

func benignStrict(err error) bool {
	msg := err.Error()
	for _, s := range benignStrictErrors {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// validate runs api.ValidateFile, turning a panic inside pdfcpu into an error.
func validate(path string, conf *model.Configuration) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return api.ValidateFile(path, conf)
}

// RawText returns the text of the PDF at path in the order it is drawn
// (pdftotext -raw), pages ended by form feeds. Text wrapped inside a table
// cell or a figure column comes out together, as a reader follows it,
// where -layout would interleave the columns.
func RawText(t testing.TB, path string) string {
	t.Helper()
	if !checkTools(t) {
		return ""
	}
	r := run("pdftotext", "-raw", "-enc", "UTF-8", path, "-")
	r.ok(t)
	return r.stdout
}

// Word is one word as pdftotext -bbox places it, in points from the page's
// top-left corner.
type Word struct {
	Page           int // 1-based
	X0, Y0, X1, Y1 float64
	Text           string
}

// Words returns every word of the PDF at path with its bounding box
// (pdftotext -bbox).
func Words(t testing.TB, path string) []Word {
	t.Helper()
	if !checkTools(t) {
		return nil
	}
	r := run("pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	if !r.ok(t) {
		return nil
	}
	words, err := parseWords(r.stdout)
	if err != nil {
		r.fail(t, err.Error())
	}
	return words
}

// parseWords reads pdftotext -bbox's XHTML: <page> elements holding <word
// xMin yMin xMax yMax> elements.
func parseWords(out string) ([]Word, error) {
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = false
	var words []Word
	page := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return words, nil
		}
		if err != nil {
			return words, fmt.Errorf("reading the word boxes: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			page++
		case "word":
			w := Word{Page: page}
			for _, a := range se.Attr {
				v, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					return words, fmt.Errorf("word box %s=%q: %w", a.Name.Local, a.Value, err)
				}
				switch a.Name.Local {
				case "xMin":
					w.X0 = v
				case "yMin":
					w.Y0 = v
				case "xMax":
					w.X1 = v
				case "yMax":
					w.Y1 = v
				}
			}
			var text string
			if err := d.DecodeElement(&text, &se); err != nil {
				return words, fmt.Errorf("reading a word: %w", err)
			}
			w.Text = text
			words = append(words, w)
		}
	}
}

// Outline returns the titles of the PDF's bookmarks, depth first, as qpdf
// reads them.
func Outline(t testing.TB, path string) []string {
	t.Helper()
	if !checkTools(t) {
		return nil
	}
	r := run("qpdf", "--json", "--json-key=outlines", path)
	if !r.ok(t) {
		return nil
	}
	type item struct {
		Title string `json:"title"`
		Kids  []item `json:"kids"`
	}
	var doc struct{ Outlines []item }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		r.fail(t, "unreadable JSON: "+err.Error())
		return nil
	}
	var titles []string
	var walk func([]item)
	walk = func(items []item) {
		for _, it := range items {
			titles = append(titles, it.Title)
			walk(it.Kids)
		}
	}
	walk(doc.Outlines)
	return titles
}
