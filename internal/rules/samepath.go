package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the output-is-input matcher: a tool that reads its
// first operand and writes its second, given the same path twice, writes
// over its own input: papermill in.ipynb in.ipynb replaces the notebook
// with the run's copy of it, its outputs and injected parameters, and
// what the cells held before is gone. Options that take two values
// (papermill -p NAME VALUE) are named in pairs; those of the tool's
// value_flags take one.

func newOutputIsInput(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	pairs := p.strings("pairs")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var valueFlags []string
		if v.tool != nil {
			valueFlags = v.tool.ValueFlags
		}
		var ops []parse.Word
		args := inv.Args
		for i := 1; i < len(args) && len(ops) < 2; i++ {
			a := args[i]
			switch {
			case a.Dynamic:
				ops = append(ops, a)
			case a.Value == "--":
				continue
			case len(a.Value) > 1 && a.Value[0] == '-':
				name, _, eq := strings.Cut(a.Value, "=")
				switch {
				case slices.Contains(pairs, name):
					i += 2
					if eq {
						i--
					}
				case !eq && slices.Contains(valueFlags, name):
					i++
				}
			default:
				ops = append(ops, a)
			}
		}
		if len(ops) < 2 || ops[0].Dynamic || ops[1].Dynamic || ops[0].Value == "-" {
			return "", false
		}
		in, out := path.Clean(ops[0].Value), path.Clean(ops[1].Value)
		if in != out {
			return "", false
		}
		return "it writes its output over its input, " + parse.Quote(ops[0].Value), true
	}, nil
}
