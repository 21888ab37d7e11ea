package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/units"
	"github.com/proofpack/proofpack/packet"
)

type buildOptions struct {
	packetFlags
	io        *ioStreams
	dir       string
	output    string
	json      bool
	imagesOut string
}

func newBuildCmd(io *ioStreams) *cobra.Command {
	o := &buildOptions{io: io}
	cmd := &cobra.Command{
		Use:   "build ORDER_DIR",
		Short: "Build one order's evidence packet",
		Long: `Build reads ORDER_DIR (order.yaml or order.json and the evidence files) and
writes the packet as ORDER_ID.pdf in the current folder, or where -o says,
with the statement as text beside it for the portal's text box.`,
		Example: `  proofpack build samples/orders/missing-item-zh
  proofpack build ./PDD-0001 -o out/PDD-0001.pdf --lang en --paper letter
  proofpack build ./PDD-0001 -o - > packet.pdf`,
		Args: exactArgs(1, "one order folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return o.run(cmd)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "output PDF file (default ORDER_ID.pdf here; - for standard output)")
	f.StringVar(&o.imagesOut, "images-out", "", "also write each exhibit image as its own file into this folder, within the profile's per-image cap")
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	o.addPacketFlags(cmd, "the")
	return cmd
}

func (o *buildOptions) run(cmd *cobra.Command) error {
	if o.output == "-" && o.io.OutIsTTY {
		return usageError{errors.New("-o -: standard output is a terminal; redirect it to a file or give -o FILE")}
	}
	if o.output == "-" && o.imagesOut != "" {
		return usageError{errors.New("--images-out writes files beside a packet file; give -o FILE instead of -o -")}
	}
	fo, err := o.fileOptions(o.io.Getenv)
	if err != nil {
		return err
	}
	fo.ImagesDir = o.imagesOut
	ctx := cmd.Context()
	var res *packet.Result
	if o.output == "-" {
		c, err := evidence.Load(ctx, o.dir, fo.Load)
		if err != nil {
			return err
		}
		defer c.Close()
		// Render writes only once the whole packet is built, so a failed
		// build puts nothing on standard output.
		if res, _, err = packet.Render(ctx, o.io.Out, c, fo.Options); err != nil {
			return err
		}
		res.Output = "-"
	} else {
		if res, err = packet.BuildFile(ctx, o.dir, o.output, fo); err != nil {
			return err
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(o.io.ErrOut, "warning:", w)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(o.io.ErrOut, "warning: %s: built without required evidence: %v\n", o.dir, res.Missing)
	}
	if o.output == "-" {
		if o.json {
			return json.NewEncoder(o.io.ErrOut).Encode(res)
		}
		return nil
	}
	if o.json {
		return writeJSON(o.io, res)
	}
	fmt.Fprintf(o.io.Out, "%s: %d pages, %s (profile %s)\n", res.Output, res.Pages, units.Size(res.Bytes), res.Profile)
	if res.ImagesDir != "" {
		fmt.Fprintf(o.io.Out, "%s: %d images\n", res.ImagesDir, len(res.Images))
	}
	return nil
}
