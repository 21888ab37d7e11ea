// Package review writes the HTML page operations staff read before they
// submit packets: one row per order with its status, dispute, platform and
// profile, pages and size against the portal's limits, the weight verdict,
// the findings 'proofpack check' gives, thumbnails of the exhibits and a
// small HTML rendering of the cover's facts, and links to the PDF, the
// statement and the exported images.
//
// The page is one self-contained file (inline CSS, no script, nothing from
// the network) that works opened straight from disk; its thumbnails are
// small JPEG files in a folder beside it, made from the small renditions
// the build hands over (packet.Preview.Pixels; see ThumbBox), so no image
// is decoded again. Filters by status
// and by warning are radio buttons styled with :checked selectors. Every
// string from an order goes through html/template; the fixed wording comes
// from the phrase books in templates/lang (keys starting with review_).
//
// A batch keeps each order's row as JSON beside its thumbnails (Save,
// Load), so an order that was not rebuilt keeps its row.
//
// It is the machinery of 'proofpack batch' and 'build --html', internal to
// the command.
package review

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

// Statuses of an order on the page; batch uses the same words.
const (
	StatusBuilt     = "built"     // built in this run
	StatusUnchanged = "unchanged" // unchanged since its packet was built; not rebuilt
	StatusFailed    = "failed"    // could not be built
	StatusNotRun    = "not-run"   // the batch was interrupted before it
)

// Order is one order's row on the page. Paths are relative to the folder
// the page is written in, with forward slashes.
type Order struct {
	OrderID       string              `json:"order_id"`
	Folder        string              `json:"folder"`
	Status        string              `json:"status"`
	Dispute       string              `json:"dispute"`
	Language      string              `json:"language"`
	Platform      string              `json:"platform"`
	Profile       string              `json:"profile"`
	Pages         int                 `json:"pages"`
	MaxPages      int                 `json:"max_pages"` // 0: no limit
	Bytes         int64               `json:"bytes"`
	MaxBytes      int64               `json:"max_bytes"` // 0: no limit
	WeightVerdict string              `json:"weight_verdict"`
	Error         string              `json:"error,omitempty"`
	Findings      []packet.Finding    `json:"findings"`  // what check reports
	Checklist     []packet.KindStatus `json:"checklist"` // the cover's evidence checklist
	PDF           string              `json:"pdf,omitempty"`
	Statement     string              `json:"statement,omitempty"`
	Images        []string            `json:"images,omitempty"`
	Thumbs        []Thumb             `json:"thumbs,omitempty"`
}

// Thumb is one exhibit's thumbnail.
type Thumb struct {
	Label  string `json:"label"` // the exhibit image's name without extension: "A1", "B1-2of3"
	File   string `json:"file"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// Warnings returns the order's findings as the lines check prints.
func (o *Order) Warnings() []string {
	var out []string
	for _, f := range o.Findings {
		out = append(out, f.String())
	}
	return out
}

// New makes an order's row from what check reports on its folder and, when
// it was built, the build's result (nil when it failed). The paths in res
// are made relative to pageDir.
func New(folder, status string, rep *packet.Report, res *packet.Result, set *templates.Set, pageDir string) *Order {
	o := &Order{Folder: folder, Status: status, OrderID: rep.OrderID, Dispute: rep.Dispute, Language: rep.Language,
		Findings: rep.Findings, Checklist: rep.Evidence}
	if res == nil {
		return o
	}
	o.OrderID, o.Dispute, o.Language, o.Platform, o.Profile = res.OrderID, res.Dispute, res.Language, res.Platform, res.Profile
	o.Pages, o.Bytes, o.WeightVerdict = res.Pages, res.Bytes, res.WeightVerdict
	if prof, err := set.Profile(res.Profile); err == nil {
		o.MaxPages, o.MaxBytes = prof.MaxPages, prof.MaxBytes
	}
	o.PDF = relPath(pageDir, res.Output)
	if res.StatementFile != "" {
		o.Statement = relPath(pageDir, res.StatementFile)
	}
	for _, im := range res.Images {
		o.Images = append(o.Images, relPath(pageDir, im))
	}
	return o
}

// relPath is p relative to dir with forward slashes, or p itself when it
// cannot be made relative.
func relPath(dir, p string) string {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(ad, ap)
	if err != nil {
		return filepath.ToSlash(ap)
	}
	return filepath.ToSlash(rel)
}

// Folder is the folder beside a review page that holds each order's row
// and thumbnails, one subfolder per packet.
const Folder = "review"

// RowDir is the folder of the row and thumbnails of the packet pdf (its
// path or name), for a page in pageDir.
func RowDir(pageDir, pdf string) string {
	base := filepath.Base(pdf)
	return filepath.Join(pageDir, Folder, strings.TrimSuffix(base, filepath.Ext(base)))
}

// WriteThumbs writes one small JPEG per preview into dir and records them
// in o, relative to pageDir. The previews are the packet's normalised
// images, so this decodes nothing the build has not already made small.
// The files are regenerable: a batch writes the order's row (Save) only
// after them, and rebuilds an order whose row is missing.
func (o *Order) WriteThumbs(ctx context.Context, dir, pageDir string, previews []packet.Preview) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	o.Thumbs = nil
	for _, p := range previews {
		data, w, h, err := thumbnail(ctx, p)
		if err != nil {
			return fmt.Errorf("thumbnail of %s: %w", p.Name, err)
		}
		label := strings.TrimSuffix(p.Name, filepath.Ext(p.Name))
		name := filepath.Join(dir, label+".jpg")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
		o.Thumbs = append(o.Thumbs, Thumb{Label: label, File: relPath(pageDir, name), Width: w, Height: h})
	}
	return nil
}

// RowFile is the name of an order's saved row inside its thumbnail folder.
const RowFile = "row.json"

// Save writes the row into dir (its thumbnail folder). Like the
// thumbnails it is a cache, written without the temporary file and sync of
// the packets: a row cut short by a crash is not valid JSON, so Load fails
// and the batch rebuilds the order.
func (o *Order) Save(dir string) error {
	data, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, RowFile), append(data, '\n'), 0o644)
}

// Load reads the row Save wrote into dir.
func Load(dir string) (*Order, error) {
	data, err := os.ReadFile(filepath.Join(dir, RowFile))
	if err != nil {
		return nil, err
	}
	var o Order
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, RowFile), err)
	}
	return &o, nil
}
