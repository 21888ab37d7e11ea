package main

import (
	"fmt"
	"io"
)

// The messages on stderr each carry one prefix, as age's do:
//
//	proofpack: error: …    an order or row that failed while the run went on
//	proofpack: warning: …  what the seller should look at before sending
//	proofpack: note: …     what proofpack assumed or did on its own
//	proofpack: hint: …     what to do next
//
// The run's own error is "proofpack: " and the message (execute). Progress
// lines ("[3/10] built …") keep their own form.
func errorf(w io.Writer, format string, a ...any) { say(w, "proofpack: error: ", format, a) }
func warnf(w io.Writer, format string, a ...any)  { say(w, "proofpack: warning: ", format, a) }
func notef(w io.Writer, format string, a ...any)  { say(w, "proofpack: note: ", format, a) }
func hintf(w io.Writer, format string, a ...any)  { say(w, "proofpack: hint: ", format, a) }

func say(w io.Writer, prefix, format string, a []any) {
	fmt.Fprintf(w, prefix+format+"\n", a...)
}
