package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/packet"
)

type checkOptions struct {
	commonOptions
	io   *ioStreams
	dir  string
	lang string
	json bool
}

func newCheckCmd(io *ioStreams) *cobra.Command {
	o := &checkOptions{io: io}
	cmd := &cobra.Command{
		Use:   "check ORDER_DIR",
		Short: "Check an order's manifest and evidence without rendering",
		Long: `Check validates ORDER_DIR's manifest and evidence against its dispute template:
missing required and recommended evidence, unreadable or unclassified files,
and contradictions between the facts (dates out of order, weights that
disagree, amounts above the order total...). It exits 0 when the packet can be
built and 1 otherwise.`,
		Example: "  proofpack check samples/orders/missing-item-zh\n  proofpack check ./PDD-0001 --json",
		Args:    exactArgs(1, "one order folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return o.run(cmd)
		},
	}
	cmd.Flags().StringVar(&o.lang, "lang", "", "language of the checklist names: zh or en (default: the manifest's)")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the report as JSON")
	o.addFlags(cmd)
	return cmd
}

func (o *checkOptions) run(cmd *cobra.Command) error {
	if err := validLang(o.lang); err != nil {
		return err
	}
	set, err := o.templates()
	if err != nil {
		return err
	}
	rep := packet.Check(cmd.Context(), o.dir, packet.Options{Templates: set, Lang: o.lang}, o.loadOptions())
	if o.json {
		enc := json.NewEncoder(o.io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printReport(o.io, rep)
	}
	if !rep.Buildable {
		return exitCodeError{code: exitError, err: errors.New("")}
	}
	return nil
}

func printReport(io *ioStreams, rep *packet.Report) {
	out := io.Out
	title := rep.Dir
	if rep.OrderID != "" {
		title = fmt.Sprintf("%s: order %s, %s (%s)", rep.Dir, rep.OrderID, rep.Dispute, rep.Language)
	}
	fmt.Fprintln(out, title)
	for _, k := range rep.Evidence {
		status := "ok     "
		if len(k.Exhibits) == 0 {
			status = "MISSING"
		}
		fmt.Fprintf(out, "  %s %-11s %-17s %s %s\n", status, k.Need, k.Kind, strings.Join(k.Exhibits, ","), strings.Join(k.Files, " "))
	}
	errs := 0
	for _, f := range rep.Findings {
		if f.Severity == packet.SeverityError {
			errs++
		}
		fmt.Fprintf(out, "  %-7s %s\n", f.Severity, f)
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
