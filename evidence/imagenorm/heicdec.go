package imagenorm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/extool"
)

// HEIC photos are decoded by libheif's heif-convert, run as a separate
// process: the Go decoders that need no cgo either misplace the chroma
// planes of photos whose width is not a multiple of 128 (an iPhone's 4032,
// in github.com/gen2brain/heic v0.4) or embed an AGPL decoder (v0.5 and
// later). heif-convert applies the header's rotation and mirroring.
var heifConvert = extool.New("heif-convert",
	"install libheif's tools (Debian/Ubuntu: apt-get install libheif-examples; macOS: brew install libheif), or export the photo as JPEG (on iPhone: Settings > Camera > Formats > Most Compatible)")

// heicTimeout bounds one heif-convert run.
const heicTimeout = 120 * time.Second

// heicAvailable reports, as an ErrUnsupported error, that HEIC photos cannot
// be decoded here.
func heicAvailable() error {
	if _, err := heifConvert.Path(); err != nil {
		return newErr(ErrUnsupported, err, "HEIC photos need heif-convert, which is not installed or not on PATH: %s", heifConvert.Install)
	}
	return nil
}

// decodeHEIC decodes a HEIC file whose upright size (from its header) is
// w x h. heif-convert writes the YCbCr planes as a Y4M file when the photo
// is coded the way image.YCbCr reads it (an iPhone's are): four times
// faster than its PNG, and no conversion to RGB. Other photos go through
// PNG, where libheif converts their colours.
func decodeHEIC(ctx context.Context, data []byte, w, h int) (image.Image, error) {
	if err := heicAvailable(); err != nil {
		return nil, err
	}
	hdr, _ := parseHEIFHeader(data)
	ext := ".png"
	if hdr.jfifColour {
		ext = ".y4m"
	}
	dir, err := os.MkdirTemp("", "proofpack-heic-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in.heic"), filepath.Join(dir, "out"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	if _, err := heifConvert.Run(ctx, extool.Limits{Timeout: heicTimeout, MaxStdout: 64 << 10}, "--quiet", in, out); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, newErr(ErrCorrupt, err, "the HEIC image could not be decoded (%v)", err)
	}
	// At most 16-bit RGBA, plus the container's overhead.
	st, err := os.Stat(out)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, newErr(ErrUnsupported, nil, "the HEIC file holds several images; export the photo on its own as JPEG")
		}
		return nil, err
	}
	if st.Size() > int64(w)*int64(h)*8+int64(h)*8+1<<20 {
		return nil, newErr(ErrCorrupt, nil, "the HEIC image decoded to more data than its %dx%d size allows", w, h)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	var img image.Image
	if ext == ".y4m" {
		img, err = parseY4M(b)
	} else {
		img, err = png.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return nil, newErr(ErrCorrupt, err, "the HEIC image could not be decoded (heif-convert's output: %v)", err)
	}
	return img, nil
}

// parseY4M reads the first frame of a 4:2:0 8-bit YUV4MPEG2 file.
func parseY4M(b []byte) (*image.YCbCr, error) {
	line, rest, ok := bytes.Cut(b, []byte("\n"))
	if !ok || len(line) > 1024 || !bytes.HasPrefix(line, []byte("YUV4MPEG2 ")) {
		return nil, errors.New("not a YUV4MPEG2 file")
	}
	w, h := 0, 0
	for _, f := range strings.Fields(string(line))[1:] {
		v := f[1:]
		switch f[0] {
		case 'W':
			w, _ = strconv.Atoi(v)
		case 'H':
			h, _ = strconv.Atoi(v)
		case 'C':
			if !strings.HasPrefix(v, "420") {
				return nil, fmt.Errorf("chroma %s, expected 4:2:0", v)
			}
		}
	}
	if w <= 0 || h <= 0 || w > 1<<16 || h > 1<<16 {
		return nil, fmt.Errorf("size %dx%d", w, h)
	}
	frame, planes, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || !bytes.HasPrefix(frame, []byte("FRAME")) {
		return nil, errors.New("no frame")
	}
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	if len(planes) < len(img.Y)+len(img.Cb)+len(img.Cr) {
		return nil, errors.New("frame is truncated")
	}
	n := copy(img.Y, planes)
	n += copy(img.Cb, planes[n:])
	copy(img.Cr, planes[n:])
	return img, nil
}
