package packet

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/internal/video"
	"github.com/proofpack/proofpack/pdf"
)

// A video exhibit is shown as stills: the frames at the times the manifest
// lists (or the first, the last and two between), each with the time in
// the video and the recording time burned into its corner and written in
// its caption, two to a page. The first still carries the video's
// provenance: file, SHA-256, duration, size, codec and creation time.

// still is one frame of a video exhibit, as a PNG with its times burned in.
type still struct {
	at       time.Duration
	recorded string // the wall-clock time of the frame, or ""
	png      []byte
}

// recordedAt is the wall-clock time of the frame at "at" in video v,
// written in the zone of the order's own dates; "" when the file has no
// creation time.
func recordedAt(m *evidence.Manifest, v *evidence.VideoInfo, at time.Duration) string {
	if v.CreatedAt.IsZero() {
		return ""
	}
	loc := time.UTC
	for _, t := range []*time.Time{m.PlacedAt, m.Shipment.ShippedAt} {
		if t != nil {
			loc = t.Location()
			break
		}
	}
	return v.CreatedAt.Add(at).In(loc).Format("2006-01-02 15:04:05 -07:00")
}

// stills extracts the frames of video exhibit e, once per build.
func (ic *imageCache) stills(ctx context.Context, c *evidence.Case, e *evidence.Exhibit) ([]still, error) {
	ic.mu.Lock()
	done, ok := ic.videos[e.File]
	ic.mu.Unlock()
	if ok {
		return done, nil
	}
	f, err := c.OpenVideo(e)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Dir, err)
	}
	defer f.Close()
	var out []still
	for _, at := range e.Video.Frames {
		img, err := video.Frame(ctx, f, e.Video.Info, at)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", c.Dir, e.File, err)
		}
		s := still{at: at, recorded: recordedAt(c.Manifest, e.Video, at)}
		stamp := video.Clock(at)
		if s.recorded != "" {
			stamp += "  " + s.recorded
		}
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, burnIn(img, stamp)); err != nil {
			return nil, err
		}
		s.png = buf.Bytes()
		out = append(out, s)
	}
	ic.mu.Lock()
	ic.videos[e.File] = out
	ic.mu.Unlock()
	return out, nil
}

// burnIn writes text in white on a black band at the bottom left of img,
// in a bitmap font scaled to the picture (deterministic: no anti-aliasing).
func burnIn(img image.Image, text string) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	face := basicfont.Face7x13
	w := font.MeasureString(face, text).Ceil()
	small := image.NewRGBA(image.Rect(0, 0, w+6, 17))
	draw.Draw(small, small.Rect, image.NewUniform(color.Black), image.Point{}, draw.Src)
	d := font.Drawer{Dst: small, Src: image.NewUniform(color.White), Face: face, Dot: fixed.P(3, 13)}
	d.DrawString(text)
	// Scale so the band is about a third of the picture's width, at
	// least 2x, never wider than the picture.
	k := max(2, int(math.Round(float64(b.Dx())/3/float64(small.Rect.Dx()))))
	for k > 1 && small.Rect.Dx()*k > b.Dx() {
		k--
	}
	y0 := out.Rect.Dy() - small.Rect.Dy()*k
	for y := 0; y < small.Rect.Dy()*k && y0+y >= 0; y++ {
		for x := 0; x < small.Rect.Dx()*k && x < b.Dx(); x++ {
			out.SetRGBA(x, y0+y, small.RGBAAt(x/k, y/k))
		}
	}
	return out
}

// videoLines are a video exhibit's provenance lines.
func videoLines(p *phrases, e *evidence.Exhibit) []string {
	v := e.Video
	lines := []string{
		p.T("exhibit_source", e.File),
		p.T("exhibit_sha", e.SHA256),
		p.T("exhibit_video", map[string]any{
			"Duration": video.Clock(v.Duration), "Width": v.Width, "Height": v.Height,
			"Codec": v.Codec, "Bytes": e.Size,
		}),
	}
	if v.CreatedAt.IsZero() {
		lines = append(lines, p.S("exhibit_video_no_created"))
	} else {
		lines = append(lines, p.T("exhibit_video_created", v.CreatedAt.Format("2006-01-02 15:04:05 UTC")))
	}
	return lines
}

// videoGroups lays out the stills of video exhibit e two to a page, each
// fitted to a half-width box with a pixel width no other image has.
func videoGroups(ctx context.Context, c *evidence.Case, p *phrases, opt Options, q step, cache *imageCache, e *evidence.Exhibit, used widths) ([]*figureGroup, error) {
	stills, err := cache.stills(ctx, c, e)
	if err != nil {
		return nil, err
	}
	dpi, quality := q.decorDPI, q.decorQ
	px := func(mm float64) int { return int(math.Floor(mm / 25.4 * float64(dpi))) }
	wmm, hmm := pdf.FigureBox(opt.Paper, 2)
	var figs []pdf.Figure
	var sources []imageSource
	for i, s := range stills {
		maxW, maxH := px(wmm), px(hmm)
		no := imagenorm.Options{MaxWidth: maxW, MaxHeight: maxH, JPEGQuality: quality, Limits: opt.Limits, Gray: q.gray}
		w, _ := imagenorm.Fit(e.Video.Width, e.Video.Height, maxW, maxH)
		if free := used.claim(w, 1); free != w {
			no.PadWidth = free
		}
		key := fmt.Sprintf("%s#%d", e.File, i)
		read := func() ([]byte, error) { return s.png, nil }
		res, err := cache.normaliseData(ctx, key, read, no)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: frame at %s: %w", c.Dir, e.File, video.Clock(s.at), err)
		}
		caption := p.T("frame_caption", map[string]string{"At": video.Clock(s.at), "Recorded": s.recorded})
		if i == 0 && e.Caption != "" {
			caption = e.Caption + "\n" + caption
		}
		fig := pdf.Figure{
			Label:   fmt.Sprintf("%s (%d/%d)", p.T("exhibit", e.Label), i+1, len(stills)),
			Caption: caption,
			Image:   pdfImage(res.Format, res.Width, res.Height, float64(dpi), res.Data),
		}
		if i == 0 {
			fig.Lines = exhibitLines(p, e)
		} else {
			fig.Lines = []string{p.T("exhibit_continued_video", e.Label)}
		}
		figs = append(figs, fig)
		sources = append(sources, imageSource{read: read, opt: no, dpi: float64(dpi)})
	}
	var groups []*figureGroup
	for k := 0; k < len(figs); k += 2 {
		end := min(k+2, len(figs))
		groups = append(groups, &figureGroup{exhibits: []*evidence.Exhibit{e}, figures: figs[k:end], sources: sources[k:end]})
	}
	return groups, nil
}
