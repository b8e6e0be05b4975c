package rules

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// The variables an infrastructure tool is run with, however they are
// passed: terraform's -var NAME=VALUE words and the TF_VAR_NAME=VALUE
// assignments before it or exported earlier (terraform reads both as the
// variable NAME), and Ansible's extra variables (-e, --extra-vars) as
// key=value words, JSON or YAML's flow mapping.

// newIACVars matches a tool run with a variable that with.vars, globs of
// NAME=VALUE compared in lower case, name: one of the program's own words
// or a TF_VAR_ assignment read as -var NAME=VALUE.
func newIACVars(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	globs := lowerAll(p.strings("vars"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(globs) == 0 {
		return nil, errors.New("iac-vars needs vars")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		words := make([]string, 0, len(inv.Args)+len(inv.Assigns))
		for _, a := range inv.Own()[1:] {
			if !a.Dynamic {
				words = append(words, a.Value)
			}
		}
		for _, a := range inv.Assigns {
			if name, ok := strings.CutPrefix(a.Name, "TF_VAR_"); ok && name != "" && !a.Value.Dynamic {
				words = append(words, name+"="+a.Value.Value)
			}
		}
		for _, w := range words {
			for _, g := range globs {
				if globLower(g, strings.ToLower(w)) {
					return "the variable " + parse.Quote(w) + " is set", true
				}
			}
		}
		return "", false
	}, nil
}

// switchNouns are what a variable named for removing may name without
// taking data with it: purge_cache, reset_password, remove_old_releases.
const switchNouns = "cache caches tmp temp old stale password passwords passwd facts lock locks pid pidfile known hosts_file artifacts builds releases logs history"

// newDestructiveSwitch matches an Ansible run whose extra variables set
// a switch named for a destructive act (with.words, as one of the name's
// _-separated parts: format_disks, wipe, factory_reset, drop_database) to
// true, yes or 1: the playbook's guarded tasks, written to run only when
// it is on, are what wipes the disks or resets the device.
func newDestructiveSwitch(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	verbs := strings.Join(lowerAll(p.strings("words")), " ")
	if err := p.done(); err != nil {
		return nil, err
	}
	if verbs == "" {
		return nil, errors.New("destructive-switch needs words")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, kv := range extraVars(inv) {
			if !onWord(normWord(kv[1])) {
				continue
			}
			parts := strings.FieldsFunc(strings.ToLower(kv[0]), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
			verb, spared := false, false
			for _, part := range parts {
				verb = verb || wordlist.Has(verbs, part)
				spared = spared || wordlist.Has(switchNouns, part)
			}
			if verb && !spared {
				return "the extra variable " + kv[0] + " is set to " + kv[1], true
			}
		}
		return "", false
	}, nil
}

// extraVars returns the NAME, VALUE pairs of an Ansible command's extra
// variables that guard can read: -e a=1 b=2, --extra-vars='{"a": true}',
// -e '{a: true, b: yes}'. A file (-e @vars.yml) is not read.
func extraVars(inv *parse.Invocation) [][2]string {
	own := inv.Own()
	var out [][2]string
	for i := 1; i < len(own); i++ {
		s := own[i].Value
		val := ""
		switch {
		case s == "-e" || s == "--extra-vars":
			if i+1 < len(own) {
				i++
				if own[i].Dynamic {
					continue
				}
				val = own[i].Value
			}
		case strings.HasPrefix(s, "--extra-vars="):
			val = strings.TrimPrefix(s, "--extra-vars=")
		case strings.HasPrefix(s, "-e") && len(s) > 2 && !strings.HasPrefix(s, "--"):
			val = strings.TrimPrefix(strings.TrimPrefix(s, "-e"), "=")
		default:
			continue
		}
		out = appendExtraVars(strings.TrimSpace(val), out)
	}
	return out
}

// appendExtraVars appends the pairs of one extra-vars value to out.
func appendExtraVars(val string, out [][2]string) [][2]string {
	if val == "" || val[0] == '@' {
		return out
	}
	if val[0] == '{' {
		var obj map[string]any
		if json.Unmarshal([]byte(val), &obj) == nil {
			for k, x := range obj {
				t := scalarText(x)
				if n, ok := x.(float64); ok {
					t = strconv.FormatFloat(n, 'f', -1, 64)
				}
				out = append(out, [2]string{k, t})
			}
			return out
		}
		// YAML's flow mapping: {a: true, b: "x"}.
		for _, item := range strings.Split(strings.Trim(val, "{}"), ",") {
			k, x, ok := strings.Cut(item, ":")
			if ok {
				out = append(out, [2]string{strings.Trim(strings.TrimSpace(k), `"'`), strings.Trim(strings.TrimSpace(x), `"'`)})
			}
		}
		return out
	}
	for _, f := range strings.Fields(val) {
		if k, x, ok := strings.Cut(f, "="); ok && k != "" {
			out = append(out, [2]string{k, strings.Trim(x, `"'`)})
		}
	}
	return out
}
