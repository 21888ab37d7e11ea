package packet_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

// A shop's back office builds the packet of an order under dispute from
// its folder, keeps the PDF in memory to upload it, and pastes the
// statement into the portal's text box. BuildFile does the same into
// files; Check reports on the folder without rendering.
func Example() {
	ctx := context.Background()
	set, err := templates.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	c, err := evidence.Load(ctx, "../samples/orders/missing-item-en", evidence.Options{})
	if err != nil {
		log.Fatal(err) // a *evidence.ManifestError names each file and field
	}
	defer c.Close()

	var pdf bytes.Buffer
	res, err := packet.Render(ctx, &pdf, c, packet.Options{Templates: set})
	if err != nil {
		log.Fatal(err) // for instance a *packet.IncompleteError
	}
	fmt.Println(res.OrderID, "for", res.Platform, "within profile", res.Profile)
	fmt.Println("PDF:", bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")), int64(pdf.Len()) == res.Bytes)
	fmt.Println("weights:", res.WeightVerdict)
	fmt.Println("statement for the text box:", strings.Contains(res.Statement, res.OrderID))
	fmt.Println("buildable by check's rules:", res.Report.Buildable)
	// Output:
	// PDD-20261101-0217 for pinduoduo within profile pinduoduo
	// PDF: true true
	// weights: supports
	// statement for the text box: true
	// buildable by check's rules: true
}
