package packet

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/pdf"
	"github.com/proofpack/proofpack/templates"
)

// TestThirdLanguageIsData: a language is one phrase book and its dispute
// templates, with no Go code to change. It builds every English sample in
// a test-only language "xx", whose phrases and templates are the English
// ones with their wording in capitals, and finds in the document no word
// of the English wording that is not in capitals: every word the reader
// sees comes from the xx files or from the order itself, none from Go.
func TestThirdLanguageIsData(t *testing.T) {
	set, vocab := pseudoLanguage(t)
	// Between them, these show every section and fact a packet has.
	for _, name := range []string{"missing-item-en", "wrong-item-en", "quality-after-period-en", "changed-mind-en"} {
		dir := filepath.Join(samplesDir, name)
		c := loadSample(t, dir)
		t.Run(name, func(t *testing.T) {
			pk, err := Assemble(t.Context(), c, Options{Templates: set, Lang: "xx", AllowIncomplete: true, DPI: 72})
			if err != nil {
				t.Fatal(err)
			}
			if pk.Doc.Meta.Language != "x-test" {
				t.Errorf("PDF language %q, want the book's x-test", pk.Doc.Meta.Language)
			}
			// The order's own words may be anything: its texts are
			// taken out before the words are checked.
			var manifest any
			readYAML(t, filepath.Join(dir, "order.yaml"), &manifest)
			own := yamlStrings(manifest)
			slices.SortFunc(own, func(a, b string) int { return len(b) - len(a) })
			for _, text := range docTexts(pk.Doc) {
				rest := action.ReplaceAllString(text, " ")
				for _, o := range own {
					rest = strings.ReplaceAll(rest, o, " ")
				}
				for _, w := range word.FindAllString(rest, -1) {
					if w != strings.ToUpper(w) && vocab[strings.ToLower(w)] {
						t.Errorf("%q: the word %q is not from the xx phrase book or the order", text, w)
					}
				}
			}
		})
	}
}

var (
	word = regexp.MustCompile(`\b[A-Za-z]{2,}\b`)
	// action matches what a pseudo-language keeps as it is: template
	// actions and the footer's page placeholders.
	action = regexp.MustCompile(`\{\{.*?\}\}|\{pages?\}`)
)

// shout puts a template's wording in capitals, keeping its actions.
func shout(src string) string {
	var b strings.Builder
	last := 0
	for _, m := range action.FindAllStringIndex(src, -1) {
		b.WriteString(strings.ToUpper(src[last:m[0]]))
		b.WriteString(src[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(strings.ToUpper(src[last:]))
	return b.String()
}

// pseudoLanguage returns the built-in templates plus language xx, made
// from the English files, and the lower-case words of the English wording.
func pseudoLanguage(t *testing.T) (*templates.Set, map[string]bool) {
	t.Helper()
	vocab := map[string]bool{}
	learn := func(src string) {
		for _, w := range word.FindAllString(action.ReplaceAllString(src, " "), -1) {
			vocab[strings.ToLower(w)] = true
		}
	}
	root := filepath.Join("..", "templates")
	override := fstest.MapFS{}
	var book map[string]string
	readYAML(t, filepath.Join(root, "lang", "en.yaml"), &book)
	for k, v := range book {
		learn(v)
		book[k] = shout(v)
	}
	book["time_layout"] = "2006-01-02 15:04" // Go names months only in English
	book["language_tag"] = "x-test"
	override["lang/xx.yaml"] = &fstest.MapFile{Data: marshalYAML(t, book)}
	disputes, err := fs.Glob(os.DirFS(root), "disputes/*.en.yaml")
	if err != nil || len(disputes) == 0 {
		t.Fatalf("no English dispute templates: %v", err)
	}
	for _, p := range disputes {
		var d map[string]any
		readYAML(t, filepath.Join(root, p), &d)
		for _, k := range []string{"title", "statement", "short_statement", "case_summary"} {
			if s, ok := d[k].(string); ok {
				learn(s)
				d[k] = shout(s)
			}
		}
		d["language"] = "xx"
		override[path.Join("disputes", strings.TrimSuffix(path.Base(p), ".en.yaml")+".xx.yaml")] = &fstest.MapFile{Data: marshalYAML(t, d)}
	}
	set, err := templates.Load(override)
	if err != nil {
		t.Fatal(err)
	}
	return set, vocab
}

// yamlStrings lists the strings in a decoded YAML value.
func yamlStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, yamlStrings(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, x := range v {
			out = append(out, yamlStrings(x)...)
		}
		return out
	}
	return nil
}

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func marshalYAML(t *testing.T, v any) []byte {
	t.Helper()
	data, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// docTexts lists every text of the document a reader sees.
func docTexts(d *pdf.Document) []string {
	out := []string{d.Meta.Title, d.Meta.Subject, d.Header, d.Footer}
	for _, s := range d.Sections {
		out = append(out, s.Title)
		for _, b := range s.Blocks {
			switch {
			case b.Heading != nil:
				out = append(out, b.Heading.Text)
			case b.Paragraph != nil:
				out = append(out, b.Paragraph.Text)
			case b.Notice != nil:
				out = append(out, b.Notice.Text)
			case b.KeyValues != nil:
				for _, r := range b.KeyValues.Rows {
					out = append(out, r[0], r[1])
				}
			case b.Table != nil:
				out = append(out, b.Table.Columns...)
				for _, r := range b.Table.Rows {
					out = append(out, r...)
				}
			case b.Figures != nil:
				for _, f := range b.Figures.Items {
					out = append(out, f.Label, f.Caption)
					out = append(out, f.Lines...)
				}
			}
		}
	}
	return out
}

// TestNoLanguageBranches: no Go code outside tests and the sample drawing
// decides anything by comparing a language code; what differs between
// languages is in the phrase books.
func TestNoLanguageBranches(t *testing.T) {
	branch := regexp.MustCompile(`[!=]= *"(zh|en)"|"(zh|en)" *[!=]=|case "(zh|en)"|\["(zh|en)"\]|"(zh|en)": `)
	root := ".."
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "samplegen" || d.Name() == "samples" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if branch.MatchString(line) {
				t.Errorf("%s:%d: decides by language code: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
