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
	"testing"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/pdfcheck"
	"github.com/proofpack/proofpack/internal/samplegen"
	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samplesDir holds the sample orders, drawn once for the whole package.
var samplesDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "proofpack-samples-")
	if err != nil {
		panic(err)
	}
	for _, s := range samplegen.Samples() {
		if err := samplegen.Write(context.Background(), dir, s); err != nil {
			panic(err)
		}
	}
	samplesDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
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

func builtin(t *testing.T) *templates.Set {
	t.Helper()
	set, err := templates.Builtin()
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

// TestGolden compares each sample's document model, as JSON, with the
// committed golden file. Run with -update to accept a change.
func TestGolden(t *testing.T) {
	for _, s := range samplegen.Samples() {
		t.Run(s.Name, func(t *testing.T) {
			c := loadSample(t, filepath.Join(samplesDir, s.Name))
			pk, err := Assemble(context.Background(), c, Options{Templates: builtin(t)})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(pk.Doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", s.Name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run 'go test ./packet -update' to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("document model of %s differs from %s; inspect with 'go test ./packet -run TestGolden -update && git diff'", s.Name, golden)
			}
		})
	}
}

func TestBuildFileChecksPDF(t *testing.T) {
	for _, name := range []string{"missing-item-zh", "missing-item-en"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "packet.pdf")
			res, err := BuildFile(context.Background(), filepath.Join(samplesDir, name), out,
				FileOptions{Options: Options{Templates: builtin(t)}, Statement: true})
			if err != nil {
				t.Fatal(err)
			}
			rep := pdfcheck.Check(t, out)
			if rep.Pages != res.Pages {
				t.Errorf("pdfinfo says %d pages, Result says %d", rep.Pages, res.Pages)
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
			if len(rep.Images) != res.Exhibits {
				t.Errorf("%d images embedded, want one per exhibit (%d)", len(rep.Images), res.Exhibits)
			}
			for _, im := range rep.Images {
				if im.XPPI > DefaultDPI+1 || im.YPPI > DefaultDPI+1 {
					t.Errorf("image on page %d drawn at %dx%d ppi, above the %d DPI", im.Page, im.XPPI, im.YPPI, DefaultDPI)
				}
			}
			if st, err := os.ReadFile(res.StatementFile); err != nil || !strings.Contains(string(st), tracking) {
				t.Errorf("statement file %s: %v %q", res.StatementFile, err, st)
			}
		})
	}
}

func TestBuildIsByteIdentical(t *testing.T) {
	dir := filepath.Join(samplesDir, "missing-item-zh")
	var outs [][]byte
	for range 2 {
		out := filepath.Join(t.TempDir(), "p.pdf")
		if _, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: builtin(t)}}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two builds of the same order differ")
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
	dir := copySample(t, "missing-item-zh")
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
