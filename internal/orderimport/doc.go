// Package orderimport turns a platform's order export (CSV or XLSX) plus a
// folder of photos into order folders that proofpack builds: one folder per
// order id (rows with the same order id are the lines of one order), each
// with an order.yaml written from the row's facts and the photos filed
// under that order id or its tracking number copied in beside it.
//
// Column headers of the common Chinese and English exports map to manifest
// fields by default (Fields lists the fields, DefaultHeaders the headers);
// a map file (YAML, "header: field") maps others. A row that cannot be
// imported is reported with its row number and reason, and the order it
// belongs to is not written, so no packet is built from half an order; the
// other orders still import. An order folder that already holds a manifest
// is never overwritten.
//
// It is the machinery of 'proofpack import', internal to the command.
package orderimport
