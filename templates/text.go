package templates

import (
	"strings"
	"text/template"
	"text/template/parse"
	"unicode"
)

// Text is one piece of the packet's wording: a text/template whose output
// follows one spacing rule wherever it inserts a value. Where a value
// meets the text around it, a Chinese or Japanese character and a Latin
// letter or digit are kept apart by exactly one space ("见证据 C2 中",
// "于 2026年11月3日 12:00 发出"); every other seam is left as written. The
// rule lives here, not in each template, so that no template can forget it.
type Text struct {
	t   *template.Template
	src string
}

// seam marks, in a template's output, where it inserted a value. It is a
// Unicode noncharacter, reserved for a program's internal use: it never
// stands for text, and Execute removes every one.
const seam = '\uFDD0'

// parseText parses src and marks the seams around each value it prints.
func parseText(name, src string) (*Text, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			markSeams(tt.Tree.Root)
		}
	}
	return &Text{t: t, src: src}, nil
}

// Execute renders the text over data, spacing its seams.
func (x *Text) Execute(data any) (string, error) {
	var b strings.Builder
	if err := x.t.Execute(&b, data); err != nil {
		return "", err
	}
	return closeSeams(b.String()), nil
}

// Source is the template as written.
func (x *Text) Source() string { return x.src }

// markSeams puts a seam before and after every action that prints a value
// ({{.X}}, {{template "y" .}}), in list and in the lists inside it.
func markSeams(list *parse.ListNode) {
	if list == nil {
		return
	}
	var out []parse.Node
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 { // {{$x := ...}} prints nothing
				out = append(out, n)
				continue
			}
			out = append(out, seamNode(n.Pos), n, seamNode(n.Pos))
			continue
		case *parse.TemplateNode:
			out = append(out, seamNode(n.Pos), n, seamNode(n.Pos))
			continue
		case *parse.IfNode:
			markSeams(n.List)
			markSeams(n.ElseList)
		case *parse.RangeNode:
			markSeams(n.List)
			markSeams(n.ElseList)
		case *parse.WithNode:
			markSeams(n.List)
			markSeams(n.ElseList)
		}
		out = append(out, n)
	}
	list.Nodes = out
}

func seamNode(pos parse.Pos) *parse.TextNode {
	return &parse.TextNode{NodeType: parse.NodeText, Pos: pos, Text: []byte(string(seam))}
}

// closeSeams applies the spacing rule at each run of seams and the spaces
// around it, and removes the seams.
func closeSeams(s string) string {
	if !strings.ContainsRune(s, seam) {
		return s
	}
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); {
		if r[i] != seam && r[i] != ' ' {
			b.WriteRune(r[i])
			i++
			continue
		}
		// A run of spaces and seams: a seam only when it holds one.
		j, seams, spaces := i, 0, 0
		for ; j < len(r) && (r[j] == seam || r[j] == ' '); j++ {
			if r[j] == seam {
				seams++
			} else {
				spaces++
			}
		}
		if seams > 0 && i > 0 && j < len(r) && (wide(r[i-1]) && narrow(r[j]) || narrow(r[i-1]) && wide(r[j])) {
			spaces = 1
		}
		b.WriteString(strings.Repeat(" ", spaces))
		i = j
	}
	return b.String()
}

// wide reports whether r is written without spaces between words: Chinese
// and Japanese.
func wide(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) }

// narrow reports whether r is a letter or digit of a script written with
// spaces between words.
func narrow(r rune) bool {
	return unicode.IsDigit(r) || unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}
