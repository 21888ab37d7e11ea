// Command genorder writes the deterministic order folder that bench/run.sh
// times: 8 phone photos (4032x3024 JPEG, about 2.5 MB each, EXIF
// orientations 1, 6, 3 and 8 twice over, capture time and GPS tags) and 3
// phone screenshots (1170x2532 PNG), with an order.yaml for the missing-item
// dispute. The same invocation always writes the same bytes.
//
//	go run ./bench/genorder -o /tmp/order
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/proofpack/proofpack/internal/samplegen"
)

func main() {
	out := flag.String("o", "bench-order", "folder to write the order to (created; files in it are overwritten)")
	flag.Parse()
	if err := samplegen.WritePhoneOrder(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genorder:", err)
		os.Exit(1)
	}
}
