// Command decodefloor is the floor bench/run.sh measures proofpack against:
// it reads and decodes the given images (JPEG, PNG) with Go's standard
// decoders on all cores, GOMAXPROCS at a time, and does nothing else.
// Whatever proofpack does on top of this (resizing, rotating, encoding,
// laying out the PDF) is its overhead.
//
//	go run ./bench/decodefloor IMAGE...
package main

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"runtime"
	"sync"
)

func main() {
	files := os.Args[1:]
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: decodefloor IMAGE...")
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
					img, _, err = image.Decode(bytes.NewReader(data))
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
