package pdf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/proofpack/proofpack/internal/cjkfont"
)

// Page geometry in millimetres.
const (
	marginX      = 18.0
	marginTop    = 20.0
	marginBottom = 18.0
	bodySize     = 10.5
	lineRatio    = 1.55 // line height over font size
	ptToMM       = 25.4 / 72
)

// maxImagePixels bounds one embedded image: images come normalised, this is
// the last guard before fpdf, which panics on absurd dimensions.
const maxImagePixels = 40_000_000

// FigureBox returns the largest area, in millimetres, an exhibit image may
// take on a page of the given paper when columns images share a row: the
// assembler sizes images to it, so they are drawn at their full DPI.
func FigureBox(paper string, columns int) (w, h float64) {
	pw, ph := 210.0, 297.0
	if strings.EqualFold(paper, "letter") {
		pw, ph = 215.9, 279.4
	}
	bodyW := pw - 2*marginX
	columns = max(columns, 1)
	w = (bodyW - figureGap*float64(columns-1)) / float64(columns)
	h = ph - marginTop - marginBottom - figureBottomGap - figureTextAllowance
	return w, h
}

// continueRoom is the space, in millimetres, a Continue section needs left
// on the page to start there rather than on a new page.
const continueRoom = 90.0

// Room the figure layout keeps, in millimetres.
const (
	figureGap           = 6.0
	figureBottomGap     = 4.0
	figureTextAllowance = 45.0 // label, two caption lines, three small lines
)

// Render draws doc as PDF onto w and returns the number of pages. The same
// Document gives the same bytes.
func Render(ctx context.Context, w io.Writer, doc *Document) (pages int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: renderer failed: %v", r)
		}
	}()
	r, err := newRenderer(doc)
	if err != nil {
		return 0, err
	}
	for i := range doc.Sections {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if err := r.section(&doc.Sections[i]); err != nil {
			return 0, err
		}
	}
	if err := r.f.Error(); err != nil {
		return 0, fmt.Errorf("pdf: %w", err)
	}
	pages = r.f.PageNo()
	return pages, r.f.Output(w)
}

type renderer struct {
	f      *fpdf.Fpdf
	doc    *Document
	pageW  float64
	pageH  float64
	bodyW  float64
	widths map[int]string // embedded image width (px) -> image name; see registerImage
	images map[string]string
	cover  bool // the page being drawn is a cover page
}

func newRenderer(doc *Document) (*renderer, error) {
	size := "A4"
	switch strings.ToLower(doc.Paper) {
	case "", "a4":
	case "letter":
		size = "Letter"
	default:
		return nil, fmt.Errorf("pdf: unknown paper %q; expected a4 or letter", doc.Paper)
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	created := doc.Meta.Created.UTC()
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetProducer("proofpack", true)
	f.SetCreator("proofpack", true)
	f.SetTitle(Sanitize(doc.Meta.Title), true)
	f.SetSubject(Sanitize(doc.Meta.Subject), true)
	f.SetAuthor(Sanitize(doc.Meta.Author), true)
	if doc.Meta.Keywords != "" {
		f.SetKeywords(Sanitize(doc.Meta.Keywords), true)
	}
	if doc.Meta.Language != "" {
		f.SetLang(doc.Meta.Language)
	}
	f.AddUTF8FontFromBytes(cjkfont.Family, "", cjkfont.TTF)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: loading the embedded font: %w", err)
	}
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	f.AliasNbPages("{nb}")
	pw, ph := f.GetPageSize()
	r := &renderer{f: f, doc: doc, pageW: pw, pageH: ph, bodyW: pw - 2*marginX,
		widths: map[int]string{}, images: map[string]string{}}
	f.SetHeaderFuncMode(r.header, true)
	f.SetFooterFunc(r.footer)
	return r, nil
}

func (r *renderer) font(size float64) { r.f.SetFont(cjkfont.Family, "", size) }

func (r *renderer) color(c [3]int) { r.f.SetTextColor(c[0], c[1], c[2]) }

var (
	black   = [3]int{20, 20, 20}
	grey    = [3]int{105, 105, 105}
	accent  = [3]int{25, 70, 140}
	okFill  = [3]int{226, 242, 228}
	warnFil = [3]int{252, 228, 222}
	infoFil = [3]int{232, 238, 248}
	headFil = [3]int{232, 232, 232}
)

func (r *renderer) header() {
	if r.cover {
		return
	}
	f := r.f
	r.font(8)
	r.color(grey)
	// The order on the left, the title on the right; a title too long for
	// the rest of the line wraps upwards into the margin.
	const gap, step = 6.0, 3.6
	left, title := Sanitize(r.doc.Header), Sanitize(r.doc.Meta.Title)
	leftW := min(f.GetStringWidth(left)+2*f.GetCellMargin(), r.bodyW/2)
	titleW := r.bodyW - leftW - gap
	ls, ts := firstLines(r.split(left, leftW), 2), firstLines(r.split(title, titleW), 2)
	for i, l := range ls {
		f.SetXY(marginX, 9-float64(len(ls)-1-i)*step)
		f.CellFormat(leftW, 5, l, "", 0, "L", false, 0, "")
	}
	for i, l := range ts {
		f.SetXY(marginX+leftW+gap, 9-float64(len(ts)-1-i)*step)
		f.CellFormat(titleW, 5, l, "", 0, "R", false, 0, "")
	}
	f.SetDrawColor(190, 190, 190)
	f.SetLineWidth(0.2)
	f.Line(marginX, 15, r.pageW-marginX, 15)
	f.SetXY(marginX, marginTop)
	r.color(black)
}

// firstLines keeps the first n lines, ending the last with "…" when it
// cuts: the running header repeats the cover and has room for no more.
func firstLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	last := []rune(lines[n-1])
	lines[n-1] = string(last[:max(len(last)-1, 0)]) + "…"
	return lines
}

func (r *renderer) footer() {
	f := r.f
	f.SetY(-12)
	r.font(8)
	r.color(grey)
	text := strings.NewReplacer("{page}", fmt.Sprint(f.PageNo()), "{pages}", "{nb}").Replace(Sanitize(r.doc.Footer))
	f.CellFormat(0, 5, text, "", 0, "C", false, 0, "")
	r.color(black)
}

func (r *renderer) section(s *Section) error {
	r.cover = s.Cover
	if s.Continue && r.f.PageNo() > 0 && r.f.GetY()+continueRoom < r.pageH-marginBottom {
		r.f.Ln(6)
	} else {
		r.f.AddPage()
	}
	r.f.Bookmark(strings.Join(strings.Fields(Sanitize(s.Title)), " "), s.Level, -1) // one line, whatever the title holds
	if s.Cover {
		r.f.SetY(40)
	}
	if !s.Cover && !s.Untitled && s.Title != "" {
		r.font(16)
		r.color(accent)
		r.lines(Sanitize(s.Title), 16)
		r.f.Ln(2)
		r.color(black)
	}
	for i := range s.Blocks {
		if err := r.block(&s.Blocks[i]); err != nil {
			return fmt.Errorf("section %s: %w", s.ID, err)
		}
	}
	r.cover = false
	return nil
}

func (r *renderer) block(b *Block) error {
	switch {
	case b.Heading != nil:
		r.needSpace(20)
		r.f.Ln(2)
		r.font(12.5)
		r.color(accent)
		r.lines(Sanitize(b.Heading.Text), 12.5)
		r.color(black)
		r.f.Ln(1)
	case b.Paragraph != nil:
		size := bodySize
		if b.Paragraph.Large {
			size = 20
		}
		if b.Paragraph.Small {
			size = 8.5
			r.color(grey)
		}
		r.font(size)
		for _, para := range strings.Split(Sanitize(b.Paragraph.Text), "\n\n") {
			r.lines(para, size)
			r.f.Ln(size * ptToMM * 0.6)
		}
		r.color(black)
	case b.KeyValues != nil:
		r.keyValues(b.KeyValues)
	case b.Table != nil:
		r.table(b.Table)
	case b.Notice != nil:
		r.notice(b.Notice)
	case b.Figures != nil:
		return r.figures(b.Figures)
	}
	return nil
}

// lineHeight is the height of one line of text at size points, in mm.
func lineHeight(size float64) float64 { return size * ptToMM * lineRatio }

// lines writes wrapped text across the body width at the current font.
func (r *renderer) lines(text string, size float64) {
	h := lineHeight(size)
	for _, l := range r.split(text, r.bodyW) {
		r.needSpace(h)
		r.f.SetX(marginX)
		r.f.CellFormat(r.bodyW, h, l, "", 1, "L", false, 0, "")
	}
}

// split wraps text for a cell w wide at the current font (see wrap), less
// the cell's margin on either side; explicit line breaks are kept and an
// empty text is one empty line.
func (r *renderer) split(text string, w float64) []string {
	var out []string
	w -= 2 * r.f.GetCellMargin()
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wrap(para, w, r.charWidth)...)
	}
	return out
}

// charWidth is the width of c in mm at the current font.
func (r *renderer) charWidth(c rune) float64 { return r.f.GetStringWidth(string(c)) }

// needSpace starts a new page when less than h mm is left.
func (r *renderer) needSpace(h float64) {
	if r.f.GetY()+h > r.pageH-marginBottom {
		r.f.AddPage()
	}
}

// keyValues draws labelled facts in two columns; a key too long for its
// column wraps onto more lines instead of running into its value.
func (r *renderer) keyValues(kv *KeyValues) {
	const keyW, keyGap = 42.0, 3.0
	valW := r.bodyW - keyW
	h := lineHeight(bodySize)
	r.font(bodySize)
	for _, row := range kv.Rows {
		keys := r.split(Sanitize(row[0]), keyW-keyGap)
		vals := r.split(Sanitize(row[1]), valW)
		n := max(len(keys), len(vals))
		r.needSpace(h * float64(min(n, 3)))
		for i := range n {
			r.needSpace(h)
			y := r.f.GetY()
			if i < len(keys) {
				r.color(grey)
				r.f.SetXY(marginX, y)
				r.f.CellFormat(keyW-keyGap, h, keys[i], "", 0, "L", false, 0, "")
				r.color(black)
			}
			if i < len(vals) {
				r.f.SetXY(marginX+keyW, y)
				r.f.CellFormat(valW, h, vals[i], "", 0, "L", false, 0, "")
			}
			r.f.SetXY(marginX, y+h)
		}
		r.f.SetDrawColor(225, 225, 225)
		r.f.Line(marginX, r.f.GetY(), marginX+r.bodyW, r.f.GetY())
	}
	r.f.Ln(3)
}

// table draws a grid. Columns blank in every row are left out, and a
// table that runs onto another page repeats its header row there.
func (r *renderer) table(t *Table) {
	t = withoutBlankColumns(t)
	size := bodySize - 1
	if t.Small {
		size = 8
	}
	r.font(size)
	h := lineHeight(size)
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	widths := make([]float64, len(t.Columns))
	for i := range widths {
		if total > 0 && i < len(t.Widths) {
			widths[i] = t.Widths[i] / total * r.bodyW
		} else {
			widths[i] = r.bodyW / float64(len(widths))
		}
	}
	wrapRow := func(cells []string) ([][]string, float64) {
		wrapped := make([][]string, len(widths))
		n := 1
		for i := range widths {
			v := ""
			if i < len(cells) {
				v = Sanitize(cells[i])
			}
			wrapped[i] = r.split(v, widths[i])
			n = max(n, len(wrapped[i]))
		}
		return wrapped, float64(n)*h + 1.5
	}
	drawRow := func(wrapped [][]string, rowH float64, fill [3]int, filled bool) {
		y := r.f.GetY()
		x := marginX
		r.f.SetFillColor(fill[0], fill[1], fill[2])
		r.f.SetDrawColor(200, 200, 200)
		for i, w := range widths {
			style := "D"
			if filled {
				style = "FD"
			}
			r.f.Rect(x, y, w, rowH, style)
			for j, l := range wrapped[i] {
				r.f.SetXY(x, y+0.75+float64(j)*h)
				r.f.CellFormat(w, h, l, "", 0, "L", false, 0, "")
			}
			x += w
		}
		r.f.SetXY(marginX, y+rowH)
	}
	head, headH := wrapRow(t.Columns)
	r.needSpace(headH + h + 1.5)
	drawRow(head, headH, headFil, true)
	for i, row := range t.Rows {
		cells, rowH := wrapRow(row)
		if r.f.GetY()+rowH > r.pageH-marginBottom {
			r.f.AddPage()
			r.font(size)
			drawRow(head, headH, headFil, true)
		}
		mark := ""
		if i < len(t.Marks) {
			mark = t.Marks[i]
		}
		switch mark {
		case "ok":
			drawRow(cells, rowH, okFill, true)
		case "warn":
			drawRow(cells, rowH, warnFil, true)
		default:
			drawRow(cells, rowH, [3]int{255, 255, 255}, false)
		}
	}
	r.f.Ln(3)
}

// withoutBlankColumns returns t without the columns that are blank in
// every row (an all-blank "Unit weight" says nothing); t itself is kept.
func withoutBlankColumns(t *Table) *Table {
	if len(t.Rows) == 0 {
		return t
	}
	var keep []int
	for c := range t.Columns {
		for _, row := range t.Rows {
			if c < len(row) && strings.TrimSpace(row[c]) != "" {
				keep = append(keep, c)
				break
			}
		}
	}
	if len(keep) == len(t.Columns) {
		return t
	}
	out := &Table{Marks: t.Marks, Small: t.Small}
	for _, c := range keep {
		out.Columns = append(out.Columns, t.Columns[c])
		if c < len(t.Widths) {
			out.Widths = append(out.Widths, t.Widths[c])
		}
	}
	if len(out.Widths) != len(out.Columns) {
		out.Widths = nil // relative widths only make sense all together
	}
	for _, row := range t.Rows {
		cells := make([]string, len(keep))
		for i, c := range keep {
			if c < len(row) {
				cells[i] = row[c]
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}

func (r *renderer) notice(n *Notice) {
	fill := infoFil
	switch n.Tone {
	case "ok":
		fill = okFill
	case "warn":
		fill = warnFil
	}
	r.font(bodySize)
	h := lineHeight(bodySize)
	pad := 3.0
	ls := r.split(Sanitize(n.Text), r.bodyW-2*pad)
	boxH := float64(len(ls))*h + 2*pad
	r.needSpace(min(boxH, 60))
	y := r.f.GetY()
	if y+boxH <= r.pageH-marginBottom {
		r.f.SetFillColor(fill[0], fill[1], fill[2])
		r.f.Rect(marginX, y, r.bodyW, boxH, "F")
		r.f.SetY(y + pad)
	}
	for _, l := range ls {
		r.needSpace(h)
		r.f.SetX(marginX + pad)
		r.f.CellFormat(r.bodyW-2*pad, h, l, "", 1, "L", false, 0, "")
	}
	r.f.Ln(pad + 2)
}

// figures draws images side by side, each fitted into its column and the
// rest of the page, never larger than its own DPI allows.
func (r *renderer) figures(fs *Figures) error {
	n := len(fs.Items)
	if n == 0 {
		return nil
	}
	gap := figureGap
	colW := (r.bodyW - gap*float64(n-1)) / float64(n)
	// Text first: measure the tallest caption block so images line up.
	labelH, textH := lineHeight(14), lineHeight(bodySize)
	smallH := lineHeight(7.5)
	type block struct{ caption, lines, note []string }
	blocks := make([]block, n)
	maxText, noteH := 0.0, 0.0
	for i, fig := range fs.Items {
		r.font(bodySize)
		blocks[i].caption = r.split(Sanitize(fig.Caption), colW)
		if fig.Note != "" {
			blocks[i].note = r.split(Sanitize(fig.Note), colW)
			noteH = max(noteH, float64(len(blocks[i].note))*textH+3)
		}
		r.font(7.5)
		for _, l := range fig.Lines {
			blocks[i].lines = append(blocks[i].lines, r.split(Sanitize(l), colW)...)
		}
		th := labelH + float64(len(blocks[i].caption))*textH + float64(len(blocks[i].lines))*smallH + 3
		maxText = max(maxText, th)
	}
	r.needSpace(maxText + 40)
	top := r.f.GetY()
	for i, fig := range fs.Items {
		x := marginX + float64(i)*(colW+gap)
		r.f.SetXY(x, top)
		r.font(14)
		r.color(accent)
		r.f.CellFormat(colW, labelH, Sanitize(fig.Label), "", 2, "L", false, 0, "")
		r.font(bodySize)
		r.color(black)
		for _, l := range blocks[i].caption {
			r.f.SetX(x)
			r.f.CellFormat(colW, textH, l, "", 2, "L", false, 0, "")
		}
		r.font(7.5)
		r.color(grey)
		for _, l := range blocks[i].lines {
			r.f.SetX(x)
			r.f.CellFormat(colW, smallH, l, "", 2, "L", false, 0, "")
		}
		r.color(black)
	}
	imgTop := top + maxText
	availH := r.pageH - marginBottom - figureBottomGap - imgTop
	bottom := imgTop
	for i, fig := range fs.Items {
		name, err := r.registerImage(&fig.Image)
		if err != nil {
			return fmt.Errorf("%s: %w", fig.Label, err)
		}
		img := fig.Image
		dpi := img.DPI
		if dpi <= 0 {
			dpi = 200
		}
		w := float64(img.Width) / dpi * 25.4
		h := float64(img.Height) / dpi * 25.4
		scale := min(1, colW/w, availH/h)
		w, h = w*scale, h*scale
		x := marginX + float64(i)*(colW+gap) + (colW-w)/2
		r.f.ImageOptions(name, x, imgTop, w, h, false, fpdf.ImageOptions{}, 0, "")
		r.f.SetDrawColor(160, 160, 160)
		r.f.SetLineWidth(0.2)
		r.f.Rect(x, imgTop, w, h, "D")
		r.marks(fig.Marks, x, imgTop, w, h)
		bottom = max(bottom, imgTop+h)
	}
	if noteH > 0 {
		// Under the images when the page has room, else at the top of
		// the next: the images keep the size their resolution was
		// chosen for.
		r.f.SetY(bottom + 3)
		r.needSpace(noteH)
		noteTop := r.f.GetY()
		r.font(bodySize)
		for i, b := range blocks {
			r.f.SetXY(marginX+float64(i)*(colW+gap), noteTop)
			for _, l := range b.note {
				r.f.SetX(marginX + float64(i)*(colW+gap))
				r.f.CellFormat(colW, textH, l, "", 2, "L", false, 0, "")
			}
		}
		bottom = noteTop + noteH - 3
	}
	r.f.SetXY(marginX, bottom+4)
	return nil
}

// marks outlines each highlighted rectangle in red with its number in a
// red disc at its top-left corner.
func (r *renderer) marks(ms []Mark, x, y, w, h float64) {
	if len(ms) == 0 {
		return
	}
	f := r.f
	red := MarkRed
	f.SetDrawColor(int(red.R), int(red.G), int(red.B))
	f.SetFillColor(int(red.R), int(red.G), int(red.B))
	f.SetLineWidth(MarkLineMM)
	r.font(8)
	f.SetTextColor(255, 255, 255)
	const radius = MarkRadiusMM
	for _, m := range ms {
		mx, my := x+m.Box[0]*w, y+m.Box[1]*h
		f.Rect(mx, my, m.Box[2]*w, m.Box[3]*h, "D")
		cx, cy := max(mx, x+radius), max(my, y+radius)
		f.Circle(cx, cy, radius, "F")
		f.SetXY(cx-radius, cy-radius)
		f.CellFormat(2*radius, 2*radius, fmt.Sprint(m.N), "", 0, "C", false, 0, "")
	}
	f.SetLineWidth(0.2)
	r.color(black)
}

// registerImage hands an image to fpdf once and returns its name.
//
// fpdf writes images out sorted by pixel width only, and lists them from a
// map, so two different images of the same width would come out in a
// random order and the PDF's bytes would differ from run to run. The
// assembler therefore gives every image a width of its own (see
// imagenorm.Options.PadWidth), and a document that breaks that rule is
// refused rather than rendered differently each time.
func (r *renderer) registerImage(img *Image) (string, error) {
	if img.Width <= 0 || img.Height <= 0 || int64(img.Width)*int64(img.Height) > maxImagePixels {
		return "", fmt.Errorf("image of %dx%d pixels is outside the renderer's limit of %d pixels", img.Width, img.Height, maxImagePixels)
	}
	sum := sha256.Sum256(img.Data)
	key := hex.EncodeToString(sum[:])
	if name, ok := r.images[key]; ok {
		return name, nil
	}
	if _, taken := r.widths[img.Width]; taken {
		return "", fmt.Errorf("two different images are %d pixels wide; each image of a document needs a width of its own, or the PDF's bytes would differ from run to run (fpdf orders images by width alone)", img.Width)
	}
	tp := "JPG"
	if img.Format == "png" {
		tp = "PNG"
	}
	name := "img" + key[:16]
	info := r.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(img.Data))
	if err := r.f.Error(); err != nil || info == nil {
		return "", fmt.Errorf("embedding image: %v", err)
	}
	r.widths[img.Width] = name
	r.images[key] = name
	return name, nil
}
