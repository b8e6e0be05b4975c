package rules

import (
	"errors"
	"strconv"

	"github.com/guardsh/guard/internal/parse"
)

// newOneOperand matches an invocation whose subcommand, its first
// with.words operands, is followed by exactly one operand known when the
// command is read: etcdctl del KEY names one key, while etcdctl del FROM
// TO is a range.
func newOneOperand(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	words, err := strconv.Atoi(p.string("words", "1"))
	if err != nil || words < 0 {
		return nil, errors.New("one-operand: words must be a count")
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs || len(v.operands) != words+1 || v.operands[words].Dynamic {
			return "", false
		}
		return "", true
	}, nil
}
