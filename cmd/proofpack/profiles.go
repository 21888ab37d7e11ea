package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/internal/units"
)

type profilesOptions struct {
	commonOptions
	io   *ioStreams
	json bool
}

func newProfilesCmd(io *ioStreams) *cobra.Command {
	o := &profilesOptions{io: io}
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "List the portal profiles and their limits",
		Long: `Profiles lists the portals whose published limits a packet can be shaped to
with 'build --profile NAME': byte and page budgets, DPI, paper, the statement's
character limit, per-image exports, and where each figure comes from.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := o.templates()
			if err != nil {
				return err
			}
			if o.json {
				return writeJSON(o.io, set.Profiles())
			}
			for _, p := range set.Profiles() {
				limit := "no byte limit"
				if p.MaxBytes > 0 {
					limit = units.Megabytes(p.MaxBytes)
				}
				fmt.Fprintf(o.io.Out, "%-12s %-9s %4d pages  %3d dpi  %-6s  %s\n", p.Name, limit, p.MaxPages, p.DPI, p.Paper, p.Title)
				fmt.Fprintf(o.io.Out, "%14s%s\n", "", p.Source)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print as JSON")
	cmd.Flags().StringVar(&o.templatesDir, "templates", "", "folder with profiles/ that add to or replace the built-in ones")
	return cmd
}
