package packet

import (
	"context"
	"fmt"
	"image"
	"math"

	"github.com/proofpack/proofpack/evidence/imagenorm"
	"github.com/proofpack/proofpack/pdf"
)

// exportImage is one exhibit image as its own file: the image embedded in
// the packet, named by its exhibit label, with the highlights the packet
// draws over it.
type exportImage struct {
	name  string // "A1", "B1-2of4" for a scroll capture's slices
	image pdf.Image
	src   imageSource
	// preview is the image fitted to Options.PreviewBox, or nil.
	preview image.Image
}

// fileName is the image's file name for a format: its name and the
// format's extension.
func (im exportImage) fileName(format string) string {
	return im.name + map[string]string{"jpeg": ".jpg", "png": ".png"}[format]
}

// minExportWidth is the narrowest an exported image may become to fit a
// byte limit: below this a label or a chat is no longer readable.
const minExportWidth = 480

// file returns the image's bytes as a file and its format: the packet's
// image itself when it carries no highlights and fits limit (0: no
// limit); else the image made again from the original (one generation)
// with its highlights burned in, as a JPEG of falling quality and then
// size when it must come under limit, or an error when it cannot get there
// while staying legible.
func (im exportImage) file(ctx context.Context, limit int64) ([]byte, string, error) {
	fits := func(b []byte) bool { return limit <= 0 || int64(len(b)) <= limit }
	if len(im.src.marks) == 0 && fits(im.image.Data) {
		return im.image.Data, im.image.Format, nil
	}
	data, err := im.src.read()
	if err != nil {
		return nil, "", err
	}
	no := im.src.opt
	no.PadWidth = 0 // only the PDF needs widths of their own
	no.Preview = image.Point{}
	fullW, _ := imagenorm.Plan(imageInfo(data, no), no)
	render := func(no imagenorm.Options) ([]byte, string, error) {
		// The highlights as the packet draws them at the image's own DPI.
		w, _ := imagenorm.Plan(imageInfo(data, no), no)
		dpi := im.src.dpi * float64(w) / float64(fullW)
		px := func(mm float64) int { return max(1, int(math.Round(mm/25.4*dpi))) }
		no.Marks = nil
		for _, m := range im.src.marks {
			no.Marks = append(no.Marks, imagenorm.Mark{Box: m.Box, N: m.N, Line: px(pdf.MarkLineMM), Radius: px(pdf.MarkRadiusMM), Color: pdf.MarkRed})
		}
		res, err := imagenorm.Normalise(ctx, data, no)
		if err != nil {
			return nil, "", err
		}
		if no.Slices > 1 {
			return res.Slices[im.src.slice].Data, res.Format, nil
		}
		return res.Data, res.Format, nil
	}
	out, format, err := render(no)
	if err != nil || fits(out) {
		return out, format, err
	}
	no.Lossless = false
	for w := fullW; w >= minExportWidth; w = w * 4 / 5 {
		if w < fullW {
			no.MaxWidth, no.MaxHeight, no.BandMin, no.BandMax = w, 0, 0, 0
		}
		for _, q := range []int{85, 75, 65, 55, 45} {
			no.JPEGQuality = q
			if out, format, err = render(no); err != nil || fits(out) {
				return out, format, err
			}
		}
	}
	return nil, "", fmt.Errorf("it cannot be brought under %d KB and stay legible (at least %d pixels wide)", limit/1000, minExportWidth)
}

// imageInfo is what imagenorm.Plan needs to know of data; an error shows
// when Normalise is called.
func imageInfo(data []byte, no imagenorm.Options) imagenorm.Info {
	info, _ := imagenorm.Inspect(data, no.Limits)
	return info
}

// exportImages returns each exhibit image as a file, with the highlights
// drawn, within limit bytes each. Names are the exhibit labels, plain
// ASCII, with the extension of the format.
func exportImages(ctx context.Context, images []exportImage, limit int64) ([]File, error) {
	var files []File
	for _, im := range images {
		data, format, err := im.file(ctx, limit)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", im.name, err)
		}
		files = append(files, File{Name: im.fileName(format), Data: data})
	}
	return files, nil
}
