package packet

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/pdfcheck"
	"github.com/proofpack/proofpack/internal/samplegen"
	"github.com/proofpack/proofpack/templates"
)

// hostileOrder writes a minimal missing-item order whose only chat exhibit
// is the given file, and returns its folder.
func hostileOrder(t *testing.T, chatName string, chat []byte, extra string) string {
	t.Helper()
	dir := minimalOrder(t)
	if chat != nil {
		if err := os.WriteFile(filepath.Join(dir, chatName), chat, 0o644); err != nil {
			t.Fatal(err)
		}
		replaceIn(t, filepath.Join(dir, "order.yaml"), "  - {file: chat-1.png, kind: chat", "  - {file: "+chatName+", kind: chat")
	}
	if extra != "" {
		replaceIn(t, filepath.Join(dir, "order.yaml"), "statement: ", extra+"\nstatement: ")
	}
	return dir
}

// minimalOrder is a copy of the missing-item-en sample with only its
// required exhibits (the label and the two weighings) and one chat
// screenshot, chat-1.png: cheaper to build for tests about one file.
func minimalOrder(t *testing.T) string {
	t.Helper()
	dir := copySample(t, "missing-item-en")
	for _, f := range []string{"packing.jpg", "chat-2.png", "weights/reweigh.jpg"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
		dropEvidence(t, dir, f)
	}
	return dir
}

// dropEvidence removes the evidence entry of file from dir's order.yaml.
func dropEvidence(t *testing.T, dir, file string) {
	t.Helper()
	manifest := filepath.Join(dir, "order.yaml")
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	n := len(lines)
	lines = slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(l, "  - {file: "+file+",") })
	if len(lines) != n-1 {
		t.Fatalf("%s: no one-line evidence entry for %s", manifest, file)
	}
	if err := os.WriteFile(manifest, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func encode(t *testing.T, img image.Image, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.EncodeAll(&b, &gif.GIF{
			Image: []*image.Paletted{
				image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.White, color.Black}),
				image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.Black, color.White}),
			},
			Delay: []int{10, 10},
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func png16Alpha(w, h int) image.Image {
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA64(x, y, color.NRGBA64{R: uint16(x * 300), G: 0x8000, B: 0x1000, A: uint16(y * 600)})
		}
	}
	return img
}

// jpegBomb is a real 8x8 JPEG whose frame header claims w x h pixels.
func jpegBomb(t *testing.T, w, h uint16) []byte {
	b := encode(t, image.NewGray(image.Rect(0, 0, 8, 8)), "jpeg")
	i := bytes.Index(b, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 in the encoded JPEG")
	}
	binary.BigEndian.PutUint16(b[i+5:], h)
	binary.BigEndian.PutUint16(b[i+7:], w)
	return b
}

func gifBomb() []byte {
	b := []byte("GIF89a")
	b = binary.LittleEndian.AppendUint16(b, 65535)
	b = binary.LittleEndian.AppendUint16(b, 65535)
	return append(b, 0x00, 0, 0, 0x3B)
}

func tiffBomb() []byte {
	type entry struct {
		tag, typ uint16
		val      uint32
	}
	entries := []entry{{256, 4, 100000}, {257, 4, 100000}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 8}, {277, 3, 1}, {278, 4, 100000}, {279, 4, 1}}
	b := []byte{'I', 'I', 42, 0}
	b = binary.LittleEndian.AppendUint32(b, 8)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.typ)
		b = binary.LittleEndian.AppendUint32(b, 1)
		b = binary.LittleEndian.AppendUint32(b, e.val)
	}
	return binary.LittleEndian.AppendUint32(b, 0)
}

// TestHostileFiles: broken and hostile evidence files either work or fail
// with a message naming the file; never a panic, never a partial output.
func TestHostileFiles(t *testing.T) {
	t.Parallel()
	gray := image.NewGray(image.Rect(0, 0, 1, 1))
	goodPNG := encode(t, image.NewRGBA(image.Rect(0, 0, 60, 90)), "png")
	badCRC := bytes.Clone(goodPNG)
	badCRC[29] ^= 0xFF // inside IHDR's CRC
	tests := []struct {
		name, file string
		data       []byte
		want       string // "" means the build succeeds
	}{
		{"zero bytes", "chat.png", []byte{}, "chat.png: file is empty"},
		{"truncated JPEG", "chat.jpg", encode(t, png16Alpha(200, 200), "jpeg")[:300], "chat.jpg"},
		{"truncated PNG", "chat.png", goodPNG[:len(goodPNG)/2], "chat.png"},
		{"PNG with a bad CRC", "chat.png", badCRC, "chat.png"},
		{"text named .jpg", "chat.jpg", []byte("just some notes, not a photo\n"), "not an image"},
		{"PNG named .jpg", "chat.jpg", goodPNG, ""},
		{"HEIC", "chat.heic", append([]byte{0, 0, 0, 24}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...), "the HEIC image is corrupt"},
		{"PNG bomb", "chat.png", samplegen.HugePNGHeader(60000, 60000), "60000x60000"},
		{"JPEG bomb", "chat.jpg", jpegBomb(t, 65000, 65000), "65000x65000"},
		{"GIF bomb", "chat.gif", gifBomb(), "65535x65535"},
		{"TIFF bomb", "chat.tif", tiffBomb(), "100000x100000"},
		{"20,000-scan progressive JPEG", "chat.jpg", samplegen.ProgressiveJPEG(1024, 1024, 20000), "20001 scans"},
		{"16-bit PNG with alpha", "chat.png", encode(t, png16Alpha(300, 500), "png"), ""},
		{"animated GIF", "chat.gif", encode(t, nil, "gif"), ""},
		{"1x1 image", "chat.png", encode(t, gray, "png"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := hostileOrder(t, tt.file, tt.data, "")
			outDir := t.TempDir()
			out := filepath.Join(outDir, "p.pdf")
			res, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: builtin(t)}, Statement: true})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				pdfcheck.Check(t, res.Output)
				return
			}
			if err == nil {
				t.Fatalf("build succeeded; want an error mentioning %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q: want %q and the file name %s", err, tt.want, tt.file)
			}
			if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
				t.Errorf("failed build left %v", entries)
			}
		})
	}
}

func TestAnimatedGIFCaptionSaysFirstFrame(t *testing.T) {
	dir := hostileOrder(t, "chat.gif", encode(t, nil, "gif"), "")
	c := loadSample(t, dir)
	pk, err := Assemble(context.Background(), c, Options{Templates: builtin(t)})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(pk.Doc)
	if !strings.Contains(string(js), "first of 2 frames") {
		t.Error("no exhibit line says only the first frame of the animated GIF is shown")
	}
}

// TestScrollCaptureIsSliced: a 1170x30000 chat scroll is cut into
// page-sized slices at full legibility, not shrunk to a stripe.
func TestScrollCaptureIsSliced(t *testing.T) {
	t.Parallel()
	img := image.NewGray(image.Rect(0, 0, 1170, 30000))
	for y := range 30000 {
		for x := range 1170 {
			if (x/40+y/40)%2 == 0 {
				img.Pix[y*img.Stride+x] = 200
			}
		}
	}
	dir := hostileOrder(t, "scroll.png", encode(t, img, "png"), "")
	out := filepath.Join(t.TempDir(), "p.pdf")
	res, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: builtin(t)}})
	if err != nil {
		t.Fatal(err)
	}
	rep := pdfcheck.Check(t, out)
	slices := 0
	for _, im := range rep.Images {
		if im.Height > 1000 && im.Width < 700 && im.Width > 600 {
			slices++
		}
	}
	// 1170 px shrinks to the ~661 px of a half-page column; 30000 px then
	// becomes ~16950 px, cut into slices of a column's height.
	if slices < 8 {
		t.Errorf("found %d slices of the scroll capture in %d images (%d pages); want it cut into page-sized slices", slices, len(rep.Images), res.Pages)
	}
	if !strings.Contains(strings.Join(strings.Fields(rep.Text), ""), "ExhibitB1(2/") {
		t.Error("slices are not labelled Exhibit B1 (k/n)")
	}
}

func TestHugeFileRefusedBeforeReading(t *testing.T) {
	dir := hostileOrder(t, "", nil, "")
	p := filepath.Join(dir, "chat-1.png")
	if err := os.Truncate(p, 200<<20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	_, err := evidence.Load(context.Background(), dir, evidence.Options{})
	if err == nil || !strings.Contains(err.Error(), "chat-1.png") || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v, want chat-1.png over the limit", err)
	}
}

func TestHostileText(t *testing.T) {
	tests := []struct {
		name, extra string
		want        string // "" means it builds
	}{
		{"emoji and right-to-left text", `buyer: "买家😀 مرحبا שלום \u202e evil"`, ""},
		{"one megabyte statement", "", "statement: is 1048576 characters; the limit is 20000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := hostileOrder(t, "", nil, "")
			if tt.extra != "" {
				replaceIn(t, filepath.Join(dir, "order.yaml"), `buyer: "Wang**"`, tt.extra)
			} else {
				p := filepath.Join(dir, "order.yaml")
				b, _ := os.ReadFile(p)
				re := regexp.MustCompile(`(?m)^statement: .*$`)
				os.WriteFile(p, re.ReplaceAll(b, []byte(`statement: "`+strings.Repeat("x", 1<<20)+`"`)), 0o644)
			}
			out := filepath.Join(t.TempDir(), "p.pdf")
			_, err := BuildFile(context.Background(), dir, out, FileOptions{Options: Options{Templates: builtin(t)}})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				pdfcheck.Check(t, out)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestManyEvidenceEntries(t *testing.T) {
	dir := hostileOrder(t, "", nil, "")
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "  - {file: chat-%d.png, kind: chat}\n", i+100)
	}
	replaceIn(t, filepath.Join(dir, "order.yaml"), "evidence:\n", "evidence:\n"+b.String())
	_, err := evidence.Load(context.Background(), dir, evidence.Options{})
	if err == nil || !strings.Contains(err.Error(), "evidence: lists 2004 files; the limit is 500") {
		t.Fatalf("err = %v", err)
	}
}

// failingWriter fails like a full disk after a few bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > 1000 {
		return 0, errors.New("no space left on device")
	}
	w.n += len(p)
	return len(p), nil
}

func TestFullDiskAndInterrupt(t *testing.T) {
	c := loadSample(t, filepath.Join(samplesDir, "missing-item-zh"))
	if _, err := Render(context.Background(), &failingWriter{}, c, Options{Templates: builtin(t)}); err == nil || !strings.Contains(err.Error(), "no space") {
		t.Errorf("full disk: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	outDir := t.TempDir()
	_, err := BuildFile(ctx, filepath.Join(samplesDir, "missing-item-zh"), filepath.Join(outDir, "p.pdf"), FileOptions{Options: Options{Templates: builtin(t)}, Statement: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted: err = %v", err)
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
		t.Errorf("interrupted build left %v", entries)
	}
}

// TestBrokenJPEGsDecodeEverywhere: JPEGs that image/jpeg forgives but
// libjpeg refuses or warns about never reach the PDF as they are: each is
// re-encoded, and every reader decodes the packet's images without a word,
// or the build fails naming the file. The packing photo is a small JPEG,
// which the packet would embed byte for byte if it were sound (at 72 dpi
// as at 200: the packets are built at 72, cheaper to build and to read).
func TestBrokenJPEGsDecodeEverywhere(t *testing.T) {
	t.Parallel()
	for _, b := range samplegen.BrokenJPEGs() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			dir := hostileOrder(t, "", nil, "")
			if err := os.WriteFile(filepath.Join(dir, "packing.jpg"), b.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			replaceIn(t, filepath.Join(dir, "order.yaml"), "evidence:\n", "evidence:\n  - {file: packing.jpg, kind: packing-photo}\n")
			outDir := t.TempDir()
			res, err := BuildFile(context.Background(), dir, filepath.Join(outDir, "p.pdf"), FileOptions{Options: Options{Templates: builtin(t), DPI: 72}})
			if b.Refused {
				if err == nil || !strings.Contains(err.Error(), "packing.jpg") {
					t.Fatalf("err = %v, want an error naming packing.jpg", err)
				}
				if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
					t.Errorf("failed build left %v", entries)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			pdfcheck.Check(t, res.Output)
			pdfcheck.DecodeImages(t, res.Output)
		})
	}
}

// TestIncompleteProgressiveJPEGWarns: a progressive JPEG cut short between
// scans (and closed with EOI) decodes to a blurred picture; the build
// warns, naming the file, so the seller exports it again.
func TestIncompleteProgressiveJPEGWarns(t *testing.T) {
	dir := hostileOrder(t, "chat.jpg", samplegen.ProgressiveJPEG(640, 480, 0), "")
	res, err := BuildFile(context.Background(), dir, filepath.Join(t.TempDir(), "p.pdf"), FileOptions{Options: Options{Templates: builtin(t)}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w, "chat.jpg: the JPEG ends before its last scans") && strings.Contains(w, "export it again")
	}
	if !found {
		t.Errorf("no warning naming chat.jpg in %q", res.Warnings)
	}
}

// TestPhraseBookLabels: a phrase book given with --templates may word the
// exhibit label as it likes ("Exhibit {{.}} / Anlage {{.}}" once made the
// build panic, because the names of exported images were parsed out of the
// label). The packet shows the label, and the exported images, a scroll
// capture's slices included, keep their names.
func TestPhraseBookLabels(t *testing.T) {
	set, err := templates.Load(fstest.MapFS{"lang/en.yaml": {Data: []byte(`exhibit: "Exhibit {{.}} / Anlage {{.}}"` + "\n")}})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, 1170, 6000))
	for i := range img.Pix {
		img.Pix[i] = uint8(i / 1170 % 200)
	}
	dir := hostileOrder(t, "scroll.png", encode(t, img, "png"), "")
	outDir := t.TempDir()
	res, err := BuildFile(context.Background(), dir, filepath.Join(outDir, "p.pdf"),
		FileOptions{Options: Options{Templates: set}, ImagesDir: filepath.Join(outDir, "images")})
	if err != nil {
		t.Fatal(err)
	}
	rep := pdfcheck.Check(t, res.Output)
	if !strings.Contains(rep.Text, "Exhibit A1 / Anlage A1") {
		t.Error("the packet does not show the phrase book's label")
	}
	for _, want := range []string{"A1.jpg", "B1-1of4.png", "B1-4of4.png"} {
		if !slices.Contains(res.Images, filepath.Join(outDir, "images", want)) {
			t.Errorf("exported images %q lack %s", res.Images, want)
		}
	}
}

type panickingWriter struct{}

func (panickingWriter) Write([]byte) (int, error) { panic("boom") }

// TestPanicIsAnError: a panic while building an order comes back as an
// error naming the order.
func TestPanicIsAnError(t *testing.T) {
	c := loadSample(t, filepath.Join(samplesDir, "missing-item-en"))
	_, err := Render(context.Background(), panickingWriter{}, c, Options{Templates: builtin(t)})
	if err == nil || !strings.HasPrefix(err.Error(), c.Dir+": ") || !strings.Contains(err.Error(), "internal error (boom)") {
		t.Fatalf("err = %v, want an error naming the order and the panic", err)
	}
}
