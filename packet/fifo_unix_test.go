//go:build unix

package packet

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// notBlocked runs fn and fails the test if it has not returned after a
// bound far above its normal time: opening a named pipe would wait for a
// writer forever.
func notBlocked(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("blocked: still running after 30 s")
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
}

// TestNamedPipesRefused: a named pipe where a screenshot or the manifest
// should be is refused by name, without opening it, and the build leaves
// nothing behind.
func TestNamedPipesRefused(t *testing.T) {
	for _, name := range []string{"chat-1.png", "order.yaml"} {
		t.Run(name, func(t *testing.T) {
			dir := hostileOrder(t, "", nil, "")
			mkfifo(t, filepath.Join(dir, name))
			outDir := t.TempDir()
			var err error
			notBlocked(t, func() {
				_, err = BuildFile(context.Background(), dir, filepath.Join(outDir, "p.pdf"), FileOptions{Options: Options{Templates: builtin(t)}})
			})
			if err == nil || !strings.Contains(err.Error(), name+": a named pipe, not a regular file") {
				t.Errorf("err = %v, want it to name %s as a named pipe", err, name)
			}
			if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
				t.Errorf("failed build left %v", entries)
			}
		})
	}
	// Found by discovery (no evidence list), directly or through a
	// symlink, it is skipped with a warning naming it.
	dir := hostileOrder(t, "", nil, "")
	m := filepath.Join(dir, "order.yaml")
	data, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^evidence:\n(?:[ -].*\n)+`).ReplaceAll(data, nil)
	if err := os.WriteFile(m, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(dir, "label-2.jpg"))
	if err := os.Symlink("label-2.jpg", filepath.Join(dir, "chat-9.png")); err != nil {
		t.Fatal(err)
	}
	var c *evidence.Case
	notBlocked(t, func() { c, err = evidence.Load(context.Background(), dir, evidence.Options{}) })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, want := range []string{"label-2.jpg: a named pipe, not a regular file", "chat-9.png: symlink to a named pipe, not a regular file"} {
		if !slices.ContainsFunc(c.Unclassified, func(u string) bool { return strings.HasPrefix(u, want) }) {
			t.Errorf("Unclassified = %q, want an entry %q", c.Unclassified, want)
		}
	}
}
