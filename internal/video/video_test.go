package video

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/internal/extool"
)

// makeTestVideo writes a small MP4 (ffmpeg's test pattern) for tests;
// extra arguments go before the output name.
func makeTestVideo(t testing.TB, size string, seconds int, extra ...string) string {
	t.Helper()
	if err := Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err) // .ci/run installs ffmpeg
		}
		t.Skip(err)
	}
	out := filepath.Join(t.TempDir(), "packing.mp4")
	args := append([]string{"-v", "error", "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=10:duration=" + strconv.Itoa(seconds),
		"-c:v", "mpeg4", "-pix_fmt", "yuv420p", "-metadata", "creation_time=2026-11-02T01:15:00Z"}, extra...)
	if msg, err := exec.Command("ffmpeg", append(args, out)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, msg)
	}
	return out
}

func open(t *testing.T, p string) *os.File {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestProbeAndFrames(t *testing.T) {
	f := open(t, makeTestVideo(t, "320x240", 3))
	ctx := context.Background()
	info, err := Probe(ctx, f, 0)
	if err != nil {
		t.Fatal(err)
	}
	if info.Width != 320 || info.Height != 240 || info.Codec != "mpeg4" || info.Rotation != 0 ||
		info.Duration < 2900*time.Millisecond || info.Duration > 3100*time.Millisecond ||
		!info.CreatedAt.Equal(time.Date(2026, 11, 2, 1, 15, 0, 0, time.UTC)) {
		t.Fatalf("Probe = %+v", info)
	}
	for _, at := range DefaultTimes(info.Duration, 4) {
		img, err := Frame(ctx, f, info, at)
		if err != nil {
			t.Fatalf("frame at %s: %v", Clock(at), err)
		}
		if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 240 {
			t.Errorf("frame at %s is %v", Clock(at), b)
		}
	}
	if _, err := Frame(ctx, f, info, 5*time.Second); err == nil || !strings.Contains(err.Error(), "00:05 is outside the video (0 to 00:03)") {
		t.Errorf("frame past the end: %v", err)
	}
	if _, err := Probe(ctx, f, 1000); err == nil || !strings.Contains(err.Error(), "320x240") {
		t.Errorf("pixel limit: %v", err)
	}
}

func TestProbeRotated(t *testing.T) {
	// A phone held upright: the picture is stored sideways with a display
	// matrix (ffmpeg 5 writes one when copying with a rotate tag).
	src := makeTestVideo(t, "320x240", 1)
	turned := filepath.Join(t.TempDir(), "turned.mp4")
	if msg, err := exec.Command("ffmpeg", "-v", "error", "-i", src, "-c", "copy", "-metadata:s:v:0", "rotate=90", turned).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, msg)
	}
	f := open(t, turned)
	info, err := Probe(context.Background(), f, 0)
	if err != nil {
		t.Fatal(err)
	}
	if info.Rotation%180 != 90 || info.Width != 240 || info.Height != 320 {
		t.Fatalf("Probe = %+v, want rotated 90 and 240x320", info)
	}
	img, err := Frame(context.Background(), f, info, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 240 || b.Dy() != 320 {
		t.Errorf("frame is %v, want upright 240x320", b)
	}
}

func TestNotAVideo(t *testing.T) {
	if err := Available(); err != nil {
		t.Skip(err)
	}
	p := filepath.Join(t.TempDir(), "x.mp4")
	os.WriteFile(p, []byte("not a video at all"), 0o644)
	if _, err := Probe(context.Background(), open(t, p), 0); err == nil {
		t.Fatal("a text file probes as a video")
	}
}

func TestMissingFFmpeg(t *testing.T) {
	saved := ffprobe
	defer func() { ffprobe = saved }()
	ffprobe = extool.New("proofpack-no-such-ffprobe", Install)
	err := Available()
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "apt-get install ffmpeg") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"00:05", 5 * time.Second, true},
		{"00:41", 41 * time.Second, true},
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second, true},
		{"41.5", 41500 * time.Millisecond, true},
		{"00:41.25", 41250 * time.Millisecond, true},
		{"0", 0, true},
		{"", 0, false},
		{"00:61", 0, false},
		{"1.5:00", 0, false},
		{"-3", 0, false},
		{"1e3", 0, false},
		{"a:b", 0, false},
		{"1:2:3:4", 0, false},
		{"99:00:00", 0, false},
	} {
		got, err := ParseTime(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseTime(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestClockAndDefaultTimes(t *testing.T) {
	if got := Clock(41 * time.Second); got != "00:41" {
		t.Errorf("Clock = %q", got)
	}
	if got := Clock(time.Hour + 1500*time.Millisecond); got != "1:00:01.5" {
		t.Errorf("Clock = %q", got)
	}
	got := DefaultTimes(10*time.Second+200*time.Millisecond, 4)
	want := []time.Duration{0, 3333 * time.Millisecond, 6666 * time.Millisecond, 10 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("DefaultTimes = %v, want %v", got, want)
		}
	}
}

func FuzzParseProbe(f *testing.F) {
	f.Add([]byte(`{"streams":[{"codec_type":"video","codec_name":"h264","width":1920,"height":1080,"side_data_list":[{"rotation":-90}],"tags":{"creation_time":"2026-11-02T01:15:00.000000Z"}}],"format":{"format_name":"mov,mp4","duration":"41.2","tags":{"creation_time":"2026-11-02T01:15:00Z"}}}`))
	f.Add([]byte(`{"streams":[{"codec_type":"video","width":0,"height":1}],"format":{"duration":"NaN"}}`))
	f.Add([]byte(`{"streams":[{"codec_type":"video","width":10,"height":10,"tags":{"rotate":"1e308"}}],"format":{"duration":"1e300"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := ParseProbe(data)
		if err != nil {
			return
		}
		if info.Width < 1 || info.Height < 1 || info.Width > 16384 || info.Height > 16384 ||
			info.Duration <= 0 || info.Duration > MaxDuration || info.Rotation%90 != 0 || info.Rotation < 0 || info.Rotation > 270 ||
			len(info.Codec) > 64 || len(info.Format) > 64 {
			t.Fatalf("ParseProbe(%q) = %+v", data, info)
		}
	})
}
