package packet

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/internal/video"
)

// writeVideos writes each video exhibit into dir, named by its label, for
// a portal that takes videos beside the packet: the original when it is
// within limit bytes (0: no limit), else a copy re-encoded to fit. Each is
// written through a temporary file and renamed.
func writeVideos(ctx context.Context, c *evidence.Case, dir string, limit int64) ([]string, error) {
	var written []string
	for _, e := range c.Exhibits {
		if e.Video == nil {
			continue
		}
		if len(written) == 0 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("cannot create %s: %w", dir, err)
			}
		}
		base := strings.TrimSuffix(filepath.Base(e.File), filepath.Ext(e.File))
		ext := strings.ToLower(filepath.Ext(e.File))
		if limit > 0 && e.Size > limit {
			ext = ".mp4"
		}
		p := filepath.Join(dir, e.Label+"-"+base+ext)
		if err := writeVideo(ctx, c, e, p, limit); err != nil {
			return written, fmt.Errorf("%s: %w", e.File, err)
		}
		written = append(written, p)
	}
	return written, nil
}

func writeVideo(ctx context.Context, c *evidence.Case, e *evidence.Exhibit, p string, limit int64) error {
	f, err := c.OpenVideo(e)
	if err != nil {
		return err
	}
	defer f.Close()
	if limit <= 0 || e.Size <= limit {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return atomicfile.Write(p, func(w io.Writer) error { _, err := io.Copy(w, f); return err })
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".proofpack-video-*.mp4")
	if err != nil {
		return err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := video.Fit(ctx, f, e.Video.Info, limit, tmp.Name()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}
