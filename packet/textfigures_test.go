package packet

import (
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence"
)

// figuresOrder is consistentOrder with the captions, notes and events of
// the missing-item sample, whose figures all agree with the manifest.
func figuresOrder() *evidence.Manifest {
	m := consistentOrder()
	m.Shipment.ReweighWeightG = f(785)
	m.Timeline = []evidence.Event{
		{At: *at("2026-11-01T17:42:00+08:00"), Event: "仓库出库称重 0.780 kg"},
		{At: *at("2026-11-01T19:05:00+08:00"), Event: "快递员揽收，称重 0.790 kg"},
		{At: *at("2026-11-02T08:00:00+08:00"), Event: "快递到达上海转运中心"},
	}
	m.Evidence = []evidence.EvidenceItem{
		{File: "label.jpg", Kind: evidence.ShippingLabel, Caption: "快递面单，运单号 ZT1234567890"},
		{File: "weights/warehouse.jpg", Kind: evidence.WarehouseWeight, Caption: "仓库出库称重 0.780 kg",
			Highlight: []evidence.Region{{X: 0.7, Y: 0.2, W: 0.2, H: 0.2, Note: "秤显示 0.780 kg"}}},
		{File: "weights/courier.png", Kind: evidence.CourierWeight, Caption: "中通内网揽收称重记录 0.79 kg"},
		{File: "weights/reweigh.jpg", Kind: evidence.Reweigh, Caption: "同款两只装重新打包称重 0.785 kg"},
		{File: "chat.png", Kind: evidence.Chat, Caption: "买家要求退款 ¥59"},
	}
	return m
}

func TestFiguresInText(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(m *evidence.Manifest)
		fields []string // the one finding's fields; nil: no finding
		says   []string // what its text must say
	}{
		{"every figure agrees", func(m *evidence.Manifest) {}, nil, nil},
		{"the same reading written otherwise", func(m *evidence.Manifest) {
			m.Evidence[2].Caption = "揽收称重 790克（1.58斤，０．７９公斤，0.8 kg，1 kg 计费）"
			m.Timeline[1].Event = "Collected by courier: 790g"
		}, nil, nil},
		{"rounded to one decimal", func(m *evidence.Manifest) { m.Evidence[2].Caption = "揽收称重 0.8 kg" }, nil, nil},
		{"a second figure beside the reading", func(m *evidence.Manifest) {
			m.Evidence[2].Caption = "揽收称重 0.79 kg，与仓库 0.78 kg 一致"
		}, nil, nil},
		{"courier caption against the manifest", func(m *evidence.Manifest) { m.Evidence[2].Caption = "揽收称重 0.63 kg" },
			[]string{"evidence[2].caption", "shipment.courier_weight_g"}, []string{"weights/courier.png", "0.63 kg", "630 g", "790 g"}},
		{"caption of a changed reading", func(m *evidence.Manifest) {
			m.Shipment.CourierWeightG = f(780)
			m.Timeline[1].Event = "快递员揽收"
		}, []string{"evidence[2].caption", "shipment.courier_weight_g"}, []string{"0.79 kg", "780 g"}},
		{"rounded to the wrong gram", func(m *evidence.Manifest) { m.Evidence[1].Caption = "仓库出库称重 0.77 kg" },
			[]string{"evidence[1].caption", "shipment.warehouse_weight_g"}, []string{"0.77 kg", "780 g"}},
		{"highlight note", func(m *evidence.Manifest) { m.Evidence[1].Highlight[0].Note = "scale reading 1.55斤" },
			[]string{"evidence[1].highlight[0].note", "shipment.warehouse_weight_g"}, []string{"highlight 1 of weights/warehouse.jpg", "1.55斤", "775 g"}},
		{"reweigh event", func(m *evidence.Manifest) {
			m.Timeline = append(m.Timeline, evidence.Event{At: *at("2026-11-04T10:00:00+08:00"), Event: "Identical parcel re-packed: 0.700 kg"})
		},
			[]string{"timeline[3].event", "shipment.reweigh_weight_g"}, []string{"0.700 kg", "785 g"}},
		{"a weight that is none of the order's", func(m *evidence.Manifest) { m.Evidence[0].Caption = "面单，包裹 1.2 kg" },
			[]string{"evidence[0].caption", "shipment.courier_weight_g", "items"}, []string{"1.2 kg", "1200 g", "the full parcel 780 g"}},
		{"a unit weight is one of the order's", func(m *evidence.Manifest) { m.Evidence[0].Caption = "每只杯子 350 g" }, nil, nil},
		{"an event about no reading", func(m *evidence.Manifest) { m.Timeline[2].Event = "到达转运中心，称重 1.1 kg" },
			[]string{"timeline[2].event", "items"}, []string{"1.1 kg"}},
		{"a caption whose reading the manifest lacks", func(m *evidence.Manifest) { m.Shipment.ReweighWeightG = nil },
			[]string{"evidence[3].caption", "shipment.reweigh_weight_g"}, []string{"0.785 kg", "not set", "reweigh_weight_g: 785"}},
		{"money that is none of the order's", func(m *evidence.Manifest) { m.Evidence[4].Caption = "买家要求退款 59.50元" },
			[]string{"evidence[4].caption", "after_sale.amount"}, []string{"chat.png", "59.50元", "¥118.00"}},
		{"money in dollars and full width", func(m *evidence.Manifest) { m.Timeline[2].Event = "refunded ＵＳＤ ６０" },
			[]string{"timeline[2].event", "items"}, []string{"ＵＳＤ ６０"}},
		{"the order's amounts", func(m *evidence.Manifest) {
			m.AfterSale.Remedy = &evidence.Remedy{Type: "compensation", Amount: f(15)}
			m.Evidence[4].Caption = "买家同意补偿 15 元；订单 118.00元，单价 ¥59"
		}, nil, nil},
		{"postage is not the order's to know", func(m *evidence.Manifest) {
			m.Evidence[4].Caption = "退款 ¥59，运费 ¥8 由本店承担; return postage $8.50 paid"
		}, nil, nil},
		{"the courier reading matches the short parcel", func(m *evidence.Manifest) {
			m.Shipment.CourierWeightG, m.Shipment.ReweighWeightG = f(435), nil
			m.Evidence, m.Timeline = nil, nil
		}, []string{"shipment.courier_weight_g", "after_sale.missing"},
			[]string{"courier reading, 435 g,", "430 g", "1 x A-100", "warehouse reading, 780 g,", "buyer's case"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := figuresOrder()
			tt.edit(m)
			var got []Finding
			for _, f := range Consistency(m, nil) {
				if !strings.Contains(f.Message, "differ by") { // the spread is checked elsewhere
					got = append(got, f)
				}
			}
			if tt.fields == nil {
				if len(got) > 0 {
					t.Fatalf("want no findings, got %v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one finding naming %v, got %v", tt.fields, got)
			}
			if got[0].Severity != SeverityWarning || !containsAll(got[0].Fields, tt.fields) {
				t.Errorf("got %v, want a warning naming %v", got[0], tt.fields)
			}
			for _, s := range tt.says {
				if !strings.Contains(got[0].String(), s) {
					t.Errorf("%q does not say %q", got[0], s)
				}
			}
		})
	}
}

func TestShortReadings(t *testing.T) {
	tests := []struct {
		name                        string
		warehouse, courier, reweigh *float64
		want                        []string
	}{
		{"all full", f(780), f(790), f(785), nil},
		{"courier short", f(780), f(435), nil, []string{"courier"}},
		{"both short", f(440), f(435), nil, []string{"warehouse", "courier"}},
		{"neither", f(600), f(610), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := consistentOrder()
			m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG, m.Shipment.ReweighWeightG = tt.warehouse, tt.courier, tt.reweigh
			var got []string
			for _, r := range Reconcile(m).ShortReadings() {
				got = append(got, r.Source)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("ShortReadings = %v, want %v", got, tt.want)
			}
		})
	}
	m := consistentOrder()
	m.Items[0].UnitWeightG = f(20) // too light to tell
	m.Shipment.WarehouseWeightG, m.Shipment.CourierWeightG = f(100), f(100)
	if rs := Reconcile(m).ShortReadings(); len(rs) > 0 {
		t.Errorf("a missing item lighter than the tolerance: ShortReadings = %v", rs)
	}
}

func TestClauseAround(t *testing.T) {
	s := "退款 ¥59，运费 ¥8 由本店承担; return postage $8.50 paid. Total $1,299.00 ok"
	for _, tt := range []struct{ at, want string }{
		{"¥59", "退款 ¥59"}, {"¥8", "运费 ¥8 由本店承担"}, {"$8.50", " return postage $8.50 paid"}, {"$1,299.00", " Total $1,299.00 ok"},
	} {
		i := strings.Index(s, tt.at)
		if got := clauseAround(s, i, i+len(tt.at)); got != tt.want {
			t.Errorf("clauseAround(%q) = %q, want %q", tt.at, got, tt.want)
		}
	}
}
