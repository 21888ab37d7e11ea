package evidence

import "errors"

// What can be wrong with an order's files, for errors.Is. Load's errors
// about a file match one of these (through a ManifestError's problems when
// the manifest lists the file), and keep their own messages, which name
// the file and the field.
var (
	ErrNotFound      = errors.New("file not found")
	ErrOutsideFolder = errors.New("points outside the order folder")
	ErrNotRegular    = errors.New("not a regular file")
)

// Input over one of the limits in Options; the caller knows how its user
// raises each (proofpack's command line names its flags). ErrFileTooLarge
// and ErrTooManyPixels also match imagenorm.ErrTooLarge.
var (
	ErrFileTooLarge     = errors.New("file over the size limit")           // Limits.MaxBytes
	ErrTooManyPixels    = errors.New("image over the pixel limit")         // Limits.MaxPixels
	ErrTooManyFiles     = errors.New("more evidence files than the limit") // ManifestLimits.EvidenceItems
	ErrStatementTooLong = errors.New("statement longer than the limit")    // ManifestLimits.StatementChars
)

// tagged is an error that also matches a sentinel under errors.Is, with
// the message of the error alone.
type tagged struct {
	err error
	tag error
}

func (t *tagged) Error() string   { return t.err.Error() }
func (t *tagged) Unwrap() []error { return []error{t.err, t.tag} }

// tag makes err match sentinel too, keeping its message.
func tag(err, sentinel error) error { return &tagged{err, sentinel} }
