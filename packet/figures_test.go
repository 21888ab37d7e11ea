package packet

import (
	"math"
	"testing"

	"github.com/proofpack/proofpack/pdf"
)

// TestPageFillDPI: a screenshot alone on its page is drawn as large as the
// page allows, never below the legibility floor nor above the resolution
// it was prepared at.
func TestPageFillDPI(t *testing.T) {
	wmm, hmm := pdf.FigureBox("a4", 1)
	for _, tt := range []struct {
		name       string
		w, h, dpi  int
		wantHeight bool // fills the box's height (else its width)
		want       float64
	}{
		{"tall chat fills the height", 750, 1366, 200, true, 0},
		{"wide page fills the width", 1080, 1200, 200, false, 0},
		{"small chat stops at the floor", 300, 600, 200, false, floorLegibleDPI},
		{"huge capture keeps its resolution", 3000, 6000, 200, false, 200},
	} {
		got := pageFillDPI(pdf.Image{Width: tt.w, Height: tt.h, DPI: float64(tt.dpi)}, "a4")
		drawnW, drawnH := float64(tt.w)/got*25.4, float64(tt.h)/got*25.4
		switch {
		case tt.want != 0:
			if got != tt.want {
				t.Errorf("%s: %.1f dpi, want %.1f", tt.name, got, tt.want)
			}
		case tt.wantHeight:
			if math.Abs(drawnH-hmm) > 0.01 || drawnW > wmm {
				t.Errorf("%s: drawn %.1f x %.1f mm in a %.1f x %.1f box; want its full height", tt.name, drawnW, drawnH, wmm, hmm)
			}
		default:
			if math.Abs(drawnW-wmm) > 0.01 || drawnH > hmm {
				t.Errorf("%s: drawn %.1f x %.1f mm in a %.1f x %.1f box; want its full width", tt.name, drawnW, drawnH, wmm, hmm)
			}
		}
	}
}
