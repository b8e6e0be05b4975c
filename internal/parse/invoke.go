package parse

import (
	"maps"
	"path"
	"strconv"
	"strings"
)

// call is a command about to run, before wrappers are looked through.
type call struct {
	args    []Word
	assigns []Assign
	redirs  []Redirect
	stdin   Input
	text    string
	pos     Pos
	more    bool
	dir     *string // directory for this call only: git -C, env -C
	problem Problem
	detail  string
}

// record adds the call as an invocation.
func (w *walker) record(c call) *Invocation {
	if w.dry || !w.budget() {
		return nil
	}
	inv := &Invocation{
		Args: c.args, MoreArgs: c.more, Assigns: c.assigns, Stdin: c.stdin,
		Dir: w.dir, Remote: w.remote, Via: w.viaCopy(), Text: c.text,
		Pos: w.position(c.pos), Problem: c.problem, Detail: c.detail,
	}
	if c.dir != nil {
		inv.Dir = *c.dir
	}
	if len(c.args) > 0 {
		inv.Name = programName(c.args[0].Value)
	}
	if len(w.redirs) > 0 {
		inv.Redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	} else {
		inv.Redirs = c.redirs
	}
	if len(w.files) > 0 {
		inv.Written = maps.Clone(w.files)
	}
	w.origins(inv)
	*w.out = append(*w.out, inv)
	return inv
}

// programName returns the name rules know a program by: the base name of
// its path.
func programName(p string) string {
	if p == "" || !strings.Contains(p, "/") {
		return p
	}
	return path.Base(p)
}

func values(words []Word) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.Value
	}
	return out
}

func anyDynamic(words []Word) bool {
	for _, w := range words {
		if w.Dynamic {
			return true
		}
	}
	return false
}

// joinWords joins words with spaces, as ssh and watch do with their
// command words; the result is dynamic if any word is.
func joinWords(words []Word) Word {
	return Word{Value: strings.Join(values(words), " "), Dynamic: anyDynamic(words)}
}

// invoke records a call, looking through wrappers and parsing the code it
// carries.
func (w *walker) invoke(c call) {
	if *w.full {
		return
	}
	if len(c.args) == 0 {
		w.record(c)
		return
	}
	if c.args[0].Dynamic {
		c.problem = DynamicProgram
		c.detail = "the program name " + Quote(c.args[0].Value) + " is only known at run time"
		w.record(c)
		return
	}
	name := programName(c.args[0].Value)
	if body, ok := w.funcs[name]; ok && !strings.Contains(c.args[0].Value, "/") {
		args := c.args[1:]
		if c.more {
			args = nil
		}
		w.callFunc(name, body, c.stdin, args)
	}
	switch name {
	case "bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "yash", "rbash", "posh", "hush", "ksh93":
		w.shell(c, name)
	case "busybox", "toybox":
		if len(c.args) > 1 {
			w.inner(c, c.args[1:], name)
			return
		}
		w.record(c)
	case "eval":
		w.evalWord(c, joinWords(c.args[1:]), "eval", c.stdin)
	case "trap":
		ops := operands(c.args[1:])
		if len(ops) >= 2 && ops[0].Value != "-" {
			w.codeWord(c, ops[0], "trap", Input{})
			return
		}
		w.record(c)
	case "alias":
		w.record(c)
		for _, a := range c.args[1:] {
			if n, v, ok := strings.Cut(a.Value, "="); ok {
				w.codeWord(c, Word{Value: v, Dynamic: a.Dynamic}, "alias "+n, Input{})
			}
		}
	case "source", ".":
		w.source_(c)
	case "exec":
		w.generic(c, spec{short: "a"}, name)
	case "command":
		for _, a := range c.args[1:] {
			if a.Value == "-v" || a.Value == "-V" {
				// command -v only looks the name up.
				w.record(c)
				return
			}
			if !strings.HasPrefix(a.Value, "-") {
				break
			}
		}
		w.generic(c, spec{}, name)
	case "builtin", "nohup", "setsid", "catchsegv", "eatmydata", "nocache", "dbus-run-session",
		"proxychains", "proxychains4", "torsocks", "tsocks", "firejail", "unbuffer", "pkexec",
		"chronic", "ifne", "grc":
		w.generic(c, spec{long: []string{"--user"}}, name)
	case "cd", "pushd":
		w.record(c)
		w.chdir(operands(c.args[1:]))
	case "set":
		w.record(c)
		w.set(c.args[1:])
	case "shift":
		w.record(c)
		w.shift(c.args[1:])
	case "read", "readarray", "mapfile", "getopts", "unset", "printf":
		// Builtins that assign variables from input guard cannot see.
		w.assigning(c, name)
	case "popd":
		w.record(c)
		w.dir = ""
	case "sudo":
		w.sudo(c)
	case "doas":
		w.generic(c, spec{short: "uC"}, name)
	case "env":
		w.env(c)
	case "nice":
		w.generic(c, spec{short: "n", long: []string{"--adjustment"}}, name)
	case "ionice":
		if hasOpt(c.args[1:], "-p", "-P", "-u", "--pid", "--pgid", "--uid") {
			w.record(c)
			return
		}
		w.generic(c, spec{short: "cn", long: []string{"--class", "--classdata"}}, name)
	case "timeout", "gtimeout":
		w.generic(c, spec{short: "ks", long: []string{"--kill-after", "--signal"}, operands: 1}, name)
	case "stdbuf", "gstdbuf":
		w.generic(c, spec{short: "ioe", long: []string{"--input", "--output", "--error"}}, name)
	case "flock":
		w.flock(c)
	case "chroot":
		w.generic(c, spec{long: []string{"--userspec", "--groups"}, operands: 1}, name)
	case "time":
		w.generic(c, spec{short: "fo", long: []string{"--format", "--output"}}, name)
	case "gosu", "su-exec", "faketime", "direnv":
		w.generic(c, spec{operands: 1}, name)
	case "chrt", "taskset":
		if hasOpt(c.args[1:], "-p", "--pid") {
			w.record(c)
			return
		}
		w.generic(c, spec{operands: 1}, name)
	case "systemd-run":
		w.generic(c, spec{short: "pEuMGsH", long: []string{"--property", "--setenv", "--unit", "--description", "--slice", "--uid", "--gid", "--working-directory", "--machine", "--host", "--on-calendar", "--on-active", "--timer-property", "--path-property", "--socket-property", "--nice", "--service-type"}}, name)
	case "npx", "bunx", "pnpx", "uvx":
		if v, ok := optValue(c.args[1:], "-c", "--call"); ok {
			w.codeWord(c, v, name+" -c", c.stdin)
			return
		}
		w.generic(c, spec{short: "p", long: []string{"--package", "--from", "--with", "--python"}}, name)
	case "dotenv", "dotenvx":
		w.generic(c, spec{short: "evcf", long: []string{"--env-file", "-f"}}, name)
	case "su", "runuser":
		w.su(c, name)
	case "sg":
		ops := operands(c.args[1:])
		if len(ops) >= 2 {
			code := ops[1]
			if v, ok := optValue(c.args[1:], "-c"); ok {
				code = v
			} else {
				code = joinWords(ops[1:])
			}
			w.codeWord(c, code, "sg", c.stdin)
			return
		}
		w.record(c)
	case "script":
		if v, ok := optValue(c.args[1:], "-c", "--command"); ok {
			w.codeWord(c, v, "script -c", c.stdin)
			return
		}
		for i := 1; i+1 < len(c.args); i++ {
			// script -qc CMD: a cluster of short options ending in c.
			a := c.args[i]
			if len(a.Value) > 2 && a.Value[0] == '-' && a.Value[1] != '-' && strings.HasSuffix(a.Value, "c") {
				w.codeWord(c, c.args[i+1], "script -c", c.stdin)
				return
			}
		}
		w.record(c)
	case "at", "batch":
		// at reads the commands to run later from stdin, unless -f names
		// a file or another option lists or removes jobs.
		if hasOpt(c.args[1:], "-l", "-d", "-r", "-c", "-f", "-V") {
			w.record(c)
			return
		}
		if c.stdin.Kind == Known {
			w.record(c)
		}
		w.stdinCode(c, name, true)
	case "tmux":
		w.record(c)
		w.tmux(c)
	case "screen":
		w.screen(c)
	case "nix-shell":
		if v, ok := optValue(c.args[1:], "--run", "--command"); ok {
			w.codeWord(c, v, "nix-shell --run", c.stdin)
			return
		}
		w.record(c)
	case "watch":
		w.watch(c)
	case "xargs":
		w.xargs(c)
	case "parallel":
		w.parallel(c)
	case "find", "gfind":
		w.find(c)
	case "ssh":
		w.ssh(c)
	case "docker", "podman", "nerdctl", "docker-compose", "podman-compose":
		w.container(c, name)
	case "kubectl", "oc":
		w.kubectl(c)
	case "git":
		w.git(c)
	case "terraform", "tofu", "terragrunt":
		for _, a := range c.args[1:] {
			if d, ok := strings.CutPrefix(a.Value, "-chdir="); ok && !a.Dynamic {
				w.withDir(&c, d)
			}
		}
		w.record(c)
	case "gcloud":
		w.record(c)
		if v, ok := optValue(c.args[1:], "--command"); ok && hasWords(c.args, "compute", "ssh") {
			n := w.nested("gcloud compute ssh", c.pos)
			n.remote = "gcloud compute ssh"
			n.dir = w.opts.Home
			n.codeWord(c, v, "", Input{})
		}
	default:
		if sub := subWrapper(c.args); sub != nil {
			w.generic(c, *sub, name)
			return
		}
		code, inline := inlineCode(name, c.args[1:])
		if inline && code.Dynamic {
			c.problem = DynamicCode
			c.detail = name + " runs code that is only known at run time: " + Quote(code.Value)
		}
		fromStdin := !inline && readsCodeFromStdin(name, c.args[1:])
		if fromStdin && c.stdin.Kind == Unknown {
			c.problem = UnknownInput
			c.detail = name + " runs code from a " + c.stdin.From + " that guard cannot see"
		}
		w.record(c)
		if inline && !code.Dynamic {
			w.interpreterCode(c, name, code.Value)
		}
		if _, isInterp := inlineFlags(name); isInterp && !inline {
			// python3 cleanup.py, where the command wrote cleanup.py.
			if ops := operands(c.args[1:]); len(ops) > 0 {
				if text, ok := w.writtenScript(ops[0]); ok {
					w.interpreterCode(c, name, text)
				}
			}
		}
		if strings.Contains(c.args[0].Value, "/") {
			// ./deploy.sh that the command itself wrote.
			if text, ok := w.writtenScript(c.args[0]); ok {
				w.scriptFile(c, text)
			}
		}
		if fromStdin && c.stdin.Kind == Known {
			w.interpreterCode(c, name, c.stdin.Text)
		}
	}
}

// spec describes the options of a wrapper that runs its arguments.
type spec struct {
	short    string   // short options that take a value
	long     []string // long options that take a value
	operands int      // operands before the command: timeout's duration
	assigns  bool     // NAME=value words may come before the command
	skip     int      // words of the wrapper itself: 2 for "uv run"
}

type opt struct {
	name, value string
}

// scan splits a wrapper's arguments into options, assignments and the
// command. It returns the index in args of the command, or len(args).
func scan(args []Word, s spec) (opts []opt, assigns []Assign, at int) {
	ops := s.operands
	i := max(s.skip, 1)
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			i++
			break
		}
		if len(a) > 1 && a[0] == '-' && !args[i].Dynamic {
			if strings.HasPrefix(a, "--") {
				name, v, eq := strings.Cut(a, "=")
				if !eq && contains(s.long, name) && i+1 < len(args) {
					i++
					v = args[i].Value
				}
				opts = append(opts, opt{name, v})
				continue
			}
			for j := 1; j < len(a); j++ {
				if strings.IndexByte(s.short, a[j]) >= 0 {
					v := a[j+1:]
					if v == "" && i+1 < len(args) {
						i++
						v = args[i].Value
					}
					opts = append(opts, opt{"-" + a[j:j+1], v})
					break
				}
				opts = append(opts, opt{"-" + a[j:j+1], ""})
			}
			continue
		}
		if s.assigns && isAssignment(a) {
			n, v, _ := strings.Cut(a, "=")
			assigns = append(assigns, Assign{Name: n, Value: Word{Value: v, Dynamic: args[i].Dynamic}})
			continue
		}
		if ops > 0 {
			ops--
			continue
		}
		break
	}
	for ; ops > 0 && i < len(args); ops-- {
		i++
	}
	return opts, assigns, min(i, len(args))
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func isAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return false
	}
	for i, c := range name {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// generic looks through a wrapper described by s.
func (w *walker) generic(c call, s spec, name string) {
	_, assigns, at := scan(c.args, s)
	if at >= len(c.args) {
		w.record(c)
		return
	}
	c.assigns = append(c.assigns, assigns...)
	w.inner(c, c.args[at:], wrapperVia(c.args[:at]))
}

// wrapperVia names a wrapper for the nesting path: its words up to the
// command, shortened.
func wrapperVia(words []Word) string {
	s := strings.Join(values(words), " ")
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	if len(words) > 0 {
		s = programName(words[0].Value) + strings.TrimPrefix(s, words[0].Value)
	}
	return s
}

// inner invokes the command a wrapper runs.
func (w *walker) inner(c call, args []Word, via string) {
	w.via = append(w.via, via)
	c.args = args
	w.invoke(c)
	w.via = w.via[:len(w.via)-1]
}

func (w *walker) withDir(c *call, d string) {
	if abs, ok := w.resolve(d); ok {
		c.dir = &abs
	} else {
		empty := ""
		c.dir = &empty
	}
}

// operands returns the words that are not options, stopping at none.
func operands(args []Word) []Word {
	var out []Word
	dash := false
	for _, a := range args {
		if !dash && a.Value == "--" {
			dash = true
			continue
		}
		if !dash && len(a.Value) > 1 && a.Value[0] == '-' {
			continue
		}
		out = append(out, a)
	}
	return out
}

func hasOpt(args []Word, names ...string) bool {
	for _, a := range args {
		if a.Value == "--" {
			return false
		}
		for _, n := range names {
			if a.Value == n || strings.HasPrefix(a.Value, n+"=") {
				return true
			}
		}
	}
	return false
}

func hasWords(args []Word, seq ...string) bool {
	for i := 0; i+len(seq) <= len(args); i++ {
		match := true
		for j, s := range seq {
			if args[i+j].Value != s {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// optValue returns the value of the first of the named options: -c VALUE,
// -cVALUE, --command VALUE or --command=VALUE.
func optValue(args []Word, names ...string) (Word, bool) {
	for i, a := range args {
		if a.Value == "--" {
			break
		}
		for _, n := range names {
			switch {
			case a.Value == n && i+1 < len(args):
				return args[i+1], true
			case strings.HasPrefix(n, "--") && strings.HasPrefix(a.Value, n+"="):
				return Word{Value: a.Value[len(n)+1:], Dynamic: a.Dynamic}, true
			case !strings.HasPrefix(n, "--") && len(n) == 2 && strings.HasPrefix(a.Value, n) && len(a.Value) > 2 && !strings.HasPrefix(a.Value, "--"):
				return Word{Value: a.Value[2:], Dynamic: a.Dynamic}, true
			}
		}
	}
	return Word{}, false
}

// codeWord parses a word that holds shell code, or records that the code is
// only known at run time.
func (w *walker) codeWord(c call, code Word, via string, stdin Input) {
	if code.Dynamic {
		c.problem = DynamicCode
		c.detail = "the code run by " + strings.TrimSpace(via+" "+w.remoteNote()) + " is only known at run time: " + Quote(code.Value)
		w.record(c)
		return
	}
	n := w
	if via != "" {
		n = w.nested(via, c.pos)
	}
	n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	if c.dir != nil {
		n.dir = *c.dir
	}
	n.code(code.Value, &stdin)
}

// evalWord parses code that runs in the current shell, as eval's does: a
// cd, an assignment, set -- or a function in it holds for what follows.
func (w *walker) evalWord(c call, code Word, via string, stdin Input) {
	if code.Dynamic {
		w.codeWord(c, code, via, stdin)
		return
	}
	n := w.nested(via, c.pos)
	n.vars, n.params, n.paramsSet, n.paramsOpen = w.vars, w.params, w.paramsSet, w.paramsOpen
	n.funcs, n.funcsDone, n.funcsActive = w.funcs, w.funcsDone, w.funcsActive
	n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	if c.dir != nil {
		n.dir = *c.dir
	}
	n.code(code.Value, &stdin)
	w.dir, w.vars, w.params, w.paramsSet, w.paramsOpen = n.dir, n.vars, n.params, n.paramsSet, n.paramsOpen
	w.funcs, w.funcsDone = n.funcs, n.funcsDone
}

func (w *walker) remoteNote() string {
	if w.remote != "" {
		return "on " + w.remote
	}
	return ""
}

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
		n.paramsSet = true
		n.paramsOpen = c.more
		n.params = []value{{s: name, known: true}}
		if len(rest) > 1 {
			n.params = n.params[:0]
			for _, p := range rest[1:] {
				n.params = append(n.params, value{s: p.Value, known: !p.Dynamic, glob: p.Glob})
			}
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
			w.stdinCode(c, name, true)
		default:
			w.record(c)
			if text, ok := w.writtenScript(script); ok {
				w.codeWord(c, Word{Value: text}, name+" "+script.Value, Input{})
			}
		}
	default:
		w.stdinCode(c, name, true)
	}
}

// stdinCode handles a shell or interpreter that reads its code from stdin.
func (w *walker) stdinCode(c call, name string, isShell bool) {
	switch c.stdin.Kind {
	case Known:
		if !isShell {
			w.interpreterCode(c, name, c.stdin.Text)
			return
		}
		n := w.nested(name+" <"+c.stdin.From, c.pos)
		n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
		n.code(c.stdin.Text, &Input{})
	case Unknown:
		c.problem = UnknownInput
		c.detail = name + " runs code from a " + c.stdin.From + " that guard cannot see"
		w.record(c)
	default:
		if isShell {
			w.record(c)
		}
	}
}

// readsCodeFromStdin reports whether an interpreter reads its program from
// stdin: no script, no inline code, no module.
func readsCodeFromStdin(name string, args []Word) bool {
	var code string
	switch {
	case strings.HasPrefix(name, "python") || name == "pypy" || name == "pypy3":
		code = "cm"
	case name == "node" || name == "nodejs" || name == "bun" || name == "deno":
		code = "ep"
		if name == "deno" || name == "bun" {
			return false
		}
	case name == "perl" || name == "ruby":
		code = "eE"
	case name == "php":
		code = "rf"
	case name == "lua" || name == "luajit" || name == "tclsh" || name == "Rscript" || name == "osascript":
		code = "e"
	default:
		return false
	}
	for _, a := range args {
		v := a.Value
		if v == "-" {
			return true
		}
		if v == "--" {
			return false
		}
		if strings.HasPrefix(v, "--") {
			if v == "--eval" || v == "--print" || v == "--command" || strings.HasPrefix(v, "--eval=") {
				return false
			}
			continue
		}
		if strings.HasPrefix(v, "-") {
			if strings.ContainsAny(v[1:], code) {
				return false
			}
			continue
		}
		return false
	}
	return true
}

// inlineFlags returns the options with which an interpreter takes code on
// its command line, and whether name is an interpreter guard looks into.
func inlineFlags(name string) ([]string, bool) {
	switch {
	case strings.HasPrefix(name, "python") || name == "pypy" || name == "pypy3":
		return []string{"-c"}, true
	case name == "node" || name == "nodejs" || name == "bun" || name == "deno":
		return []string{"-e", "--eval", "-p", "--print"}, true
	case name == "perl" || name == "ruby":
		return []string{"-e", "-E"}, true
	case name == "php":
		return []string{"-r"}, true
	case name == "lua" || name == "luajit" || name == "osascript" || name == "Rscript":
		return []string{"-e"}, true
	}
	return nil, false
}

// inlineCode returns the code an interpreter is given on its command line:
// python -c CODE, node -e CODE, perl -e CODE and the like.
func inlineCode(name string, args []Word) (Word, bool) {
	flags, ok := inlineFlags(name)
	if !ok {
		return Word{}, false
	}
	for i, a := range args {
		if a.Value == "--" {
			break
		}
		for _, f := range flags {
			if a.Value == f && i+1 < len(args) {
				return args[i+1], true
			}
			if strings.HasPrefix(f, "--") && strings.HasPrefix(a.Value, f+"=") {
				return Word{Value: a.Value[len(f)+1:], Dynamic: a.Dynamic}, true
			}
		}
	}
	return Word{}, false
}

func (w *walker) source_(c call) {
	ops := operands(c.args[1:])
	if len(ops) == 0 {
		w.record(c)
		return
	}
	file := ops[0]
	switch {
	case file.Dynamic && strings.HasPrefix(file.Value, "<("):
		c.problem = UnknownInput
		c.detail = "source runs code from a process substitution that guard cannot see: " + Quote(file.Value)
		w.record(c)
	case file.Value == "/dev/stdin" || file.Value == "/proc/self/fd/0":
		w.stdinCode(c, "source", true)
	default:
		w.record(c)
		if text, ok := w.writtenScript(file); ok {
			w.codeWord(c, Word{Value: text}, "source "+file.Value, Input{})
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
			forget(v.Value)
		}
	case "read":
		ops := optionOperands(args, "adinNptu")
		if v, ok := optValue(args, "-a"); ok {
			forget(v.Value)
		}
		if len(ops) == 0 && !hasOpt(args, "-a") {
			forget("REPLY")
		}
		for _, o := range ops {
			// What read sets a variable to comes from its input: say so,
			// for rules that ask where a value came from.
			if n, _, _ := strings.Cut(o.Value, "["); n != "" {
				w.setVar(n, value{s: c.text})
			}
		}
	case "readarray", "mapfile":
		ops := optionOperands(args, "dnOsuCc")
		if len(ops) == 0 {
			forget("MAPFILE")
		}
		for _, o := range ops {
			forget(o.Value)
		}
	case "getopts":
		ops := operands(args)
		if len(ops) > 1 {
			forget(ops[1].Value)
		}
		forget("OPTARG")
		forget("OPTIND")
	case "unset":
		for _, o := range operands(args) {
			forget(o.Value)
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

func (w *walker) chdir(ops []Word) {
	switch {
	case len(ops) == 0:
		w.dir = w.opts.Home
	case ops[0].Dynamic || ops[0].Value == "-":
		w.dir = ""
	default:
		d, ok := w.resolve(ops[0].Value)
		if !ok {
			d = ""
		}
		w.dir = d
	}
}

func (w *walker) sudo(c call) {
	s := spec{short: "ugCDhprtTU", long: []string{"--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type", "--command-timeout", "--other-user"}, assigns: true}
	opts, assigns, at := scan(c.args, s)
	for _, o := range opts {
		switch o.name {
		case "-e", "--edit":
			// sudo -e edits files as root: sudoedit.
			c.args = append([]Word{{Value: "sudoedit"}}, c.args[at:]...)
			w.inner(c, c.args, "sudo -e")
			return
		case "-l", "--list", "-V", "--version", "-v", "--validate", "-k", "-K", "--reset-timestamp", "--remove-timestamp":
			w.record(c)
			return
		case "-D", "--chdir":
			w.withDir(&c, o.value)
		}
	}
	if at >= len(c.args) {
		w.record(c)
		for _, o := range opts {
			if o.name == "-s" || o.name == "--shell" || o.name == "-i" || o.name == "--login" {
				// sudo -s with no command runs a shell that reads stdin.
				if c.stdin.Kind != Inherited {
					w.stdinCode(c, "sudo "+o.name, true)
				}
				break
			}
		}
		return
	}
	c.assigns = append(c.assigns, assigns...)
	w.inner(c, c.args[at:], wrapperVia(c.args[:at]))
}

func (w *walker) env(c call) {
	s := spec{short: "uCSP", long: []string{"--unset", "--chdir", "--split-string"}, assigns: true}
	opts, assigns, at := scan(c.args, s)
	for _, o := range opts {
		switch o.name {
		case "-C", "--chdir":
			w.withDir(&c, o.value)
		case "-S", "--split-string":
			// env -S splits its string into words, quotes and all.
			text := o.value
			if at < len(c.args) {
				text += " " + quoteArgv(values(c.args[at:]))
			}
			c.assigns = append(c.assigns, assigns...)
			w.codeWord(c, Word{Value: text, Dynamic: anyDynamic(c.args)}, "env -S", c.stdin)
			return
		}
	}
	if at >= len(c.args) {
		w.record(c)
		return
	}
	c.assigns = append(c.assigns, assigns...)
	w.inner(c, c.args[at:], wrapperVia(c.args[:at]))
}

func (w *walker) flock(c call) {
	if v, ok := optValue(c.args[1:], "-c", "--command"); ok {
		w.codeWord(c, v, "flock -c", c.stdin)
		return
	}
	s := spec{short: "Ew", long: []string{"--conflict-exit-code", "--wait", "--timeout"}, operands: 1}
	// flock FD locks a descriptor and runs nothing; flock FILE CMD runs CMD.
	// The options must be skipped first: in flock -w 5 /tmp/l cmd, 5 is
	// the timeout, not a descriptor.
	_, _, at := scan(c.args, spec{short: s.short, long: s.long})
	if at < len(c.args) && isDigits(c.args[at].Value) && at == len(c.args)-1 {
		w.record(c)
		return
	}
	w.generic(c, s, "flock")
}

func (w *walker) su(c call, name string) {
	if name == "runuser" && hasOpt(c.args[1:], "-u", "--user") {
		w.generic(c, spec{short: "ugG", long: []string{"--user", "--group", "--supp-group"}}, name)
		return
	}
	if v, ok := optValue(c.args[1:], "-c", "--command", "--session-command"); ok {
		w.codeWord(c, v, name+" -c", c.stdin)
		return
	}
	w.record(c)
}

func (w *walker) watch(c call) {
	opts, _, at := scan(c.args, spec{short: "nq", long: []string{"--interval", "--equexit"}})
	if at >= len(c.args) {
		w.record(c)
		return
	}
	for _, o := range opts {
		if o.name == "-x" || o.name == "--exec" {
			w.inner(c, c.args[at:], "watch")
			return
		}
	}
	w.codeWord(c, joinWords(c.args[at:]), "watch", Input{})
}

func (w *walker) xargs(c call) {
	args := c.args
	replace := ""
	fromFile := false
	delim := "" // -0 or -d: items are not split at blanks
	i := 1
scanning:
	for ; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "--":
			i++
			break scanning
		case strings.HasPrefix(a, "--"):
			name, v, eq := strings.Cut(a, "=")
			switch name {
			case "--replace":
				replace = "{}"
				if eq {
					replace = v
				}
			case "--arg-file":
				fromFile = true
				if !eq {
					i++
				}
			case "--null":
				delim = "\x00"
			case "--delimiter", "--max-args", "--max-procs", "--max-chars", "--process-slot-var", "--max-lines", "--eof":
				if name == "--delimiter" {
					delim = v
					if !eq && i+1 < len(args) {
						delim = args[i+1].Value
					}
				}
				if !eq && name != "--max-lines" && name != "--eof" {
					i++
				}
			}
		case len(a) > 1 && a[0] == '-':
			for j := 1; j < len(a); j++ {
				ch := a[j]
				if strings.IndexByte("adEILnPs", ch) >= 0 {
					v := a[j+1:]
					if v == "" && i+1 < len(args) {
						i++
						v = args[i].Value
					}
					switch ch {
					case 'I':
						replace = v
					case 'a':
						fromFile = true
					case 'd':
						delim = v
					}
					break
				}
				if ch == '0' {
					delim = "\x00"
				}
				if ch == 'i' {
					replace = "{}"
					if j+1 < len(a) {
						replace = a[j+1:]
					}
					break
				}
				if ch == 'l' || ch == 'e' {
					break
				}
			}
		default:
			break scanning
		}
	}
	// An option that wants a value may have been last: --arg-file.
	i = min(i, len(args))
	inner := []Word{{Value: "echo"}}
	if i < len(args) {
		inner = args[i:]
	}
	input, known := "", false
	if c.stdin.Kind == Known && !fromFile {
		input, known = c.stdin.Text, true
	}
	c.stdin = Input{Kind: Unknown, From: "/dev/null"}
	w.via = append(w.via, wrapperVia(args[:i]))
	defer func() { w.via = w.via[:len(w.via)-1] }()
	if replace != "" {
		if known {
			n := 0
			for line := range strings.Lines(input) {
				line = strings.TrimSpace(line)
				if line == "" {
					continue
				}
				if n++; n > maxLoopItems {
					break
				}
				sub := make([]Word, len(inner))
				for k, a := range inner {
					sub[k] = Word{Value: strings.ReplaceAll(a.Value, replace, line), Dynamic: a.Dynamic, Glob: a.Glob}
				}
				c.args = sub
				w.invoke(c)
			}
			return
		}
		sub := make([]Word, len(inner))
		for k, a := range inner {
			sub[k] = a
			if strings.Contains(a.Value, replace) {
				sub[k].Dynamic = true
			}
		}
		c.args = sub
		w.invoke(c)
		return
	}
	c.args = append([]Word(nil), inner...)
	if known {
		if delim == `\n` {
			delim = "\n"
		}
		items := strings.Fields(input)
		if delim != "" {
			items = strings.Split(strings.TrimSuffix(input, delim), delim)
		}
		for _, f := range items {
			if delim == "" {
				f = strings.Trim(f, `"'`)
			}
			c.args = append(c.args, Word{Value: f})
		}
	} else {
		c.more = true
	}
	w.invoke(c)
}

// parallelValueOpts are GNU parallel options that take a value.
var parallelValueOpts = []string{"-j", "--jobs", "-S", "--sshlogin", "--slf", "--sshloginfile", "-a", "--arg-file",
	"-d", "--delimiter", "-I", "-C", "--colsep", "--joblog", "--results", "--res", "--tmpdir", "--workdir", "--wd",
	"-E", "--eof", "-n", "--max-args", "-N", "-L", "--max-lines", "--timeout", "--delay", "--memfree", "--load",
	"--retries", "--tagstring", "--header", "--halt", "--basefile", "--bf", "--return", "--transferfile", "--tf",
	"--env", "--block", "--blocksize", "--termseq", "--sqlmaster", "--sqlworker", "--shebang-wrap", "-P", "--max-procs"}

func (w *walker) parallel(c call) {
	args := c.args
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--dry-run" || a == "--dryrun" {
			w.record(c)
			return
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		if contains(parallelValueOpts, a) {
			i++
		}
	}
	// A value option may have been last: parallel -C.
	i = min(i, len(args))
	end := i
	for end < len(args) && !strings.HasPrefix(args[end].Value, ":::") {
		end++
	}
	cmdWords := args[i:end]
	var items []Word
	itemsKnown := true
	for k := end; k < len(args); k++ {
		switch {
		case args[k].Value == "::::" || args[k].Value == "::::+":
			itemsKnown = false
			k++
		case strings.HasPrefix(args[k].Value, ":::"):
		default:
			items = append(items, args[k])
		}
	}
	if end >= len(args) {
		// Items come from stdin.
		items = nil
		itemsKnown = false
		if c.stdin.Kind == Known {
			for line := range strings.Lines(c.stdin.Text) {
				if l := strings.TrimSpace(line); l != "" {
					items = append(items, Word{Value: l})
				}
			}
			itemsKnown = true
		}
	}
	if len(cmdWords) == 0 {
		w.record(c)
		return
	}
	template := joinWords(cmdWords)
	subst := func(item string) Word {
		t := template.Value
		replaced := false
		for _, r := range []string{"{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}", "{1}", "{2}", "{3}"} {
			if strings.Contains(t, r) {
				t = strings.ReplaceAll(t, r, item)
				replaced = true
			}
		}
		if !replaced {
			t += " " + item
		}
		return Word{Value: t, Dynamic: template.Dynamic}
	}
	via := wrapperVia(args[:i])
	c.stdin = Input{}
	if !itemsKnown || anyDynamic(items) || len(items) > maxLoopItems {
		w.codeWord(c, subst(`"$PARALLEL_ITEM"`), via, Input{})
		return
	}
	for _, it := range items {
		w.codeWord(c, subst(Quote(it.Value)), via, Input{})
	}
}

// find handles find's -exec family, whose commands run once per file found.
func (w *walker) find(c call) {
	w.record(c)
	args := c.args
	i := 1
	for i < len(args) {
		a := args[i].Value
		if a == "-H" || a == "-L" || a == "-P" || strings.HasPrefix(a, "-O") {
			i++
			continue
		}
		if a == "-D" {
			i += 2
			continue
		}
		break
	}
	var roots []string
	for ; i < len(args); i++ {
		a := args[i].Value
		if strings.HasPrefix(a, "-") || a == "(" || a == "!" || a == ")" || a == "," {
			break
		}
		roots = append(roots, a)
	}
	if len(roots) == 0 {
		roots = []string{"."}
	}
	if len(roots) > 4 {
		roots = roots[:4]
	}
	for ; i < len(args); i++ {
		a := args[i].Value
		if a != "-exec" && a != "-execdir" && a != "-ok" && a != "-okdir" {
			continue
		}
		start := i + 1
		end := start
		for end < len(args) && args[end].Value != ";" && args[end].Value != "+" {
			end++
		}
		cmd := args[start:end]
		i = end
		if len(cmd) == 0 {
			continue
		}
		for _, root := range roots {
			sub := make([]Word, len(cmd))
			for k, word := range cmd {
				sub[k] = word
				if strings.Contains(word.Value, "{}") {
					sub[k].Value = strings.ReplaceAll(word.Value, "{}", path.Join(root, "{}"))
					sub[k].Glob = true
				}
			}
			cc := c
			cc.stdin = Input{}
			cc.redirs = nil
			w.inner(cc, sub, "find "+a)
		}
	}
}

// sshValueFlags are ssh's options that take a value.
const sshValueFlags = "BbcDEeFIiJLlmOopQRSWw"

func (w *walker) ssh(c call) {
	args := c.args
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		for j := 1; j < len(a); j++ {
			if strings.IndexByte(sshValueFlags, a[j]) >= 0 {
				if j == len(a)-1 {
					i++
				}
				break
			}
		}
	}
	if i >= len(args) {
		w.record(c)
		return
	}
	host := args[i].Value
	n := w.nested("ssh "+host, c.pos)
	n.remote = host
	n.dir = w.opts.Home
	if i+1 >= len(args) {
		w.record(c)
		// A login shell on the host reads its commands from stdin.
		if c.stdin.Kind != Inherited {
			n.stdinCode(call{args: []Word{{Value: "sh"}}, text: c.text, pos: c.pos, stdin: c.stdin}, "ssh "+host, true)
		}
		return
	}
	rest := args[i+1:]
	if rest[0].Value == "--" {
		// ssh reads options after the host too, up to --.
		rest = rest[1:]
		if len(rest) == 0 {
			w.record(c)
			return
		}
	}
	code := joinWords(rest)
	if code.Dynamic {
		c.problem = DynamicCode
		c.detail = "the command run on " + host + " is only known at run time: " + Quote(code.Value)
		w.record(c)
		return
	}
	w.record(c)
	n.code(code.Value, &c.stdin)
}

// containerBoolOpts are docker and podman run and exec options that take no
// value; any other long option without = is taken to take one.
var containerBoolOpts = []string{"--rm", "--detach", "--interactive", "--tty", "--privileged", "--init",
	"--read-only", "--publish-all", "--no-healthcheck", "--oom-kill-disable", "--disable-content-trust",
	"--help", "--quiet", "--use-api-socket", "--sig-proxy", "--no-deps", "--service-ports", "--use-aliases",
	"--remove-orphans", "--build", "--no-TTY", "--replace", "--tls-verify"}

func (w *walker) container(c call, name string) {
	w.record(c)
	args := c.args
	i := 1
	// Global options.
	for ; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		if !strings.Contains(a, "=") && contains([]string{"-c", "--context", "-H", "--host", "--config", "-l", "--log-level", "--connection", "--url", "--identity", "--root", "--runroot", "-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile", "--ansi", "--progress"}, a) {
			i++
		}
	}
	if i < len(args) && args[i].Value == "container" {
		i++
	}
	compose := strings.HasSuffix(name, "-compose")
	if i < len(args) && args[i].Value == "compose" {
		compose = true
		i++
		for ; i < len(args); i++ {
			a := args[i].Value
			if !strings.HasPrefix(a, "-") {
				break
			}
			if !strings.Contains(a, "=") && contains([]string{"-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile", "--ansi", "--progress", "--parallel"}, a) {
				i++
			}
		}
	}
	if i >= len(args) {
		return
	}
	sub := args[i].Value
	if sub != "exec" && sub != "run" {
		return
	}
	i++
	entrypoint := ""
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			i++
			break
		}
		if !strings.HasPrefix(a, "-") || len(a) < 2 {
			break
		}
		if strings.HasPrefix(a, "--") {
			n, v, eq := strings.Cut(a, "=")
			if n == "--entrypoint" {
				if !eq && i+1 < len(args) {
					v = args[i+1].Value
				}
				entrypoint = v
			}
			if !eq && !contains(containerBoolOpts, n) {
				i++
			}
			continue
		}
		// Short options: -e -u -w -v -p -l -m -h -a -c take a value.
		last := a[len(a)-1]
		if strings.IndexByte("euwvplmhacT", last) >= 0 && !(compose && last == 'T') {
			i++
		}
	}
	if i >= len(args) {
		return
	}
	target := args[i].Value
	cmd := args[i+1:]
	if entrypoint != "" {
		cmd = append([]Word{{Value: entrypoint}}, cmd...)
	}
	if len(cmd) == 0 {
		return
	}
	n := w.nested(name+" "+sub+" "+target, c.pos)
	n.depth--
	n.remote = "container " + target
	n.dir = ""
	cc := c
	cc.args = cmd
	cc.redirs = nil
	n.invoke(cc)
}

// kubectlValueOpts are kubectl's global options that take a value.
var kubectlValueOpts = []string{"-n", "--namespace", "--context", "--cluster", "--user", "-s", "--server",
	"--kubeconfig", "--token", "--as", "--as-group", "--request-timeout", "-v", "--v", "-c", "--container",
	"--pod-running-timeout", "-f", "--filename"}

func (w *walker) kubectl(c call) {
	w.record(c)
	args := c.args
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		if !strings.Contains(a, "=") && contains(kubectlValueOpts, a) {
			i++
		}
	}
	if i >= len(args) || (args[i].Value != "exec" && args[i].Value != "debug" && args[i].Value != "run") {
		return
	}
	sub := args[i].Value
	target := ""
	dash := -1
	for k := i + 1; k < len(args); k++ {
		a := args[k].Value
		if a == "--" {
			dash = k
			break
		}
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && contains(kubectlValueOpts, a) {
				k++
			}
			continue
		}
		if target == "" {
			target = a
		}
	}
	if dash < 0 || dash+1 >= len(args) {
		return
	}
	n := w.nested("kubectl "+sub+" "+target, c.pos)
	n.depth--
	n.remote = "pod " + target
	n.dir = ""
	cc := c
	cc.args = args[dash+1:]
	cc.redirs = nil
	n.invoke(cc)
}

// gitCodeKeys are git configuration keys whose value is a shell command.
var gitCodeKeys = []string{"core.sshcommand", "core.pager", "core.editor", "core.fsmonitor", "core.askpass",
	"diff.external", "sequence.editor", "gpg.program", "uploadpack.packobjectshook"}

func (w *walker) git(c call) {
	args := c.args
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		switch {
		case a == "-C" && i+1 < len(args):
			i++
			if args[i].Dynamic {
				empty := ""
				c.dir = &empty
			} else {
				base := w.dir
				if c.dir != nil {
					base = *c.dir
				}
				d := args[i].Value
				if !path.IsAbs(d) && base != "" {
					d = path.Join(base, d)
				} else if !path.IsAbs(d) {
					d = ""
				}
				c.dir = &d
			}
		case a == "-c" && i+1 < len(args):
			i++
			w.gitConfig(c, args[i])
		case a == "--git-dir" || a == "--work-tree" || a == "--namespace" || a == "--exec-path" || a == "--config-env":
			i++
		}
	}
	w.record(c)
}

func (w *walker) gitConfig(c call, kv Word) {
	key, val, ok := strings.Cut(kv.Value, "=")
	if !ok {
		return
	}
	key = strings.ToLower(key)
	code := ""
	switch {
	case (strings.HasPrefix(key, "alias.") || key == "credential.helper") && strings.HasPrefix(val, "!"):
		code = val[1:]
	case contains(gitCodeKeys, key), strings.HasPrefix(key, "pager."),
		strings.HasPrefix(key, "filter.") && (strings.HasSuffix(key, ".clean") || strings.HasSuffix(key, ".smudge") || strings.HasSuffix(key, ".process")),
		(strings.HasPrefix(key, "difftool.") || strings.HasPrefix(key, "mergetool.")) && strings.HasSuffix(key, ".cmd"):
		code = val
	default:
		return
	}
	w.codeWord(c, Word{Value: code, Dynamic: kv.Dynamic}, "git -c "+key, Input{})
}

// subWrappers are tools whose subcommand runs the rest of the arguments.
var subWrappers = map[string]spec{
	"npm exec":       {skip: 2, short: "pc", long: []string{"--package", "--call"}},
	"npm x":          {skip: 2, short: "pc", long: []string{"--package", "--call"}},
	"pnpm exec":      {skip: 2, short: "C", long: []string{"--dir", "--filter"}},
	"pnpm dlx":       {skip: 2, long: []string{"--package"}},
	"yarn exec":      {skip: 2},
	"yarn dlx":       {skip: 2, short: "p", long: []string{"--package"}},
	"bun x":          {skip: 2},
	"uv run":         {skip: 2, short: "p", long: []string{"--with", "--python", "--project", "--directory", "--env-file", "--extra", "--group", "--package", "--with-requirements", "--index", "--index-url"}},
	"uv tool":        {skip: 3, long: []string{"--with", "--python", "--from"}},
	"poetry run":     {skip: 2, short: "C", long: []string{"--directory", "--project"}},
	"pipenv run":     {skip: 2},
	"pdm run":        {skip: 2, short: "p", long: []string{"--project"}},
	"hatch run":      {skip: 2},
	"pixi run":       {skip: 2, short: "e", long: []string{"--environment", "--manifest-path"}},
	"pipx run":       {skip: 2, long: []string{"--spec", "--python"}},
	"conda run":      {skip: 2, short: "np", long: []string{"--name", "--prefix", "--cwd"}},
	"mamba run":      {skip: 2, short: "np", long: []string{"--name", "--prefix", "--cwd"}},
	"micromamba run": {skip: 2, short: "np", long: []string{"--name", "--prefix", "--cwd"}},
	"mise exec":      {skip: 2},
	"mise x":         {skip: 2},
	"asdf exec":      {skip: 2},
	"rbenv exec":     {skip: 2},
	"pyenv exec":     {skip: 2},
	"bundle exec":    {skip: 2},
	"aws-vault exec": {skip: 2, short: "dr", long: []string{"--duration", "--region", "--mfa-token", "--backend"}, operands: 1},
	"op run":         {skip: 2, long: []string{"--env-file", "--environment"}},
	"doppler run":    {skip: 2, short: "pc", long: []string{"--project", "--config", "--token", "--name-transformer", "--mount"}},
	"infisical run":  {skip: 2, long: []string{"--env", "--projectId", "--path", "--token", "--domain"}},
	"ip netns":       {skip: 3, operands: 1},
	"nix develop":    {skip: 2},
	"devbox run":     {skip: 2},
	"flox activate":  {skip: 2},
}

// subWrapper returns the spec of a subcommand wrapper, such as "uv run".
func subWrapper(args []Word) *spec {
	if len(args) < 2 {
		return nil
	}
	name := programName(args[0].Value)
	s, ok := subWrappers[name+" "+args[1].Value]
	if !ok {
		return nil
	}
	if name == "ip" && (len(args) < 3 || args[2].Value != "exec") {
		return nil
	}
	if name == "uv" && args[1].Value == "tool" && (len(args) < 3 || args[2].Value != "run") {
		return nil
	}
	if name == "nix" || name == "flox" {
		// nix develop -c CMD...: the command follows -c or --command.
		for i := 2; i < len(args); i++ {
			if args[i].Value == "-c" || args[i].Value == "--command" {
				cp := s
				cp.skip = i + 1
				return &cp
			}
		}
		return nil
	}
	return &s
}

// scriptFile analyses a script the command wrote and then runs by its
// path: shell code, or an interpreter's when its #! line names one.
func (w *walker) scriptFile(c call, text string) {
	via := "script " + c.args[0].Value
	if line, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(line, "#!") {
		fields := strings.Fields(strings.TrimPrefix(line, "#!"))
		interp := ""
		if len(fields) > 0 {
			interp = programName(fields[0])
		}
		if interp == "env" && len(fields) > 1 {
			interp = programName(fields[1])
		}
		switch interp {
		case "sh", "bash", "dash", "zsh", "ksh", "ash":
		default:
			w.interpreterCode(c, interp, text)
			return
		}
	}
	w.codeWord(c, Word{Value: text}, via, Input{})
}

// tmuxCommands are the tmux commands whose last argument is shell code.
var tmuxCommands = []string{"new-session", "new", "new-window", "neww", "split-window", "splitw",
	"respawn-pane", "respawnp", "respawn-window", "respawnw", "run-shell", "run", "display-popup", "popup"}

// tmux runs the shell command given to new-session and its relatives,
// after their options.
func (w *walker) tmux(c call) {
	args := c.args[1:]
	for len(args) > 0 && strings.HasPrefix(args[0].Value, "-") {
		o := args[0].Value
		args = args[1:]
		switch o {
		case "-c":
			// tmux -c CMD runs CMD with the default shell.
			if len(args) > 0 {
				w.codeWord(c, args[0], "tmux -c", Input{})
			}
			return
		case "-L", "-S", "-f", "-T":
			if len(args) > 0 {
				args = args[1:]
			}
		}
	}
	if len(args) == 0 || !contains(tmuxCommands, args[0].Value) {
		return
	}
	rest := args[1:]
	for len(rest) > 0 && strings.HasPrefix(rest[0].Value, "-") {
		o := rest[0].Value
		rest = rest[1:]
		switch o {
		case "-c", "-n", "-s", "-t", "-e", "-x", "-y", "-F", "-l", "-T":
			// Options that take a value.
			if len(rest) > 0 {
				rest = rest[1:]
			}
		}
	}
	if len(rest) == 0 {
		return
	}
	w.codeWord(c, joinWords(rest), "tmux", Input{})
}

// screen runs the program given after its options.
func (w *walker) screen(c call) {
	args := c.args[1:]
	for len(args) > 0 && strings.HasPrefix(args[0].Value, "-") {
		o := args[0].Value
		args = args[1:]
		if o == "-X" || o == "-ls" || o == "-list" || o == "-r" || o == "-R" || o == "-x" {
			// Commands to a running session, or listing and attaching.
			args = nil
			break
		}
		switch o {
		case "-S", "-c", "-e", "-h", "-L", "-Logfile", "-p", "-s", "-t", "-T":
			if len(args) > 0 {
				args = args[1:]
			}
		}
	}
	w.record(c)
	if len(args) > 0 {
		w.inner(c, args, "screen")
	}
}
