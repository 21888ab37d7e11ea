package orderimport

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/proofpack/proofpack/evidence"
)

func TestMapHeader(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		extra  map[string]string
		want   map[string]string // field -> header
		err    string
	}{
		{
			name:   "pinduoduo style",
			header: []string{"订单号", "商品名称", "商品编码", "数量", "单价", "快递单号", "快递公司", "发货时间", "下单时间", "签收时间", "店铺名称", "买家昵称", "仓库称重"},
			want: map[string]string{fOrderID: "订单号", fItemName: "商品名称", fItemSKU: "商品编码", fItemQuantity: "数量",
				fItemUnitPrice: "单价", fTracking: "快递单号", fCarrier: "快递公司", fShippedAt: "发货时间", fPlacedAt: "下单时间",
				fDeliveredAt: "签收时间", fShop: "店铺名称", fBuyer: "买家昵称", fWarehouseWeightG: "仓库称重"},
		},
		{
			name:   "taobao style",
			header: []string{"订单编号", "宝贝标题", "商家编码", "购买数量", "运单号", "物流公司", "付款时间", "出库重量", "重量（g）"},
			want: map[string]string{fOrderID: "订单编号", fItemName: "宝贝标题", fItemSKU: "商家编码", fItemQuantity: "购买数量",
				fTracking: "运单号", fCarrier: "物流公司", fPlacedAt: "付款时间", fWarehouseWeightG: "出库重量", fItemUnitWeightG: "重量（g）"},
		},
		{
			name:   "english, any case and spacing",
			header: []string{"Order Number", "item name", "SKU", "QUANTITY", "Price", "Tracking_Number", "Carrier", "Ship Time", "Order Time", "Shop", "Buyer", "Weight"},
			want: map[string]string{fOrderID: "Order Number", fItemName: "item name", fItemSKU: "SKU", fItemQuantity: "QUANTITY",
				fItemUnitPrice: "Price", fTracking: "Tracking_Number", fCarrier: "Carrier", fShippedAt: "Ship Time",
				fPlacedAt: "Order Time", fShop: "Shop", fBuyer: "Buyer", fItemUnitWeightG: "Weight"},
		},
		{
			name:   "the more specific header wins",
			header: []string{"订单号", "付款时间", "下单时间"},
			want:   map[string]string{fOrderID: "订单号", fPlacedAt: "下单时间"},
		},
		{
			name:   "map file extends and overrides",
			header: []string{"我的单号", "订单号", "货品", "备注"},
			extra:  map[string]string{"我的单号": "order_id", "货品": "name", "订单号": "-"},
			want:   map[string]string{fOrderID: "我的单号", fItemName: "货品"},
		},
		{name: "no order id", header: []string{"商品名称", "数量"}, err: "no order id column"},
		{name: "unknown field", header: []string{"订单号"}, extra: map[string]string{"x": "colour"}, err: "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := MapHeader(tc.header, tc.extra)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v; want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for f, i := range m.Column {
				got[f] = tc.header[i]
			}
			for f, h := range tc.want {
				if got[f] != h {
					t.Errorf("%s <- %q; want %q", f, got[f], h)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("mapped %v; want %v", got, tc.want)
			}
		})
	}
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		in    string
		grams bool
		want  float64
		ok    bool
	}{
		{"59", false, 59, true}, {"¥59.00", false, 59, true}, {"1,234.5", false, 1234.5, true},
		{"59元", false, 59, true}, {"780g", true, 780, true}, {"0.78kg", true, 780, true},
		{"0.78kg", false, 0, false}, {"abc", false, 0, false}, {"", false, 0, false}, {"2件", false, 2, true},
	} {
		got, err := parseNumber(tc.in, tc.grams)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseNumber(%q) = %v, %v", tc.in, got, err)
		}
	}
	sh := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		in    string
		excel bool
		want  string
	}{
		{"2026-11-01 18:00:00", false, "2026-11-01T18:00:00+08:00"},
		{"2026/11/1 18:00", false, "2026-11-01T18:00:00+08:00"},
		{"2026-11-01T18:00:00Z", false, "2026-11-01T18:00:00Z"},
		{"2026年11月1日 18:00", false, "2026-11-01T18:00:00+08:00"},
		{"46327.75", true, "2026-11-01T18:00:00+08:00"},
		{"46327.75", false, ""},
		{"yesterday", false, ""},
	} {
		got, err := parseTime(tc.in, sh, tc.excel)
		s := ""
		if err == nil {
			s = got.Format(time.RFC3339)
		}
		if s != tc.want {
			t.Errorf("parseTime(%q, excel=%v) = %q, %v; want %q", tc.in, tc.excel, s, err, tc.want)
		}
	}
}

const header = "订单号,商品名称,商品编码,数量,单价,单件重量,快递单号,快递公司,发货时间,下单时间,店铺名称,仓库称重,缺件数量\n"

func TestRowErrors(t *testing.T) {
	for _, tc := range []struct {
		name, rows, want string
	}{
		{"bad quantity", "A,杯,S1,abc,1,1,T,c,,,店,,\n", "row 2: A: 数量: \"abc\" is not a number"},
		{"zero quantity", "A,杯,S1,0,1,1,T,c,,,店,,\n", "row 2: A: 数量: 0; expected at least 1"},
		{"no name", "A,,S1,1,1,1,T,c,,,店,,\n", "row 2: A: no product name (商品名称 is empty)"},
		{"rounded order id", "3.91234567890123E+18,杯,S1,1,1,1,T,c,,,店,,\n", "row 2: 订单号: 3.91234567890123E+18 is a long number Excel rounded"},
		{"rounded tracking", "A,杯,S1,1,1,1,7.31234567890123E+15,c,,,店,,\n", "row 2: A: 快递单号: 7.31234567890123E+15 is a long number Excel rounded"},
		{"no order id", ",杯,S1,1,1,1,T,c,,,店,,\n", "row 2: no order id"},
		{"bad date", "A,杯,S1,1,1,1,T,c,yesterday,,店,,\n", "row 2: A: 发货时间: \"yesterday\" is not a date"},
		{"bad price", "A,杯,S1,1,-3,1,T,c,,,店,,\n", "row 2: A: 单价"},
		{"bad weight", "A,杯,S1,1,1,heavy,T,c,,,店,,\n", "row 2: A: 单件重量"},
		{"no shop", "A,杯,S1,1,1,1,T,c,,,,,\n", "row 2: A: no shop name"},
		{"missing more than ordered", "A,杯,S1,1,1,1,T,c,,,店,,2\n", "row 2: A: 缺件数量: 2"},
		{"rows disagree", "A,杯,S1,1,1,1,T1,c,,,店,,\nA,盖,S2,1,1,1,T2,c,,,店,,\n", "row 3: A: 快递单号 is \"T2\" here but \"T1\" on row 2"},
		{"other line of a failed order", "A,杯,S1,x,1,1,T,c,,,店,,\nA,盖,S2,1,1,1,T,c,,,店,,\n", "row 3: A: not imported, because another row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "o.csv")
			must(t, os.WriteFile(in, []byte(header+tc.rows+"OK,杯,S1,1,1,1,T9,c,,,店,,\n"), 0o644))
			rep, err := Import(context.Background(), Options{Input: in, OutRoot: filepath.Join(dir, "out")})
			must(t, err)
			var msgs []string
			for _, e := range rep.RowErrors {
				msgs = append(msgs, e.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("row errors:\n%s\nwant one containing %q", strings.Join(msgs, "\n"), tc.want)
			}
			// The good order still imports.
			if _, err := os.Stat(filepath.Join(dir, "out", "OK", "order.yaml")); err != nil {
				t.Error("the good order was not imported:", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "out", "A", "order.yaml")); err == nil {
				t.Error("the failed order was written")
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// exportRows are the rows both fixtures hold: two lines of one order and
// a one-line order.
var exportRows = [][]any{
	{"订单编号", "宝贝标题", "商家编码", "购买数量", "单价", "单件重量", "运单号", "物流公司", "发货时间", "付款时间", "签收时间", "店铺名称", "买家昵称", "出库重量", "缺件数量"},
	{"PDD-1001", "不锈钢保温杯", "A-100", "2", "59.00", "350", "ZT1001", "中通快递", "2026-11-01 18:00:00", "2026-11-01 10:00:00", "2026-11-03 09:30:00", "某某旗舰店", "王**", "780", "1"},
	{"PDD-1001", "杯套", "B-1", "1", "5", "20", "ZT1001", "中通快递", "", "", "", "某某旗舰店", "", "", ""},
	{"PDD-1002", "玻璃杯", "C-7", "3", "12.5", "200", "YT2002", "圆通速递", "2026-11-02 09:15:00", "2026-11-02 08:00:00", "", "某某旗舰店", "李**", "690", ""},
}

func writeCSV(t *testing.T, path string) {
	var b strings.Builder
	b.WriteString("\ufeff")
	for _, r := range exportRows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(c.(string))
		}
		b.WriteByte('\n')
	}
	must(t, os.WriteFile(path, []byte(b.String()), 0o644))
}

// writeXLSX writes the rows with numbers as numbers and the dates as Excel
// dates, as a platform's export does.
func writeXLSX(t *testing.T, path string) {
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range exportRows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			s := v.(string)
			var val any = s
			if r > 0 && s != "" {
				switch exportRows[0][c] {
				case "购买数量", "单价", "单件重量", "出库重量", "缺件数量":
					var x float64
					_, err := fmtSscan(s, &x)
					must(t, err)
					val = x
				case "发货时间", "付款时间", "签收时间":
					tm, err := time.Parse("2006-01-02 15:04:05", s)
					must(t, err)
					val = tm
				}
			}
			must(t, f.SetCellValue("Sheet1", cell, val))
		}
	}
	must(t, f.SaveAs(path))
}

func TestImportCSVAndXLSX(t *testing.T) {
	for _, kind := range []string{"csv", "xlsx"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "orders."+kind)
			if kind == "csv" {
				writeCSV(t, in)
			} else {
				writeXLSX(t, in)
			}
			photos := filepath.Join(dir, "photos")
			for p, data := range map[string]string{
				"PDD-1001/weights/warehouse.jpg": "w", // folder named by the order id
				"面单/ZT1001_1.jpg":                "l", // named by the tracking number, kind folder kept
				"PDD-1002-chat-1.png":            "c", // named by the order id
				"PDD-10021_label.jpg":            "x", // another id's prefix: not PDD-1002's
			} {
				full := filepath.Join(photos, filepath.FromSlash(p))
				must(t, os.MkdirAll(filepath.Dir(full), 0o755))
				must(t, os.WriteFile(full, []byte(data), 0o644))
			}
			out := filepath.Join(dir, "root")
			rep, err := Import(context.Background(), Options{Input: in, OutRoot: out, Evidence: photos, Platform: "pinduoduo"})
			must(t, err)
			if len(rep.RowErrors) > 0 {
				t.Fatalf("row errors: %v", rep.RowErrors)
			}
			if rep.Count(Imported) != 2 {
				t.Fatalf("imported %d orders; want 2", rep.Count(Imported))
			}
			m := readManifest(t, filepath.Join(out, "PDD-1001"))
			sh := time.FixedZone("", 8*3600)
			if m.Platform != "pinduoduo" || m.Shop != "某某旗舰店" || m.Buyer != "王**" || m.Language != "zh" || m.Currency != "CNY" {
				t.Errorf("order facts: %+v", m)
			}
			if len(m.Items) != 2 || m.Items[0].SKU != "A-100" || m.Items[0].Quantity != 2 || *m.Items[0].UnitPrice != 59 ||
				*m.Items[0].UnitWeightG != 350 || m.Items[1].Name != "杯套" || m.Items[1].Quantity != 1 {
				t.Errorf("items: %+v", m.Items)
			}
			if m.Shipment.TrackingNumber != "ZT1001" || m.Shipment.Carrier != "中通快递" || *m.Shipment.WarehouseWeightG != 780 {
				t.Errorf("shipment: %+v", m.Shipment)
			}
			if !m.Shipment.ShippedAt.Equal(time.Date(2026, 11, 1, 18, 0, 0, 0, sh)) || !m.PlacedAt.Equal(time.Date(2026, 11, 1, 10, 0, 0, 0, sh)) ||
				!m.Shipment.DeliveredAt.Equal(time.Date(2026, 11, 3, 9, 30, 0, 0, sh)) {
				t.Errorf("times: shipped %v placed %v delivered %v", m.Shipment.ShippedAt, m.PlacedAt, m.Shipment.DeliveredAt)
			}
			if len(m.AfterSale.Missing) != 1 || m.AfterSale.Missing[0] != (evidence.Missing{SKU: "A-100", Quantity: 1}) {
				t.Errorf("missing: %+v", m.AfterSale.Missing)
			}
			m2 := readManifest(t, filepath.Join(out, "PDD-1002"))
			if len(m2.Items) != 1 || m2.Items[0].Quantity != 3 || *m2.Items[0].UnitPrice != 12.5 || m2.Shipment.Carrier != "圆通速递" {
				t.Errorf("PDD-1002: %+v", m2)
			}
			for _, p := range []string{"PDD-1001/weights/warehouse.jpg", "PDD-1001/面单/ZT1001_1.jpg", "PDD-1002/PDD-1002-chat-1.png"} {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
					t.Error("photo not copied:", err)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "PDD-1002", "PDD-10021_label.jpg")); err == nil {
				t.Error("PDD-10021_label.jpg was filed under PDD-1002")
			}
			if len(rep.Unmatched) != 1 || rep.Unmatched[0] != "PDD-10021_label.jpg" {
				t.Errorf("unmatched = %v", rep.Unmatched)
			}
			if _, err := os.Stat(filepath.Join(photos, "PDD-1002-chat-1.png")); err != nil {
				t.Error("a photo was moved, not copied")
			}

			// A second import leaves the manifests alone.
			must(t, os.WriteFile(filepath.Join(out, "PDD-1001", "order.yaml"), []byte("# edited by hand\n"), 0o644))
			rep, err = Import(context.Background(), Options{Input: in, OutRoot: out, Evidence: photos, Platform: "pinduoduo"})
			must(t, err)
			if rep.Count(Exists) != 2 {
				t.Errorf("second import: %d orders left alone; want 2", rep.Count(Exists))
			}
			if data, _ := os.ReadFile(filepath.Join(out, "PDD-1001", "order.yaml")); string(data) != "# edited by hand\n" {
				t.Error("an existing manifest was overwritten")
			}
		})
	}
}

func readManifest(t *testing.T, dir string) *evidence.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "order.yaml"))
	must(t, err)
	m, err := evidence.ParseManifest("order.yaml", data)
	must(t, err)
	return m
}

func TestMatchPhoto(t *testing.T) {
	a, b := &OrderReport{OrderID: "A-1"}, &OrderReport{OrderID: "A-12"}
	keys := map[string]*OrderReport{"A-1": a, "A-12": b, "ZT9": a}
	for _, tc := range []struct {
		path string
		want *OrderReport
		dest string
	}{
		{"A-1/label.jpg", a, "label.jpg"},
		{"2026/A-12/weights/w.jpg", b, "weights/w.jpg"},
		{"A-1_label.jpg", a, "A-1_label.jpg"},
		{"A-12-label.jpg", b, "A-12-label.jpg"},
		{"A-1.jpg", a, "A-1.jpg"},
		{"面单/ZT9 1.jpg", a, "面单/ZT9 1.jpg"},
		{"A-123.jpg", nil, ""},
		{"other.jpg", nil, ""},
	} {
		got, dest := matchPhoto(tc.path, keys)
		if got != tc.want || dest != tc.dest {
			t.Errorf("matchPhoto(%q) = %v %q; want %v %q", tc.path, got, dest, tc.want, tc.dest)
		}
	}
}

func fmtSscan(s string, x *float64) (int, error) { return fmt.Sscan(s, x) }
