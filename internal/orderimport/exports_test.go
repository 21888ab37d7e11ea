package orderimport

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, s string, enc string) []byte {
	t.Helper()
	var (
		b   []byte
		err error
	)
	switch enc {
	case EncGB18030:
		b, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	case "GBK":
		b, err = simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	case EncUTF16LE:
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	case EncUTF16BE:
		b, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	case "UTF-8 BOM":
		b = []byte("\ufeff" + s)
	default:
		b = []byte(s)
	}
	must(t, err)
	return b
}

func TestDecodeText(t *testing.T) {
	const text = "订单编号,宝贝标题\n=\"3912345678901234567\",不锈钢保温杯 𠀀\n"
	for _, tc := range []struct {
		enc, want string
	}{
		{EncUTF8, EncUTF8}, {"UTF-8 BOM", EncUTF8}, {EncUTF16LE, EncUTF16LE}, {EncUTF16BE, EncUTF16BE},
		{EncGB18030, EncGB18030},
	} {
		got, enc, err := decodeText(encode(t, text, tc.enc))
		if err != nil || enc != tc.want || string(got) != text {
			t.Errorf("%s: decoded as %s (%v): %q", tc.enc, enc, err, got)
		}
	}
	// GBK is GB18030's subset (without the four-byte characters).
	gbk := strings.ReplaceAll(text, " 𠀀", "")
	if got, enc, err := decodeText(encode(t, gbk, "GBK")); err != nil || enc != EncGB18030 || string(got) != gbk {
		t.Errorf("GBK: decoded as %s (%v): %q", enc, err, got)
	}
	// An English header with a stray byte in a row stays UTF-8: the row is
	// reported, not the file.
	if _, enc, err := decodeText([]byte("Order,Item\nA,\x81\n")); err != nil || enc != EncUTF8 {
		t.Errorf("stray byte: %s, %v", enc, err)
	}
	for _, bad := range [][]byte{[]byte("\x81\x30\x81\n"), {0xff, 0xfe, 0x00, 0xd8, 'a', 0}} {
		if _, _, err := decodeText(bad); err == nil || !strings.Contains(err.Error(), "save the CSV as UTF-8") {
			t.Errorf("decodeText(%q) = %v", bad, err)
		}
	}
}

func TestUnwrapExcelGuard(t *testing.T) {
	for in, want := range map[string]string{
		`="3912345678901234567"`: "3912345678901234567",
		` ="007" `:               "007",
		`="say ""hi"""`:          `say "hi"`,
		`=""`:                    ``,
		`="a"b"`:                 `="a"b"`,
		`=SUM(A1)`:               `=SUM(A1)`,
		`3912`:                   `3912`,
	} {
		if got := unwrapExcelGuard(in); got != want {
			t.Errorf("unwrapExcelGuard(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestCellText(t *testing.T) {
	for _, tc := range []struct{ raw, shown, want string }{
		{"3912345678901234567", "3.91234567890123E+18", "3912345678901234567"}, // General format hides digits
		{"1234", "001234", "001234"},                                      // a zero-padded code
		{"46327.75", "11/1/26 18:00", "46327.75"},                         // a date: the serial, read in the date's zone
		{"59.5", "¥59.50", "59.5"},                                        // currency format
		{"1.5E+3", "1500", "1500"},                                        // exponent form, exact
		{"3.912345678901235E+18", "3.91235E+18", "3.912345678901235E+18"}, // rounded: reported later
		{"0", "", "0"},
	} {
		if got := cellText(tc.raw, tc.shown); got != tc.want {
			t.Errorf("cellText(%q, %q) = %q; want %q", tc.raw, tc.shown, got, tc.want)
		}
	}
}

func TestExports(t *testing.T) {
	exps := Exports()
	var names []string
	for _, e := range exps {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "douyin,jd,pinduoduo,taobao" {
		t.Errorf("exports: %v", names)
	}
	// A broken data file is refused with its name.
	for _, bad := range []string{
		"platform: nowhere\ntitle: x\ncolumns: [{header: a, field: order_id, seen: confirmed}, {header: b, field: name, seen: confirmed}]\n",
		"platform: jd\ntitle: x\ncolumns: [{header: a, field: colour, seen: confirmed}]\n",
		"platform: jd\ntitle: x\ncolumns: [{header: a, field: order_id, seen: maybe}]\n",
		"platform: jd\ntitle: x\ncolumns: [{header: a, field: order_id, seen: guessed}]\n",
	} {
		root := t.TempDir()
		must(t, os.MkdirAll(filepath.Join(root, "exports"), 0o755))
		must(t, os.WriteFile(filepath.Join(root, "exports", "x.yaml"), []byte(bad), 0o644))
		if _, err := loadExports(os.DirFS(root)); err == nil || !strings.Contains(err.Error(), "exports/x.yaml") {
			t.Errorf("loadExports(%q) = %v", bad, err)
		}
	}
}

func TestMapHeaderExports(t *testing.T) {
	for _, tc := range []struct {
		name, export string
		header       []string
		want         map[string]string // field -> header
	}{
		{
			name: "pinduoduo", export: "pinduoduo",
			header: []string{"商品", "订单号", "订单状态", "商品总价(元)", "商品数量(件)", "收货人", "手机", "订单成交时间", "支付时间", "发货时间", "确认收货时间", "商品id", "商品规格", "商家编码-SKU维度", "快递单号", "快递公司"},
			want: map[string]string{fOrderID: "订单号", fItemName: "商品", fItemQuantity: "商品数量(件)", fItemTotalPrice: "商品总价(元)",
				fItemSKU: "商家编码-SKU维度", fPlacedAt: "订单成交时间", fShippedAt: "发货时间", fDeliveredAt: "确认收货时间",
				fTracking: "快递单号", fCarrier: "快递公司"},
		},
		{
			name: "taobao", export: "taobao",
			header: []string{"订单编号", "买家会员名", "买家支付宝账号", "买家实际支付金额", "订单状态", "收货人姓名", "收货地址", "联系手机", "订单创建时间", "订单付款时间", "宝贝标题", "宝贝种类", "物流单号", "物流公司", "宝贝总数量", "店铺名称"},
			want: map[string]string{fOrderID: "订单编号", fBuyer: "买家会员名", fItemName: "宝贝标题", fItemQuantity: "宝贝总数量",
				fPlacedAt: "订单付款时间", fTracking: "物流单号", fCarrier: "物流公司", fShop: "店铺名称"},
		},
		{
			name: "douyin", export: "douyin",
			header: []string{"主订单编号", "子订单编号", "选购商品", "商品ID", "商品数量", "商品金额", "订单提交时间", "支付完成时间", "快递信息", "订单状态"},
			want: map[string]string{fOrderID: "主订单编号", fItemName: "选购商品", fItemQuantity: "商品数量", fItemUnitPrice: "商品金额",
				fPlacedAt: "订单提交时间", fTracking: "快递信息"},
		},
		{
			name: "jd", export: "jd",
			header: []string{"订单号", "商品ID", "商品名称", "订购数量", "下单时间", "京东价", "订单金额", "订单状态", "客户姓名", "客户地址", "联系电话", "运单号"},
			want: map[string]string{fOrderID: "订单号", fItemSKU: "商品ID", fItemName: "商品名称", fItemQuantity: "订购数量",
				fPlacedAt: "下单时间", fItemUnitPrice: "京东价", fTracking: "运单号"},
		},
		{
			name: "none: too few of an export's headers", export: "",
			header: []string{"订单号", "商品名称", "数量"},
			want:   map[string]string{fOrderID: "订单号", fItemName: "商品名称", fItemQuantity: "数量"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := MapHeader(tc.header, nil)
			must(t, err)
			got := ""
			if m.Export != nil {
				got = m.Export.Name()
			}
			if got != tc.export {
				t.Errorf("recognised %q; want %q", got, tc.export)
			}
			for f, h := range tc.want {
				if i, ok := m.Column[f]; !ok || tc.header[i] != h {
					t.Errorf("%s <- %v; want %q", f, m.Column[f], h)
				}
			}
			for _, h := range m.Ignored {
				for _, pii := range []string{"收货人", "手机", "收货人姓名", "收货地址", "联系手机", "客户姓名", "客户地址", "联系电话", "买家支付宝账号"} {
					if h == pii {
						t.Errorf("personal-data column %s reported as not imported; the export's data file ignores it", h)
					}
				}
			}
		})
	}
}

func TestImportTaobaoGB18030(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "ExportOrderList.csv")
	// Taobao's order report: GBK, the id guarded as a formula, no SKU
	// column, one row per order.
	csv := "订单编号,买家会员名,买家实际支付金额,订单状态,收货人姓名,订单创建时间,订单付款时间,宝贝标题,宝贝总数量,物流单号,物流公司,店铺名称\n" +
		"=\"3912345678901234567\",tb_小王,118.00,卖家已发货，等待买家确认,王**,2026-11-01 10:00:00,2026-11-01 10:02:11,不锈钢保温杯 500ml,2,=\"73123456789012\",中通快递,某某旗舰店\n"
	must(t, os.WriteFile(in, encode(t, csv, EncGB18030), 0o644))
	rep, err := Import(context.Background(), Options{Input: in, OutRoot: filepath.Join(dir, "out")})
	must(t, err)
	if len(rep.RowErrors) > 0 {
		t.Fatalf("row errors: %v", rep.RowErrors)
	}
	if rep.Encoding != EncGB18030 || rep.Export == nil || rep.Export.Name() != "taobao" {
		t.Errorf("encoding %q, export %v", rep.Encoding, rep.Export)
	}
	m := readManifest(t, filepath.Join(dir, "out", "3912345678901234567"))
	if m.OrderID != "3912345678901234567" || m.Platform != "taobao" || m.Buyer != "tb_小王" || m.Shop != "某某旗舰店" {
		t.Errorf("order: %+v", m)
	}
	if len(m.Items) != 1 || m.Items[0].Name != "不锈钢保温杯 500ml" || m.Items[0].SKU != "不锈钢保温杯 500ml" || m.Items[0].Quantity != 2 {
		t.Errorf("items: %+v", m.Items)
	}
	if m.Shipment.TrackingNumber != "73123456789012" || m.PlacedAt.Format("2006-01-02 15:04:05 -0700") != "2026-11-01 10:02:11 +0800" {
		t.Errorf("shipment %+v placed %v", m.Shipment, m.PlacedAt)
	}
}

func TestImportNoSKUMergesLines(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "o.csv")
	must(t, os.WriteFile(in, []byte("订单号,商品名称,数量,商品总价,店铺名称\nA,杯,1,10,店\nA,杯,2,20,店\nA,盖,1,3,店\n"), 0o644))
	_, err := Import(context.Background(), Options{Input: in, OutRoot: filepath.Join(dir, "out")})
	must(t, err)
	m := readManifest(t, filepath.Join(dir, "out", "A"))
	if len(m.Items) != 2 || m.Items[0].Quantity != 3 || m.Items[1].SKU != "盖" || *m.Items[1].UnitPrice != 3 || *m.Items[0].UnitPrice != 10 {
		t.Errorf("items: %+v", m.Items)
	}
}

func TestMissingColumnsNameTheHeaders(t *testing.T) {
	for _, tc := range []struct{ csv, want string }{
		{"订单号,数量\nA,1\n", "no product name column; expected one of 商品名称, 宝贝标题"},
		{"订单编号,宝贝标题,买家会员名,订单付款时间\nA,杯,x,2026-11-01 10:00:00\n", "no quantity column; expected one of 宝贝总数量, 数量"},
		{"单号,商品名称,数量\nA,杯,1\n", "no order id column; expected one of 订单号"},
	} {
		in := filepath.Join(t.TempDir(), "o.csv")
		must(t, os.WriteFile(in, []byte(tc.csv), 0o644))
		_, err := Import(context.Background(), Options{Input: in, OutRoot: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "items.") {
			t.Errorf("%q: err = %v; want %q and no internal field names", tc.csv, err, tc.want)
		}
	}
}

func TestImportXLSXLongID(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "orders.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{"订单号", "商品", "商品数量(件)", "商品总价(元)", "快递单号", "订单成交时间"},
		{int64(3912345678901234567), "保温杯", 2, 118.0, int64(73123456789012), 46327.75},
		{"3.912345678901235E+18", "杯套", 1, 5.0, "", 46327.75}, // rounded by Excel: refused
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		must(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	// The platform shows the id with General format and the date as a date.
	st, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	must(t, err)
	must(t, f.SetCellStyle("Sheet1", "F2", "F3", st))
	must(t, f.SaveAs(in))
	f.Close()

	rep, err := Import(context.Background(), Options{Input: in, OutRoot: filepath.Join(dir, "out"), Shop: "店"})
	must(t, err)
	if rep.Export == nil || rep.Export.Platform != "pinduoduo" {
		t.Errorf("export %v", rep.Export)
	}
	if len(rep.RowErrors) != 1 || !strings.Contains(rep.RowErrors[0].Error(), "row 3: 订单号: 3.912345678901235E+18 is a long number Excel rounded") {
		t.Errorf("row errors: %v", rep.RowErrors)
	}
	m := readManifest(t, filepath.Join(dir, "out", "3912345678901234567"))
	if m.OrderID != "3912345678901234567" || m.Shipment.TrackingNumber != "73123456789012" || m.Items[0].SKU != "保温杯" ||
		*m.Items[0].UnitPrice != 59 || m.PlacedAt.Format("2006-01-02 15:04 -0700") != "2026-11-01 18:00 +0800" {
		t.Errorf("manifest: %+v %+v placed %v", m, m.Items, m.PlacedAt)
	}
}

func TestSplitTracking(t *testing.T) {
	for _, tc := range []struct{ in, num, carrier string }{
		{"73123456789012", "73123456789012", ""},
		{"中通快递 73123456789012", "73123456789012", "中通快递"},
		{"中通快递:73123456789012", "73123456789012", "中通快递"},
		{"SF1234567890123", "SF1234567890123", ""},
		{"73123456789012,73123456789013", "73123456789012,73123456789013", ""},
		{"运单号: 73123456789012 (中通)", "73123456789012", ""},
	} {
		num, carrier := splitTracking(tc.in)
		if num != tc.num || carrier != tc.carrier {
			t.Errorf("splitTracking(%q) = %q, %q; want %q, %q", tc.in, num, carrier, tc.num, tc.carrier)
		}
	}
}

// FuzzReadCSV feeds arbitrary bytes through encoding detection, CSV
// parsing and header mapping: nothing may panic, and whatever is read is
// valid UTF-8 in its header.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("订单号,商品名称,数量\nA,杯,1\n"))
	f.Add([]byte("\xb6\xa9\xb5\xa5\xba\xc5,x\n1,2\n"))
	f.Add([]byte{0xff, 0xfe, '=', 0, '"', 0, '1', 0, '"', 0})
	f.Add([]byte("\ufeff主订单编号\t选购商品\t商品数量\n=\"1\"\tx\t2\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tb, err := ReadTable(p, "")
		if err != nil {
			return
		}
		for _, h := range tb.Header {
			if !utf8.ValidString(h) && tb.Encoding != EncUTF8 {
				t.Fatalf("header %q not UTF-8 after decoding %s", h, tb.Encoding)
			}
		}
		if m, err := MapHeader(tb.Header, nil); err == nil {
			for _, i := range m.Column {
				if i < 0 || i >= len(tb.Header) {
					t.Fatalf("column %d outside the header", i)
				}
			}
		}
	})
}

// FuzzMapHeader maps arbitrary header rows and map entries: no panic, no
// column used twice, and every mapped column is inside the row.
func FuzzMapHeader(f *testing.F) {
	f.Add("商品,订单号,商品数量(件),商家编码-SKU维度", "订单号", "-")
	f.Add("订单编号,宝贝标题,宝贝总数量", "货品", "name")
	f.Fuzz(func(t *testing.T, header, mapHeader, mapField string) {
		h := strings.Split(header, ",")
		m, err := MapHeader(h, map[string]string{mapHeader: mapField})
		if err != nil {
			return
		}
		seen := map[int]bool{}
		for _, i := range m.Column {
			if i < 0 || i >= len(h) || seen[i] {
				t.Fatalf("column %d used twice or outside %q", i, h)
			}
			seen[i] = true
		}
	})
}
