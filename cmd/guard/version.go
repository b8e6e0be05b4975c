package main

import (
	"fmt"
	"runtime/debug"
)

// version is stamped at release with -ldflags "-X main.version=v1.2.3".
var version = ""

// Version returns the stamped version, or the module version for go
// install builds, or "devel".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func runVersion(g *guard, args []string) int {
	fs := newFlags("version")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard version

Prints guard's version: the one stamped at release, or the module version
for go install builds. guard --version prints the same.

Example:
  guard version

Exit status: 0, or 64 for a usage error.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() > 0 {
		return g.usageError(fs, "version takes no arguments, not %q", fs.Arg(0))
	}
	fmt.Fprintf(g.stdout, "guard %s\n", Version())
	return exitOK
}
