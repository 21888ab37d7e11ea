// Package packet assembles one order into a packet: it checks the evidence
// against the dispute template, reconciles the weights, renders the
// statement, normalises the exhibit images in a bounded pipeline and lays
// everything out as a pdf.Document. Render runs the whole pipeline from a
// loaded order to PDF bytes, BuildFile from an order folder to files, and
// Check reports what a build would find without rendering.
package packet
