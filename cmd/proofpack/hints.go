package main

import (
	"errors"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/packet"
)

// flagHints says which of the command line's flags changes what err is
// about. The packages report limits and choices in their own terms, with
// typed errors, and name no flags: the command line maps them here.
func flagHints(err error) []string {
	if err == nil {
		return nil
	}
	var hints []string
	for _, h := range []struct {
		err  error
		hint string
	}{
		{evidence.ErrTooManyPixels, "raise the pixel limit with --max-pixels"},
		{evidence.ErrFileTooLarge, "raise the file size limit with --max-file-mb"},
		{evidence.ErrTooManyFiles, "raise the limit with --max-evidence"},
		{evidence.ErrStatementTooLong, "raise the limit with --max-statement"},
	} {
		if errors.Is(err, h.err) {
			hints = append(hints, h.hint)
		}
	}
	var ie *packet.IncompleteError
	if errors.As(err, &ie) {
		hints = append(hints, "pass --allow-incomplete to build anyway: the packet then shows only the evidence it has")
	}
	var be *packet.BudgetError
	if errors.As(err, &be) && be.Instead != "" {
		hints = append(hints, "--profile "+be.Instead+" takes the packet as it is")
	}
	return hints
}
