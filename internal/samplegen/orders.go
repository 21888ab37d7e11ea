package samplegen

import (
	"context"
	"embed"
	"fmt"
	"image"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/internal/atomicfile"
	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// The sample orders are data: orders/NAME/order.yaml is written as the
// sample's manifest, byte for byte, and orders/NAME/draw.yaml says how each
// of its evidence files is drawn (orders/README.md describes the format).
// Adding a sample is adding a folder.
//
//go:embed orders
var ordersFS embed.FS

// Sample is one sample order folder: its manifest and the evidence files
// drawn for it.
type Sample struct {
	Name     string // folder name, e.g. missing-item-zh
	Manifest string // order.yaml
	Files    []File

	facts orderFacts
	specs []drawSpec // one per file, in the order of Files
}

// File is one evidence file of a sample, drawn on demand.
type File struct {
	Path string // slash path inside the order folder
	Make func() ([]byte, error)
}

// drawSpec is one entry of draw.yaml: an evidence file and exactly one
// drawing of it. Fields the order already states (the carrier, tracking
// number, ship date and order number of a label or trace, a claimed
// product) are filled in from order.yaml when left out.
type drawSpec struct {
	File     string         `yaml:"file"`
	Phone    *phoneTags     `yaml:"phone"` // a JPEG stored as a phone does
	Label    *Label         `yaml:"label"`
	Trace    *Trace         `yaml:"trace"`
	Photo    *Photo         `yaml:"photo"`
	Chat     *Chat          `yaml:"chat"`
	Document *Document      `yaml:"document"`
	Scale    *Scale         `yaml:"scale"`
	Courier  *CourierRecord `yaml:"courier"`
}

// phoneTags are the EXIF tags of a phone photo: orientation 6 (stored
// rotated), capture time and GPS position, which normalisation must honour
// and strip.
type phoneTags struct {
	Taken string  `yaml:"taken"` // "2026:10:03 11:20:05"
	Lat   float64 `yaml:"lat"`
	Lon   float64 `yaml:"lon"`
}

// orderFacts are the fields of order.yaml the drawings follow.
type orderFacts struct {
	OrderID  string `yaml:"order_id"`
	Platform string `yaml:"platform"`
	Language string `yaml:"language"`
	Shipment struct {
		Carrier        string `yaml:"carrier"`
		TrackingNumber string `yaml:"tracking_number"`
		ShippedAt      string `yaml:"shipped_at"`
	} `yaml:"shipment"`
	AfterSale struct {
		ClaimedItem string `yaml:"claimed_item"`
		Remedy      *struct {
			ReplacementTracking string `yaml:"replacement_tracking"`
			ReturnTracking      string `yaml:"return_tracking"`
		} `yaml:"remedy"`
	} `yaml:"after_sale"`
	Evidence []struct {
		File string `yaml:"file"`
		Kind string `yaml:"kind"`
	} `yaml:"evidence"`
}

// chineseMarketplaces are the platforms whose orders' own screens, labels
// and documents are in Chinese, whatever the packet's language.
var chineseMarketplaces = []string{"pinduoduo", "taobao", "douyin", "jd", "wechat"}

// imageLang is the language of the strings drawn into an order's evidence
// that the order does not spell out itself (a document's footer, the marks
// on a box): Chinese for a Chinese marketplace's order, else English.
func (f orderFacts) imageLang() string {
	if slices.Contains(chineseMarketplaces, f.Platform) {
		return "zh"
	}
	return "en"
}

// Samples returns every sample order, sorted by name.
func Samples() []Sample {
	dirs, err := fs.ReadDir(ordersFS, "orders")
	if err != nil {
		panic("samplegen: " + err.Error())
	}
	var out []Sample
	for _, d := range dirs {
		if !d.IsDir() {
			continue // README.md
		}
		s, err := loadSample(d.Name())
		if err != nil {
			// The orders are embedded in the binary: a bad one is a build
			// defect, which the package's tests report.
			panic("samplegen: " + err.Error())
		}
		out = append(out, s)
	}
	return out
}

// readOrder reads the file name of sample folder dir.
func readOrder(dir, name string) ([]byte, error) {
	return ordersFS.ReadFile(path.Join("orders", dir, name))
}

// loadSample reads the sample in orders/name.
func loadSample(name string) (Sample, error) {
	manifest, err := readOrder(name, "order.yaml")
	if err != nil {
		return Sample{}, err
	}
	s := Sample{Name: name, Manifest: string(manifest)}
	if err := yamlsafe.Unmarshal(manifest, &s.facts); err != nil {
		return Sample{}, fmt.Errorf("orders/%s/order.yaml: %w", name, err)
	}
	data, err := readOrder(name, "draw.yaml")
	if err != nil {
		return Sample{}, err
	}
	if err := yamlsafe.Unmarshal(data, &s.specs, yaml.DisallowUnknownField()); err != nil {
		return Sample{}, fmt.Errorf("orders/%s/draw.yaml: %w", name, err)
	}
	for i := range s.specs {
		sp := &s.specs[i]
		if err := sp.complete(s.facts); err != nil {
			return Sample{}, fmt.Errorf("orders/%s/draw.yaml: %s: %w", name, sp.File, err)
		}
		s.Files = append(s.Files, File{Path: sp.File, Make: sp.encode})
	}
	return s, nil
}

// complete checks that sp has exactly one drawing and fills in what the
// order states.
func (sp *drawSpec) complete(f orderFacts) error {
	n := 0
	for _, set := range []bool{sp.Label != nil, sp.Trace != nil, sp.Photo != nil, sp.Chat != nil, sp.Document != nil, sp.Scale != nil, sp.Courier != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("%d drawings, want exactly one of label, trace, photo, chat, document, scale, courier", n)
	}
	ext := path.Ext(sp.File)
	if ext != ".jpg" && ext != ".png" || sp.Phone != nil && ext != ".jpg" {
		return fmt.Errorf("file must end in .jpg or .png (a phone photo in .jpg)")
	}
	or := func(v *string, def string) {
		if *v == "" {
			*v = def
		}
	}
	switch {
	case sp.Label != nil:
		or(&sp.Label.Carrier, f.Shipment.Carrier)
		or(&sp.Label.Tracking, f.Shipment.TrackingNumber)
		or(&sp.Label.Date, strings.SplitN(f.Shipment.ShippedAt, "T", 2)[0])
		or(&sp.Label.Reference, f.OrderID)
	case sp.Trace != nil:
		or(&sp.Trace.Carrier, f.Shipment.Carrier)
		or(&sp.Trace.Tracking, f.Shipment.TrackingNumber)
	case sp.Photo != nil:
		sp.Photo.Lang = f.imageLang()
		if sp.Photo.Product == "claimed" {
			if f.AfterSale.ClaimedItem == "" {
				return fmt.Errorf("product: claimed, but the order has no after_sale.claimed_item")
			}
			sp.Photo.Product = productFor(f.AfterSale.ClaimedItem)
		}
	case sp.Document != nil:
		sp.Document.Lang = f.imageLang()
	}
	return nil
}

// draw draws sp's picture.
func (sp *drawSpec) draw() image.Image {
	switch {
	case sp.Label != nil:
		return DrawLabel(*sp.Label)
	case sp.Trace != nil:
		return DrawTrace(*sp.Trace)
	case sp.Photo != nil:
		return DrawPhoto(*sp.Photo)
	case sp.Chat != nil:
		return DrawChat(*sp.Chat)
	case sp.Document != nil:
		return DrawDocument(*sp.Document)
	case sp.Scale != nil:
		return DrawScale(*sp.Scale)
	default:
		return DrawCourierRecord(*sp.Courier)
	}
}

// sampleJPEGQuality keeps the committed sample photos small.
const sampleJPEGQuality = 85

// encode draws sp and encodes it as its file name says.
func (sp *drawSpec) encode() ([]byte, error) {
	img := sp.draw()
	switch {
	case path.Ext(sp.File) == ".png":
		return EncodePNG(img)
	case sp.Phone != nil:
		return EncodeJPEGWithEXIF(img, sampleJPEGQuality, EXIF{Orientation: 6, DateTimeOriginal: sp.Phone.Taken,
			Make: "Synthetic", Model: "proofpack samplegen", Lat: sp.Phone.Lat, Lon: sp.Phone.Lon})
	default:
		return EncodeJPEG(img, sampleJPEGQuality)
	}
}

// Write writes sample s as the folder dir/s.Name. Every file is written
// atomically; files already there with other names are left alone.
func Write(ctx context.Context, dir string, s Sample) error {
	root := filepath.Join(dir, s.Name)
	write := func(rel string, data []byte) error {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return atomicfile.Write(p, func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	if err := write("order.yaml", []byte(s.Manifest)); err != nil {
		return err
	}
	for _, f := range s.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := f.Make()
		if err != nil {
			return fmt.Errorf("sample %s: %s: %w", s.Name, f.Path, err)
		}
		if err := write(f.Path, data); err != nil {
			return err
		}
	}
	return nil
}
