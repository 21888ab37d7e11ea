package samplegen

import "testing"

// BenchmarkDrawSet draws the whole sample set once per iteration.
func BenchmarkDrawSet(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, s := range drawSampleSet() {
			s.draw()
		}
	}
}
