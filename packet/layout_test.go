package packet

import (
	"bytes"
	"context"
	"github.com/proofpack/proofpack/templates"
	"image"
	"image/png"
	"path/filepath"
	"testing"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/pdf"
)

// TestShortChatsShareAPage: two chat screenshots in a row share a page
// even when one is nearly square (quality-minor-defect-zh's B2, 749x757),
// instead of each leaving most of a page empty.
func TestShortChatsShareAPage(t *testing.T) {
	c := loadSample(t, filepath.Join(samplesDir, "quality-minor-defect-zh"))
	pk, err := Assemble(context.Background(), c, Options{Templates: builtin(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range pk.Doc.Sections {
		for _, b := range s.Blocks {
			if b.Figures != nil && len(b.Figures.Items) == 2 &&
				b.Figures.Items[0].Label == "证据 B1" && b.Figures.Items[1].Label == "证据 B2" {
				return
			}
		}
	}
	t.Error("the chats B1 and B2 are not on one page")
}

// TestScrollSlicesPairUp: a scroll capture is cut into an even number of
// slices of equal height, so its last page is not a lone short slice; each
// slice has a width of its own, and the pages pair them up.
func TestScrollSlicesPairUp(t *testing.T) {
	book, err := builtin(t).Lang("en")
	if err != nil {
		t.Fatal(err)
	}
	p := &phrases{Words: templates.Words{Book: book}}
	for _, h := range []int{250, 300, 401, 1000} {
		img := image.NewGray(image.Rect(0, 0, 40, h))
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		res, err := imagenorm.Normalise(context.Background(), buf.Bytes(), imagenorm.Options{Lossless: true, Slices: sliceCount(h, 100)})
		if err != nil {
			t.Fatal(err)
		}
		n := normalised{e: &evidence.Exhibit{Label: "B1"}, res: res, src: imageSource{dpi: 200}}
		fig := pdf.Figure{Label: "Exhibit B1", Image: pdf.Image{DPI: 200}}
		total, lo, hi := 0, h, 0
		widths := map[int]bool{}
		for _, g := range sliceGroups(p, n, fig) {
			if len(g.figures) != 2 {
				t.Errorf("height %d: a page holds %d slices, want 2", h, len(g.figures))
			}
			for _, f := range g.figures {
				total += f.Image.Height
				lo, hi = min(lo, f.Image.Height), max(hi, f.Image.Height)
				if widths[f.Image.Width] {
					t.Errorf("height %d: two slices are %d pixels wide", h, f.Image.Width)
				}
				widths[f.Image.Width] = true
			}
		}
		if total != h || hi > 100 || hi-lo > 1 {
			t.Errorf("height %d: slices from %d to %d rows, %d in all; want equal slices of at most 100 covering it", h, lo, hi, total)
		}
	}
}
