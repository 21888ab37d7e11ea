// Package pdf holds the packet's document model (plain structs that dump to
// JSON for golden tests) and the one renderer that turns a Document into PDF
// bytes with fpdf, using the embedded CJK font. Every string is sanitised
// and every image size checked before it reaches fpdf.
package pdf

import (
	"image/color"
	"time"
)

// Document is a whole packet, independent of how it is drawn.
type Document struct {
	Meta     Meta      `json:"meta"`
	Paper    string    `json:"paper"`  // "a4" or "letter"
	Header   string    `json:"header"` // top of every page but the cover
	Footer   string    `json:"footer"` // page number format with {page} and {pages}
	Sections []Section `json:"sections"`
}

// Meta is the PDF's document information.
type Meta struct {
	Title    string    `json:"title"`
	Subject  string    `json:"subject"`
	Author   string    `json:"author"`
	Keywords string    `json:"keywords,omitempty"`
	Language string    `json:"language"` // BCP 47, e.g. zh-CN
	Created  time.Time `json:"created"`
}

// Section has a bookmark and starts on a new page unless Continue is set.
type Section struct {
	ID     string  `json:"id"` // stable name: cover, statement, exhibit-A1...
	Title  string  `json:"title"`
	Level  int     `json:"level"` // bookmark level: 0 top, 1 under the previous level 0
	Blocks []Block `json:"blocks"`
	// Cover sections are drawn large, without the running header.
	Cover bool `json:"cover,omitempty"`
	// Untitled sections show their title only as a bookmark.
	Untitled bool `json:"untitled,omitempty"`
	// Continue sections follow the previous one on the same page when
	// there is room for their title and a few lines.
	Continue bool `json:"continue,omitempty"`
}

// Block is one element of a section; exactly one field is set.
type Block struct {
	Heading   *Heading   `json:"heading,omitempty"`
	Paragraph *Paragraph `json:"paragraph,omitempty"`
	KeyValues *KeyValues `json:"key_values,omitempty"`
	Table     *Table     `json:"table,omitempty"`
	Notice    *Notice    `json:"notice,omitempty"`
	Figures   *Figures   `json:"figures,omitempty"`
}

// Heading is a sub-heading inside a section.
type Heading struct {
	Text string `json:"text"`
}

// Paragraph is wrapped body text.
type Paragraph struct {
	Text  string `json:"text"`
	Large bool   `json:"large,omitempty"`
	Small bool   `json:"small,omitempty"`
}

// KeyValues is a two-column list of labelled facts.
type KeyValues struct {
	Rows [][2]string `json:"rows"`
}

// Table is a grid with a header row. Widths are relative column widths.
type Table struct {
	Columns []string   `json:"columns"`
	Widths  []float64  `json:"widths"`
	Rows    [][]string `json:"rows"`
	// Marks highlights rows: "ok", "warn" or "" per row (may be shorter).
	Marks []string `json:"marks,omitempty"`
	Small bool     `json:"small,omitempty"`
}

// Notice is a boxed conclusion; Tone is "ok", "warn" or "info".
type Notice struct {
	Tone string `json:"tone"`
	Text string `json:"text"`
}

// Figures is one or more images shown side by side, each with its caption.
type Figures struct {
	Items []Figure `json:"items"`
}

// Figure is one exhibit image.
type Figure struct {
	Label   string   `json:"label"`   // "证据 A1" / "Exhibit A1"
	Caption string   `json:"caption"` // what it shows
	Lines   []string `json:"lines"`   // source file, hash, capture time
	// Note, optional, is printed under the image: the seller's
	// translation of the text in it.
	Note  string `json:"note,omitempty"`
	Image Image  `json:"image"`
	Marks []Mark `json:"marks,omitempty"`
}

// Mark is a highlighted rectangle drawn over a figure's image, with a
// numbered callout; coordinates are fractions of the image's size.
type Mark struct {
	N   int        `json:"n"`
	Box [4]float64 `json:"box"` // x, y, width, height
}

// How a mark looks, wherever it is drawn (the packet, exported images): a
// red outline MarkLineMM wide and a disc of radius MarkRadiusMM holding
// the number in white.
const (
	MarkLineMM   = 0.6
	MarkRadiusMM = 2.6
)

// MarkRed is the colour of a mark's outline and disc.
var MarkRed = color.RGBA{210, 30, 30, 255}

// Image is an encoded, normalised image ready to embed.
type Image struct {
	Format string `json:"format"` // "jpeg" or "png"
	Width  int    `json:"width"`
	Height int    `json:"height"`
	// DPI the image is drawn at, at most; it is scaled down to fit.
	DPI  float64 `json:"dpi"`
	Data []byte  `json:"-"`
	// SHA256 of Data, so golden files notice a changed image.
	SHA256 string `json:"sha256"`
}
