package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/proofpack/proofpack/packet"
	"github.com/proofpack/proofpack/templates"
)

// packetFlags are the flags that shape a packet, shared by build and batch.
type packetFlags struct {
	commonOptions
	lang            string
	paper           string
	profile         string
	dpi             int
	allowIncomplete bool
	noStatement     bool
}

// addPacketFlags registers the flags; whose says whose language and
// profile are the default ("the manifest's", "each order's").
func (o *packetFlags) addPacketFlags(cmd *cobra.Command, whose string) {
	f := cmd.Flags()
	f.StringVar(&o.lang, "lang", "", "packet language: zh or en, or another with a phrase book in --templates (default: "+whose+" manifest language)")
	f.StringVar(&o.paper, "paper", "", "paper size: a4 or letter (default: the profile's)")
	f.StringVar(&o.profile, "profile", "", "portal profile whose limits the packet must meet (default: "+whose+" platform's; see 'proofpack profiles')")
	f.IntVar(&o.dpi, "dpi", packet.DefaultDPI, "resolution exhibit images are sized for (72 to 600)")
	f.BoolVar(&o.allowIncomplete, "allow-incomplete", false, "build even when required evidence is missing; the packet shows only the evidence it has, and build warns of the gaps")
	f.BoolVar(&o.noStatement, "no-statement", false, "do not write the statement .txt beside the PDF")
	o.addFlags(cmd)
}

func (o *packetFlags) validatePacket() error {
	if err := o.validLang(o.lang); err != nil {
		return err
	}
	paper, err := paperName(o.paper)
	if err != nil {
		return err
	}
	o.paper = paper
	if o.dpi < 72 || o.dpi > 600 {
		return usageError{fmt.Errorf("--dpi %d: expected 72 to 600", o.dpi)}
	}
	return nil
}

// fileOptions turns the flags (and SOURCE_DATE_EPOCH) into build options.
func (o *packetFlags) fileOptions(getenv func(string) string) (packet.FileOptions, error) {
	if err := o.validatePacket(); err != nil {
		return packet.FileOptions{}, err
	}
	set, err := o.templates()
	if err != nil {
		return packet.FileOptions{}, err
	}
	generated, err := sourceDate(getenv)
	if err != nil {
		return packet.FileOptions{}, usageError{err}
	}
	var prof *templates.Profile
	if o.profile != "" {
		o.profile = profileName(o.profile)
		if prof, err = set.Profile(o.profile); err != nil {
			return packet.FileOptions{}, usageError{fmt.Errorf("--profile: %w", err)}
		}
	}
	lo := o.loadOptions()
	return packet.FileOptions{
		Options: packet.Options{
			Templates: set, Profile: prof, Lang: o.lang, Paper: o.paper, DPI: o.dpi,
			AllowIncomplete: o.allowIncomplete, GeneratedAt: generated, Limits: lo.Limits,
		},
		Statement: !o.noStatement,
		Load:      lo,
	}, nil
}

// key lists every flag value that changes a packet, for batch fingerprints.
func (o *packetFlags) key(opt packet.FileOptions) map[string]string {
	gen := ""
	if !opt.GeneratedAt.IsZero() {
		gen = opt.GeneratedAt.Format(time.RFC3339)
	}
	return map[string]string{
		"lang": o.lang, "paper": o.paper, "dpi": strconv.Itoa(o.dpi), "profile": o.profile,
		"allow-incomplete":  strconv.FormatBool(o.allowIncomplete),
		"statement":         strconv.FormatBool(!o.noStatement),
		"max-pixels":        strconv.FormatInt(o.maxPixels, 10),
		"max-file-mb":       strconv.FormatInt(o.maxFileMB, 10),
		"max-statement":     strconv.Itoa(o.maxStatement),
		"max-evidence":      strconv.Itoa(o.maxEvidence),
		"SOURCE_DATE_EPOCH": gen,
	}
}
