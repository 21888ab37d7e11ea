package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/batch"
	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

type checkOptions struct {
	commonOptions
	io   *ioStreams
	dir  string
	lang string
	json bool
}

// newCheckCmd makes the check command; runF, when not nil, is called with
// the parsed options in place of checking (for tests of the flags).
func newCheckCmd(io *ioStreams, runF func(context.Context, *checkOptions) error) *cobra.Command {
	o := &checkOptions{io: io}
	cmd := &cobra.Command{
		Use:   "check ORDER_DIR | ROOT",
		Short: "Check an order's manifest and evidence without rendering",
		Long: `Check validates ORDER_DIR's manifest and evidence against its dispute template:
missing required and recommended evidence, unreadable or unclassified files,
and contradictions between the facts (dates out of order, weights that
disagree, amounts above the order total...). It exits 0 when the packet can be
built and 1 otherwise.

Given a folder of order folders (the ROOT 'proofpack batch' takes), it checks
every order the batch would build, prints each one's findings and a tally,
and exits 1 when any order cannot be built: every order's gaps, before
spending the time to render them.`,
		Example: "  proofpack check samples/orders/missing-item-zh\n  proofpack check ./PDD-0001 --json\n  proofpack check orders",
		Args:    exactArgs(1, "one order folder or a folder of order folders"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return o.run(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&o.lang, "lang", "", "language of the checklist names: zh or en (default: the manifest's)")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the report as JSON")
	o.addFlags(cmd)
	return cmd
}

func (o *checkOptions) run(ctx context.Context) error {
	if err := o.validLang(o.lang); err != nil {
		return err
	}
	set, err := o.templates()
	if err != nil {
		return err
	}
	o.dir = orderDir(o.dir)
	if _, ok := evidence.FindManifest(o.dir); !ok {
		if orders, err := batch.Discover(o.dir, ""); err == nil && len(orders) > 0 {
			return o.runAll(ctx, set, orders)
		}
	}
	rep := packet.CheckDir(ctx, o.dir, packet.Options{Templates: set, Lang: o.lang}, o.loadOptions())
	if o.json {
		if err := writeJSON(o.io, rep); err != nil {
			return err
		}
	} else {
		printReport(o.io, rep, false)
	}
	if !rep.Buildable {
		return exitCodeError{code: exitError, err: errors.New("")}
	}
	return nil
}

// runAll checks every order folder under the root, in the batch's order.
func (o *checkOptions) runAll(ctx context.Context, set *templates.Set, orders []batch.Order) error {
	var reps []*packet.Report
	bad := 0
	for _, ord := range orders {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep := packet.CheckDir(ctx, ord.Dir, packet.Options{Templates: set, Lang: o.lang}, o.loadOptions())
		reps = append(reps, rep)
		if !rep.Buildable {
			bad++
		}
		if !o.json {
			printReport(o.io, rep, true)
		}
	}
	if o.json {
		if err := writeJSON(o.io, reps); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(o.io.Out, "%d orders: %d can be built, %d cannot\n", len(reps), len(reps)-bad, bad)
	}
	if bad > 0 {
		return exitCodeError{code: exitError, err: fmt.Errorf("%d of %d orders cannot be built; fix the errors above, then run 'proofpack batch %s -o OUTDIR'", bad, len(reps), o.dir)}
	}
	return nil
}

// printReport prints what check found; brief leaves out the evidence
// checklist (for a folder of orders, where the findings are what matter).
func printReport(io *ioStreams, rep *packet.Report, brief bool) {
	out := io.Out
	title := rep.Dir
	if rep.OrderID != "" {
		title = fmt.Sprintf("%s: order %s, %s (%s)", rep.Dir, rep.OrderID, rep.Dispute, rep.Language)
	}
	fmt.Fprintln(out, title)
	for _, k := range rep.Evidence {
		if brief { // what is missing is among the findings
			break
		}
		status := "ok     "
		if len(k.Exhibits) == 0 {
			status = "MISSING"
		}
		fmt.Fprintf(out, "  %s %-11s %-17s %s %s\n", status, k.Need, k.Kind, strings.Join(k.Exhibits, ","), strings.Join(k.Files, " "))
	}
	if rep.ReasonCode != "" {
		fmt.Fprintf(out, "  reason code: %s\n", rep.ReasonCode)
	}
	if rep.CE3 != "" {
		fmt.Fprintf(out, "  %s\n", rep.CE3)
	}
	errs := 0
	for _, f := range rep.Findings {
		if f.Severity == packet.SeverityError {
			errs++
		}
		fmt.Fprintf(out, "  %-7s %s\n", f.Severity, f)
		for _, h := range flagHints(f.Err) {
			fmt.Fprintf(out, "          hint: %s\n", h)
		}
	}
	if rep.StatementLimit > 0 {
		fmt.Fprintf(out, "  statement: %d of %d characters\n", rep.StatementChars, rep.StatementLimit)
	}
	if rep.Buildable {
		fmt.Fprintln(out, "can be built")
	} else {
		fmt.Fprintf(out, "cannot be built: %d error(s)\n", errs)
	}
}
