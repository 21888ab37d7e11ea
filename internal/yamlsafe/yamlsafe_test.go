package yamlsafe

import (
	"strings"
	"testing"
)

func TestUnmarshalRecoversDecoderPanic(t *testing.T) {
	var v struct {
		AfterSale struct {
			Missing []struct{ SKU string } `yaml:"missing"`
		} `yaml:"after_sale"`
	}
	// Found by FuzzParseManifest: go-yaml v1.19.2 dereferences nil here.
	err := Unmarshal([]byte("after_sale:\n  missing: !0000000000000）0000000000 0"), &v)
	if err == nil || !strings.Contains(err.Error(), "YAML decoder failed") {
		t.Logf("err = %v (the decoder may have been fixed upstream)", err)
	}
	if err := Unmarshal([]byte("after_sale: {missing: [{sku: a}]}"), &v); err != nil || v.AfterSale.Missing[0].SKU != "a" {
		t.Fatalf("plain decode: %v %+v", err, v)
	}
}
