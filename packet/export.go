package packet

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"path/filepath"

	"golang.org/x/image/draw"

	"github.com/proofpack/proofpack/pdf"
)

// exportImage is one exhibit image as its own file: the normalised image
// embedded in the packet, named by its exhibit label, with the highlights
// the packet draws over it.
type exportImage struct {
	name  string // "A1.jpg", "B1-2.png" for a scroll capture's slices
	image pdf.Image
	marks []pdf.Mark
	// preview is the image fitted to Options.PreviewBox, or nil.
	preview image.Image
}

// capImage returns the image re-encoded as a JPEG of at most limit bytes,
// lowering quality and then size, or an error when it cannot get there
// while staying legible.
func capImage(name string, data []byte, limit int64) ([]byte, error) {
	if limit <= 0 || int64(len(data)) <= limit {
		return data, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	const minWidth = 480 // below this a label or a chat is no longer readable
	for {
		for _, q := range []int{85, 75, 65, 55, 45} {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
				return nil, err
			}
			if int64(buf.Len()) <= limit {
				return buf.Bytes(), nil
			}
		}
		b := img.Bounds()
		w, h := b.Dx()*4/5, b.Dy()*4/5
		if w < minWidth {
			return nil, fmt.Errorf("%s cannot be brought under %d KB and stay legible (at least %d pixels wide)", name, limit/1000, minWidth)
		}
		small := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(small, small.Bounds(), img, b, draw.Src, nil)
		img = small
	}
}

// exportImages returns each exhibit image as a file, with the highlights
// drawn, within limit bytes each. Names are the exhibit labels, plain
// ASCII.
func exportImages(images []exportImage, limit int64) ([]File, error) {
	var files []File
	for _, im := range images {
		data := im.image.Data
		if len(im.marks) > 0 {
			var err error
			if data, err = burnMarks(im.image, im.marks); err != nil {
				return nil, fmt.Errorf("%s: %w", im.name, err)
			}
		}
		capped, err := capImage(im.name, data, limit)
		if err != nil {
			return nil, err
		}
		name := im.name
		if !bytes.Equal(capped, data) { // re-encoded as a JPEG
			name = name[:len(name)-len(filepath.Ext(name))] + ".jpg"
		}
		files = append(files, File{Name: name, Data: capped})
	}
	return files, nil
}
