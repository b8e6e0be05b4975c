package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Local cluster and VM tools (kind, k3d, minikube, multipass, vagrant)
// delete what they made on this machine, and their deletions pass; a name
// that says production does not (k3d cluster delete prod-mirror: a copy
// of production kept here is not throwaway), nor do names listed at run
// time, which may include one (k3d cluster delete $(k3d cluster list
// ...), xargs). A name the command made unique to the run (e2e-$$) is
// its own.

// newLocalNamesProd matches when an operand after the first skip ones,
// or the value of an option in flags, holds a production word or a
// listing made at run time ($(...), backquotes), or when xargs appends
// the names.
func newLocalNamesProd(with map[string]any) (matchFunc, error) {
	return namesProd(with, "deletes", func(w parse.Word) bool {
		return hasProdWord(w.Value) || w.Dynamic && strings.ContainsAny(w.Value, "`(")
	})
}

// newWritesProd matches when an operand after the first skip ones, or
// the value of an option in flags, holds a production word as written: a
// name known only at run time ($USER, $(whoami)) is someone's scratch
// more often than production, and passes.
func newWritesProd(with map[string]any) (matchFunc, error) {
	return namesProd(with, "writes", func(w parse.Word) bool {
		return hasProdWord(w.Value)
	})
}
