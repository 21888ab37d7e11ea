package samplegen

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDrawLook writes every sample image as PNG to $SAMPLEGEN_LOOK (a folder)
// so that a person can look at them. It is skipped unless that is set.
func TestDrawLook(t *testing.T) {
	dir := os.Getenv("SAMPLEGEN_LOOK")
	if dir == "" {
		t.Skip("set SAMPLEGEN_LOOK=/some/dir to write the images for viewing")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range drawSampleSet() {
		start := time.Now()
		img := s.draw()
		t.Logf("%-10s %v  %v", s.name, img.Bounds().Size(), time.Since(start))
		b, err := EncodePNG(img)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
