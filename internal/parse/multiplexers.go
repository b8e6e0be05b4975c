package parse

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/guardsh/guard/internal/lazy"
)

// Terminal multiplexers and detached runners carry commands in two ways.
// What they start runs as a command: tmux new-session -d 'CMD', screen
// -dmS NAME CMD, dtach -n SOCKET CMD, abduco -n NAME CMD, zellij run --
// CMD, byobu as tmux or screen. What they type into a pane is input to
// whatever runs there: tmux send-keys, screen -X stuff, zellij action
// write-chars, kitty @ send-text, wezterm cli send-text, and stdin pushed
// into a session by dtach -p or abduco -p. The walker judges typed text
// as shell code, and TypedText hands it to the rules, which also read it
// as statements typed into a database shell. The session or pane the
// command reaches is part of the nesting step (tmux send-keys -t
// prod:0), so that a production name there marks what runs.

// tmuxValues are, per tmux command that runs shell code, its options
// that take a value.
var tmuxValues = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"new-session": "cefFnstxy", "new": "cefFnstxy",
		"new-window": "ceFnt", "neww": "ceFnt",
		"split-window": "celtFp", "splitw": "celtFp",
		"respawn-pane": "cet", "respawnp": "cet",
		"respawn-window": "cet", "respawnw": "cet",
		"run-shell": "cdt", "run": "cdt",
		"pipe-pane": "t", "pipep": "t",
		"display-popup": "bcdehsStTwxy", "popup": "bcdehsStTwxy",
	}
}}

// multiplexer analyses the commands a terminal multiplexer or detached
// runner starts and the text it types. It reports false for a program it
// does not know.
func (w *walker) multiplexer(c call, name string) bool {
	switch name {
	case "tmux", "byobu-tmux":
		w.record(c)
		w.tmuxCommands(c)
	case "byobu":
		w.record(c)
		if byobuScreen(c.args) {
			w.screenCommands(c)
		} else {
			w.tmuxCommands(c)
		}
	case "screen", "byobu-screen":
		w.record(c)
		w.screenCommands(c)
	case "zellij":
		w.record(c)
		w.zellij(c)
	case "dtach", "abduco":
		w.detached(c, name)
	case "kitty", "kitten", "wezterm":
		w.record(c)
		if text, target, ok := typedText(name, c.args, c.stdin); ok {
			w.typed(c, text, name+" send-text"+target)
			return true
		}
		w.terminalLaunch(c, name)
	default:
		return w.daemonRunner(c, name)
	}
	return true
}

// typed judges text typed into a terminal as the shell there would run it.
func (w *walker) typed(c call, text Word, via string) {
	if !text.Dynamic {
		text.Value = shellLines(text.Value)
	}
	if strings.TrimSpace(text.Value) != "" || text.Dynamic {
		w.codeWord(c, text, via, Input{})
	}
}

// shellLines returns typed text without the lines that a shell rejects
// whole, as a syntax error that no later line can complete: such a line
// (db.orders.find().limit(3), typed into a database shell) runs nothing
// in a shell, and the rules read it as statements. When a line leaves a
// quote or a compound command open, the lines belong together and are
// all kept, to be judged as one text.
func shellLines(text string) string {
	if !strings.ContainsAny(text, "();{}<>|&`") {
		return text
	}
	p := parsers.Get().(*syntax.Parser)
	defer parsers.Put(p)
	if _, err := p.Parse(strings.NewReader(text), ""); err == nil {
		return text
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0:0]
	for _, line := range lines {
		_, err := p.Parse(strings.NewReader(line), "")
		switch {
		case err == nil:
			kept = append(kept, line)
		case openAtEnd(err) || syntax.IsIncomplete(err):
			return text
		}
	}
	return strings.Join(kept, "\n")
}

// tmuxCommands walks tmux's commands, which ; separates (tmux new -d -s
// x \; send-keys -t x 'make' Enter).
func (w *walker) tmuxCommands(c call) {
	global, _, at := scan(c.args, spec{short: "cfLST"})
	for _, o := range global {
		if o.name == "-c" {
			// tmux -c CMD runs CMD with the default shell.
			w.codeWord(c, Word{Value: o.value, Dynamic: o.dynamic}, "tmux -c", Input{})
			return
		}
	}
	for _, cmd := range splitTmux(c.args[at:]) {
		w.tmuxCommand(c, cmd)
	}
}

// splitTmux splits a tmux command sequence at its ; words.
func splitTmux(args []Word) [][]Word {
	var out [][]Word
	start := 0
	for i, a := range args {
		if a.Value == ";" && !a.Dynamic {
			out = append(out, args[start:i])
			start = i + 1
		}
	}
	return append(out, args[start:])
}

// tmuxCommand analyses one tmux command: the shell code it starts, or the
// keys and buffer text it types.
func (w *walker) tmuxCommand(c call, cmd []Word) {
	w.tmuxCommandAt(c, cmd, 0)
}

// tmuxCommandAt analyses a tmux command, depth levels inside the
// commands that carry others.
func (w *walker) tmuxCommandAt(c call, cmd []Word, depth int) {
	if len(cmd) == 0 || depth > 3 {
		return
	}
	name := cmd[0].Value
	if w.tmuxCarrier(c, cmd, depth) {
		return
	}
	if text, target, ok := tmuxTyped(cmd); ok {
		w.typed(c, text, "tmux "+name+target)
		return
	}
	values, ok := tmuxValues.Get()[name]
	if !ok {
		return
	}
	opts, _, at := scan(cmd, spec{short: values})
	if at >= len(cmd) {
		return
	}
	w.startDir(&c, opts, "-c")
	w.codeWord(c, joinWords(cmd[at:]), "tmux "+name+tmuxTarget(opts), Input{})
}

// tmuxCarrier analyses the tmux commands that carry other commands:
// bind-key KEY COMMAND, set-hook HOOK COMMAND, confirm-before COMMAND,
// and if-shell SHELL-COMMAND COMMAND [COMMAND], whose condition is shell
// code. Commands given as one string are split as tmux splits them. It
// reports false for any other command.
func (w *walker) tmuxCarrier(c call, cmd []Word, depth int) bool {
	var rest []Word
	switch cmd[0].Value {
	case "bind-key", "bind":
		_, _, at := scan(cmd, spec{short: "NT"})
		if at+1 >= len(cmd) {
			return true
		}
		rest = cmd[at+1:]
	case "set-hook":
		_, _, at := scan(cmd, spec{short: "t"})
		if at+1 >= len(cmd) {
			return true
		}
		rest = cmd[at+1:]
	case "confirm-before", "confirm":
		_, _, at := scan(cmd, spec{short: "pct"})
		rest = cmd[at:]
	case "if-shell", "if":
		opts, _, at := scan(cmd, spec{short: "t"})
		if at >= len(cmd) {
			return true
		}
		format := false
		for _, o := range opts {
			format = format || o.name == "-F"
		}
		if !format {
			w.codeWord(c, cmd[at], "tmux if-shell", Input{})
		}
		for _, sub := range cmd[at+1:] {
			w.tmuxString(c, sub, depth)
		}
		return true
	default:
		return false
	}
	if len(rest) == 1 {
		w.tmuxString(c, rest[0], depth)
	} else {
		w.tmuxCommandAt(c, rest, depth+1)
	}
	return true
}

// tmuxString analyses tmux commands given as one string ('run-shell "x"
// ; display y').
func (w *walker) tmuxString(c call, s Word, depth int) {
	if s.Dynamic {
		w.codeWord(c, s, "tmux", Input{})
		return
	}
	words := screenWords(strings.ReplaceAll(s.Value, ";", " ; "))
	for _, sub := range splitTmux(words) {
		w.tmuxCommandAt(c, sub, depth+1)
	}
}

// tmuxTarget returns the session or pane a tmux command names, as " -t
// NAME", or "".
func tmuxTarget(opts []opt) string {
	out := ""
	for _, o := range opts {
		if (o.name == "-t" || o.name == "-s") && o.value != "" {
			out += " " + o.name + " " + o.value
		}
	}
	return out
}

// tmuxTyped returns the text a tmux command types: send-keys, or the
// data of set-buffer, which paste-buffer types.
func tmuxTyped(cmd []Word) (Word, string, bool) {
	switch cmd[0].Value {
	case "send-keys", "send":
		opts, _, _ := scan(cmd, spec{short: "cNt"})
		return tmuxSendKeys(cmd[1:]), tmuxTarget(opts), true
	case "set-buffer", "setb":
		opts, _, at := scan(cmd, spec{short: "bnt"})
		if at >= len(cmd) {
			return Word{}, "", false
		}
		return screenStuff(joinWords(cmd[at:])), tmuxTarget(opts), true
	}
	return Word{}, "", false
}

// byobuScreen reports that byobu's arguments are screen's (-X, -dmS)
// rather than tmux's commands.
func byobuScreen(args []Word) bool {
	for _, a := range args[1:] {
		v := a.Value
		if !strings.HasPrefix(v, "-") {
			return false
		}
		if v == "-X" || strings.ContainsAny(strings.TrimPrefix(v, "-"), "dmSrRx") && v != "-f" {
			return true
		}
	}
	return false
}

// screenCall is screen's command line read as screen reads it: options
// in clusters (-dmS NAME), the session named by -S, -r, -R, -d or -x,
// and either a command sent with -X or a program to run.
type screenCall struct {
	session string
	command bool   // -X: rest is a screen command
	list    bool   // -ls, -list, -wipe: nothing runs
	rest    []Word // the screen command, or the program and its arguments
}

// readScreen reads screen's arguments after the program name.
func readScreen(args []Word) screenCall {
	var s screenCall
	started := false
	for len(args) > 0 {
		a := args[0].Value
		if !strings.HasPrefix(a, "-") || len(a) < 2 || args[0].Dynamic {
			break
		}
		args = args[1:]
		switch a {
		case "--":
			s.rest = args
			return s
		case "-ls", "-list", "-wipe", "-v", "-version", "--version", "-help", "--help":
			s.list = true
			return s
		case "-Logfile", "-logfile":
			if len(args) > 0 {
				args = args[1:]
			}
			continue
		case "-fn", "-fa", "-ln":
			continue
		}
	cluster:
		for j := 1; j < len(a); j++ {
			switch a[j] {
			case 'c', 'e', 'h', 'p', 's', 'S', 't', 'T':
				v := a[j+1:]
				if v == "" && len(args) > 0 {
					v, args = args[0].Value, args[1:]
				}
				if a[j] == 'S' {
					s.session = v
				}
				break cluster
			case 'X':
				s.command = true
			case 'm':
				started = true
			case 'r', 'R', 'x', 'd', 'D':
				// An optional session name follows, unless a program is
				// to be started (-d -m).
				if j == len(a)-1 && !started && len(args) > 0 && !strings.HasPrefix(args[0].Value, "-") && !hasMFlag(args) {
					if s.session == "" {
						s.session = args[0].Value
					}
					args = args[1:]
				}
			}
		}
	}
	s.rest = args
	return s
}

// hasMFlag reports whether screen's remaining options start a program
// (-m), so that the word after -d is the program, not a session.
func hasMFlag(args []Word) bool {
	for _, a := range args {
		if strings.HasPrefix(a.Value, "-") && strings.Contains(a.Value, "m") && !strings.HasPrefix(a.Value, "--") {
			return true
		}
	}
	return false
}

// screenVia names the screen session a command reaches, for the nesting
// path: "screen -S prod".
func screenVia(s screenCall) string {
	if s.session != "" {
		return "screen -S " + s.session
	}
	return "screen"
}

// screenCommands runs what screen starts, or the screen command that -X
// sends to a session: stuff types text, exec and screen start programs,
// eval runs screen commands of its own.
func (w *walker) screenCommands(c call) {
	s := readScreen(c.args[1:])
	if s.list || len(s.rest) == 0 {
		return
	}
	if !s.command {
		w.inner(c, s.rest, screenVia(s))
		return
	}
	w.screenCommand(c, s, s.rest, 0)
}

// screenCommand analyses one command sent to a screen session.
func (w *walker) screenCommand(c call, s screenCall, cmd []Word, depth int) {
	if len(cmd) == 0 || depth > 3 {
		return
	}
	switch cmd[0].Value {
	case "at":
		// at WINDOW CMD: the command sent to another window.
		if len(cmd) > 2 {
			w.screenCommand(c, s, cmd[2:], depth+1)
		}
	case "stuff":
		w.typed(c, screenStuff(joinWords(cmd[1:])), screenVia(s)+" stuff")
	case "exec":
		rest := cmd[1:]
		if len(rest) > 0 && strings.Trim(rest[0].Value, ".!:|") == "" {
			// The file-descriptor pattern (exec .!. cmd).
			rest = rest[1:]
		}
		if len(rest) > 0 {
			w.inner(c, rest, screenVia(s)+" exec")
		}
	case "screen":
		_, _, at := scan(cmd, spec{short: "thTL"})
		if at < len(cmd) {
			w.inner(c, cmd[at:], screenVia(s)+" screen")
		}
	case "eval":
		for _, line := range cmd[1:] {
			if line.Dynamic {
				w.codeWord(c, line, screenVia(s)+" eval", Input{})
				continue
			}
			w.screenCommand(c, s, screenWords(line.Value), depth+1)
		}
	}
}

// screenWords splits a screen command line into words, with screen's
// quotes.
func screenWords(line string) []Word {
	var out []Word
	var b strings.Builder
	quote := byte(0)
	in := false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(ch)
		case ch == '"' || ch == '\'':
			quote, in = ch, true
		case ch == ' ' || ch == '\t':
			if in {
				out = append(out, Word{Value: b.String()})
				b.Reset()
				in = false
			}
		default:
			b.WriteByte(ch)
			in = true
		}
	}
	if in {
		out = append(out, Word{Value: b.String()})
	}
	return out
}

// zellijGlobal are zellij's options before its subcommand that take a
// value.
var zellijGlobal = []string{"--session", "--layout", "--config", "--config-dir", "--data-dir", "--max-panes", "--new-session-with-layout"}

// zellijPane are the options of zellij run and action new-pane that take
// a value.
var zellijPane = []string{"--cwd", "--direction", "--name", "--height", "--width", "--pinned", "--plugin", "--configuration"}

// zellij runs the command of zellij run and action new-pane, and judges
// the text that action write-chars and write type.
func (w *walker) zellij(c call) {
	opts, _, at := scan(c.args, spec{short: "slcn", long: zellijGlobal})
	session := ""
	for _, o := range opts {
		if o.name == "-s" || o.name == "--session" {
			session = " -s " + o.value
		}
	}
	rest := c.args[at:]
	if len(rest) == 0 {
		return
	}
	sub := rest[0].Value
	if sub == "action" || sub == "ac" {
		if len(rest) < 2 {
			return
		}
		if text, _, ok := typedText("zellij", c.args, c.stdin); ok {
			w.typed(c, text, "zellij action "+rest[1].Value+session)
			return
		}
		if rest[1].Value != "new-pane" {
			return
		}
		sub, rest = "action new-pane", rest[1:]
	} else if sub != "run" && sub != "r" {
		return
	}
	paneOpts, _, cmd := scan(rest, spec{short: "dnxyp", long: zellijPane})
	w.startDir(&c, paneOpts, "--cwd")
	if cmd < len(rest) {
		w.inner(c, rest[cmd:], "zellij "+sub+session)
	}
}

// detached runs the program that dtach or abduco starts in a session
// (-n, -c, -A, -N SESSION CMD...), and judges the text that -p pushes
// into one from stdin.
func (w *walker) detached(c call, name string) {
	args := c.args[1:]
	session, start, push := "", false, false
	for len(args) > 0 && strings.HasPrefix(args[0].Value, "-") && len(args[0].Value) > 1 {
		a := args[0].Value
		args = args[1:]
		for j := 1; j < len(a); j++ {
			switch a[j] {
			case 'n', 'c', 'A', 'N', 'a':
				start = start || a[j] != 'a'
				if len(args) > 0 {
					session, args = args[0].Value, args[1:]
				}
			case 'p':
				push = true
				if name == "dtach" && len(args) > 0 {
					session, args = args[0].Value, args[1:]
				}
			case 'e', 'r':
				// dtach -e CHAR, -r METHOD; abduco -e KEY (its -r is
				// read-only).
				if j == len(a)-1 && len(args) > 0 && (a[j] == 'e' || name == "dtach") {
					args = args[1:]
				}
			}
		}
	}
	via := name + " " + session
	if push {
		w.record(c)
		w.stdinCode(c, via)
		return
	}
	w.record(c)
	if start && len(args) > 0 {
		w.inner(c, args, via)
	}
}

// TypedText returns the text that an invocation types into another
// terminal (tmux send-keys, screen -X stuff, zellij action write-chars,
// kitty @ send-text, wezterm cli send-text, text pushed by dtach -p), with
// the session or pane it reaches as " -t NAME", and whether it types any.
func TypedText(inv *Invocation) (Word, string, bool) {
	return typedText(inv.Name, inv.Args, inv.Stdin)
}

func typedText(name string, args []Word, stdin Input) (Word, string, bool) {
	switch name {
	case "tmux", "byobu", "byobu-tmux":
		_, _, at := scan(args, spec{short: "cfLST"})
		var text Word
		target, typed := "", false
		for _, cmd := range splitTmux(args[at:]) {
			if len(cmd) == 0 {
				continue
			}
			if t, tg, ok := tmuxTyped(cmd); ok {
				text.Value += t.Value + "\n"
				text.Dynamic = text.Dynamic || t.Dynamic
				target, typed = target+tg, true
			}
		}
		if typed || name == "tmux" || name == "byobu-tmux" {
			return text, target, typed
		}
		fallthrough
	case "screen", "byobu-screen":
		s := readScreen(args[1:])
		if s.command && len(s.rest) > 0 && s.rest[0].Value == "stuff" {
			return screenStuff(joinWords(s.rest[1:])), strings.TrimPrefix(screenVia(s), "screen"), true
		}
	case "zellij":
		_, _, at := scan(args, spec{short: "slcn", long: zellijGlobal})
		rest := args[at:]
		if len(rest) < 3 || rest[0].Value != "action" && rest[0].Value != "ac" {
			return Word{}, "", false
		}
		switch rest[1].Value {
		case "write-chars":
			return joinWords(rest[2:]), "", true
		case "write":
			return bytesText(rest[2:]), "", true
		}
	case "kitty", "kitten":
		for i, a := range args {
			if a.Value == "send-text" {
				_, _, at := scan(args[i:], spec{short: "mt", long: []string{"--match", "--match-tab", "--from-file", "--bracketed-paste", "--to", "--password", "--password-file", "--password-env"}})
				if at >= len(args[i:]) {
					return stdinText(stdin), "", true
				}
				return screenStuff(joinWords(args[i+at:])), "", true
			}
		}
	case "wezterm":
		for i, a := range args {
			if a.Value == "send-text" {
				_, _, at := scan(args[i:], spec{long: []string{"--pane-id"}})
				if at >= len(args[i:]) {
					return stdinText(stdin), "", true
				}
				return joinWords(args[i+at:]), "", true
			}
		}
	case "dtach", "abduco":
		for _, a := range args[1:] {
			if strings.HasPrefix(a.Value, "-") && strings.Contains(a.Value, "p") && !strings.HasPrefix(a.Value, "--") {
				return stdinText(stdin), "", true
			}
		}
	}
	return Word{}, "", false
}

// stdinText is what a program types from its stdin: known text, or a
// dynamic word when guard cannot see it.
func stdinText(in Input) Word {
	switch in.Kind {
	case Known:
		return Word{Value: in.Text}
	case Unknown:
		return Word{Value: "the " + in.From, Dynamic: true}
	}
	return Word{}
}

// bytesText decodes zellij action write's decimal bytes (13 is Enter).
func bytesText(words []Word) Word {
	var b strings.Builder
	for _, w := range words {
		n, err := strconv.Atoi(w.Value)
		if err != nil || n < 0 || n > 255 || w.Dynamic {
			return Word{Value: joinWords(words).Value, Dynamic: true}
		}
		if n == 13 {
			n = '\n'
		}
		b.WriteByte(byte(n))
	}
	return Word{Value: b.String()}
}
