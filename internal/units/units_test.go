package units

import "testing"

func TestSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {999, "999 B"}, {1000, "1 KB"}, {356_400, "356 KB"}, {999_499, "999 KB"},
		{1_000_000, "1.0 MB"}, {2_450_000, "2.5 MB"}, {10 << 20, "10.5 MB"},
	} {
		if got := Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
