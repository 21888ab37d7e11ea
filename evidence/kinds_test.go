package evidence

import (
	"slices"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want Kind // "" for no match
	}{
		{"label.jpg", ShippingLabel},
		{"面单.jpg", ShippingLabel},
		{"LABEL.JPG", ShippingLabel},
		{"Waybill-ZT123.png", ShippingLabel},
		{"photos/label.jpg", ShippingLabel}, // "photos" names no kind: the file name decides
		{"weights/warehouse.jpg", WarehouseWeight},
		{"仓库称重.jpg", WarehouseWeight},
		{"weights/courier.png", CourierWeight},
		{"快递称重截图.png", CourierWeight},
		{"reweigh.jpg", Reweigh},
		{"re-weigh 2.jpg", Reweigh},
		{"tracking.png", LogisticsProof},
		{"chat/buyer-1.png", Chat}, // the folder wins over the file name
		{"聊天记录1.png", Chat},
		{`chat\buyer-1.png`, Chat}, // Windows separators
		{"chat/2026/1.png", Chat},  // nearest matching folder
		{"packing/chat.png", PackingPhoto},
		{"chat/packing/1.png", PackingPhoto}, // the nearest folder wins
		{"packing.jpg", PackingPhoto},
		{"打包照片.jpg", PackingPhoto},
		{"product.jpg", ProductPhoto},
		{"buyer.jpg", BuyerPhoto},
		{"买家图片.png", BuyerPhoto},
		{"policy.png", Policy},
		{"质检报告.jpg", QualityProof},
		{"IMG_0001.jpg", ""},
		{"photos/IMG_0001.jpg", ""},
		{"", ""},
		{"./IMG_0002.HEIC", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, ok := Classify(tt.path)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Classify(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.want != "")
			}
		})
	}
}

// TestClassifyFileNameWordOrder documents that when a file name contains
// keywords of several kinds, the kind earlier in Kinds wins, whatever the
// order of the words in the name.
func TestClassifyFileNameWordOrder(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"courier-label.jpg", ShippingLabel},
		{"label-courier.jpg", ShippingLabel},
		{"buyer-chat.png", Chat},
		// A buyer's unboxing photo is filed as the seller's packing photo
		// because "packing" (PackingPhoto) is tried before "buyer"; see the
		// report. Kept here to document current behaviour.
		{"buyer-unpacking.jpg", PackingPhoto},
	}
	for _, tt := range tests {
		if got, _ := Classify(tt.path); got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestKindsTable(t *testing.T) {
	names := KindNames()
	if len(names) != len(Kinds) {
		t.Fatalf("KindNames has %d names, Kinds %d", len(names), len(Kinds))
	}
	seen := map[Kind]bool{}
	lastGroup := ""
	for i, ki := range Kinds {
		if names[i] != string(ki.Kind) {
			t.Errorf("KindNames()[%d] = %q, want %q", i, names[i], ki.Kind)
		}
		if seen[ki.Kind] {
			t.Errorf("kind %q listed twice", ki.Kind)
		}
		seen[ki.Kind] = true
		if !slices.Contains([]string{"A", "B", "C", "D"}, ki.Group) {
			t.Errorf("%s: group %q", ki.Kind, ki.Group)
		}
		if ki.Group < lastGroup {
			t.Errorf("%s: group %s after group %s; Kinds must be in presentation order", ki.Kind, ki.Group, lastGroup)
		}
		lastGroup = ki.Group
		got, ok := LookupKind(ki.Kind)
		if !ok || got.Kind != ki.Kind {
			t.Errorf("LookupKind(%q) = %v, %v", ki.Kind, got, ok)
		}
	}
	if _, ok := LookupKind("nope"); ok {
		t.Error(`LookupKind("nope") succeeded`)
	}
}

// TestClassifyOwnNames checks that a file named after a kind (its name, its
// Chinese name, or one of its keywords) is classified as that kind.
func TestClassifyVideos(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Kind
	}{
		{"打包视频/IMG_0001.MOV", PackingVideo},
		{"packing/clip.mp4", PackingVideo},
		{"发货视频.mp4", DeliveryVideo},
		{"videos/dispatch-1102.m4v", DeliveryVideo},
		{"开箱视频.mp4", BuyerVideo},
		{"买家/VID_20261103.mp4", BuyerVideo},
		{"packing/photo.jpg", PackingPhoto},
		{"开箱.jpg", ""},
		{"label.mp4", ""},
	} {
		got, _ := Classify(tc.path)
		if got != tc.want {
			t.Errorf("Classify(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestClassifyOwnNames(t *testing.T) {
	for _, ki := range Kinds {
		names := append([]string{string(ki.Kind)}, ki.keywords...)
		ext := ".png"
		if isVideo(ki.Kind) {
			ext = ".mp4"
		}
		for _, n := range names {
			t.Run(string(ki.Kind)+"/"+n, func(t *testing.T) {
				got, ok := Classify("证据/" + n + ext)
				if ok && got == ki.Kind {
					return
				}
				t.Errorf("Classify(%q) = %q, %v; want %q", n+ext, got, ok, ki.Kind)
			})
		}
	}
}
