package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// MaxManifestBytes bounds the size of order.yaml / order.json.
const MaxManifestBytes = 4 << 20

// FieldError is one problem with the manifest, located by file, line and
// column where the manifest shows it.
type FieldError struct {
	File         string // manifest file name as given to Parse
	Line, Column int    // 1-based; 0 when the position is unknown
	Field        string // dotted path such as shipment.warehouse_weight_g
	Problem      string // what is wrong, including what was expected
	Hint         string // how to fix it; may be empty
	// Err is the cause, when it is one of the package's errors (see
	// ErrNotFound, ErrTooManyPixels, ...) or carries one; nil otherwise.
	Err error
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *FieldError) Unwrap() error { return e.Err }

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Problem)
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

// ManifestError lists every problem found in one manifest.
type ManifestError struct{ Problems []*FieldError }

// Unwrap returns the problems, so that errors.Is finds a cause in any.
func (e *ManifestError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

func (e *ManifestError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// ParseManifest decodes and validates a manifest. name is used in messages.
// YAML and JSON are both accepted (JSON is read as YAML, which it is).
// Unknown fields, duplicate keys, anchors and aliases are errors.
func ParseManifest(name string, data []byte) (*Manifest, error) {
	return parseManifest(name, data, ManifestLimits{})
}

func parseManifest(name string, data []byte, lim ManifestLimits) (*Manifest, error) {
	fail := func(line, col int, field, problem, hint string) error {
		return &ManifestError{Problems: []*FieldError{{File: name, Line: line, Column: col, Field: field, Problem: problem, Hint: hint}}}
	}
	if len(data) > MaxManifestBytes {
		return nil, fail(0, 0, "", fmt.Sprintf("manifest is %d bytes; the limit is %d", len(data), MaxManifestBytes), "move long text into evidence files")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(0, 0, "", "manifest is empty", "run 'proofpack init' to write a commented one")
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off])
		return nil, fail(line, col, "", "text is not valid UTF-8", "save the file as UTF-8")
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, data, err)
	}
	var docs []*ast.DocumentNode
	for _, d := range file.Docs {
		if d != nil && d.Body != nil { // a bare "---" is an empty document
			docs = append(docs, d)
		}
	}
	if len(docs) > 1 {
		line, col := nodePos(docs[1].Body)
		if tok := docs[1].Start; tok != nil && tok.Position != nil {
			line, col = tok.Position.Line, tok.Position.Column
		}
		return nil, fail(line, col, "", "the manifest holds more than one YAML document (---)", "keep one order per manifest, one manifest per folder")
	}
	if err := rejectAliases(name, file); err != nil {
		return nil, err
	}
	if err := requireIntegers(name, file); err != nil {
		return nil, err
	}
	if ps := numberSlips(name, file); len(ps) > 0 {
		return nil, &ManifestError{Problems: ps}
	}
	var m Manifest
	if err := yamlsafe.Unmarshal(data, &m, yaml.DisallowUnknownField(), timeOption(peekLocation(data))); err != nil {
		return nil, yamlError(name, data, err)
	}
	m.src, m.name = file, name
	if problems := validate(&m, lim); len(problems) > 0 {
		for _, p := range problems {
			m.place(p)
		}
		return nil, &ManifestError{Problems: problems}
	}
	return &m, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// rejectAliases refuses YAML anchors, aliases and tags: a manifest never
// needs them, nested aliases expand exponentially ("billion laughs"), and
// tags have crashed the decoder (a fuzzed input).
func rejectAliases(name string, file *ast.File) error {
	var found ast.Node
	for _, doc := range file.Docs {
		ast.Walk(visitFunc(func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n.(type) {
			case *ast.AliasNode, *ast.AnchorNode, *ast.TagNode:
				found = n
				return false
			}
			return true
		}), doc)
	}
	if found == nil {
		return nil
	}
	line, col := nodePos(found)
	if _, tag := found.(*ast.TagNode); tag {
		return &ManifestError{Problems: []*FieldError{{File: name, Line: line, Column: col,
			Problem: "YAML tags (!name) are not allowed in a manifest", Hint: "write the plain value; quote it if it starts with !"}}}
	}
	return &ManifestError{Problems: []*FieldError{{File: name, Line: line, Column: col,
		Problem: "YAML anchors and aliases (&name, *name) are not allowed in a manifest", Hint: "write the value out in full"}}}
}

// requireIntegers refuses fractional quantities; the decoder would
// otherwise truncate 1.9 to 1.
func requireIntegers(name string, file *ast.File) error {
	var bad ast.Node
	for _, doc := range file.Docs {
		ast.Walk(visitFunc(func(n ast.Node) bool {
			mv, ok := n.(*ast.MappingValueNode)
			if bad != nil || !ok || mv.Key == nil || mv.Key.String() != "quantity" {
				return bad == nil
			}
			if _, isFloat := mv.Value.(*ast.FloatNode); isFloat {
				bad = mv.Value
			}
			return true
		}), doc)
	}
	if bad == nil {
		return nil
	}
	line, col := nodePos(bad)
	return &ManifestError{Problems: []*FieldError{{File: name, Line: line, Column: col,
		Field:   strings.TrimPrefix(bad.GetPath(), "$."),
		Problem: fmt.Sprintf("%s is not a whole number", bad.String()), Hint: "a quantity counts pieces, such as 2"}}}
}

// nodePos is a node's line and column, or 0, 0 when it has none.
func nodePos(n ast.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	if tok := n.GetToken(); tok != nil && tok.Position != nil {
		return tok.Position.Line, tok.Position.Column
	}
	return 0, 0
}

type visitFunc func(ast.Node) bool

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	if f(n) {
		return f
	}
	return nil
}

var unknownFieldRe = regexp.MustCompile(`unknown field "([^"]+)"`)

// yamlError turns a go-yaml error into a FieldError with its position,
// or into the typing slip of data that caused it.
func yamlError(name string, data []byte, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		if slip := lineSlip(name, data, 0); slip != nil {
			return &ManifestError{Problems: []*FieldError{slip}}
		}
		return &ManifestError{Problems: []*FieldError{{File: name, Problem: err.Error()}}}
	}
	fe := &FieldError{File: name, Problem: ye.GetMessage()}
	if tok := ye.GetToken(); tok != nil && tok.Position != nil {
		fe.Line, fe.Column = tok.Position.Line, tok.Position.Column
	}
	if slip := lineSlip(name, data, fe.Line); slip != nil {
		return &ManifestError{Problems: []*FieldError{slip}}
	}
	if m := unknownFieldRe.FindStringSubmatch(fe.Problem); m != nil {
		fe.Hint = "field names are case-sensitive; see 'proofpack schema'"
		if s := closest(m[1], manifestFieldNames()); s != "" {
			fe.Hint = fmt.Sprintf("did you mean %q?", s)
		}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		fe.Hint = "check the value's type: numbers unquoted, dates as 2026-11-01 10:00 or 2026-11-01T10:00:00+08:00, lists in [ ] or with -"
	}
	var de *yaml.DuplicateKeyError
	if errors.As(err, &de) || strings.Contains(fe.Problem, "already defined") {
		fe.Hint = "each key may appear once; remove or merge the duplicate"
	}
	return &ManifestError{Problems: []*FieldError{fe}}
}

// manifestFieldNames lists every YAML key that appears anywhere in a manifest.
func manifestFieldNames() []string {
	seen := map[string]bool{}
	walkManifestFields(func(key string, _ reflect.Type) { seen[key] = true })
	return slices.Sorted(maps.Keys(seen))
}

// walkManifestFields calls visit with the YAML key and Go type of every
// field of the manifest and of the package's structs nested in it.
func walkManifestFields(visit func(key string, t reflect.Type)) {
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != reflect.TypeFor[Manifest]().PkgPath() {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			visit(strings.Split(f.Tag.Get("yaml"), ",")[0], f.Type)
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Manifest]())
}

// closest returns the candidate within edit distance 2 of s, or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// FieldError returns a problem with one field, located in the manifest.
func (m *Manifest) FieldError(field, problem, hint string) *FieldError {
	return m.place(&FieldError{Field: field, Problem: problem, Hint: hint})
}

func (m *Manifest) place(p *FieldError) *FieldError {
	p.File = m.name
	if m.src != nil {
		locate(m.src, p)
	}
	return p
}

// locate fills in the line and column of p's field from the parsed file.
func locate(file *ast.File, p *FieldError) {
	if p.Field == "" {
		return
	}
	yp, err := yaml.PathString("$." + p.Field)
	if err != nil {
		return
	}
	node, err := yp.FilterFile(file)
	if err != nil || node == nil {
		// The field is absent: point at its parent if present.
		if i := strings.LastIndexAny(p.Field, ".["); i > 0 {
			parent := &FieldError{Field: p.Field[:i]}
			locate(file, parent)
			p.Line, p.Column = parent.Line, parent.Column
		}
		return
	}
	if tok := node.GetToken(); tok != nil && tok.Position != nil {
		p.Line, p.Column = tok.Position.Line, tok.Position.Column
	}
}
