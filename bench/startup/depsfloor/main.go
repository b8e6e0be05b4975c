// Command depsfloor is a floor for bench/startup.sh: it links the
// packages any build of guard must (the shell parser the project
// requires, the TOML parser, x/term and os) and does nothing. Its excess
// over the empty Go program is the part of guard's start-up budget that
// these packages' initialisation and size take before guard's own code
// runs.
package main

import (
	_ "os"

	_ "github.com/pelletier/go-toml/v2"
	_ "golang.org/x/term"
	_ "mvdan.cc/sh/v3/syntax"
)

func main() {}
