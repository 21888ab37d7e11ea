package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/proofpack/proofpack/internal/atomicfile"
)

// StateFile is the name of the incremental state file in the output folder.
const StateFile = ".proofpack-state.json"

// stateVersion is the state file's format version; a file of another
// version is ignored (every order is rebuilt), never misread.
const stateVersion = 1

// State records, per order folder, the fingerprint of the inputs its packet
// was last built from. It is rewritten atomically after every built order,
// so a batch killed at any point leaves a state that matches the PDFs on
// disk.
//
// The file is JSON:
//
//	{
//	  "version": 1,
//	  "orders": {
//	    "shop-a/PDD-0001": {"order_id": "PDD-0001", "fingerprint": "<sha256 hex>",
//	      "output": "PDD-0001.pdf", "statement": "PDD-0001.txt", "dispute": "missing-item",
//	      "pages": 9, "bytes": 812345}
//	  }
//	}
//
// keyed by the order folder's slash path relative to the batch root, with
// output file names relative to the output folder.
type State struct {
	Version int                    `json:"version"`
	Orders  map[string]*StateEntry `json:"orders"`
}

// StateEntry is one built order.
type StateEntry struct {
	OrderID     string `json:"order_id"`
	Fingerprint string `json:"fingerprint"`
	Output      string `json:"output"`
	Statement   string `json:"statement,omitempty"`
	Dispute     string `json:"dispute,omitempty"`
	Pages       int    `json:"pages"`
	Bytes       int64  `json:"bytes"`
}

// LoadState reads the state file at path; a missing, unreadable or foreign
// file gives an empty state (the batch then rebuilds everything), with a
// warning for anything but a missing file.
func LoadState(path string) (*State, string) {
	empty := &State{Version: stateVersion, Orders: map[string]*StateEntry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return empty, ""
	}
	if err != nil {
		return empty, fmt.Sprintf("%s: %v; rebuilding every order", path, err)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil || s.Version != stateVersion || s.Orders == nil {
		return empty, fmt.Sprintf("%s: not a state file this version understands; rebuilding every order", path)
	}
	return &s, ""
}

// Save writes the state atomically.
func (s *State) Save(path string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}
