package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newOverwritesState matches a shell write that replaces a state file
// with what the command prints: echo '{}' > terraform.tfstate,
// printf 'ref: x' > .git/HEAD, ... | tee .git/refs/heads/main. The file's
// old content, which other tools keep and nothing rebuilds, is gone (see
// parse.StateFile for the names). A dependency lock written over asks only
// when echo or printf writes it: a lock restored from git or a tool's
// output (git show HEAD:package-lock.json > package-lock.json) passes.
// Appending (>>, tee -a) passes.
func newOverwritesState(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		literal := v.name == "echo" || v.name == "printf"
		judge := func(w parse.Word, how string) (string, bool) {
			if w.Dynamic || !parse.StateFile(w.Value) {
				return "", false
			}
			base := path.Base(w.Value)
			if (strings.Contains(base, "lock") || base == "go.sum") && !strings.HasSuffix(base, ".tfstate") && !literal {
				return "", false
			}
			return how + " " + parse.Quote(w.Value) + ", a state file other tools keep, with what the command prints", true
		}
		for _, rd := range inv.Redirs {
			if rd.Truncates() {
				if d, ok := judge(rd.Target, "the redirect writes over"); ok {
					return d, true
				}
			}
		}
		if v.name == "tee" && !hasOpt(v.flagWords(), "-a", "--append") {
			for _, w := range v.operands {
				if d, ok := judge(w, "tee writes over"); ok {
					return d, true
				}
			}
		}
		return "", false
	}, nil
}
