package samplegen

import (
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/proofpack/proofpack/internal/atomicfile"
)

// Sample is one sample order folder: its manifest and the evidence files
// drawn for it.
type Sample struct {
	Name     string // folder name, e.g. missing-item-zh
	Manifest string // order.yaml
	Files    []File
}

// File is one evidence file of a sample, drawn on demand.
type File struct {
	Path string // slash path inside the order folder
	Make func() ([]byte, error)
}

// Samples returns every sample order, sorted by name.
func Samples() []Sample {
	s := []Sample{missingItem("zh"), missingItem("en")}
	sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	return s
}

// Write writes sample s as the folder dir/s.Name. Every file is written
// atomically; files already there with other names are left alone.
func Write(ctx context.Context, dir string, s Sample) error {
	root := filepath.Join(dir, s.Name)
	write := func(rel string, data []byte) error {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return atomicfile.Write(p, func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	if err := write("order.yaml", []byte(s.Manifest)); err != nil {
		return err
	}
	for _, f := range s.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := f.Make()
		if err != nil {
			return fmt.Errorf("sample %s: %s: %w", s.Name, f.Path, err)
		}
		if err := write(f.Path, data); err != nil {
			return err
		}
	}
	return nil
}

func jpegOf(draw func() image.Image, q int) func() ([]byte, error) {
	return func() ([]byte, error) { return EncodeJPEG(draw(), q) }
}

func pngOf(draw func() image.Image) func() ([]byte, error) {
	return func() ([]byte, error) { return EncodePNG(draw()) }
}

// phoneJPEG is a photo as a phone stores it: rotated with EXIF orientation
// 6, a capture time and GPS tags that normalisation must strip.
func phoneJPEG(draw func() image.Image, taken string) func() ([]byte, error) {
	return func() ([]byte, error) {
		return EncodeJPEGWithEXIF(draw(), 88, EXIF{Orientation: 6, DateTimeOriginal: taken,
			Make: "Synthetic", Model: "proofpack samplegen", Lat: 30.2741, Lon: 120.1551})
	}
}
