package rules

import (
	"encoding/json"
	"fmt"
	"github.com/guardsh/guard/internal/lazy"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Targets given as option values, and the variables a playbook runs with,
// for the verb model.
//
// A task runner may take its targets from an option rather than its
// operands: ansible-playbook site.yml --tags teardown, nox -s clean_db,
// tox -e drop-db. A "program -option" entry in the targets list says so,
// as "npm run" says that npm run's operands are targets; the option's
// values, split at commas, are read as the words of a subcommand path.
//
// A playbook's extra variables (-e, --extra-vars, as key=value words,
// JSON or @file) can ask it to destroy: confirm_destroy=yes,
// teardown=true, action=destroy. A variable whose name holds a verb and
// whose value turns it on, or whose value is a verb, asks; a file of
// variables is read by its name (@vars/teardown.yml).

// optionTargets applies the verb model to the values of the program's
// target options.
func (m *verbModel) optionTargets(name string, inv *parse.Invocation) (string, bool) {
	var q subPath
	args := inv.Own()
	for i := 1; i < len(args) && q.n < maxPath; i++ {
		a := args[i]
		s := a.Value
		if a.Dynamic || len(s) < 2 || s[0] != '-' {
			continue
		}
		if s == "--" {
			break
		}
		opt, val, has := strings.Cut(s, "=")
		if !m.targetAfter(name, opt) {
			continue
		}
		at := i
		if !has {
			if i+1 >= len(args) || args[i+1].Dynamic {
				continue
			}
			i++
			val = args[i].Value
		}
		for _, t := range strings.Split(val, ",") {
			t = strings.TrimSpace(t)
			if bareWord(t) && q.n < maxPath {
				q.words[q.n], q.index[q.n] = t, at
				q.n++
			}
		}
	}
	if q.n == 0 {
		return "", false
	}
	d, _, ok := m.pathVerb(name, inv, &q)
	if ok {
		d = strings.Replace(strings.Replace(d, "the subcommand", "the targets", 1), " says ", " say ", 1)
	}
	return d, ok
}

// extraVarFlags are the options that give a playbook its variables.
var extraVarFlags = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"-e": true, "--extra-vars": true, "--extra_vars": true}
}}

// extraVars applies the verb model to a playbook's extra variables.
func (m *verbModel) extraVars(inv *parse.Invocation) (string, bool) {
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		s := args[i].Value
		if s == "--" {
			break
		}
		opt, val, has := strings.Cut(s, "=")
		if !extraVarFlags.Get()[opt] {
			if !strings.HasPrefix(s, "-e") || len(s) < 3 || s[2] == '-' {
				continue
			}
			opt, val, has = "-e", s[2:], true // -econfirm_destroy=yes
		}
		if !has {
			if i+1 >= len(args) {
				continue
			}
			i++
			if args[i].Dynamic {
				continue
			}
			val = args[i].Value
		}
		if f, ok := strings.CutPrefix(val, "@"); ok {
			if d, ok := m.nameVerb(f, "variables file", true); ok {
				return d, true
			}
			continue
		}
		for _, kv := range varPairs(val) {
			if d, ok := m.destroyVar(kv[0], kv[1]); ok {
				return d, true
			}
		}
	}
	return "", false
}

// varPairs returns the variables of an extra-vars value: a JSON object's
// members whose values are scalars, or key=value words.
func varPairs(val string) [][2]string {
	var out [][2]string
	t := strings.TrimSpace(val)
	if strings.HasPrefix(t, "{") {
		var obj map[string]any
		if json.Unmarshal([]byte(t), &obj) == nil {
			for k, v := range obj {
				switch v := v.(type) {
				case string:
					out = append(out, [2]string{k, v})
				case bool, float64:
					out = append(out, [2]string{k, fmt.Sprint(v)})
				}
			}
			return out
		}
	}
	for _, w := range strings.Fields(t) {
		if k, v, ok := strings.Cut(w, "="); ok && k != "" {
			out = append(out, [2]string{k, strings.Trim(v, `"'`)})
		}
	}
	return out
}

// destroyVar judges one variable: a name that holds one of the strongest
// verbs (names) with a value that turns it on (confirm_destroy=yes,
// teardown=true), or a value that is one (action=destroy). Milder verbs
// are everyday settings (disable_swap=true), and a verb on a safeguard
// (deletion_protection), on local state (purge_cache) or on a password
// (reset_password) does not count.
func (m *verbModel) destroyVar(key, val string) (string, bool) {
	var buf [maxParts]string
	if m.has(listNames, val) {
		return fmt.Sprintf("the extra variable %s=%s says %s", key, val, strings.ToLower(val)), true
	}
	if !truthy(val) && !strings.EqualFold(val, "y") {
		return "", false
	}
	parts := buf[:splitParts(key, buf[:])]
	for pi, p := range parts {
		if !m.has(listNames, p) {
			continue
		}
		if pi+1 < len(parts) && (m.has(listSafeguards, parts[pi+1]) || m.has(listLocal, parts[pi+1]) || passwordWords.Get()[strings.ToLower(parts[pi+1])]) {
			return "", false
		}
		return fmt.Sprintf("the extra variable %s=%s says %s", key, val, strings.ToLower(p)), true
	}
	return "", false
}
