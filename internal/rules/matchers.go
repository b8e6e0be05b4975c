package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/guardsh/guard/internal/parse"
)

// matchFunc is a predicate written in Go. It returns what matched.
type matchFunc func(inv *parse.Invocation, v *view, ctx *Context) (string, bool)

// params reads a matcher's with table, rejecting unknown keys. The keys
// read are a list, not a set: a matcher reads a few, and its rules are
// made on every start.
type params struct {
	with map[string]any
	used []string
	err  error
	// usedBuf holds used for the usual handful of keys, so that making a
	// matcher, which every command's first rules do, grows no slice.
	usedBuf [8]string
}

func newParams(with map[string]any) *params {
	p := &params{with: with}
	p.used = p.usedBuf[:0]
	return p
}

func (p *params) strings(key string) []string {
	p.used = append(p.used, key)
	v, ok := p.with[key]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		p.err = fmt.Errorf("%s must be a list of strings", key)
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			p.err = fmt.Errorf("%s must be a list of strings", key)
			return nil
		}
		out = append(out, s)
	}
	return out
}

func (p *params) string(key, def string) string {
	p.used = append(p.used, key)
	v, ok := p.with[key]
	if !ok {
		return def
	}
	s, ok := v.(string)
	if !ok {
		p.err = fmt.Errorf("%s must be a string", key)
	}
	return s
}

func (p *params) bool(key string, def bool) bool {
	p.used = append(p.used, key)
	v, ok := p.with[key]
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		p.err = fmt.Errorf("%s must be true or false", key)
	}
	return b
}

func (p *params) done() error {
	if p.err != nil {
		return p.err
	}
	for k := range p.with {
		if !slices.Contains(p.used, k) {
			return fmt.Errorf("unknown parameter %q", k)
		}
	}
	return nil
}

func oneOf(list []string, allowed ...string) error {
	for _, s := range list {
		if !slices.Contains(allowed, s) {
			return fmt.Errorf("unknown kind %q (want one of %s)", s, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// newKillAll matches kill with the process id -1, which signals every
// process the user may signal.
func newKillAll(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Args[1:]
		// The first option may be a signal: -9, -KILL, -s KILL, -n 9.
		if len(args) > 0 && (args[0].Value == "-s" || args[0].Value == "-n") {
			args = args[min(2, len(args)):]
		} else if len(args) > 0 && strings.HasPrefix(args[0].Value, "-") && args[0].Value != "-1" && args[0].Value != "--" {
			args = args[1:]
		} else if len(args) > 1 && args[0].Value == "-1" && args[1].Value != "--" {
			// kill -1 PID sends SIGHUP to PID.
			if !strings.HasPrefix(args[1].Value, "-") {
				return "", false
			}
			args = args[1:]
		}
		for _, a := range args {
			if a.Value == "-1" {
				return "process id -1 means every process you can signal", true
			}
		}
		return "", false
	}, nil
}

// pathBase returns the last element of a slash-separated path.
func pathBase(s string) string { return path.Base(s) }

// newSelfCall matches a function that calls itself, the shape of a fork
// bomb: :(){ :|:& };:
func newSelfCall(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, via := range inv.Via {
			if via == "function "+inv.Name {
				return "function " + parse.Quote(inv.Name) + " calls itself", true
			}
		}
		return "", false
	}, nil
}

// lazyMatch holds a generated rule's matcher, which is a function and so
// cannot be generated as data: it is made the first time the rule needs
// it, so that starting guard makes none.
type lazyMatch struct {
	once  sync.Once
	match matchFunc
}

// matcher returns the rule's matcher, or nil for a rule without one.
func (r *Rule) matcher() matchFunc {
	if r.match != nil || r.lazy == nil {
		return r.match
	}
	l := r.lazy
	l.once.Do(func() {
		mk, ok := findMatcher(r.Matcher)
		var err error
		if ok {
			l.match, err = mk(r.With)
		} else {
			err = fmt.Errorf("unknown matcher %q", r.Matcher)
		}
		if err != nil {
			// The generated packs were checked when they were made, so
			// this does not happen; if it did, the rule would match
			// rather than be skipped.
			msg := "matcher " + r.Matcher + ": " + err.Error()
			l.match = func(*parse.Invocation, *view, *Context) (string, bool) { return msg, true }
		}
	})
	return l.match
}

// detailMatcher builds a matcher that takes no parameters from a function
// that returns what it found in an invocation, or "" for nothing.
func detailMatcher(with map[string]any, find func(*parse.Invocation) string) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		d := find(inv)
		return d, d != ""
	}, nil
}
