package orderimport

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// Fields a column can map to. Item fields are per row (one order line);
// the others belong to the order and must agree on every row of it.
const (
	fOrderID          = "order_id"
	fPlatform         = "platform"
	fCurrency         = "currency"
	fShop             = "shop"
	fBuyer            = "buyer"
	fPlacedAt         = "placed_at"
	fItemName         = "items.name"
	fItemSKU          = "items.sku"
	fItemQuantity     = "items.quantity"
	fItemUnitPrice    = "items.unit_price"
	fItemTotalPrice   = "items.total_price" // the line's price; divided by the quantity when no unit price is given
	fItemUnitWeightG  = "items.unit_weight_g"
	fItemUnitWeightKG = "items.unit_weight_kg"
	fItemMissing      = "items.missing_quantity" // after_sale.missing for this line
	fCarrier          = "shipment.carrier"
	fTracking         = "shipment.tracking_number"
	fShippedAt        = "shipment.shipped_at"
	fDeliveredAt      = "shipment.delivered_at"
	fPackagingWeightG = "shipment.packaging_weight_g"
	fWarehouseWeightG = "shipment.warehouse_weight_g"
	fCourierWeightG   = "shipment.courier_weight_g"
	fReweighWeightG   = "shipment.reweigh_weight_g"
	fRequestedAt      = "after_sale.requested_at"
	fClaim            = "after_sale.claim"
	fAmount           = "after_sale.amount"
	fStatement        = "statement"
	fIgnore           = "-" // a map file's way to drop a column
)

// DefaultHeaders lists, for each field, the headers of common exports that
// map to it, most specific first: when an export has two of them (下单时间
// and 付款时间), the earlier one in this list is used and the other column
// is ignored.
var DefaultHeaders = map[string][]string{
	fOrderID:          {"订单号", "订单编号", "主订单编号", "订单ID", "Order ID", "Order Number", "Order No", "Order"},
	fPlatform:         {"平台", "Platform"},
	fCurrency:         {"币种", "Currency"},
	fShop:             {"店铺名称", "店铺", "Shop", "Shop Name", "Store", "Store Name"},
	fBuyer:            {"买家昵称", "买家", "Buyer", "Buyer Name"},
	fPlacedAt:         {"下单时间", "订单创建时间", "付款时间", "Order Time", "Order Date", "Placed At"},
	fItemName:         {"商品名称", "宝贝标题", "商品标题", "Product", "Product Name", "Item Name", "Item"},
	fItemSKU:          {"商品编码", "商家编码", "SKU", "SKU ID", "规格编码"},
	fItemQuantity:     {"数量", "购买数量", "商品数量", "Quantity", "Qty"},
	fItemUnitPrice:    {"单价", "商品单价", "Price", "Unit Price"},
	fItemTotalPrice:   {"商品总价", "商品总价(元)", "小计", "Line Total", "Item Total"},
	fItemUnitWeightG:  {"单件重量", "单件重量(g)", "重量(g)", "Weight", "Weight (g)", "Unit Weight", "Unit Weight (g)"},
	fItemUnitWeightKG: {"单件重量(kg)", "重量(kg)", "Weight (kg)", "Unit Weight (kg)"},
	fItemMissing:      {"缺件数量", "少件数量", "Missing Quantity", "Missing Qty"},
	fCarrier:          {"快递公司", "物流公司", "Carrier", "Courier"},
	fTracking:         {"快递单号", "运单号", "物流单号", "Tracking Number", "Tracking No", "Tracking"},
	fShippedAt:        {"发货时间", "Ship Time", "Shipped At", "Ship Date"},
	fDeliveredAt:      {"签收时间", "Delivered At", "Delivery Time"},
	fPackagingWeightG: {"包装重量", "包装重量(g)", "Packaging Weight", "Packaging Weight (g)"},
	fWarehouseWeightG: {"仓库称重", "出库重量", "仓库称重(g)", "出库重量(g)", "Warehouse Weight", "Warehouse Weight (g)"},
	fCourierWeightG:   {"揽收重量", "快递称重", "揽收重量(g)", "Courier Weight", "Courier Weight (g)"},
	fReweighWeightG:   {"复称重量", "Reweigh Weight"},
	fRequestedAt:      {"售后申请时间", "退款申请时间", "申请时间", "Refund Requested At", "Requested At"},
	fClaim:            {"售后原因", "退款原因", "Claim", "Refund Reason"},
	fAmount:           {"退款金额", "申请金额", "Refund Amount", "Claim Amount"},
	fStatement:        {"卖家说明", "Statement"},
}

// fieldAliases are shorter names a map file may use for a field.
var fieldAliases = map[string]string{
	"name": fItemName, "sku": fItemSKU, "quantity": fItemQuantity, "unit_price": fItemUnitPrice, "total_price": fItemTotalPrice,
	"unit_weight_g": fItemUnitWeightG, "unit_weight_kg": fItemUnitWeightKG, "missing_quantity": fItemMissing,
	"items[].name": fItemName, "items[].sku": fItemSKU, "items[].quantity": fItemQuantity,
	"items[].unit_price": fItemUnitPrice, "items[].unit_weight_g": fItemUnitWeightG,
	"carrier": fCarrier, "tracking_number": fTracking, "shipped_at": fShippedAt, "delivered_at": fDeliveredAt,
	"packaging_weight_g": fPackagingWeightG, "warehouse_weight_g": fWarehouseWeightG,
	"courier_weight_g": fCourierWeightG, "reweigh_weight_g": fReweighWeightG,
	"requested_at": fRequestedAt, "claim": fClaim, "amount": fAmount, "ignore": fIgnore,
}

// Fields returns every field name a map file may use, sorted.
func Fields() []string {
	var out []string
	for f := range DefaultHeaders {
		out = append(out, f)
	}
	out = append(out, fIgnore)
	sort.Strings(out)
	return out
}

// canonicalField resolves a map file's field name.
func canonicalField(f string) (string, bool) {
	f = strings.TrimSpace(f)
	if _, ok := DefaultHeaders[f]; ok || f == fIgnore {
		return f, true
	}
	if c, ok := fieldAliases[strings.ToLower(f)]; ok {
		return c, true
	}
	return "", false
}

// normHeader makes header comparison ignore case, spaces, underscores,
// hyphens and full-width brackets.
func normHeader(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch r {
		case ' ', '\t', '_', '-', '\u3000', '*':
			continue
		case '（':
			r = '('
		case '）':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Mapping is the column each field is read from.
type Mapping struct {
	Column  map[string]int // field -> column index
	Ignored []string       // headers that map to nothing, or lost to a more specific header
	Export  *Export        // the platform export the headers were recognised as; nil if none
}

// MapHeader maps the header row to fields: the map file's entries (extra,
// header -> field) first, then the headers of the platform export the row
// is recognised as, then the default headers. It fails when no column
// gives the order id, or when a map entry names an unknown field.
func MapHeader(header []string, extra map[string]string) (*Mapping, error) {
	m := &Mapping{Column: map[string]int{}}
	used := map[int]bool{}
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normHeader(h)
	}
	// take maps the column headed h to field, unless the field or the
	// column is already taken.
	take := func(h, field string) {
		i := slices.Index(norm, normHeader(h))
		if i < 0 || used[i] {
			return
		}
		if _, set := m.Column[field]; set && field != fIgnore {
			return
		}
		used[i] = true
		if field != fIgnore {
			m.Column[field] = i
		}
	}
	// The map file's entries win.
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	seen := map[string]string{}
	for _, h := range keys {
		field, ok := canonicalField(extra[h])
		if !ok {
			return nil, fmt.Errorf("map: %q: unknown field %q; expected one of %s", h, extra[h], strings.Join(Fields(), ", "))
		}
		if !slices.Contains(norm, normHeader(h)) {
			continue // a map file may serve several exports
		}
		if prev, dup := seen[field]; dup && field != fIgnore {
			return nil, fmt.Errorf("map: columns %q and %q both map to %s", prev, h, field)
		}
		seen[field] = h
		take(h, field)
	}
	if m.Export = recogniseExport(norm); m.Export != nil {
		for _, c := range m.Export.Columns {
			take(c.Header, c.Field)
		}
	}
	fields := make([]string, 0, len(DefaultHeaders))
	for f := range DefaultHeaders {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		for _, h := range DefaultHeaders[f] {
			take(h, f)
		}
	}
	for i, h := range header {
		if !used[i] && strings.TrimSpace(h) != "" {
			m.Ignored = append(m.Ignored, h)
		}
	}
	if err := m.require(fOrderID, "order id", "我的单号: order_id"); err != nil {
		return nil, err
	}
	return m, nil
}

// require fails when no column gives field, naming the headers that would.
func (m *Mapping) require(field, what, example string) error {
	if _, ok := m.Column[field]; ok {
		return nil
	}
	return fmt.Errorf("no %s column; expected one of %s, or map yours with --map (e.g. %s)",
		what, strings.Join(m.Headers(field), ", "), example)
}

// Headers lists the headers that give field: the recognised export's
// first, then the default ones.
func (m *Mapping) Headers(field string) []string {
	var hs []string
	if m.Export != nil {
		for _, c := range m.Export.Columns {
			if c.Field == field && !slices.Contains(hs, c.Header) {
				hs = append(hs, c.Header)
			}
		}
	}
	for _, h := range DefaultHeaders[field] {
		if !slices.Contains(hs, h) {
			hs = append(hs, h)
		}
	}
	return hs
}

// LoadMap reads a map file: YAML, each entry "header: field".
func LoadMap(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]string
	if err := yamlsafe.Unmarshal(data, &m, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %v (expected lines of the form \"header: field\")", path, err)
	}
	for h, f := range m {
		if _, ok := canonicalField(f); !ok {
			return nil, fmt.Errorf("%s: %q: unknown field %q; expected one of %s", path, h, f, strings.Join(Fields(), ", "))
		}
	}
	return m, nil
}
