package parse

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// bash features that run code or change what runs: aliases (analysed as
// code where they are used), hash -p, namerefs and ${!x} indirection,
// arithmetic evaluation of a variable whose value holds a command
// substitution in a subscript, mapfile -C callbacks, enable -f, ${x@P}
// and command_not_found_handle.

// shellState is what a shell keeps besides its variables and functions.
// It is shared by code that runs in the same shell (eval, traps) and new
// for a new shell.
type shellState struct {
	aliases     map[string]Word
	aliasActive map[string]bool
	// hashed maps a command name to the path hash -p gave it.
	hashed map[string]Word
	// namerefs maps a nameref to the variable it names, or to "" when
	// that is not known.
	namerefs map[string]string
	// integers are the variables declared with -i, whose assignments are
	// evaluated as arithmetic.
	integers map[string]bool
	// hidden is set once the command may have turned on dotglob (shopt
	// -s dotglob, or an assignment to GLOBIGNORE): from then on its
	// patterns are taken to match hidden names too. It is never turned
	// off again, so that a shopt -u the walk cannot order does not make
	// a pattern look narrower than it is.
	hidden bool
}

// dotglob reports whether patterns may match hidden names here.
func (w *walker) dotglob() bool { return w.bash != nil && w.bash.hidden }

// shopt records the shell options that change what patterns match.
func (w *walker) shopt(args []Word) {
	set := false
	for _, a := range args {
		switch {
		case a.Value == "-s":
			set = true
		case a.Dynamic:
			// An option only known at run time may be dotglob.
			w.sh().hidden = true
		case a.Value == "dotglob" && set:
			w.sh().hidden = true
		}
	}
}

func (w *walker) sh() *shellState {
	if w.bash == nil {
		w.bash = &shellState{}
	}
	return w.bash
}

// defineAlias records alias NAME=VALUE.
func (w *walker) defineAlias(name string, v Word) {
	s := w.sh()
	if s.aliases == nil {
		s.aliases = map[string]Word{}
	}
	s.aliases[name] = v
}

// expandAlias runs a command whose name is an alias: the alias's value
// with the command's arguments after it, analysed as code in this shell.
// It reports whether the name was an alias.
func (w *walker) expandAlias(c call, name string) bool {
	if w.bash == nil || w.bash.aliases == nil || strings.Contains(c.args[0].Value, "/") {
		return false
	}
	v, ok := w.bash.aliases[name]
	if !ok || w.bash.aliasActive[name] {
		return false
	}
	if v.Dynamic {
		c.problem = DynamicCode
		c.detail = "the alias " + name + " runs code only known at run time: " + Quote(v.Value)
		w.record(c)
		return true
	}
	var b strings.Builder
	b.WriteString(v.Value)
	for _, a := range c.args[1:] {
		b.WriteByte(' ')
		if a.Dynamic {
			// Its source text reads again as the same unknown word.
			b.WriteString(a.Value)
		} else {
			b.WriteString(Quote(a.Value))
		}
	}
	s := w.sh()
	if s.aliasActive == nil {
		s.aliasActive = map[string]bool{}
	}
	s.aliasActive[name] = true
	c.args = nil
	w.evalWord(c, Word{Value: b.String()}, "alias "+name, c.stdin)
	s.aliasActive[name] = false
	return true
}

// unalias handles unalias NAME... and unalias -a.
func (w *walker) unalias(args []Word) {
	if w.bash == nil {
		return
	}
	for _, a := range args {
		if a.Value == "-a" {
			w.bash.aliases = nil
			return
		}
		delete(w.bash.aliases, a.Value)
	}
}

// hash handles hash -p PATH NAME, which makes NAME run PATH, and hash -r
// and hash -d, which forget.
func (w *walker) hash(c call) {
	w.record(c)
	args := c.args[1:]
	for i := 0; i < len(args); i++ {
		switch a := args[i].Value; {
		case a == "-r":
			if w.bash != nil {
				w.bash.hashed = nil
			}
		case a == "-d":
			if w.bash != nil {
				for _, n := range args[i+1:] {
					delete(w.bash.hashed, n.Value)
				}
			}
			return
		case a == "-p" && i+2 < len(args):
			s := w.sh()
			if s.hashed == nil {
				s.hashed = map[string]Word{}
			}
			for _, n := range args[i+2:] {
				s.hashed[n.Value] = args[i+1]
			}
			return
		}
	}
}

// hashedProgram returns the path hash -p gave a command name.
func (w *walker) hashedProgram(c *call) {
	if w.bash == nil || w.bash.hashed == nil || strings.Contains(c.args[0].Value, "/") {
		return
	}
	if p, ok := w.bash.hashed[c.args[0].Value]; ok {
		c.args = append([]Word{p}, c.args[1:]...)
	}
}

// nameref returns the variable a nameref names: itself when it is none,
// and "" when that is not known.
func (w *walker) nameref(name string) (string, bool) {
	if w.bash == nil || w.bash.namerefs == nil {
		return name, true
	}
	for i := 0; i < 8; i++ {
		t, ok := w.bash.namerefs[name]
		if !ok {
			return name, true
		}
		if t == "" {
			return "", false
		}
		name = t
	}
	return "", false
}

// declareNameref records declare -n NAME=TARGET.
func (w *walker) declareNameref(name string, target Word) {
	s := w.sh()
	if s.namerefs == nil {
		s.namerefs = map[string]string{}
	}
	t := target.Value
	if target.Dynamic || !isName(t) {
		t = ""
	}
	s.namerefs[name] = t
}

// forgetAll forgets every variable: an assignment through a nameref whose
// target is not known may have set any of them.
func (w *walker) forgetAll() {
	for k := range w.vars {
		w.vars[k] = value{}
	}
	for _, k := range []string{"HOME", "PWD", "IFS", "PATH"} {
		if w.vars == nil {
			w.vars = map[string]value{}
		}
		w.vars[k] = value{}
	}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Arithmetic evaluation: bash evaluates the value of a variable used in
// arithmetic as an expression, and a subscript in it runs its command
// substitutions: a='x[$(cmd)]'; (( a )) runs cmd. Values that hold a
// substitution are analysed as the arithmetic they are.

// arithText analyses text evaluated as arithmetic: a name is looked up in
// turn, and text with a substitution is parsed as an expression.
func (w *walker) arithText(text string, depth int) {
	text = strings.TrimSpace(text)
	if depth > 4 || text == "" {
		return
	}
	if isName(text) {
		if v, ok := w.variable(text); ok && v != text {
			w.arithText(v, depth+1)
		}
		return
	}
	if !strings.Contains(text, "$") && !strings.Contains(text, "`") {
		return
	}
	n := w.nested("arithmetic", Pos{Line: 1, Col: 1})
	n.base = w.base
	if n.base == nil {
		p := w.position(Pos{Line: 1, Col: 1})
		n.base = &p
	}
	n.depth += depth
	n.vars = w.vars
	n.params, n.paramsSet, n.paramsOpen = w.params, w.paramsSet, w.paramsOpen
	n.code("(( "+text+" ))", &Input{})
}

// arithNode analyses the variables an arithmetic expression evaluates:
// names, and expansions whose text becomes part of the expression.
func (w *walker) arithNode(node syntax.Node) {
	if node == nil || w.dry {
		return
	}
	syntax.Walk(node, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Word:
			if lit := n.Lit(); isName(lit) {
				w.arithText(lit, 0)
			}
		case *syntax.ParamExp:
			if n.Param != nil && isPlainParam(n) {
				if v, ok := w.variable(n.Param.Value); ok {
					w.arithText(v, 0)
				}
			}
			return false
		case *syntax.CmdSubst, *syntax.ProcSubst:
			return false
		}
		return true
	})
}

// testArith analyses the operands of [[ a -eq b ]] and its kind, which are
// evaluated as arithmetic.
func (w *walker) testArith(x syntax.TestExpr) {
	syntax.Walk(x, func(n syntax.Node) bool {
		if b, ok := n.(*syntax.BinaryTest); ok {
			switch b.Op {
			case syntax.TsEql, syntax.TsNeq, syntax.TsLeq, syntax.TsGeq, syntax.TsLss, syntax.TsGtr:
				w.arithNode(b.X)
				w.arithNode(b.Y)
			}
		}
		return true
	})
}

// arithWords analyses words that a builtin evaluates as arithmetic or as
// names with a subscript: test's -eq operands, printf -v NAME, read NAME.
func (w *walker) arithWords(words ...Word) {
	for _, a := range words {
		if a.Dynamic {
			continue
		}
		if strings.Contains(a.Value, "[") || isName(a.Value) {
			w.arithText(a.Value, 0)
		}
	}
}

// testBuiltin analyses test and [: the operands of -eq and its kind.
func (w *walker) testBuiltin(c call) {
	w.record(c)
	args := c.args[1:]
	for i, a := range args {
		switch a.Value {
		case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
			if i > 0 {
				w.arithWords(args[i-1])
			}
			if i+1 < len(args) {
				w.arithWords(args[i+1])
			}
		}
	}
}

// enable handles enable -f FILE NAME, which loads compiled code guard
// cannot see.
func (w *walker) enable(c call) {
	if hasOpt(c.args[1:], "-f") {
		c.problem = DynamicCode
		c.detail = "enable -f loads a compiled builtin whose code guard cannot see"
	}
	w.record(c)
}

// promptExpansion analyses ${x@P}: x's value is expanded as a prompt, and
// its command substitutions run.
func (w *walker) promptExpansion(pe *syntax.ParamExp) {
	if pe.Param == nil || pe.Exp == nil || pe.Exp.Op != syntax.OtherParamOps || pe.Exp.Word == nil || pe.Exp.Word.Lit() != "P" {
		return
	}
	v, ok := w.variable(pe.Param.Value)
	c := call{text: w.source(pe), pos: w.synPos(pe.Pos())}
	if !ok {
		c.problem = DynamicCode
		c.detail = "${" + pe.Param.Value + "@P} expands a prompt only known at run time"
		w.record(c)
		return
	}
	w.promptVar(c, pe.Param.Value+"@P", Word{Value: v})
}

// missingCommand runs command_not_found_handle for a command whose name
// cannot be found on PATH: one with blanks or quotes in it, which only
// quoting can make.
func (w *walker) missingCommand(c call, name string) {
	def, ok := w.funcs["command_not_found_handle"]
	if !ok || !strings.ContainsAny(name, " \t\n'\"$;&|<>()") {
		return
	}
	w.callFunc("command_not_found_handle", def, c.stdin, c.args)
}
