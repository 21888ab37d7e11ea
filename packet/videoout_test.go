package packet

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/proofpack/proofpack/internal/video"
	"github.com/proofpack/proofpack/templates"
)

var packingVideo struct {
	once sync.Once
	path string
	err  error
}

// withVideo is minimalOrder with a 4-second packing video of about half a
// megabyte listed in its manifest. The video is encoded once per test
// binary.
func withVideo(t *testing.T) string {
	t.Helper()
	if err := video.Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	packingVideo.once.Do(func() {
		packingVideo.path = filepath.Join(tmpDir, "packing.mp4")
		if msg, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=4",
			"-c:v", "libx264", "-preset", "ultrafast", "-b:v", "2M", "-pix_fmt", "yuv420p", packingVideo.path).CombinedOutput(); err != nil {
			packingVideo.err = fmt.Errorf("ffmpeg: %v: %s", err, msg)
		}
	})
	if packingVideo.err != nil {
		t.Fatal(packingVideo.err)
	}
	dir := minimalOrder(t)
	data, err := os.ReadFile(packingVideo.path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "packing.mp4"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "order.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("  - {file: packing.mp4, kind: packing-video}\n")
	f.Close()
	return dir
}

func TestVideoOutTooLong(t *testing.T) {
	t.Parallel()
	dir := withVideo(t)
	out := t.TempDir()
	prof := &templates.Profile{Name: "test", VideoMaxBytes: 20_000}
	_, err := BuildFile(context.Background(), dir, filepath.Join(out, "p.pdf"),
		FileOptions{Options: Options{Templates: builtin(t), Profile: prof}, Statement: true, VideoDir: filepath.Join(out, "videos")})
	if err == nil || !strings.Contains(err.Error(), "packing.mp4: a 00:04 video cannot fit in 20000 bytes") {
		t.Fatalf("err = %v", err)
	}
	for _, p := range []string{"p.pdf", "p.txt"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s left behind", p)
		}
	}
}

// TestVideoOut: the video goes out beside the packet, copied when it is
// within the profile's limit, re-encoded under it when not. (The packets
// are built at 72 dpi: only the videos are looked at.)
func TestVideoOut(t *testing.T) {
	t.Parallel()
	dir := withVideo(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "packing.mp4"))
	for _, tc := range []struct {
		name  string
		limit int64
		copy  bool
	}{
		{"within the limit: the original", 20_000_000, true},
		{"no limit: the original", 0, true},
		{"over the limit: re-encoded", int64(len(orig)) * 4 / 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			prof := &templates.Profile{Name: "test", VideoMaxBytes: tc.limit}
			res, err := BuildFile(context.Background(), dir, filepath.Join(out, "p.pdf"),
				FileOptions{Options: Options{Templates: builtin(t), Profile: prof, DPI: 72}, VideoDir: filepath.Join(out, "videos")})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Videos) != 1 || filepath.Base(res.Videos[0]) != "C1-packing.mp4" {
				t.Fatalf("videos %v", res.Videos)
			}
			got, _ := os.ReadFile(res.Videos[0])
			if bytes.Equal(got, orig) != tc.copy {
				t.Errorf("copied unchanged: %v, want %v", bytes.Equal(got, orig), tc.copy)
			}
			if tc.limit > 0 && int64(len(got)) > tc.limit {
				t.Errorf("%d bytes, over the %d limit", len(got), tc.limit)
			}
			f, _ := os.Open(res.Videos[0])
			defer f.Close()
			if info, err := video.Probe(context.Background(), f, 0); err != nil || info.Duration < 3_500_000_000 {
				t.Errorf("the written video probes as %+v, %v", info, err)
			}
			leftovers, _ := filepath.Glob(filepath.Join(out, "videos", ".proofpack-*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
		})
	}
}
