package templates

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/proofpack/proofpack/internal/yamlsafe"
)

// Profile is one portal's published limits, which a packet must respect.
type Profile struct {
	Name   string `yaml:"name" json:"name"`
	Title  string `yaml:"title" json:"title"`
	Source string `yaml:"source" json:"source"` // where the figures come from
	// MaxBytes and MaxPages bound the PDF; 0 means no limit.
	MaxBytes int64 `yaml:"max_bytes" json:"max_bytes"`
	MaxPages int   `yaml:"max_pages" json:"max_pages"`
	// DPI caps the resolution exhibit images are sized for.
	DPI       int    `yaml:"dpi" json:"dpi"`
	Paper     string `yaml:"paper" json:"paper"`
	Grayscale bool   `yaml:"grayscale" json:"grayscale"`
	// StatementChars is the portal's text box limit; 0 means none.
	StatementChars int `yaml:"statement_chars" json:"statement_chars"`
	// ExportImages writes each exhibit as its own image file too, each at
	// most ImageMaxBytes (0: no cap).
	ExportImages  bool  `yaml:"export_images" json:"export_images"`
	ImageMaxBytes int64 `yaml:"image_max_bytes" json:"image_max_bytes"`
	// VideoMaxBytes is the portal's limit for an uploaded video (0: the
	// portal takes none, or has no limit). A build with video evidence
	// writes copies within it beside the packet.
	VideoMaxBytes int64 `yaml:"video_max_bytes" json:"video_max_bytes"`
	// ASCIINames restricts output file names to plain ASCII.
	ASCIINames bool `yaml:"ascii_names" json:"ascii_names"`

	File string `yaml:"-" json:"file"` // file it was read from
}

// ParseProfile reads one profile file; errors name the file and line.
func ParseProfile(name string, data []byte) (*Profile, error) {
	var p Profile
	if err := yamlsafe.Unmarshal(data, &p, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlErr(name, err)
	}
	p.File = name
	var probs []string
	if base := strings.TrimSuffix(path.Base(name), path.Ext(name)); p.Name != base {
		probs = append(probs, fmt.Sprintf("name %q must match the file name %s", p.Name, path.Base(name)))
	}
	if p.Title == "" || p.Source == "" {
		probs = append(probs, "title and source are required (source: where the limits are published)")
	}
	if p.MaxBytes < 0 || p.MaxPages < 0 || p.StatementChars < 0 || p.ImageMaxBytes < 0 {
		probs = append(probs, "limits must not be negative")
	}
	if p.DPI != 0 && (p.DPI < 72 || p.DPI > 600) {
		probs = append(probs, fmt.Sprintf("dpi %d: expected 72 to 600", p.DPI))
	}
	if p.Paper != "" && p.Paper != "a4" && p.Paper != "letter" {
		probs = append(probs, fmt.Sprintf("paper %q: expected a4 or letter", p.Paper))
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("%s: %s", name, strings.Join(probs, "; "))
	}
	return &p, nil
}

// Profile returns the named portal profile.
func (s *Set) Profile(name string) (*Profile, error) {
	if p, ok := s.profiles[name]; ok {
		return p, nil
	}
	var have []string
	for _, p := range s.Profiles() {
		have = append(have, p.Name)
	}
	return nil, fmt.Errorf("no profile %q; available: %s", name, strings.Join(have, ", "))
}

// ProfileFor returns the default profile of a platform: the profile of the
// same name, else generic.
func (s *Set) ProfileFor(platform string) *Profile {
	if p, ok := s.profiles[platform]; ok {
		return p
	}
	return s.profiles["generic"]
}

// Profiles lists every profile by name.
func (s *Set) Profiles() []*Profile {
	out := make([]*Profile, 0, len(s.profiles))
	for _, p := range s.profiles {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
