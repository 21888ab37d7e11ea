package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/orderimport"
)

type importOptions struct {
	io       *ioStreams
	input    string
	evidence string
	outRoot  string
	mapFile  string
	sheet    string
	platform string
	dispute  string
	lang     string
	shop     string
	currency string
	tz       string
}

// newImportCmd makes the import command; runF, when not nil, is called
// with the parsed options in place of importing (for tests of the flags).
func newImportCmd(io *ioStreams, runF func(context.Context, *importOptions) error) *cobra.Command {
	o := &importOptions{io: io}
	cmd := &cobra.Command{
		Use:   "import ORDERS.csv|ORDERS.xlsx -o ROOT [--evidence PHOTOS_DIR]",
		Short: "Turn a platform's order export and photos into order folders",
		Long: `Import reads a platform's order export (CSV or Excel .xlsx) and writes one
order folder per order id under ROOT, with an order.yaml built from the rows
(rows with the same order id are the lines of one order), ready for
'proofpack build' and 'proofpack batch'.

A CSV may be UTF-8, GBK/GB18030 (Taobao, Qianniu, Excel on Chinese Windows)
or UTF-16 with a byte-order mark; the encoding used is reported. Cells
Excel-guarded as ="3912345678901234567" are read as their text, and Excel
cells as the text they hold, so long order ids keep every digit. Without a
SKU column, an item's name is its key.

The exports of Pinduoduo, Taobao/Tmall, Douyin and JD are recognised by their
headers (see 'Platform exports' in the README). Common Chinese and English
column headers map by default: 订单号/订单编号/
Order ID, 商品名称/宝贝标题/Product, 商品编码/商家编码/SKU, 数量/Quantity,
单价/Price, 单件重量/重量(g)/Weight, 快递单号/运单号/Tracking Number,
快递公司/物流公司/Carrier, 发货时间/Ship Time, 下单时间/付款时间/Order Time,
签收时间, 店铺名称/Shop, 买家昵称/Buyer, 仓库称重/出库重量, 揽收重量,
缺件数量/Missing Quantity, 售后原因, 退款金额 and more. --map FILE (YAML
lines "header: field") maps other headers; map a header to "-" to ignore it.

Photos under PHOTOS_DIR filed in a folder named by the order id or tracking
number (PHOTOS_DIR/PDD-0001/label.jpg), or named by it (PDD-0001_label.jpg,
ZT123-weights.jpg), are copied (never moved) into the order folder, keeping
their names and the folders that tell their kind.

Dates without a zone are read in --tz (default Asia/Shanghai for Chinese
exports and platforms, UTC otherwise).

A row that cannot be imported is reported on stderr with its row number and
reason, and its order is not written; the others still import. An order
folder that already has a manifest is left alone. Exit 0 when every order
was imported (or already there), 3 when some rows failed, 1 when nothing
could be read.`,
		Example: `  proofpack import orders.xlsx --evidence photos -o orders --platform pinduoduo
  proofpack import export.csv -o orders --map headers.yaml --shop "My Shop" --lang en`,
		Args: exactArgs(1, "one export file (.csv or .xlsx)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.input = args[0]
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return o.run(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.outRoot, "output", "o", "", "folder to write the order folders into (required)")
	f.StringVar(&o.evidence, "evidence", "", "folder of photos filed by order id or tracking number")
	f.StringVar(&o.mapFile, "map", "", "YAML file mapping more column headers to fields (header: field)")
	f.StringVar(&o.sheet, "sheet", "", "Excel sheet to read (default: the first)")
	f.StringVar(&o.platform, "platform", "", "platform of every order: "+strings.Join(evidence.Platforms, ", ")+" (default: a platform column, else other)")
	f.StringVar(&o.dispute, "dispute", "missing-item", "dispute type of every order")
	f.StringVar(&o.lang, "lang", "", "packet language: zh or en (default zh for Chinese headers or platforms, else en)")
	f.StringVar(&o.shop, "shop", "", "shop name, when the export has no shop column")
	f.StringVar(&o.currency, "currency", "", "currency code (default: a currency column, else CNY for Chinese exports)")
	f.StringVar(&o.tz, "tz", "", "time zone of dates written without one (default Asia/Shanghai for Chinese exports, else UTC)")
	return cmd
}

func (o *importOptions) run(ctx context.Context) error {
	if o.outRoot == "" {
		return usageError{errors.New("import: -o ROOT is required")}
	}
	if o.platform != "" {
		var err error
		if o.platform, err = platformName(o.platform); err != nil {
			return err
		}
	}
	if err := (&commonOptions{}).validLang(o.lang); err != nil {
		return err
	}
	opt := orderimport.Options{
		Input: o.input, Sheet: o.sheet, Evidence: o.evidence, OutRoot: o.outRoot,
		Platform: o.platform, Dispute: o.dispute, Lang: o.lang, Shop: o.shop, Currency: o.currency,
	}
	if o.tz != "" {
		loc, err := orderimport.LoadLocation(o.tz)
		if err != nil {
			return usageError{err}
		}
		opt.TZ = loc
	}
	if o.mapFile != "" {
		m, err := orderimport.LoadMap(o.mapFile)
		if err != nil {
			return usageError{fmt.Errorf("--map %w", err)}
		}
		opt.Map = m
	}
	if set, err := templatesBuiltinNames(); err == nil && !slices.Contains(set, o.dispute) {
		warnf(o.io.ErrOut, "--dispute %q is not a built-in dispute type (%s); build it with --templates", o.dispute, strings.Join(set, ", "))
	}
	rep, err := orderimport.Import(ctx, opt)
	if rep != nil && rep.Encoding != "" {
		notef(o.io.ErrOut, "%s read as %s", o.input, rep.Encoding)
	}
	if rep != nil && rep.Export != nil {
		notef(o.io.ErrOut, "headers recognised as the %s", rep.Export.Title)
	}
	if rep == nil || (err != nil && len(rep.Orders) == 0) {
		return err // nothing was imported: the export could not be read or mapped
	}
	if len(rep.Ignored) > 0 {
		notef(o.io.ErrOut, "columns not imported: %s (map them with --map if they matter)", strings.Join(rep.Ignored, ", "))
	}
	for _, re := range rep.RowErrors {
		errorf(o.io.ErrOut, "%s", re.Error())
	}
	for _, or := range rep.Orders {
		switch or.Status {
		case orderimport.Imported:
			fmt.Fprintf(o.io.Out, "imported %s: %s (%d rows, %d photos)\n", or.OrderID, or.Dir, len(or.Rows), or.Photos)
			if or.Photos == 0 && o.evidence != "" {
				warnf(o.io.ErrOut, "%s: no photos found under %s for this order id or its tracking number", or.OrderID, o.evidence)
			}
		case orderimport.Exists:
			notef(o.io.ErrOut, "skipped %s: %s", or.OrderID, or.Reason)
		}
		for _, n := range or.Notes {
			warnf(o.io.ErrOut, "%s: %s", or.OrderID, n)
		}
	}
	if len(rep.Unmatched) > 0 {
		notef(o.io.ErrOut, "%d files under %s matched no order id or tracking number, e.g. %s", len(rep.Unmatched), o.evidence, rep.Unmatched[0])
	}
	rows := map[int]bool{}
	for _, re := range rep.RowErrors {
		rows[re.Row] = true
	}
	failedRows := len(rows)
	if err != nil {
		// No tally: "0 failed" above an error reads as success.
		if n := rep.Count(orderimport.Imported); n > 0 {
			notef(o.io.ErrOut, "%d orders were imported before the error; they are kept, and a re-run leaves them as they are", n)
		}
		return err
	}
	fmt.Fprintf(o.io.Out, "%d rows: %d orders imported, %d already there, %d failed (%d rows); dates read in %s\n",
		rep.Rows, rep.Count(orderimport.Imported), rep.Count(orderimport.Exists), rep.Count(orderimport.Failed), failedRows, rep.Zone)
	if failedRows > 0 {
		if rep.Count(orderimport.Imported)+rep.Count(orderimport.Exists) == 0 {
			return exitCodeError{code: exitError, err: errors.New("no order could be imported")}
		}
		return exitCodeError{code: exitPartial, err: fmt.Errorf("%d rows could not be imported; the other orders were", failedRows)}
	}
	return nil
}

func templatesBuiltinNames() ([]string, error) {
	set, err := (&commonOptions{}).templates()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, d := range set.List() {
		if !slices.Contains(names, d.Name) {
			names = append(names, d.Name)
		}
	}
	return names, nil
}
