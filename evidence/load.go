package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/proofpack/proofpack/evidence/imagenorm"
)

// ManifestNames are the file names an order folder's manifest may have, in
// the order they are looked for.
var ManifestNames = []string{"order.yaml", "order.yml", "order.json"}

// FindManifest returns the name of the manifest file in folder dir, in the
// order of ManifestNames, and false when the folder holds none.
func FindManifest(dir string) (string, bool) {
	for _, name := range ManifestNames {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() {
			return name, true
		}
	}
	return "", false
}

// Case is one order folder as read: its manifest and its evidence.
type Case struct {
	Dir            string // the folder as the user named it, for messages
	Manifest       *Manifest
	Exhibits       []*Exhibit // in presentation order, labelled
	Unclassified   []string   // files found in the folder that are not evidence, with the reason
	fsys           fs.FS
	limits         imagenorm.Limits
	manifestLimits ManifestLimits
	closer         io.Closer
}

// Exhibit is one evidence file.
type Exhibit struct {
	Label   string // "A1", "B2": group letter and number
	Kind    Kind
	File    string // slash path inside the order folder
	Caption string // from the manifest; may be empty
	// Language and Translation are the manifest's: the language of the
	// file's text and the seller's translation of it (may be empty).
	Language, Translation string
	SHA256                string // hex digest of the original bytes
	Size                  int64
	Image                 imagenorm.Info
	// Video is set for video exhibits; Image then holds the displayed
	// size, Format "video" and the recording time.
	Video *VideoInfo
	// Redact and Highlight are the manifest's rectangles for this file.
	Redact, Highlight []Region
	frames            []string // the manifest's frames, for videos
	index             int      // manifest position, -1 when discovered
}

// UprightSize is the image's size as displayed, after EXIF orientation.
func (e *Exhibit) UprightSize() (w, h int) {
	w, h = e.Image.Width, e.Image.Height
	if e.Image.Orientation >= 5 {
		w, h = h, w
	}
	return w, h
}

// Options tune Load.
type Options struct {
	Limits   imagenorm.Limits
	Manifest ManifestLimits
	// Skip lists slash paths inside the folder that are never evidence,
	// such as an output file written into the folder.
	Skip []string
}

// Load reads the order folder dir. Files are opened through an os.Root, so
// no path or symlink can reach outside the folder. Close the Case when done.
func Load(ctx context.Context, dir string, opt Options) (*Case, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: order folder not found", dir)
		}
		return nil, fmt.Errorf("%s: cannot open order folder: %w", dir, err)
	}
	c, err := LoadFS(ctx, root.FS(), dir, opt)
	if err != nil {
		root.Close()
		return nil, err
	}
	c.closer = root
	return c, nil
}

// Close releases the folder handle Load opened. The exhibits cannot be
// read after it.
func (c *Case) Close() error {
	if c.closer == nil {
		return nil
	}
	return c.closer.Close()
}

// LoadFS reads an order folder from fsys; dir names it in messages.
func LoadFS(ctx context.Context, fsys fs.FS, dir string, opt Options) (*Case, error) {
	name, data, err := readManifest(fsys, dir)
	if err != nil {
		return nil, err
	}
	m, err := parseManifest(path.Join(dir, name), data, opt.Manifest)
	if err != nil {
		return nil, err
	}
	c := &Case{Dir: dir, Manifest: m, fsys: fsys, limits: opt.Limits, manifestLimits: opt.Manifest}
	skip := append([]string{name}, opt.Skip...)
	if len(m.Evidence) == 0 {
		if err := c.discover(ctx, skip); err != nil {
			return nil, err
		}
	} else {
		for i, it := range m.Evidence {
			p, _ := cleanEvidencePath(it.File) // validated by ParseManifest
			c.Exhibits = append(c.Exhibits, &Exhibit{Kind: it.Kind, File: p, Caption: it.Caption, Language: it.Language, Translation: it.Translation, index: i,
				Redact: it.Redact, Highlight: it.Highlight, frames: it.Frames})
		}
		if err := c.reportUnlisted(ctx, skip); err != nil {
			return nil, err
		}
	}
	// Hashing and reading headers, file by file, on every core: the
	// phone photos of one order are tens of megabytes.
	errs := make([]error, len(c.Exhibits))
	var eg errgroup.Group
	eg.SetLimit(runtime.GOMAXPROCS(0))
	for i, e := range c.Exhibits {
		eg.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			errs[i] = c.inspect(ctx, e)
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	var problems []*FieldError
	for i, e := range c.Exhibits {
		if err := errs[i]; err != nil {
			field := ""
			if e.index >= 0 {
				field = fmt.Sprintf("evidence[%d].file", e.index)
			}
			p := m.FieldError(field, err.Error(), hintFor(err))
			p.Err = err
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return nil, &ManifestError{Problems: problems}
	}
	c.label()
	return c, nil
}

func readManifest(fsys fs.FS, dir string) (string, []byte, error) {
	for _, name := range ManifestNames {
		st, err := fs.Stat(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil && !st.Mode().IsRegular() {
			err = notRegular(st.Mode())
		}
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", path.Join(dir, name), err)
		}
		f, err := fsys.Open(name)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", path.Join(dir, name), err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, MaxManifestBytes+1))
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", path.Join(dir, name), err)
		}
		return name, data, nil
	}
	return "", nil, fmt.Errorf("%s: no order manifest found; expected one of %s (run 'proofpack init %s --type missing-item' to write one)",
		dir, strings.Join(ManifestNames, ", "), dir)
}

// notEvidence are extensions of files that are never evidence images:
// proofpack's own outputs and notes.
var notEvidence = []string{".pdf", ".txt", ".md", ".json", ".yaml", ".yml", ".csv", ".xlsx"}

// Found is a file of an order folder and the kind its name suggests.
type Found struct {
	File string // slash path inside the folder
	Kind Kind   // "" when the name suggests none, or the file is no evidence
	Note string // why the file is no evidence ("not an image, skipped"); "" if it may be
}

// Discover lists the files of the order folder fsys (hidden ones, the
// manifests and skip left out), sorted, each with the kind its folder and
// name suggest.
func Discover(ctx context.Context, fsys fs.FS, skip []string) ([]Found, error) {
	var found []Found
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || slices.Contains(skip, p) || slices.Contains(ManifestNames, p) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				found = append(found, Found{File: p, Note: "symlink pointing outside the order folder or nowhere, skipped"})
				return nil
			case !st.Mode().IsRegular():
				found = append(found, Found{File: p, Note: fmt.Sprintf("symlink to %s, skipped", notRegular(st.Mode()))})
				return nil
			}
		} else if !d.Type().IsRegular() {
			found = append(found, Found{File: p, Note: fmt.Sprintf("%s, skipped", notRegular(d.Type()))})
			return nil
		}
		f := Found{File: p}
		if slices.Contains(notEvidence, strings.ToLower(path.Ext(p))) {
			f.Note = "not an image, skipped"
		} else {
			f.Kind, _ = Classify(p)
		}
		found = append(found, f)
		return nil
	})
	sort.Slice(found, func(i, j int) bool { return found[i].File < found[j].File })
	return found, err
}

// unclassifiedHint says what to do with a file nothing classifies.
func unclassifiedHint() string {
	return "its folder and name match no evidence kind; move it into a folder named for its kind (" + folderNames() +
		"; in 称重/ or weights/, a name saying whose scale: 仓库/warehouse, 快递/courier, 复称/reweigh) or list it under evidence: in the manifest"
}

// discover classifies every file in the folder by its name.
func (c *Case) discover(ctx context.Context, skip []string) error {
	found, err := Discover(ctx, c.fsys, skip)
	if err != nil {
		return fmt.Errorf("%s: reading folder: %w", c.Dir, err)
	}
	if limit := c.manifestLimits.evidenceItems(); len(found) > limit {
		return tag(fmt.Errorf("%s: %d files found; the limit is %d evidence files", c.Dir, len(found), limit), ErrTooManyFiles)
	}
	for _, f := range found {
		switch {
		case f.Note != "":
			c.Unclassified = append(c.Unclassified, f.File+": "+f.Note)
		case f.Kind == "":
			c.Unclassified = append(c.Unclassified, f.File+": "+unclassifiedHint())
		default:
			c.Exhibits = append(c.Exhibits, &Exhibit{Kind: f.Kind, File: f.File, index: -1})
		}
	}
	return nil
}

// reportUnlisted notes every file of the folder the manifest's evidence
// list leaves out: it is not used, and the seller may have meant it to be.
func (c *Case) reportUnlisted(ctx context.Context, skip []string) error {
	found, err := Discover(ctx, c.fsys, skip)
	if err != nil {
		return fmt.Errorf("%s: reading folder: %w", c.Dir, err)
	}
	listed := map[string]bool{}
	for _, e := range c.Exhibits {
		listed[e.File] = true
	}
	// A manifest put in a big photo folder would otherwise give a note per photo.
	const maxNotes = 20
	unlisted := 0
	for _, f := range found {
		if listed[f.File] {
			continue
		}
		if unlisted++; unlisted > maxNotes {
			continue
		}
		switch {
		case f.Note != "":
			c.Unclassified = append(c.Unclassified, f.File+": "+f.Note)
		case f.Kind != "":
			c.Unclassified = append(c.Unclassified, fmt.Sprintf("%s: not listed under evidence: in the manifest, so not used; to use it, add - {file: %s, kind: %s}", f.File, f.File, f.Kind))
		default:
			c.Unclassified = append(c.Unclassified, fmt.Sprintf("%s: not listed under evidence: in the manifest, so not used; to use it, add - {file: %s, kind: KIND} (one of %s)", f.File, f.File, strings.Join(KindNames(), ", ")))
		}
	}
	if unlisted > maxNotes {
		c.Unclassified = append(c.Unclassified, fmt.Sprintf("%d more files not listed under evidence: in the manifest, so not used", unlisted-maxNotes))
	}
	return nil
}

// inspect hashes the file and reads its image header.
func (c *Case) inspect(ctx context.Context, e *Exhibit) error {
	if isVideo(e.Kind) {
		return c.inspectVideo(ctx, e, e.frames)
	}
	if isVideoFile(e.File) {
		return fmt.Errorf("%s: a video cannot be a %s; give it a video kind (packing-video, delivery-video, buyer-video)", e.File, e.Kind)
	}
	data, err := c.read(e.File)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	e.SHA256 = hex.EncodeToString(sum[:])
	e.Size = int64(len(data))
	info, err := imagenorm.Inspect(data, c.limits)
	if err != nil {
		err = fmt.Errorf("%s: %w", e.File, err)
		if errors.Is(err, imagenorm.ErrTooLarge) { // read has checked the bytes
			err = tag(err, ErrTooManyPixels)
		}
		return err
	}
	e.Image = info
	w, h := e.UprightSize()
	for _, r := range append(slices.Clone(e.Redact), e.Highlight...) {
		if r.Pixels(w, h).Empty() {
			return fmt.Errorf("%s: rectangle at %g,%g size %gx%g lies outside the %dx%d image", e.File, r.X, r.Y, r.W, r.H, w, h)
		}
	}
	return nil
}

// read returns a file's bytes, refusing files over the byte limit before
// reading them. Only regular files are opened: opening a named pipe would
// wait for a writer forever, and a device could be read without end.
func (c *Case) read(p string) ([]byte, error) {
	st, err := fs.Stat(c.fsys, p)
	if err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", p, notRegular(st.Mode()))
	}
	var f fs.File
	if err == nil {
		f, err = c.fsys.Open(p)
	}
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s: %w", p, ErrNotFound)
		case strings.Contains(err.Error(), "escapes"):
			// os.Root's only sign of a path or symlink leading out of
			// the folder: it exports no error value for it.
			return nil, fmt.Errorf("%s: %w", p, ErrOutsideFolder)
		}
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	defer f.Close()
	// Checked again on the open file, in case it was swapped meanwhile.
	if st, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", p, notRegular(st.Mode()))
	}
	limit := c.limits.MaxBytes
	if limit <= 0 {
		limit = imagenorm.DefaultMaxBytes
	}
	if st.Size() > limit {
		return nil, tag(fmt.Errorf("%s: %w: file is %d bytes; the limit is %d", p, imagenorm.ErrTooLarge, st.Size(), limit), ErrFileTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if int64(len(data)) > limit {
		return nil, tag(fmt.Errorf("%s: %w: file grew past the %d-byte limit while reading", p, imagenorm.ErrTooLarge, limit), ErrFileTooLarge)
	}
	return data, nil
}

// notRegular describes a file that is not a regular file, for messages
// that contain "not a regular file" (see hintFor).
func notRegular(m fs.FileMode) error {
	what := "a special file"
	switch {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeSymlink != 0:
		what = "a symlink"
	}
	return fmt.Errorf("%s, %w", what, ErrNotRegular)
}

// ReadExhibit returns the original bytes of e, checking that they still
// hash to what Load recorded.
func (c *Case) ReadExhibit(e *Exhibit) ([]byte, error) {
	data, err := c.read(e.File)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != e.SHA256 {
		return nil, fmt.Errorf("%s: file changed while the packet was being built; run again", e.File)
	}
	return data, nil
}

// label sorts exhibits into presentation order and names them A1, A2, B1...
func (c *Case) label() {
	rank := map[Kind]int{}
	for i, k := range Kinds {
		rank[k.Kind] = i
	}
	sort.SliceStable(c.Exhibits, func(i, j int) bool {
		a, b := c.Exhibits[i], c.Exhibits[j]
		if rank[a.Kind] != rank[b.Kind] {
			return rank[a.Kind] < rank[b.Kind]
		}
		return a.index < b.index
	})
	count := map[string]int{}
	for _, e := range c.Exhibits {
		ki, _ := LookupKind(e.Kind)
		count[ki.Group]++
		e.Label = fmt.Sprintf("%s%d", ki.Group, count[ki.Group])
	}
}

// ByKind returns the exhibits of kind k, in order.
func (c *Case) ByKind(k Kind) []*Exhibit {
	var out []*Exhibit
	for _, e := range c.Exhibits {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Latest returns the newest timestamp in the manifest: the default
// generation date of a packet, so that output depends only on its inputs.
func (m *Manifest) Latest() time.Time {
	var t time.Time
	for _, d := range m.Dates() {
		if d.At.After(t) {
			t = d.At
		}
	}
	return t
}

func hintFor(err error) string {
	switch {
	case errors.Is(err, imagenorm.ErrTooLarge):
		return "shrink the image, or raise the limit"
	case errors.Is(err, imagenorm.ErrUnsupported):
		return "convert it to JPEG or PNG"
	case errors.Is(err, imagenorm.ErrCorrupt):
		return "the file is damaged; export it again from the phone or platform"
	case errors.Is(err, ErrOutsideFolder):
		return "copy the file into the order folder instead of linking to it"
	case errors.Is(err, ErrNotRegular):
		return "evidence must be an image file"
	case errors.Is(err, ErrNotFound):
		return "check the spelling and the folder; paths are relative to the order folder"
	}
	return ""
}
