package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/proofpack/proofpack/evidence"
)

// Order is one order folder found under the root.
type Order struct {
	Dir      string // the folder as a path usable by the process (root joined with Rel)
	Rel      string // slash path relative to the root; "." when the root itself is the order
	Manifest string // the manifest's file name inside Dir
}

// Discover returns the order folders under root, sorted by Rel. A folder
// holding a manifest is an order and is not searched further; hidden
// folders (name starting with ".") and the folder skip (typically the
// batch's output folder, "" for none) are not entered. Symbolic links to
// folders are not followed.
func Discover(root, skip string) ([]Order, error) {
	st, err := os.Stat(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: folder not found", root)
		}
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", root)
	}
	var skipAbs string
	if skip != "" {
		if a, err := filepath.Abs(skip); err == nil {
			skipAbs = a
		}
	}
	var orders []Order
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // an unreadable subfolder holds no order we can build
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if skipAbs != "" {
			if a, err := filepath.Abs(p); err == nil && a == skipAbs {
				return fs.SkipDir
			}
		}
		if name, ok := evidence.FindManifest(p); ok {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			orders = append(orders, Order{Dir: p, Rel: filepath.ToSlash(rel), Manifest: name})
			return fs.SkipDir
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: reading folder: %w", root, err)
	}
	sort.Slice(orders, func(i, j int) bool { return orders[i].Rel < orders[j].Rel })
	return orders, nil
}
