package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newBqDestination matches a bq query or cp that writes over a
// destination table that is not a throwaway one: bq query --replace
// --destination_table=scratch.tmp_check passes, as CREATE OR REPLACE of
// the same table does; a destination only known at run time, or a
// command that marks production, asks.
func newBqDestination(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if keepMarker(inv, ctx) != "" || inv.MoreArgs {
			return "", true
		}
		dest, ok := bqDestination(inv, v)
		if !ok || dest == "" {
			return "", true
		}
		name := strings.ReplaceAll(dest, ":", ".")
		return "", !scratchRelation(name)
	}, nil
}

// bqDestination returns the table a bq query or cp writes: the value of
// --destination_table for a query, the last operand for a copy. ok is
// false when it is only known at run time.
func bqDestination(inv *parse.Invocation, v *view) (string, bool) {
	if dest, known := ownOptionValue(inv, "--destination_table"); dest != "" || !known {
		return dest, known
	}
	if len(v.operands) > 0 && v.operands[0].Value == "cp" && len(v.operands) >= 3 {
		last := v.operands[len(v.operands)-1]
		return last.Value, !last.Dynamic
	}
	return "", true
}
