package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/proofpack/proofpack/internal/samplegen"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"proofpack": main})
}

// TestScripts runs the command-line scenarios in testdata/script. $SAMPLES
// is the repository's samples folder: scripts copy the committed sample
// orders (which CI draws again and diffs) with cpdir instead of drawing
// them.
func TestScripts(t *testing.T) {
	samples, err := filepath.Abs(filepath.Join("..", "..", "samples"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLES", samples)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cpdir":     cmdCpDir,
			"hugepng":   cmdHugePNG,
			"truncate":  cmdTruncate,
			"cmptree":   cmdCmpTree,
			"encode":    cmdEncode,
			"append":    cmdAppend,
			"nopath":    cmdNoPath,
			"hasdigest": cmdHasDigest,
		},
	})
}

// hugepng W H FILE writes a PNG header claiming W x H pixels, no data.
func cmdHugePNG(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: hugepng W H FILE")
	}
	w, _ := strconv.Atoi(args[0])
	h, _ := strconv.Atoi(args[1])
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), samplegen.HugePNGHeader(uint32(w), uint32(h)), 0o644))
}

// cpdir SRC DST copies the folder tree SRC to DST, which must not exist.
func cmdCpDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cpdir SRC DST")
	}
	ts.Check(os.CopyFS(ts.MkAbs(args[1]), os.DirFS(ts.MkAbs(args[0]))))
}

// truncate N FILE keeps the first N bytes of FILE.
func cmdTruncate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: truncate N FILE")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[1]), int64(n)))
}

// encode gb18030|utf-16le SRC DST writes the UTF-8 file SRC in another
// encoding, as platforms' exports come.
func cmdEncode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: encode gb18030|utf-16le SRC DST")
	}
	var e encoding.Encoding
	switch args[0] {
	case "gb18030":
		e = simplifiedchinese.GB18030
	case "utf-16le":
		e = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	default:
		ts.Fatalf("encode: unknown encoding %s", args[0])
	}
	out, err := e.NewEncoder().Bytes([]byte(ts.ReadFile(args[1])))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
}

// cmptree A B compares two folder trees file by file.
func cmdCmpTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmptree A B")
	}
	a, b := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	list := func(root string) map[string][]byte {
		files := map[string][]byte{}
		ts.Check(filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			data, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = data
			return err
		}))
		return files
	}
	fa, fb := list(a), list(b)
	var diffs []string
	for name, data := range fa {
		if other, ok := fb[name]; !ok {
			diffs = append(diffs, name+": only in "+args[0])
		} else if !bytes.Equal(data, other) {
			diffs = append(diffs, name+": differs")
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			diffs = append(diffs, name+": only in "+args[1])
		}
	}
	sort.Strings(diffs)
	if neg && len(diffs) == 0 {
		ts.Fatalf("%s and %s are identical", args[0], args[1])
	}
	if !neg && len(diffs) > 0 {
		ts.Fatalf("%s and %s differ (%d files):\n%s", args[0], args[1], len(fa), strings.Join(diffs, "\n"))
	}
	ts.Logf("%d files compared", len(fa))
}
