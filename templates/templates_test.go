package templates

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/proofpack/proofpack/evidence"
)

func builtinSet(t *testing.T) *Set {
	t.Helper()
	s, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return s
}

func TestBuiltin(t *testing.T) {
	s := builtinSet(t)
	list := s.List()
	if len(list) == 0 {
		t.Fatal("no dispute templates")
	}
	names := map[string]bool{}
	for _, d := range list {
		names[d.Name] = true
		if !strings.HasPrefix(d.Source, "templates/disputes/") || !strings.HasPrefix(d.Source, "templates/disputes/"+d.Name+"."+d.Language+".") {
			t.Errorf("%s.%s: Source %q does not match its name and language", d.Name, d.Language, d.Source)
		}
		if d.StatementTemplate() == nil {
			t.Errorf("%s.%s: statement template not parsed", d.Name, d.Language)
		}
		if d.StatementLimit <= 0 || d.StatementLimit > evidence.MaxStatementChars {
			t.Errorf("%s.%s: statement_limit %d", d.Name, d.Language, d.StatementLimit)
		}
		for _, k := range d.Required {
			if slices.Contains(d.Recommended, k) {
				t.Errorf("%s.%s: %s is both required and recommended", d.Name, d.Language, k)
			}
		}
	}
	if !names["missing-item"] {
		t.Errorf("no missing-item template: %v", names)
	}
	// Every dispute exists in every language, with the same evidence needs.
	for name := range names {
		var ds []*Dispute
		for _, lang := range s.Languages() {
			d, err := s.Dispute(name, lang)
			if err != nil {
				t.Errorf("%s has no %s template: %v", name, lang, err)
				continue
			}
			if d.Name != name || d.Language != lang {
				t.Errorf("Dispute(%q, %q) returned %s.%s", name, lang, d.Name, d.Language)
			}
			ds = append(ds, d)
		}
		for _, d := range ds[1:] {
			if !slices.Equal(d.Required, ds[0].Required) || !slices.Equal(d.Recommended, ds[0].Recommended) || !slices.Equal(d.Sections, ds[0].Sections) {
				t.Errorf("%s: %s and %s differ in required/recommended/sections", name, ds[0].Language, d.Language)
			}
		}
	}
	// List is sorted by name then language.
	if !slices.IsSortedFunc(list, func(a, b *Dispute) int {
		return strings.Compare(a.Name+"\x00"+a.Language, b.Name+"\x00"+b.Language)
	}) {
		t.Error("List is not sorted")
	}
}

// symmetricDiff lists what is in one sorted list and not the other.
func symmetricDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "-"+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, "+"+x)
		}
	}
	return out
}

func TestLangBooks(t *testing.T) {
	s := builtinSet(t)
	books := map[string]*Lang{}
	for _, lang := range s.Languages() {
		l, err := s.Lang(lang)
		if err != nil {
			t.Fatalf("Lang(%q): %v", lang, err)
		}
		if l.Language != lang || l.Source != "templates/lang/"+lang+".yaml" {
			t.Errorf("Lang(%q) = language %q source %q", lang, l.Language, l.Source)
		}
		if len(l.Keys()) == 0 {
			t.Errorf("%s: no phrases", lang)
		}
		if !slices.IsSorted(l.Keys()) {
			t.Errorf("%s: Keys not sorted", lang)
		}
		books[lang] = l
	}
	// Every book has the same phrases, each using the same fields: a
	// language is one data file, and none can lack a phrase.
	field := regexp.MustCompile(`\{\{[^}]*?(\.[A-Za-z]+)`)
	uses := func(lang, k string) []string {
		p, err := books[lang].Phrase(k)
		if err != nil || p == nil {
			t.Fatalf("%s: Phrase(%q): %v", lang, k, err)
		}
		var out []string
		for _, m := range field.FindAllStringSubmatch(p.Source(), -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	first := s.Languages()[0]
	for _, lang := range s.Languages()[1:] {
		if a, b := books[first].Keys(), books[lang].Keys(); !slices.Equal(a, b) {
			t.Errorf("%s.yaml and %s.yaml have different phrases: %v", first, lang, symmetricDiff(a, b))
			continue
		}
		for _, k := range books[first].Keys() {
			if a, b := uses(first, k), uses(lang, k); !slices.Equal(a, b) {
				t.Errorf("phrase %q uses %v in %s but %v in %s", k, a, first, b, lang)
			}
		}
	}
	// Every evidence kind has its name in every book.
	for _, lang := range s.Languages() {
		for _, ki := range evidence.Kinds {
			if !books[lang].Has("kind_" + string(ki.Kind)) {
				t.Errorf("%s: no name for evidence kind %s (phrase kind_%s)", books[lang].Source, ki.Kind, ki.Kind)
			}
		}
	}
	if _, err := books["zh"].Phrase("no_such_phrase"); err == nil || !strings.Contains(err.Error(), "templates/lang/zh.yaml") || !strings.Contains(err.Error(), "no_such_phrase") {
		t.Errorf("missing phrase: %v", err)
	}
	if _, err := s.Lang("fr"); err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("Lang(fr): %v", err)
	}
}

const customX = `name: custom-x
language: zh
title: 自定义申诉
summary: 测试用模板。
required: [shipping-label]
recommended: [chat]
sections: [cover, statement, exhibits]
statement_limit: 500
statement: |
  订单 {{.OrderID}}。
`

func TestOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"disputes/custom-x.zh.yaml": {Data: []byte(customX)},
		"custom-x.en.yaml":          {Data: []byte(strings.NewReplacer("language: zh", "language: en", "自定义申诉", "Custom").Replace(customX))},
		"disputes/missing-item.zh.yaml": {Data: []byte(`name: missing-item
language: zh
title: 店铺自己的少件模板
required: [shipping-label]
sections: [cover, statement]
statement_limit: 800
statement: "本店说明：{{.OrderID}}"
`)},
		"README.md": {Data: []byte("not a template")},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		name, lang, title, source string
	}{
		{"custom-x", "zh", "自定义申诉", "disputes/custom-x.zh.yaml"},
		{"custom-x", "en", "Custom", "custom-x.en.yaml"},
		{"missing-item", "zh", "店铺自己的少件模板", "disputes/missing-item.zh.yaml"},
		{"missing-item", "en", "Missing item dispute evidence", "templates/disputes/missing-item.en.yaml"},
	}
	for _, tt := range tests {
		d, err := s.Dispute(tt.name, tt.lang)
		if err != nil {
			t.Errorf("Dispute(%q, %q): %v", tt.name, tt.lang, err)
			continue
		}
		if d.Title != tt.title || d.Source != tt.source {
			t.Errorf("Dispute(%q, %q) = title %q source %q, want %q %q", tt.name, tt.lang, d.Title, d.Source, tt.title, tt.source)
		}
	}
	d, _ := s.Dispute("missing-item", "zh")
	if !slices.Equal(d.Required, []evidence.Kind{evidence.ShippingLabel}) || d.Recommended != nil || d.StatementLimit != 800 {
		t.Errorf("override merged with the builtin instead of replacing it: %+v", d)
	}
	if got, err := d.StatementTemplate().Execute(map[string]string{"OrderID": "X-1"}); err != nil || got != "本店说明：X-1" {
		t.Errorf("statement = %q, %v", got, err)
	}
	if n, want := len(s.List()), len(builtinSet(t).List())+2; n != want { // + custom-x zh/en
		t.Errorf("List has %d templates, want %d", n, want)
	}
	// The builtin set is not changed by an override.
	bd, _ := builtinSet(t).Dispute("missing-item", "zh")
	if bd.Title == d.Title {
		t.Error("override leaked into Builtin()")
	}
}

func TestOverrideErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want []string // in the error, besides the file name
	}{
		{"bad YAML", "disputes/bad.zh.yaml", "name: bad\ntitle: [unclosed\nstatement: x\n", []string{"disputes/bad.zh.yaml:3:1", "must be specified"}},
		{"bad indentation", "disputes/bad.zh.yaml", "name: bad\n  title: x\n   - y\n", []string{"disputes/bad.zh.yaml:"}},
		{"unknown field", "disputes/bad.zh.yaml", strings.Replace(customX, "title:", "titel:", 1), []string{"disputes/bad.zh.yaml:3:1", "titel"}},
		{"wrong type", "disputes/bad.zh.yaml", strings.Replace(customX, "statement_limit: 500", "statement_limit: many", 1), []string{"disputes/bad.zh.yaml:8:"}},
		{"unknown kind", "disputes/bad.zh.yaml", strings.Replace(customX, "recommended: [chat]", "recommended: [chat, selfie]", 1), []string{`unknown evidence kind "selfie"`, "shipping-label"}},
		{"unknown section", "disputes/bad.zh.yaml", strings.Replace(customX, "sections: [cover, statement, exhibits]", "sections: [cover, appendix]", 1), []string{`unknown section "appendix"`, "integrity"}},
		{"no sections", "disputes/bad.zh.yaml", strings.Replace(customX, "sections: [cover, statement, exhibits]\n", "", 1), []string{"sections"}},
		{"bad language", "disputes/bad.zh.yaml", strings.Replace(customX, "language: zh", "language: fr", 1), []string{`language "fr"`}},
		{"missing title", "disputes/bad.zh.yaml", strings.Replace(customX, "title: 自定义申诉\n", "", 1), []string{"required"}},
		{"bad statement template", "disputes/bad.zh.yaml", strings.Replace(customX, "订单 {{.OrderID}}。", "订单 {{.Foo", 1), []string{"statement"}},
		{"empty file", "disputes/bad.zh.yaml", "", []string{"required"}},
		{"bad phrase template", "lang/zh.yaml", "exhibit: \"证据 {{.\"\n", []string{"exhibit"}},
		{"bad phrase YAML", "lang/zh.yaml", "exhibit: [\n", []string{"lang/zh.yaml:"}},
		{"phrase not a string", "lang/zh.yaml", "exhibit:\n  a: b\n", []string{"lang/zh.yaml:"}},
		{"duplicate phrase", "lang/zh.yaml", "exhibit: a\nexhibit: b\n", []string{"lang/zh.yaml:2:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
			if err == nil {
				t.Fatalf("Load succeeded (%d templates)", len(s.List()))
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.file+":") {
				t.Errorf("error %q does not start with the file name %s", msg, tt.file)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestOverrideErrorsJoined: every bad file of an override is reported.
func TestOverrideErrorsJoined(t *testing.T) {
	_, err := Load(fstest.MapFS{
		"disputes/a.zh.yaml":        {Data: []byte("nme: a\n")},
		"disputes/b.zh.yaml":        {Data: []byte(strings.Replace(customX, "[chat]", "[selfie]", 1))},
		"disputes/custom-x.zh.yaml": {Data: []byte(customX)},
	})
	if err == nil {
		t.Fatal("no error")
	}
	for _, f := range []string{"disputes/a.zh.yaml:1:1", "disputes/b.zh.yaml"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not name %s", err, f)
		}
	}
	if strings.Contains(err.Error(), "custom-x.zh.yaml") {
		t.Errorf("error %q names the good file", err)
	}
}

func TestParseDispute(t *testing.T) {
	d, err := ParseDispute("x.yaml", []byte(customX))
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "custom-x" || d.Language != "zh" || d.Source != "x.yaml" || d.StatementLimit != 500 ||
		!slices.Equal(d.Sections, []string{"cover", "statement", "exhibits"}) {
		t.Errorf("%+v", d)
	}
	// Executing with a missing key is an error, not "<no value>".
	if got, err := d.StatementTemplate().Execute(map[string]any{}); err == nil {
		t.Errorf("missing key executed as %q", got)
	}
}

func TestDisputeNotFound(t *testing.T) {
	s, err := Load(fstest.MapFS{"disputes/custom-x.zh.yaml": {Data: []byte(customX)}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, lang string
		want       []string
		not        []string
	}{
		{"nope", "zh", []string{`"nope"`, `"zh"`, "available: ", "custom-x", "missing-item"}, nil},
		{"nope", "en", []string{"available: ", "missing-item"}, []string{"custom-x"}},
		{"custom-x", "en", []string{`"custom-x"`, `"en"`, "missing-item"}, nil},
		{"missing-item", "fr", []string{`"fr"`, "available: "}, nil},
	}
	for _, tt := range tests {
		_, err := s.Dispute(tt.name, tt.lang)
		if err == nil {
			t.Errorf("Dispute(%q, %q) succeeded", tt.name, tt.lang)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Dispute(%q, %q): %q lacks %q", tt.name, tt.lang, err, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(err.Error(), w) {
				t.Errorf("Dispute(%q, %q): %q mentions %q", tt.name, tt.lang, err, w)
			}
		}
	}
}

// TestOverrideLangPartial: a phrase book override that gives a few phrases
// should not make every other phrase of that language disappear.
func TestOverrideLangPartial(t *testing.T) {
	s, err := Load(fstest.MapFS{"lang/zh.yaml": {Data: []byte("exhibit: \"附件 {{.}}\"\n")}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	l, _ := s.Lang("zh")
	if p, err := l.Phrase("exhibit"); err != nil || p == nil {
		t.Fatalf("overridden phrase: %v", err)
	}
	builtin, _ := builtinSet(t).Lang("zh")
	if len(l.Keys()) < len(builtin.Keys()) {
		t.Errorf("override left %d phrases; want all %d builtin phrases kept", len(l.Keys()), len(builtin.Keys()))
	}
}

// TestOverrideNameMismatch: a dispute file's name and language should match
// its file name; otherwise a file named missing-item.zh.yaml silently
// replaces another template.
func TestOverrideNameMismatch(t *testing.T) {
	_, err := Load(fstest.MapFS{"disputes/missing-item.zh.yaml": {Data: []byte(strings.Replace(customX, "language: zh", "language: en", 1))}})
	if err == nil {
		t.Fatal("a file named missing-item.zh.yaml declaring custom-x/en was accepted")
	}
	if !strings.Contains(err.Error(), "missing-item.zh.yaml") {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestOverrideWalkError(t *testing.T) {
	// A file that cannot be read is reported, not skipped.
	_, err := Load(errFS{})
	if err == nil || !errors.Is(err, errBroken) {
		t.Errorf("Load(broken fs) = %v", err)
	}
}

var errBroken = errors.New("broken")

type errFS struct{}

func (errFS) Open(string) (fs.File, error) { return nil, errBroken }
