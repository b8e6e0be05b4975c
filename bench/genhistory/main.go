// Command genhistory writes a synthetic shell history or agent transcript
// for benchmarking guard audit:
//
//	go run ./bench/genhistory -format bash -n 200000 > /tmp/bash_history
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/guardsh/guard/internal/audit/auditgen"
)

func main() {
	format := flag.String("format", "bash", "output format: "+strings.Join(auditgen.Formats, ", "))
	n := flag.Int("n", 200000, "number of commands")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same output")
	flag.Parse()
	if err := auditgen.Write(os.Stdout, *format, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genhistory:", err)
		os.Exit(1)
	}
}
