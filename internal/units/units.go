// Package units formats byte counts the way the portals state their
// limits: in decimal units, 1 KB = 1000 bytes and 1 MB = 10^6 bytes, so a
// size printed by proofpack compares directly with a portal's "10 MB".
package units

import "fmt"

// KB and MB are decimal units of bytes.
const (
	KB int64 = 1000
	MB int64 = 1000 * KB
)

// Size formats n as "2.4 MB", "356 KB" or "512 B".
func Size(n int64) string {
	switch {
	case n >= MB:
		return Megabytes(n)
	case n >= KB:
		return fmt.Sprintf("%d KB", (n+KB/2)/KB)
	}
	return fmt.Sprintf("%d B", n)
}

// Megabytes formats n in MB with one decimal: "0.4 MB".
func Megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/float64(MB)) }
