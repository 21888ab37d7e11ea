package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/packet"
)

// fakeStreams are standard streams in memory; the terminal flags say what
// the command believes each is attached to.
func fakeStreams(outTTY, errTTY bool) (*ioStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &ioStreams{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		OutIsTTY: outTTY, ErrIsTTY: errTTY,
		Getenv: func(string) string { return "" },
	}, &out, &errOut
}

// parse runs cmd on args; its runF has captured the options, so nothing
// is built.
func parse(t *testing.T, cmd *cobra.Command, args ...string) {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	if err := cmd.Execute(); err != nil {
		t.Fatalf("%s %q: %v", cmd.Name(), args, err)
	}
}

// defaultCommon are the limits a command that reads orders has when no
// flag sets them.
var defaultCommon = commonOptions{
	maxPixels: 100_000_000, maxFileMB: 64,
	maxStatement: evidence.MaxStatementChars, maxEvidence: evidence.MaxEvidenceItems,
}

// TestBuildFlags: every build flag lands in its option, and the defaults
// are the documented ones.
func TestBuildFlags(t *testing.T) {
	io, _, _ := fakeStreams(false, false)
	tests := []struct {
		args []string
		want buildOptions
	}{
		{[]string{"orders/a"}, buildOptions{io: io, dir: "orders/a",
			packetFlags: packetFlags{dpi: packet.DefaultDPI, commonOptions: defaultCommon}}},
		{[]string{"orders/a", "-o", "out.pdf", "--json", "--images-out", "imgs", "--video-out", "vids", "--html",
			"--lang", "en", "--paper", "letter", "--profile", "stripe", "--dpi", "150", "--allow-incomplete", "--no-statement",
			"--templates", "tpl", "--max-pixels", "1000", "--max-file-mb", "8", "--max-statement", "900", "--max-evidence", "20"},
			buildOptions{io: io, dir: "orders/a", output: "out.pdf", json: true, imagesOut: "imgs", videoOut: "vids", html: true,
				packetFlags: packetFlags{lang: "en", paper: "letter", profile: "stripe", dpi: 150, allowIncomplete: true, noStatement: true,
					commonOptions: commonOptions{templatesDir: "tpl", maxPixels: 1000, maxFileMB: 8, maxStatement: 900, maxEvidence: 20}}}},
	}
	for _, tt := range tests {
		var got *buildOptions
		parse(t, newBuildCmd(io, func(_ context.Context, o *buildOptions) error { got = o; return nil }), tt.args...)
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("build %q:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

// TestCheckFlags: check's flags land in its options.
func TestCheckFlags(t *testing.T) {
	io, _, _ := fakeStreams(false, false)
	var got *checkOptions
	parse(t, newCheckCmd(io, func(_ context.Context, o *checkOptions) error { got = o; return nil }),
		"orders", "--lang", "en", "--json", "--max-evidence", "30")
	common := defaultCommon
	common.maxEvidence = 30
	want := checkOptions{io: io, dir: "orders", lang: "en", json: true, commonOptions: common}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %+v\nwant %+v", *got, want)
	}
}

// TestInitFlags: init's flags land in its options, with its defaults.
func TestInitFlags(t *testing.T) {
	io, _, _ := fakeStreams(false, false)
	tests := []struct {
		args []string
		want initOptions
	}{
		{[]string{"orders/a", "--type", "missing-item"}, initOptions{io: io, dir: "orders/a", dispute: "missing-item", lang: evidence.DefaultLanguage}},
		{[]string{"orders/a", "--type", "item-not-received", "--platform", "stripe", "--lang", "en", "--templates", "tpl"},
			initOptions{io: io, dir: "orders/a", dispute: "item-not-received", platform: "stripe", lang: "en", commonOptions: commonOptions{templatesDir: "tpl"}}},
	}
	for _, tt := range tests {
		var got *initOptions
		parse(t, newInitCmd(io, func(_ context.Context, o *initOptions) error { got = o; return nil }), tt.args...)
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("init %q:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

// TestImportFlags: import's flags land in its options, with its defaults.
func TestImportFlags(t *testing.T) {
	io, _, _ := fakeStreams(false, false)
	tests := []struct {
		args []string
		want importOptions
	}{
		{[]string{"orders.csv"}, importOptions{io: io, input: "orders.csv", dispute: "missing-item"}},
		{[]string{"orders.xlsx", "-o", "root", "--evidence", "photos", "--map", "map.yaml", "--sheet", "Sheet2", "--platform", "jd",
			"--dispute", "wrong-item", "--lang", "en", "--shop", "Shop", "--currency", "USD", "--tz", "UTC"},
			importOptions{io: io, input: "orders.xlsx", outRoot: "root", evidence: "photos", mapFile: "map.yaml", sheet: "Sheet2", platform: "jd",
				dispute: "wrong-item", lang: "en", shop: "Shop", currency: "USD", tz: "UTC"}},
	}
	for _, tt := range tests {
		var got *importOptions
		parse(t, newImportCmd(io, func(_ context.Context, o *importOptions) error { got = o; return nil }), tt.args...)
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("import %q:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

// TestSamplesFlags: samples' flags land in its options.
func TestSamplesFlags(t *testing.T) {
	io, _, _ := fakeStreams(false, false)
	tests := []struct {
		args []string
		want samplesOptions
	}{
		{nil, samplesOptions{io: io}},
		{[]string{"-o", "s", "--render", "--only", "missing-item-zh,wrong-item-en", "--only", "changed-mind-en"},
			samplesOptions{io: io, output: "s", render: true, only: []string{"missing-item-zh", "wrong-item-en", "changed-mind-en"}}},
	}
	for _, tt := range tests {
		var got *samplesOptions
		parse(t, newSamplesCmd(io, func(_ context.Context, o *samplesOptions) error { got = o; return nil }), tt.args...)
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("samples %q:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

// notInFingerprint are the batch flags that do not change a packet, so
// that an order built with another value is not built again: where the
// packets go and how the batch runs. (--no-html, --video-out and
// --templates go into the run's key by batchOptions.run: the review page,
// the videos, and the templates' digest.)
var notInFingerprint = map[string]bool{
	"output": true, "jobs": true, "quiet": true, "force": true, "shard": true, "help": true,
	"no-html": true, "video-out": true, "templates": true,
}

// fingerprintValues give each batch flag that changes a packet a value
// other than its default.
var fingerprintValues = map[string]string{
	"lang": "en", "paper": "letter", "profile": "stripe", "dpi": "150",
	"allow-incomplete": "true", "no-statement": "true",
	"max-pixels": "1000", "max-file-mb": "8", "max-statement": "900", "max-evidence": "20",
}

// TestBatchFingerprintHasEveryPacketFlag: each batch flag either changes
// the fingerprint, so that orders built with another value are built
// again, or is listed as not changing a packet. A new flag must be put in
// one of the two.
func TestBatchFingerprintHasEveryPacketFlag(t *testing.T) {
	io, _, _ := fakeStreams(false, false)
	key := func(args ...string) map[string]string {
		var got *batchOptions
		parse(t, newBatchCmd(io, func(_ context.Context, o *batchOptions) error { got = o; return nil }), append([]string{"orders", "-o", "out"}, args...)...)
		if got.root != "orders" || got.outDir != "out" {
			t.Fatalf("root %q, -o %q", got.root, got.outDir)
		}
		return got.key(packet.FileOptions{})
	}
	base := key()
	newBatchCmd(io, nil).Flags().VisitAll(func(f *pflag.Flag) {
		if notInFingerprint[f.Name] {
			return
		}
		v, ok := fingerprintValues[f.Name]
		if !ok {
			t.Errorf("--%s: say whether it changes a packet (fingerprintValues) or not (notInFingerprint)", f.Name)
			return
		}
		if reflect.DeepEqual(key("--"+f.Name+"="+v), base) {
			t.Errorf("--%s %s leaves the fingerprint as it was: a re-run would keep packets built without it", f.Name, v)
		}
	})
}

// TestStdoutTerminalRefusesPDF: -o - with standard output on a terminal
// is a usage error, and nothing is written to it.
func TestStdoutTerminalRefusesPDF(t *testing.T) {
	io, out, errOut := fakeStreams(true, true)
	if code := execute(context.Background(), []string{"build", "orders/a", "-o", "-"}, io); code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %d bytes to the terminal", out.Len())
	}
	if !strings.Contains(errOut.String(), "standard output is a terminal") {
		t.Errorf("stderr %q does not say why", errOut.String())
	}
}

// TestBatchProgressOnlyOnATerminal runs a batch of two orders that fail
// at once: with stderr on a terminal the progress is a bar, elsewhere one
// line per order, and with --quiet neither.
func TestBatchProgressOnlyOnATerminal(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a", "b"} {
		if err := os.MkdirAll(filepath.Join(root, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name, "order.yaml"), []byte("order_id: X\nnot_a_field: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		tty       bool
		args      []string
		want, not []string
	}{
		{"terminal", true, nil, []string{"building", "proofpack: error: a: ", "proofpack: error: b: "}, []string{"[1/2]"}},
		{"pipe", false, nil, []string{"[1/2] failed ", "[2/2] failed ", "proofpack: error: a: "}, []string{"building"}},
		{"quiet terminal", true, []string{"--quiet"}, nil, []string{"building", "[1/2]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, out, errOut := fakeStreams(false, tt.tty)
			args := append([]string{"batch", root, "-o", filepath.Join(t.TempDir(), "out")}, tt.args...)
			if code := execute(context.Background(), args, io); code != exitError {
				t.Errorf("exit code %d, want %d (every order failed)\n%s", code, exitError, errOut)
			}
			if !strings.Contains(out.String(), "2 orders: 0 built, 0 unchanged, 2 failed") {
				t.Errorf("stdout %q lacks the tally", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(errOut.String(), n) {
					t.Errorf("stderr has %q:\n%s", n, errOut)
				}
			}
		})
	}
}
