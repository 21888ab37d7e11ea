package packet

import (
	"bytes"
	"context"
	"errors"
	"image"
	_ "image/jpeg" // decoders for readImage
	_ "image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/proofpack/proofpack/internal/pdfcheck"
	"github.com/proofpack/proofpack/internal/samplegen"
	"github.com/proofpack/proofpack/templates"
)

func TestLadderNeverGoesBelowTheFloor(t *testing.T) {
	for _, dpi := range []int{100, 200, 300} {
		steps := ladder(Options{DPI: dpi})
		for i, s := range steps {
			if s.legibleDPI < min(dpi, floorLegibleDPI) || s.decorDPI < min(dpi, floorDecorDPI) || s.legibleQ < floorLegibleQ || s.decorQ < floorDecorQ {
				t.Errorf("dpi %d step %d below the floor: %+v", dpi, i, s)
			}
			if i > 0 && (s.legibleDPI > steps[i-1].legibleDPI || s.decorDPI > steps[i-1].decorDPI) {
				t.Errorf("dpi %d step %d raises resolution: %+v after %+v", dpi, i, s, steps[i-1])
			}
			if s.decorDPI > s.legibleDPI {
				t.Errorf("decorative photos keep more resolution than labels: %+v", s)
			}
		}
	}
}

// sampleSizes are the sample packets' page counts and sizes as rendered on
// 2026-12-06. A sample may grow by at most a quarter (growth): a change that
// makes one grow more is a regression to look at, or, if it is meant, a
// reason to update the figures here.
var sampleSizes = map[string]struct {
	pages int
	bytes int64
}{
	"changed-mind-en":         {7, 294058},
	"credit-not-processed-en": {9, 483030},
	"duplicate-charge-en":     {8, 395250},
	"unauthorized-en":         {8, 600058},
	"changed-mind-zh":         {8, 648034},
	"item-not-received-en":    {9, 882035},
	"item-not-received-zh":    {8, 660943},
	"missing-item-en":         {11, 1118724},
	"missing-item-zh":         {11, 1153245},
	"not-as-described-en":     {9, 533817},
	"not-as-described-zh":     {8, 471283},
	"not-our-product-en":      {10, 857564},
	"not-our-product-zh":      {10, 939423},
	"quality-after-period-en": {9, 647742},
	"quality-after-period-zh": {8, 535870},
	"quality-buyer-damage-en": {8, 582665},
	"quality-buyer-damage-zh": {9, 734772},
	"quality-minor-defect-en": {8, 513304},
	"quality-minor-defect-zh": {8, 560540},
	"wrong-item-en":           {8, 449264},
	"wrong-item-zh":           {8, 589967},
}

// growth is how much larger than in sampleSizes a sample packet may be.
const growth = 1.25

// TestSamplesMeetTheirProfiles: every sample packet, built with its
// platform's profile, is within that profile's limits, and at most a
// quarter larger, in pages and in bytes, than recorded in sampleSizes.
func TestSamplesMeetTheirProfiles(t *testing.T) {
	set := builtin(t)
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := renderSample(t, name)
			res := r.res
			prof := set.ProfileFor(res.Platform)
			if res.Profile != prof.Name {
				t.Errorf("built with profile %s, want the platform's %s", res.Profile, prof.Name)
			}
			if prof.MaxBytes > 0 && res.Bytes > prof.MaxBytes {
				t.Errorf("%d bytes, over %s's %d", res.Bytes, prof.Name, prof.MaxBytes)
			}
			if prof.MaxPages > 0 && res.Pages > prof.MaxPages {
				t.Errorf("%d pages, over %s's %d", res.Pages, prof.Name, prof.MaxPages)
			}
			was, ok := sampleSizes[name]
			if !ok {
				t.Fatalf("no size recorded for this sample; add it to sampleSizes: %q: {%d, %d},", name, res.Pages, res.Bytes)
			}
			if limit := int64(float64(was.bytes) * growth); res.Bytes > limit {
				t.Errorf("%d bytes, more than a quarter over the %d recorded in sampleSizes", res.Bytes, was.bytes)
			}
			if limit := int(math.Ceil(float64(was.pages) * growth)); res.Pages > limit {
				t.Errorf("%d pages, more than a quarter over the %d recorded in sampleSizes", res.Pages, was.pages)
			}
		})
	}
}

var phoneOrder struct {
	once sync.Once
	dir  string
	err  error
}

// phoneOrderDir draws the 8-phone-photo order once per test binary, its
// photos at half the width and height of a phone's (2016x1512): still more
// pixels than any exhibit is placed with at 200 dpi, so the packets are
// built as from 12-megapixel photos (same ladder steps, same images' sizes
// on the page), in a quarter of the drawing and decoding.
func phoneOrderDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("draws eight 3-megapixel photos")
	}
	phoneOrder.once.Do(func() {
		phoneOrder.dir = filepath.Join(tmpDir, "phone-order")
		phoneOrder.err = samplegen.WritePhoneOrderScaled(phoneOrder.dir, 2)
	})
	if phoneOrder.err != nil {
		t.Fatal(phoneOrder.err)
	}
	return phoneOrder.dir
}

// TestPhoneOrderFitsCardProfiles: 8 phone photos and 3 chat screenshots fit
// Stripe's and Visa's budgets; labels, scale photos and screenshots keep at
// least the legibility floor's resolution.
func TestPhoneOrderFitsCardProfiles(t *testing.T) {
	t.Parallel()
	dir := phoneOrderDir(t)
	set := builtin(t)
	for _, name := range []string{"stripe", "visa"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			prof, err := set.Profile(name)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "p.pdf")
			res, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: set, Profile: prof}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Bytes > prof.MaxBytes || res.Pages > prof.MaxPages {
				t.Errorf("%d bytes %d pages; %s allows %d bytes %d pages", res.Bytes, res.Pages, name, prof.MaxBytes, prof.MaxPages)
			}
			rep := pdfcheck.Check(t, out)
			for _, im := range rep.Images {
				if im.XPPI < floorDecorDPI-1 || im.XPPI > prof.DPI+1 {
					t.Errorf("image on page %d at %d ppi, outside %d..%d", im.Page, im.XPPI, floorDecorDPI, prof.DPI)
				}
			}
			// The label is exhibit A1, on the first exhibit page: it keeps
			// the legible resolution.
			if len(rep.Images) == 0 || rep.Images[0].XPPI < floorLegibleDPI-1 {
				t.Errorf("the shipping label dropped below %d ppi: %+v", floorLegibleDPI, rep.Images)
			}
		})
	}
}

func TestBudgetErrorSaysWhatWouldFit(t *testing.T) {
	t.Parallel()
	dir := phoneOrderDir(t)
	set := builtin(t)
	tiny := &templates.Profile{Name: "tiny", Title: "t", Source: "test", MaxBytes: 500_000, MaxPages: 100, DPI: 200}
	_, err := BuildFile(context.Background(), dir, filepath.Join(t.TempDir(), "p.pdf"), FileOptions{Options: Options{Templates: set, Profile: tiny}})
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a BudgetError", err)
	}
	msg := err.Error()
	for _, want := range []string{"at the legibility floor", "the limit is 0.5 MB (profile tiny)", "drop exhibits C", "use the profile "} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	short := &templates.Profile{Name: "short", Title: "t", Source: "test", MaxPages: 6, DPI: 200}
	_, err = BuildFile(context.Background(), filepath.Join(samplesDir, "missing-item-en"), filepath.Join(t.TempDir(), "p.pdf"),
		FileOptions{Options: Options{Templates: set, Profile: short}})
	if err == nil || !strings.Contains(err.Error(), "pages at the most compact layout; the limit is 6") {
		t.Errorf("page budget: err = %v", err)
	}
}

func TestCompactLayoutMeetsAPageLimit(t *testing.T) {
	set := builtin(t)
	dir := filepath.Join(samplesDir, "missing-item-en")
	full := renderSample(t, "missing-item-en").res
	limit := &templates.Profile{Name: "limit", Title: "t", Source: "test", MaxPages: full.Pages - 2, DPI: 200}
	res, err := Render(context.Background(), &bytes.Buffer{}, loadSample(t, dir), Options{Templates: set, Profile: limit})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages > limit.MaxPages {
		t.Errorf("%d pages, limit %d", res.Pages, limit.MaxPages)
	}
}

var taobao struct {
	once sync.Once
	res  *Result
	err  error
}

// taobaoBuild builds the missing-item-zh sample once per test binary with
// the taobao profile, which exports each exhibit as an image (into
// images/ beside the PDF), for the tests that look at those images.
func taobaoBuild(t *testing.T) *Result {
	t.Helper()
	taobao.once.Do(func() {
		set, err := builtinSet()
		if err != nil {
			taobao.err = err
			return
		}
		prof, err := set.Profile("taobao")
		if err != nil {
			taobao.err = err
			return
		}
		outDir := filepath.Join(tmpDir, "taobao")
		if taobao.err = os.Mkdir(outDir, 0o755); taobao.err != nil {
			return
		}
		taobao.res, taobao.err = BuildFile(context.Background(), filepath.Join(samplesDir, "missing-item-zh"), filepath.Join(outDir, "p.pdf"),
			FileOptions{Options: Options{Templates: set, Profile: prof}, ImagesDir: filepath.Join(outDir, "images")})
	})
	if taobao.err != nil {
		t.Fatal(taobao.err)
	}
	return taobao.res
}

// TestRedactionSurvivesNowhere: the redacted label area is uniform in the
// PDF's embedded image and in the exported image, and no output carries
// GPS or other metadata.
func TestRedactionSurvivesNowhere(t *testing.T) {
	t.Parallel()
	prof, err := builtin(t).Profile("taobao") // exports images, capped at 127 KB
	if err != nil {
		t.Fatal(err)
	}
	res := taobaoBuild(t)
	out := res.Output
	if len(res.Images) == 0 {
		t.Fatal("no images exported")
	}
	for _, p := range res.Images {
		st, _ := os.Stat(p)
		if st.Size() > prof.ImageMaxBytes {
			t.Errorf("%s is %d bytes, over the %d cap", p, st.Size(), prof.ImageMaxBytes)
		}
	}
	label := filepath.Join(res.ImagesDir, "A1.jpg")
	checkUniform(t, label, readImage(t, label))
	pdfcheck.Check(t, out)
	if _, err := exec.LookPath("pdfimages"); err == nil {
		dir := t.TempDir()
		if outb, err := exec.Command("pdfimages", "-f", "5", "-l", "5", "-png", out, filepath.Join(dir, "img")).CombinedOutput(); err != nil {
			t.Fatalf("pdfimages: %v %s", err, outb)
		}
		checkUniform(t, "label in the PDF", readImage(t, filepath.Join(dir, "img-000.png")))
	}
	exiftool, err := exec.LookPath("exiftool")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("exiftool missing: apt-get install libimage-exiftool-perl")
		}
		t.Skip("exiftool not installed")
	}
	args := append([]string{"-q", "-q", "-gps:all", "-xmp:all", "-iptc:all", "-exif:all", "-s"}, append(res.Images, out)...)
	outb, err := exec.Command(exiftool, args...).CombinedOutput()
	if strings.TrimSpace(string(outb)) != "" {
		t.Errorf("exiftool found metadata: %s (%v)", outb, err)
	}
}

func readImage(t *testing.T, p string) image.Image {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// checkUniform checks the redacted rectangle of the sample label (x 16-98%,
// y 35-49%, inset to stay clear of edge ringing) is one flat colour.
func checkUniform(t *testing.T, name string, img image.Image) {
	t.Helper()
	b := img.Bounds()
	x0, x1 := b.Dx()*20/100, b.Dx()*94/100
	y0, y1 := b.Dy()*37/100, b.Dy()*47/100
	for y := y0; y < y1; y += 3 {
		for x := x0; x < x1; x += 3 {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			if r>>8 > 24 || g>>8 > 24 || bl>>8 > 24 {
				t.Fatalf("%s: pixel %d,%d in the redacted area is %d,%d,%d, not black", name, x, y, r>>8, g>>8, bl>>8)
			}
		}
	}
}

// TestGrayscaleProfile: a profile asking for grayscale (no built-in one
// does; a --templates folder can) gives a packet whose every image is
// gray, photos and screenshots alike, and which still passes the readers.
func TestGrayscaleProfile(t *testing.T) {
	t.Parallel()
	set := builtin(t)
	c := loadSample(t, filepath.Join(samplesDir, "missing-item-en"))
	prof := *set.ProfileFor(c.Manifest.Platform)
	prof.Name, prof.Grayscale = "gray-test", true
	var buf bytes.Buffer
	if _, err := Render(context.Background(), &buf, c, Options{Templates: set, Profile: &prof}); err != nil {
		t.Fatal(err)
	}
	rep := pdfcheck.CheckBytes(t, buf.Bytes())
	if len(rep.Images) == 0 {
		t.Fatal("no images listed")
	}
	for _, im := range rep.Images {
		if im.Type == "image" && im.Color != "gray" {
			t.Errorf("page %d: a %dx%d %s image in a grayscale packet", im.Page, im.Width, im.Height, im.Color)
		}
	}
}

// TestExportedImagesShowHighlights: an exhibit uploaded on its own shows the
// red outline and the numbered disc the packet draws over it (the sample
// label's highlight: x 5-95%, y 12-32%, note (1)); the image embedded in the
// PDF stays clean, the marks being drawn there as vectors.
func TestExportedImagesShowHighlights(t *testing.T) {
	t.Parallel()
	img := readImage(t, filepath.Join(taobaoBuild(t).ImagesDir, "A1.jpg"))
	b := img.Bounds()
	red := func(x, y int) bool {
		r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
		return r>>8 > 160 && g>>8 < 90 && bl>>8 < 90
	}
	w, h := b.Dx(), b.Dy()
	// The outline's top and bottom edges, sampled across the middle.
	for _, y := range []int{h * 12 / 100, h * 32 / 100} {
		n := 0
		for x := w * 20 / 100; x < w*80/100; x++ {
			if red(x, y) || red(x, y+1) || red(x, y-1) {
				n++
			}
		}
		if n < w*55/100 {
			t.Errorf("row %d: %d red pixels along the highlight's edge, want most of %d", y, n, w*60/100)
		}
	}
	// The disc at the top-left corner, with a white "1" in it.
	cx, cy := w*5/100, h*12/100
	if !red(cx-6, cy) {
		t.Errorf("no red disc at the highlight's corner (%d,%d)", cx, cy)
	}
	white := 0
	for y := cy - 8; y <= cy+8; y++ {
		for x := cx - 8; x <= cx+8; x++ {
			if r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA(); r>>8 > 200 && g>>8 > 200 && bl>>8 > 200 {
				white++
			}
		}
	}
	if white < 6 {
		t.Errorf("%d white pixels in the disc; want the digit", white)
	}
}
