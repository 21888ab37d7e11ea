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
	s := []Sample{
		changedMind("zh"), changedMind("en"),
		itemNotReceived("zh"), itemNotReceived("en"),
		missingItem("zh"), missingItem("en"),
		notAsDescribed("zh"), notAsDescribed("en"),
		notOurProduct("zh"), notOurProduct("en"),
		qualityAfterPeriod("zh"), qualityAfterPeriod("en"),
		qualityBuyerDamage("zh"), qualityBuyerDamage("en"),
		qualityMinorDefect("zh"), qualityMinorDefect("en"),
		wrongItem("zh"), wrongItem("en"),
	}
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

// sampleJPEGQuality keeps the committed sample photos small.
const sampleJPEGQuality = 85

// photo is a product, packing or buyer photo as a plain JPEG.
func photo(p Photo) func() ([]byte, error) {
	return jpegOf(func() image.Image { return DrawPhoto(p) }, sampleJPEGQuality)
}

// phonePhoto is a photo as a phone stores it (EXIF orientation 6, capture
// time and GPS), at the samples' JPEG quality.
func phonePhoto(p Photo, taken string, lat, lon float64) func() ([]byte, error) {
	return func() ([]byte, error) {
		return EncodeJPEGWithEXIF(DrawPhoto(p), sampleJPEGQuality, EXIF{Orientation: 6, DateTimeOriginal: taken,
			Make: "Synthetic", Model: "proofpack samplegen", Lat: lat, Lon: lon})
	}
}

func chatPNG(c Chat) func() ([]byte, error) { return pngOf(func() image.Image { return DrawChat(c) }) }

func docPNG(d Document) func() ([]byte, error) {
	return pngOf(func() image.Image { return DrawDocument(d) })
}

func courierPNG(c CourierRecord) func() ([]byte, error) {
	return pngOf(func() image.Image { return DrawCourierRecord(c) })
}

func labelJPEG(l Label) func() ([]byte, error) {
	return jpegOf(func() image.Image { return DrawLabel(l) }, sampleJPEGQuality)
}

// tr picks the Chinese or the English text.
func tr(zh bool, z, e string) string {
	if zh {
		return z
	}
	return e
}

// tr2 picks the Chinese or the English lines.
func tr2(zh bool, z, e []string) []string {
	if zh {
		return z
	}
	return e
}
