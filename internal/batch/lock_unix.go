//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// LockFile is the name of the file a running batch holds locked in its
// output folder.
const LockFile = ".proofpack-batch.lock"

// lockDir takes an exclusive lock on dir for this process; the kernel
// releases it when the process ends, however it ends.
func lockDir(dir string) (func(), error) {
	name := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w; give each batch (each shard) its own -o folder", dir, ErrLocked)
		}
		return nil, fmt.Errorf("%s: cannot lock: %w", name, err)
	}
	return func() { f.Close() }, nil
}
