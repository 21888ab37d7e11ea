// Package packet assembles one order into a packet: it checks the evidence
// against the dispute template, reconciles the weights, renders the
// statement, normalises the exhibit images in a bounded pipeline and lays
// everything out as a pdf.Document, fitted to the portal profile's limits.
//
// # Using it from Go
//
// Building a packet from a Go program (a shop's back office, say) takes
// three packages: evidence loads an order folder (evidence.Load, giving a
// *evidence.Case), templates supplies the dispute templates, phrase books
// and portal profiles (templates.Builtin, or templates.Load for a folder of
// overrides), and this package builds:
//
//   - Render is the stream form: it takes the loaded case, writes the PDF
//     to an io.Writer (only once the whole packet is built) and returns a
//     Result with everything else it made: the statement for the portal's
//     text box, the exhibit images as files when Options.ExportImages asks
//     for them, and check's findings (Result.Report).
//   - BuildFile is the file form: from an order folder to ORDER_ID.pdf,
//     its statement .txt, the exported images and videos, each written
//     through a temporary file and removed again if a later step fails.
//   - Check reports on a loaded case without rendering (CheckDir loads a
//     folder first): the evidence checklist, contradictions and gaps.
//
// Errors are typed: *IncompleteError (required evidence missing; build
// anyway with Options.AllowIncomplete), *ContradictionError (the manifest
// contradicts itself), *BudgetError (the packet cannot fit its profile,
// and what would), and the load's *evidence.ManifestError, whose problems
// match evidence's sentinel errors (evidence.ErrNotFound,
// evidence.ErrTooManyPixels, ...) under errors.Is. See the package
// example.
//
// What proofpack's command line adds (the batch runner, the review page,
// order import, the starting manifest) lives under internal/ and is not
// part of the API; nor is anything else under internal/.
package packet
