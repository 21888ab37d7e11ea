package packet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/pdfcheck"
	"github.com/proofpack/proofpack/internal/samplegen"
	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samplesDir holds the committed sample orders. CI draws them again and
// fails on any difference, so the tests read them instead of drawing them.
var samplesDir = filepath.Join("..", "samples", "orders")

// tmpDir holds what the package's tests share: the sample packets rendered
// once and the phone order drawn once.
var tmpDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "proofpack-packet-")
	if err != nil {
		panic(err)
	}
	tmpDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sampleNames lists the samples samplegen makes, each with its committed
// order folder under samplesDir.
func sampleNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, s := range samplegen.Samples() {
		if _, err := os.Stat(filepath.Join(samplesDir, s.Name, "order.yaml")); err != nil {
			t.Fatalf("%v: regenerate the samples with 'go run ./cmd/proofpack samples -o samples --render'", err)
		}
		names = append(names, s.Name)
	}
	return names
}

// renderedSample is a sample's packet, rendered with its platform's
// profile and the defaults, as 'proofpack samples --render' builds it.
type renderedSample struct {
	once  sync.Once
	res   *Result
	pk    *Packet
	pdf   string   // the PDF file, under tmpDir
	files []string // the evidence files, as the manifest names them
	err   error
}

var rendered sync.Map // sample name -> *renderedSample

// renderSample renders the named sample's packet once per test binary and
// shares it between the tests that read it: the golden model, the
// statements, the profile limits and the text read back from the PDF.
// The tests must not change what it returns.
func renderSample(t *testing.T, name string) *renderedSample {
	t.Helper()
	v, _ := rendered.LoadOrStore(name, &renderedSample{})
	r := v.(*renderedSample)
	r.once.Do(func() {
		c, err := evidence.Load(context.Background(), filepath.Join(samplesDir, name), evidence.Options{})
		if err != nil {
			r.err = err
			return
		}
		defer c.Close()
		for _, e := range c.Exhibits {
			r.files = append(r.files, e.File)
		}
		var buf bytes.Buffer
		set, err := builtinSet()
		if err != nil {
			r.err = err
			return
		}
		if r.res, r.err = Render(context.Background(), &buf, c, Options{Templates: set}); r.err != nil {
			return
		}
		r.pk = r.res.packet
		r.pdf = filepath.Join(tmpDir, name+".pdf")
		r.err = os.WriteFile(r.pdf, buf.Bytes(), 0o644)
	})
	if r.err != nil {
		t.Fatalf("%s: %v", name, r.err)
	}
	return r
}

// copySample copies a sample order folder into a fresh temp dir, for tests
// that change it.
func copySample(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	err := os.CopyFS(dst, os.DirFS(filepath.Join(samplesDir, name)))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// builtinSet parses the embedded templates once per test binary (a parse
// takes about 40 ms, and the tests ask for the set hundreds of times); the
// tests share the set and must not change it.
var builtinSet = sync.OnceValues(templates.Builtin)

func builtin(t *testing.T) *templates.Set {
	t.Helper()
	set, err := builtinSet()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func loadSample(t *testing.T, dir string) *evidence.Case {
	t.Helper()
	c, err := evidence.Load(context.Background(), dir, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestSamplePDFsPassTheReaders runs two sample packets, one per language,
// through every PDF reader and checks what a reviewer reads in them: the
// order's own id and parcel, the letter and exhibit headings, one image per
// exhibit and none drawn above the packet's resolution.
func TestSamplePDFsPassTheReaders(t *testing.T) {
	for _, name := range []string{"missing-item-zh", "missing-item-en"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := renderSample(t, name)
			rep := pdfcheck.Check(t, r.pdf)
			if rep.Pages != r.res.Pages {
				t.Errorf("pdfinfo says %d pages, Result says %d", rep.Pages, r.res.Pages)
			}
			text := strings.Join(strings.Fields(rep.Text), "")
			// Each sample is its own order: its own id and parcel.
			id, tracking := "PDD-20261101-0001", "ZT1234567890"
			if strings.HasSuffix(name, "en") {
				id, tracking = "PDD-20261101-0217", "ZT1234560217"
			}
			want := []string{id, tracking}
			if strings.HasSuffix(name, "zh") {
				want = append(want, "尊敬的平台审核人员", "证据A1", "少件/漏发申诉证据包")
			} else {
				want = append(want, "Tothereviewer", "ExhibitA1")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("extracted text lacks %q", w)
				}
			}
			if len(rep.Images) != r.res.Exhibits {
				t.Errorf("%d images embedded, want one per exhibit (%d)", len(rep.Images), r.res.Exhibits)
			}
			for _, im := range rep.Images {
				if im.XPPI > DefaultDPI+1 || im.YPPI > DefaultDPI+1 {
					t.Errorf("image on page %d drawn at %dx%d ppi, above the %d DPI", im.Page, im.XPPI, im.YPPI, DefaultDPI)
				}
			}
			if !strings.Contains(r.pk.PortalStatement, tracking) {
				t.Errorf("the statement for the portal lacks the tracking number %s:\n%s", tracking, r.pk.PortalStatement)
			}
		})
	}
}

// TestBuildIsByteIdentical builds a sample a second time, from a copy in
// another folder and with another local time zone: the PDF is the same
// bytes as the first build's. (CI checks that the committed packets are
// those of a fresh build on its machine.)
func TestBuildIsByteIdentical(t *testing.T) {
	const name = "missing-item-zh"
	first, err := os.ReadFile(renderSample(t, name).pdf)
	if err != nil {
		t.Fatal(err)
	}
	local := time.Local
	time.Local = time.FixedZone("UTC-7", -7*3600)
	t.Cleanup(func() { time.Local = local })
	dir := copySample(t, name)
	out := filepath.Join(t.TempDir(), "elsewhere", "p.pdf")
	if err := os.Mkdir(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: builtin(t)}, Statement: true}); err != nil {
		t.Fatal(err)
	}
	second, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("two builds of %s differ (%d and %d bytes)", name, len(first), len(second))
	}
}

// TestFailedBuildLeavesNothing: a corrupt image, an unknown field, a
// missing file and a PNG claiming 50000x50000 each fail with a message
// naming the file, and leave no output file behind.
func TestFailedBuildLeavesNothing(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		want   []string
	}{
		{"missing file", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "packing.jpg"))
		}, []string{"order.yaml:", "packing.jpg", "file not found"}},
		{"unknown field", func(t *testing.T, dir string) {
			replaceIn(t, filepath.Join(dir, "order.yaml"), "tracking_number:", "trackng_number:")
		}, []string{"order.yaml:", "trackng_number", `did you mean "tracking_number"`}},
		{"corrupt image", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "label.jpg")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/3], 0o644)
		}, []string{"label.jpg"}},
		{"huge png header", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "chat-1.png"), samplegen.HugePNGHeader(50000, 50000), 0o644)
		}, []string{"chat-1.png", "50000x50000", "limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySample(t, "missing-item-zh")
			tt.break_(t, dir)
			outDir := t.TempDir()
			out := filepath.Join(outDir, "p.pdf")
			_, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: builtin(t)}, Statement: true})
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
				t.Errorf("failed build left files: %v", entries)
			}
		})
	}
}

func TestIncomplete(t *testing.T) {
	dir := copySample(t, "missing-item-en")
	replaceIn(t, filepath.Join(dir, "order.yaml"), "    kind: shipping-label", "    kind: product-photo")
	c := loadSample(t, dir)
	_, err := Assemble(context.Background(), c, Options{Templates: builtin(t)})
	var ie *IncompleteError
	if !errors.As(err, &ie) || len(ie.Missing) != 1 || !strings.Contains(ie.Missing[0], "shipping-label") {
		t.Fatalf("err = %v, want IncompleteError naming shipping-label", err)
	}
	if !strings.Contains(err.Error(), "build it incomplete") || strings.Contains(err.Error(), "--") {
		t.Errorf("error does not suggest building it incomplete, in the library's terms: %v", err)
	}
	pk, err := Assemble(context.Background(), c, Options{Templates: builtin(t), AllowIncomplete: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pk.Missing, []evidence.Kind{evidence.ShippingLabel}) {
		t.Errorf("Missing = %v, want the shipping label (for build's warning)", pk.Missing)
	}
	// The gap is the seller's to know, not the reviewer's to read.
	cover := pk.Doc.Sections[0]
	data, err := json.Marshal(cover)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"MISSING", "incomplete", `"notice"`} {
		if strings.Contains(string(data), bad) {
			t.Errorf("the cover shows %q", bad)
		}
	}
	for _, b := range cover.Blocks {
		for _, row := range tableRows(b) {
			if slices.Contains(row, "Shipping label") {
				t.Errorf("the cover lists the missing kind: %q", row)
			}
		}
	}
}

func tableRows(b pdf.Block) [][]string {
	if b.Table == nil {
		return nil
	}
	return b.Table.Rows
}

func TestRefusesToOverwriteInput(t *testing.T) {
	dir := copySample(t, "missing-item-zh")
	before, _ := os.ReadFile(filepath.Join(dir, "label.jpg"))
	_, err := BuildFile(context.Background(), dir, filepath.Join(dir, "label.jpg"), FileOptions{Options: Options{Templates: builtin(t)}})
	if err == nil || !strings.Contains(err.Error(), "overwrite") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "label.jpg"))
	if !bytes.Equal(before, after) {
		t.Fatal("input file was modified")
	}
}

func TestOutputInsideOrderFolderIsNotEvidence(t *testing.T) {
	dir := minimalOrder(t)
	replaceIn(t, filepath.Join(dir, "order.yaml"), "evidence:", "unused_evidence:")
	// Without an evidence list, files are discovered: the packet written
	// into the folder must not be picked up on the next run.
	b, _ := os.ReadFile(filepath.Join(dir, "order.yaml"))
	os.WriteFile(filepath.Join(dir, "order.yaml"), bytes.Split(b, []byte("unused_evidence:"))[0], 0o644)
	out := filepath.Join(dir, "packet.pdf")
	opt := FileOptions{Options: Options{Templates: builtin(t)}, Statement: true}
	first, err := BuildFile(context.Background(), dir, out, opt)
	if err != nil {
		t.Fatal(err)
	}
	second, err := BuildFile(context.Background(), dir, out, opt)
	if err != nil {
		t.Fatal(err)
	}
	if first.Exhibits != second.Exhibits {
		t.Fatalf("exhibits %d then %d: the output was taken as evidence", first.Exhibits, second.Exhibits)
	}
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
