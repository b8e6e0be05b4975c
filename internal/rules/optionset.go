package rules

import (
	"errors"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newOptionSet matches an invocation that gives one of the options in
// with.options ("--is-disabled=true") that value, written --opt=value or
// --opt value, whether or not the tool's value_flags name the option:
// az repos update --is-disabled true.
func newOptionSet(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	opts := p.strings("options")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(opts) == 0 {
		return nil, errors.New("option-set: options must list --option=value pairs")
	}
	for _, o := range opts {
		if !strings.HasPrefix(o, "-") || !strings.Contains(o, "=") {
			return nil, errors.New("option-set: " + o + " is not --option=value")
		}
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Args
		if inv.OwnArgs > 0 {
			args = args[:inv.OwnArgs]
		}
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Dynamic || !strings.HasPrefix(a.Value, "-") {
				continue
			}
			for _, o := range opts {
				name, want, _ := strings.Cut(o, "=")
				got, ok := "", false
				switch {
				case a.Value == name && i+1 < len(args) && !args[i+1].Dynamic:
					got, ok = args[i+1].Value, true
				case strings.HasPrefix(a.Value, name+"="):
					got, ok = a.Value[len(name)+1:], true
				}
				if ok && strings.EqualFold(got, want) {
					return name + " " + got, true
				}
			}
		}
		return "", false
	}, nil
}
