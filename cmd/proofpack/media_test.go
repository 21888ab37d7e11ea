package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/rogpeppe/go-internal/testscript"
)

// append SRC DST adds SRC's text to the end of DST.
func cmdAppend(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: append SRC DST")
	}
	f, err := os.OpenFile(ts.MkAbs(args[1]), os.O_APPEND|os.O_WRONLY, 0)
	ts.Check(err)
	_, err = f.WriteString(ts.ReadFile(args[0]))
	ts.Check(err)
	ts.Check(f.Close())
}

// nopath NAME... hides programs: every PATH folder holding one of them is
// replaced by a folder of links to its other programs.
func cmdNoPath(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: nopath NAME...")
	}
	var dirs []string
	for i, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		entries, err := os.ReadDir(dir)
		hides := false
		for _, e := range entries {
			hides = hides || slices.Contains(args, e.Name())
		}
		if err != nil || !hides {
			dirs = append(dirs, dir)
			continue
		}
		link := ts.MkAbs(filepath.Join(".nopath", string(rune('a'+i))))
		ts.Check(os.MkdirAll(link, 0o755))
		for _, e := range entries {
			if !slices.Contains(args, e.Name()) {
				os.Symlink(filepath.Join(dir, e.Name()), filepath.Join(link, e.Name()))
			}
		}
		dirs = append(dirs, link)
	}
	ts.Setenv("PATH", strings.Join(dirs, string(filepath.ListSeparator)))
}

// hasdigest FILE TEXT checks that TEXT (a PDF's text, line breaks and all)
// holds FILE's SHA-256 in hex.
func cmdHasDigest(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: hasdigest FILE TEXT")
	}
	sum := sha256.Sum256([]byte(ts.ReadFile(args[0])))
	text := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, ts.ReadFile(args[1]))
	if found := strings.Contains(text, hex.EncodeToString(sum[:])); found == neg {
		ts.Fatalf("%s holds the SHA-256 of %s: %v", args[1], args[0], found)
	}
}
