package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/internal/review"
	"github.com/proofpack/proofpack/packet"
)

// Options configure Run.
type Options struct {
	Root   string // folder searched for order folders
	OutDir string // where the packets, the summary and the state go; created if missing
	Jobs   int    // orders built at once; 0 means the number of CPUs
	Force  bool   // rebuild even unchanged orders
	Shard  Shard  // the subset to build; the zero Shard builds everything
	// Build is passed to packet.BuildFile for every order; its Workers is
	// set to 1 so that Jobs bounds the total parallelism.
	Build packet.FileOptions
	Key   RunKey // what, besides the order folder, decides a packet's bytes
	// VideoDir, when set, receives each order's video exhibits, in a
	// folder per order named as its packet (VideoDir/ORDER_ID/), within
	// the profile's video limit; it belongs in Key's flags.
	VideoDir string
	// HTML, when true, also writes the review page (index.html) and each
	// order's thumbnails; it belongs in Key's flags, so that turning it on
	// rebuilds the orders that have no thumbnails.
	HTML bool
	// Start, when set, is called once with the number of orders this run
	// will go through, before the first one starts.
	Start func(total int)
	// Progress, when set, is called after each order, one call at a time.
	Progress func(Progress)
	// Warn, when set, receives problems that do not fail an order (an
	// unreadable state file, a state file that could not be saved).
	Warn func(string)
}

// Progress reports one finished order.
type Progress struct {
	Done, Total, Failed int
	Record              Record
}

// ErrNoOrders is returned when the root holds no order folder at all.
var ErrNoOrders = errors.New("no order folders found")

// ErrLocked is returned when another batch is writing to the output folder.
var ErrLocked = errors.New("another proofpack batch is writing to this output folder")

// planned is an order with what its manifest says, or why it cannot be
// built before even trying.
type planned struct {
	Order
	id, dispute, output string // output: file name in OutDir
	err                 error
}

// planOrders reads every order's manifest for its id and output file name. A
// folder whose output file (compared without case, for case-insensitive
// file systems) is already claimed by an earlier folder, in Rel order,
// gets an error rather than overwriting that order's packet.
func planOrders(orders []Order) []planned {
	out := make([]planned, len(orders))
	claimed := map[string]string{} // lower-case output name -> Rel
	for i, o := range orders {
		p := planned{Order: o}
		mpath := filepath.Join(o.Dir, o.Manifest)
		data, err := readLimited(mpath, evidence.MaxManifestBytes+1)
		if err == nil {
			var m *evidence.Manifest
			m, err = evidence.ParseManifest(path.Join(filepath.ToSlash(o.Dir), o.Manifest), data)
			if err == nil {
				p.id, p.dispute = m.OrderID, m.Dispute
				p.output = packet.FileName(m.OrderID) + ".pdf"
				key := strings.ToLower(p.output)
				if prev, dup := claimed[key]; dup {
					err = fmt.Errorf("%s: order id %q gives the same packet file %s as the order in %s; give each order its own order_id (this order was not built)",
						o.Dir, m.OrderID, p.output, prev)
				} else {
					claimed[key] = o.Rel
				}
			}
		}
		p.err = err
		out[i] = p
	}
	return out
}

func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// Run builds the orders under opt.Root into opt.OutDir. Orders that fail
// are recorded in the summary and never stop the others. The error is for
// what stops the whole batch: the root missing or holding no orders
// (ErrNoOrders), the output folder unusable or locked (ErrLocked), or the
// context cancelled (the summary then holds what finished, and NotRun
// counts the rest). The summary files are written in every case where the
// output folder is usable.
func Run(ctx context.Context, opt Options) (*Summary, error) {
	start := time.Now()
	warn := opt.Warn
	if warn == nil {
		warn = func(string) {}
	}
	if sameFolder(opt.Root, opt.OutDir) {
		return nil, fmt.Errorf("-o %s is the folder of orders itself; the packets go in a folder of their own (for example -o %s)",
			opt.OutDir, filepath.Clean(opt.Root)+"-packets")
	}
	all, err := Discover(opt.Root, opt.OutDir)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%s: %w (an order folder holds %s)", opt.Root, ErrNoOrders, strings.Join(evidence.ManifestNames, " or "))
	}
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", opt.OutDir, err)
	}
	unlock, err := lockDir(opt.OutDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	removeLeftovers(opt.OutDir, warn)

	statePath := filepath.Join(opt.OutDir, StateFile)
	state, w := LoadState(statePath)
	if w != "" {
		warn(w)
	}
	plans := planOrders(all)
	var todo []planned
	present := map[string]bool{}
	claimedOutputs := map[string]bool{}
	for _, p := range plans {
		present[p.Rel] = true
		if p.output != "" && p.err == nil {
			claimedOutputs[p.output] = true
		}
		if opt.Shard.Selects(p.Rel) {
			todo = append(todo, p)
		}
	}
	// Folders that are gone no longer need their entries.
	for rel := range state.Orders {
		if !present[rel] {
			delete(state.Orders, rel)
		}
	}

	sum := &Summary{Root: opt.Root, OutDir: opt.OutDir, Shard: opt.Shard.String(), Total: len(todo)}
	if opt.Start != nil {
		opt.Start(len(todo))
	}
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	bo := opt.Build
	bo.Workers = 1
	if opt.HTML {
		bo.PreviewBox = review.ThumbBox // the thumbnails from pixels in hand
	}
	prefix := opt.Key.digest()

	records := make([]*Record, len(todo))
	var mu sync.Mutex
	done, failed := 0, 0
	var saveErr error
	finish := func(i int, r *Record, entry *StateEntry, drop bool) {
		mu.Lock()
		defer mu.Unlock()
		records[i] = r
		done++
		if r.Status == StatusFailed {
			failed++
		}
		rel := todo[i].Rel
		changed := false
		switch {
		case entry != nil:
			state.Orders[rel] = entry
			changed = true
		case drop && state.Orders[rel] != nil:
			delete(state.Orders, rel)
			changed = true
		}
		if changed {
			if err := state.Save(statePath); err != nil && saveErr == nil {
				saveErr = err
				warn(fmt.Sprintf("cannot save the batch state (the next run will rebuild more than needed): %v", err))
			}
		}
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: len(todo), Failed: failed, Record: *r})
		}
	}

	g := new(errgroup.Group)
	g.SetLimit(jobs)
	for i := range todo {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			p := todo[i]
			mu.Lock()
			prev := state.Orders[p.Rel]
			mu.Unlock()
			r, entry, drop := buildOne(ctx, p, prev, opt, bo, prefix, claimedOutputs)
			if r == nil { // interrupted
				return nil
			}
			finish(i, r, entry, drop)
			return nil
		})
	}
	g.Wait()

	for i, r := range records {
		if r == nil {
			p := todo[i]
			r = &Record{OrderID: p.id, Folder: p.Rel, Dispute: p.dispute, Status: StatusNotRun}
			r.Row = &review.Order{OrderID: p.id, Folder: p.Rel, Dispute: p.dispute, Status: StatusNotRun}
		}
		sum.Orders = append(sum.Orders, *r)
		switch r.Status {
		case StatusBuilt:
			sum.Built++
		case StatusUnchanged:
			sum.Unchanged++
		case StatusFailed:
			sum.Failed++
		case StatusNotRun:
			sum.NotRun++
		}
	}
	sum.DurationMS = time.Since(start).Milliseconds()
	if err := state.Save(statePath); err != nil && saveErr == nil {
		warn(fmt.Sprintf("cannot save the batch state: %v", err))
	}
	if err := WriteSummary(opt.OutDir, sum); err != nil {
		return sum, fmt.Errorf("writing the summary: %w", err)
	}
	if opt.HTML {
		rows := make([]*review.Order, len(sum.Orders))
		for i, r := range sum.Orders {
			rows[i] = r.Row
		}
		set := opt.Build.Templates
		if err := review.WritePage(filepath.Join(opt.OutDir, review.PageName), set, review.Language(opt.Build.Lang, rows), rows); err != nil {
			return sum, fmt.Errorf("writing the review page: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, nil
}

// sameFolder reports whether a and b name the same folder.
func sameFolder(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// buildOne decides whether the order is unchanged and builds it if not.
// It returns nil when the context was cancelled before the order finished;
// entry is the new state entry (nil: none), drop says to forget the old one.
// A panic fails the order, not the batch.
func buildOne(ctx context.Context, p planned, prev *StateEntry, opt Options, bo packet.FileOptions, prefix []byte, claimed map[string]bool) (rec *Record, entry *StateEntry, drop bool) {
	t0 := time.Now()
	r := &Record{OrderID: p.id, Folder: p.Rel, Dispute: p.dispute}
	fail := func(err error) (*Record, *StateEntry, bool) {
		r.Status = StatusFailed
		r.Error = err.Error()
		if prev != nil {
			if _, serr := os.Stat(filepath.Join(opt.OutDir, prev.Output)); serr == nil {
				r.Error += fmt.Sprintf(" (%s from an earlier run is out of date)", filepath.Join(opt.OutDir, prev.Output))
			}
		}
		r.Row = review.New(p.Rel, StatusFailed, packet.CheckDir(ctx, p.Dir, bo.Options, bo.Load), nil, bo.Templates, opt.OutDir)
		r.Row.OrderID = cmp.Or(r.Row.OrderID, p.id)
		r.Row.Error = r.Error
		r.Warnings = r.Row.Warnings()
		r.DurationMS = time.Since(t0).Milliseconds()
		return r, nil, true
	}
	var panicked error
	defer func() {
		if panicked != nil {
			rec, entry, drop = fail(panicked)
		}
	}()
	defer packet.RecoverOrder(p.Dir, &panicked)
	if p.err != nil {
		return fail(p.err)
	}
	fp, err := fingerprint(p.Order, prefix)
	if err != nil {
		return fail(err)
	}
	out := filepath.Join(opt.OutDir, p.output)
	rowDir := review.RowDir(opt.OutDir, p.output)
	if !opt.Force && unchanged(prev, p, fp, opt.OutDir, bo.Statement) {
		// An order whose review row is lost is rebuilt, to make it again.
		if row, err := review.Load(rowDir); err == nil {
			row.Status, row.Folder = StatusUnchanged, p.Rel
			r.Status, r.Row = StatusUnchanged, row
			r.Pages, r.Bytes, r.Output = prev.Pages, prev.Bytes, out
			r.WeightVerdict, r.Warnings = row.WeightVerdict, row.Warnings()
			r.DurationMS = time.Since(t0).Milliseconds()
			return r, nil, false
		}
	}
	if opt.VideoDir != "" {
		bo.VideoDir = filepath.Join(opt.VideoDir, strings.TrimSuffix(p.output, filepath.Ext(p.output)))
	}
	res, err := packet.BuildFile(ctx, p.Dir, out, bo)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, false
		}
		return fail(err)
	}
	r.Status = StatusBuilt
	r.Pages, r.Bytes, r.Output, r.WeightVerdict = res.Pages, res.Bytes, out, res.WeightVerdict
	// The findings are check's, so every check (and any added later)
	// reaches the summary and the page; the build made them from what it
	// read, so nothing is loaded or decoded again.
	r.Row = review.New(p.Rel, StatusBuilt, res.Report, res, bo.Templates, opt.OutDir)
	r.Warnings = r.Row.Warnings()
	if err := saveRow(ctx, r.Row, rowDir, opt, res.Previews); err != nil {
		// The packet is fine; the next run rebuilds it to make the row.
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s: the review page's row was not saved: %v", p.Dir, err))
	}
	r.DurationMS = time.Since(t0).Milliseconds()
	entry = &StateEntry{OrderID: p.id, Fingerprint: fp, Output: p.output, Dispute: p.dispute, Pages: res.Pages, Bytes: res.Bytes}
	if res.StatementFile != "" {
		entry.Statement = filepath.Base(res.StatementFile)
	}
	// The folder's order id changed: its old packet belongs to no order now.
	if prev != nil && prev.Output != p.output && !claimed[prev.Output] {
		os.Remove(filepath.Join(opt.OutDir, prev.Output))
		if prev.Statement != "" {
			os.Remove(filepath.Join(opt.OutDir, prev.Statement))
		}
		os.RemoveAll(review.RowDir(opt.OutDir, prev.Output))
	}
	return r, entry, false
}

// saveRow writes the order's thumbnails (when the page is wanted) and then
// its row into dir, replacing what an earlier build left there.
func saveRow(ctx context.Context, row *review.Order, dir string, opt Options, previews []packet.Preview) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if !opt.HTML {
		previews = nil
	}
	if err := row.WriteThumbs(ctx, dir, opt.OutDir, previews); err != nil {
		return err
	}
	return row.Save(dir)
}

// unchanged reports whether the order's packet from an earlier run is
// still in place and was built from the same inputs.
func unchanged(prev *StateEntry, p planned, fp, outDir string, statement bool) bool {
	if prev == nil || prev.Fingerprint != fp || prev.OrderID != p.id || prev.Output != p.output {
		return false
	}
	st, err := os.Stat(filepath.Join(outDir, prev.Output))
	if err != nil || !st.Mode().IsRegular() || st.Size() != prev.Bytes {
		return false
	}
	if statement {
		if prev.Statement == "" {
			return false
		}
		if _, err := os.Stat(filepath.Join(outDir, prev.Statement)); err != nil {
			return false
		}
	}
	return true
}

// removeLeftovers deletes the temporary files a killed run left in dir.
// The output folder's lock is held, so none of them is being written.
func removeLeftovers(dir string, warn func(string)) {
	matches, _ := filepath.Glob(filepath.Join(dir, atomicfile.TempPattern))
	for _, m := range matches {
		if err := os.Remove(m); err != nil {
			warn(fmt.Sprintf("cannot remove the leftover temporary file %s: %v", m, err))
		}
	}
}
