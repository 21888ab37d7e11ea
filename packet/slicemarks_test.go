package packet

import (
	"reflect"
	"testing"

	"github.com/proofpack/proofpack/pdf"
)

func TestSliceMarks(t *testing.T) {
	// A 1000-pixel-tall capture cut into slices of 400, 400 and 200 rows.
	marks := []pdf.Mark{
		{N: 1, Box: [4]float64{0.1, 0.1, 0.5, 0.1}},  // rows 100-200: first slice
		{N: 2, Box: [4]float64{0.2, 0.35, 0.3, 0.1}}, // rows 350-450: first and second
		{N: 3, Box: [4]float64{0, 0.9, 1, 0.1}},      // rows 900-1000: last
	}
	tests := []struct {
		y0, y1 int
		want   []pdf.Mark
	}{
		{0, 400, []pdf.Mark{{N: 1, Box: [4]float64{0.1, 0.25, 0.5, 0.25}}, {N: 2, Box: [4]float64{0.2, 0.875, 0.3, 0.125}}}},
		{400, 800, []pdf.Mark{{N: 2, Box: [4]float64{0.2, 0, 0.3, 0.125}}}},
		{800, 1000, []pdf.Mark{{N: 3, Box: [4]float64{0, 0.5, 1, 0.5}}}},
	}
	for _, tc := range tests {
		got := sliceMarks(marks, 1000, tc.y0, tc.y1)
		for i := range got {
			for j := range got[i].Box {
				got[i].Box[j] = float64(int(got[i].Box[j]*1e6+0.5)) / 1e6 // float noise
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("rows %d-%d: %v, want %v", tc.y0, tc.y1, got, tc.want)
		}
	}
}
