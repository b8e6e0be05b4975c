package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// git remote remove deletes a remote's remote-tracking branches and the
// upstream settings of the branches that follow it. Removing a remote to
// add it again under the same name with a new URL (git remote remove
// origin && git remote add origin URL) is how a remote is often moved: the
// next fetch brings its branches back. The remote-gone matcher lets that
// pass and matches every other removal.

func newRemoteGone(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(v.operands) < 3 {
			return "", false
		}
		name := v.operands[2]
		if name.Dynamic {
			return "it removes a remote only known when it runs", true
		}
		if readded(ctx.text, name.Value) {
			return "", false
		}
		return "it removes the remote " + parse.Quote(name.Value) + " and its remote-tracking branches", true
	}, nil
}

// readded reports whether a command's text adds a remote of that name
// again after removing it: remote add NAME, with options before the name.
func readded(text, name string) bool {
	i := strings.Index(text, "remote add ")
	for i >= 0 {
		rest := strings.Fields(text[i+len("remote add "):])
		for _, w := range rest {
			if strings.HasPrefix(w, "-") {
				continue
			}
			if w == name || w == "'"+name+"'" || w == `"`+name+`"` {
				if strings.Index(text, "remote r") < i {
					return true
				}
			}
			break
		}
		j := strings.Index(text[i+1:], "remote add ")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
