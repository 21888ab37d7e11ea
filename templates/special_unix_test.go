//go:build unix

package templates

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOverrideNamedPipe: a named pipe in the --templates folder is refused
// by name, not opened (which would wait for a writer forever).
func TestOverrideNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.en.yaml"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(os.DirFS(dir))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "x.en.yaml: not a regular file") {
			t.Errorf("err = %v, want x.en.yaml refused as not a regular file", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("blocked on the named pipe: still running after 30 s")
	}
}
