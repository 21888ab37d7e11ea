package main

import (
	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

func newSchemaCmd(io *ioStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of order.yaml / order.json",
		Long: `Schema prints a JSON Schema (draft 2020-12) of the order manifest, so editors
validate and complete it. With VS Code's YAML extension, save it as
order.schema.json and put "# yaml-language-server: $schema=order.schema.json"
at the top of order.yaml.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := templates.Builtin()
			if err != nil {
				return err
			}
			return evidence.EncodeSchema(io.Out, set.Reasons().Schema(evidence.Schema()))
		},
	}
}
