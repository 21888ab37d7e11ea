package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/scaffold"
)

type initOptions struct {
	commonOptions
	io       *ioStreams
	dir      string
	dispute  string
	platform string
	lang     string
}

// newInitCmd makes the init command; runF, when not nil, is called with
// the parsed options in place of writing the manifest (for tests of the
// flags).
func newInitCmd(io *ioStreams, runF func(context.Context, *initOptions) error) *cobra.Command {
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
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return o.run(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&o.dispute, "type", "", "dispute type (see 'proofpack templates')")
	cmd.Flags().StringVar(&o.platform, "platform", "", "platform: "+platformChoices+" (default "+evidence.DefaultPlatform+", said when used)")
	cmd.Flags().StringVar(&o.lang, "lang", evidence.DefaultLanguage, "packet language: zh or en, or another with a phrase book in --templates")
	o.addTemplatesFlag(cmd)
	return cmd
}

func (o *initOptions) run(ctx context.Context) error {
	if o.dispute == "" {
		return usageError{errors.New("init: --type is required (see 'proofpack templates')")}
	}
	err := o.validLang(o.lang)
	if err != nil {
		return err
	}
	if o.platform == "" {
		o.platform = evidence.DefaultPlatform
		notef(o.io.ErrOut, "no --platform given; the manifest says platform: %s (change it there, or pass --platform)", o.platform)
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
	files, err := folderFiles(ctx, o.dir)
	if err != nil {
		return err
	}
	if n := countEvidence(files); n > evidence.MaxEvidenceItems {
		return fmt.Errorf("%s holds %d files; an order folder holds at most %d: give the folder of one order", o.dir, n, evidence.MaxEvidenceItems)
	}
	book, err := set.Lang(o.lang)
	if err != nil {
		return err
	}
	text, err := scaffold.Manifest(d, book, o.platform, files)
	if err != nil {
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
	if _, err := f.Write(text); err != nil {
		f.Close()
		os.Remove(p)
		return fmt.Errorf("writing %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(p)
		return fmt.Errorf("writing %s: %w", p, err)
	}
	fmt.Fprintln(o.io.Out, p)
	if n := countEvidence(files); n > 0 {
		notef(o.io.ErrOut, "listed the %d files already in %s under evidence:, with kinds guessed from their names; check them", n, o.dir)
	}
	hintf(o.io.ErrOut, "fill in %s, add the evidence files, then run 'proofpack check %s'", p, o.dir)
	return nil
}

// folderFiles lists the files already in the order folder dir, through an
// os.Root like 'build' reads them, with the kinds their names suggest.
func folderFiles(ctx context.Context, dir string) ([]evidence.Found, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	files, err := evidence.Discover(ctx, root.FS(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: reading folder: %w", dir, err)
	}
	return files, nil
}

// countEvidence counts the files that may be evidence.
func countEvidence(files []evidence.Found) int {
	n := 0
	for _, f := range files {
		if f.Note == "" {
			n++
		}
	}
	return n
}
