package imagenorm

import (
	"bytes"
	"context"
	"errors"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/jpegscale"
	"github.com/proofpack/proofpack/internal/samplegen"
)

// TestScanBombRefused: a progressive JPEG of 20,000 scans (a 1-megapixel
// picture that takes image/jpeg over 15 s) is refused from its header walk,
// and one at the limit is not.
func TestScanBombRefused(t *testing.T) {
	bomb := samplegen.ProgressiveJPEG(1024, 1024, 20000)
	_, err := Inspect(bomb, Limits{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "20001 scans") {
		t.Fatalf("Inspect: err = %v, want ErrCorrupt naming 20001 scans", err)
	}
	if _, err := Normalise(ctx, bomb, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Normalise: err = %v, want ErrCorrupt", err)
	}
	if _, err := Inspect(samplegen.ProgressiveJPEG(64, 64, MaxJPEGScans-1), Limits{}); err != nil {
		t.Fatalf("%d scans: %v", MaxJPEGScans, err)
	}
}

// TestTimeBudget: an image that takes longer than Limits.MaxDecodeTime to decode fails with
// ErrTooLarge and a message saying so.
func TestTimeBudget(t *testing.T) {
	slow := samplegen.ProgressiveJPEG(1024, 1024, 400) // ~0.3 s of image/jpeg
	_, err := Normalise(ctx, slow, Options{Limits: Limits{MaxDecodeTime: time.Millisecond}})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "takes more than 1ms") {
		t.Fatalf("err = %v, want ErrTooLarge about the time limit", err)
	}
	// A parent context's own deadline stays the parent's error.
	c, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	if _, err := Normalise(c, slow, Options{}); !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTooLarge) {
		t.Fatalf("parent deadline: err = %v", err)
	}
}

// TestCancelDuringDecode: cancelling the context while image/jpeg works
// through a slow file returns the context's error, whatever the decoder
// was doing.
func TestCancelDuringDecode(t *testing.T) {
	slow := samplegen.ProgressiveJPEG(1024, 1024, 400)
	c, cancel := context.WithCancel(ctx)
	time.AfterFunc(20*time.Millisecond, cancel)
	if _, err := Normalise(c, slow, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// The decoders themselves stop: decodeImage and jpegscale, called
	// directly with a cancelled context.
	c, cancel = context.WithCancel(ctx)
	cancel()
	if _, err := decodeImage(c, Info{Format: "jpeg"}, slow); !errors.Is(err, context.Canceled) {
		t.Errorf("decodeImage: err = %v", err)
	}
	photo := encJPEG(t, markedImage(64, 64), 90)
	if _, err := jpegscale.Decode(c, photo, 2, 1<<20); !errors.Is(err, context.Canceled) {
		t.Errorf("jpegscale: err = %v", err)
	}
}

// TestIncompleteProgressive: a progressive JPEG whose progression stops
// early decodes (image/jpeg returns the partial picture) and is flagged;
// complete ones, including libjpeg's own progression, are not.
func TestIncompleteProgressive(t *testing.T) {
	cut := samplegen.ProgressiveJPEG(64, 48, 0) // DC scan only, then EOI
	if _, err := jpeg.Decode(bytes.NewReader(cut)); err != nil {
		t.Fatalf("image/jpeg refuses the cut file (%v); the test wants one it forgives", err)
	}
	info, err := Inspect(cut, Limits{})
	if err != nil || !info.Incomplete {
		t.Errorf("cut file: Incomplete = %v, err = %v; want true", info.Incomplete, err)
	}
	for name, data := range map[string][]byte{
		"complete":     samplegen.ProgressiveJPEG(64, 48, 1),
		"cjpeg":        readTestdata(t, "progressive.jpg"),
		"baseline":     encJPEG(t, markedImage(32, 32), 90),
		"libjpeg-cut*": cutBetweenScans(t, readTestdata(t, "progressive.jpg"), 2),
	} {
		info, err := Inspect(data, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := strings.HasSuffix(name, "*"); info.Incomplete != want {
			t.Errorf("%s: Incomplete = %v, want %v", name, info.Incomplete, want)
		}
	}
}

// cutBetweenScans keeps the first n scans of a JPEG and closes it with EOI.
func cutBetweenScans(t *testing.T, data []byte, n int) []byte {
	t.Helper()
	segs, _, err := walkJPEG(data, false)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, s := range segs {
		if s.marker == 0xDA {
			if seen == n {
				return append(bytes.Clone(data[:s.start]), 0xFF, 0xD9)
			}
			seen++
		}
	}
	t.Fatalf("fewer than %d scans", n+1)
	return nil
}

// TestBrokenJPEGsNotPassedThrough: JPEGs that need no resize but that
// libjpeg refuses or warns about are re-encoded (into a file the strict
// decoder accepts) or refused, never kept.
func TestBrokenJPEGsNotPassedThrough(t *testing.T) {
	for _, b := range samplegen.BrokenJPEGs() {
		res, err := Normalise(ctx, b.Data, Options{})
		if b.Refused {
			if err == nil {
				t.Errorf("%s: accepted, want an error", b.Name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", b.Name, err)
			continue
		}
		if res.KeptOriginal || bytes.Equal(res.Data, b.Data) {
			t.Errorf("%s: passed through unchanged", b.Name)
		}
		if _, err := jpegscale.Decode(ctx, res.Data, 8, 1<<20); err != nil {
			t.Errorf("%s: the re-encoded file fails the strict decoder: %v", b.Name, err)
		}
	}
	// The fast path itself still works for a clean file.
	clean := encJPEG(t, markedImage(64, 48), 90)
	if res, err := Normalise(ctx, clean, Options{}); err != nil || !res.KeptOriginal {
		t.Errorf("clean file: KeptOriginal = %v, err = %v", res.KeptOriginal, err)
	}
}

// readTestdata reads a file of testdata/: progressive.jpg is a copy of
// internal/jpegscale's, written by libjpeg-turbo's cjpeg -progressive.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
