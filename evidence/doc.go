// Package evidence reads one order folder: the manifest (order.yaml or
// order.json) with positions for every error, the evidence files it lists or
// that are discovered by name, their SHA-256 hashes and image headers.
// It knows nothing about PDF or dispute templates; image pixels are handled by
// the imagenorm subpackage.
package evidence
