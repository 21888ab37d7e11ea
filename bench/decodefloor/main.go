// Command decodefloor is the floor bench/run.sh measures proofpack against:
// it reads and decodes the given images (JPEG, PNG) with Go's standard
// decoders on all cores, GOMAXPROCS at a time, and does nothing else.
// Whatever proofpack does on top of this (resizing, rotating, encoding,
// laying out the PDF) is its overhead.
//
// With -jpeg-scale N (2, 4 or 8) JPEGs are instead decoded at 1/N size by
// internal/jpegscale, as proofpack does for photos that shrink that much:
// the floor for a program that decodes only what it needs.
//
//	go run ./bench/decodefloor [-jpeg-scale N] IMAGE...
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"runtime"
	"sync"

	"github.com/proofpack/proofpack/internal/jpegscale"
)

func main() {
	scale := flag.Int("jpeg-scale", 1, "decode JPEGs at 1/`N` size (2, 4 or 8) with internal/jpegscale")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 || (*scale != 1 && *scale != 2 && *scale != 4 && *scale != 8) {
		fmt.Fprintln(os.Stderr, "usage: decodefloor [-jpeg-scale N] IMAGE...")
		os.Exit(2)
	}
	jobs := make(chan string)
	var (
		mu     sync.Mutex
		pixels int64
		failed bool
		wg     sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				data, err := os.ReadFile(f)
				var img image.Image
				if err == nil {
					img, err = decode(data, *scale)
				}
				mu.Lock()
				if err != nil {
					fmt.Fprintf(os.Stderr, "decodefloor: %s: %v\n", f, err)
					failed = true
				} else {
					b := img.Bounds()
					pixels += int64(b.Dx()) * int64(b.Dy())
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if failed {
		os.Exit(1)
	}
	fmt.Printf("decoded %d images, %.1f megapixels\n", len(files), float64(pixels)/1e6)
}

// decode decodes data: at 1/scale size when scale > 1 and internal/jpegscale
// handles the file, else (PNGs, other JPEG layouts) at full size with the
// standard decoders.
func decode(data []byte, scale int) (image.Image, error) {
	if scale > 1 {
		if img, err := jpegscale.Decode(context.Background(), data, scale, 1<<30); err == nil {
			return img, nil
		}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}
