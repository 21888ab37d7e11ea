package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/internal/samplegen"
	"github.com/proofpack/proofpack/internal/units"
	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

type samplesOptions struct {
	io     *ioStreams
	output string
	render bool
	only   []string
}

// newSamplesCmd makes the samples command; runF, when not nil, is called
// with the parsed options in place of writing the samples (for tests of
// the flags).
func newSamplesCmd(io *ioStreams, runF func(context.Context, *samplesOptions) error) *cobra.Command {
	o := &samplesOptions{io: io}
	cmd := &cobra.Command{
		Use:   "samples -o DIR",
		Short: "Write the sample order folders (and, with --render, their packets)",
		Long: `Samples writes a sample order folder for each dispute type under DIR/orders,
with synthetic evidence drawn by proofpack itself. With --render it also builds
each one's packet into DIR/packets. The output is byte-identical on every run.`,
		Example: "  proofpack samples -o samples --render",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return o.run(cmd.Context())
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "folder to write orders/ (and packets/) into")
	cmd.Flags().BoolVar(&o.render, "render", false, "also build each sample's packet into DIR/packets")
	cmd.Flags().StringSliceVar(&o.only, "only", nil, "write only these samples (names as listed, e.g. missing-item-zh)")
	return cmd
}

func (o *samplesOptions) run(ctx context.Context) error {
	if o.output == "" {
		return usageError{fmt.Errorf("samples: -o DIR is required")}
	}
	set, err := templates.Builtin()
	if err != nil {
		return err
	}
	orders := filepath.Join(o.output, "orders")
	packets := filepath.Join(o.output, "packets")
	samples := samplegen.Samples()
	if len(o.only) > 0 {
		var picked []samplegen.Sample
		var names []string
		for _, s := range samples {
			names = append(names, s.Name)
			if slices.Contains(o.only, s.Name) {
				picked = append(picked, s)
			}
		}
		if len(picked) != len(o.only) {
			return usageError{fmt.Errorf("--only %s: unknown sample; available: %s", strings.Join(o.only, ","), strings.Join(names, ", "))}
		}
		samples = picked
	}
	for _, s := range samples {
		if err := samplegen.Write(ctx, orders, s); err != nil {
			return err
		}
		fmt.Fprintln(o.io.Out, filepath.Join(orders, s.Name))
		if !o.render {
			continue
		}
		if err := mkdirAll(packets); err != nil {
			return err
		}
		res, err := packet.BuildFile(ctx, filepath.Join(orders, s.Name), filepath.Join(packets, s.Name+".pdf"),
			packet.FileOptions{Options: packet.Options{Templates: set}, Statement: true})
		if err != nil {
			return err
		}
		for _, w := range res.Warnings {
			warnf(o.io.ErrOut, "%s", w)
		}
		fmt.Fprintf(o.io.Out, "%s: %d pages, %s (profile %s)\n", res.Output, res.Pages, units.Size(res.Bytes), res.Profile)
	}
	return nil
}
