// Package video reads what an evidence packet needs from a video file:
// its duration, size, rotation and recording time (ffprobe) and still
// frames at given times (ffmpeg). Both run as separate processes through
// internal/extool, with a time limit per process and bounded output, and
// read the file through a descriptor the caller opened (/dev/fd/3), never
// a path. ffprobe's report is untrusted input: ParseProbe bounds it.
package video

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/extool"
)

// Install says how to get ffmpeg and ffprobe.
const Install = "install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg)"

var (
	ffprobe = extool.New("ffprobe", Install)
	ffmpeg  = extool.New("ffmpeg", Install)
)

// Bounds on the untrusted parts.
const (
	probeTimeout  = 30 * time.Second
	frameTimeout  = 60 * time.Second
	maxProbeBytes = 256 << 10
	MaxDuration   = 6 * time.Hour
	MaxFrames     = 12
)

// ErrMissing is wrapped by the error of a video operation on a machine
// without ffmpeg or ffprobe.
var ErrMissing = extool.ErrMissing

// Available reports whether ffmpeg and ffprobe are on PATH; its error says
// how to install them.
func Available() error {
	for _, t := range []*extool.Tool{ffprobe, ffmpeg} {
		if _, err := t.Path(); err != nil {
			return fmt.Errorf("videos need ffmpeg and ffprobe: %w", err)
		}
	}
	return nil
}

// Info is what ffprobe says about a video's first video stream.
type Info struct {
	Format        string        // container, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
	Codec         string        // e.g. "h264"
	Width, Height int           // as displayed: rotation applied
	Rotation      int           // of the display matrix, in quarter turns as degrees: 0, 90, 180 or 270
	Duration      time.Duration // of the file
	CreatedAt     time.Time     // the container's creation_time, UTC; zero when absent
}

// Probe runs ffprobe on f. MaxPixels bounds the picture size (0: no bound).
func Probe(ctx context.Context, f *os.File, maxPixels int64) (Info, error) {
	out, err := ffprobe.Run(ctx, extool.Limits{Timeout: probeTimeout, MaxStdout: maxProbeBytes, Files: []*os.File{f}},
		"-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-select_streams", "v:0", "/dev/fd/3")
	if err != nil {
		return Info{}, err
	}
	info, err := ParseProbe(out)
	if err != nil {
		return Info{}, err
	}
	if px := int64(info.Width) * int64(info.Height); maxPixels > 0 && px > maxPixels {
		return info, fmt.Errorf("the video's picture is %dx%d; the limit is %d pixels", info.Width, info.Height, maxPixels)
	}
	return info, nil
}

// probeJSON is the part of ffprobe's JSON report that is read.
type probeJSON struct {
	Streams []struct {
		CodecType    string            `json:"codec_type"`
		CodecName    string            `json:"codec_name"`
		Width        int               `json:"width"`
		Height       int               `json:"height"`
		Duration     string            `json:"duration"`
		Tags         map[string]string `json:"tags"`
		SideDataList []struct {
			Rotation *float64 `json:"rotation"`
		} `json:"side_data_list"`
	} `json:"streams"`
	Format struct {
		FormatName string            `json:"format_name"`
		Duration   string            `json:"duration"`
		Tags       map[string]string `json:"tags"`
	} `json:"format"`
}

// ParseProbe reads ffprobe's JSON report (-show_format -show_streams) of a
// file whose first video stream was selected. Sizes, duration and text
// are checked: at most maxProbeBytes of JSON, 1..16384 pixels a side, a
// duration up to MaxDuration.
func ParseProbe(data []byte) (Info, error) {
	if len(data) > maxProbeBytes {
		return Info{}, errors.New("ffprobe's report is too long")
	}
	var p probeJSON
	if err := json.Unmarshal(data, &p); err != nil {
		return Info{}, fmt.Errorf("ffprobe's report is not valid JSON: %v", err)
	}
	if len(p.Streams) == 0 || p.Streams[0].CodecType != "video" {
		return Info{}, errors.New("the file has no video stream")
	}
	s := p.Streams[0]
	info := Info{Format: clean(p.Format.FormatName), Codec: clean(s.CodecName), Width: s.Width, Height: s.Height}
	if info.Width < 1 || info.Height < 1 || info.Width > 16384 || info.Height > 16384 {
		return Info{}, fmt.Errorf("the video stream has an invalid size %dx%d", s.Width, s.Height)
	}
	rot := 0.0
	if r, err := strconv.ParseFloat(s.Tags["rotate"], 64); err == nil {
		rot = r // older ffprobe
	}
	for _, sd := range s.SideDataList {
		if sd.Rotation != nil {
			rot = *sd.Rotation
		}
	}
	if math.IsNaN(rot) || math.IsInf(rot, 0) {
		rot = 0
	}
	// Only whether the picture turns sideways matters here: ffmpeg applies
	// the turn itself when it decodes a frame.
	info.Rotation = ((int(math.Round(math.Mod(rot, 360)/90))%4 + 4) % 4) * 90
	if info.Rotation == 90 || info.Rotation == 270 {
		info.Width, info.Height = info.Height, info.Width
	}
	d, ok := parseSeconds(p.Format.Duration)
	if !ok {
		d, ok = parseSeconds(s.Duration)
	}
	if !ok || d <= 0 {
		return Info{}, errors.New("the video's duration is unknown")
	}
	if d > MaxDuration {
		return Info{}, fmt.Errorf("the video is %s long; the limit is %s", d.Round(time.Second), MaxDuration)
	}
	info.Duration = d
	created := p.Format.Tags["creation_time"]
	if created == "" {
		created = s.Tags["creation_time"]
	}
	if t, err := time.Parse(time.RFC3339Nano, created); err == nil && t.Year() >= 1990 && t.Year() < 2200 {
		info.CreatedAt = t.UTC()
	}
	return info, nil
}

// parseSeconds reads ffprobe's "12.345000".
func parseSeconds(s string) (time.Duration, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > MaxDuration.Seconds()*2 {
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

// clean keeps a short printable ASCII name.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7E {
			return -1
		}
		return r
	}, s)
	if len(s) > 64 {
		s = s[:64]
	}
	return s
}

// Frame returns the upright frame of the video in f at time at, decoded by
// ffmpeg (which applies the rotation). The picture is checked against
// info's size.
func Frame(ctx context.Context, f *os.File, info Info, at time.Duration) (image.Image, error) {
	if at < 0 || at > info.Duration {
		return nil, fmt.Errorf("%s is outside the video (0 to %s)", Clock(at), Clock(info.Duration))
	}
	// PNG of 8-bit RGB(A) at most, plus its chunks' overhead.
	limit := int64(info.Width)*int64(info.Height)*4 + int64(info.Height) + 1<<20
	out, err := ffmpeg.Run(ctx, extool.Limits{Timeout: frameTimeout, MaxStdout: limit, Files: []*os.File{f}},
		"-v", "error", "-nostdin", "-ss", strconv.FormatFloat(at.Seconds(), 'f', 3, 64), "-i", "/dev/fd/3",
		"-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn", "-c:v", "png", "-f", "image2pipe", "-")
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("ffmpeg found no frame at %s", Clock(at))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("ffmpeg's frame at %s is not a PNG: %v", Clock(at), err)
	}
	if cfg.Width != info.Width || cfg.Height != info.Height {
		return nil, fmt.Errorf("ffmpeg's frame at %s is %dx%d, the video %dx%d", Clock(at), cfg.Width, cfg.Height, info.Width, info.Height)
	}
	return png.Decode(bytes.NewReader(out))
}

// DefaultTimes are the times of n frames over a video of duration d: the
// first, the last (a little before the end, where a frame still is) and
// evenly between.
func DefaultTimes(d time.Duration, n int) []time.Duration {
	last := max(0, d-200*time.Millisecond)
	if n <= 1 || last == 0 {
		return []time.Duration{0}
	}
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = (last * time.Duration(i) / time.Duration(n-1)).Truncate(time.Millisecond)
	}
	return out
}

// ParseTime reads a time in a video as a seller writes it: "00:41",
// "1:02:03", "41", "41.5" or "00:41.5".
func ParseTime(s string) (time.Duration, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) > 3 || parts[0] == "" {
		return 0, fmt.Errorf("%q is not a time in the video; write mm:ss, e.g. 00:41", s)
	}
	var total float64
	for i, part := range parts {
		v, err := strconv.ParseFloat(part, 64)
		last := i == len(parts)-1
		if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) || (!last && v != math.Trunc(v)) || (i > 0 && v >= 60) || strings.ContainsAny(part, "eE+-") {
			return 0, fmt.Errorf("%q is not a time in the video; write mm:ss, e.g. 00:41", s)
		}
		total = total*60 + v
	}
	if total > MaxDuration.Seconds() {
		return 0, fmt.Errorf("%q is longer than %s", s, MaxDuration)
	}
	return time.Duration(math.Round(total*1000)) * time.Millisecond, nil
}

// Clock writes a time in a video as mm:ss (h:mm:ss past an hour), with
// tenths when it is not a whole second.
func Clock(d time.Duration) string {
	d = d.Truncate(100 * time.Millisecond)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	out := fmt.Sprintf("%02d:%02d", m, s)
	if h > 0 {
		out = fmt.Sprintf("%d:%s", h, out)
	}
	if t := int(d/(100*time.Millisecond)) % 10; t != 0 {
		out += fmt.Sprintf(".%d", t)
	}
	return out
}

// fitTimeout bounds one re-encode.
const fitTimeout = 15 * time.Minute

// Fit re-encodes the video in f into the MP4 file out (H.264 and AAC, at
// most 720 pixels high) at the bit rate that keeps it within maxBytes;
// ffmpeg is also told to stop writing at maxBytes. It fails when even a
// low bit rate cannot fit the video's duration.
func Fit(ctx context.Context, f *os.File, info Info, maxBytes int64, out string) error {
	const audio = 64_000 // bits per second
	total := float64(maxBytes) * 8 * 0.9 / info.Duration.Seconds()
	vbits := int64(total) - audio
	if vbits < 100_000 {
		return fmt.Errorf("a %s video cannot fit in %d bytes at a watchable quality; cut it shorter", Clock(info.Duration), maxBytes)
	}
	height := 720
	if vbits < 600_000 {
		height = 480
	}
	_, err := ffmpeg.Run(ctx, extool.Limits{Timeout: fitTimeout, MaxStdout: 64 << 10, Files: []*os.File{f}},
		"-v", "error", "-nostdin", "-y", "-i", "/dev/fd/3", "-map", "0:v:0", "-map", "0:a:0?",
		"-vf", fmt.Sprintf("scale=-2:'min(%d,ih)'", height), "-c:v", "libx264", "-preset", "veryfast",
		"-b:v", strconv.FormatInt(vbits, 10), "-maxrate", strconv.FormatInt(vbits, 10), "-bufsize", strconv.FormatInt(2*vbits, 10),
		"-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", strconv.Itoa(audio), "-movflags", "+faststart",
		"-map_metadata", "0", "-fs", strconv.FormatInt(maxBytes, 10), "-f", "mp4", out)
	if err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	if st.Size() > maxBytes {
		return fmt.Errorf("the re-encoded video is %d bytes, over the %d-byte limit", st.Size(), maxBytes)
	}
	return nil
}
