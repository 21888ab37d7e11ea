package templates

import "testing"

// TestSpacingAtSeams: where a template inserts a value, a Chinese
// character and a Latin letter or digit get one space between them;
// everything else is left as the template and the value write it.
func TestSpacingAtSeams(t *testing.T) {
	for _, tt := range []struct {
		src  string
		data any
		want string
	}{
		{"买家在{{.}}中所示", "证据 C2", "买家在证据 C2 中所示"},
		{"买家在 {{.}}  中所示", "证据 C2", "买家在 证据 C2 中所示"},
		{"见{{.}}。", "证据 A1", "见证据 A1。"},
		{"于{{.}}发出", "2026年11月3日 12:00", "于 2026年11月3日 12:00 发出"},
		{"于 {{.}} 发出", "2026年11月3日 12:00", "于 2026年11月3日 12:00 发出"},
		{"重{{.}}", "790 g", "重 790 g"},
		{"（{{.}}）", "A1", "（A1）"},
		{"称“{{.}}”", "cup missing", "称“cup missing”"},
		{"Exhibit {{.}}", "A1", "Exhibit A1"},
		{"Exhibits{{.}}", "A1", "ExhibitsA1"}, // Latin beside Latin: as written
		{"{{.}}中", "C2", "C2 中"},
		{"共{{if .}}{{.}}{{end}}件", "3", "共 3 件"},
		{"共{{if .}}{{.}}{{end}}件", "", "共件"},
		{"{{$x := .}}在{{$x}}中", "C2", "在 C2 中"},
		{"{{define \"l\"}}证据 {{.}}{{end}}见{{template \"l\" .}}中", "A1", "见证据 A1 中"},
		{"在{{.}}中", "iPhone 壳", "在 iPhone 壳中"}, // inside a value: as written
		{"写于\n{{.}}", "2026", "写于\n2026"},
		{"ラベル{{.}}です", "A1", "ラベル A1 です"},
	} {
		x, err := parseText("t", tt.src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := x.Execute(tt.data)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%q over %q = %q, want %q", tt.src, tt.data, got, tt.want)
		}
	}
}
