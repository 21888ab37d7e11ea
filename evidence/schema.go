package evidence

import (
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Schema returns the JSON Schema of the manifest, generated from the
// Manifest type and its struct tags so it cannot drift from the parser.
func Schema() map[string]any {
	s := schemaOf(reflect.TypeFor[Manifest]())
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/proofpack/proofpack/order.schema.json"
	s["title"] = "proofpack order manifest"
	props := s["properties"].(map[string]any)
	props["platform"].(map[string]any)["enum"] = Platforms
	props["language"].(map[string]any)["pattern"] = LanguageRe.String()
	return s
}

// WriteSchema writes the schema as indented JSON.
func WriteSchema(w io.Writer) error { return EncodeSchema(w, Schema()) }

// EncodeSchema writes a schema (Schema, perhaps annotated by the caller)
// as indented JSON.
func EncodeSchema(w io.Writer, s map[string]any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

func schemaOf(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}
	case t == reflect.TypeFor[Kind]():
		return map[string]any{"type": "string", "enum": KindNames()}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			p := schemaOf(f.Type)
			if d := f.Tag.Get("doc"); d != "" {
				p["description"] = d
			}
			for _, flag := range strings.Split(f.Tag.Get("schema"), ",") {
				switch {
				case flag == "required":
					required = append(required, name)
				case strings.HasPrefix(flag, "min="):
					n, _ := strconv.Atoi(strings.TrimPrefix(flag, "min="))
					p["minimum"] = n
				}
			}
			for _, flag := range strings.Split(f.Tag.Get("schema"), ",") {
				switch flag {
				case "nonneg":
					p["minimum"] = 0
				case "positive":
					p["exclusiveMinimum"] = 0
				case "nonempty":
					p["minItems"] = 1
				}
			}
			props[name] = p
		}
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	}
	return map[string]any{}
}
