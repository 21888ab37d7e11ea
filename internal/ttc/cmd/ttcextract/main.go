// Command ttcextract writes one face of a TrueType collection as a .ttf.
// It regenerates internal/cjkfont's embedded font (see go:generate there).
//
//	go run ./internal/ttc/cmd/ttcextract IN.ttc INDEX OUT.ttf
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/proofpack/proofpack/internal/ttc"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ttcextract:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 3 {
		return fmt.Errorf("usage: ttcextract IN.ttc INDEX OUT.ttf")
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	idx, err := strconv.Atoi(args[1])
	if err != nil {
		return fmt.Errorf("INDEX %q: want a face number such as 0", args[1])
	}
	ttf, err := ttc.Extract(data, idx)
	if err != nil {
		return err
	}
	return os.WriteFile(args[2], ttf, 0o644)
}
