package parse

import (
	"errors"
	"path"
	"strconv"
	"strings"
)

// shell handles bash and its relatives: -c code, a script, or code on stdin.
func (w *walker) shell(c call, name string) {
	argv := values(c.args[1:])
	sh, err := ParseShell(argv)
	if err != nil && c.more {
		// xargs sh -c: the code is the input, appended at run time.
		c.problem = DynamicCode
		c.detail = "the code run by " + name + " -c comes from input only known at run time"
		w.record(c)
		return
	}
	if errors.Is(err, ErrNoCommand) {
		// bash -c with nothing after it: the shell reports the error and
		// runs nothing. Its redirections still happen, in the shell that
		// starts it.
		w.record(c)
		return
	}
	if err != nil {
		// Options guard does not know (zsh --no-rcs, say) may still lead
		// to code being run: look for -c CODE anyway, and ask a person.
		c.problem = ParseError
		c.detail = "guard cannot read the options of " + name + ": " + err.Error()
		w.record(c)
		for i, a := range c.args[1 : len(c.args)-1] {
			v := a.Value
			if len(v) > 1 && v[0] == '-' && v[1] != '-' && strings.Contains(v, "c") {
				cc := c
				cc.problem, cc.detail = NoProblem, ""
				w.codeWord(cc, c.args[i+2], name+" -c", c.stdin)
				break
			}
		}
		return
	}
	rest := c.args[1+sh.rest:]
	var startup string
	if file, named := w.startupFile(c, name); named {
		// BASH_ENV=f bash -c ...: f runs first, in the same shell.
		if file.Dynamic {
			d := c
			d.problem = DynamicCode
			d.detail = name + " first runs a start-up file only named at run time: " + Quote(file.Value)
			w.record(d)
		} else if text, ok := w.script(file, w.callDir(c)); ok {
			startup = text
		}
	}
	switch {
	case sh.HasCommand:
		code := rest[0]
		if code.Dynamic {
			c.problem = DynamicCode
			c.detail = "the code given to " + name + " -c is only known at run time: " + Quote(code.Value)
			w.record(c)
			return
		}
		n := w.nested(name+" -c", c.pos)
		n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
		if c.dir != nil {
			// env -C DIR sh -c, sudo -D DIR sh -c: the code runs there.
			n.dir = *c.dir
		}
		n.paramsSet = true
		n.paramsOpen = c.more
		n.params = []value{{s: name, known: true}}
		if len(rest) > 1 {
			n.params = n.params[:0]
			for _, p := range rest[1:] {
				n.params = append(n.params, value{s: p.Value, known: !p.Dynamic, glob: p.Glob})
			}
		}
		if startup != "" {
			n.code(startup, &Input{})
		}
		n.code(code.Value, &c.stdin)
	case sh.Script != "":
		script := rest[0]
		switch {
		case script.Dynamic && strings.HasPrefix(script.Value, "<("):
			c.problem = UnknownInput
			c.detail = name + " runs code from a process substitution that guard cannot see: " + Quote(script.Value)
			w.record(c)
		case script.Value == "/dev/stdin" || script.Value == "/proc/self/fd/0":
			w.stdinCode(c, name)
		default:
			w.record(c)
			if text, ok := w.script(script, w.callDir(c)); ok {
				w.runScript(c, startup+"\n"+text, name+" "+script.Value, scriptParams(script, rest[1:]))
			}
		}
	case c.more && len(rest) == 0:
		// xargs sh: the script's name is the input, appended at run time.
		c.problem = DynamicCode
		c.detail = "the script " + name + " runs is named by input only known at run time"
		w.record(c)
	default:
		if startup != "" {
			w.runScript(c, startup, name+" start-up", nil)
		}
		w.stdinCode(c, name)
	}
}

// stdinCode handles a shell that reads its code from stdin.
func (w *walker) stdinCode(c call, name string) {
	w.stdinFile(&c)
	switch c.stdin.Kind {
	case Known:
		n := w.nested(name+" <"+c.stdin.From, c.pos)
		n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
		n.code(c.stdin.Text, &Input{})
	case Unknown:
		c.problem = UnknownInput
		c.detail = name + " runs code from a " + c.stdin.From + " that guard cannot see"
		w.record(c)
	default:
		w.record(c)
	}
}

func (w *walker) source_(c call) {
	ops := operands(c.args[1:])
	if len(ops) == 0 {
		w.record(c)
		return
	}
	file := ops[0]
	switch {
	case file.Dynamic && strings.HasPrefix(file.Value, "<(") && w.startupIdiom(file.Value):
		// source <(kubectl completion bash): the tool's own start-up code.
		w.record(c)
	case file.Dynamic && strings.HasPrefix(file.Value, "<("):
		c.problem = UnknownInput
		c.detail = "source runs code from a process substitution that guard cannot see: " + Quote(file.Value)
		w.record(c)
	case file.Value == "/dev/stdin" || file.Value == "/proc/self/fd/0":
		w.stdinCode(c, "source")
	default:
		w.record(c)
		if text, ok := w.script(file, w.callDir(c)); ok {
			args := ops[1:]
			w.sourceScript(c, text, "source "+file.Value, args)
		} else {
			w.noteLoaded(c.text)
		}
	}
}

// set handles the set builtin: operands after the options, or after --,
// replace the positional parameters.
func (w *walker) set(args []Word) {
	for i, a := range args {
		switch {
		case a.Value == "--" || a.Value == "-":
			w.setParams(args[i+1:])
			return
		case a.Value == "-o" || a.Value == "+o":
			// The option name follows; skip it below.
		case len(a.Value) > 1 && (a.Value[0] == '-' || a.Value[0] == '+') && !a.Dynamic:
		case i > 0 && (args[i-1].Value == "-o" || args[i-1].Value == "+o"):
		default:
			w.setParams(args[i:])
			return
		}
	}
}

func (w *walker) setParams(args []Word) {
	zero := value{}
	if len(w.params) > 0 {
		zero = w.params[0]
	}
	w.params = []value{zero}
	for _, a := range args {
		w.params = append(w.params, value{s: a.Value, known: !a.Dynamic, glob: a.Glob})
	}
	w.paramsSet, w.paramsOpen = true, false
}

// shift drops positional parameters.
func (w *walker) shift(args []Word) {
	n := 1
	if len(args) > 0 {
		k, err := strconv.Atoi(args[0].Value)
		if err != nil || args[0].Dynamic || k < 0 {
			w.params, w.paramsSet, w.paramsOpen = nil, false, false
			return
		}
		n = k
	}
	if !w.paramsSet {
		return
	}
	if n >= len(w.params) {
		if w.paramsOpen {
			// Some of the unknown parameters move into place.
			w.params, w.paramsSet, w.paramsOpen = nil, false, false
			return
		}
		n = max(len(w.params)-1, 0)
	}
	if len(w.params) > 0 {
		w.params = append(w.params[:1:1], w.params[1+n:]...)
	}
}

// assigning records a builtin that sets variables to values guard cannot
// know, and forgets what it knew of them.
func (w *walker) assigning(c call, name string) {
	w.record(c)
	args := c.args[1:]
	forget := func(n string) {
		n, _, _ = strings.Cut(n, "[")
		if n != "" {
			w.setVar(n, value{})
		}
	}
	switch name {
	case "printf":
		if v, ok := optValue(args, "-v"); ok {
			// printf -v 'a[$(cmd)]': the subscript is evaluated.
			w.arithWords(v)
			forget(v.Value)
		}
	case "read":
		ops := optionOperands(args, "adinNptu")
		for i, a := range args {
			// -a NAME, -ra NAME, -raNAME: the array read into.
			v := a.Value
			if len(v) < 2 || v[0] != '-' || v[1] == '-' {
				continue
			}
			if k := strings.IndexByte(v, 'a'); k > 0 {
				if k+1 < len(v) {
					forget(v[k+1:])
				} else if i+1 < len(args) {
					forget(args[i+1].Value)
				}
			}
		}
		if len(ops) == 0 && !hasOpt(args, "-a") {
			forget("REPLY")
		}
		w.arithWords(ops...)
		for _, o := range ops {
			// What read sets a variable to comes from its input: say so,
			// for rules that ask where a value came from.
			if n, _, _ := strings.Cut(o.Value, "["); n != "" {
				w.setVar(n, value{s: c.text})
			}
		}
		if l := c.stdin.listed; l != nil && len(ops) > 0 {
			// read f from ls or find: the last variable gets the rest of
			// each line, one listed path.
			w.setVar(ops[len(ops)-1].Value, listedValue(*l))
		}
	case "readarray", "mapfile":
		ops := optionOperands(args, "dnOsuCc")
		w.arithWords(ops...)
		if v, ok := optValue(args, "-C"); ok {
			// mapfile -C CALLBACK runs CALLBACK INDEX LINE.
			w.codeWord(c, Word{Value: v.Value + " 0 line", Dynamic: v.Dynamic}, name+" -C", Input{})
		}
		if len(ops) == 0 {
			forget("MAPFILE")
		}
		for _, o := range ops {
			forget(o.Value)
		}
		if l := c.stdin.listed; l != nil {
			// mapfile -t a < <(find ...): each element is a listed path.
			n := "MAPFILE"
			if len(ops) > 0 {
				n = ops[len(ops)-1].Value
			}
			w.setVar(n, value{arr: &[]value{listedValue(*l)}})
		}
	case "getopts":
		ops := operands(args)
		if len(ops) > 1 {
			forget(ops[1].Value)
		}
		forget("OPTARG")
		forget("OPTIND")
	case "unset":
		w.arithWords(operands(args)...)
		for _, o := range operands(args) {
			forget(o.Value)
			if !hasOpt(args, "-f") && !o.Dynamic {
				// An unset variable leaves the environment too.
				w.setExported(o.Value, false)
			}
		}
	}
}

// optionOperands returns the operands of a builtin whose short options in
// valueOpts take a value.
func optionOperands(args []Word, valueOpts string) []Word {
	var out []Word
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			return append(out, args[i+1:]...)
		}
		if len(a) > 1 && a[0] == '-' {
			if last := a[len(a)-1]; strings.IndexByte(valueOpts, last) >= 0 {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// chdir follows cd and pushd. A directory guard cannot know (a variable
// only known at run time, cd -, pushd's stack, a name CDPATH may find
// elsewhere) leaves the walker's directory unknown.
func (w *walker) chdir(c call, name string) {
	ops := operands(c.args[1:])
	switch {
	case len(ops) == 0 && name == "pushd":
		// pushd alone swaps the top two directories of the stack.
		w.dir = ""
	case len(ops) == 0:
		w.dir = w.opts.Home
	case ops[0].Dynamic || ops[0].Value == "-" || name == "pushd" && stackIndex(ops[0].Value):
		w.dir = ""
	case w.cdpath(c, ops[0].Value):
		w.dir = ""
	default:
		d, ok := w.resolve(ops[0].Value)
		if !ok {
			d = ""
		}
		w.dir = d
	}
}

// stackIndex reports whether a pushd operand names an entry of the
// directory stack: +N or -N.
func stackIndex(s string) bool {
	if len(s) < 2 || s[0] != '+' && s[0] != '-' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// cdpath reports whether cd may look dir up in a CDPATH the command set,
// which can take it to a directory elsewhere: a relative name that does
// not start with . or .., with CDPATH set to something other than empty
// or the working directory.
func (w *walker) cdpath(c call, dir string) bool {
	if path.IsAbs(dir) || dir == "." || dir == ".." || strings.HasPrefix(dir, "./") || strings.HasPrefix(dir, "../") {
		return false
	}
	v, set := Word{}, false
	for _, a := range c.assigns {
		if a.Name == "CDPATH" {
			v, set = a.Value, true
		}
	}
	if !set {
		x, ok := w.vars["CDPATH"]
		if !ok {
			return false
		}
		v = Word{Value: x.s, Dynamic: !x.known}
	}
	if v.Dynamic {
		return true
	}
	for _, d := range strings.Split(v.Value, ":") {
		if d != "" && d != "." {
			return true
		}
	}
	return false
}

// scriptFile analyses a script the command runs by its path: shell code,
// or an interpreter's when its #! line names one.
func (w *walker) scriptFile(c call, text string) {
	prog, _ := shebang(text)
	if ip := interpreterOf(prog, nil); ip != nil {
		c.code = &Code{Lang: ip.lang, Text: text, From: "file " + c.args[0].Value}
		w.record(c)
		code := c.code
		c.code = nil
		w.interpreterCode(c, prog, code)
		return
	}
	w.record(c)
	switch prog {
	case "", "sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "yash":
		w.runScript(c, text, "script "+c.args[0].Value, scriptParams(c.args[0], c.args[1:]))
	default:
		// An interpreter guard does not know: its calls of the shell are
		// still looked for.
		w.interpreterCode(c, prog, &Code{Lang: prog, Text: text, From: "file " + c.args[0].Value})
	}
}

// otherShell reads the -c code of a shell whose language is not the
// POSIX shell's (fish, nushell, csh, tcsh, elvish, xonsh) as shell code:
// the simple commands agents give them (fish -c 'rm -rf build') read the
// same, and code the parser cannot read asks, as any parse error does.
func (w *walker) otherShell(c call, name string) {
	w.record(c)
	args := c.args[1:]
	for i, a := range args {
		v := a.Value
		switch {
		case a.Dynamic:
		case v == "--command" || v == "--commands" || len(v) > 1 && v[0] == '-' && v[1] != '-' && strings.HasSuffix(v, "c"):
			if i+1 < len(args) {
				w.codeWord(c, args[i+1], name+" -c", c.stdin)
				return
			}
		case strings.HasPrefix(v, "--command=") || strings.HasPrefix(v, "--commands="):
			_, code, _ := strings.Cut(v, "=")
			w.codeWord(c, Word{Value: code, Dynamic: a.Dynamic}, name+" -c", c.stdin)
			return
		}
	}
}
