// Package batch builds every order folder under a root folder into one
// output folder: bounded parallel workers, one bad order never stopping the
// others, an incremental state file so that a re-run rebuilds only the orders
// whose inputs changed, a stable shard selection for splitting a backlog
// across machines, and a summary (JSON and CSV) of what happened.
//
// The pieces, in the order Run uses them:
//
//   - Discover finds the order folders: every folder holding an order
//     manifest (evidence.ManifestNames), without descending into an order
//     folder, skipping hidden folders and the output folder.
//   - planOrders reads each manifest for its order id and marks a second folder
//     with the same output file as failed, so no order overwrites another's
//     packet.
//   - Shard.Selects keeps a stable subset by hashing the folder's path
//     relative to the root.
//   - Fingerprint hashes everything that decides a packet's bytes; a State
//     entry with the same fingerprint and its PDF still in place means the
//     order is unchanged.
//   - Run builds the rest with packet.BuildFile (which writes through a
//     temporary file, so an interrupted batch leaves no half-written PDF),
//     saving the state after every order so a killed batch resumes, and
//     WriteSummary writes summary.json and summary.csv atomically.
//
// It is the machinery of 'proofpack batch', internal to the command: a Go
// program builds packets with packet.Render or packet.BuildFile.
package batch
