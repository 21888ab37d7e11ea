package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/units"
	"github.com/proofpack/proofpack/templates"
)

// Exit codes, documented in the README.
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitPartial = 3 // a batch finished with some orders failed
)

// ioStreams are the command's standard streams and what they are attached to.
type ioStreams struct {
	In       io.Reader
	Out      io.Writer
	ErrOut   io.Writer
	OutIsTTY bool
	ErrIsTTY bool
	Getenv   func(string) string
}

func systemStreams() *ioStreams {
	return &ioStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutIsTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrIsTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv:   os.Getenv,
	}
}

// run executes the command line and returns the process exit code.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal cancels ctx, and the work stops within moments; a
	// second one ends the process at once.
	context.AfterFunc(ctx, stop)
	return execute(ctx, os.Args[1:], systemStreams())
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCodeError carries a specific exit code with its message.
type exitCodeError struct {
	code int
	err  error
}

func (e exitCodeError) Error() string { return e.err.Error() }

func execute(ctx context.Context, args []string, io *ioStreams) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ue usageError
	var ce exitCodeError
	switch {
	case errors.As(err, &ce):
		if ce.err != nil && ce.err.Error() != "" {
			fmt.Fprintln(io.ErrOut, "proofpack:", ce.err)
		}
		return ce.code
	case errors.As(err, &ue):
		fmt.Fprintln(io.ErrOut, "proofpack:", err)
		hintf(io.ErrOut, "run 'proofpack --help' for usage")
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(io.ErrOut, "proofpack: interrupted; nothing was written")
		return exitError
	}
	fmt.Fprintln(io.ErrOut, "proofpack:", err)
	for _, h := range flagHints(err) {
		hintf(io.ErrOut, "%s", h)
	}
	return exitError
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newRootCmd(io *ioStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "proofpack",
		Short: "Turn an order under dispute into a PDF evidence packet",
		Long: `proofpack reads an order folder (order.yaml plus the evidence images), checks the
evidence against what the dispute needs, normalises the images and renders a
PDF packet a platform reviewer can decide from in one reading.

Exit codes: 0 ok, 1 error, 2 usage, 3 batch finished with some orders failed.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	// A misspelt command is a usage error (exit 2), with cobra's suggestion.
	root.SuggestionsMinimumDistance = 2
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		msg := fmt.Sprintf("unknown command %q", args[0])
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += "; did you mean " + strings.Join(s, " or ") + "?"
		}
		return usageError{errors.New(msg)}
	}
	root.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	root.AddCommand(newBuildCmd(io, nil), newCheckCmd(io, nil), newInitCmd(io, nil), newTemplatesCmd(io), newProfilesCmd(io), newSchemaCmd(io), newSamplesCmd(io, nil), newBatchCmd(io, nil), newImportCmd(io, nil))
	return root
}

// exactArgs is cobra.ExactArgs reporting a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s: expected %s, got %d arguments", cmd.Name(), what, len(args))}
		}
		return nil
	}
}

// commonOptions are the flags every command that reads orders shares.
type commonOptions struct {
	templatesDir string
	maxPixels    int64
	maxFileMB    int64
	maxStatement int
	maxEvidence  int
}

func (o *commonOptions) addFlags(cmd *cobra.Command) {
	o.addTemplatesFlag(cmd)
	cmd.Flags().Int64Var(&o.maxPixels, "max-pixels", 100_000_000, "largest image accepted, in pixels (width x height)")
	cmd.Flags().Int64Var(&o.maxFileMB, "max-file-mb", 64, "largest evidence file accepted, in MB (10^6 bytes, as the portals count)")
	cmd.Flags().IntVar(&o.maxStatement, "max-statement", evidence.MaxStatementChars, "longest seller's statement accepted, in characters")
	cmd.Flags().IntVar(&o.maxEvidence, "max-evidence", evidence.MaxEvidenceItems, "most evidence files accepted per order")
}

// addTemplatesFlag registers --templates alone, for commands that read no
// evidence and so have no use for the limits.
func (o *commonOptions) addTemplatesFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.templatesDir, "templates", "", "folder of dispute templates that add to or replace the built-in ones")
}

func (o *commonOptions) templates() (*templates.Set, error) {
	if o.templatesDir == "" {
		return templates.Builtin()
	}
	st, err := os.Stat(o.templatesDir)
	if err != nil || !st.IsDir() {
		return nil, usageError{fmt.Errorf("--templates %s: not a folder", o.templatesDir)}
	}
	return templates.Load(os.DirFS(o.templatesDir))
}

func (o *commonOptions) loadOptions() evidence.Options {
	lim := evidence.Options{}
	lim.Limits.MaxPixels = o.maxPixels
	lim.Limits.MaxBytes = o.maxFileMB * units.MB
	lim.Manifest = evidence.ManifestLimits{StatementChars: o.maxStatement, EvidenceItems: o.maxEvidence}
	return lim
}

// sourceDate reads SOURCE_DATE_EPOCH, the reproducible-builds convention
// for a fixed generation time.
func sourceDate(getenv func(string) string) (time.Time, error) {
	v := getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: expected seconds since 1970 as a whole number", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

func mkdirAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	return nil
}

// validLang checks a --lang flag value ("" means not given): a language
// is one the templates have a phrase book for.
func (o *commonOptions) validLang(lang string) error {
	if lang == "" {
		return nil
	}
	set, err := o.templates()
	if err != nil {
		return err
	}
	if _, err := set.Lang(lang); err != nil {
		return usageError{fmt.Errorf("--lang: %w", err)}
	}
	return nil
}
