//go:build unix

package batch

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFingerprintNamedPipe: a named pipe in an order folder is hashed as
// "not a file", never opened, which would block the batch forever.
func TestFingerprintNamedPipe(t *testing.T) {
	dir := t.TempDir()
	writeOrder(t, dir, "A")
	if err := syscall.Mkfifo(filepath.Join(dir, "chat-1.png"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Fingerprint(Order{Dir: dir, Rel: "a", Manifest: "order.yaml"}, RunKey{})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("blocked on the named pipe: still running after 30 s")
	}
}
