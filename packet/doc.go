// Package packet assembles one order into a packet: it checks the evidence
// against the dispute template, reconciles the weights, renders the
// statement, normalises the exhibit images in a bounded pipeline and lays
// everything out as a pdf.Document. Build and BuildFile run the whole
// pipeline from an order folder to PDF bytes or a file.
package packet
