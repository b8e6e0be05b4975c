package rules

import (
	"github.com/guardsh/guard/internal/parse"
)

// newNotTempFiles matches unless every operand names a file inside a
// temporary directory (/tmp/test-key.pem, not /tmp itself): what is
// there is thrown away anyway, so shredding it loses nothing kept. A
// name only known at run time, a pattern or no operand at all matches.
func newNotTempFiles(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs || len(v.operands) == 0 {
			return "", true
		}
		at := placeOf(inv, ctx)
		for _, w := range v.operands {
			if w.Dynamic || w.Glob {
				return "", true
			}
			abs, ok := resolve(w.Value, at.dir)
			if !ok || !inTempDir(abs) {
				return "", true
			}
		}
		return "", false
	}, nil
}
