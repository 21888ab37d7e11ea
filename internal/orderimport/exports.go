package orderimport

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// Export is the header set of one platform's own order export, read from
// a data file in exports/: which header holds which field, and whether the
// header's spelling was seen in real exports or guessed.
type Export struct {
	File     string         `yaml:"-"` // the data file, e.g. exports/taobao.yaml
	Platform string         `yaml:"platform"`
	Title    string         `yaml:"title"`
	Columns  []ExportColumn `yaml:"columns"`
}

// ExportColumn is one header of an export. When several headers of an
// export hold the same field, the first one the file has is used.
type ExportColumn struct {
	Header string `yaml:"header"`
	Field  string `yaml:"field"` // a field, or "-" for a column deliberately not imported
	Seen   string `yaml:"seen"`  // "confirmed" or "guessed"
}

//go:embed exports/*.yaml
var exportFiles embed.FS

// Exports returns the built-in header sets, in file name order.
var Exports = sync.OnceValue(func() []*Export {
	exps, err := loadExports(exportFiles)
	if err != nil {
		panic(err) // the files are embedded; TestExports checks them
	}
	return exps
})

func loadExports(fsys fs.FS) ([]*Export, error) {
	names, err := fs.Glob(fsys, "exports/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*Export
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		e := &Export{File: name}
		if err := yamlsafe.Unmarshal(data, e, yaml.Strict()); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func (e *Export) check() error {
	if !slices.Contains(evidence.Platforms, e.Platform) {
		return fmt.Errorf("platform %q: expected one of %v", e.Platform, evidence.Platforms)
	}
	if e.Title == "" {
		return fmt.Errorf("no title")
	}
	fields := map[string]bool{}
	for _, c := range e.Columns {
		if _, ok := canonicalField(c.Field); !ok || c.Header == "" {
			return fmt.Errorf("column %q: field %q: expected a header and one of %v", c.Header, c.Field, Fields())
		}
		if c.Seen != "confirmed" && c.Seen != "guessed" {
			return fmt.Errorf("column %q: seen %q: expected confirmed or guessed", c.Header, c.Seen)
		}
		fields[c.Field] = true
	}
	for _, f := range []string{fOrderID, fItemName} {
		if !fields[f] {
			return fmt.Errorf("no column gives %s", f)
		}
	}
	return nil
}

// Name is the export's short name, its file's base name (taobao).
func (e *Export) Name() string { return path.Base(e.File[:len(e.File)-len(path.Ext(e.File))]) }

// recogniseExport returns the built-in export whose own headers (those
// that are not also default headers, such as 宝贝总数量 or 商家编码-SKU维度)
// the header row (normalized) has most of: at least two, and a header of
// the export that gives the order id. It returns nil when none does.
func recogniseExport(norm []string) *Export {
	var best *Export
	bestN := 1
	for _, e := range Exports() {
		n, id := 0, false
		for _, c := range e.Columns {
			if !slices.Contains(norm, normHeader(c.Header)) {
				continue
			}
			id = id || c.Field == fOrderID
			if !isDefaultHeader(c.Header) {
				n++
			}
		}
		if id && n > bestN {
			best, bestN = e, n
		}
	}
	return best
}

func isDefaultHeader(h string) bool {
	for _, hs := range DefaultHeaders {
		for _, d := range hs {
			if normHeader(d) == normHeader(h) {
				return true
			}
		}
	}
	return false
}
