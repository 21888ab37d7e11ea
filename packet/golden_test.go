package packet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// TestGolden compares each sample's document model, as JSON, with the
// committed golden file, and prints where they differ. Run with -update to
// accept a change.
func TestGolden(t *testing.T) {
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := json.MarshalIndent(renderSample(t, name).pk.Doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run 'go test ./packet -run TestGolden -update' to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the document model of %s differs from %s; if the change is meant, accept it with 'go test ./packet -run TestGolden -update':\n%s",
					name, golden, goldenDiff(golden, want, got))
			}
		})
	}
}

// goldenDiff is a unified diff of the golden file and the model now, cut
// after maxDiffLines lines.
func goldenDiff(golden string, want, got []byte) string {
	const maxDiffLines = 60
	lines := strings.SplitAfter(string(diff.Diff(golden, want, "now", got)), "\n")
	if len(lines) > maxDiffLines {
		lines = append(lines[:maxDiffLines], fmt.Sprintf("... (%d more lines)\n", len(lines)-maxDiffLines))
	}
	return strings.Join(lines, "")
}
