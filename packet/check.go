package packet

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/templates"
)

// Need says how much a dispute type needs a kind of evidence.
type Need string

// The needs, from the dispute template's required and recommended lists;
// NeedAdditional is a kind the template does not ask for but the order has.
const (
	NeedRequired    Need = "required"
	NeedRecommended Need = "recommended"
	NeedAdditional  Need = "additional"
)

// KindStatus is one line of the evidence checklist.
type KindStatus struct {
	Kind     evidence.Kind `json:"kind"`
	Name     string        `json:"name"` // in the packet's language
	Need     Need          `json:"need"`
	Exhibits []string      `json:"exhibits"`
	Files    []string      `json:"files"`
}

// Missing reports whether the kind has no exhibit.
func (k KindStatus) Missing() bool { return len(k.Exhibits) == 0 }

// checklist is the evidence checklist of an order under a template: the
// required kinds, the recommended ones, then any other kind the order has,
// in presentation order. It is for the seller (check, build's warnings);
// the packet itself shows only the exhibits it has.
func checklist(c *evidence.Case, d *templates.Dispute, p *phrases) []KindStatus {
	need := map[evidence.Kind]Need{}
	for _, k := range d.Recommended {
		need[k] = NeedRecommended
	}
	for _, k := range d.Required {
		need[k] = NeedRequired
	}
	var out []KindStatus
	for _, ki := range evidence.Kinds {
		n, listed := need[ki.Kind]
		exhibits := c.ByKind(ki.Kind)
		if !listed && len(exhibits) == 0 {
			continue
		}
		if !listed {
			n = NeedAdditional
		}
		ks := KindStatus{Kind: ki.Kind, Name: p.Kind(ki.Kind), Need: n, Exhibits: []string{}, Files: []string{}}
		for _, e := range exhibits {
			ks.Exhibits = append(ks.Exhibits, e.Label)
			ks.Files = append(ks.Files, e.File)
		}
		out = append(out, ks)
	}
	return out
}

// Report is what 'proofpack check' finds in one order folder, without
// rendering anything.
type Report struct {
	Dir            string       `json:"dir"`
	OrderID        string       `json:"order_id,omitempty"`
	Dispute        string       `json:"dispute,omitempty"`
	Language       string       `json:"language,omitempty"`
	Buildable      bool         `json:"buildable"`
	Evidence       []KindStatus `json:"evidence"`
	Findings       []Finding    `json:"findings"`
	Unclassified   []string     `json:"unclassified"`
	StatementChars int          `json:"statement_chars,omitempty"`
	StatementLimit int          `json:"statement_limit,omitempty"`
	// ReasonCode names the manifest's reason code ("Visa 13.1
	// Merchandise/Services Not Received"); CE3 is the Visa Compelling
	// Evidence 3.0 verdict ("CE 3.0: met (…)"), when the order records
	// transactions for it.
	ReasonCode string `json:"reason_code,omitempty"`
	CE3        string `json:"ce3,omitempty"`
}

// CheckDir loads the order folder dir and checks it (see Check); a folder
// that does not load gives the load's problems as its findings.
func CheckDir(ctx context.Context, dir string, opt Options, lo evidence.Options) *Report {
	c, err := evidence.Load(ctx, dir, lo)
	if err != nil {
		rep := newReport(dir)
		rep.Findings = append(rep.Findings, findingsOf(err)...)
		return rep
	}
	defer c.Close()
	return Check(ctx, c, opt)
}

// Check validates a loaded order's manifest and evidence and reports the
// checklist, contradictions and gaps, without rendering anything. The
// packet can be built when Buildable is true. Render returns the same
// report for what it built.
func Check(ctx context.Context, c *evidence.Case, opt Options) *Report {
	labels, err := readLabels(ctx, c, opt.Limits)
	return check(c, opt, labels, err)
}

func newReport(dir string) *Report {
	return &Report{Dir: dir, Evidence: []KindStatus{}, Findings: []Finding{}, Unclassified: []string{}}
}

// check is Check with the label reads (or the error reading them) given,
// so that a build, which has read them already, does not read them again.
func check(c *evidence.Case, opt Options, labels labelReads, labelErr error) *Report {
	rep := newReport(c.Dir)
	m := c.Manifest
	rep.OrderID, rep.Dispute = m.OrderID, m.Dispute
	rep.Unclassified = append(rep.Unclassified, c.Unclassified...)
	for _, u := range c.Unclassified {
		rep.Findings = append(rep.Findings, Finding{Severity: SeverityWarning, Fields: []string{"evidence"}, Message: "not used: " + u})
	}
	pr, err := prepare(c, Options{Templates: opt.Templates, Lang: opt.Lang, Profile: opt.Profile, AllowIncomplete: true, skipConsistency: true})
	var me *evidence.ManifestError
	switch {
	case errors.As(err, &me):
		rep.Findings = append(rep.Findings, findingsOf(err)...)
		return rep
	case err != nil:
		rep.Findings = append(rep.Findings, Finding{Severity: SeverityError, Fields: []string{"dispute"}, Message: err.Error()})
		return rep
	}
	rep.Language = pr.p.Book.Language
	rep.Findings = append(rep.Findings, Consistency(m, pr.d)...)
	rep.Findings = append(rep.Findings, cardFindings(c, pr.facts)...)
	rep.Findings = append(rep.Findings, translationFindings(m, rep.Language, opt.Templates)...)
	if r := pr.reason; r != nil {
		rep.ReasonCode = r.Label() + " " + r.In(r.Name, "")
		rep.Findings = append(rep.Findings, reasonFindings(m, r, pr.facts)...)
	}
	if c3 := pr.facts.CE3; c3 != nil {
		rep.CE3 = c3.Summary()
	}
	if labelErr != nil {
		rep.Findings = append(rep.Findings, Finding{Severity: SeverityError, Fields: []string{"evidence"}, Message: labelErr.Error()})
	} else {
		rep.Findings = append(rep.Findings, labels.findings...)
	}
	rep.Evidence = append(rep.Evidence, pr.checklist...)
	for _, ks := range pr.checklist {
		if ks.Missing() {
			sev := SeverityWarning
			if ks.Need == NeedRequired {
				sev = SeverityError
			}
			rep.Findings = append(rep.Findings, Finding{Severity: sev, Fields: []string{"evidence"},
				Message: fmt.Sprintf("%s evidence missing: %s (%s)", ks.Need, ks.Kind, ks.Name),
				Hint:    "add the file to the folder and list it under evidence:"})
		}
	}
	rep.StatementChars = utf8.RuneCountInString(pr.pk.PortalStatement)
	rep.StatementLimit = pr.pk.StatementLimit
	if rep.StatementLimit > 0 && rep.StatementChars > rep.StatementLimit {
		rep.Findings = append(rep.Findings, Finding{Severity: SeverityWarning, Fields: []string{"statement"},
			Message: fmt.Sprintf("the statement is %d characters; the template's limit is %d", rep.StatementChars, rep.StatementLimit),
			Hint:    "shorten the seller's note (statement:) or the template"})
	}
	rep.Buildable = true
	for _, f := range rep.Findings {
		if f.Severity == SeverityError {
			rep.Buildable = false
		}
	}
	return rep
}

// findingsOf turns a load error into findings, one per manifest problem.
func findingsOf(err error) []Finding {
	var me *evidence.ManifestError
	if !errors.As(err, &me) {
		return []Finding{{Severity: SeverityError, Message: err.Error(), Err: err}}
	}
	var fs []Finding
	for _, p := range me.Problems {
		f := Finding{Severity: SeverityError, Message: p.Problem, Hint: p.Hint, Position: p.File, Err: p}
		if p.Line > 0 {
			f.Position = fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
		}
		if p.Field != "" {
			f.Fields = []string{p.Field}
		}
		fs = append(fs, f)
	}
	return fs
}
