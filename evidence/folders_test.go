package evidence

import (
	"fmt"
	"strings"
	"testing"
)

func TestClassifyWeighingFolders(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Kind
	}{
		{"称重/仓库.jpg", WarehouseWeight},
		{"称重/出库 0.78kg.jpg", WarehouseWeight},
		{"称重/快递.png", CourierWeight},
		{"称重/揽收记录.png", CourierWeight},
		{"称重/内网截图.png", CourierWeight},
		{"称重/复称.jpg", Reweigh},
		{"称重/重新称重仓库.jpg", Reweigh}, // a re-weigh, though it names the warehouse
		{"Weights/Courier.PNG", CourierWeight},
		{"weighing/warehouse-1.jpg", WarehouseWeight},
		{"weights/reweigh.jpg", Reweigh},
		{"2026/称重/快递.png", CourierWeight},
		{"称重/label.jpg", ShippingLabel}, // no scale named: the usual rules
		{"称重/1.jpg", ""},
		{"快递.png", ""}, // outside a weighing folder 快递 alone says nothing
	} {
		if got, _ := Classify(tc.path); got != tc.want {
			t.Errorf("Classify(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}
}

func TestFolderNames(t *testing.T) {
	got := folderNames()
	for _, want := range []string{"面单/label", "仓库称重/warehouse", "快递称重/courier", "聊天/chat", "政策/policy"} {
		if !strings.Contains(got, want) {
			t.Errorf("folderNames() = %q; lacks %q", got, want)
		}
	}
	if strings.Count(got, "/") != len(Kinds) {
		t.Errorf("folderNames() = %q; want one name pair per kind", got)
	}
}

// A manifest in a big photo folder reports the first unlisted files and
// counts the rest.
func TestLoadListedManyUnlisted(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"label.jpg":  testJPEG(t, 20, 10, 4),
		"order.yaml": manifestWith(t, "  - {file: label.jpg, kind: shipping-label}"),
	}
	for i := range 25 {
		files[fmt.Sprintf("IMG_%04d.jpg", i)] = []byte("x")
	}
	writeFiles(t, dir, files)
	c, err := load(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Unclassified) != 21 || c.Unclassified[20] != "5 more files not listed under evidence: in the manifest, so not used" {
		t.Errorf("Unclassified (%d) = %q", len(c.Unclassified), c.Unclassified)
	}
}
