package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readTestdata returns a file of testdata/.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// validYAML is testdata/order.yaml, the example manifest of the issue.
func validYAML(t testing.TB) string { return string(readTestdata(t, "order.yaml")) }

// asManifestError unwraps err into its *ManifestError.
func asManifestError(t testing.TB, err error) *ManifestError {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error, got nil")
	}
	var me *ManifestError
	if !errors.As(err, &me) {
		t.Fatalf("error is %T, not *ManifestError: %v", err, err)
	}
	if len(me.Problems) == 0 {
		t.Fatalf("ManifestError with no problems: %v", err)
	}
	return me
}

// problemFor returns the problem naming field, failing the test when absent.
func problemFor(t testing.TB, me *ManifestError, field string) *FieldError {
	t.Helper()
	for _, p := range me.Problems {
		if p.Field == field {
			return p
		}
	}
	t.Fatalf("no problem for field %q in:\n%v", field, me)
	return nil
}

// canonical renders a manifest's exported fields for comparison, with
// times in UTC so that zone representations do not matter.
func canonical(t testing.TB, m *Manifest) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var norm func(v any) any
	norm = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = norm(e)
			}
		case []any:
			for i, e := range x {
				x[i] = norm(e)
			}
		case string:
			if tm, err := time.Parse(time.RFC3339, x); err == nil {
				return tm.UTC().Format(time.RFC3339)
			}
		}
		return v
	}
	out, err := json.MarshalIndent(norm(v), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestParseManifestValid(t *testing.T) {
	m, err := ParseManifest("order.yaml", readTestdata(t, "order.yaml"))
	if err != nil {
		t.Fatalf("ParseManifest: %v", err)
	}
	cst := time.FixedZone("", 8*3600)
	checks := []struct {
		name      string
		got, want any
	}{
		{"order_id", m.OrderID, "PDD-20261101-0001"},
		{"platform", m.Platform, "pinduoduo"},
		{"dispute", m.Dispute, "missing-item"},
		{"language", m.Language, "zh"},
		{"currency", m.Currency, "CNY"},
		{"shop", m.Shop, "某某旗舰店"},
		{"buyer", m.Buyer, "买家昵称"},
		{"placed_at", m.PlacedAt != nil && m.PlacedAt.Equal(time.Date(2026, 11, 1, 10, 0, 0, 0, cst)), true},
		{"items", len(m.Items), 1},
		{"items[0].sku", m.Items[0].SKU, "A-100"},
		{"items[0].name", m.Items[0].Name, "不锈钢保温杯"},
		{"items[0].quantity", m.Items[0].Quantity, 2},
		{"items[0].unit_weight_g", *m.Items[0].UnitWeightG, 350.0},
		{"items[0].unit_price", *m.Items[0].UnitPrice, 59.0},
		{"shipment.carrier", m.Shipment.Carrier, "中通快递"},
		{"shipment.tracking_number", m.Shipment.TrackingNumber, "ZT1234567890"},
		{"shipment.shipped_at", m.Shipment.ShippedAt.Equal(time.Date(2026, 11, 1, 18, 0, 0, 0, cst)), true},
		{"shipment.delivered_at", m.Shipment.DeliveredAt.Equal(time.Date(2026, 11, 3, 9, 30, 0, 0, cst)), true},
		{"shipment.packaging_weight_g", *m.Shipment.PackagingWeightG, 80.0},
		{"shipment.warehouse_weight_g", *m.Shipment.WarehouseWeightG, 780.0},
		{"shipment.courier_weight_g", *m.Shipment.CourierWeightG, 790.0},
		{"shipment.reweigh_weight_g", *m.Shipment.ReweighWeightG, 785.0},
		{"shipment.weight_tolerance_g", *m.Shipment.WeightToleranceG, 30.0},
		{"after_sale.requested_at", m.AfterSale.RequestedAt.Equal(time.Date(2026, 11, 3, 12, 0, 0, 0, cst)), true},
		{"after_sale.claim", m.AfterSale.Claim, "少发了一个杯子"},
		{"after_sale.missing", fmt.Sprint(m.AfterSale.Missing), "[{A-100 1}]"},
		{"after_sale.amount", *m.AfterSale.Amount, 59.0},
		{"timeline", len(m.Timeline), 1},
		{"timeline[0].at", m.Timeline[0].At.Equal(time.Date(2026, 11, 2, 8, 0, 0, 0, cst)), true},
		{"timeline[0].event", m.Timeline[0].Event, "快递到达转运中心"},
		{"statement", m.Statement, "卖家补充说明（可选）"},
		{"evidence", fmt.Sprint(m.Evidence), "[{label.jpg shipping-label 快递面单 [] [] []  } {weights/warehouse.jpg warehouse-weight  [] [] []  }]"},
		{"latest", m.Latest().Equal(time.Date(2026, 11, 3, 12, 0, 0, 0, cst)), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if m.GeneratedAt != nil {
		t.Errorf("generated_at = %v, want nil", m.GeneratedAt)
	}
}

// TestParseManifestEquivalentForms checks that the BOM, CRLF and JSON forms
// of the example decode to the same manifest as the plain YAML.
func TestParseManifestEquivalentForms(t *testing.T) {
	plain := validYAML(t)
	want, err := ParseManifest("order.yaml", []byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(plain, "\n", "\r\n")
	tests := []struct {
		name string
		file string
		data []byte
	}{
		{"bom", "order.yaml", []byte("\ufeff" + plain)},
		{"crlf", "order.yaml", []byte(crlf)},
		{"bom+crlf", "order.yaml", []byte("\ufeff" + crlf)},
		{"json", "order.json", readTestdata(t, "order.json")},
		{"json+bom+crlf", "order.json", []byte("\ufeff" + strings.ReplaceAll(string(readTestdata(t, "order.json")), "\n", "\r\n"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseManifest(tt.file, tt.data)
			if err != nil {
				t.Fatalf("ParseManifest: %v", err)
			}
			if g, w := canonical(t, got), canonical(t, want); g != w {
				t.Errorf("differs from plain YAML:\ngot  %s\nwant %s", g, w)
			}
			// No stray carriage return may survive in a value.
			if strings.ContainsRune(canonical(t, got), '\r') || strings.Contains(canonical(t, got), `\r`) {
				t.Errorf("a value kept a carriage return: %s", canonical(t, got))
			}
		})
	}
}

// TestParseManifestPositionsCRLF checks that validation problems of a CRLF
// or BOM-prefixed manifest are located at the same line as in the LF one.
func TestParseManifestPositionsCRLF(t *testing.T) {
	bad := strings.Replace(validYAML(t), "warehouse_weight_g: 780", "warehouse_weight_g: -5", 1)
	for name, data := range map[string]string{
		"lf":       bad,
		"crlf":     strings.ReplaceAll(bad, "\n", "\r\n"),
		"bom+crlf": "\ufeff" + strings.ReplaceAll(bad, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseManifest("order.yaml", []byte(data))
			p := problemFor(t, asManifestError(t, err), "shipment.warehouse_weight_g")
			if p.Line != 17 {
				t.Errorf("line = %d, want 17 (%v)", p.Line, p)
			}
		})
	}
}

func TestParseManifestErrors(t *testing.T) {
	base := validYAML(t)
	// edit replaces old, which must occur in the example, by new.
	edit := func(pairs ...string) string {
		s := base
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("test setup: %q not in the example", pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	}
	tests := []struct {
		name  string
		file  string // default order.yaml
		data  string
		field string // expected FieldError.Field ("" for a whole-file problem)
		line  int    // expected line; -1: do not check; 0: position unknown
		col   int    // expected column; 0: do not check
		want  []string
		hint  string // substring of the hint
	}{
		{
			name: "unknown field with suggestion",
			data: edit("  tracking_number:", "  trackng_number:"),
			line: 13, col: 3,
			want: []string{"trackng_number"},
			hint: `did you mean "tracking_number"?`,
		},
		{
			name: "unknown top-level field with suggestion",
			data: edit("statement:", "statment:"),
			line: 28, col: 1,
			want: []string{"statment"},
			hint: `did you mean "statement"?`,
		},
		{
			name: "unknown field without close match",
			data: edit("  carrier:", "  colour: red\n  carrier:"),
			line: 12, col: 3,
			want: []string{"colour"},
			hint: "proofpack schema",
		},
		{
			name: "unknown field in JSON",
			file: "order.json",
			data: strings.Replace(string(readTestdata(t, "order.json")), `"tracking_number"`, `"trackng_number"`, 1),
			line: 15, col: 5,
			want: []string{"trackng_number"},
			hint: `did you mean "tracking_number"?`,
		},
		{
			name: "duplicate key",
			data: edit("  carrier: 中通快递\n", "  carrier: 中通快递\n  carrier: 顺丰速运\n"),
			line: 13, col: 3,
			want: []string{`"carrier"`, "already defined at [12:3]"},
		},
		{
			name: "duplicate top-level key",
			data: base + "shop: 另一家店\n",
			line: 32, col: 1,
			want: []string{`"shop"`, "already defined at [6:1]"},
		},
		{
			name: "duplicate key in JSON",
			file: "order.json",
			data: strings.Replace(string(readTestdata(t, "order.json")), `"buyer": "买家昵称",`, `"buyer": "买家昵称", "buyer": "x",`, 1),
			line: 8, col: 20,
			want: []string{`"buyer"`, "already defined"},
		},
		{
			name: "wrong type",
			data: edit("quantity: 2,", `quantity: "two",`),
			line: 10,
			hint: "write a plain number",
		},
		{
			name: "wrong type, mapping for a string",
			data: edit(`shop: "某某旗舰店"`, "shop: {name: x}"),
			line: 6,
		},
		{
			name:  "negative warehouse weight",
			data:  edit("warehouse_weight_g: 780", "warehouse_weight_g: -5"),
			field: "shipment.warehouse_weight_g",
			line:  17,
			want:  []string{"more than 0", "-5"},
		},
		{
			name:  "zero courier weight",
			data:  edit("courier_weight_g: 790", "courier_weight_g: 0"),
			field: "shipment.courier_weight_g",
			line:  18,
			want:  []string{"more than 0"},
		},
		{
			name:  "negative packaging weight",
			data:  edit("packaging_weight_g: 80", "packaging_weight_g: -1"),
			field: "shipment.packaging_weight_g",
			line:  16,
			want:  []string{"must not be negative"},
		},
		{
			name:  "zero quantity in flow mapping",
			data:  edit("quantity: 2,", "quantity: 0,"),
			field: "items[0].quantity",
			line:  10,
			want:  []string{"at least 1"},
		},
		{
			name:  "missing quantity in after_sale",
			data:  edit("missing: [{sku: A-100, quantity: 1}]", "missing: [{sku: A-100, quantity: 0}]"),
			field: "after_sale.missing[0].quantity",
			line:  24,
			want:  []string{"at least 1"},
		},
		{
			name:  "unknown platform",
			data:  edit("platform: pinduoduo", "platform: ebay"),
			field: "platform",
			line:  2,
			want:  append([]string{`"ebay"`}, Platforms...),
			hint:  "other",
		},
		{
			name:  "not a language code",
			data:  edit("language: zh", "language: Chinese"),
			field: "language",
			line:  4,
			want:  []string{`"Chinese"`, "zh or en"},
		},
		{
			name:  "bad currency",
			data:  edit("currency: CNY", "currency: rmb"),
			field: "currency",
			line:  5,
			want:  []string{"three capital letters"},
		},
		{
			name:  "bad dispute name",
			data:  edit("dispute: missing-item", "dispute: Missing Item"),
			field: "dispute",
			line:  3,
			want:  []string{"not a dispute type name"},
		},
		{
			name:  "order id with slash",
			data:  edit(`order_id: "PDD-20261101-0001"`, `order_id: "PDD/1"`),
			field: "order_id",
			line:  1,
			want:  []string{"must not contain"},
		},
		{
			name:  "unknown kind",
			data:  edit("kind: warehouse-weight", "kind: weight-photo"),
			field: "evidence[1].kind",
			line:  31,
			want:  append([]string{`"weight-photo"`}, KindNames()...),
		},
		{
			name:  "parent path",
			data:  edit("file: label.jpg", "file: ../x.jpg"),
			field: "evidence[0].file",
			line:  30,
			want:  []string{"leaves the order folder"},
			hint:  "inside the order folder",
		},
		{
			name:  "parent path after a folder",
			data:  edit("file: label.jpg", "file: a/../../x.jpg"),
			field: "evidence[0].file",
			line:  30,
			want:  []string{"leaves the order folder"},
		},
		{
			name:  "absolute path",
			data:  edit("file: label.jpg", "file: /etc/passwd"),
			field: "evidence[0].file",
			line:  30,
			want:  []string{"absolute path", "/etc/passwd"},
		},
		{
			name:  "windows absolute path",
			data:  edit("file: label.jpg", `file: 'C:\Users\x.jpg'`),
			field: "evidence[0].file",
			line:  30,
			want:  []string{"absolute path"},
		},
		{
			name:  "the folder itself",
			data:  edit("file: label.jpg", "file: ."),
			field: "evidence[0].file",
			line:  30,
			want:  []string{"leaves the order folder"},
		},
		{
			name:  "same file twice",
			data:  edit("file: weights/warehouse.jpg", "file: label.jpg"),
			field: "evidence[1].file",
			line:  31,
			want:  []string{"already listed as evidence[0]"},
			hint:  "once",
		},
		{
			name:  "same file twice, spelled differently",
			data:  edit("file: weights/warehouse.jpg", "file: ./weights/../label.jpg"),
			field: "evidence[1].file",
			line:  31,
			want:  []string{"already listed as evidence[0]"},
		},
		{
			name:  "evidence without file",
			data:  edit("{file: weights/warehouse.jpg, kind: warehouse-weight}", "{kind: warehouse-weight}"),
			field: "evidence[1].file",
			line:  31,
			want:  []string{"is required"},
		},
		{
			name: "invalid UTF-8 in shop",
			data: edit(`shop: "某某旗舰店"`, "shop: \"某某\xff店\""),
			line: 6, col: 10,
			want: []string{"not valid UTF-8"},
			hint: "UTF-8",
		},
		{
			name: "invalid UTF-8 after BOM on line 1",
			data: "\ufeff" + edit(`order_id: "PDD-`, "order_id: \"\xc3(PDD-"),
			line: 1, col: 12,
			want: []string{"not valid UTF-8"},
		},
		{
			name: "GBK-encoded file",
			data: edit(`shop: "某某旗舰店"`, "shop: \"\xc6\xec\xbd\xa2\xb5\xea\""), // 旗舰店 in GBK
			line: 6, col: 8,
			want: []string{"not valid UTF-8"},
		},
		{
			name: "anchor and alias",
			data: edit(`buyer: "买家昵称"`, "buyer: &b 买家\nx: *b"),
			line: 7,
			want: []string{"anchors and aliases"},
			hint: "in full",
		},
		{
			name: "empty",
			data: "",
			line: 0,
			want: []string{"empty"},
			hint: "proofpack init",
		},
		{
			name: "only whitespace and BOM",
			data: "\ufeff \r\n\n\t\n",
			line: 0,
			want: []string{"empty"},
			hint: "proofpack init",
		},
		{
			name:  "statement too long",
			data:  edit("statement: 卖家补充说明（可选）", "statement: "+strings.Repeat("字", MaxStatementChars+1)),
			field: "statement",
			line:  28,
			want:  []string{fmt.Sprint(MaxStatementChars + 1), fmt.Sprint(MaxStatementChars)},
			hint:  "shorten",
		},
		{
			name:  "claim too long",
			data:  edit("claim: 少发了一个杯子", "claim: "+strings.Repeat("a", MaxFieldChars+1)),
			field: "after_sale.claim",
			line:  23,
			want:  []string{"limit"},
		},
		{
			name:  "shop blank",
			data:  edit(`shop: "某某旗舰店"`, `shop: "   "`),
			field: "shop",
			line:  6,
			want:  []string{"is required"},
		},
		{
			name:  "no items",
			data:  edit("items:\n  - {sku: A-100, name: 不锈钢保温杯, quantity: 2, unit_weight_g: 350, unit_price: 59.00}\n", "items: []\n"),
			field: "items",
			line:  9,
			want:  []string{"at least one"},
		},
		{
			name:  "duplicate sku",
			data:  edit("unit_price: 59.00}\n", "unit_price: 59.00}\n  - {sku: A-100, name: 杯盖, quantity: 1}\n"),
			field: "items[1].sku",
			line:  11,
			want:  []string{`"A-100"`, "twice"},
		},
		{
			name: "too large",
			data: base + "# " + strings.Repeat("x", MaxManifestBytes) + "\n",
			line: 0,
			want: []string{"limit", fmt.Sprint(MaxManifestBytes)},
		},
		{
			name: "YAML syntax error",
			data: edit("  carrier: 中通快递", "  carrier: [中通快递"),
			line: -1,
		},
		{
			name: "not a mapping",
			data: "- a\n- b\n",
			line: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "order.yaml"
			}
			m, err := ParseManifest(file, []byte(tt.data))
			if m != nil {
				t.Errorf("got a manifest along with error %v", err)
			}
			me := asManifestError(t, err)
			var p *FieldError
			if tt.field != "" {
				p = problemFor(t, me, tt.field)
			} else {
				p = me.Problems[0]
			}
			if p.File != file {
				t.Errorf("File = %q, want %q", p.File, file)
			}
			if tt.line >= 0 && p.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", p.Line, tt.line, p)
			}
			if tt.line > 0 && tt.col == 0 && p.Column <= 0 {
				t.Errorf("Column = %d, want > 0 (%v)", p.Column, p)
			}
			if tt.col > 0 && p.Column != tt.col {
				t.Errorf("Column = %d, want %d (%v)", p.Column, tt.col, p)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.Problem, w) {
					t.Errorf("Problem %q does not mention %q", p.Problem, w)
				}
			}
			if !strings.Contains(p.Hint, tt.hint) {
				t.Errorf("Hint %q does not contain %q", p.Hint, tt.hint)
			}
			// The message starts with file:line:col when the line is known.
			prefix := file + ": "
			if p.Line > 0 {
				prefix = fmt.Sprintf("%s:%d:%d: ", file, p.Line, p.Column)
			}
			if !strings.HasPrefix(err.Error(), prefix) && tt.field == "" {
				t.Errorf("message %q does not start with %q", err.Error(), prefix)
			}
			if tt.field != "" && !strings.Contains(p.Error(), tt.field+": ") {
				t.Errorf("message %q does not name the field %s", p.Error(), tt.field)
			}
		})
	}
}

// TestParseManifestAllProblems checks that every validation problem is
// reported at once, each with its own position.
func TestParseManifestAllProblems(t *testing.T) {
	data := validYAML(t)
	data = strings.Replace(data, "platform: pinduoduo", "platform: ebay", 1)
	data = strings.Replace(data, "warehouse_weight_g: 780", "warehouse_weight_g: -5", 1)
	data = strings.Replace(data, "kind: warehouse-weight", "kind: nope", 1)
	_, err := ParseManifest("x/order.yaml", []byte(data))
	me := asManifestError(t, err)
	want := map[string]int{"platform": 2, "shipment.warehouse_weight_g": 17, "evidence[1].kind": 31}
	if len(me.Problems) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(me.Problems), len(want), me)
	}
	for field, line := range want {
		p := problemFor(t, me, field)
		if p.Line != line || p.File != "x/order.yaml" {
			t.Errorf("%s at %s:%d, want x/order.yaml:%d", field, p.File, p.Line, line)
		}
	}
	if n := strings.Count(err.Error(), "\n"); n != len(want)-1 {
		t.Errorf("message has %d lines, want one per problem:\n%v", n+1, err)
	}
}

// TestParseManifestAliasBomb feeds a "billion laughs" document: expanding it
// would need 10^9 strings, so it must be refused without expansion.
func TestParseManifestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("order_id: x\nplatform: other\ndispute: missing-item\nshop: s\n")
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		refs := strings.TrimSuffix(strings.Repeat("*"+prev+",", 10), ",")
		fmt.Fprintf(&b, "%s: &%s [%s]\n", name, name, refs)
		prev = name
	}
	b.WriteString("items: *i\n")
	start := time.Now()
	_, err := ParseManifest("order.yaml", []byte(b.String()))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v; the bomb was expanded", d)
	}
	me := asManifestError(t, err)
	p := me.Problems[0]
	if !strings.Contains(p.Problem, "anchors and aliases") {
		t.Errorf("Problem = %q, want it to mention anchors and aliases", p.Problem)
	}
	if p.Line != 5 {
		t.Errorf("Line = %d, want 5 (the first anchor)", p.Line)
	}
}

// TestParseManifestUnicodeText checks that emoji, right-to-left text,
// combining marks and bidi controls in free-text fields are kept as written.
func TestParseManifestUnicodeText(t *testing.T) {
	tests := []struct {
		name, field, old, value string
		get                     func(*Manifest) string
	}{
		{"emoji shop", "shop", `shop: "某某旗舰店"`, "🛍️ 杯子小店 👩‍👩‍👧‍👦", func(m *Manifest) string { return m.Shop }},
		{"arabic buyer", "buyer", `buyer: "买家昵称"`, "متجر الأكواب", func(m *Manifest) string { return m.Buyer }},
		{"hebrew claim with emoji", "claim", "claim: 少发了一个杯子", "חסר כוס אחת 😡", func(m *Manifest) string { return m.AfterSale.Claim }},
		{"mixed direction statement", "statement", "statement: 卖家补充说明（可选）", "Order \u202eABC\u202c شكراً 谢谢 e\u0301", func(m *Manifest) string { return m.Statement }},
		{"emoji item name", "name", "name: 不锈钢保温杯", "保温杯 ☕ (350 ml)", func(m *Manifest) string { return m.Items[0].Name }},
		{"emoji caption", "caption", "caption: 快递面单", "面单 📦", func(m *Manifest) string { return m.Evidence[0].Caption }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := json.Marshal(tt.value) // a JSON string is a YAML double-quoted string
			key := tt.old[:strings.Index(tt.old, ":")]
			data := strings.Replace(validYAML(t), tt.old, key+": "+string(q), 1)
			m, err := ParseManifest("order.yaml", []byte(data))
			if err != nil {
				t.Fatalf("ParseManifest: %v", err)
			}
			if got := tt.get(m); got != tt.value {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.value)
			}
		})
	}
	// Plain (unquoted) scalars work too.
	data := strings.Replace(validYAML(t), `shop: "某某旗舰店"`, "shop: 🛒 متجر 商店", 1)
	m, err := ParseManifest("order.yaml", []byte(data))
	if err != nil {
		t.Fatalf("unquoted emoji/RTL shop: %v", err)
	}
	if m.Shop != "🛒 متجر 商店" {
		t.Errorf("shop = %q", m.Shop)
	}
}

// TestParseManifestLimits checks the boundaries of the size limits.
func TestParseManifestLimits(t *testing.T) {
	ok := strings.Replace(validYAML(t), "statement: 卖家补充说明（可选）", "statement: "+strings.Repeat("字", MaxStatementChars), 1)
	if _, err := ParseManifest("order.yaml", []byte(ok)); err != nil {
		t.Errorf("statement of exactly MaxStatementChars: %v", err)
	}
	// A manifest of exactly MaxManifestBytes is accepted.
	base := validYAML(t) + "# "
	pad := MaxManifestBytes - len(base) - 1
	exact := base + strings.Repeat("x", pad) + "\n"
	if len(exact) != MaxManifestBytes {
		t.Fatalf("setup: %d bytes", len(exact))
	}
	if _, err := ParseManifest("order.yaml", []byte(exact)); err != nil {
		t.Errorf("manifest of exactly MaxManifestBytes: %v", err)
	}
	// Evidence list limit.
	var b bytes.Buffer
	b.WriteString(strings.Split(validYAML(t), "evidence:")[0] + "evidence:\n")
	for i := 0; i <= MaxEvidenceItems; i++ {
		fmt.Fprintf(&b, "  - {file: p%d.jpg, kind: product-photo}\n", i)
	}
	_, err := ParseManifest("order.yaml", b.Bytes())
	p := problemFor(t, asManifestError(t, err), "evidence")
	// The problem is placed at the list's value, its first "-".
	if p.Line != 30 {
		t.Errorf("evidence limit at line %d, want 30", p.Line)
	}
}

// TestParseManifestDuplicateKeyHint: a duplicate key should carry the
// "each key may appear once" hint that yamlError prepares for it.
func TestParseManifestDuplicateKeyHint(t *testing.T) {
	data := strings.Replace(validYAML(t), "  carrier: 中通快递\n", "  carrier: 中通快递\n  carrier: 顺丰速运\n", 1)
	_, err := ParseManifest("order.yaml", []byte(data))
	p := asManifestError(t, err).Problems[0]
	if !strings.Contains(p.Hint, "each key may appear once") {
		t.Errorf("Hint = %q", p.Hint)
	}
}

// TestParseManifestRejectsBadValues lists values that the decoder alone
// would accept: each must be refused at a position.
func TestParseManifestRejectsBadValues(t *testing.T) {
	base := validYAML(t)
	tests := []struct {
		name, old, new, field string
		bug                   string
	}{
		{"invalid date", "placed_at: 2026-11-01T10:00:00+08:00", "placed_at: yesterday", "placed_at",
			"an unparseable date in a *time.Time field decodes to a non-nil zero time (0001-01-01) without error"},
		{"impossible hour", "shipped_at: 2026-11-01T18:00:00+08:00", `shipped_at: "2026-11-01 25:00"`, "shipment.shipped_at",
			"an unparseable date in a *time.Time field decodes to a non-nil zero time (0001-01-01) without error"},
		{"fractional quantity", "quantity: 2,", "quantity: 1.9,", "items[0].quantity",
			"a float quantity is truncated to an int (1.9 -> 1) without error"},
		{"NaN weight", "warehouse_weight_g: 780", "warehouse_weight_g: .nan", "shipment.warehouse_weight_g",
			"positive()/nonNeg() in validate.go compare with < / <=, which are false for NaN"},
		{"infinite weight", "courier_weight_g: 790", "courier_weight_g: .inf", "shipment.courier_weight_g",
			"weights of +Inf pass positive() in validate.go"},
		{"NaN amount", "amount: 59.00", "amount: .nan", "after_sale.amount",
			"nonNeg() in validate.go is false for NaN"},
		{"second YAML document", "evidence:", "---\norder_id: other\nevidence:", "",
			"ParseManifest decodes the first document and silently ignores the rest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("setup: %q not in the example", tt.old)
			}
			data := strings.Replace(base, tt.old, tt.new, 1)
			_, err := ParseManifest("order.yaml", []byte(data))
			if err == nil {
				t.Fatalf("accepted; want an error: %s", tt.bug)
			}
			me := asManifestError(t, err)
			if tt.field != "" {
				if p := problemFor(t, me, tt.field); p.Line == 0 {
					t.Errorf("no position: %v", p)
				}
			}
		})
	}
}
