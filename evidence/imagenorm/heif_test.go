package imagenorm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/extool"
)

// The testdata HEIC and AVIF files are a 64x32 picture, red on the left
// half and blue on the right, made with libheif's heif-enc 1.15:
//
//	heif-enc -q 50 halves.png -o halves.heic
//	exiftool -Orientation=6 -n -DateTimeOriginal='2026:11:02 09:15:00' halves.jpg
//	heif-enc -q 50 halves.jpg -o halves-exif6.heic   (and -exif6.avif)
//
// heif-enc 1.15 copies the Exif block (Orientation 6, "rotate 90° clockwise")
// and writes no irot box, as older encoders do.

func TestHEIFDecodes(t *testing.T) {
	tests := []struct {
		file          string
		format        string
		width, height int // upright output
		orientation   int
		captured      time.Time
		// where the red half lands in the upright output
		redTop bool
	}{
		{"halves.heic", "heic", 64, 32, 1, time.Time{}, false},
		{"halves-exif6.heic", "heic", 32, 64, 6, time.Date(2026, 11, 2, 9, 15, 0, 0, time.UTC), true},
		{"halves-exif6.avif", "avif", 32, 64, 6, time.Date(2026, 11, 2, 9, 15, 0, 0, time.UTC), true},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			if _, err := heifConvert.Path(); err != nil && tc.format == "heic" {
				t.Skip(err) // .ci/run installs it
			}
			data := readTestdata(t, tc.file)
			info, err := Inspect(data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != tc.format || info.Orientation != tc.orientation || !info.CapturedAt.Equal(tc.captured) {
				t.Errorf("Inspect = %+v", info)
			}
			res, err := Normalise(ctx, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != "jpeg" || res.Width != tc.width || res.Height != tc.height {
				t.Fatalf("Normalise gave %s %dx%d, want jpeg %dx%d", res.Format, res.Width, res.Height, tc.width, tc.height)
			}
			img := decodeAny(t, res.Data)
			// Sample the middle of each half.
			a, b := img.At(tc.width/4, tc.height/2), img.At(3*tc.width/4, tc.height/2)
			if tc.redTop {
				a, b = img.At(tc.width/2, tc.height/4), img.At(tc.width/2, 3*tc.height/4)
			}
			if !near(a, red, 60) || !near(b, blue, 60) {
				t.Errorf("halves are %v and %v, want red then blue", a, b)
			}
		})
	}
}

func TestHEIFLimitsBeforeDecoding(t *testing.T) {
	data := bytes.Clone(readTestdata(t, "halves.heic"))
	// Every ispe box (the grid's and its tile's) claims w x h.
	setSize := func(w, h uint32) {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte("ispe"))
			if j < 0 {
				return
			}
			i += j
			binary.BigEndian.PutUint32(data[i+8:], w)
			binary.BigEndian.PutUint32(data[i+12:], h)
			i += 4
		}
	}
	setSize(50000, 50000)
	if _, err := Normalise(ctx, data, Options{}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "50000x50000") {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	// A size that disagrees with the coded picture is corrupt, not decoded
	// into a mismatched canvas.
	setSize(640, 320)
	if _, err := Normalise(ctx, data, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	// Truncated headers are corrupt.
	for _, n := range []int{12, 40, 200} {
		if _, err := Inspect(readTestdata(t, "halves.heic")[:n], Limits{}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("first %d bytes: err = %v, want ErrCorrupt", n, err)
		}
	}
}

func TestHEICWithoutHeifConvert(t *testing.T) {
	saved := heifConvert
	defer func() { heifConvert = saved }()
	heifConvert = extool.New("proofpack-no-such-heif-convert", saved.Install)
	_, err := Inspect(readTestdata(t, "halves.heic"), Limits{})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "apt-get install libheif-examples") || !strings.Contains(err.Error(), "export the photo as JPEG") {
		t.Fatalf("err = %v", err)
	}
}

// box builds an ISO BMFF box.
func box(typ string, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	return append(binary.BigEndian.AppendUint32(nil, uint32(8+len(b))), append([]byte(typ), b...)...)
}

func TestHEIFHeaderTransforms(t *testing.T) {
	ispe := box("ispe", []byte{0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 30})
	for _, tc := range []struct {
		name  string
		props [][]byte
		want  int
	}{
		{"none", nil, 0},
		{"irot 90 anticlockwise", [][]byte{box("irot", []byte{1})}, 8},
		{"irot 180", [][]byte{box("irot", []byte{2})}, 3},
		{"irot 270 anticlockwise", [][]byte{box("irot", []byte{3})}, 6},
		{"imir vertical axis", [][]byte{box("imir", []byte{0})}, 2},
		{"imir horizontal axis", [][]byte{box("imir", []byte{1})}, 4},
		{"irot 90 then mirror", [][]byte{box("irot", []byte{1}), box("imir", []byte{0})}, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			props := append([][]byte{ispe}, tc.props...)
			ipma := []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 7, byte(len(props))}
			for i := range props {
				ipma = append(ipma, byte(i+1))
			}
			file := append(box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")),
				box("meta", []byte{0, 0, 0, 0},
					box("pitm", []byte{0, 0, 0, 0, 0, 7}),
					box("iprp", box("ipco", props...), box("ipma", ipma)))...)
			h, ok := parseHEIFHeader(file)
			if !ok || h.width != 40 || h.height != 30 || h.transform != tc.want {
				t.Errorf("got %+v ok=%v, want 40x30 transform %d", h, ok, tc.want)
			}
		})
	}
}

// BenchmarkHEICDecode measures a 12-megapixel phone-sized HEIC, made with
// heif-enc when it is installed. Run with -benchmem: B/op is the memory one
// decode allocates (the WebAssembly instance's memory included).
func BenchmarkHEICDecode(b *testing.B) {
	enc, err := exec.LookPath("heif-enc")
	if err != nil {
		b.Skip("heif-enc not installed")
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "photo.jpg")
	if err := os.WriteFile(src, encJPEG(b, markedImage(4032, 3024), 85), 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "photo.heic")
	if msg, err := exec.Command(enc, "-q", "60", src, "-o", out).CombinedOutput(); err != nil {
		b.Fatalf("%v: %s", err, msg)
	}
	data := readFile(b, out)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Normalise(ctx, data, Options{MaxWidth: 1600, MaxHeight: 1600}); err != nil {
			b.Fatal(err)
		}
	}
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
