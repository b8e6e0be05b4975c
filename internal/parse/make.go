package parse

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// make runs the recipes of a makefile as shell code. guard reads the
// makefile when it knows it: on stdin (make -f -), given with --eval, or
// written by the command itself (printf 'all:\n\trm -rf /\n' > Makefile &&
// make). A makefile already on disk is the project's own, and stays
// opaque.

// makeValueOpts are make's short options that take a value.
const makeValueOpts = "fCoWIE"

func (w *walker) make(c call) {
	w.record(c)
	args := c.args
	var files []Word
	var evals []string
	dir := w.dir
	if c.dir != nil {
		dir = *c.dir
	}
	vars := map[string]string{}
	var targets []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		v := a.Value
		long := func(name string) (Word, bool) {
			if rest, ok := strings.CutPrefix(v, name+"="); ok {
				return Word{Value: rest, Dynamic: a.Dynamic}, true
			}
			if v == name && i+1 < len(args) {
				i++
				return args[i], true
			}
			return Word{}, false
		}
		switch {
		case v == "-n" || v == "--dry-run" || v == "--just-print" || v == "--recon" || v == "-q" || v == "--question" ||
			v == "-p" || v == "--print-data-base" || v == "-v" || v == "--version" || v == "-h" || v == "--help":
			// Nothing runs (but + lines, which are rare).
			return
		case strings.HasPrefix(v, "--"):
			for _, name := range []string{"--file", "--makefile", "--directory", "--eval", "--jobs", "--load-average",
				"--include-dir", "--old-file", "--what-if", "--assume-old", "--assume-new", "--new-file"} {
				val, ok := long(name)
				if !ok {
					continue
				}
				switch name {
				case "--file", "--makefile":
					files = append(files, val)
				case "--directory":
					dir = joinDir(dir, val)
				case "--eval":
					evals = append(evals, val.Value)
				}
				break
			}
		case len(v) > 1 && v[0] == '-' && !a.Dynamic:
			for j := 1; j < len(v); j++ {
				ch := v[j]
				if ch == 'n' || ch == 'q' {
					return
				}
				if ch == 'j' || ch == 'l' {
					// -j [N]: an optional number.
					if j+1 == len(v) && i+1 < len(args) && isDigits(args[i+1].Value) {
						i++
					}
					break
				}
				if strings.IndexByte(makeValueOpts, ch) < 0 {
					continue
				}
				val := Word{Value: v[j+1:], Dynamic: a.Dynamic}
				if val.Value == "" && i+1 < len(args) {
					i++
					val = args[i]
				}
				switch ch {
				case 'f':
					files = append(files, val)
				case 'C':
					dir = joinDir(dir, val)
				case 'E':
					evals = append(evals, val.Value)
				}
				break
			}
		case isAssignment(v):
			n, val, _ := strings.Cut(v, "=")
			vars[strings.TrimSuffix(strings.TrimSuffix(n, ":"), "+")] = val
		default:
			targets = append(targets, v)
		}
	}
	var text strings.Builder
	from := ""
	if len(files) == 0 {
		for _, name := range []string{"GNUmakefile", "makefile", "Makefile"} {
			if dir == "" {
				break
			}
			if t, ok := (*w.files)[path.Join(dir, name)]; ok {
				text.WriteString(t)
				from = name
				break
			}
		}
	}
	for _, f := range files {
		switch {
		case f.Value == "-" || f.Value == "/dev/stdin":
			switch c.stdin.Kind {
			case Known:
				text.WriteString(c.stdin.Text)
				from = "stdin"
			case Unknown:
				d := c
				d.problem = UnknownInput
				d.detail = "make runs the recipes of a makefile from a " + c.stdin.From + " that guard cannot see"
				w.record(d)
				return
			}
		case f.Dynamic:
			continue
		default:
			p := f.Value
			if !path.IsAbs(p) && dir != "" {
				p = path.Join(dir, p)
			}
			if t, ok := (*w.files)[path.Clean(p)]; ok {
				text.WriteString(t)
				from = f.Value
			}
		}
		text.WriteByte('\n')
	}
	for _, e := range evals {
		text.WriteString(e)
		text.WriteByte('\n')
		if from == "" {
			from = "--eval"
		}
	}
	if from == "" {
		return
	}
	mf := parseMakefile(text.String())
	for k, v := range vars {
		mf.vars[k] = v
		mf.override[k] = true
	}
	cc := c
	cc.stdin, cc.redirs = Input{}, nil
	for _, sh := range mf.shells {
		w.codeWord(cc, Word{Value: mf.expand(sh, nil, 0)}, "make $(shell)", Input{})
	}
	if len(targets) == 0 && mf.first != "" {
		targets = []string{mf.first}
	}
	seen := map[string]bool{}
	var run func(t string, depth int)
	run = func(t string, depth int) {
		r, ok := mf.rules[t]
		if !ok || seen[t] || depth > 32 || len(seen) > 64 {
			return
		}
		seen[t] = true
		for _, p := range r.prereqs {
			run(p, depth+1)
		}
		for _, line := range r.recipe {
			line = strings.TrimLeft(line, "@-+ \t")
			code := mf.expand(line, &r, 0)
			w.codeWord(cc, Word{Value: code}, "make "+t, Input{})
		}
	}
	for _, t := range targets {
		run(t, 0)
	}
}

func joinDir(base string, d Word) string {
	if d.Dynamic {
		return ""
	}
	if path.IsAbs(d.Value) {
		return path.Clean(d.Value)
	}
	if base == "" {
		return ""
	}
	return path.Join(base, d.Value)
}

// makefile is what guard reads of a makefile: its variables, its rules
// and their recipes, and the $(shell ...) calls made as it is read.
type makefile struct {
	vars     map[string]string
	override map[string]bool
	rules    map[string]makeRule
	first    string
	shells   []string
}

type makeRule struct {
	target  string
	prereqs []string
	recipe  []string
}

// makeDefaults are make's built-in variables that recipes use.
var makeDefaults = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{"RM": "rm -f", "MAKE": "make", "SHELL": "/bin/sh", "CC": "cc", "CXX": "g++",
		"CP": "cp", "MV": "mv", "INSTALL": "install", "AR": "ar"}
}}

func parseMakefile(text string) *makefile {
	mf := &makefile{vars: map[string]string{}, override: map[string]bool{}, rules: map[string]makeRule{}}
	text = strings.ReplaceAll(text, "\\\n", " ")
	var cur []string // the targets whose recipe is being read
	inDefine := false
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if inDefine {
			if strings.TrimSpace(line) == "endef" {
				inDefine = false
			}
			continue
		}
		if strings.HasPrefix(line, "\t") {
			for _, t := range cur {
				r := mf.rules[t]
				r.recipe = append(r.recipe, line[1:])
				mf.rules[t] = r
			}
			continue
		}
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		if strings.HasPrefix(trim, "define ") {
			inDefine = true
			continue
		}
		trim = strings.TrimPrefix(strings.TrimPrefix(trim, "export "), "override ")
		mf.shells = append(mf.shells, makeShellCalls(trim)...)
		if i := strings.IndexAny(trim, "=:"); i >= 0 {
			op := trim[i:]
			switch {
			case strings.HasPrefix(op, "=") || strings.HasPrefix(op, ":=") || strings.HasPrefix(op, "::=") ||
				i > 0 && strings.IndexByte("?+!", trim[i-1]) >= 0 && strings.HasPrefix(op, "="):
				name := strings.TrimSpace(strings.TrimRight(trim[:i], "?+!:"))
				_, value, _ := strings.Cut(trim[i:], "=")
				value = strings.TrimSpace(value)
				if trim[max(i-1, 0)] == '+' {
					value = strings.TrimSpace(mf.vars[name] + " " + value)
				}
				if !(trim[max(i-1, 0)] == '?' && mf.vars[name] != "") {
					mf.vars[name] = value
				}
				cur = nil
				continue
			}
			// targets: prereqs [; recipe]
			targets := strings.Fields(trim[:i])
			rest := strings.TrimLeft(trim[i+1:], ":")
			prereqs, inline, hasInline := strings.Cut(rest, ";")
			pre := strings.Fields(strings.SplitN(prereqs, "|", 2)[0])
			cur = targets
			for _, t := range targets {
				r := mf.rules[t]
				r.target = t
				r.prereqs = append(r.prereqs, pre...)
				if hasInline {
					r.recipe = append(r.recipe, strings.TrimSpace(inline))
				}
				mf.rules[t] = r
				if mf.first == "" && !strings.HasPrefix(t, ".") && !strings.Contains(t, "%") {
					mf.first = t
				}
			}
			continue
		}
		cur = nil
	}
	return mf
}

// makeShellCalls returns the commands of $(shell ...) calls in a line.
func makeShellCalls(line string) []string {
	var out []string
	for i := strings.Index(line, "$(shell "); i >= 0; {
		end := matching(line, i+1, '(', ')')
		out = append(out, line[i+len("$(shell "):end])
		next := strings.Index(line[end:], "$(shell ")
		if next < 0 {
			break
		}
		i = end + next
	}
	return out
}

// expand expands make's references in a recipe line: $$ is $, $(VAR) and
// ${VAR} a variable, $@ $< $^ the rule's target and prerequisites,
// $(shell CMD) a command substitution. A variable make does not define
// becomes a shell variable of the same name, which the shell analysis
// reads as the environment's, and a function guard does not know an
// unknown value.
func (mf *makefile) expand(s string, r *makeRule, depth int) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch ch := s[i]; ch {
		case '$':
			b.WriteByte('$')
		case '@', '<', '^', '+', '*', '?':
			if r == nil {
				b.WriteString("${MAKE_AUTO}")
				continue
			}
			switch ch {
			case '@', '*':
				b.WriteString(r.target)
			case '<':
				if len(r.prereqs) > 0 {
					b.WriteString(r.prereqs[0])
				}
			default:
				b.WriteString(strings.Join(r.prereqs, " "))
			}
		case '(', '{':
			end := matching(s, i, ch, closer(ch))
			ref := s[i+1 : end]
			i = end
			if cmd, ok := strings.CutPrefix(ref, "shell "); ok {
				b.WriteString("$(" + mf.expand(cmd, r, depth+1) + ")")
				continue
			}
			if strings.ContainsAny(ref, " ,:") {
				b.WriteString("${MAKE_EXPR}")
				continue
			}
			v, ok := mf.vars[ref]
			if !ok {
				v, ok = makeDefaults.Get()[ref]
			}
			if !ok || depth > 8 {
				b.WriteString("${" + varName(ref) + "}")
				continue
			}
			b.WriteString(mf.expand(v, r, depth+1))
		default:
			// $X: a one-letter variable.
			if v, ok := mf.vars[string(ch)]; ok && depth < 8 {
				b.WriteString(mf.expand(v, r, depth+1))
			} else {
				b.WriteString("${" + varName(string(ch)) + "}")
			}
		}
	}
	return b.String()
}
