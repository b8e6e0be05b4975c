package parse

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/wordlist"
)

// Programs that run a string they are given as a command: an option whose
// value is shell code (tar --to-command), an editor's ex commands (vim -c
// '!cmd'), sed's e command, ssh's ProxyCommand, and environment variables
// that programs run (GIT_SSH_COMMAND, PAGER).

// codeOpt is an option whose value is a command.
type codeOpt struct {
	// names are the option's spellings, separated by spaces: "-I
	// --use-compress-program". One string, not a []string: an array of
	// strings per option would be data the runtime describes to the
	// collector at every start.
	names string
	// prefix is what the value starts with when it is a command:
	// --checkpoint-action=exec=CMD.
	prefix string
	// remote reports that the command runs on the other end:
	// rsync --rsync-path.
	remote bool
}

// codeOptions lists, by program, the options whose value is shell code.
var codeOptions = table[[]codeOpt]{
	{"tar", []codeOpt{{names: "--checkpoint-action", prefix: "exec="},
		{names: "--to-command --info-script -F --new-volume-script --use-compress-program -I --rsh-command --rmt-command"}}},
	{"gtar", []codeOpt{{names: "--checkpoint-action", prefix: "exec="}, {names: "--to-command --info-script -F --new-volume-script --use-compress-program -I --rsh-command"}}},
	{"rsync", []codeOpt{{names: "-e --rsh"}, {names: "--rsync-path", remote: true}}},
	{"man", []codeOpt{{names: "-P --pager -H --html"}}},
	{"zip", []codeOpt{{names: "-TT --unzip-command"}}},
	{"tcpdump", []codeOpt{{names: "-z"}}},
	{"scp", []codeOpt{{names: "-S"}}},
	{"sftp", []codeOpt{{names: "-S -D"}}},
	{"cpio", []codeOpt{{names: "--rsh-command"}}},
	{"fzf", []codeOpt{{names: "--preview"}}},
	{"emacs", []codeOpt{{names: "--eval -eval", prefix: "(shell-command "}}},
	{"less", []codeOpt{{names: "+", prefix: "!"}, {names: "+:", prefix: "!"}}},
}

// codeOptionValues returns the values of a program's code options in args.
func codeOptionValues(args []Word, opts []codeOpt) (local, remote []Word) {
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Value == "--" {
			break
		}
		for _, o := range opts {
			for n := range strings.FieldsSeq(o.names) {
				var v Word
				found := false
				switch {
				case a.Value == n && i+1 < len(args) && n != "+":
					v, found = args[i+1], true
				case strings.HasPrefix(n, "--") && strings.HasPrefix(a.Value, n+"="):
					v, found = Word{Value: a.Value[len(n)+1:], Dynamic: a.Dynamic}, true
				case !strings.HasPrefix(n, "--") && strings.HasPrefix(a.Value, n) && len(a.Value) > len(n) && (len(n) == 2 || n == "+" || n == "+:"):
					v, found = Word{Value: a.Value[len(n):], Dynamic: a.Dynamic}, true
				}
				if !found {
					continue
				}
				if o.prefix != "" {
					rest, ok := strings.CutPrefix(v.Value, o.prefix)
					if !ok {
						continue
					}
					if strings.HasPrefix(o.prefix, "(") {
						// (shell-command "cmd"): the string.
						rest = strings.TrimSuffix(strings.TrimSpace(rest), ")")
						if uq, err := strconv.Unquote(rest); err == nil {
							rest = uq
						} else {
							v.Dynamic = true
						}
					}
					v.Value = rest
				}
				if o.remote {
					remote = append(remote, v)
				} else {
					local = append(local, v)
				}
			}
		}
	}
	return local, remote
}

// optionCode analyses the code options of a program that has some.
func (w *walker) optionCode(c call, name string) {
	opts, _ := codeOptions.get(name)
	if len(opts) == 0 {
		return
	}
	local, remote := codeOptionValues(c.args, opts)
	c.stdin, c.redirs = Input{}, nil
	for _, v := range local {
		w.codeWord(c, v, name+" option", Input{})
	}
	for _, v := range remote {
		n := w.nested(name+" remote", c.pos)
		n.onHost(name+" remote", "")
		n.codeWord(c, v, "", Input{})
	}
}

// editorCommands analyses the ex commands given to vim and its relatives
// on the command line: -c CMD, +CMD, --cmd CMD.
func (w *walker) editorCommands(c call, name string) {
	args := c.args
	c.stdin, c.redirs = Input{}, nil
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a.Value == "--":
			return
		case (a.Value == "-c" || a.Value == "--cmd") && i+1 < len(args):
			i++
			w.exCommand(c, name, args[i])
		case strings.HasPrefix(a.Value, "+") && len(a.Value) > 1:
			w.exCommand(c, name, Word{Value: a.Value[1:], Dynamic: a.Dynamic})
		case (a.Value == "-S" || a.Value == "-s") && i+1 < len(args):
			// A script of commands or keystrokes: read when the command
			// wrote it.
			i++
			if text, ok := w.writtenScript(args[i]); ok {
				for line := range strings.Lines(text) {
					w.exCommand(c, name, Word{Value: strings.TrimRight(line, "\n")})
				}
			}
		}
	}
}

// exCommand analyses one ex command: :!cmd, r !cmd, w !cmd, %!filter,
// terminal cmd, call system('cmd'), py3 CODE.
func (w *walker) exCommand(c call, name string, cmd Word) {
	v := strings.TrimSpace(cmd.Value)
	via := name + " :!"
	for {
		v = strings.TrimLeft(v, ": \t")
		rest, ok := cutWord(v, "silent!", "silent", "sil!", "sil", "keepalt", "noautocmd", "noa")
		if !ok {
			break
		}
		v = rest
	}
	// A range: %, ., $, numbers, marks, patterns.
	r := 0
	for r < len(v) && strings.IndexByte("%.$,;0123456789'<>+-", v[r]) >= 0 {
		r++
	}
	body := v[r:]
	dyn := Word{Value: cmd.Value, Dynamic: true}
	switch {
	case strings.HasPrefix(body, "!"):
		w.codeWord(c, Word{Value: body[1:], Dynamic: cmd.Dynamic}, via, Input{})
	case hasWordPrefix(body, "r", "read") && strings.HasPrefix(strings.TrimSpace(trimWord(body, "r", "read")), "!"):
		w.codeWord(c, Word{Value: strings.TrimSpace(trimWord(body, "r", "read"))[1:], Dynamic: cmd.Dynamic}, via, Input{})
	case hasWordPrefix(body, "w", "write") && strings.HasPrefix(trimWord(body, "w", "write"), " ") &&
		strings.HasPrefix(strings.TrimSpace(trimWord(body, "w", "write")), "!"):
		w.codeWord(c, Word{Value: strings.TrimSpace(trimWord(body, "w", "write"))[1:], Dynamic: cmd.Dynamic}, via, Input{Kind: Unknown, From: name + " buffer"})
	case hasWordPrefix(body, "ter", "term", "terminal"):
		w.codeWord(c, Word{Value: strings.TrimSpace(trimWord(body, "ter", "term", "terminal")), Dynamic: cmd.Dynamic}, via, Input{})
	case hasWordPrefix(body, "py", "py3", "python", "python3", "pyx", "pythonx"):
		w.interpCodeNested(c, name+" python", "python", Word{Value: trimWord(body, "py", "py3", "python", "python3", "pyx", "pythonx"), Dynamic: cmd.Dynamic}, "ex command")
	case hasWordPrefix(body, "lua"):
		w.interpCodeNested(c, name+" lua", "lua", Word{Value: trimWord(body, "lua"), Dynamic: cmd.Dynamic}, "ex command")
	case hasWordPrefix(body, "perl"):
		w.interpCodeNested(c, name+" perl", "perl", Word{Value: trimWord(body, "perl"), Dynamic: cmd.Dynamic}, "ex command")
	case hasWordPrefix(body, "ruby", "rub"):
		w.interpCodeNested(c, name+" ruby", "ruby", Word{Value: trimWord(body, "ruby", "rub"), Dynamic: cmd.Dynamic}, "ex command")
	case hasWordPrefix(body, "exe", "exec", "execute"):
		// exe "!" . cmd: built when it runs.
		w.codeWord(c, dyn, name+" execute", Input{})
	case strings.Contains(body, "system(") || strings.Contains(body, "systemlist(") || strings.Contains(body, "jobstart(") || strings.Contains(body, "termopen("):
		for _, fn := range []string{"system(", "systemlist(", "jobstart(", "termopen("} {
			for i := strings.Index(body, fn); i >= 0; {
				s := &codeScan{code: body, lang: "vim"}
				args, _ := w.callArgs(s, i+len(fn)-1)
				if len(args) > 0 {
					w.shellCode(c, name, via, args[0])
				}
				next := strings.Index(body[i+len(fn):], fn)
				if next < 0 {
					break
				}
				i += len(fn) + next
			}
		}
	}
	if strings.Contains(body, "|") && !strings.HasPrefix(body, "!") {
		// cmd1 | cmd2: ex commands in a row.
		_, more, _ := strings.Cut(body, "|")
		if strings.TrimSpace(more) != "" && len(more) < len(cmd.Value) {
			w.exCommand(c, name, Word{Value: more, Dynamic: cmd.Dynamic})
		}
	}
}

// hasWordPrefix reports whether s starts with one of the words, followed
// by a blank, ! or its end.
func hasWordPrefix(s string, words ...string) bool {
	_, ok := cutWord(s, words...)
	return ok
}

// cutWord removes a leading word of words from s.
func cutWord(s string, words ...string) (string, bool) {
	for _, w := range words {
		if rest, ok := strings.CutPrefix(s, w); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t' || strings.HasSuffix(w, "!")) {
			return rest, true
		}
	}
	return s, false
}

// trimWord returns s after its leading word.
func trimWord(s string, words ...string) string {
	// The longest word that matches, so that py3 is not read as py.
	best := -1
	for _, w := range words {
		if rest, ok := strings.CutPrefix(s, w); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') && len(w) > best {
			best = len(w)
		}
	}
	if best < 0 {
		return s
	}
	return s[best:]
}

// sedScripts returns the scripts sed runs: its first operand, or each -e
// and --expression; and whether it runs in --sandbox mode, where e is
// refused.
func sedScripts(args []Word) (scripts []Word, sandbox bool) {
	explicit := false
	var first *Word
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "--":
			if !explicit && first == nil && i+1 < len(args) {
				first = &args[i+1]
			}
			i = len(args)
		case a == "--sandbox":
			sandbox = true
		case a == "-e" || a == "--expression":
			if i+1 < len(args) {
				i++
				scripts = append(scripts, args[i])
			}
			explicit = true
		case strings.HasPrefix(a, "--expression="):
			scripts = append(scripts, Word{Value: a[len("--expression="):], Dynamic: args[i].Dynamic})
			explicit = true
		case a == "-f" || a == "--file" || strings.HasPrefix(a, "--file="):
			explicit = true
			if a != "--file" && a != "-f" {
				continue
			}
			i++
		case a == "-l" || a == "--line-length":
			i++
		case strings.HasPrefix(a, "--"):
		case len(a) > 1 && a[0] == '-':
			// A cluster: -ne SCRIPT, -i.bak, -Ee.
			for j := 1; j < len(a); j++ {
				if a[j] == 'e' {
					if j+1 < len(a) {
						scripts = append(scripts, Word{Value: a[j+1:], Dynamic: args[i].Dynamic})
					} else if i+1 < len(args) {
						i++
						scripts = append(scripts, args[i])
					}
					explicit = true
					break
				}
				if a[j] == 'f' {
					explicit = true
					if j+1 == len(a) {
						i++
					}
					break
				}
				if a[j] == 'i' || a[j] == 'l' {
					break
				}
			}
		default:
			if !explicit && first == nil {
				first = &args[i]
			}
		}
	}
	if !explicit && first != nil {
		scripts = append(scripts, *first)
	}
	return scripts, sandbox
}

// sed analyses GNU sed's commands that run the shell: e COMMAND, e alone
// (the pattern space runs), and s///e (the result of the substitution
// runs).
func (w *walker) sed(c call, name string) {
	scripts, sandbox := sedScripts(c.args)
	if sandbox {
		return
	}
	c.stdin, c.redirs = Input{}, nil
	for _, s := range scripts {
		if !strings.Contains(s.Value, "e") {
			continue
		}
		for _, cmd := range sedExecs(s.Value) {
			if cmd.dynamic {
				d := c
				d.problem = DynamicCode
				d.detail = name + " runs text from its input as a shell command: " + Quote(cmd.text)
				w.record(d)
				continue
			}
			w.codeWord(c, Word{Value: cmd.text, Dynamic: s.Dynamic}, name+" e", Input{})
		}
	}
}

type sedExec struct {
	text    string
	dynamic bool // the command is text from the input
}

// sedExecs finds the commands of a sed script that run the shell.
func sedExecs(script string) []sedExec {
	var out []sedExec
	i := 0
	n := len(script)
	for i < n && len(out) < 16 {
		// Blanks, separators and braces between commands.
		for i < n && strings.IndexByte(" \t\n;{}", script[i]) >= 0 {
			i++
		}
		if i >= n {
			break
		}
		// An address or two: line numbers, $, /regex/, \cregexc, first~step.
		for k := 0; k < 2 && i < n; k++ {
			switch ch := script[i]; {
			case ch >= '0' && ch <= '9' || ch == '$' || ch == '~' || ch == '+':
				for i < n && (script[i] >= '0' && script[i] <= '9' || script[i] == '$' || script[i] == '~' || script[i] == '+') {
					i++
				}
			case ch == '/' || ch == '\\':
				delim := byte('/')
				if ch == '\\' && i+1 < n {
					i++
					delim = script[i]
				}
				i = sedDelimited(script, i, delim)
				for i < n && (script[i] == 'I' || script[i] == 'M') {
					i++
				}
			}
			if i < n && script[i] == ',' {
				i++
				continue
			}
			break
		}
		for i < n && (script[i] == ' ' || script[i] == '!') {
			i++
		}
		if i >= n {
			break
		}
		cmd := script[i]
		i++
		switch cmd {
		case 'e':
			end := strings.IndexByte(script[i:], '\n')
			if end < 0 {
				end = n - i
			}
			text := strings.TrimSpace(script[i : i+end])
			if text == "" {
				out = append(out, sedExec{text: "e", dynamic: true})
			} else {
				out = append(out, sedExec{text: text})
			}
			i += end
		case 's', 'y':
			if i >= n {
				return out
			}
			delim := script[i]
			re := i + 1
			i = sedDelimited(script, i, delim)
			repl := i
			i = sedDelimited(script, i-1, delim)
			replacement := ""
			if repl < i && i-1 <= n {
				replacement = script[repl : i-1]
			}
			flags := i
			for i < n && strings.IndexByte("gpiImMe0123456789", script[i]) >= 0 {
				i++
			}
			if cmd == 's' && strings.Contains(script[flags:i], "e") {
				regex := script[re:max(re, repl-1)]
				replacement = strings.ReplaceAll(replacement, `\`+string(delim), string(delim))
				if (regex == ".*" || regex == "^.*$" || regex == "^.*") && !strings.ContainsAny(replacement, `&\`) {
					out = append(out, sedExec{text: replacement})
				} else {
					out = append(out, sedExec{text: "s" + string(delim) + regex + string(delim) + replacement + string(delim) + script[flags:i], dynamic: true})
				}
			}
			if i < n && script[i] == 'w' {
				// s///w file: to the end of the line.
				for i < n && script[i] != '\n' {
					i++
				}
			}
		case 'a', 'i', 'c', 'r', 'R', 'w', 'W', ':', 'b', 't', 'T', '#':
			// Text, a file name or a label, to the end of the line (a
			// label also ends at ;).
			for i < n && script[i] != '\n' && !(script[i] == ';' && strings.IndexByte("btT:", cmd) >= 0) {
				i++
			}
		case 'l', 'q', 'Q', 'L':
			for i < n && (script[i] >= '0' && script[i] <= '9' || script[i] == ' ') {
				i++
			}
		}
	}
	return out
}

// sedDelimited returns the index after the delimiter that closes the part
// of a sed command starting after script[i].
func sedDelimited(script string, i int, delim byte) int {
	j := i + 1
	for j < len(script) {
		if script[j] == '\\' {
			j += 2
			continue
		}
		if script[j] == delim {
			return j + 1
		}
		j++
	}
	return len(script)
}

// sshCommandOptions are ssh -o options whose value is a command: run here,
// or on the host for RemoteCommand.
const sshCommandOptions = "proxycommand localcommand knownhostscommand remotecommand"

// sshOptions returns the commands in ssh -o options: ProxyCommand=CMD,
// "LocalCommand CMD".
func sshOptions(values []Word) (local, remote []Word) {
	for _, v := range values {
		key, val, ok := strings.Cut(v.Value, "=")
		if k, rest, sp := strings.Cut(v.Value, " "); sp && (!ok || len(k) < len(key)) {
			key, val, ok = k, rest, true
		}
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if !wordlist.Has(sshCommandOptions, key) || strings.EqualFold(val, "none") || val == "" {
			continue
		}
		// %h, %p and the other tokens are the host and port.
		val = strings.NewReplacer("%h", "host", "%p", "22", "%r", "user", "%n", "host", "%%", "%").Replace(val)
		if key == "remotecommand" {
			remote = append(remote, Word{Value: val, Dynamic: v.Dynamic})
		} else {
			local = append(local, Word{Value: val, Dynamic: v.Dynamic})
		}
	}
	return local, remote
}

// codeVars are environment variables whose value some program runs as a
// command: git runs GIT_SSH_COMMAND, man runs MANPAGER, less runs
// LESSOPEN, bash runs PROMPT_COMMAND. An assignment to one is analysed as
// the code it holds, where it is made.
var codeVars = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"GIT_SSH_COMMAND": "git", "GIT_SSH": "git", "GIT_EDITOR": "git", "GIT_SEQUENCE_EDITOR": "git",
		"SVN_SSH": "svn", "SVN_EDITOR": "svn", "SVN_MERGE": "svn", "HGEDITOR": "hg", "HGMERGE": "hg", "P4EDITOR": "p4", "P4DIFF": "p4", "P4MERGE": "p4", "JJ_EDITOR": "jj", "BZR_EDITOR": "bzr",
		"GIT_PAGER": "git", "GIT_EXTERNAL_DIFF": "git", "GIT_PROXY_COMMAND": "git", "GIT_ASKPASS": "git",
		"SSH_ASKPASS": "ssh", "SUDO_ASKPASS": "sudo", "EDITOR": "editor", "VISUAL": "editor", "KUBE_EDITOR": "kubectl",
		"PAGER": "pager", "MANPAGER": "man", "SYSTEMD_PAGER": "systemctl", "BAT_PAGER": "bat", "DELTA_PAGER": "delta",
		"LESSOPEN": "less", "LESSCLOSE": "less", "PROMPT_COMMAND": "bash", "RSYNC_RSH": "rsync", "CVS_RSH": "cvs",
		"FZF_DEFAULT_COMMAND": "fzf", "BROWSER": "browser", "MAKESHELL": "make", "TAR_OPTIONS": "",
	}
}}

// codeVar analyses an assignment of a variable whose value a program runs.
func (w *walker) codeVar(c call, name string, v Word) {
	prog, ok := codeVars.Get()[name]
	if !ok || prog == "" {
		return
	}
	if v.Value == "" && !v.Dynamic {
		return
	}
	text := v.Value
	if name == "LESSOPEN" || name == "LESSCLOSE" {
		// |cmd %s, ||cmd %s, -|cmd %s.
		text = strings.TrimLeft(text, "|-")
		text = strings.ReplaceAll(text, "%s", "file")
	}
	c.args, c.stdin, c.redirs = nil, Input{}, nil
	// The value is shell code: its parts only known at run time keep
	// their source text ($KEY), which reads again as such, so that
	// GIT_SSH_COMMAND="ssh -i $KEY" is ssh with an unknown argument.
	w.codeWord(c, Word{Value: text}, name, Input{})
}

// promptVar analyses a prompt variable, whose value bash expands when it
// shows it (PS4 with xtrace, PS0 and PS1 when interactive): the command
// substitutions in it run.
func (w *walker) promptVar(c call, name string, v Word) {
	if !strings.Contains(v.Value, "$(") && !strings.Contains(v.Value, "`") && !strings.Contains(v.Value, "<(") {
		// Only substitutions run anything.
		return
	}
	c.args, c.stdin, c.redirs = nil, Input{}, nil
	delim := "GUARD_PROMPT_END"
	for strings.Contains(v.Value, delim) {
		delim += "_"
	}
	w.codeWord(c, Word{Value: ": <<" + delim + "\n" + v.Value + "\n" + delim + "\n"}, name, Input{})
}

// assigned analyses what an assignment of name makes programs run later.
func (w *walker) assigned(c call, name string, v Word) {
	switch name {
	case "PS0", "PS1", "PS2", "PS3", "PS4":
		w.promptVar(c, name, v)
	case "GIT_CONFIG_PARAMETERS":
		w.gitConfigParameters(c, v)
	default:
		if _, ok := codeVars.Get()[name]; ok {
			w.codeVar(c, name, v)
		}
	}
}

// gitConfigEnv analyses configuration given to git in the environment:
// GIT_CONFIG_KEY_0=alias.x GIT_CONFIG_VALUE_0='!cmd'.
func (w *walker) gitConfigEnv(c call, assigns []Assign) {
	keys := map[string]Word{}
	for _, a := range assigns {
		if n, ok := strings.CutPrefix(a.Name, "GIT_CONFIG_KEY_"); ok {
			keys[n] = a.Value
		}
	}
	for _, a := range assigns {
		if n, ok := strings.CutPrefix(a.Name, "GIT_CONFIG_VALUE_"); ok {
			if k, ok := keys[n]; ok {
				w.gitConfig(c, Word{Value: k.Value + "=" + a.Value.Value, Dynamic: k.Dynamic || a.Value.Dynamic})
			}
		}
	}
}

// gitConfigParameters analyses GIT_CONFIG_PARAMETERS, the form in which
// git passes -c options to the programs it runs: 'key'='value' ...
func (w *walker) gitConfigParameters(c call, v Word) {
	for _, kv := range splitQuoted(v.Value) {
		w.gitConfig(c, Word{Value: kv, Dynamic: v.Dynamic})
	}
}

// splitQuoted splits text into words at blanks, removing single quotes:
// 'a'='b c' is one word, a=b c.
func splitQuoted(s string) []string {
	var out []string
	var b strings.Builder
	quoted, started := false, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\'':
			quoted = !quoted
			started = true
		case !quoted && (ch == ' ' || ch == '\t' || ch == '\n'):
			if started {
				out = append(out, b.String())
				b.Reset()
				started = false
			}
		default:
			b.WriteByte(ch)
			started = true
		}
	}
	if started {
		out = append(out, b.String())
	}
	return out
}
