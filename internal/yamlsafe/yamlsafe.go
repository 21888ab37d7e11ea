// Package yamlsafe decodes YAML with github.com/goccy/go-yaml without
// letting a panic inside the decoder crash proofpack: fuzzing found inputs
// (a tag on a sequence) that make the decoder dereference nil.
package yamlsafe

import (
	"fmt"

	"github.com/goccy/go-yaml"
)

// Unmarshal is yaml.UnmarshalWithOptions, with a decoder panic returned as
// an error.
func Unmarshal(data []byte, v any, opts ...yaml.DecodeOption) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML decoder failed on this file (%v); simplify the structure or report it", r)
		}
	}()
	return yaml.UnmarshalWithOptions(data, v, opts...)
}
