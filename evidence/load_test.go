package evidence

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/samplegen"

	"github.com/proofpack/proofpack/evidence/imagenorm"
)

// testPNG returns a small valid PNG; seed varies its pixels.
func testPNG(t testing.TB, w, h int, seed uint8) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = seed + uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testJPEG returns a small valid JPEG; seed varies its colour.
func testJPEG(t testing.TB, w, h int, seed uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{seed, uint8(x), uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeFiles creates dir/rel for every entry.
func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// manifestWith returns the example manifest with its evidence list replaced
// by evidence (YAML lines starting "  - "), or removed when empty.
func manifestWith(t testing.TB, evidence ...string) []byte {
	t.Helper()
	head, _, ok := strings.Cut(validYAML(t), "evidence:\n")
	if !ok {
		t.Fatal("example has no evidence list")
	}
	if len(evidence) == 0 {
		return []byte(head)
	}
	return []byte(head + "evidence:\n" + strings.Join(evidence, "\n") + "\n")
}

func load(t testing.TB, dir string, opt Options) (*Case, error) {
	t.Helper()
	c, err := Load(context.Background(), dir, opt)
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestLoadListed(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"chat/1.png":            testPNG(t, 8, 6, 1),
		"packing.jpg":           testJPEG(t, 16, 8, 2),
		"weights/warehouse.jpg": testJPEG(t, 10, 12, 3),
		"label.jpg":             testJPEG(t, 20, 10, 4),
		"courier.png":           testPNG(t, 5, 5, 5),
		"extra/label2.png":      testPNG(t, 7, 3, 6),
		"IMG_0001.jpg":          testJPEG(t, 4, 4, 7), // not listed: reported, not used
		"order.yaml": manifestWith(t,
			"  - {file: chat/1.png, kind: chat, caption: 买家承认收到}",
			"  - {file: packing.jpg, kind: packing-photo}",
			"  - {file: ./weights/warehouse.jpg, kind: warehouse-weight}",
			"  - {file: label.jpg, kind: shipping-label, caption: 快递面单}",
			"  - {file: courier.png, kind: courier-weight}",
			`  - {file: 'extra\label2.png', kind: shipping-label}`,
		),
	}
	writeFiles(t, dir, files)
	c, err := load(t, dir, Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Dir != dir || c.Manifest == nil || c.Manifest.OrderID != "PDD-20261101-0001" {
		t.Errorf("Dir %q, manifest %v", c.Dir, c.Manifest)
	}
	want := []struct {
		label, file string
		kind        Kind
		caption     string
		format      string
		w, h        int
	}{
		{"A1", "label.jpg", ShippingLabel, "快递面单", "jpeg", 20, 10},
		{"A2", "extra/label2.png", ShippingLabel, "", "png", 7, 3},
		{"A3", "weights/warehouse.jpg", WarehouseWeight, "", "jpeg", 10, 12},
		{"A4", "courier.png", CourierWeight, "", "png", 5, 5},
		{"B1", "chat/1.png", Chat, "买家承认收到", "png", 8, 6},
		{"C1", "packing.jpg", PackingPhoto, "", "jpeg", 16, 8},
	}
	if len(c.Exhibits) != len(want) {
		t.Fatalf("got %d exhibits, want %d: %+v", len(c.Exhibits), len(want), c.Exhibits)
	}
	for i, w := range want {
		e := c.Exhibits[i]
		if e.Label != w.label || e.File != w.file || e.Kind != w.kind || e.Caption != w.caption {
			t.Errorf("exhibit %d = {%s %s %s %q}, want {%s %s %s %q}", i, e.Label, e.File, e.Kind, e.Caption, w.label, w.file, w.kind, w.caption)
		}
		data := files[w.file]
		if e.SHA256 != sha(data) {
			t.Errorf("%s: SHA256 %s, want %s", w.file, e.SHA256, sha(data))
		}
		if e.Size != int64(len(data)) {
			t.Errorf("%s: Size %d, want %d", w.file, e.Size, len(data))
		}
		if e.Image.Format != w.format || e.Image.Width != w.w || e.Image.Height != w.h {
			t.Errorf("%s: image %s %dx%d, want %s %dx%d", w.file, e.Image.Format, e.Image.Width, e.Image.Height, w.format, w.w, w.h)
		}
		got, err := c.ReadExhibit(e)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("ReadExhibit(%s) = %d bytes, %v; want the original %d bytes", w.file, len(got), err, len(data))
		}
	}
	// A file the list leaves out is reported: the seller may have meant it.
	if len(c.Unclassified) != 1 || !strings.HasPrefix(c.Unclassified[0], "IMG_0001.jpg: not listed under evidence: in the manifest, so not used; to use it, add - {file: IMG_0001.jpg, kind: KIND}") {
		t.Errorf("Unclassified = %q; want IMG_0001.jpg reported as not listed", c.Unclassified)
	}
	if got := c.ByKind(ShippingLabel); len(got) != 2 || got[0].Label != "A1" || got[1].Label != "A2" {
		t.Errorf("ByKind(shipping-label) = %+v", got)
	}
	if got := c.ByKind(Reweigh); got != nil {
		t.Errorf("ByKind(reweigh) = %+v, want nil", got)
	}
}

func TestLoadJSONManifest(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"order.json":            readTestdata(t, "order.json"),
		"label.jpg":             testJPEG(t, 4, 4, 1),
		"weights/warehouse.jpg": testJPEG(t, 4, 4, 2),
	})
	c, err := load(t, dir, Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(c.Exhibits) != 2 || c.Exhibits[0].Label != "A1" || c.Exhibits[1].Label != "A2" {
		t.Errorf("exhibits %+v", c.Exhibits)
	}
}

// TestLoadErrors covers problems with listed evidence files; each must come
// back as a *ManifestError located at the evidence entry.
func TestLoadErrors(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.jpg")
	if err := os.WriteFile(outside, testJPEG(t, 4, 4, 9), 0o644); err != nil {
		t.Fatal(err)
	}
	label := "  - {file: label.jpg, kind: shipping-label}"
	tests := []struct {
		name     string
		files    map[string][]byte
		symlink  map[string]string // link name -> target
		entry    string            // the second evidence line
		opt      Options
		want     []string // in the problem
		sentinel error    // imagenorm's
		typed    error    // this package's
	}{
		{
			name:  "missing file",
			entry: "  - {file: weights/warehouse.jpg, kind: warehouse-weight}",
			want:  []string{"weights/warehouse.jpg", "file not found"},
			typed: ErrNotFound,
		},
		{
			name:    "symlink outside the folder",
			symlink: map[string]string{"weights/warehouse.jpg": outside},
			entry:   "  - {file: weights/warehouse.jpg, kind: warehouse-weight}",
			want:    []string{"weights/warehouse.jpg", "points outside the order folder"},
			typed:   ErrOutsideFolder,
		},
		{
			name:    "symlink to a parent folder",
			symlink: map[string]string{"up": ".."},
			entry:   "  - {file: up/secret.jpg, kind: warehouse-weight}",
			want:    []string{"up/secret.jpg", "outside the order folder"},
			typed:   ErrOutsideFolder,
		},
		{
			name:  "directory",
			files: map[string][]byte{"weights/warehouse.jpg/x": []byte("x")},
			entry: "  - {file: weights/warehouse.jpg, kind: warehouse-weight}",
			want:  []string{"weights/warehouse.jpg", "not a regular file"},
			typed: ErrNotRegular,
		},
		{
			name:     "text named .jpg",
			files:    map[string][]byte{"weights/warehouse.jpg": []byte("this is not a picture\n")},
			entry:    "  - {file: weights/warehouse.jpg, kind: warehouse-weight}",
			want:     []string{"weights/warehouse.jpg", "not an image"},
			sentinel: imagenorm.ErrUnsupported,
		},
		{
			name:     "truncated JPEG",
			files:    map[string][]byte{"weights/warehouse.jpg": testJPEG(t, 32, 32, 1)[:40]},
			entry:    "  - {file: weights/warehouse.jpg, kind: warehouse-weight}",
			want:     []string{"weights/warehouse.jpg", "corrupt"},
			sentinel: imagenorm.ErrCorrupt,
		},
		{
			name:     "empty file",
			files:    map[string][]byte{"weights/warehouse.jpg": nil},
			entry:    "  - {file: weights/warehouse.jpg, kind: warehouse-weight}",
			want:     []string{"weights/warehouse.jpg", "empty"},
			sentinel: imagenorm.ErrCorrupt,
		},
		{
			name:     "PNG header claiming 50000x50000",
			files:    map[string][]byte{"weights/warehouse.png": samplegen.HugePNGHeader(50000, 50000)},
			entry:    "  - {file: weights/warehouse.png, kind: warehouse-weight}",
			want:     []string{"weights/warehouse.png", "50000x50000", "limit"},
			sentinel: imagenorm.ErrTooLarge,
			typed:    ErrTooManyPixels,
		},
		{
			name:     "pixel limit from options",
			files:    map[string][]byte{"weights/warehouse.png": testPNG(t, 20, 20, 1)},
			entry:    "  - {file: weights/warehouse.png, kind: warehouse-weight}",
			opt:      Options{Limits: imagenorm.Limits{MaxPixels: 399}},
			want:     []string{"weights/warehouse.png", "limit"},
			sentinel: imagenorm.ErrTooLarge,
			typed:    ErrTooManyPixels,
		},
		{
			name:     "byte limit from options",
			files:    map[string][]byte{"weights/warehouse.png": append(samplegen.HugePNGHeader(4, 4), make([]byte, 2000)...)},
			entry:    "  - {file: weights/warehouse.png, kind: warehouse-weight}",
			opt:      Options{Limits: imagenorm.Limits{MaxBytes: 1000}},
			want:     []string{"weights/warehouse.png", "limit is 1000"},
			sentinel: imagenorm.ErrTooLarge,
			typed:    ErrFileTooLarge,
		},
		{
			name:  "HEIC photo",
			files: map[string][]byte{"weights/warehouse.heic": append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 16)...)},
			entry: "  - {file: weights/warehouse.heic, kind: warehouse-weight}",
			want:  []string{"weights/warehouse.heic", "HEIC"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string][]byte{"label.jpg": testJPEG(t, 4, 4, 1), "order.yaml": manifestWith(t, label, tt.entry)}
			for k, v := range tt.files {
				files[k] = v
			}
			writeFiles(t, dir, files)
			for link, target := range tt.symlink {
				p := filepath.Join(dir, filepath.FromSlash(link))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.Symlink(target, p); err != nil {
					t.Skipf("symlinks not available: %v", err)
				}
			}
			start := time.Now()
			c, err := load(t, dir, tt.opt)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Load took %v", d)
			}
			if c != nil {
				t.Fatalf("Load succeeded with exhibits %+v", c.Exhibits)
			}
			me := asManifestError(t, err)
			if len(me.Problems) != 1 {
				t.Errorf("%d problems, want 1:\n%v", len(me.Problems), me)
			}
			p := problemFor(t, me, "evidence[1].file")
			if p.File != filepath.Join(dir, "order.yaml") {
				t.Errorf("File = %q, want the manifest's path", p.File)
			}
			if p.Line != 31 || p.Column <= 0 {
				t.Errorf("position %d:%d, want line 31", p.Line, p.Column)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.Problem, w) {
					t.Errorf("Problem %q does not mention %q", p.Problem, w)
				}
			}
			if strings.Contains(p.Problem, dir) {
				t.Errorf("Problem %q repeats the absolute folder path", p.Problem)
			}
			// The causes match under errors.Is, through the manifest
			// error and its problem; the hint says what to do.
			for _, want := range []error{tt.sentinel, tt.typed} {
				if want != nil && (!errors.Is(err, want) || !errors.Is(p, want)) {
					t.Errorf("error %q does not match %v", p.Problem, want)
				}
			}
			if tt.typed != ErrTooManyPixels && errors.Is(err, ErrTooManyPixels) || tt.typed != ErrFileTooLarge && errors.Is(err, ErrFileTooLarge) {
				t.Errorf("error %q matches a limit it is not about", p.Problem)
			}
			if strings.Contains(p.Hint, "--") {
				t.Errorf("Hint %q names a command-line flag", p.Hint)
			}
			switch tt.sentinel {
			case imagenorm.ErrTooLarge:
				if !strings.Contains(p.Hint, "shrink") {
					t.Errorf("Hint %q, want the too-large hint", p.Hint)
				}
			case imagenorm.ErrCorrupt:
				if !strings.Contains(p.Hint, "damaged") {
					t.Errorf("Hint %q, want the corrupt hint", p.Hint)
				}
			case nil:
				if strings.Contains(p.Problem, "not found") && !strings.Contains(p.Hint, "spelling") {
					t.Errorf("Hint %q, want the not-found hint", p.Hint)
				}
			case imagenorm.ErrUnsupported:
				if !strings.Contains(p.Hint, "convert") {
					t.Errorf("Hint %q, want the unsupported hint", p.Hint)
				}
			}
		})
	}
}

// TestLoadAllProblems: every bad file is reported, not just the first.
func TestLoadAllProblems(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"b.jpg": []byte("nope"),
		"order.yaml": manifestWith(t,
			"  - {file: a.jpg, kind: shipping-label}",
			"  - {file: b.jpg, kind: warehouse-weight}",
		),
	})
	_, err := load(t, dir, Options{})
	me := asManifestError(t, err)
	if a, b := problemFor(t, me, "evidence[0].file"), problemFor(t, me, "evidence[1].file"); a.Line != 30 || b.Line != 31 {
		t.Errorf("lines %d and %d, want 30 and 31", a.Line, b.Line)
	}
}

func TestLoadSymlinkInside(t *testing.T) {
	dir := t.TempDir()
	data := testJPEG(t, 4, 4, 1)
	writeFiles(t, dir, map[string][]byte{
		"photos/label.jpg": data,
		"order.yaml":       manifestWith(t, "  - {file: label.jpg, kind: shipping-label}"),
	})
	if err := os.Symlink("photos/label.jpg", filepath.Join(dir, "label.jpg")); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
	c, err := load(t, dir, Options{})
	if err != nil {
		t.Fatalf("a symlink inside the folder: %v", err)
	}
	if c.Exhibits[0].SHA256 != sha(data) {
		t.Error("hash of the link target differs")
	}
}

func TestLoadDiscovery(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"order.yaml":            manifestWith(t),
		"面单.jpg":                testJPEG(t, 4, 4, 1),
		"weights/warehouse.jpg": testJPEG(t, 4, 4, 2),
		"weights/courier.png":   testPNG(t, 4, 4, 3),
		"chat/buyer-1.png":      testPNG(t, 4, 4, 4),
		"chat/buyer-2.png":      testPNG(t, 4, 4, 5),
		"label.jpg":             testJPEG(t, 4, 4, 6),
		"IMG_0001.jpg":          testJPEG(t, 4, 4, 7),
		"notes.txt":             []byte("call the courier"),
		"README.MD":             []byte("# notes"),
		"packet.pdf":            []byte("%PDF-1.7"),
		"out/label-copy.jpg":    []byte("skipped by Options.Skip"),
		".hidden/label.jpg":     []byte("hidden folders are skipped"),
		".DS_Store":             []byte("hidden files are skipped"),
	}
	writeFiles(t, dir, files)
	c, err := load(t, dir, Options{Skip: []string{"out/label-copy.jpg"}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	type ex struct {
		label, file string
		kind        Kind
	}
	want := []ex{
		{"A1", "label.jpg", ShippingLabel},
		{"A2", "面单.jpg", ShippingLabel},
		{"A3", "weights/warehouse.jpg", WarehouseWeight},
		{"A4", "weights/courier.png", CourierWeight},
		{"B1", "chat/buyer-1.png", Chat},
		{"B2", "chat/buyer-2.png", Chat},
	}
	var got []ex
	for _, e := range c.Exhibits {
		got = append(got, ex{e.Label, e.File, e.Kind})
		if e.SHA256 != sha(files[e.File]) || e.Caption != "" {
			t.Errorf("%s: SHA256 %s caption %q", e.File, e.SHA256, e.Caption)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("exhibits:\n got %v\nwant %v", got, want)
	}
	wantUnclassified := map[string]string{
		"IMG_0001.jpg": "match no evidence kind; move it into a folder named for its kind (面单/label, 仓库称重/warehouse",
		"notes.txt":    "not an image",
		"README.MD":    "not an image",
		"packet.pdf":   "not an image",
	}
	if len(c.Unclassified) != len(wantUnclassified) {
		t.Errorf("Unclassified = %q, want %d entries", c.Unclassified, len(wantUnclassified))
	}
	for file, reason := range wantUnclassified {
		if !slices.ContainsFunc(c.Unclassified, func(u string) bool {
			return strings.HasPrefix(u, file+": ") && strings.Contains(u, reason)
		}) {
			t.Errorf("Unclassified %q lacks %s (%s)", c.Unclassified, file, reason)
		}
	}
}

// TestLoadDiscoveryBadImage: a discovered file that is named like evidence
// but is not an image is reported with its name (there is no manifest entry
// to point at).
func TestLoadDiscoveryBadImage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"order.yaml": manifestWith(t),
		"label.jpg":  []byte("not a jpeg"),
	})
	_, err := load(t, dir, Options{})
	me := asManifestError(t, err)
	p := me.Problems[0]
	if p.Field != "" || !strings.Contains(p.Problem, "label.jpg") {
		t.Errorf("problem %+v, want one naming label.jpg with no field", p)
	}
}

func TestLoadFolderErrors(t *testing.T) {
	t.Run("no manifest", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{"label.jpg": testJPEG(t, 4, 4, 1)})
		_, err := load(t, dir, Options{})
		if err == nil {
			t.Fatal("no error")
		}
		for _, w := range []string{dir, "order.yaml", "order.json", "proofpack init"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q does not mention %q", err, w)
			}
		}
	})
	t.Run("no folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nope")
		_, err := load(t, dir, Options{})
		if err == nil || !strings.Contains(err.Error(), "order folder not found") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("manifest problem", func(t *testing.T) {
		dir := t.TempDir()
		data := strings.Replace(string(manifestWith(t)), "platform: pinduoduo", "platform: ebay", 1)
		writeFiles(t, dir, map[string][]byte{"order.yml": []byte(data)})
		_, err := load(t, dir, Options{})
		p := problemFor(t, asManifestError(t, err), "platform")
		if p.File != filepath.Join(dir, "order.yml") || p.Line != 2 {
			t.Errorf("at %s:%d, want %s:2", p.File, p.Line, filepath.Join(dir, "order.yml"))
		}
	})
	t.Run("manifest too large", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{"order.yaml": append(manifestWith(t), bytes.Repeat([]byte("#"), MaxManifestBytes)...)})
		_, err := load(t, dir, Options{})
		p := asManifestError(t, err).Problems[0]
		if !strings.Contains(p.Problem, "limit") {
			t.Errorf("problem %v", p)
		}
	})
	t.Run("canceled", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{"order.yaml": manifestWith(t), "label.jpg": testJPEG(t, 4, 4, 1)})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c, err := Load(ctx, dir, Options{})
		if err == nil {
			c.Close()
			t.Fatal("no error")
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}

func TestReadExhibitDetectsChange(t *testing.T) {
	dir := t.TempDir()
	data := testJPEG(t, 4, 4, 1)
	writeFiles(t, dir, map[string][]byte{
		"order.yaml": manifestWith(t, "  - {file: label.jpg, kind: shipping-label}"),
		"label.jpg":  data,
	})
	c, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := c.Exhibits[0]
	if got, err := c.ReadExhibit(e); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("unchanged: %v", err)
	}
	writeFiles(t, dir, map[string][]byte{"label.jpg": testJPEG(t, 4, 4, 2)})
	if _, err := c.ReadExhibit(e); err == nil || !strings.Contains(err.Error(), "label.jpg: file changed") {
		t.Errorf("changed file: error %v", err)
	}
	os.Remove(filepath.Join(dir, "label.jpg"))
	if _, err := c.ReadExhibit(e); err == nil || !strings.Contains(err.Error(), "file not found") {
		t.Errorf("removed file: error %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{"label.jpg": data})
	if _, err := c.ReadExhibit(e); err == nil {
		t.Error("ReadExhibit after Close succeeded")
	}
}

// TestLoadDiscoveryOddFiles: in discovery mode a symlink that leaves the
// folder, or one to a directory, should be reported in Unclassified like any
// other file that is not evidence, not fail the whole load.
func TestLoadDiscoveryOddFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "x.jpg")
	if err := os.WriteFile(outside, testJPEG(t, 4, 4, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, link := range map[string][2]string{
		"symlink outside": {"label.jpg", outside},
		"symlink to dir":  {"chat-link", "chat"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{"order.yaml": manifestWith(t), "chat/1.png": testPNG(t, 4, 4, 1)})
			if err := os.Symlink(link[1], filepath.Join(dir, link[0])); err != nil {
				t.Skipf("symlinks not available: %v", err)
			}
			c, err := load(t, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Exhibits) != 1 || !slices.ContainsFunc(c.Unclassified, func(u string) bool { return strings.HasPrefix(u, link[0]+": ") }) {
				t.Errorf("exhibits %+v, unclassified %q", c.Exhibits, c.Unclassified)
			}
		})
	}
}

func TestRegions(t *testing.T) {
	tests := []struct {
		r    Region
		w, h int
		want image.Rectangle
	}{
		{Region{X: 10, Y: 20, W: 30, H: 40}, 100, 100, image.Rect(10, 20, 40, 60)},
		{Region{X: 0.5, Y: 0.25, W: 0.5, H: 0.5}, 200, 100, image.Rect(100, 25, 200, 75)},
		{Region{X: 90, Y: 90, W: 30, H: 30}, 100, 100, image.Rect(90, 90, 100, 100)},
		{Region{X: 200, Y: 200, W: 5, H: 5}, 100, 100, image.Rectangle{}},
	}
	for _, tt := range tests {
		if got := tt.r.Pixels(tt.w, tt.h); got != tt.want && !(got.Empty() && tt.want.Empty()) {
			t.Errorf("%+v.Pixels(%d, %d) = %v, want %v", tt.r, tt.w, tt.h, got, tt.want)
		}
	}
}

// TestManifestLimitsAreTyped: input over the manifest's limits matches the
// limit's error, so that a program can say how its user raises it.
func TestManifestLimitsAreTyped(t *testing.T) {
	two := manifestWith(t, "  - {file: a.jpg, kind: shipping-label}", "  - {file: b.jpg, kind: warehouse-weight}")
	images := map[string][]byte{"a.jpg": testJPEG(t, 4, 4, 1), "b.jpg": testJPEG(t, 4, 4, 2)}
	for _, tt := range []struct {
		name     string
		manifest []byte
		lim      ManifestLimits
		want     error
	}{
		{"listed files", two, ManifestLimits{EvidenceItems: 1}, ErrTooManyFiles},
		{"files found", manifestWith(t), ManifestLimits{EvidenceItems: 1}, ErrTooManyFiles},
		{"statement", two, ManifestLimits{StatementChars: 3}, ErrStatementTooLong},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, images)
			writeFiles(t, dir, map[string][]byte{"order.yaml": tt.manifest})
			_, err := load(t, dir, Options{Manifest: tt.lim})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v; want it to match %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "--") {
				t.Errorf("%q names a command-line flag", err)
			}
		})
	}
}
