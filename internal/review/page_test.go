package review

import (
	"bytes"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

func testOrders() []*Order {
	return []*Order{
		{OrderID: "OK-1", Folder: "a/ok", Status: StatusBuilt, Dispute: "missing-item", Language: "en", Platform: "pinduoduo", Pages: 9, MaxPages: 20,
			Bytes: 900_000, MaxBytes: 2_000_000, WeightVerdict: "supports", PDF: "OK-1.pdf", Statement: "OK-1.txt",
			Thumbs: []Thumb{{Label: "A1", File: "review/OK-1/A1.jpg", Width: 240, Height: 320}}},
		{OrderID: "W-2", Folder: "b/warn", Status: StatusUnchanged, Dispute: "missing-item", Language: "en", WeightVerdict: "contradicts",
			Findings: []packet.Finding{{Severity: packet.SeverityWarning, Fields: []string{"shipment.tracking"}, Message: "odd tracking"}}},
		{OrderID: `<script>alert(1)</script>`, Folder: `c/"><img src=x onerror=alert(1)>`, Status: StatusFailed,
			Error: "orders/c: label.jpg: <b>corrupt</b>", PDF: "x y#?.pdf",
			Findings:  []packet.Finding{{Severity: packet.SeverityError, Fields: []string{"evidence"}, Message: "label.jpg: <b>corrupt</b>"}},
			Checklist: []packet.KindStatus{{Kind: "shipping-label", Name: "<i>label</i>", Need: "required"}}},
		{OrderID: "N-4", Folder: "d/notrun", Status: StatusNotRun},
	}
}

func render(t *testing.T, lang string) string {
	t.Helper()
	set, err := templates.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Render(&b, set, lang, testOrders()); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRenderEscapes: order data is untrusted; nothing from it may become
// markup, and file names become URLs that point at the file.
func TestRenderEscapes(t *testing.T) {
	page := render(t, "en")
	for _, bad := range []string{"<script>", "<img src=x", "<b>corrupt", "<i>label"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Error("the page has a script or a network reference")
	}
	if n := strings.Count(page, "&lt;b&gt;corrupt"); n != 1 {
		t.Errorf("the build error shows %d times; want once (check's finding repeats it)", n)
	}
	if !strings.Contains(page, `href="x%20y%23%3F.pdf"`) {
		t.Error("the PDF link is not escaped as a URL path")
	}
}

// TestRenderOrder: failures first, then orders with findings, then the
// rest; not-run orders last.
func TestRenderOrder(t *testing.T) {
	page := render(t, "en")
	var pos []int
	for _, folder := range []string{"c/&#34;&gt;&lt;img", "b/warn", "a/ok", "d/notrun"} {
		i := strings.Index(page, `data-order="`+folder)
		if i < 0 {
			t.Fatalf("row %s not found", folder)
		}
		pos = append(pos, i)
	}
	for i := 1; i < len(pos); i++ {
		if pos[i] < pos[i-1] {
			t.Errorf("rows out of order: %v", pos)
		}
	}
	for _, want := range []string{"supports the seller", "contradicts the seller", `<label for="s-failed">failed (1)</label>`,
		`<label for="w2">shipment (1)</label>`, "#s-failed:checked~main tr.order:not(.s-failed){display:none}", "limit 2.0 MB", ">Pinduoduo<", "✗ &lt;i&gt;label&lt;/i&gt; (required)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestRenderChinese: every phrase the page uses exists in the Chinese book.
func TestRenderChinese(t *testing.T) {
	page := render(t, "zh")
	if !strings.Contains(page, "提交前核对证据包") || !strings.Contains(page, "不支持卖家") || strings.Contains(page, "[review_") {
		t.Error("the Chinese page is not in Chinese")
	}
}

func TestLanguage(t *testing.T) {
	en := &Order{Language: "en"}
	zh := &Order{Language: "zh"}
	ja, de, failed := &Order{Language: "ja"}, &Order{Language: "de"}, &Order{}
	for _, tc := range []struct {
		flag   string
		orders []*Order
		want   string
	}{
		{"", []*Order{en, en, zh}, "en"},
		{"", []*Order{en, zh}, "zh"},
		{"", nil, "zh"},
		{"en", []*Order{zh}, "en"},
		{"", []*Order{ja, ja, zh, failed, failed, failed}, "ja"},
		{"", []*Order{ja, de, en}, "de"},
		{"", []*Order{ja, de, zh}, "zh"},
	} {
		if got := Language(tc.flag, tc.orders); got != tc.want {
			t.Errorf("Language(%q, ...) = %s; want %s", tc.flag, got, tc.want)
		}
	}
}
