package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/proofpack/proofpack/evidence"
)

// fingerprintVersion changes when the fingerprint's recipe changes, so an
// old state file never matches by accident.
const fingerprintVersion = "proofpack-batch-fingerprint/1"

// RunKey is what every order of a batch shares in its fingerprint: the
// tool, the flags that change a packet's bytes, and the templates.
type RunKey struct {
	Tool      string            // version string, plus a digest of the binary for development builds
	Flags     map[string]string // flags (and environment) that affect the output
	Templates string            // templates.Set.Digest of the set in use
}

// digest hashes the key into a prefix for every order's fingerprint.
func (k RunKey) digest() []byte {
	h := sha256.New()
	writeField(h, fingerprintVersion)
	writeField(h, k.Tool)
	keys := make([]string, 0, len(k.Flags))
	for f := range k.Flags {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	for _, f := range keys {
		writeField(h, f)
		writeField(h, k.Flags[f])
	}
	writeField(h, k.Templates)
	return h.Sum(nil)
}

// writeField writes a length-prefixed string, so that field boundaries
// cannot shift ("ab"+"c" and "a"+"bc" hash differently).
func writeField(h hash.Hash, s string) {
	fmt.Fprintf(h, "%d:%s\n", len(s), s)
}

// Fingerprint hashes everything that decides the order's packet: the run
// key, the manifest's name and bytes, and the slash path and bytes of every
// file in the order folder (hidden files and folders excepted, as the build
// ignores them, but any file the manifest lists is included). Files are
// streamed through the hash, never held whole. Symbolic links are hashed
// by their target path and, when it can be read, the target's bytes.
func Fingerprint(o Order, key RunKey) (string, error) {
	return fingerprint(o, key.digest())
}

func fingerprint(o Order, prefix []byte) (string, error) {
	h := sha256.New()
	h.Write(prefix)
	fsys := os.DirFS(o.Dir)
	data, err := fs.ReadFile(fsys, o.Manifest)
	if err != nil {
		return "", fmt.Errorf("%s: %w", o.Dir, err)
	}
	writeField(h, o.Manifest)
	writeField(h, string(data))

	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && p != o.Manifest {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("%s: reading folder: %w", o.Dir, err)
	}
	// Files the manifest lists by a hidden path are evidence too.
	if m, err := evidence.ParseManifest(path.Join(o.Dir, o.Manifest), data); err == nil {
		for _, it := range m.Evidence {
			p := path.Clean(strings.ReplaceAll(it.File, "\\", "/"))
			if !slices.Contains(files, p) && p != o.Manifest && fs.ValidPath(p) {
				files = append(files, p)
			}
		}
	}
	sort.Strings(files)
	for _, p := range files {
		if err := hashFile(h, o.Dir, p); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(h hash.Hash, dir, p string) error {
	full := dir + string(os.PathSeparator) + p
	writeField(h, "file")
	writeField(h, p)
	st, err := os.Lstat(full)
	if err != nil {
		writeField(h, "missing") // the build reports it; a later copy changes the hash
		return nil
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(full)
		writeField(h, "symlink")
		writeField(h, target)
		st, err = os.Stat(full)
	}
	if err != nil || !st.Mode().IsRegular() {
		// Never opened: a named pipe would block the batch forever.
		writeField(h, "not a file")
		return nil
	}
	f, err := os.Open(full)
	if err != nil {
		writeField(h, "unreadable")
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		writeField(h, "not a file")
		return nil
	}
	writeField(h, "bytes")
	n, err := io.Copy(h, f)
	if err != nil {
		return fmt.Errorf("%s: %w", full, err)
	}
	writeField(h, fmt.Sprint(n))
	return nil
}
