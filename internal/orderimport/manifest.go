package orderimport

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// builder turns an order's rows into its manifest.
type builder struct {
	t        *Table
	mp       *Mapping
	loc      *time.Location
	platform string // --platform, else the recognised export's
	shop     string
	currency string
	lang     string
	dispute  string
}

func (b *builder) cell(r Row, field string) string {
	i, ok := b.mp.Column[field]
	if !ok {
		return ""
	}
	return r.Cell(i)
}

func (b *builder) header(field string) string {
	if i, ok := b.mp.Column[field]; ok && i < len(b.t.Header) {
		return b.t.Header[i]
	}
	return field
}

// orderFields are read once per order and must agree across its rows.
var orderFields = []string{fPlatform, fCurrency, fShop, fBuyer, fPlacedAt, fCarrier, fTracking, fShippedAt, fDeliveredAt,
	fPackagingWeightG, fWarehouseWeightG, fCourierWeightG, fReweighWeightG, fRequestedAt, fClaim, fAmount, fStatement}

// manifest builds the order's manifest; any problem is a row error.
func (b *builder) manifest(id string, rows []Row) (*evidence.Manifest, []RowError) {
	var errs []RowError
	fail := func(r Row, format string, a ...any) {
		errs = append(errs, RowError{Row: r.Num, OrderID: id, Reason: fmt.Sprintf(format, a...)})
	}
	// Order-level values: the first non-empty one, and every other row
	// must agree with it (or leave the cell empty).
	val := map[string]string{}
	from := map[string]int{}
	for _, r := range rows {
		for _, f := range orderFields {
			v := b.cell(r, f)
			if v == "" {
				continue
			}
			if prev, ok := val[f]; ok && prev != v {
				fail(r, "%s is %q here but %q on row %d of the same order", b.header(f), v, prev, from[f])
				continue
			}
			if _, ok := val[f]; !ok {
				val[f], from[f] = v, r.Num
			}
		}
	}
	row := func(f string) Row { // the row an order-level value came from, for messages
		for _, r := range rows {
			if r.Num == from[f] {
				return r
			}
		}
		return rows[0]
	}
	m := &evidence.Manifest{OrderID: id, Dispute: b.dispute, Language: b.lang}
	m.Platform = cmp.Or(b.platform, strings.ToLower(val[fPlatform]), "other")
	if !slices.Contains(evidence.Platforms, m.Platform) {
		fail(row(fPlatform), "platform %q: expected one of %s (or give --platform)", m.Platform, strings.Join(evidence.Platforms, ", "))
	}
	m.Currency = strings.ToUpper(cmp.Or(val[fCurrency], b.currency))
	m.Shop = cmp.Or(val[fShop], b.shop)
	if m.Shop == "" {
		fail(rows[0], "no shop name (add a %s column or give --shop)", strings.Join(DefaultHeaders[fShop][:2], "/"))
	}
	m.Buyer = val[fBuyer]
	m.Shipment.Carrier = val[fCarrier]
	if v := val[fTracking]; roundedNumber(v) {
		fail(row(fTracking), "%s: %s", b.header(fTracking), roundedMsg(v))
	} else {
		tracking, carrier := splitTracking(v)
		m.Shipment.TrackingNumber = tracking
		m.Shipment.Carrier = cmp.Or(m.Shipment.Carrier, carrier)
	}
	m.AfterSale.Claim = val[fClaim]
	m.Statement = val[fStatement]

	times := []struct {
		f   string
		dst **time.Time
	}{
		{fPlacedAt, &m.PlacedAt}, {fShippedAt, &m.Shipment.ShippedAt}, {fDeliveredAt, &m.Shipment.DeliveredAt},
		{fRequestedAt, &m.AfterSale.RequestedAt},
	}
	for _, tf := range times {
		if v := val[tf.f]; v != "" {
			t, err := parseTime(v, b.loc, b.t.Excel)
			if err != nil {
				fail(row(tf.f), "%s: %v", b.header(tf.f), err)
				continue
			}
			*tf.dst = &t
		}
	}
	weights := []struct {
		f   string
		dst **float64
	}{
		{fPackagingWeightG, &m.Shipment.PackagingWeightG}, {fWarehouseWeightG, &m.Shipment.WarehouseWeightG},
		{fCourierWeightG, &m.Shipment.CourierWeightG}, {fReweighWeightG, &m.Shipment.ReweighWeightG},
	}
	for _, wf := range weights {
		if v := val[wf.f]; v != "" {
			g, err := parseNumber(v, true)
			if err != nil || g < 0 {
				fail(row(wf.f), "%s: %s", b.header(wf.f), numErr(err, v, "grams"))
				continue
			}
			*wf.dst = &g
		}
	}
	if v := val[fAmount]; v != "" {
		a, err := parseNumber(v, false)
		if err != nil || a < 0 {
			fail(row(fAmount), "%s: %s", b.header(fAmount), numErr(err, v, "an amount"))
		} else {
			m.AfterSale.Amount = &a
		}
	}

	// One item per row; rows of the same item without a SKU (the name is
	// then its key) are one line.
	for _, r := range rows {
		it := evidence.Item{SKU: b.cell(r, fItemSKU), Name: b.cell(r, fItemName)}
		if it.Name == "" {
			fail(r, "no product name (%s is empty)", b.header(fItemName))
		}
		if it.SKU == "" {
			it.SKU = itemKey(it.Name)
		}
		q := b.cell(r, fItemQuantity)
		switch n, err := parseCount(q); {
		case q == "":
			fail(r, "no quantity (%s is empty)", b.header(fItemQuantity))
		case err != nil:
			fail(r, "%s: %v", b.header(fItemQuantity), err)
		case n < 1:
			fail(r, "%s: %d; expected at least 1", b.header(fItemQuantity), n)
		default:
			it.Quantity = n
		}
		if v := b.cell(r, fItemUnitPrice); v != "" {
			p, err := parseNumber(v, false)
			if err != nil || p < 0 {
				fail(r, "%s: %s", b.header(fItemUnitPrice), numErr(err, v, "a price"))
			} else {
				it.UnitPrice = &p
			}
		} else if v := b.cell(r, fItemTotalPrice); v != "" && it.Quantity > 0 {
			p, err := parseNumber(v, false)
			if err != nil || p < 0 {
				fail(r, "%s: %s", b.header(fItemTotalPrice), numErr(err, v, "a price"))
			} else {
				p = math.Round(p/float64(it.Quantity)*100) / 100
				it.UnitPrice = &p
			}
		}
		if v := b.cell(r, fItemUnitWeightG); v != "" {
			g, err := parseNumber(v, true)
			if err != nil || g <= 0 {
				fail(r, "%s: %s", b.header(fItemUnitWeightG), numErr(err, v, "grams"))
			} else {
				it.UnitWeightG = &g
			}
		} else if v := b.cell(r, fItemUnitWeightKG); v != "" {
			kg, err := parseNumber(v, false)
			if err != nil || kg <= 0 {
				fail(r, "%s: %s", b.header(fItemUnitWeightKG), numErr(err, v, "kilograms"))
			} else {
				g := kg * 1000
				it.UnitWeightG = &g
			}
		}
		if v := b.cell(r, fItemMissing); v != "" {
			n, err := parseCount(v)
			switch {
			case err != nil:
				fail(r, "%s: %v", b.header(fItemMissing), err)
			case n < 0 || (it.Quantity > 0 && n > it.Quantity):
				fail(r, "%s: %d; expected 0 to the quantity ordered (%d)", b.header(fItemMissing), n, it.Quantity)
			case n > 0:
				m.AfterSale.Missing = append(m.AfterSale.Missing, evidence.Missing{SKU: it.SKU, Quantity: n})
			}
		}
		if i := slices.IndexFunc(m.Items, func(o evidence.Item) bool { return o.SKU == it.SKU }); i >= 0 && b.cell(r, fItemSKU) == "" {
			m.Items[i].Quantity += it.Quantity
			continue
		}
		m.Items = append(m.Items, it)
	}
	return m, errs
}

// itemKey is the key of an item the export gives no SKU for: its name, cut
// to the length a manifest's SKU may have.
func itemKey(name string) string {
	const maxKey = 100
	if r := []rune(name); len(r) > maxKey {
		return string(r[:maxKey])
	}
	return name
}

var trackingTokenRE = regexp.MustCompile(`[A-Za-z0-9]{8,}`)

// splitTracking reads a tracking cell that also names the carrier, as
// "中通快递 73123456789012" or "中通快递:73123456789012": it returns the
// one waybill number in it and the carrier's name around it. Any other
// cell is the number as it is.
func splitTracking(s string) (number, carrier string) {
	toks := trackingTokenRE.FindAllString(s, -1)
	if len(toks) != 1 || toks[0] == s {
		return s, ""
	}
	rest := strings.Trim(strings.Replace(s, toks[0], " ", 1), " ,，:：;；/|()（）")
	if !hasHan(rest) || strings.ContainsAny(rest, " ,，:：;；/|") {
		return toks[0], ""
	}
	return toks[0], rest
}

// roundedMsg explains a long number Excel rounded.
func roundedMsg(v string) string {
	return fmt.Sprintf("%s is a long number Excel rounded, so its last digits are lost; export the orders again as CSV (or with the column formatted as text) and import that", v)
}

func numErr(err error, v, what string) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%q: expected %s above zero", v, what)
}
