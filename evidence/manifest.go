package evidence

import (
	"fmt"
	"image"
	"math"
	"time"
	_ "time/tzdata" // time_zone names resolve on machines without a zone database

	"github.com/goccy/go-yaml/ast"
)

// Manifest is an order folder's order.yaml or order.json.
type Manifest struct {
	OrderID     string            `yaml:"order_id" json:"order_id" schema:"required" doc:"The platform's order number"`
	Platform    string            `yaml:"platform" json:"platform" schema:"required" doc:"Marketplace or payment platform"`
	Dispute     string            `yaml:"dispute" json:"dispute" schema:"required" doc:"Dispute template name, e.g. missing-item"`
	ReasonCode  *ReasonCode       `yaml:"reason_code,omitempty" json:"reason_code,omitempty" doc:"Card disputes: the network's reason code the dispute was filed under, e.g. {network: visa, code: \"13.1\"} (proofpack templates lists the codes)"`
	Language    string            `yaml:"language,omitempty" json:"language,omitempty" doc:"Packet language: the name of a phrase book, zh or en built in (default zh)"`
	Currency    string            `yaml:"currency,omitempty" json:"currency,omitempty" doc:"ISO 4217 code, e.g. CNY"`
	TimeZone    string            `yaml:"time_zone,omitempty" json:"time_zone,omitempty" doc:"The order's time zone, an IANA name such as Asia/Shanghai or America/New_York; times are shown in it (default: the platform's own, Asia/Shanghai for the Chinese platforms)"`
	Shop        string            `yaml:"shop" json:"shop" schema:"required" doc:"The seller's shop name"`
	Buyer       string            `yaml:"buyer,omitempty" json:"buyer,omitempty" doc:"Buyer as the platform shows them"`
	PlacedAt    *time.Time        `yaml:"placed_at,omitempty" json:"placed_at,omitempty" doc:"When the order was placed (RFC 3339)"`
	GeneratedAt *time.Time        `yaml:"generated_at,omitempty" json:"generated_at,omitempty" doc:"Date printed as the packet's generation time; fixes the output bytes"`
	Items       []Item            `yaml:"items" json:"items" schema:"required,nonempty" doc:"Order lines"`
	Shipment    Shipment          `yaml:"shipment" json:"shipment" doc:"Parcel and its weights"`
	AfterSale   AfterSale         `yaml:"after_sale" json:"after_sale" doc:"The buyer's after-sales request"`
	Transaction *Transaction      `yaml:"transaction,omitempty" json:"transaction,omitempty" doc:"Card-absent fraud: what identified the customer in the disputed transaction (Visa Compelling Evidence 3.0)"`
	Prior       []Transaction     `yaml:"prior_transactions,omitempty" json:"prior_transactions,omitempty" doc:"Card-absent fraud: the customer's earlier transactions on the same card, for Visa Compelling Evidence 3.0"`
	Timeline    []Event           `yaml:"timeline,omitempty" json:"timeline,omitempty" doc:"Further dated events"`
	Policy      *AfterSalesPolicy `yaml:"policy,omitempty" json:"policy,omitempty" doc:"The shop's after-sales terms, for disputes about the after-sales period"`
	Statement   string            `yaml:"statement,omitempty" json:"statement,omitempty" doc:"Seller's own words, added to the generated statement"`
	Evidence    []EvidenceItem    `yaml:"evidence,omitempty" json:"evidence,omitempty" doc:"Evidence files; when absent, files are discovered by name"`

	src  *ast.File // the parsed document, to locate fields in messages
	name string    // the manifest's file name
}

// Item is one order line.
type Item struct {
	SKU         string   `yaml:"sku" json:"sku" schema:"required"`
	Name        string   `yaml:"name" json:"name" schema:"required"`
	Quantity    int      `yaml:"quantity" json:"quantity" schema:"required,min=1"`
	UnitWeightG *float64 `yaml:"unit_weight_g,omitempty" json:"unit_weight_g,omitempty" schema:"positive" doc:"Weight of one unit in grams"`
	UnitPrice   *float64 `yaml:"unit_price,omitempty" json:"unit_price,omitempty" schema:"nonneg" doc:"Price of one unit"`
}

// Shipment is the parcel as shipped.
type Shipment struct {
	Carrier              string     `yaml:"carrier,omitempty" json:"carrier,omitempty"`
	TrackingNumber       string     `yaml:"tracking_number,omitempty" json:"tracking_number,omitempty"`
	ShippedAt            *time.Time `yaml:"shipped_at,omitempty" json:"shipped_at,omitempty"`
	DeliveredAt          *time.Time `yaml:"delivered_at,omitempty" json:"delivered_at,omitempty"`
	PackagingWeightG     *float64   `yaml:"packaging_weight_g,omitempty" json:"packaging_weight_g,omitempty" schema:"nonneg" doc:"Box, filler and tape in grams"`
	WarehouseWeightG     *float64   `yaml:"warehouse_weight_g,omitempty" json:"warehouse_weight_g,omitempty" schema:"positive" doc:"仓库出库称重, grams"`
	CourierWeightG       *float64   `yaml:"courier_weight_g,omitempty" json:"courier_weight_g,omitempty" schema:"positive" doc:"快递揽收称重, grams"`
	ReweighWeightG       *float64   `yaml:"reweigh_weight_g,omitempty" json:"reweigh_weight_g,omitempty" schema:"positive" doc:"Identical parcel re-packed and weighed, grams"`
	RefusedAt            *time.Time `yaml:"refused_at,omitempty" json:"refused_at,omitempty" doc:"The buyer refused the parcel at delivery (拒收)"`
	InterceptRequestedAt *time.Time `yaml:"intercept_requested_at,omitempty" json:"intercept_requested_at,omitempty" doc:"The seller asked the courier to intercept and recall the parcel (快递拦截)"`
	ReturnedAt           *time.Time `yaml:"returned_at,omitempty" json:"returned_at,omitempty" doc:"The parcel came back to the seller"`
	WeightToleranceG     *float64   `yaml:"weight_tolerance_g,omitempty" json:"weight_tolerance_g,omitempty" schema:"nonneg" doc:"Allowed difference between weights in grams (default: the larger of 30 g and 3% of the expected weight)"`
	CheckoutAddress      string     `yaml:"checkout_address,omitempty" json:"checkout_address,omitempty" doc:"The shipping address the customer gave at checkout (as the order receipt shows it)"`
	DeliveryAddress      string     `yaml:"delivery_address,omitempty" json:"delivery_address,omitempty" doc:"The address the carrier records the parcel delivered to (as its tracking or proof of delivery shows it)"`
}

// AfterSale is the buyer's request.
type AfterSale struct {
	RequestedAt *time.Time `yaml:"requested_at,omitempty" json:"requested_at,omitempty"`
	Claim       string     `yaml:"claim,omitempty" json:"claim,omitempty" doc:"The buyer's claim in their words"`
	Missing     []Missing  `yaml:"missing,omitempty" json:"missing,omitempty" doc:"Items the buyer says were missing"`
	Amount      *float64   `yaml:"amount,omitempty" json:"amount,omitempty" schema:"nonneg" doc:"Amount the buyer claims"`
	Type        string     `yaml:"type,omitempty" json:"type,omitempty" doc:"What the buyer asks for: refund, return-refund, exchange, partial-refund, repair"`
	Defect      string     `yaml:"defect,omitempty" json:"defect,omitempty" doc:"Quality disputes: the problem the buyer reports"`
	Cause       string     `yaml:"cause,omitempty" json:"cause,omitempty" doc:"Quality disputes: what caused the damage, e.g. as the buyer admitted in the chat"`
	ClaimedItem string     `yaml:"claimed_item,omitempty" json:"claimed_item,omitempty" doc:"not-our-product: what the buyer's photo shows"`
	Remedy      *Remedy    `yaml:"remedy,omitempty" json:"remedy,omitempty" doc:"What the seller offered, and whether the buyer accepted"`
	Refund      *Refund    `yaml:"refund,omitempty" json:"refund,omitempty" doc:"A refund the seller issued: when, how much, and the acquirer reference number"`
}

// Refund is a refund (a credit to the card) the seller issued.
type Refund struct {
	At        *time.Time `yaml:"at,omitempty" json:"at,omitempty" doc:"When the refund was issued"`
	Amount    *float64   `yaml:"amount,omitempty" json:"amount,omitempty" schema:"nonneg" doc:"Amount refunded"`
	Reference string     `yaml:"reference,omitempty" json:"reference,omitempty" doc:"The acquirer reference number (ARN) or the processor's refund id, which the card issuer can trace"`
}

// Recorded reports whether the refund's date and amount are both given:
// only then may the packet say that a refund was issued.
func (r *Refund) Recorded() bool { return r != nil && r.At != nil && r.Amount != nil }

// ReasonCode is the card network's (or payment platform's) reason code a
// dispute was filed under.
type ReasonCode struct {
	Network string `yaml:"network" json:"network" schema:"required" doc:"visa, mastercard, amex, discover, or the platform whose reason names are used: stripe, paypal, shopify"`
	Code    string `yaml:"code" json:"code" schema:"required" doc:"The code as the dispute notice gives it, e.g. \"13.1\", \"4853\", \"C08\", \"product_not_received\""`
}

// Transaction is a card-absent transaction as the shop recorded it: the
// disputed one (transaction:) or an earlier one of the same customer on
// the same card (prior_transactions:), with the elements Visa Compelling
// Evidence 3.0 compares.
type Transaction struct {
	At              *time.Time `yaml:"at,omitempty" json:"at,omitempty" doc:"When it was processed (required for a prior transaction; the disputed one defaults to placed_at)"`
	Amount          *float64   `yaml:"amount,omitempty" json:"amount,omitempty" schema:"nonneg"`
	Reference       string     `yaml:"reference,omitempty" json:"reference,omitempty" doc:"Its order or charge number"`
	IPAddress       string     `yaml:"ip_address,omitempty" json:"ip_address,omitempty" doc:"The customer's IP address at purchase"`
	DeviceID        string     `yaml:"device_id,omitempty" json:"device_id,omitempty" doc:"The customer's device ID or device fingerprint"`
	ShippingAddress string     `yaml:"shipping_address,omitempty" json:"shipping_address,omitempty" doc:"The address the purchase was shipped to"`
	CustomerAccount string     `yaml:"customer_account,omitempty" json:"customer_account,omitempty" doc:"The customer's account or login ID with the shop"`
	Disputed        bool       `yaml:"disputed,omitempty" json:"disputed,omitempty" doc:"Prior transactions: whether it was disputed (a disputed one does not count for Compelling Evidence 3.0)"`
}

// Remedy is what the seller offered the buyer.
type Remedy struct {
	Type                string     `yaml:"type" json:"type" schema:"required" doc:"price-difference, exchange, resend, return-refund, partial-refund, compensation, repair, refund-after-refusal or intercept-recall"`
	Amount              *float64   `yaml:"amount,omitempty" json:"amount,omitempty" schema:"nonneg" doc:"Money paid or refunded"`
	OfferedAt           *time.Time `yaml:"offered_at,omitempty" json:"offered_at,omitempty"`
	AcceptedAt          *time.Time `yaml:"accepted_at,omitempty" json:"accepted_at,omitempty" doc:"When the buyer accepted; absent if not (yet) accepted"`
	ReplacementTracking string     `yaml:"replacement_tracking,omitempty" json:"replacement_tracking,omitempty" doc:"Tracking number of the replacement or re-sent parcel"`
	ReturnTracking      string     `yaml:"return_tracking,omitempty" json:"return_tracking,omitempty" doc:"Tracking number of the buyer's return parcel"`
	PostagePaidBy       string     `yaml:"postage_paid_by,omitempty" json:"postage_paid_by,omitempty" doc:"seller or buyer"`
	Note                string     `yaml:"note,omitempty" json:"note,omitempty"`
}

// RemedyTypes lists the accepted remedy types.
var RemedyTypes = []string{"price-difference", "exchange", "resend", "return-refund", "partial-refund", "compensation", "repair", "refund-after-refusal", "intercept-recall"}

// requestTypes lists what a buyer may ask for.
var requestTypes = []string{"refund", "return-refund", "exchange", "partial-refund", "repair"}

// AfterSalesPolicy is the shop's after-sales terms.
type AfterSalesPolicy struct {
	AfterSalesDays *int   `yaml:"after_sales_days,omitempty" json:"after_sales_days,omitempty" schema:"positive" doc:"Days after delivery within which after-sales requests are accepted"`
	Text           string `yaml:"text,omitempty" json:"text,omitempty" doc:"The policy's wording as published"`
}

// Missing is one line of a missing-item claim.
type Missing struct {
	SKU      string `yaml:"sku" json:"sku" schema:"required"`
	Quantity int    `yaml:"quantity" json:"quantity" schema:"required,min=1"`
}

// Event is one dated event of the timeline.
type Event struct {
	At    time.Time `yaml:"at" json:"at" schema:"required"`
	Event string    `yaml:"event" json:"event" schema:"required"`
}

// EvidenceItem is one evidence file listed in the manifest.
type EvidenceItem struct {
	File    string `yaml:"file" json:"file" schema:"required" doc:"Path inside the order folder"`
	Kind    Kind   `yaml:"kind" json:"kind" schema:"required"`
	Caption string `yaml:"caption,omitempty" json:"caption,omitempty"`
	// Redact rectangles are painted solid before anything else happens:
	// a label's phone number and address, a face.
	Redact []Region `yaml:"redact,omitempty" json:"redact,omitempty" doc:"Rectangles painted solid black in every output (pixels of the image as displayed, or fractions of its size)"`
	// Highlight rectangles are outlined with a numbered callout.
	Highlight []Region `yaml:"highlight,omitempty" json:"highlight,omitempty" doc:"Rectangles outlined with a numbered callout (pixels or fractions, like redact)"`
	// Frames are the times in a video shown as stills.
	Frames []string `yaml:"frames,omitempty" json:"frames,omitempty" doc:"Videos: the times shown as stills, e.g. [\"00:05\", \"00:41\"] (default: the first, the last and two between)"`
	// Language and Translation: the language of the text in the file,
	// when it is not the packet's, and the seller's translation of it.
	Language    string `yaml:"language,omitempty" json:"language,omitempty" doc:"The language of the text in the file (e.g. zh for a Chinese chat), when it is not the packet's"`
	Translation string `yaml:"translation,omitempty" json:"translation,omitempty" doc:"The seller's translation of the text in the file into the packet's language, printed under the exhibit as the seller's translation"`
}

// Region is a rectangle of an evidence image as a viewer displays it (after
// EXIF orientation): in pixels, or, when all four values are at most 1, in
// fractions of the image's width and height.
type Region struct {
	X    float64 `yaml:"x" json:"x" schema:"required,nonneg"`
	Y    float64 `yaml:"y" json:"y" schema:"required,nonneg"`
	W    float64 `yaml:"w" json:"w" schema:"required,positive"`
	H    float64 `yaml:"h" json:"h" schema:"required,positive"`
	Note string  `yaml:"note,omitempty" json:"note,omitempty" doc:"Highlights: what the callout points at, e.g. scale reading 0.78 kg"`
}

// Fractional reports whether the region is given in fractions of the
// image's size.
func (r Region) Fractional() bool { return r.X <= 1 && r.Y <= 1 && r.W <= 1 && r.H <= 1 }

// Pixels returns the region in pixels of an image of w x h, clipped to it.
func (r Region) Pixels(w, h int) image.Rectangle {
	x, y, rw, rh := r.X, r.Y, r.W, r.H
	if r.Fractional() {
		x, y, rw, rh = x*float64(w), y*float64(h), rw*float64(w), rh*float64(h)
	}
	return image.Rect(int(math.Floor(x)), int(math.Floor(y)), int(math.Ceil(x+rw)), int(math.Ceil(y+rh))).Intersect(image.Rect(0, 0, w, h))
}

// Location is the order's time zone: time_zone when set, else the
// platform's own zone, else nil, meaning that each time keeps the offset it
// was written with. A time written without an offset is local time in it.
// time_zone is validated when the manifest is loaded; an unknown name here
// gives nil.
func (m *Manifest) Location() *time.Location {
	name := m.TimeZone
	if name == "" {
		name = PlatformZone(m.Platform)
	}
	if name == "" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// DefaultLanguage is the packet's language when neither the manifest nor
// the command says: the language of the platforms proofpack began with.
// Which languages exist is data: a language is accepted wherever the
// templates have its phrase book (templates/lang/LANG.yaml).
const DefaultLanguage = "zh"

// Date is one date of an order's story, as the manifest records it.
type Date struct {
	Field string    // the manifest field, e.g. "shipment.shipped_at" or "timeline[2].at"
	At    time.Time // the zero time when it could not be read as a date
	Event int       // for a timeline event, its index in Timeline; else -1
}

// Dates lists the dates the manifest sets, in the order the story tells
// them: placed, shipped, the timeline's events, delivered, requested,
// refused, intercept requested, returned, remedy offered and accepted,
// refund issued.
// generated_at dates the packet, not the order, and is not among them.
// Every use of the order's dates (validation, the newest date, the
// packet's timeline, the checks of their order) reads this one list.
func (m *Manifest) Dates() []Date {
	var ds []Date
	add := func(field string, t *time.Time) {
		if t != nil {
			ds = append(ds, Date{Field: field, At: *t, Event: -1})
		}
	}
	s, a := &m.Shipment, &m.AfterSale
	add("placed_at", m.PlacedAt)
	add("shipment.shipped_at", s.ShippedAt)
	for i, ev := range m.Timeline {
		ds = append(ds, Date{Field: fmt.Sprintf("timeline[%d].at", i), At: ev.At, Event: i})
	}
	add("shipment.delivered_at", s.DeliveredAt)
	add("after_sale.requested_at", a.RequestedAt)
	add("shipment.refused_at", s.RefusedAt)
	add("shipment.intercept_requested_at", s.InterceptRequestedAt)
	add("shipment.returned_at", s.ReturnedAt)
	if r := a.Remedy; r != nil {
		add("after_sale.remedy.offered_at", r.OfferedAt)
		add("after_sale.remedy.accepted_at", r.AcceptedAt)
	}
	if r := a.Refund; r != nil {
		add("after_sale.refund.at", r.At)
	}
	return ds
}
