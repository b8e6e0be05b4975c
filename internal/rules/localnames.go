package rules

import (
	"fmt"
	"strconv"
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

func init() {
	matchers["local-names-prod"] = newLocalNamesProd
}

// newLocalNamesProd matches when an operand after the first skip ones,
// or the value of an option in flags, holds a production word or a
// listing made at run time ($(...), backquotes), or when xargs appends
// the names.
func newLocalNamesProd(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	skip, err := strconv.Atoi(p.string("skip", "0"))
	if err != nil || skip < 0 {
		return nil, fmt.Errorf("skip must be a count of operands, such as \"2\"")
	}
	flags := p.strings("flags")
	if err := p.done(); err != nil {
		return nil, err
	}
	bad := func(w parse.Word) bool {
		return hasProdWord(w.Value) || w.Dynamic && strings.ContainsAny(w.Value, "`(")
	}
	return func(inv *parse.Invocation, v *view, _ *Context) (string, bool) {
		if inv.MoreArgs {
			return "it deletes names that xargs appends at run time", true
		}
		for i, op := range v.operands {
			if i >= skip && bad(op) {
				return "it deletes " + op.Value, true
			}
		}
		own := inv.Own()
		for i := 1; i < len(own); i++ {
			name, val, has := strings.Cut(own[i].Value, "=")
			if !has && i+1 < len(own) {
				val = own[i+1].Value
			}
			for _, want := range flags {
				if name == want && bad(parse.Word{Value: val, Dynamic: own[i].Dynamic || !has && i+1 < len(own) && own[i+1].Dynamic}) {
					return "it deletes " + val, true
				}
			}
		}
		return "", false
	}, nil
}
