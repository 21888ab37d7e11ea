package evidence

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/video"
)

// testVideo is a 3-second MP4 of ffmpeg's test pattern.
func testVideo(t *testing.T) []byte {
	t.Helper()
	if err := video.Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	p := filepath.Join(t.TempDir(), "v.mp4")
	if msg, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=3",
		"-c:v", "mpeg4", "-metadata", "creation_time=2026-11-02T01:15:00Z", p).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, msg)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestLoadVideo(t *testing.T) {
	mp4 := testVideo(t)
	label := "  - {file: label.jpg, kind: shipping-label}"
	for _, tc := range []struct {
		name, entry string
		want        []time.Duration // frames; nil when loading fails
		problem     string
	}{
		{"listed times", `  - {file: 打包视频.mp4, kind: packing-video, frames: ["00:01", "2.5"]}`, []time.Duration{time.Second, 2500 * time.Millisecond}, ""},
		{"default times", `  - {file: 打包视频.mp4, kind: packing-video}`, video.DefaultTimes(3*time.Second, 4), ""},
		{"past the end", `  - {file: 打包视频.mp4, kind: packing-video, frames: ["00:09"]}`, nil, "frame at 00:09 is past the end of the 00:03 video"},
		{"bad time", `  - {file: 打包视频.mp4, kind: packing-video, frames: ["nine"]}`, nil, `"nine" is not a time in the video`},
		{"frames on a photo", `  - {file: photo.jpg, kind: packing-photo, frames: ["00:01"]}`, nil, "only videos have frames"},
		{"video with a photo kind", `  - {file: 打包视频.mp4, kind: packing-photo}`, nil, "a video cannot be a packing-photo"},
		{"photo with a video kind", `  - {file: photo.jpg, kind: packing-video}`, nil, "a packing-video must be a video file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{"label.jpg": testJPEG(t, 4, 4, 1), "photo.jpg": testJPEG(t, 4, 4, 1), "打包视频.mp4": mp4, "order.yaml": manifestWith(t, label, tc.entry)})
			c, err := load(t, dir, Options{})
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.problem) {
					t.Fatalf("err = %v, want %q", err, tc.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v := c.ByKind(PackingVideo)[0]
			if v.Video == nil || v.Image.Format != "video" || v.Image.Width != 160 || len(v.SHA256) != 64 || v.Size != int64(len(mp4)) {
				t.Fatalf("exhibit %+v", v)
			}
			if got := v.Video.Frames; len(got) != len(tc.want) || got[0] != tc.want[0] || got[len(got)-1] != tc.want[len(tc.want)-1] {
				t.Errorf("frames %v, want %v", got, tc.want)
			}
		})
	}
}
