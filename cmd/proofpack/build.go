package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/review"
	"github.com/proofpack/proofpack/internal/units"
	"github.com/proofpack/proofpack/packet"
)

type buildOptions struct {
	packetFlags
	io        *ioStreams
	dir       string
	output    string
	json      bool
	imagesOut string
	html      bool
	videoOut  string
}

// newBuildCmd makes the build command; runF, when not nil, is called with
// the parsed options in place of building (for tests of the flags).
func newBuildCmd(io *ioStreams, runF func(context.Context, *buildOptions) error) *cobra.Command {
	o := &buildOptions{io: io}
	cmd := &cobra.Command{
		Use:   "build ORDER_DIR",
		Short: "Build one order's evidence packet",
		Long: `Build reads ORDER_DIR (order.yaml or order.json and the evidence files; the
manifest's own path works too) and writes the packet as ORDER_ID.pdf in the
current folder, or where -o says (a file, or an existing folder to write
ORDER_ID.pdf into), with the statement as text beside it for the portal's
text box. --html also writes ORDER_ID.html beside the PDF: the review page
'proofpack batch' writes, for this one order.`,
		Example: `  proofpack build samples/orders/missing-item-zh
  proofpack build ./PDD-0001 -o out/PDD-0001.pdf --lang en --paper letter
  proofpack build ./PDD-0001 -o out/ --html
  proofpack build ./PDD-0001 -o - > packet.pdf`,
		Args: exactArgs(1, "one order folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return o.run(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "output PDF file (default ORDER_ID.pdf here; - for standard output)")
	f.StringVar(&o.imagesOut, "images-out", "", "also write each exhibit image as its own file into this folder, within the profile's per-image cap")
	f.StringVar(&o.videoOut, "video-out", "", "also write each video exhibit into this folder, re-encoded when over the profile's video limit")
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	f.BoolVar(&o.html, "html", false, "also write the review page ORDER_ID.html beside the PDF, with thumbnails in review/")
	o.addPacketFlags(cmd, "the")
	return cmd
}

func (o *buildOptions) run(ctx context.Context) error {
	if o.output == "-" && o.io.OutIsTTY {
		return usageError{errors.New("-o -: standard output is a terminal; redirect it to a file or give -o FILE")}
	}
	if o.output == "-" && (o.imagesOut != "" || o.html || o.videoOut != "") {
		return usageError{errors.New("--images-out, --html and --video-out write files beside a packet file; give -o FILE instead of -o -")}
	}
	o.dir = orderDir(o.dir)
	if err := checkOutput(o.output); err != nil {
		return err
	}
	limitMemory(o.io.Getenv)
	fo, err := o.fileOptions(o.io.Getenv)
	if err != nil {
		return err
	}
	fo.ImagesDir, fo.VideoDir = o.imagesOut, o.videoOut
	if o.html {
		fo.PreviewBox = review.ThumbBox
	}
	var res *packet.Result
	if o.output == "-" {
		if res, err = o.stream(ctx, fo); err != nil {
			return err
		}
	} else {
		if res, err = packet.BuildFile(ctx, o.dir, o.output, fo); err != nil {
			return err
		}
	}
	for _, w := range res.Warnings {
		warnf(o.io.ErrOut, "%s", w)
	}
	if len(res.Missing) > 0 {
		warnf(o.io.ErrOut, "%s: built without required evidence: %v", o.dir, res.Missing)
	}
	var page string
	if o.html {
		if page, err = writePage(ctx, o.dir, res, fo); err != nil {
			return err
		}
	}
	if o.output == "-" {
		if o.json {
			return json.NewEncoder(o.io.ErrOut).Encode(res)
		}
		return nil
	}
	if o.json {
		return writeJSON(o.io, res)
	}
	fmt.Fprintf(o.io.Out, "%s: %d pages, %s (profile %s)\n", res.Output, res.Pages, units.Size(res.Bytes), res.Profile)
	if res.StatementFile != "" {
		fmt.Fprintf(o.io.Out, "%s: the statement for the portal's text box, %d characters\n", res.StatementFile, res.StatementChars)
	}
	if res.ImagesDir != "" {
		fmt.Fprintf(o.io.Out, "%s: %d images\n", res.ImagesDir, len(res.Images))
	}
	for _, v := range res.Videos {
		fmt.Fprintf(o.io.Out, "%s: video\n", v)
	}
	if page != "" {
		fmt.Fprintf(o.io.Out, "%s: the review page\n", page)
	}
	return nil
}

// stream builds the packet onto standard output (Render writes only once
// the whole packet is built, so a failed build puts nothing there) and
// says what a packet file would have had beside it that it did not write.
func (o *buildOptions) stream(ctx context.Context, fo packet.FileOptions) (*packet.Result, error) {
	c, err := evidence.Load(ctx, o.dir, fo.Load)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	res, err := packet.Render(ctx, o.io.Out, c, fo.Options)
	if err != nil {
		return nil, err
	}
	res.Output = "-"
	var unwritten []string
	if fo.Statement {
		unwritten = append(unwritten, fmt.Sprintf("the statement for the portal's text box (%d characters)", res.StatementChars))
	}
	if prof, err := fo.Templates.Profile(res.Profile); err == nil {
		if prof.ExportImages {
			unwritten = append(unwritten, fmt.Sprintf("the exhibit images profile %s asks for", prof.Name))
		}
		if prof.VideoMaxBytes > 0 && slices.ContainsFunc(c.Exhibits, func(e *evidence.Exhibit) bool { return e.Video != nil }) {
			unwritten = append(unwritten, "the videos")
		}
	}
	if len(unwritten) > 0 {
		warnf(o.io.ErrOut, "-o -: standard output holds the PDF only; not written: %s", strings.Join(unwritten, ", "))
		hintf(o.io.ErrOut, "give -o FILE to have them written beside the packet")
	}
	return res, nil
}

// orderDir accepts an order's manifest in place of its folder.
func orderDir(arg string) string {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() && slices.Contains(evidence.ManifestNames, filepath.Base(arg)) {
		return filepath.Dir(arg)
	}
	return arg
}

// checkOutput says what is wrong with -o before anything is built: the
// folder it names, or the one it is in, must exist ("" and "-" need none).
func checkOutput(out string) error {
	if out == "" || out == "-" {
		return nil
	}
	dir := filepath.Dir(out)
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) {
		dir = out
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("-o %s: the folder %s does not exist; create it first (mkdir -p %s) or choose another -o", out, dir, dir)
	}
	return nil
}

// writePage writes the one-order review page beside the packet and returns
// its path.
func writePage(ctx context.Context, dir string, res *packet.Result, fo packet.FileOptions) (string, error) {
	pageDir := filepath.Dir(res.Output)
	row := review.New(filepath.Base(dir), review.StatusBuilt, res.Report, res, fo.Templates, pageDir)
	if err := row.WriteThumbs(ctx, review.RowDir(pageDir, res.Output), pageDir, res.Previews); err != nil {
		return "", err
	}
	page := strings.TrimSuffix(res.Output, filepath.Ext(res.Output)) + ".html"
	orders := []*review.Order{row}
	if err := review.WritePage(page, fo.Templates, review.Language(fo.Lang, orders), orders); err != nil {
		return "", err
	}
	return page, nil
}
