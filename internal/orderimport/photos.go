package orderimport

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/proofpack/proofpack/internal/atomicfile"
)

// matchPhoto finds the order a photo (slash path under the evidence
// folder) is filed under, and where it goes inside the order folder:
//
//   - under a folder named by the key (PHOTOS/PDD-0001/weights/a.jpg):
//     the path below that folder (weights/a.jpg);
//   - named by the key (PHOTOS/面单/PDD-0001_1.jpg, ZT123-label.jpg,
//     PDD-0001.jpg): the same path, so the folders that tell its kind
//     still do.
//
// Keys are matched whole: a file name must continue with "_", "-", " " or
// "." after the key. The longest key wins.
func matchPhoto(p string, keys map[string]*OrderReport) (*OrderReport, string) {
	segs := strings.Split(p, "/")
	for i, s := range segs[:len(segs)-1] {
		if or, ok := keys[s]; ok {
			return or, path.Join(segs[i+1:]...)
		}
	}
	base := segs[len(segs)-1]
	var best *OrderReport
	bestLen := 0
	for k, or := range keys {
		if len(k) <= bestLen || !strings.HasPrefix(base, k) {
			continue
		}
		if rest := base[len(k):]; rest == "" || strings.ContainsRune("_- .", rune(rest[0])) {
			best, bestLen = or, len(k)
		}
	}
	if best == nil {
		return nil, ""
	}
	return best, p
}

// copyPhotos copies every photo under dir filed under an imported order
// into its folder. Photos are copied, never moved; a file already in the
// order folder is never overwritten. It returns the photos that matched no
// order.
func copyPhotos(ctx context.Context, dir string, keys map[string]*OrderReport) ([]string, error) {
	var unmatched []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		or, dest := matchPhoto(rel, keys)
		if or == nil {
			unmatched = append(unmatched, rel)
			return nil
		}
		if or.Status != Imported {
			return nil
		}
		target := filepath.Join(or.Dir, filepath.FromSlash(dest))
		switch same, err := sameFile(p, target); {
		case err == nil && same:
			return nil
		case err == nil:
			or.Notes = append(or.Notes, fmt.Sprintf("%s not copied: %s already exists with other content", rel, target))
			return nil
		}
		if err := copyFile(p, target); err != nil {
			or.Notes = append(or.Notes, fmt.Sprintf("%s not copied: %v", rel, err))
			return nil
		}
		or.Photos++
		return nil
	})
	if err != nil {
		return unmatched, fmt.Errorf("reading the evidence folder %s: %w", dir, err)
	}
	sort.Strings(unmatched)
	return unmatched, nil
}

// sameFile reports whether target exists (err nil) and holds src's bytes.
func sameFile(src, target string) (bool, error) {
	st, err := os.Lstat(target)
	if err != nil {
		return false, err
	}
	if !st.Mode().IsRegular() {
		return false, nil
	}
	a, err1 := os.ReadFile(src)
	b, err2 := os.ReadFile(target)
	return err1 == nil && err2 == nil && bytes.Equal(a, b), nil
}

func copyFile(src, target string) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return atomicfile.Write(target, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
