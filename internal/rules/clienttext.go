package rules

import (
	"errors"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newClientText matches a store client's commands, wherever the client
// reads them: its arguments, stdin (a heredoc, a here-string, echo ... |)
// and files of commands the same command wrote (-f, --file, <). It is for
// shells whose language guard does not parse (fdbcli, arangosh, asadm,
// InfluxQL): with.contains are strings, compared in lower case with runs
// of spaces made one, any of which matches.
func newClientText(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	needles := lowerAll(p.strings("contains"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(needles) == 0 {
		return nil, errors.New("client-text needs contains")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, text := range clientTexts(inv, v) {
			norm := strings.Join(strings.Fields(strings.ToLower(text)), " ")
			for _, n := range needles {
				if strings.Contains(norm, n) {
					return "the commands hold " + parse.Quote(n), true
				}
			}
		}
		return "", false
	}, nil
}

// clientTexts returns the texts a client may run: each argument, stdin
// when known, and files the command wrote that an option or a
// redirection names.
func clientTexts(inv *parse.Invocation, v *view) []string {
	out := make([]string, 0, len(inv.Args)+1)
	for _, a := range inv.Args[1:] {
		out = append(out, a.Value)
	}
	if inv.Stdin.Kind == parse.Known {
		out = append(out, inv.Stdin.Text)
	}
	out = append(out, writtenInputs(inv, v)...)
	return out
}

// writtenInputs returns the files a client reads that the same command
// wrote before it: named by an option (psql -f q.sql), as an operand
// (mongosh app cleanup.js) or redirected to stdin (mysql < q.sql).
func writtenInputs(inv *parse.Invocation, v *view) []string {
	if len(inv.Written) == 0 {
		return nil
	}
	var out []string
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		if has && sqlFileFlags[name] {
			if text, ok := writtenText(inv, val); ok {
				out = append(out, text)
			}
		}
	}
	for _, op := range v.operands {
		if text, ok := writtenText(inv, op.Value); ok {
			out = append(out, text)
		}
	}
	for _, r := range inv.Redirs {
		if r.Op == "<" {
			if text, ok := writtenText(inv, r.Target.Value); ok {
				out = append(out, text)
			}
		}
	}
	return out
}
