package parse

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// The runners whose grammar is more than the table can say.

// runnerFn names a function that handles a runner.
type runnerFn uint8

const (
	fnNone runnerFn = iota
	fnAnsible
	fnAnsiblePlaybook
	fnAzRunCommand
	fnBun
	fnCargoRun
	fnCodeShell
	fnDotnetRun
	fnEvilWinrm
	fnFlyMachineExec
	fnGdb
	fnGoRun
	fnHerokuPsql
	fnNixCommand
	fnSail
	fnSalt
	fnSsmSendCommand
	fnScriptAlias
	fnSbatch
	fnWinrs
	fnZosUss
)

// special calls the function that handles a runner: opts are the options
// read and at is the index of the first word after them.
func (w *walker) special(c call, r *runner, opts []opt, at int) {
	switch r.fn {
	case fnAnsible:
		w.ansible(c, r, opts, at)
	case fnAnsiblePlaybook:
		w.ansiblePlaybook(c)
	case fnAzRunCommand:
		w.azRunCommand(c, r, opts, at)
	case fnBun:
		w.bun(c, r, opts, at)
	case fnCargoRun:
		w.cargoRun(c, r, opts, at)
	case fnCodeShell:
		w.codeShell(c, r, opts, at)
	case fnDotnetRun:
		w.dotnetRun(c, r, opts, at)
	case fnFlyMachineExec:
		w.flyMachineExec(c, r, opts, at)
	case fnGdb:
		w.gdb(c, r, opts, at)
	case fnGoRun:
		w.goRun(c, r, opts, at)
	case fnHerokuPsql:
		w.herokuPsql(c, r, opts, at)
	case fnNixCommand:
		w.nixCommand(c, r, opts, at)
	case fnSail:
		w.sail(c, at)
	case fnSalt:
		w.salt(c, r, opts, at)
	case fnSsmSendCommand:
		w.ssmSendCommand(c, r, opts, at)
	case fnScriptAlias:
		w.scriptAlias(c, at)
	case fnSbatch:
		w.sbatch(c, r, opts, at)
	case fnEvilWinrm:
		w.evilWinrm(c, r, opts, at)
	case fnWinrs:
		w.winrs(c, r, opts, at)
	case fnZosUss:
		w.zosUss(c, r, opts, at)
	}
}

// remoteWalker returns a walker for code that a remote runner runs on
// where, recording the runner itself first.
func (w *walker) remoteWalker(c call, via, where string) *walker {
	n := w.nested(via, c.pos)
	n.onHost(where, "")
	return n
}

// optNamed returns the value of the last of the named options in opts.
func optNamed(opts []opt, names ...string) (opt, bool) {
	var found opt
	ok := false
	for _, o := range opts {
		if contains(names, o.name) {
			found, ok = o, true
		}
	}
	return found, ok
}

// herokuPsql runs psql against an app's database: heroku pg:psql -c SQL,
// or SQL on stdin.
func (w *walker) herokuPsql(c call, r *runner, opts []opt, at int) {
	w.record(c)
	app := ""
	if o, ok := optNamed(opts, "-a", "--app"); ok {
		app = o.value
	}
	args := []Word{{Value: "psql"}}
	if o, ok := optNamed(opts, "-c", "--command"); ok {
		args = append(args, Word{Value: "-c"}, Word{Value: o.value, Dynamic: o.dynamic})
	}
	if o, ok := optNamed(opts, "-f", "--file"); ok {
		args = append(args, Word{Value: "-f"}, Word{Value: o.value, Dynamic: o.dynamic})
	}
	args = append(args, c.args[at:]...)
	n := w.remoteWalker(c, strings.TrimSpace("heroku pg:psql "+app), strings.TrimSpace("heroku "+app))
	cc := c
	cc.args, cc.redirs = args, nil
	n.invoke(cc)
}

// flyMachineExec runs one command string on a machine: fly machine exec
// [ID] CMD.
func (w *walker) flyMachineExec(c call, r *runner, opts []opt, at int) {
	w.record(c)
	ops := c.args[at:]
	if len(ops) == 0 {
		return
	}
	target := ""
	if o, ok := optNamed(opts, "-a", "--app"); ok {
		target = o.value
	}
	n := w.remoteWalker(c, "fly machine exec", strings.TrimSpace("fly "+target))
	n.codeWord(c, ops[len(ops)-1], "", Input{})
}

// azRunCommand runs scripts on Azure VMs: az vm run-command invoke
// --command-id RunShellScript --scripts 'a' 'b'. --scripts takes every word
// up to the next option.
func (w *walker) azRunCommand(c call, r *runner, opts []opt, at int) {
	w.record(c)
	args := c.args
	commandID, vm := "", ""
	var scripts []Word
	for i := 1; i < len(args); i++ {
		name, v, eq := strings.Cut(args[i].Value, "=")
		switch name {
		case "--command-id":
			if !eq && i+1 < len(args) {
				i++
				v = args[i].Value
			}
			commandID = v
		case "--name", "-n", "--vm-name":
			if !eq && i+1 < len(args) {
				i++
				v = args[i].Value
			}
			vm = v
		case "--scripts", "--script":
			if eq {
				scripts = append(scripts, Word{Value: v, Dynamic: args[i].Dynamic})
				continue
			}
			for i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "--") {
				i++
				scripts = append(scripts, args[i])
			}
		}
	}
	if len(scripts) == 0 {
		return
	}
	n := w.remoteWalker(c, strings.TrimSpace("az run-command "+vm), strings.TrimSpace(r.remote+" "+vm))
	code := joinLines(scripts)
	if strings.HasPrefix(code.Value, "@") {
		code.Dynamic = true
	}
	if id := strings.ToLower(commandID); id != "" && !strings.Contains(id, "shell") || strings.Contains(id, "powershell") {
		// PowerShell, or a command document guard does not know.
		code.Dynamic = true
	}
	n.codeWord(c, code, "", Input{})
}

// ssmSendCommand runs the commands of an SSM document on instances: aws
// ssm send-command --document-name AWS-RunShellScript --parameters
// 'commands=["..."]'.
func (w *walker) ssmSendCommand(c call, r *runner, opts []opt, at int) {
	w.record(c)
	doc, params, targets := "", Word{}, ""
	have := false
	args := c.args
	for i := 1; i < len(args); i++ {
		name, v, eq := strings.Cut(args[i].Value, "=")
		dyn := args[i].Dynamic
		if !eq && i+1 < len(args) && strings.HasPrefix(name, "--") {
			switch name {
			case "--document-name", "--parameters", "--instance-ids", "--targets":
				i++
				v, dyn = args[i].Value, args[i].Dynamic
			}
		}
		switch name {
		case "--document-name":
			doc = v
		case "--parameters":
			params, have = Word{Value: v, Dynamic: dyn}, true
		case "--instance-ids", "--targets":
			targets = v
		}
	}
	if !have {
		return
	}
	n := w.remoteWalker(c, strings.TrimSpace("aws ssm "+targets), strings.TrimSpace("ssm "+targets))
	cmds, ok := ssmCommands(params.Value)
	code := Word{Value: strings.Join(cmds, "\n"), Dynamic: params.Dynamic || !ok}
	if code.Value == "" {
		code.Value = params.Value
	}
	lower := strings.ToLower(doc)
	switch {
	case strings.Contains(lower, "powershell"):
		code.Dynamic = true
	case len(cmds) == 0 && ok:
		// A document with no commands parameter.
		return
	}
	n.codeWord(c, code, "", Input{})
}

// ssmCommands reads the commands parameter of SSM parameters, given as
// JSON ({"commands":["a","b"]}) or in the AWS CLI's shorthand
// (commands=["a","b"],executionTimeout=["60"] or commands=a). ok is false
// when the text cannot be read (a file:// reference, say).
func ssmCommands(p string) (cmds []string, ok bool) {
	p = strings.TrimSpace(p)
	if strings.HasPrefix(p, "file://") || strings.HasPrefix(p, "fileb://") || strings.HasPrefix(p, "http") {
		return nil, false
	}
	if strings.HasPrefix(p, "{") {
		var m map[string]any
		if json.Unmarshal([]byte(p), &m) != nil {
			return nil, false
		}
		switch v := m["commands"].(type) {
		case nil:
			return nil, true
		case string:
			return []string{v}, true
		case []any:
			for _, e := range v {
				s, isStr := e.(string)
				if !isStr {
					return nil, false
				}
				cmds = append(cmds, s)
			}
			return cmds, true
		}
		return nil, false
	}
	i := strings.Index(p, "commands=")
	if i < 0 {
		return nil, true
	}
	v := p[i+len("commands="):]
	if !strings.HasPrefix(v, "[") {
		// commands=a single command, up to the next key=.
		if k := strings.Index(v, ",executionTimeout="); k >= 0 {
			v = v[:k]
		}
		if k := strings.Index(v, ",workingDirectory="); k >= 0 {
			v = v[:k]
		}
		return []string{strings.Trim(v, `"'`)}, true
	}
	// A list: quoted or bare items separated by commas, up to ].
	v = v[1:]
	var cur strings.Builder
	quote := byte(0)
	for k := 0; k < len(v); k++ {
		ch := v[k]
		switch {
		case quote != 0 && ch == '\\' && k+1 < len(v):
			k++
			cur.WriteByte(v[k])
		case quote != 0 && ch == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(ch)
		case ch == '"' || ch == '\'':
			quote = ch
		case ch == ',':
			cmds = append(cmds, strings.TrimSpace(cur.String()))
			cur.Reset()
		case ch == ']':
			if s := strings.TrimSpace(cur.String()); s != "" || len(cmds) > 0 {
				cmds = append(cmds, s)
			}
			return cmds, true
		default:
			cur.WriteByte(ch)
		}
	}
	return nil, false
}

// ansibleShellModules run their arguments as shell code; ansibleArgvModules
// as a command split into words.
var (
	ansibleShellModules = []string{"shell", "ansible.builtin.shell", "raw", "ansible.builtin.raw"}
	ansibleArgvModules  = []string{"command", "ansible.builtin.command"}
	ansibleOpaque       = []string{"win_shell", "ansible.windows.win_shell", "win_command", "ansible.windows.win_command",
		"script", "ansible.builtin.script", "expect", "ansible.builtin.expect"}
	ansibleValueOpts = []string{"-i", "--inventory", "--inventory-file", "-m", "--module-name", "-a", "--args",
		"-u", "--user", "--become-user", "--become-method", "-e", "--extra-vars", "-f", "--forks", "-l", "--limit",
		"-t", "--tree", "-B", "--background", "-P", "--poll", "-M", "--module-path", "-c", "--connection",
		"-T", "--timeout", "--private-key", "--key-file", "--vault-password-file", "--vault-id",
		"--ssh-common-args", "--ssh-extra-args", "--sftp-extra-args", "--scp-extra-args", "--playbook-dir",
		"--task-timeout", "-R", "--become-password-file", "--connection-password-file"}
	// ansibleFreeFormKeys are the key=value words the command and shell
	// modules take besides the command.
	ansibleFreeFormKeys = []string{"chdir", "creates", "removes", "executable", "warn", "stdin",
		"stdin_add_newline", "strip_empty_ends", "expand_argument_vars"}
)

// ansible runs a module on hosts: ansible HOSTS -m shell -a CMD. The
// command module, the default, runs its arguments as a command.
func (w *walker) ansible(c call, r *runner, opts []opt, at int) {
	w.record(c)
	args := c.args
	module, hosts := "command", ""
	var modArgs Word
	have, check := false, false
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		name, v, eq := strings.Cut(a, "=")
		dyn := args[i].Dynamic
		if strings.HasPrefix(a, "-") {
			if !strings.HasPrefix(a, "--") && len(a) > 2 && !eq {
				// -mshell, -a'ls': a short option and its value.
				name, v, eq = a[:2], a[2:], true
			}
			if contains(ansibleValueOpts, name) && !eq && i+1 < len(args) {
				i++
				v, dyn = args[i].Value, args[i].Dynamic
			}
			switch name {
			case "-m", "--module-name":
				module = v
			case "-a", "--args":
				modArgs, have = Word{Value: v, Dynamic: dyn}, true
			case "-C", "--check":
				// A dry run: modules report what they would change.
				check = true
			}
			continue
		}
		if hosts == "" {
			hosts = a
		}
	}
	short := module[strings.LastIndexByte(module, '.')+1:]
	if !have && (check || short != "reboot" && short != "shutdown") {
		return
	}
	w.ansibleRun(c, hosts, module, modArgs, nil, check)
}

// ansibleRun judges what a module does on hosts: its arguments are args
// when they are known as a map (a playbook's task), or are read from
// free, the key=value words of ansible -a.
func (w *walker) ansibleRun(c call, hosts, module string, free Word, args map[string]string, check bool) {
	short := module[strings.LastIndexByte(module, '.')+1:]
	n := w.remoteWalker(c, strings.TrimSpace("ansible "+hosts), strings.TrimSpace("ansible "+hosts))
	switch {
	case contains(ansibleShellModules, module):
		n.codeWord(c, ansibleFreeForm(free), "", Input{})
	case contains(ansibleArgvModules, module):
		// The command module splits its arguments into words, as the shell
		// would without running its operators.
		n.codeWord(c, ansibleFreeForm(free), "", Input{})
	case contains(ansibleOpaque, module):
		n.codeWord(c, Word{Value: free.Value, Dynamic: true}, "", Input{})
	case free.Dynamic && (strings.HasSuffix(short, "_config") || strings.HasSuffix(short, "_command")):
		// A device's commands only known at run time.
		n.codeWord(c, free, "", Input{})
	case !free.Dynamic && !check:
		if args == nil {
			args = ansibleModuleArgs(free.Value)
		}
		if code := ansibleModuleCode(short, args); code != "" {
			n.codeWord(c, Word{Value: code}, "", Input{})
		}
	}
}

// ansibleFreeForm removes the key=value words of the command and shell
// modules from their arguments.
func ansibleFreeForm(a Word) Word {
	fields := strings.Fields(a.Value)
	var keep []string
	for _, f := range fields {
		k, _, eq := strings.Cut(f, "=")
		if eq && contains(ansibleFreeFormKeys, k) {
			continue
		}
		keep = append(keep, f)
	}
	if len(keep) == len(fields) {
		return a
	}
	return Word{Value: strings.Join(keep, " "), Dynamic: a.Dynamic}
}

// salt runs an execution module on minions: salt TARGET cmd.run 'CMD'.
func (w *walker) salt(c call, r *runner, opts []opt, at int) {
	w.record(c)
	args := c.args
	target := ""
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if strings.HasPrefix(a, "-") {
			continue
		}
		if target == "" {
			target = a
			continue
		}
		switch a {
		case "cmd.run", "cmd.run_all", "cmd.run_stdout", "cmd.run_stderr", "cmd.shell", "cmd.script", "cmd.exec_code":
			if i+1 < len(args) {
				n := w.remoteWalker(c, "salt "+target, "salt "+target)
				code := args[i+1]
				if a == "cmd.script" || a == "cmd.exec_code" {
					code.Dynamic = true
				}
				n.codeWord(c, code, "", Input{})
			}
			return
		}
	}
}

// codeShell runs code in a framework's console: manage.py shell -c CODE,
// artisan tinker --execute CODE, rails console < script, or code on stdin.
func (w *walker) codeShell(c call, r *runner, opts []opt, at int) {
	name := strings.Fields(wrapperVia(c.args[:1]))[0]
	if o, ok := optNamed(opts, "-c", "--command", "--execute"); ok {
		w.recordCode(c, name, r.lang, Word{Value: o.value, Dynamic: o.dynamic}, o.name, nil)
		return
	}
	w.stdinInterp(c, name, r.lang, nil)
}

// compiled runs a program built from source by a toolchain, with the
// arguments after its own: cargo run --bin tool -- ARGS. The program is
// opaque, but its arguments are analysed as a command of the program's
// name, so that go run ./cmd/migrate reset --all reads as migrate reset.
func (w *walker) compiled(c call, prog string, args []Word) {
	w.record(c)
	if len(args) == 0 {
		return
	}
	if prog == "" || prog == "." {
		prog = "main"
	}
	cc := c
	cc.redirs = nil
	w.inner(cc, append([]Word{{Value: prog}}, args...), wrapperVia(c.args[:2]))
}

func (w *walker) cargoRun(c call, r *runner, opts []opt, at int) {
	s := spec{skip: 2, short: "pFjZ", long: []string{"--bin", "--example", "--package", "--manifest-path", "--target",
		"--features", "--profile", "--jobs", "--target-dir", "--config", "--color", "--message-format", "--lockfile-path"}}
	o, _, at2 := scan(c.args, s)
	prog := ""
	if v, ok := optNamed(o, "--bin", "--example", "-p", "--package"); ok {
		prog = v.value
	}
	var args []Word
	if at2 < len(c.args) && c.args[at2-1].Value == "--" {
		args = c.args[at2:]
	}
	if prog == "" && w.dir != "" {
		prog = path.Base(w.dir)
	}
	w.compiled(c, prog, args)
}

// goRunValueOpts are go run's build options that take a value.
const goRunValueOpts = "-C -exec -tags -ldflags -gcflags -asmflags -mod -modfile -p -pkgdir -toolexec -overlay -pgo " +
	"-buildmode -compiler -gccgoflags -installsuffix -covermode -coverpkg -buildvcs -o"

func (w *walker) goRun(c call, r *runner, opts []opt, at int) {
	args := c.args
	i := 2
	for ; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		name, _, eq := strings.Cut(strings.Replace(a, "--", "-", 1), "=")
		if wordlist.Has(goRunValueOpts, name) && !eq {
			i++
		}
	}
	if i >= len(args) {
		w.record(c)
		return
	}
	pkg := args[i].Value
	i++
	if strings.HasSuffix(pkg, ".go") {
		// go run a.go b.go ARGS: the files, then the arguments.
		for i < len(args) && strings.HasSuffix(args[i].Value, ".go") {
			i++
		}
		pkg = strings.TrimSuffix(path.Base(pkg), ".go")
	} else {
		pkg, _, _ = strings.Cut(pkg, "@")
		pkg = strings.TrimSuffix(pkg, "/...")
		if pkg == "." && w.dir != "" {
			pkg = w.dir
		}
		pkg = path.Base(pkg)
	}
	w.compiled(c, pkg, args[i:])
}

func (w *walker) dotnetRun(c call, r *runner, opts []opt, at int) {
	s := spec{skip: 2, short: "pcfrae", long: []string{"--project", "--configuration", "--framework", "--runtime",
		"--launch-profile", "--arch", "--os", "--environment", "--verbosity", "--property", "--file"}}
	o, _, at2 := scan(c.args, s)
	prog := ""
	if v, ok := optNamed(o, "-p", "--project"); ok {
		prog = strings.TrimSuffix(path.Base(v.value), path.Ext(v.value))
	}
	var args []Word
	if at2 < len(c.args) && c.args[at2-1].Value == "--" {
		args = c.args[at2:]
	}
	w.compiled(c, prog, args)
}

// nixCommand runs the command after -c or --command: nix develop -c CMD,
// nix shell PKG --command CMD.
func (w *walker) nixCommand(c call, r *runner, opts []opt, at int) {
	for i := 2; i < len(c.args); i++ {
		if v := c.args[i].Value; v == "-c" || v == "--command" {
			if i+1 < len(c.args) {
				w.inner(c, c.args[i+1:], wrapperVia(c.args[:i+1]))
				return
			}
			break
		}
	}
	w.record(c)
}

// bun runs a script file, a package.json script or a package's binary:
// bun x.ts, bun run build, bun eslint.
func (w *walker) bun(c call, r *runner, opts []opt, at int) {
	if hasOpt(c.args[1:at], "-e", "--eval", "-p", "--print") {
		w.interpreted(c, "bun", bunInterp)
		return
	}
	rest := c.args[at:]
	if len(rest) > 0 && (rest[0].Value == "run" || rest[0].Value == "r") {
		rest = rest[1:]
		for len(rest) > 0 && strings.HasPrefix(rest[0].Value, "-") {
			rest = rest[1:]
		}
	} else if len(rest) > 0 && contains(r.builtins, rest[0].Value) {
		w.record(c)
		return
	}
	if len(rest) == 0 {
		w.record(c)
		return
	}
	if v := rest[0].Value; strings.Contains(v, "/") || isScriptName(v) {
		w.scriptRun(c, "bun", "node", rest[0], nil)
		return
	}
	w.inner(c, rest, wrapperVia(c.args[:len(c.args)-len(rest)]))
}

// isScriptName reports whether a file name has the extension of a
// JavaScript or TypeScript file.
func isScriptName(v string) bool {
	switch path.Ext(v) {
	case ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx":
		return true
	}
	return false
}

// gdb runs a program under the debugger, and its -ex commands: shell CMD
// and python CODE run code. lldb is read the same way.
func (w *walker) gdb(c call, r *runner, opts []opt, at int) {
	w.record(c)
	args := c.args
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "--args" || a == "--":
			if i+1 < len(args) {
				w.inner(c, args[i+1:], programName(args[0].Value)+" "+a)
			}
			return
		case a == "-p" || a == "--pid" || a == "-x" || a == "--command" || a == "-s" || a == "--source":
			i++
		case a == "-ex" || a == "-iex" || a == "-eval-command" || a == "--eval-command" || a == "-o" || a == "--one-line" || a == "-O" || a == "--one-line-before-file":
			if i+1 < len(args) {
				i++
				w.debuggerCommand(c, args[i])
			}
		case strings.HasPrefix(a, "--eval-command=") || strings.HasPrefix(a, "-eval-command="):
			_, v, _ := strings.Cut(a, "=")
			w.debuggerCommand(c, Word{Value: v, Dynamic: args[i].Dynamic})
		}
	}
}

// debuggerCommand analyses one gdb or lldb command.
func (w *walker) debuggerCommand(c call, cmd Word) {
	v := strings.TrimSpace(cmd.Value)
	for _, p := range []string{"shell ", "!", "platform shell "} {
		if rest, ok := strings.CutPrefix(v, p); ok {
			w.codeWord(c, Word{Value: rest, Dynamic: cmd.Dynamic}, "gdb shell", Input{})
			return
		}
	}
	for _, p := range []string{"python ", "py ", "script "} {
		if rest, ok := strings.CutPrefix(v, p); ok {
			w.interpCodeNested(c, "gdb python", "python", Word{Value: rest, Dynamic: cmd.Dynamic}, "-ex")
			return
		}
	}
}

// interpCodeNested analyses code in a language that a program runs
// besides itself: it records no invocation for the program, only what
// the code runs, or a problem when the code is only known at run time.
func (w *walker) interpCodeNested(c call, name, lang string, text Word, from string) {
	if text.Dynamic {
		c.problem = DynamicCode
		c.detail = name + " runs code that is only known at run time: " + Quote(text.Value)
		w.record(c)
		return
	}
	w.interpreterCode(c, name, &Code{Lang: lang, Text: text.Value, From: from})
}
