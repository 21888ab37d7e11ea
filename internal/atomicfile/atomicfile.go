// Package atomicfile writes a file so that readers see either the old file
// or the complete new one, never a partial one: the data goes to a hidden
// temporary file beside the target, which is synced and renamed over it only
// when everything succeeded.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// TempPattern is the name pattern of the temporary files, so that a folder
// scan can recognise leftovers of a killed process.
const TempPattern = ".proofpack-*.tmp"

// Write creates or replaces path with what fn writes. If fn or any step
// fails, or fn panics, the temporary file is removed and path is left as it
// was (a panic then goes on up).
func Write(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, TempPattern)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fn(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	renamed = true
	return nil
}
