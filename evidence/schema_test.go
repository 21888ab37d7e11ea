package evidence

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// schemaJSON returns Schema() after a round trip through JSON, as a
// consumer sees it.
func schemaJSON(t *testing.T) map[string]any {
	t.Helper()
	b, err := json.Marshal(Schema())
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func strs(t *testing.T, v any) []string {
	t.Helper()
	list, ok := v.([]any)
	if !ok {
		t.Fatalf("%v is %T, not a list", v, v)
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.(string)
	}
	return out
}

func obj(t *testing.T, v any, path string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, not an object", path, v)
	}
	return m
}

func TestSchemaTopLevel(t *testing.T) {
	s := schemaJSON(t)
	tests := []struct {
		key  string
		want any
	}{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"type", "object"},
		{"additionalProperties", false},
		{"title", "proofpack order manifest"},
	}
	for _, tt := range tests {
		if s[tt.key] != tt.want {
			t.Errorf("%s = %v, want %v", tt.key, s[tt.key], tt.want)
		}
	}
	req := strs(t, s["required"])
	for _, f := range []string{"order_id", "platform", "dispute", "shop", "items"} {
		if !slices.Contains(req, f) {
			t.Errorf("required %v lacks %s", req, f)
		}
	}
	for _, f := range []string{"language", "evidence", "statement"} {
		if slices.Contains(req, f) {
			t.Errorf("required %v includes optional %s", req, f)
		}
	}
	props := obj(t, s["properties"], "properties")
	if got := strs(t, obj(t, props["platform"], "platform")["enum"]); !slices.Equal(got, Platforms) {
		t.Errorf("platform enum %v, want %v", got, Platforms)
	}
	if got := obj(t, props["language"], "language")["pattern"]; got != LanguageRe.String() {
		t.Errorf("language pattern %v, want %v", got, LanguageRe)
	}
	if f := obj(t, props["placed_at"], "placed_at"); f["type"] != "string" || f["format"] != "date-time" {
		t.Errorf("placed_at %v", f)
	}
	ev := obj(t, props["evidence"], "evidence")
	items := obj(t, ev["items"], "evidence.items")
	kind := obj(t, obj(t, items["properties"], "evidence.items.properties")["kind"], "evidence.items.properties.kind")
	if got := strs(t, kind["enum"]); !slices.Equal(got, KindNames()) {
		t.Errorf("evidence.items.properties.kind.enum = %v, want %v", got, KindNames())
	}
	if !slices.Equal(strs(t, items["required"]), []string{"file", "kind"}) {
		t.Errorf("evidence item required = %v", items["required"])
	}
	q := obj(t, obj(t, obj(t, props["items"], "items")["items"], "items.items")["properties"], "items.items.properties")["quantity"]
	if qq := obj(t, q, "quantity"); qq["type"] != "integer" || qq["minimum"] != 1.0 {
		t.Errorf("items.quantity = %v, want integer with minimum 1", qq)
	}
}

// TestSchemaMatchesYAMLTags walks the Manifest type and checks that every
// object in the schema has exactly the properties named by the yaml tags,
// nested objects closed with additionalProperties false.
func TestSchemaMatchesYAMLTags(t *testing.T) {
	var walk func(rt reflect.Type, s map[string]any, path string)
	walk = func(rt reflect.Type, s map[string]any, path string) {
		for rt.Kind() == reflect.Pointer {
			rt = rt.Elem()
		}
		switch {
		case rt == reflect.TypeFor[time.Time]():
			if s["type"] != "string" || s["format"] != "date-time" {
				t.Errorf("%s: %v, want a date-time string", path, s)
			}
			return
		case rt.Kind() == reflect.Slice:
			if s["type"] != "array" {
				t.Errorf("%s: type %v, want array", path, s["type"])
				return
			}
			walk(rt.Elem(), obj(t, s["items"], path+"[]"), path+"[]")
			return
		case rt.Kind() != reflect.Struct:
			return
		}
		if s["type"] != "object" || s["additionalProperties"] != false {
			t.Errorf("%s: type %v additionalProperties %v, want a closed object", path, s["type"], s["additionalProperties"])
		}
		props := obj(t, s["properties"], path+".properties")
		var tags []string
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				t.Errorf("%s.%s has no yaml tag", path, f.Name)
				continue
			}
			if j := strings.Split(f.Tag.Get("json"), ",")[0]; j != name {
				t.Errorf("%s.%s: json tag %q differs from yaml tag %q", path, f.Name, j, name)
			}
			tags = append(tags, name)
			p, ok := props[name]
			if !ok {
				t.Errorf("%s: schema lacks property %q", path, name)
				continue
			}
			walk(f.Type, obj(t, p, path+"."+name), path+"."+name)
		}
		var have []string
		for k := range props {
			have = append(have, k)
		}
		sort.Strings(tags)
		sort.Strings(have)
		if !slices.Equal(tags, have) {
			t.Errorf("%s: schema properties %v, yaml tags %v", path, have, tags)
		}
	}
	walk(reflect.TypeFor[Manifest](), schemaJSON(t), "$")
}

// TestSchemaWeightsMinimum: the schema's bounds must not allow what Validate
// refuses. Weights of 0 are refused by Validate for the measured weights.
func TestSchemaWeightsMinimum(t *testing.T) {
	props := obj(t, schemaJSON(t)["properties"], "properties")
	ship := obj(t, obj(t, props["shipment"], "shipment")["properties"], "shipment.properties")
	for _, f := range []string{"packaging_weight_g", "weight_tolerance_g"} {
		if m := obj(t, ship[f], f)["minimum"]; m != 0.0 {
			t.Errorf("shipment.%s minimum = %v, want 0", f, m)
		}
	}
	for _, f := range []string{"warehouse_weight_g", "courier_weight_g", "reweigh_weight_g"} {
		p := obj(t, ship[f], f)
		if p["exclusiveMinimum"] != 0.0 {
			t.Errorf("shipment.%s: exclusiveMinimum = %v, want 0 (Validate requires more than 0)", f, p["exclusiveMinimum"])
		}
	}
}

func TestWriteSchema(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSchema(&b); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b.Bytes()) {
		t.Fatal("WriteSchema wrote invalid JSON")
	}
	if !strings.Contains(b.String(), "仓库出库称重") {
		t.Error("non-ASCII descriptions should be written as-is")
	}
	if !strings.Contains(b.String(), "\n  \"") {
		t.Error("output is not indented")
	}
}
