package main

import "runtime/debug"

// buildMemoryLimit is the soft limit on the heap of a build of one order.
// A build holds about 35 MB of live pixels at a time (two images being
// normalised), and Go's default pacing lets the heap grow to twice what
// was live at the last collection: the benchmark order (bench/run.sh)
// peaked at about 100 MB. Under this limit it peaks at about 80 MB, for
// no time that run.sh can measure. An order whose images need more only
// makes the collector work harder (never with more than half the CPU); it
// cannot fail for it.
const buildMemoryLimit = 64 << 20

// limitMemory sets buildMemoryLimit, unless GOMEMLIMIT sets a limit of
// its own.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}
