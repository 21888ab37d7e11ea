package templates

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// ReasonFacts are the facts of an order, besides evidence kinds, that
// can meet a reason code's requirement (reasons.yaml's met_by): both
// addresses recorded and the same, a refund recorded with its date and
// amount, Visa Compelling Evidence 3.0 met.
var ReasonFacts = []string{"address-match", "refund", "ce3"}

// Reasons is the table of card dispute reason codes (reasons.yaml).
type Reasons struct {
	// Language is the one every name and text is given in; a wording
	// missing in another language falls back to it.
	Language string     `yaml:"language"`
	Networks []*Network `yaml:"networks"`
	Source   string     `yaml:"-"` // file it was read from
}

// Network is one card network, or a payment platform's reason names.
type Network struct {
	ID     string    `yaml:"network"` // as the manifest names it: visa
	Name   string    `yaml:"name"`    // as the packet names it: Visa
	Source string    `yaml:"source"`  // the public pages the codes were checked against
	Codes  []*Reason `yaml:"codes"`
}

// Reason is one reason code.
type Reason struct {
	Code string `yaml:"code"`
	// Name is the code's name by language (see Reason.In).
	Name map[string]string `yaml:"name"`
	// Disputes are the dispute types whose templates answer it.
	Disputes []string `yaml:"disputes"`
	// Source, optional, is a page for this code in particular.
	Source   string        `yaml:"source"`
	Requires []Requirement `yaml:"requires"`

	Network *Network `yaml:"-"`
	table   *Reasons
}

// Requirement is one thing the network asks the merchant to show.
type Requirement struct {
	// Text says it, by language (see Reason.In).
	Text map[string]string `yaml:"text"`
	// MetBy are the evidence kinds and ReasonFacts that show it; any one
	// is enough.
	MetBy []string `yaml:"met_by"`
}

// ParseReasons reads the reason code table; errors name the file.
func ParseReasons(name string, data []byte) (*Reasons, error) {
	var r Reasons
	if err := yamlsafe.Unmarshal(data, &r, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlErr(name, err)
	}
	r.Source = name
	var probs []string
	if r.Language == "" {
		probs = append(probs, "language is required: the language every name and text is given in")
	}
	networks := map[string]bool{}
	for i, n := range r.Networks {
		where := fmt.Sprintf("networks[%d]", i)
		if n.ID == "" || n.Name == "" || n.Source == "" || len(n.Codes) == 0 {
			probs = append(probs, where+": network, name, source and codes are required")
		}
		if networks[n.ID] {
			probs = append(probs, fmt.Sprintf("%s: network %q is listed twice", where, n.ID))
		}
		networks[n.ID] = true
		codes := map[string]bool{}
		for j, c := range n.Codes {
			c.Network, c.table = n, &r
			where := fmt.Sprintf("%s (%s) codes[%d]", where, n.ID, j)
			key := strings.ToUpper(c.Code)
			if c.Code == "" || codes[key] {
				probs = append(probs, fmt.Sprintf("%s: code %q is empty or listed twice", where, c.Code))
			}
			codes[key] = true
			if c.Name[r.Language] == "" {
				probs = append(probs, fmt.Sprintf("%s: name.%s is required (other languages fall back to it)", where, r.Language))
			}
			if len(c.Disputes) == 0 || len(c.Requires) == 0 {
				probs = append(probs, where+": disputes and requires are required")
			}
			for k, req := range c.Requires {
				if req.Text[r.Language] == "" {
					probs = append(probs, fmt.Sprintf("%s: requires[%d].text.%s is required (other languages fall back to it)", where, k, r.Language))
				}
				if len(req.MetBy) == 0 {
					probs = append(probs, fmt.Sprintf("%s: requires[%d].met_by is required", where, k))
				}
				for _, m := range req.MetBy {
					if _, kind := evidence.LookupKind(evidence.Kind(m)); !kind && !slices.Contains(ReasonFacts, m) {
						probs = append(probs, fmt.Sprintf("%s: requires[%d].met_by: %q is neither an evidence kind nor one of %s", where, k, m, strings.Join(ReasonFacts, ", ")))
					}
				}
			}
		}
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("%s: %s", name, strings.Join(probs, "; "))
	}
	return &r, nil
}

// Reasons returns the reason code table.
func (s *Set) Reasons() *Reasons { return s.reasons }

// NetworkIDs lists the networks' names as the manifest gives them.
func (r *Reasons) NetworkIDs() []string {
	var ids []string
	for _, n := range r.Networks {
		ids = append(ids, n.ID)
	}
	return ids
}

// Lookup finds a network's code; case does not matter ("c08", "Product_Not_Received").
// The error says what was expected, for the manifest's reason_code.
func (r *Reasons) Lookup(network, code string) (*Reason, *LookupError) {
	for _, n := range r.Networks {
		if !strings.EqualFold(n.ID, network) {
			continue
		}
		var known []string
		for _, c := range n.Codes {
			if strings.EqualFold(c.Code, strings.TrimSpace(code)) {
				return c, nil
			}
			known = append(known, c.Code)
		}
		return nil, &LookupError{Field: "code",
			Problem: fmt.Sprintf("%s has no reason code %q in proofpack's table", n.Name, code),
			Hint:    fmt.Sprintf("known %s codes: %s", n.ID, strings.Join(known, ", "))}
	}
	return nil, &LookupError{Field: "network",
		Problem: fmt.Sprintf("unknown network %q", network),
		Hint:    "expected one of " + strings.Join(r.NetworkIDs(), ", ")}
}

// LookupError is a reason_code the table does not know: Field is
// "network" or "code".
type LookupError struct{ Field, Problem, Hint string }

// ForDispute lists the codes a dispute type answers, by network then code.
func (r *Reasons) ForDispute(name string) []*Reason {
	var out []*Reason
	for _, n := range r.Networks {
		for _, c := range n.Codes {
			if slices.Contains(c.Disputes, name) {
				out = append(out, c)
			}
		}
	}
	return out
}

// In gives one of the code's wordings (its name, a requirement's text) in
// lang, or in the table's language when it has none in lang ("" asks for
// the table's language).
func (c *Reason) In(texts map[string]string, lang string) string {
	if t := texts[lang]; t != "" {
		return t
	}
	return texts[c.table.Language]
}

// Label names the code with its network: "Visa 13.1".
func (c *Reason) Label() string { return c.Network.Name + " " + c.Code }

// Schema annotates a manifest JSON Schema (evidence.Schema) with the
// table: reason_code.network's values, and the codes of each network.
func (r *Reasons) Schema(s map[string]any) map[string]any {
	rc := s["properties"].(map[string]any)["reason_code"].(map[string]any)
	props := rc["properties"].(map[string]any)
	props["network"].(map[string]any)["enum"] = r.NetworkIDs()
	var lines []string
	for _, n := range r.Networks {
		var codes []string
		for _, c := range n.Codes {
			codes = append(codes, c.Code)
		}
		sort.Strings(codes)
		lines = append(lines, n.ID+": "+strings.Join(codes, ", "))
	}
	props["code"].(map[string]any)["description"] = "The code as the dispute notice gives it. Known codes: " + strings.Join(lines, "; ")
	return s
}
