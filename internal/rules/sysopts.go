package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newOtherOptions matches an invocation that gives an option beyond the
// ones with.allow lists, for tools that are everyday with those options
// only: usermod -aG docker alice adds a group, usermod -L alice locks the
// account. A short cluster (-aG) is read letter by letter.
func newOtherOptions(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	allow := p.strings("allow")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, f := range v.flags {
			if !onlyFlags([]string{f}, allow) {
				return "the option " + parse.Quote(f) + " changes more than " + strings.Join(allow, ", ") + " would", true
			}
		}
		if len(v.flags) == 0 {
			return "no option says what changes", true
		}
		return "", false
	}, nil
}

// onlyFlags reports whether every option given is one of list, by name;
// a short cluster (-lu) is read letter by letter.
func onlyFlags(flags, list []string) bool {
	for _, f := range flags {
		name, _, _ := strings.Cut(f, "=")
		if slices.Contains(list, name) {
			continue
		}
		if len(name) < 3 || name[1] == '-' {
			return false
		}
		for _, c := range name[1:] {
			if !slices.Contains(list, "-"+string(c)) {
				return false
			}
		}
	}
	return true
}
