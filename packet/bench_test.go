package packet

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// benchRender loads the order folder dir once and renders its packet to
// io.Discard b.N times with the given number of image workers.
func benchRender(b *testing.B, dir string, workers int) {
	b.Helper()
	set, err := templates.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	c, err := evidence.Load(context.Background(), dir, evidence.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	opt := Options{Templates: set, Workers: workers}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(context.Background(), io.Discard, c, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSample renders a committed sample order (small synthetic
// images).
func BenchmarkRenderSample(b *testing.B) {
	benchRender(b, filepath.Join(samplesDir, "missing-item-en"), 0)
}

// BenchmarkRenderPhoneOrder renders the order written by bench/genorder
// (8 phone photos of 12 MP and 3 screenshots) with one worker and with
// GOMAXPROCS workers. It is skipped unless PROOFPACK_BENCH_ORDER names that
// folder:
//
//	go run ./bench/genorder -o /tmp/bench-order
//	PROOFPACK_BENCH_ORDER=/tmp/bench-order go test ./packet -run '^$' -bench PhoneOrder
func BenchmarkRenderPhoneOrder(b *testing.B) {
	dir := os.Getenv("PROOFPACK_BENCH_ORDER")
	if dir == "" {
		b.Skip("set PROOFPACK_BENCH_ORDER to a folder written by 'go run ./bench/genorder'")
	}
	b.Run("workers=1", func(b *testing.B) { benchRender(b, dir, 1) })
	if n := runtime.GOMAXPROCS(0); n > 1 {
		b.Run("workers=GOMAXPROCS", func(b *testing.B) { benchRender(b, dir, n) })
	}
}
