// Package templates holds the packet's wording and limits as data: one
// dispute template per dispute type and language (disputes/NAME.LANG.yaml),
// the packet's fixed phrases per language (lang/LANG.yaml), the portal
// profiles (profiles/NAME.yaml) and the card networks' dispute reason codes
// (reasons.yaml), embedded in the binary and overridable from
// a folder at run time. It parses and checks them; it renders nothing.
package templates

import (
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/internal/yamlsafe"

	"github.com/proofpack/proofpack/evidence"
)

//go:embed disputes/*.yaml lang/*.yaml profiles/*.yaml reasons.yaml
var builtin embed.FS

// Section names a dispute template may list, in any order.
var sectionNames = []string{"cover", "statement", "facts", "timeline", "weights", "exhibits", "integrity"}

// Dispute is one dispute type's template in one language.
type Dispute struct {
	Name     string `yaml:"name"`
	Language string `yaml:"language"`
	Title    string `yaml:"title"`
	// Summary tells a seller what the template is for (proofpack
	// templates); it is not printed in the packet.
	Summary string `yaml:"summary"`
	// CaseSummary, optional, opens the cover: two or three sentences over
	// the same facts as Statement, the deciding numbers first.
	CaseSummary    string          `yaml:"case_summary"`
	Required       []evidence.Kind `yaml:"required"`
	Recommended    []evidence.Kind `yaml:"recommended"`
	Sections       []string        `yaml:"sections"`
	StatementLimit int             `yaml:"statement_limit"`
	Statement      string          `yaml:"statement"`
	// ShortStatement, optional, is the statement for a portal text box
	// shorter than Statement (Taobao's 200 characters): the PDF keeps the
	// full statement, the .txt for the text box gets this one.
	ShortStatement string `yaml:"short_statement"`

	Source    string `yaml:"-"` // file it was read from
	statement *Text  // parsed Statement
	short     *Text  // parsed ShortStatement, or nil
	summary   *Text  // parsed CaseSummary
}

// CaseSummaryTemplate returns the parsed case summary, or nil.
func (d *Dispute) CaseSummaryTemplate() *Text { return d.summary }

// ShortStatementTemplate returns the parsed short statement, or nil.
func (d *Dispute) ShortStatementTemplate() *Text { return d.short }

// StatementTemplate returns the parsed statement, safe for concurrent use.
func (d *Dispute) StatementTemplate() *Text { return d.statement }

// Lang is the packet's fixed wording in one language: each value is a
// text/template executed over the data the packet passes for that key.
// Everything a reader sees that depends on the language is in it, so a
// new language is one more phrase book (and the dispute templates in it).
type Lang struct {
	Language string
	Source   string
	phrases  map[string]*Text
}

// Phrase returns the template for key, or an error naming the file.
func (l *Lang) Phrase(key string) (*Text, error) {
	t, ok := l.phrases[key]
	if !ok {
		return nil, fmt.Errorf("%s: phrase %q is missing", l.Source, key)
	}
	return t, nil
}

// Has reports whether the book has the phrase key.
func (l *Lang) Has(key string) bool {
	_, ok := l.phrases[key]
	return ok
}

// Say renders the phrase key over data.
func (l *Lang) Say(key string, data any) (string, error) {
	t, err := l.Phrase(key)
	if err != nil {
		return "", err
	}
	return t.Execute(data)
}

// Words renders one document's wording from a phrase book. A phrase that
// is missing or fails shows as "[key]", and Err keeps the first error for
// the caller to report when the document is done.
type Words struct {
	Book *Lang
	Err  error
}

// T renders the phrase key over data.
func (w *Words) T(key string, data any) string {
	s, err := w.Book.Say(key, data)
	if err != nil {
		w.Err = cmp.Or(w.Err, err)
		return "[" + key + "]"
	}
	return s
}

// S renders a phrase that takes no data.
func (w *Words) S(key string) string { return w.T(key, nil) }

// Platform names a platform in the book's language (phrase
// platform_NAME), or gives the name as it is for one the book lacks.
func (w *Words) Platform(name string) string {
	if !w.Book.Has("platform_" + name) {
		return name
	}
	return w.S("platform_" + name)
}

// Kind names an evidence kind in the book's language (phrase kind_NAME).
func (w *Words) Kind(k evidence.Kind) string { return w.S("kind_" + string(k)) }

// Keys lists the phrase keys, sorted.
func (l *Lang) Keys() []string { return slices.Sorted(maps.Keys(l.phrases)) }

// Set is every dispute template and phrase book available to a run.
type Set struct {
	disputes map[string]*Dispute // name + "." + language
	langs    map[string]*Lang
	profiles map[string]*Profile
	reasons  *Reasons
	digest   hash.Hash // every file read, path and bytes, in order
}

// Digest identifies the set's contents: a SHA-256 over the path and bytes
// of every embedded and override file read, so that a changed template,
// phrase or profile changes it.
func (s *Set) Digest() string { return hex.EncodeToString(s.digest.Sum(nil)) }

// Builtin returns the embedded templates.
func Builtin() (*Set, error) { return Load(nil) }

// Load reads the embedded templates and then, when override is not nil,
// the templates in it (same layout: disputes/ and lang/, or the dispute
// files at its top level), which add to or replace the embedded ones.
func Load(override fs.FS) (*Set, error) {
	s := &Set{disputes: map[string]*Dispute{}, langs: map[string]*Lang{}, profiles: map[string]*Profile{}, digest: sha256.New()}
	if err := s.add(builtin, "templates"); err != nil {
		return nil, err
	}
	if override != nil {
		if err := s.add(override, ""); err != nil {
			return nil, err
		}
	}
	var errs []error
	for _, d := range s.List() {
		if _, err := s.Lang(d.Language); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", d.Source, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Set) add(fsys fs.FS, prefix string) error {
	var errs []error
	seen := map[string]string{} // dispute key -> file, within this folder
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		// Never open anything but a regular file: a named pipe would
		// wait for a writer forever.
		if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
			errs = append(errs, fmt.Errorf("%s: not a regular file", path.Join(prefix, p)))
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		shown := path.Join(prefix, p)
		fmt.Fprintf(s.digest, "%d:%s%d:", len(shown), shown, len(data))
		s.digest.Write(data)
		if p == "reasons.yaml" {
			r, err := ParseReasons(shown, data)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			s.reasons = r
			return nil
		}
		if path.Dir(p) == "profiles" {
			pr, err := ParseProfile(shown, data)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			s.profiles[pr.Name] = pr
			return nil
		}
		if path.Dir(p) == "lang" {
			l, err := parseLang(shown, data)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			// An override changes the phrases it gives and keeps the rest.
			if base, ok := s.langs[l.Language]; ok {
				for k, t := range base.phrases {
					if _, set := l.phrases[k]; !set {
						l.phrases[k] = t
					}
				}
			}
			s.langs[l.Language] = l
			return nil
		}
		d2, err := ParseDispute(shown, data)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		key := d2.Name + "." + d2.Language
		if base := strings.TrimSuffix(path.Base(p), path.Ext(p)); base != key {
			errs = append(errs, fmt.Errorf("%s: declares name %q and language %q, so the file must be named %s.yaml", shown, d2.Name, d2.Language, key))
			return nil
		}
		if prev, dup := seen[key]; dup {
			errs = append(errs, fmt.Errorf("%s: %s is also defined by %s", shown, key, prev))
			return nil
		}
		seen[key] = shown
		s.disputes[key] = d2
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(errs...)
}

// ParseDispute reads one dispute template file; errors name file and line.
func ParseDispute(name string, data []byte) (*Dispute, error) {
	var d Dispute
	if err := yamlsafe.Unmarshal(data, &d, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlErr(name, err)
	}
	d.Source = name
	var probs []string
	if d.Name == "" || d.Title == "" || d.Statement == "" {
		probs = append(probs, "name, title and statement are required")
	}
	if !evidence.LanguageRe.MatchString(d.Language) {
		probs = append(probs, fmt.Sprintf("language %q: expected the name of a phrase book such as zh or en", d.Language))
	}
	for _, k := range append(slices.Clone(d.Required), d.Recommended...) {
		if _, ok := evidence.LookupKind(k); !ok {
			probs = append(probs, fmt.Sprintf("unknown evidence kind %q; expected one of %s", k, strings.Join(evidence.KindNames(), ", ")))
		}
	}
	if len(d.Sections) == 0 {
		probs = append(probs, "sections: list at least one of "+strings.Join(sectionNames, ", "))
	}
	for _, sec := range d.Sections {
		if !slices.Contains(sectionNames, sec) {
			probs = append(probs, fmt.Sprintf("unknown section %q; expected one of %s", sec, strings.Join(sectionNames, ", ")))
		}
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("%s: %s", name, strings.Join(probs, "; "))
	}
	t, err := parseText(name, d.Statement)
	if err != nil {
		return nil, fmt.Errorf("%s: statement: %w", name, err)
	}
	d.statement = t
	if d.CaseSummary != "" {
		if d.summary, err = parseText(name+":case_summary", d.CaseSummary); err != nil {
			return nil, fmt.Errorf("%s: case_summary: %w", name, err)
		}
	}
	if d.ShortStatement != "" {
		if d.short, err = parseText(name+":short_statement", d.ShortStatement); err != nil {
			return nil, fmt.Errorf("%s: short_statement: %w", name, err)
		}
	}
	return &d, nil
}

func parseLang(name string, data []byte) (*Lang, error) {
	var raw map[string]string
	if err := yamlsafe.Unmarshal(data, &raw); err != nil {
		return nil, yamlErr(name, err)
	}
	lang := strings.TrimSuffix(path.Base(name), path.Ext(name))
	l := &Lang{Language: lang, Source: name, phrases: map[string]*Text{}}
	for k, v := range raw {
		t, err := parseText(name+":"+k, v)
		if err != nil {
			return nil, fmt.Errorf("%s: phrase %s: %w", name, k, err)
		}
		l.phrases[k] = t
	}
	return l, nil
}

// Dispute returns the template for a dispute type in a language.
func (s *Set) Dispute(name, lang string) (*Dispute, error) {
	if d, ok := s.disputes[name+"."+lang]; ok {
		return d, nil
	}
	var have []string
	for _, d := range s.List() {
		if d.Language == lang {
			have = append(have, d.Name)
		}
	}
	return nil, fmt.Errorf("no dispute template %q in language %q; available: %s", name, lang, strings.Join(have, ", "))
}

// Lang returns the phrase book of a language.
func (s *Set) Lang(lang string) (*Lang, error) {
	if l, ok := s.langs[lang]; ok {
		return l, nil
	}
	return nil, fmt.Errorf("no phrase book for language %q (lang/%s.yaml); available: %s", lang, lang, strings.Join(s.Languages(), ", "))
}

// Languages lists the languages that have a phrase book, sorted.
func (s *Set) Languages() []string { return slices.Sorted(maps.Keys(s.langs)) }

// List returns every dispute template, sorted by name then language.
func (s *Set) List() []*Dispute {
	out := make([]*Dispute, 0, len(s.disputes))
	for _, d := range s.disputes {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Language < out[j].Language
	})
	return out
}

// yamlErr formats a YAML decoding error as file:line:col: message.
func yamlErr(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
		p := ye.GetToken().Position
		return fmt.Errorf("%s:%d:%d: %s", name, p.Line, p.Column, ye.GetMessage())
	}
	return fmt.Errorf("%s: %w", name, err)
}
