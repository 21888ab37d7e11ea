package packet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence"
)

// The sample labels carry the tracking number as a Code 128 and a QR code.

func TestLabelBarcodeMatches(t *testing.T) {
	set := builtin(t)
	dir := filepath.Join(samplesDir, "missing-item-zh")
	for _, f := range CheckDir(context.Background(), dir, Options{Templates: set}, evidence.Options{}).Findings {
		if strings.Contains(f.Message, "barcode") {
			t.Errorf("unexpected finding: %s", f)
		}
	}
	doc, _ := json.Marshal(renderSample(t, "missing-item-zh").pk.Doc)
	if !strings.Contains(string(doc), "条码已识读：ZT1234567890，与运单号一致") {
		t.Error("the label exhibit does not say its barcode was read and matches")
	}
}

func TestLabelOfAnotherParcel(t *testing.T) {
	set := builtin(t)
	dir := copySample(t, "missing-item-zh")
	manifest := filepath.Join(dir, "order.yaml")
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	// The tracking number changed everywhere: manifest, caption, highlight.
	if err := os.WriteFile(manifest, bytes.ReplaceAll(data, []byte("ZT1234567890"), []byte("ZT9876543210")), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := CheckDir(context.Background(), dir, Options{Templates: set}, evidence.Options{})
	if rep.Buildable {
		t.Fatal("a label of another parcel passes check")
	}
	var msg string
	for _, f := range rep.Findings {
		if f.Severity == SeverityError {
			msg += f.String()
		}
	}
	for _, want := range []string{"label.jpg", "ZT1234567890 (Code 128, QR)", "tracking number is ZT9876543210"} {
		if !strings.Contains(msg, want) {
			t.Errorf("check's error %q does not name %q", msg, want)
		}
	}
	_, err = Render(context.Background(), &bytes.Buffer{}, loadSample(t, dir), Options{Templates: set})
	var ce *ContradictionError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "ZT9876543210") {
		t.Fatalf("build: %v", err)
	}
}

func TestLabelUnreadable(t *testing.T) {
	set := builtin(t)
	dir := copySample(t, "missing-item-en")
	blank := image.NewGray(image.Rect(0, 0, 600, 900))
	draw.Draw(blank, blank.Rect, image.NewUniform(color.Gray{0xE0}), image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, blank, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "label.jpg"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The sample's highlight and redaction boxes are fractions: they fit.
	rep := CheckDir(context.Background(), dir, Options{Templates: set}, evidence.Options{})
	found := false
	for _, f := range rep.Findings {
		if strings.Contains(f.Message, "no barcode could be read") {
			found = f.Severity == SeverityWarning
		}
	}
	if !rep.Buildable || !found {
		t.Fatalf("unreadable label: buildable=%v findings=%v", rep.Buildable, rep.Findings)
	}
	res, err := Render(context.Background(), &bytes.Buffer{}, loadSample(t, dir), Options{Templates: set})
	if err != nil {
		t.Fatal(err)
	}
	if doc, _ := json.Marshal(res.packet.Doc); strings.Contains(string(doc), "Barcode read") {
		t.Error("the packet claims an unreadable barcode was read")
	}
	// The build reports what check does, from the labels it read itself.
	if !reflect.DeepEqual(res.Report, rep) {
		t.Errorf("the build's report differs from check's:\n build %+v\n check %+v", res.Report, rep)
	}
}
