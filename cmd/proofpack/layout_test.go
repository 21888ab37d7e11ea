package main

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeLayoutMatchesTree keeps the README's "Layout of the code"
// table true: every Go package in the module is named there (itself or
// through a folder above it), and every folder the table names exists.
func TestReadmeLayoutMatchesTree(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "## Layout of the code")
	if start < 0 {
		t.Fatal(`README.md has no "## Layout of the code" section`)
	}
	section = section[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(section, -1) {
		dir := strings.TrimSuffix(m[1], "/")
		named[dir] = true
		if fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir))); err != nil || !fi.IsDir() {
			t.Errorf("README layout names %s, which is not a folder of the repository", m[1])
		}
	}
	err = fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "samples") && p != "." {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if named[dir] {
				return nil
			}
		}
		t.Errorf("README layout does not name the package in %s (add a row for it)", path.Dir(p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
