package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/internal/batch"
)

type batchOptions struct {
	packetFlags
	io       *ioStreams
	root     string
	outDir   string
	jobs     int
	quiet    bool
	force    bool
	shard    string
	noHTML   bool
	videoOut string
}

// newBatchCmd makes the batch command; runF, when not nil, is called with
// the parsed options in place of running the batch (for tests of the
// flags).
func newBatchCmd(io *ioStreams, runF func(context.Context, *batchOptions) error) *cobra.Command {
	o := &batchOptions{io: io}
	cmd := &cobra.Command{
		Use:   "batch ROOT -o OUTDIR",
		Short: "Build every order folder under ROOT",
		Long: `Batch builds every order folder under ROOT (any folder holding order.yaml,
order.yml or order.json; hidden folders and OUTDIR are skipped, and an order
folder's subfolders are not searched for more orders) into OUTDIR/ORDER_ID.pdf
with the statement beside it as ORDER_ID.txt.

Orders are built in parallel (-j); one that fails never stops the others.
OUTDIR/summary.json and OUTDIR/summary.csv list every order with its status
(built; unchanged since its packet was built; failed; not-run when the batch
was interrupted), pages, size, output, duration, weight verdict, error and
the warnings 'proofpack check' gives; a one-line tally goes to standard
output. OUTDIR/index.html is the page to review the batch by eye before
submitting: every order with its findings, weight verdict, size against the
portal's limit, thumbnails of its cover and exhibits (in OUTDIR/review/) and
links to its files, failures and warnings first, with filters; it needs no
network and opens straight from disk (--no-html leaves it out).

A re-run rebuilds only the orders whose inputs changed (manifest, evidence
files, templates, proofpack version, output flags), as recorded in
OUTDIR/.proofpack-state.json; --force rebuilds everything. An interrupted
batch leaves no half-written PDF; run it again to resume.

--shard i/n builds the i-th of n disjoint, stable parts (chosen by a hash of
each order folder's path under ROOT), to split a backlog across machines;
give each shard its own OUTDIR.

Exit codes: 0 every order built or unchanged; 3 some orders failed, the rest
built; 1 nothing could be done (ROOT missing or holding no orders, OUTDIR
unusable, every order failed, or the batch was interrupted).`,
		Example: `  proofpack batch orders -o packets
  proofpack batch orders -o packets -j 4 --lang en --quiet
  proofpack batch orders -o packets --video-out videos
  proofpack batch orders -o packets/shard-2 --shard 2/8`,
		Args: exactArgs(1, "one folder of order folders"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.root = args[0]
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return o.run(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.outDir, "output", "o", "", "output folder for the packets, the summary and the state (required)")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "orders built at once, and the most CPU cores used (default: all CPUs)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "show no progress")
	f.BoolVar(&o.force, "force", false, "rebuild every order, even those unchanged since the last run")
	f.BoolVar(&o.noHTML, "no-html", false, "do not write the review page (index.html) and its thumbnails")
	f.StringVar(&o.videoOut, "video-out", "", "also write each order's video exhibits into this folder, one folder per order, re-encoded when over the profile's video limit")
	f.StringVar(&o.shard, "shard", "", "build only part i of n (1-based), e.g. 2/8, to split a batch across machines")
	o.addPacketFlags(cmd, "each order's")
	return cmd
}

func (o *batchOptions) validate() (batch.Shard, error) {
	if o.outDir == "" {
		return batch.Shard{}, usageError{errors.New("batch: -o OUTDIR is required")}
	}
	if o.jobs < 0 {
		return batch.Shard{}, usageError{fmt.Errorf("-j %d: expected a positive number", o.jobs)}
	}
	var sh batch.Shard
	if o.shard != "" {
		var err error
		if sh, err = batch.ParseShard(o.shard); err != nil {
			return sh, usageError{fmt.Errorf("--shard %w", err)}
		}
	}
	return sh, nil
}

func (o *batchOptions) run(ctx context.Context) error {
	shard, err := o.validate()
	if err != nil {
		return err
	}
	fo, err := o.fileOptions(o.io.Getenv)
	if err != nil {
		return err
	}
	if o.jobs > 0 {
		// -j N is a CPU budget as well as N orders in flight: resizing
		// within one image and the garbage collector would otherwise spread
		// even -j 1 over every core, which a shared CI machine does not want.
		runtime.GOMAXPROCS(min(o.jobs, runtime.NumCPU()))
	}
	flags := o.key(fo)
	flags["html"] = strconv.FormatBool(!o.noHTML)
	flags["video-out"] = o.videoOut
	opt := batch.Options{
		Root: o.root, OutDir: o.outDir, Jobs: o.jobs, Force: o.force, Shard: shard, HTML: !o.noHTML, VideoDir: o.videoOut,
		Build: fo,
		Key: batch.RunKey{
			Tool:      toolID(),
			Flags:     flags,
			Templates: fo.Templates.Digest(),
		},
		Warn: func(s string) { warnf(o.io.ErrOut, "%s", s) },
	}
	p := newBatchProgress(o.io, o.quiet)
	opt.Start, opt.Progress = p.begin, p.progress

	sum, err := batch.Run(ctx, opt)
	p.finish()
	if sum == nil {
		return err
	}
	fmt.Fprintln(o.io.Out, sum.Tally())
	switch {
	case err != nil && errors.Is(err, context.Canceled):
		return exitCodeError{code: exitError, err: fmt.Errorf("interrupted after %d of %d orders; no half-written packet was left; run the same command again to resume", sum.Total-sum.NotRun, sum.Total)}
	case err != nil:
		return err
	case sum.Failed > 0 && sum.Built+sum.Unchanged == 0:
		return exitCodeError{code: exitError, err: fmt.Errorf("every order failed; see %s", o.outDir+string(os.PathSeparator)+batch.SummaryCSV)}
	case sum.Failed > 0:
		return exitCodeError{code: exitPartial, err: fmt.Errorf("%d of %d orders failed; see %s", sum.Failed, sum.Total, o.outDir+string(os.PathSeparator)+batch.SummaryCSV)}
	}
	return nil
}

// toolID names the build of proofpack in the fingerprint: the version, and
// for a development build (whose version says nothing about its code) a
// digest of the executable, so that a rebuilt binary rebuilds the packets.
func toolID() string {
	v := version()
	if v != "dev" {
		return "proofpack " + v
	}
	exe, err := os.Executable()
	if err != nil {
		return "proofpack dev"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "proofpack dev"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "proofpack dev"
	}
	return "proofpack dev " + hex.EncodeToString(h.Sum(nil))
}

// batchProgress shows the batch's progress on stderr: a bar when stderr is
// a terminal, one plain line per order otherwise, nothing when quiet.
type batchProgress struct {
	io    *ioStreams
	quiet bool
	bar   *progressbar.ProgressBar
	start time.Time
}

func newBatchProgress(io *ioStreams, quiet bool) *batchProgress {
	return &batchProgress{io: io, quiet: quiet}
}

func (p *batchProgress) begin(total int) {
	if p.quiet || !p.io.ErrIsTTY || total == 0 {
		return
	}
	p.start = time.Now()
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.io.ErrOut),
		progressbar.OptionSetDescription("building"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionFullWidth(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
}

func (p *batchProgress) progress(ev batch.Progress) {
	if p.quiet {
		return
	}
	r := ev.Record
	if p.bar != nil {
		if r.Status == batch.StatusFailed {
			p.bar.Clear()
			errorf(p.io.ErrOut, "%s: %s", r.Folder, r.Error)
		}
		// The rate is shown once an order has finished: the bar's own
		// starts at "0 orders/hr".
		rate := float64(ev.Done) / max(time.Since(p.start).Hours(), 1e-9)
		p.bar.Describe(fmt.Sprintf("building (%d failed, %.0f orders/hr)", ev.Failed, rate))
		p.bar.Add(1)
		return
	}
	prefix := fmt.Sprintf("[%d/%d]", ev.Done, ev.Total)
	switch r.Status {
	case batch.StatusBuilt:
		fmt.Fprintf(p.io.ErrOut, "%s %s %s %d pages\n", prefix, r.Status, r.OrderID, r.Pages)
		for _, w := range r.Warnings {
			warnf(p.io.ErrOut, "%s: %s", r.Folder, w)
		}
	case batch.StatusUnchanged:
		fmt.Fprintf(p.io.ErrOut, "%s %s %s\n", prefix, r.Status, r.OrderID)
	default:
		fmt.Fprintf(p.io.ErrOut, "%s %s %s\n", prefix, r.Status, r.Folder)
		errorf(p.io.ErrOut, "%s: %s", r.Folder, r.Error)
	}
}

func (p *batchProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
