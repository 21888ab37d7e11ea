//go:build !unix

package batch

// LockFile is the name of the file a running batch holds locked in its
// output folder (not used on this system).
const LockFile = ".proofpack-batch.lock"

// lockDir does nothing where flock is not available.
func lockDir(string) (func(), error) { return func() {}, nil }
