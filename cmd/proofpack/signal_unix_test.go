//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/samplegen"
)

// TestSignalEndsBuild starts proofpack (this test binary, installed on
// PATH by testscript.Main) on an order whose packing photo is a large
// progressive JPEG that image/jpeg takes many seconds to decode, sends
// SIGTERM during the decode, and checks that the process is gone soon
// after, with exit status 1 and no file in the output folder. The bound is
// generous so that a loaded machine does not fail the test; the time it
// took is logged.
func TestSignalEndsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes a large image")
	}
	bin, err := exec.LookPath("proofpack")
	if err != nil {
		t.Fatal(err)
	}
	// A copy of the committed sample order, which CI draws again and diffs.
	order := filepath.Join(t.TempDir(), "missing-item-en")
	if err := os.CopyFS(order, os.DirFS(filepath.Join("..", "..", "samples", "orders", "missing-item-en"))); err != nil {
		t.Fatal(err)
	}
	// 6000 x 6000 and 450 scans (under the limit of 500): about 10 s of
	// image/jpeg on an idle core.
	if err := os.WriteFile(filepath.Join(order, "packing.jpg"), samplegen.ProgressiveJPEG(6000, 6000, 449), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "build", order, "-o", filepath.Join(out, "p.pdf"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		t.Fatalf("the build ended before the signal (%v); the test needs a slower image\n%s", err, stderr.String())
	case <-time.After(3 * time.Second): // loading takes well under that
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
		t.Logf("gone %v after SIGTERM", time.Since(sent).Round(time.Millisecond))
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 5 s after SIGTERM\n%s", stderr.String())
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "interrupted; nothing was written") {
		t.Errorf("exit: %v, stderr %q; want status 1 and the interruption message", err, stderr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("the interrupted build left %v", entries)
	}
}
