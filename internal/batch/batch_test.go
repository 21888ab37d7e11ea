package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/review"
	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"1/1", Shard{1, 1}, true},
		{"2/4", Shard{2, 4}, true},
		{" 3 / 3 ", Shard{3, 3}, true},
		{"0/4", Shard{}, false},
		{"5/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"1", Shard{}, false},
		{"a/b", Shard{}, false},
		{"-1/2", Shard{}, false},
	} {
		got, err := ParseShard(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestShardSelection(t *testing.T) {
	var rels []string
	for i := range 1000 {
		rels = append(rels, fmt.Sprintf("shop-%d/PDD-%05d", i%7, i))
	}
	for _, n := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			counts := make([]int, n)
			for _, rel := range rels {
				hits := 0
				for i := 1; i <= n; i++ {
					if (Shard{i, n}).Selects(rel) {
						hits++
						counts[i-1]++
					}
				}
				if hits != 1 {
					t.Fatalf("%s is selected by %d of %d shards; want exactly 1", rel, hits, n)
				}
			}
			for i, c := range counts {
				if want := len(rels) / n; c < want/2 || c > want*3/2 {
					t.Errorf("shard %d/%d has %d of %d orders; the split is lopsided", i+1, n, c, len(rels))
				}
			}
		})
	}
	// Stable: the choice depends on the path alone, not on position.
	if a, b := (Shard{2, 5}).Selects("x/PDD-1"), (Shard{2, 5}).Selects("x/PDD-1"); a != b {
		t.Error("selection is not stable")
	}
	if !(Shard{}).Selects("anything") {
		t.Error("the zero shard must select everything")
	}
}

// writeOrder writes an order folder with a manifest and two files.
func writeOrder(t *testing.T, dir, id string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Join(dir, "weights"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "order.yaml"), []byte("order_id: "+id+"\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "label.jpg"), []byte("label"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "weights", "warehouse.jpg"), []byte("scale"), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestFingerprint(t *testing.T) {
	set, err := templates.Builtin()
	must(t, err)
	key := RunKey{Tool: "proofpack v1", Flags: map[string]string{"dpi": "200"}, Templates: set.Digest()}
	base := func(t *testing.T) Order {
		dir := t.TempDir()
		writeOrder(t, dir, "A")
		return Order{Dir: dir, Rel: "a", Manifest: "order.yaml"}
	}
	fp := func(t *testing.T, o Order, k RunKey) string {
		s, err := Fingerprint(o, k)
		must(t, err)
		return s
	}
	for _, tc := range []struct {
		name    string
		change  func(o Order, k *RunKey)
		changes bool
	}{
		{"nothing", func(Order, *RunKey) {}, false},
		{"manifest bytes", func(o Order, _ *RunKey) { appendTo(o.Dir, "order.yaml", "# note\n") }, true},
		{"evidence bytes", func(o Order, _ *RunKey) { appendTo(o.Dir, "weights/warehouse.jpg", "x") }, true},
		{"evidence renamed", func(o Order, _ *RunKey) {
			os.Rename(filepath.Join(o.Dir, "label.jpg"), filepath.Join(o.Dir, "label2.jpg"))
		}, true},
		{"evidence added", func(o Order, _ *RunKey) { appendTo(o.Dir, "chat-1.png", "c") }, true},
		{"evidence removed", func(o Order, _ *RunKey) { os.Remove(filepath.Join(o.Dir, "label.jpg")) }, true},
		{"hidden file added", func(o Order, _ *RunKey) { appendTo(o.Dir, ".DS_Store", "junk") }, false},
		{"file time only", func(o Order, _ *RunKey) {
			os.Chtimes(filepath.Join(o.Dir, "label.jpg"), fixedTime, fixedTime)
		}, false},
		{"tool version", func(_ Order, k *RunKey) { k.Tool = "proofpack v2" }, true},
		{"flag value", func(_ Order, k *RunKey) { k.Flags = map[string]string{"dpi": "300"} }, true},
		{"flag added", func(_ Order, k *RunKey) { k.Flags = map[string]string{"dpi": "200", "lang": "en"} }, true},
		{"templates", func(_ Order, k *RunKey) { k.Templates = "other" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := base(t)
			before := fp(t, o, key)
			k := key
			tc.change(o, &k)
			after := fp(t, o, k)
			if (before != after) != tc.changes {
				t.Errorf("fingerprint changed = %v; want %v", before != after, tc.changes)
			}
		})
	}
}

func appendTo(dir, name, s string) {
	f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(name)), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		panic(err)
	}
	f.WriteString(s)
	f.Close()
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	writeOrder(t, filepath.Join(root, "shop-a", "o1"), "1")
	writeOrder(t, filepath.Join(root, "shop-a", "o1", "nested"), "nested") // inside an order: not an order
	writeOrder(t, filepath.Join(root, "o2"), "2")
	writeOrder(t, filepath.Join(root, ".trash", "o3"), "3") // hidden
	writeOrder(t, filepath.Join(root, "out", "copy"), "4")  // the output folder
	must(t, os.MkdirAll(filepath.Join(root, "empty"), 0o755))
	got, err := Discover(root, filepath.Join(root, "out"))
	must(t, err)
	var rels []string
	for _, o := range got {
		rels = append(rels, o.Rel)
	}
	if want := "o2 shop-a/o1"; strings.Join(rels, " ") != want {
		t.Errorf("Discover = %v; want %s", rels, want)
	}
	if _, err := Discover(filepath.Join(root, "missing"), ""); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("missing root: %v", err)
	}
}

func TestPlanDuplicates(t *testing.T) {
	root := t.TempDir()
	m := func(id string) string {
		return "order_id: \"" + id + "\"\nplatform: other\ndispute: missing-item\nshop: s\nitems:\n  - {sku: A, name: a, quantity: 1}\n"
	}
	for dir, id := range map[string]string{"a": "X-1", "b": "X-1", "c": "x-1", "d": "X 1", "e": "Y"} {
		must(t, os.MkdirAll(filepath.Join(root, dir), 0o755))
		must(t, os.WriteFile(filepath.Join(root, dir, "order.yaml"), []byte(m(id)), 0o644))
	}
	orders, err := Discover(root, "")
	must(t, err)
	var failed []string
	for _, p := range planOrders(orders) {
		if p.err != nil {
			failed = append(failed, p.Rel)
			t.Logf("%s: %v", p.Rel, p.err)
			if !strings.Contains(p.err.Error(), "in a") && p.Rel != "d" {
				t.Errorf("%s: %v; want the first folder named", p.Rel, p.err)
			}
		}
	}
	// b repeats a's id; c differs only in case (a case-insensitive file
	// system would overwrite); d's id has a space and is X_1.pdf, which
	// nobody else claims.
	if got := strings.Join(failed, " "); got != "b c" {
		t.Errorf("failed = %q; want \"b c\"", got)
	}
}

// TestRun builds a small batch end to end: one corrupt order fails and
// the rest build; a re-run rebuilds nothing; changing one evidence file
// rebuilds exactly that order; --force rebuilds everything; leftover
// temporary files are removed.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real packets")
	}
	const n = 4
	// The committed sample order, which CI draws again and diffs.
	sample := filepath.Join("..", "..", "samples", "orders", "missing-item-zh")
	root := t.TempDir()
	for i := 1; i <= n; i++ {
		dir := filepath.Join(root, fmt.Sprintf("o%02d", i))
		must(t, os.CopyFS(dir, os.DirFS(sample)))
		data, err := os.ReadFile(filepath.Join(dir, "order.yaml"))
		must(t, err)
		data = []byte(strings.ReplaceAll(string(data), "PDD-20261101-0001", fmt.Sprintf("PDD-T-%02d", i)))
		must(t, os.WriteFile(filepath.Join(dir, "order.yaml"), data, 0o644))
	}
	must(t, os.Truncate(filepath.Join(root, "o03", "label.jpg"), 300))

	set, err := templates.Builtin()
	must(t, err)
	out := filepath.Join(t.TempDir(), "out")
	must(t, os.MkdirAll(out, 0o755))
	must(t, os.WriteFile(filepath.Join(out, ".proofpack-123.tmp"), []byte("half"), 0o644))
	run := func(force bool) *Summary {
		t.Helper()
		var events int
		sum, err := Run(context.Background(), Options{
			Root: root, OutDir: out, Jobs: 2, Force: force, HTML: true,
			Build:    packet.FileOptions{Options: packet.Options{Templates: set, DPI: 72}, Statement: true},
			Key:      RunKey{Tool: "test", Templates: set.Digest()},
			Progress: func(Progress) { events++ },
		})
		must(t, err)
		if events != sum.Total {
			t.Errorf("%d progress events for %d orders", events, sum.Total)
		}
		return sum
	}
	tally := func(s *Summary) string { return fmt.Sprintf("%d/%d/%d", s.Built, s.Unchanged, s.Failed) }

	s := run(false)
	if got := tally(s); got != fmt.Sprintf("%d/0/1", n-1) {
		t.Fatalf("first run built/unchanged/failed = %s; %s", got, s.Tally())
	}
	if _, err := os.Stat(filepath.Join(out, ".proofpack-123.tmp")); err == nil {
		t.Error("the leftover temporary file was not removed")
	}
	for _, r := range s.Orders {
		if r.Folder == "o03" {
			if r.Status != StatusFailed || !strings.Contains(r.Error, "label.jpg") {
				t.Errorf("o03: %+v; want failed naming label.jpg", r)
			}
		} else if r.Status != StatusBuilt || r.Pages == 0 {
			t.Errorf("%s: %+v", r.Folder, r)
		}
	}
	for _, name := range []string{SummaryJSON, SummaryCSV, StateFile} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "PDD-T-03.pdf")); err == nil {
		t.Error("the failed order left a PDF")
	}
	checkPage(t, out, n)
	checkBrokenImageSeen(t, out)

	if got := tally(run(false)); got != fmt.Sprintf("0/%d/1", n-1) {
		t.Errorf("second run = %s; want nothing rebuilt", got)
	}
	checkPage(t, out, n) // unchanged orders keep their rows and thumbnails

	appendTo(filepath.Join(root, "o04"), "chat-1.png", "x")
	s = run(false)
	if got := tally(s); got != fmt.Sprintf("1/%d/1", n-2) {
		t.Errorf("after changing one file = %s; want exactly one rebuilt", got)
	}
	for _, r := range s.Orders {
		if r.Status == StatusBuilt && r.Folder != "o04" {
			t.Errorf("%s was rebuilt", r.Folder)
		}
	}

	// A packet deleted by hand is rebuilt.
	must(t, os.Remove(filepath.Join(out, "PDD-T-01.pdf")))
	if got := tally(run(false)); got != fmt.Sprintf("1/%d/1", n-2) {
		t.Errorf("after deleting a packet = %s", got)
	}
	if got := tally(run(true)); got != fmt.Sprintf("%d/0/1", n-1) {
		t.Errorf("--force = %s", got)
	}

	// Shards split the batch without overlap.
	total := 0
	for i := 1; i <= 3; i++ {
		sum, err := Run(context.Background(), Options{
			Root: root, OutDir: out, Jobs: 2, Shard: Shard{i, 3},
			Build: packet.FileOptions{Options: packet.Options{Templates: set, DPI: 72}, Statement: true},
			Key:   RunKey{Tool: "test", Templates: set.Digest()},
		})
		must(t, err)
		total += sum.Total
	}
	if total != n {
		t.Errorf("3 shards cover %d orders; want %d", total, n)
	}
}

// checkPage opens the batch's review page in a browser: every order is
// listed, the failed one first, no image is broken, and the "failed"
// filter hides the other rows; every order built has its thumbnails.
func checkPage(t *testing.T, out string, n int) {
	t.Helper()
	if thumbs, _ := filepath.Glob(filepath.Join(out, review.Folder, "*", "*.jpg")); len(thumbs) < n-1 {
		t.Errorf("%d thumbnails for %d orders built", len(thumbs), n-1)
	}
	rep := inspectPage(t, filepath.Join(out, "index.html"))
	if len(rep.Orders) != n || rep.Orders[0] != "o03" {
		t.Errorf("the page lists %v; want %d orders, o03 (failed) first", rep.Orders, n)
	}
	if rep.Images < n-1 || len(rep.Broken) > 0 {
		t.Errorf("%d images, broken: %v", rep.Images, rep.Broken)
	}
	if got := strings.Join(rep.Visible, " "); got != "o03" {
		t.Errorf("after clicking the failed filter the page shows %q; want only o03", got)
	}
}

// checkBrokenImageSeen removes a thumbnail of the batch's review page and
// checks that the browser check notices, then puts it back.
func checkBrokenImageSeen(t *testing.T, out string) {
	t.Helper()
	thumbs, _ := filepath.Glob(filepath.Join(out, review.Folder, "*", "*.jpg"))
	if len(thumbs) == 0 {
		t.Fatal("no thumbnails")
	}
	data, err := os.ReadFile(thumbs[0])
	must(t, err)
	must(t, os.Remove(thumbs[0]))
	if rep := inspectPage(t, filepath.Join(out, "index.html")); len(rep.Broken) != 1 {
		t.Errorf("with %s removed the browser reports broken images %v; want it", thumbs[0], rep.Broken)
	}
	must(t, os.WriteFile(thumbs[0], data, 0o644))
}

func TestRunNoOrders(t *testing.T) {
	_, err := Run(context.Background(), Options{Root: t.TempDir(), OutDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), ErrNoOrders.Error()) {
		t.Errorf("err = %v; want %v", err, ErrNoOrders)
	}
}

var fixedTime = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

// TestRunInterrupted: the orders an interrupted batch did not reach are in
// the summary as not-run, so a reader sees which ones are missing.
func TestRunInterrupted(t *testing.T) {
	root := t.TempDir()
	for i := 1; i <= 4; i++ {
		writeOrder(t, filepath.Join(root, fmt.Sprintf("o%d", i)), fmt.Sprintf("X-%d", i))
	}
	set, err := templates.Builtin()
	must(t, err)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := Run(ctx, Options{
		Root: root, OutDir: out, Jobs: 1, HTML: true,
		Build:    packet.FileOptions{Options: packet.Options{Templates: set}},
		Progress: func(Progress) { cancel() },
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want context.Canceled", err)
	}
	var notRun []string
	for _, r := range sum.Orders {
		if r.Status == StatusNotRun {
			notRun = append(notRun, r.Folder)
		}
	}
	if len(sum.Orders) != 4 || sum.NotRun != 3 || strings.Join(notRun, " ") != "o2 o3 o4" {
		t.Errorf("orders %d, not run %d %v; want 4 listed, o2 o3 o4 not run", len(sum.Orders), sum.NotRun, notRun)
	}
	data, err := os.ReadFile(filepath.Join(out, SummaryCSV))
	must(t, err)
	if !strings.Contains(string(data), ",o4,,not-run,") {
		t.Errorf("summary.csv does not list o4 as not run:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(out, review.PageName)); err != nil {
		t.Errorf("no review page after an interrupt: %v", err)
	}
}
