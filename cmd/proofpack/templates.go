package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/templates"
)

type templatesOptions struct {
	commonOptions
	io   *ioStreams
	lang string
	json bool
}

// templateInfo is a dispute template as listed by the command.
type templateInfo struct {
	Name        string   `json:"name"`
	Language    string   `json:"language"`
	Title       string   `json:"title"`
	Summary     string   `json:"summary,omitempty"`
	Required    []string `json:"required"`
	Recommended []string `json:"recommended"`
	// ReasonCodes are the card networks' reason codes the type answers,
	// "network code" ("visa 13.1").
	ReasonCodes    []string `json:"reason_codes"`
	Sections       []string `json:"sections,omitempty"`
	StatementLimit int      `json:"statement_limit,omitempty"`
	Statement      string   `json:"statement,omitempty"`
	Source         string   `json:"source,omitempty"`
}

func infoOf(d *templates.Dispute, reasons *templates.Reasons, full bool) templateInfo {
	ti := templateInfo{Name: d.Name, Language: d.Language, Title: d.Title, Required: []string{}, Recommended: []string{}, ReasonCodes: []string{}}
	if reasons != nil {
		for _, r := range reasons.ForDispute(d.Name) {
			ti.ReasonCodes = append(ti.ReasonCodes, r.Network.ID+" "+r.Code)
		}
	}
	for _, k := range d.Required {
		ti.Required = append(ti.Required, string(k))
	}
	for _, k := range d.Recommended {
		ti.Recommended = append(ti.Recommended, string(k))
	}
	if full {
		ti.Summary, ti.Sections, ti.StatementLimit, ti.Statement, ti.Source = d.Summary, d.Sections, d.StatementLimit, d.Statement, d.Source
	}
	return ti
}

func newTemplatesCmd(io *ioStreams) *cobra.Command {
	o := &templatesOptions{io: io}
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List the dispute types with their titles and required evidence",
		Args:  exactArgs(0, "no arguments (or: templates show TYPE)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.list()
		},
	}
	show := &cobra.Command{
		Use:   "show TYPE",
		Short: "Print one dispute template",
		Args:  exactArgs(1, "one dispute type"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.show(args[0])
		},
	}
	for _, c := range []*cobra.Command{cmd, show} {
		c.Flags().StringVar(&o.lang, "lang", "", "only this language: zh or en")
		c.Flags().BoolVar(&o.json, "json", false, "print as JSON")
		c.Flags().StringVar(&o.templatesDir, "templates", "", "folder of dispute templates that add to or replace the built-in ones")
	}
	cmd.AddCommand(show)
	return cmd
}

func (o *templatesOptions) selected() ([]*templates.Dispute, *templates.Reasons, error) {
	if err := o.validLang(o.lang); err != nil {
		return nil, nil, err
	}
	set, err := o.templates()
	if err != nil {
		return nil, nil, err
	}
	var out []*templates.Dispute
	for _, d := range set.List() {
		if o.lang == "" || d.Language == o.lang {
			out = append(out, d)
		}
	}
	return out, set.Reasons(), nil
}

func (o *templatesOptions) list() error {
	ds, reasons, err := o.selected()
	if err != nil {
		return err
	}
	infos := []templateInfo{}
	for _, d := range ds {
		infos = append(infos, infoOf(d, reasons, false))
	}
	if o.json {
		return writeJSON(o.io, infos)
	}
	for _, ti := range infos {
		fmt.Fprintf(o.io.Out, "%-22s %-3s %s\n%26s required: %s\n", ti.Name, ti.Language, ti.Title, "", strings.Join(ti.Required, ", "))
		if len(ti.ReasonCodes) > 0 {
			fmt.Fprintf(o.io.Out, "%26s reason codes: %s\n", "", strings.Join(ti.ReasonCodes, ", "))
		}
	}
	return nil
}

func (o *templatesOptions) show(name string) error {
	ds, reasons, err := o.selected()
	if err != nil {
		return err
	}
	infos := []templateInfo{}
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
		if d.Name == name {
			infos = append(infos, infoOf(d, reasons, true))
		}
	}
	if len(infos) == 0 {
		sort.Strings(names)
		return fmt.Errorf("no dispute template %q; available: %s", name, strings.Join(dedupe(names), ", "))
	}
	if o.json {
		return writeJSON(o.io, infos)
	}
	for _, ti := range infos {
		fmt.Fprintf(o.io.Out, "%s (%s): %s\n%s\nrequired:    %s\nrecommended: %s\nsections:    %s\n",
			ti.Name, ti.Language, ti.Title, ti.Summary, strings.Join(ti.Required, ", "), strings.Join(ti.Recommended, ", "), strings.Join(ti.Sections, ", "))
		if len(ti.ReasonCodes) > 0 {
			fmt.Fprintf(o.io.Out, "reason codes: %s\n", strings.Join(ti.ReasonCodes, ", "))
		}
		if ti.StatementLimit > 0 {
			fmt.Fprintf(o.io.Out, "statement limit: %d characters\n", ti.StatementLimit)
		}
		fmt.Fprintf(o.io.Out, "source: %s\nstatement:\n%s\n", ti.Source, ti.Statement)
	}
	return nil
}

func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func writeJSON(io *ioStreams, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
