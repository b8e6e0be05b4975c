package parse

import (
	"maps"
	"path"
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
	code    *Code // the code an interpreter runs, when known
}

// record adds the call as an invocation.
func (w *walker) record(c call) *Invocation {
	if w.dry || !w.budget() {
		return nil
	}
	inv := &Invocation{
		Args: c.args, MoreArgs: c.more, Assigns: c.assigns, Stdin: c.stdin,
		Dir: w.dir, Start: w.start, Remote: w.remote, Via: w.viaCopy(), Text: c.text,
		Pos: w.position(c.pos), Problem: c.problem, Detail: c.detail, Code: c.code,
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
	if len(*w.files) > 0 {
		inv.Written = maps.Clone(*w.files)
	}
	tfCLIArgs(inv)
	w.substs(inv)
	w.origins(inv)
	*w.out = append(*w.out, inv)
	return inv
}

// isPattern reports whether a word marked as a glob is a pattern the
// shell would expand: it holds * or ?, or a [ closed by a ] later on.
// [ alone, the test builtin, is a plain word.
func isPattern(s string) bool {
	if strings.ContainsAny(s, "*?") {
		return true
	}
	i := strings.IndexByte(s, '[')
	return i >= 0 && strings.IndexByte(s[i+1:], ']') >= 0
}

// programName returns the name rules know a program by: the base name of
// its path, or the binary of a package spec (wrangler@latest,
// @railway/cli) as package runners name what they run.
func programName(p string) string {
	if b, ok := packageBin(p); ok {
		return b
	}
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
	if c.args[0].Glob && isPattern(c.args[0].Value) {
		// /*/bin/rm: the shell runs the first file the pattern matches,
		// with the others as arguments, none of which guard can know.
		c.problem = DynamicProgram
		c.detail = "the program name " + Quote(c.args[0].Value) + " is a pattern: the files it matches are only known at run time"
		w.record(c)
		return
	}
	w.hashedProgram(&c)
	if c.args[0].Dynamic {
		c.problem = DynamicProgram
		c.detail = "the program name " + Quote(c.args[0].Value) + " is only known at run time"
		w.record(c)
		return
	}
	name := programName(c.args[0].Value)
	if w.expandAlias(c, name) {
		return
	}
	w.missingCommand(c, name)
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
	case "fish", "nu", "csh", "tcsh", "elvish", "xonsh":
		w.otherShell(c, name)
	case "busybox", "toybox":
		if len(c.args) > 1 {
			w.inner(c, c.args[1:], name)
			return
		}
		w.record(c)
	case "eval":
		if len(c.args) == 2 && c.args[1].Dynamic && w.startupIdiom(c.args[1].Value) {
			// eval "$(direnv hook bash)": the tool's own start-up code.
			w.record(c)
			return
		}
		w.evalWord(c, joinWords(c.args[1:]), "eval", c.stdin)
	case "trap":
		ops := operands(c.args[1:])
		if len(ops) >= 2 && ops[0].Value != "-" {
			w.trap(c, ops[0])
			return
		}
		w.record(c)
	case "alias":
		w.record(c)
		for _, a := range c.args[1:] {
			if n, v, ok := strings.Cut(a.Value, "="); ok {
				w.codeWord(c, Word{Value: v, Dynamic: a.Dynamic}, "alias "+n, Input{})
				w.defineAlias(n, Word{Value: v, Dynamic: a.Dynamic})
			}
		}
	case "unalias":
		w.record(c)
		w.unalias(c.args[1:])
	case "shopt":
		w.record(c)
		w.shopt(c.args[1:])
	case "hash":
		w.hash(c)
	case "enable":
		w.enable(c)
	case "test", "[":
		w.testBuiltin(c)
	case "source", ".":
		w.source_(c)
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
	case "cd", "pushd":
		w.record(c)
		w.chdir(c, name)
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
	case "env":
		w.env(c)
	case "flock":
		w.flock(c)
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
		w.stdinCode(c, name)
	case "asterisk", "fs_cli", "vtysh", "birdc", "birdcl", "kamcmd", "varnishadm":
		opt, _ := consoleOption(name)
		w.console(c, name, opt)
	case "crontab":
		w.crontab(c)
	case "schtasks", "schtasks.exe", "SCHTASKS", "SCHTASKS.EXE":
		w.schtasks(c)
	case "tee":
		w.record(c)
		w.teeCron(c)
	case "tmux", "byobu", "byobu-tmux", "byobu-screen", "screen", "zellij", "dtach", "abduco", "kitty", "kitten", "wezterm",
		"pueue", "daemonize", "start-stop-daemon", "bwrap":
		w.multiplexer(c, name)
	case "watch":
		w.watch(c)
	case "xargs":
		w.xargs(c)
	case "parallel":
		w.parallel(c)
	case "find", "gfind":
		w.find(c)
	case "fd", "fdfind":
		w.fd(c)
	case "ssh":
		w.ssh(c)
	case "docker", "podman", "nerdctl", "docker-compose", "podman-compose":
		w.container(c, name)
	case "kubectl", "oc":
		w.kubectl(c)
	case "git":
		w.git(c)
	case "make", "gmake":
		w.make(c)
	case "sed", "gsed":
		w.record(c)
		w.sed(c, name)
	case "vim", "vi", "nvim", "view", "vimdiff", "gvim", "rvim", "ex", "nvi", "vim.basic", "vim.tiny":
		w.record(c)
		w.editorCommands(c, name)
	case "scp", "sftp":
		w.record(c)
		w.optionCode(c, name)
		w.sshOptionCode(c, c.args[1:])
	case "terraform", "tofu", "terragrunt":
		for _, a := range c.args[1:] {
			if d, ok := strings.CutPrefix(a.Value, "-chdir="); ok && !a.Dynamic {
				w.withDir(&c, d)
			}
		}
		w.record(c)
	default:
		if cmdDeletion(name, c) {
			w.codeWord(c, Word{Value: cmdShell(c.text)}, "cmd.exe code", Input{})
			return
		}
		if name == "gam" {
			if rest, via, ok := gamCommand(c.args); ok {
				w.record(c)
				cc := c
				cc.redirs = nil
				w.inner(cc, append([]Word{c.args[0]}, rest...), via)
				return
			}
		}
		if name == "adb" || name == "hdc" {
			// adb -s SERIAL shell CMD: the device's options come first.
			if at := adbCommandAt(c.args); at > 1 {
				cc := c
				cc.args = append([]Word{c.args[0]}, c.args[at:]...)
				if r, key, n := lookupRunner(cc.args); r != nil {
					w.run(cc, r, key, n)
					return
				}
			}
		}
		if code, ok := elixirCode(name, c.args); ok && !code.Dynamic {
			if cmds := elixirCommands(code.Value); len(cmds) > 0 {
				w.elixir(c, cmds)
				return
			}
		}
		if (name == "wp" || name == "drush") && w.siteTool(c, name) {
			return
		}
		if (name == "terminus" || name == "acli") && w.platformSite(c) {
			return
		}
		if (name == "repo" || name == "mr" || name == "svnadmin" || name == "hg" || name == "chg" || name == "sl") && w.vcsCarrier(c, name) {
			return
		}
		if r, key, n := lookupRunner(c.args); r != nil {
			w.run(c, r, key, n)
			return
		}
		if isIPython(name) {
			w.ipython(c, name)
			return
		}
		if ip := interpreterOf(name, c.args[1:]); ip != nil {
			w.interpreted(c, name, ip)
			return
		}
		if strings.Contains(c.args[0].Value, "/") {
			// ./deploy.sh: a script the command wrote, or one on disk.
			if text, ok := w.script(c.args[0], w.callDir(c)); ok {
				w.scriptFile(c, text)
				return
			}
		}
		w.record(c)
		w.optionCode(c, name)
		switch name {
		case "curl", "curlie", "http", "https", "xh", "xhs":
			w.httpJobSubmit(c, name)
		}
	}
}

// codeWord parses a word that holds shell code, or records that the code is
// only known at run time.
func (w *walker) codeWord(c call, code Word, via string, stdin Input) {
	if code.Dynamic {
		c.problem = DynamicCode
		by := "by " + via
		if via == "" {
			by = ""
		}
		c.detail = "the code run " + strings.TrimSpace(by+" "+w.remoteNote()) + " is only known at run time: " + Quote(code.Value)
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
	n.bash = w.sh()
	n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	if c.dir != nil {
		n.dir = *c.dir
	}
	n.code(code.Value, &stdin)
	w.dir, w.vars, w.params, w.paramsSet, w.paramsOpen = n.dir, n.vars, n.params, n.paramsSet, n.paramsOpen
	w.funcs, w.funcsDone = n.funcs, n.funcsDone
}

// trap analyses the code a trap runs. It runs later in this shell, with
// its variables and functions as they are then; guard takes them as they
// are where the trap is set, so that d=$(mktemp -d); trap 'rm -rf "$d"'
// EXIT is read with d known.
func (w *walker) trap(c call, code Word) {
	if code.Dynamic {
		w.codeWord(c, code, "trap", Input{})
		return
	}
	n := w.nested("trap", c.pos)
	if w.vars != nil {
		n.vars = make(map[string]value, len(w.vars))
		for k, v := range w.vars {
			n.vars[k] = v
		}
	}
	n.params, n.paramsSet, n.paramsOpen = w.params, w.paramsSet, w.paramsOpen
	n.funcs, n.funcsDone, n.funcsActive = w.funcs, w.funcsDone, w.funcsActive
	n.bash = w.sh()
	n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	n.code(code.Value, &Input{})
	// Functions the trap defines are the shell's.
	w.funcs, w.funcsDone = n.funcs, n.funcsDone
}

func (w *walker) remoteNote() string {
	if w.remote != "" {
		return "on " + w.remote
	}
	return ""
}

// substs records the known output of the process substitutions that are
// whole arguments of inv: psql -f <(echo "DROP TABLE t").
func (w *walker) substs(inv *Invocation) {
	if len(w.procs) == 0 || len(inv.Args) < 2 {
		// No arguments: redirections alone, such as <0 <(cmd).
		return
	}
	for _, a := range inv.Args[1:] {
		ps := w.procs[a.Value]
		if ps == nil || !a.Dynamic {
			continue
		}
		if in := w.procSubstInput(ps); in.Kind == Known {
			if inv.Substs == nil {
				inv.Substs = map[string]string{}
			}
			inv.Substs[a.Value] = in.Text
		}
	}
}

// adbCommandAt returns the index of adb's command after its global
// options (-s SERIAL, -t ID, -H HOST, -P PORT, -L SOCKET, -d, -e, -a).
func adbCommandAt(args []Word) int {
	i := 1
	for i < len(args) && !args[i].Dynamic {
		switch args[i].Value {
		case "-s", "-t", "-H", "-P", "-L", "-b":
			i += 2
		case "-d", "-e", "-a":
			i++
		default:
			return i
		}
	}
	return i
}

// gamCommand returns the command GAM runs for each of the targets a
// leading entity names (gam user alice delete drivefile ...: delete
// drivefile ... for alice), or for each row of a file (gam csv users.csv
// gam delete user ~email), with what to call it.
func gamCommand(args []Word) ([]Word, string, bool) {
	if len(args) < 4 || args[1].Dynamic {
		return nil, "", false
	}
	switch args[1].Value {
	case "csv", "loop", "tsv":
		for i := 3; i < len(args); i++ {
			if !args[i].Dynamic && programName(args[i].Value) == "gam" && i+1 < len(args) {
				return args[i+1:], "gam " + args[1].Value + " " + args[2].Value, true
			}
		}
	case "user", "users", "group", "groups", "ou", "ous", "ou_and_children", "cros", "crosfile", "file", "query", "license":
		return args[3:], "gam " + args[1].Value + " " + args[2].Value, true
	case "all":
		if len(args) > 4 {
			return args[3:], "gam all " + args[2].Value, true
		}
	}
	return nil, "", false
}
