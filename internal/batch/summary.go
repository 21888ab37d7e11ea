package batch

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/internal/review"
)

// Status of one order in a batch: the same words in the progress lines, the
// tally, the summary files and the review page.
const (
	StatusBuilt     = review.StatusBuilt     // built in this run
	StatusUnchanged = review.StatusUnchanged // unchanged since its packet was built; not rebuilt
	StatusFailed    = review.StatusFailed    // could not be built; Error says why
	StatusNotRun    = review.StatusNotRun    // the batch was interrupted before it
)

// Record is one order's line in the summary.
type Record struct {
	OrderID       string   `json:"order_id"`
	Folder        string   `json:"folder"` // slash path relative to the root
	Dispute       string   `json:"dispute"`
	Status        string   `json:"status"`
	Pages         int      `json:"pages"`
	Bytes         int64    `json:"bytes"`
	Output        string   `json:"output"` // path of the PDF, "" when failed
	DurationMS    int64    `json:"duration_ms"`
	WeightVerdict string   `json:"weight_verdict,omitempty"`
	Error         string   `json:"error,omitempty"`
	Warnings      []string `json:"warnings,omitempty"` // what 'proofpack check' reports on the order
	// Row is the order's row on the review page.
	Row *review.Order `json:"-"`
}

// Summary is the outcome of a batch.
type Summary struct {
	Root       string   `json:"root"`
	OutDir     string   `json:"out_dir"`
	Shard      string   `json:"shard,omitempty"`
	Total      int      `json:"total"` // orders in this run (this shard)
	Built      int      `json:"built"`
	Unchanged  int      `json:"unchanged"`
	Failed     int      `json:"failed"`
	NotRun     int      `json:"not_run,omitempty"` // left when the batch was interrupted
	DurationMS int64    `json:"duration_ms"`
	Orders     []Record `json:"orders"` // sorted by folder; orders not run have status not-run
}

// Tally is the one-line account printed at the end of a batch.
func (s *Summary) Tally() string {
	line := fmt.Sprintf("%d orders: %d built, %d unchanged, %d failed", s.Total, s.Built, s.Unchanged, s.Failed)
	if s.NotRun > 0 {
		line += fmt.Sprintf(", %d not run (interrupted)", s.NotRun)
	}
	return line
}

// Summary file names in the output folder.
const (
	SummaryJSON = "summary.json"
	SummaryCSV  = "summary.csv"
)

// WriteSummary writes summary.json and summary.csv into dir, atomically.
// The CSV starts with a UTF-8 byte-order mark, without which Excel on a
// Chinese Windows reads it as GBK and shows mojibake; several warnings
// share one cell, one per line.
func WriteSummary(dir string, s *Summary) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	err = atomicfile.Write(filepath.Join(dir, SummaryJSON), func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, SummaryCSV), func(w io.Writer) error {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		cw.Write([]string{"order_id", "folder", "dispute", "status", "pages", "bytes", "output", "duration_ms", "weight_verdict", "error", "warnings"})
		for _, r := range s.Orders {
			cw.Write([]string{r.OrderID, r.Folder, r.Dispute, r.Status, strconv.Itoa(r.Pages),
				strconv.FormatInt(r.Bytes, 10), r.Output, strconv.FormatInt(r.DurationMS, 10), r.WeightVerdict, r.Error,
				strings.Join(r.Warnings, "\n")})
		}
		cw.Flush()
		return cw.Error()
	})
}
