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
	"time"

	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/internal/video"
)

// MaxVideoBytes bounds a video evidence file (videos are hashed while
// streamed, never read whole).
const MaxVideoBytes int64 = 4 << 30

// defaultVideoFrames is how many stills a video gives when the manifest
// lists no times.
const defaultVideoFrames = 4

// VideoInfo is what is known of a video exhibit.
type VideoInfo struct {
	video.Info
	// Frames are the times shown as stills, in the order listed.
	Frames []time.Duration
}

// validateFrames checks an evidence item's frames: times, only for videos.
func validateFrames(add func(field, problem, hint string), f string, e EvidenceItem) {
	if len(e.Frames) == 0 {
		return
	}
	if !isVideo(e.Kind) {
		add(f+".frames", "only videos have frames", "remove frames, or give the video's kind (packing-video, delivery-video, buyer-video)")
		return
	}
	if len(e.Frames) > video.MaxFrames {
		add(f+".frames", fmt.Sprintf("lists %d times; the limit is %d", len(e.Frames), video.MaxFrames), "keep the moments that matter")
	}
	for j, s := range e.Frames {
		if _, err := video.ParseTime(s); err != nil {
			add(fmt.Sprintf("%s.frames[%d]", f, j), err.Error(), "")
		}
	}
}

// inspectVideo hashes a video while streaming it and reads its header with
// ffprobe; the frames' times are checked against its duration.
func (c *Case) inspectVideo(ctx context.Context, e *Exhibit, times []string) error {
	if !isVideoFile(e.File) {
		return fmt.Errorf("%s: a %s must be a video file (%s, …)", e.File, e.Kind, videoExts[0])
	}
	if err := video.Available(); err != nil {
		return fmt.Errorf("%s: %w", e.File, err)
	}
	f, err := c.openVideo(e.File)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, MaxVideoBytes+1))
	if err != nil {
		return fmt.Errorf("%s: %w", e.File, err)
	}
	if n > MaxVideoBytes {
		return fmt.Errorf("%s: %w: the video is over the %d GiB limit", e.File, imagenorm.ErrTooLarge, MaxVideoBytes>>30)
	}
	e.SHA256, e.Size = hex.EncodeToString(h.Sum(nil)), n
	info, err := video.Probe(ctx, f, c.limits.MaxPixels)
	if err != nil {
		return fmt.Errorf("%s: not a readable video: %w", e.File, err)
	}
	vi := &VideoInfo{Info: info}
	for _, s := range times {
		t, _ := video.ParseTime(s) // validated with the manifest
		if t > info.Duration {
			return fmt.Errorf("%s: frame at %s is past the end of the %s video", e.File, s, video.Clock(info.Duration))
		}
		vi.Frames = append(vi.Frames, t)
	}
	if len(vi.Frames) == 0 {
		vi.Frames = video.DefaultTimes(info.Duration, defaultVideoFrames)
	}
	e.Video = vi
	e.Image = imagenorm.Info{Format: "video", Width: info.Width, Height: info.Height, Orientation: 1, Frames: 1, CapturedAt: info.CreatedAt}
	return nil
}

// openVideo opens a video for ffmpeg, which needs a real file: the
// folder's os.Root gives one, and no path leaves the folder.
func (c *Case) openVideo(p string) (*os.File, error) {
	f, err := c.fsys.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: file not found", p)
		}
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	osf, ok := f.(*os.File)
	if !ok {
		f.Close()
		return nil, fmt.Errorf("%s: videos are read from an order folder on disk", p)
	}
	if st, err := osf.Stat(); err != nil || !st.Mode().IsRegular() {
		osf.Close()
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	return osf, nil
}

// OpenVideo opens video exhibit e for reading frames, checking that the
// file still hashes to what Load recorded. Close it when done.
func (c *Case) OpenVideo(e *Exhibit) (*os.File, error) {
	f, err := c.openVideo(e.File)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, MaxVideoBytes+1)); err != nil || hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		f.Close()
		return nil, fmt.Errorf("%s: file changed while the packet was being built; run again", e.File)
	}
	return f, nil
}
