package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A release rolled back outside production (helm rollback shop 41 -n
// staging, argocd app rollback shop-dev 3) puts back what ran there a
// moment ago: it is how a staging or development deploy that went wrong
// is undone, and a person would not want to be asked. The scope is read
// from the options that name where the release lives (a namespace, a
// context, an environment) and from the release or application's name;
// one of them must name a non-production environment, and nothing in the
// command may mark production or be known only at run time.

// nonprodWords are the segments that name an environment other than
// production.
const nonprodWords = "dev devel develop development staging stage stg test testing qa uat local sandbox"

// nonprodName reports whether a name holds a non-production environment
// or a throwaway word as a segment: staging, shop-dev, qa2, e2e.
func nonprodName(s string) bool {
	if throwawayName(s) {
		return true
	}
	return segments(s, func(_, seg string) bool {
		return wordlist.Has(nonprodWords, strings.TrimRight(seg, "0123456789"))
	})
}

// newNotNonprodScope matches a command unless it is scoped outside
// production (nonprodScope). with: scopes, the options whose values name
// where the command acts (-n, --kube-context); commands, the subcommand
// words before the name that counts as a scope too (app rollback).
func newNotNonprodScope(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	scopeFlags := p.strings("scopes")
	var commands [][]string
	for _, c := range p.strings("commands") {
		commands = append(commands, strings.Fields(c))
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		return "", !nonprodScope(inv, v, ctx, scopeFlags, commands)
	}, nil
}

// nonprodScope reports whether a command names a non-production scope
// (nonprodName) in one of its scope options or in the first name after
// its subcommand, with no production marker, no scope known only at run
// time and no kube-system.
func nonprodScope(inv *parse.Invocation, v *view, ctx *Context, scopeFlags []string, commands [][]string) bool {
	if inv.MoreArgs || prodMarker(inv, ctx) != "" {
		return false
	}
	found := false
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !slices.Contains(scopeFlags, name) {
			continue
		}
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		} else if !has {
			// A tool guard has no option table for: the next word.
			val, has = valueAfter(inv, f), true
		}
		if !has || val == "" || strings.ContainsAny(val, "$`*") || strings.HasPrefix(val, "kube-") {
			return false
		}
		found = found || nonprodName(val)
	}
	ops := v.operands
	for _, c := range commands {
		if len(ops) > len(c) && slices.EqualFunc(ops[:len(c)], c, func(w parse.Word, s string) bool { return !w.Dynamic && w.Value == s }) {
			if n := ops[len(c)]; !n.Dynamic && !n.Glob {
				found = found || nonprodName(n.Value)
			}
			break
		}
	}
	return found
}
