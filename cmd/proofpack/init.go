package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/scaffold"
)

type initOptions struct {
	commonOptions
	io       *ioStreams
	dir      string
	dispute  string
	platform string
	lang     string
}

func newInitCmd(io *ioStreams) *cobra.Command {
	o := &initOptions{io: io}
	cmd := &cobra.Command{
		Use:   "init ORDER_DIR --type TYPE",
		Short: "Start an order folder with a commented manifest for a dispute type",
		Long: `Init creates ORDER_DIR if needed and writes ORDER_DIR/order.yaml: the fields the
dispute type needs, commented, with its evidence checklist. It never
overwrites an existing manifest.`,
		Example: "  proofpack init ./PDD-0001 --type missing-item --platform pinduoduo\n  proofpack init ./ch_3Nx --type item-not-received --platform stripe --lang en",
		Args:    exactArgs(1, "one order folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return o.run()
		},
	}
	cmd.Flags().StringVar(&o.dispute, "type", "", "dispute type (see 'proofpack templates')")
	cmd.Flags().StringVar(&o.platform, "platform", "", "platform: "+strings.Join(evidence.Platforms, ", ")+", or 拼多多, 淘宝, 天猫, 抖音, 京东, 微信, PDD (default taobao, said when used)")
	cmd.Flags().StringVar(&o.lang, "lang", "zh", "packet language: zh or en")
	o.addTemplatesFlag(cmd)
	return cmd
}

func (o *initOptions) run() error {
	if o.dispute == "" {
		return usageError{errors.New("init: --type is required (see 'proofpack templates')")}
	}
	err := validLang(o.lang)
	if err != nil {
		return err
	}
	if o.platform == "" {
		o.platform = "taobao"
		fmt.Fprintln(o.io.ErrOut, "proofpack: note: no --platform given; the manifest says platform: taobao (change it there, or pass --platform)")
	} else if o.platform, err = platformName(o.platform); err != nil {
		return err
	}
	set, err := o.templates()
	if err != nil {
		return err
	}
	d, err := set.Dispute(o.dispute, o.lang)
	if err != nil {
		return usageError{fmt.Errorf("--type: %w", err)}
	}
	if name, ok := evidence.FindManifest(o.dir); ok {
		return fmt.Errorf("%s already exists; init never overwrites a manifest (edit it, or choose another folder)", filepath.Join(o.dir, name))
	}
	if err := mkdirAll(o.dir); err != nil {
		return err
	}
	p := filepath.Join(o.dir, "order.yaml")
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; init never overwrites a manifest", p)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(scaffold.Manifest(d, o.platform)); err != nil {
		f.Close()
		os.Remove(p)
		return fmt.Errorf("writing %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(p)
		return fmt.Errorf("writing %s: %w", p, err)
	}
	fmt.Fprintln(o.io.Out, p)
	fmt.Fprintf(o.io.ErrOut, "next: fill in %s, add the evidence files, then run 'proofpack check %s'\n", p, o.dir)
	return nil
}
