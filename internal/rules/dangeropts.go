package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the danger-option matcher: an option whose name says
// that it is dangerous, unsafe or loses data, in any program. The tools'
// authors put the warning in the name (kapp's
// --dangerous-allow-empty-list-of-resources, ceph's
// --yes-i-really-really-mean-it, --allow-data-loss), so the name is the
// judgement, and a tool released next month is covered on its first day.

// newDangerOption matches a long option whose name, without its dashes
// and in lower case, is one of with.options (a trailing * ends a prefix)
// and none of with.benign. An option set to a false value
// (--unsafe=false) does not count; neither do the operands of programs
// whose operands are text (echo, grep), nor the words after --.
func newDangerOption(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	options := p.strings("options")
	benign := p.strings("benign")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(options) == 0 {
		return nil, errors.New("danger-option needs options")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.set != nil && v.set.verbs != nil && v.set.verbs.has(listPlain, v.name) {
			return "", false
		}
		// The same words as a variable set for the program:
		// I_KNOW_WHAT_I_AM_DOING=yes, ALLOW_DATA_LOSS=1.
		for _, as := range inv.Assigns {
			if len(as.Name) < 6 || as.Value.Dynamic || falsy(as.Value.Value) || as.Value.Value == "" {
				continue
			}
			name := strings.ToLower(as.Name)
			if globsMatch(benign, name) || !globsMatch(options, name) && !dangerSuffix(options, name) {
				continue
			}
			return fmt.Sprintf("the variable %s=%s says it is dangerous or loses data", as.Name, as.Value.Value), true
		}
		args := inv.Own()
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Dynamic {
				continue
			}
			if a.Value == "--" {
				break
			}
			name, ok := strings.CutPrefix(a.Value, "--")
			if !ok || len(name) < 4 {
				continue
			}
			name, val, _ := strings.Cut(name, "=")
			if !optionName(name) || falsy(val) {
				continue
			}
			name = strings.ToLower(name)
			if globsMatch(benign, name) || !globsMatch(options, name) {
				continue
			}
			return fmt.Sprintf("the option %s says it is dangerous or loses data", a.Value), true
		}
		return "", false
	}, nil
}

// optionName reports whether s is spelled as an option's name: letters,
// digits, - and _.
func optionName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' {
			return false
		}
	}
	return s != ""
}

// dangerSuffix reports whether a variable's name ends in one of the
// options that is no prefix (BORG_DELETE_I_KNOW_WHAT_I_AM_DOING), past an
// application's own prefix.
func dangerSuffix(pats []string, name string) bool {
	name = strings.ReplaceAll(name, "_", "-")
	for _, p := range pats {
		if !strings.HasSuffix(p, "*") && len(p) >= 10 && strings.HasSuffix(name, "-"+p) {
			return true
		}
	}
	return false
}

// globsMatch reports whether name is one of pats, where a trailing *
// makes a pattern a prefix. _ and - are one character.
func globsMatch(pats []string, name string) bool {
	name = strings.ReplaceAll(name, "_", "-")
	for _, p := range pats {
		if pre, ok := strings.CutSuffix(p, "*"); ok {
			if strings.HasPrefix(name, pre) {
				return true
			}
		} else if name == p {
			return true
		}
	}
	return false
}
