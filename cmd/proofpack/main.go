// Command proofpack turns an e-commerce order under dispute into a PDF
// evidence packet. Run 'proofpack --help' for the commands.
package main

import "os"

func main() { os.Exit(run()) }
