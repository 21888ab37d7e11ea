package samplegen

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// drawGolden pins the SHA-256 of the pixels of each sample. The drawing code
// is integer-only, so these hold on every platform (checked on amd64 with
// and without FMA, GOAMD64=v1 and v3, and on 386). After an intended visual
// change, look at the images (SAMPLEGEN_LOOK) and update the sums from the
// failure messages.
var drawGolden = []struct{ name, sum string }{
	{"label", "de6ae09b076a1e22354c79bce73cbb8c5b7c4f1c7b1d54493aff6e3345660fdd"},
	{"scale", "11ee5ac9648dd162c5ee33ce647ebb992cf062449965d4174f9b645e9e317305"},
	{"courier", "36b97383419535143f15c48fa92a23be6381f4d0e393b2bb2ee1194dd757ecdd"},
	{"chat", "08b0d16d6ced59215a0e55883144769d848ef0796b767f1ce0d937ac080968ca"},
	{"product", "8e8f516a8f63cb81715ca53d52f029454714d337ee9c9727118b307fb866f321"},
	{"packing", "5bf8c26d189ae1bf23e5ed34a23ad62eba8a31c76ad25b13beab706e3d2d3588"},
	{"document", "84d8e7c1638c372485bf68d5d58225ba836ed68477f3c38e95735d1c420f2aac"},
	{"label-us", "0276968356c5743298ae1ffd0b62c3c70c7ec5709b38b0633d18354f4e5009ee"},
	{"trace", "bed6926962148678e67239d06d76485857539cf4d357a090d9d34b70817d9261"},
	{"glass", "82e2abc69d47a3a23ab9ededa5f40efb12fc5d9dcf5acdff1cb1cbbbd30a6552"},
	{"dented", "5c9b686484349df0aaa27b38a1e7f350fd0a4e6b9d48c605184ece0ce8a941c9"},
}

func TestDrawGolden(t *testing.T) {
	set := drawSampleSet()
	if len(set) != len(drawGolden) {
		t.Fatalf("%d samples, %d golden sums", len(set), len(drawGolden))
	}
	for i, s := range set {
		sum := sha256.Sum256(toRGBA(s.draw()).Pix)
		if got := hex.EncodeToString(sum[:]); s.name != drawGolden[i].name || got != drawGolden[i].sum {
			t.Errorf("%s: pixels sha256 %s, golden %s %s", s.name, got, drawGolden[i].name, drawGolden[i].sum)
		}
	}
}
