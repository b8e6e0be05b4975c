package parse

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

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
					sub[k] = Word{Value: strings.ReplaceAll(a.Value, replace, line), Dynamic: a.Dynamic, Glob: a.Glob, Hidden: a.Hidden}
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
	if !known {
		c.more = true
		w.invoke(c)
		return
	}
	if delim == `\n` {
		delim = "\n"
	}
	var items []string
	if delim != "" {
		items = strings.Split(strings.TrimSuffix(input, delim), delim)
	} else {
		items = xargsItems(input)
	}
	for _, f := range items {
		c.args = append(c.args, Word{Value: f})
	}
	w.invoke(c)
	if delim == "" && len(items) > 1 && shellDashC(inner) {
		// echo 'rm -rf /' | xargs sh -c: xargs splits the line, so the
		// shell runs only its first word, but the line is what was
		// meant to run, and what runs once the quoting is fixed.
		c.args = inner
		for line := range strings.Lines(input) {
			if line = strings.TrimSpace(line); line != "" {
				w.codeWord(c, Word{Value: line}, "xargs line", Input{})
			}
		}
	}
}

// xargsItems splits xargs's input as it does without -0 or -d: at blanks
// and newlines, with single and double quotes and backslashes keeping
// blanks in an item.
func xargsItems(input string) []string { return splitWords(input, false) }

// splitWords splits s at blanks and newlines. Single and double quotes
// group and are removed; a backslash outside quotes keeps the next byte,
// and inside double quotes too when escapeInDouble is set (a shell's
// rule; xargs keeps a backslash in quotes as it is).
func splitWords(s string, escapeInDouble bool) []string {
	var out []string
	var b strings.Builder
	started := false
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote == '"' && escapeInDouble && ch == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case quote != 0:
			b.WriteByte(ch)
		case ch == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
			started = true
		case ch == '\'' || ch == '"':
			quote = ch
			started = true
		case ch == ' ' || ch == '\t' || ch == '\n':
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

// shellDashC reports whether words run a shell whose -c code is the next
// word appended to them: sh -c, bash -ec.
func shellDashC(words []Word) bool {
	if len(words) < 2 {
		return false
	}
	switch programName(words[0].Value) {
	case "bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "yash":
	default:
		return false
	}
	last := words[len(words)-1].Value
	return len(last) > 1 && last[0] == '-' && last[1] != '-' && strings.HasSuffix(last, "c")
}

// parallelValueOpts are GNU parallel's long options that take a value.
const parallelValueOpts = "--jobs --sshlogin --slf --sshloginfile --arg-file --delimiter --colsep --joblog --results --res " +
	"--tmpdir --workdir --wd --eof --max-args --max-lines --timeout --delay --memfree --load " +
	"--retries --tagstring --header --halt --basefile --bf --return --transferfile --tf --env --block " +
	"--blocksize --termseq --sqlmaster --sqlworker --shebang-wrap --max-procs --replace " +
	"--extensionreplace --basenamereplace --dirnamereplace --basenameextensionreplace --seqreplace " +
	"--slotreplace --ssh --limit --nice --cat --fifo --tee"

// parallelShortValues are its short options that take a value, attached
// (-j4) or as the next word.
const parallelShortValues = "jSadICEnNLPs"

// parallelReplace are the replacement strings parallel fills in itself.
var parallelReplace = []string{"{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}", "{1}", "{2}", "{3}"}

// parallel handles GNU parallel. It joins its command words with spaces and
// runs the result with a shell, each time with an input item in place of
// {} (or appended); with -q it quotes each word first. With no command,
// each item is itself a command. The items come after :::, from files
// after :::: or -a, or from stdin.
func (w *walker) parallel(c call) {
	args := c.args
	quote, pipe := false, false
	replace := ""
	var hosts []string
	var argFiles []Word
	i := 1
scanning:
	for ; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "--dry-run" || a == "--dryrun":
			w.record(c)
			return
		case a == "--":
			i++
			break scanning
		case !strings.HasPrefix(a, "-") || a == "-" || strings.HasPrefix(a, ":::"):
			break scanning
		case strings.HasPrefix(a, "--"):
			name, v, eq := strings.Cut(a, "=")
			switch name {
			case "--quote":
				quote = true
			case "--pipe", "--pipepart", "--spreadstdin", "--nonall":
				// Blocks of input on stdin, or no input at all: the
				// command runs as written.
				pipe = true
			}
			if !wordlist.Has(parallelValueOpts, name) {
				continue
			}
			if !eq && i+1 < len(args) {
				i++
				v = args[i].Value
			}
			switch name {
			case "--sshlogin":
				hosts = append(hosts, v)
			case "--replace":
				replace = v
			case "--arg-file":
				argFiles = append(argFiles, Word{Value: v, Dynamic: args[i].Dynamic})
			}
		default:
			for j := 1; j < len(a); j++ {
				ch := a[j]
				if strings.IndexByte(parallelShortValues, ch) < 0 {
					if ch == 'q' {
						quote = true
					}
					continue
				}
				v := a[j+1:]
				if v == "" && i+1 < len(args) {
					i++
					v = args[i].Value
				}
				switch ch {
				case 'S':
					hosts = append(hosts, v)
				case 'I':
					replace = v
				case 'a':
					argFiles = append(argFiles, Word{Value: v, Dynamic: args[i].Dynamic})
				}
				break
			}
		}
	}
	i = min(i, len(args))
	end := i
	for end < len(args) && !strings.HasPrefix(args[end].Value, ":::") {
		end++
	}
	cmdWords := args[i:end]
	var items []Word
	itemsKnown := len(argFiles) == 0
	for k := end; k < len(args); k++ {
		switch {
		case args[k].Value == "::::" || args[k].Value == "::::+":
			itemsKnown = false
			if k+1 < len(args) {
				argFiles = append(argFiles, args[k+1])
			}
			k++
		case strings.HasPrefix(args[k].Value, ":::"):
		default:
			items = append(items, args[k])
		}
	}
	fromStdin := end >= len(args) && len(argFiles) == 0
	if fromStdin {
		items, itemsKnown = nil, false
		if c.stdin.Kind == Known {
			for line := range strings.Lines(c.stdin.Text) {
				if l := strings.TrimSpace(line); l != "" {
					items = append(items, Word{Value: l})
				}
			}
			itemsKnown = true
		}
	}
	via := wrapperVia(args[:i])
	n := w
	if len(hosts) > 0 && !(len(hosts) == 1 && hosts[0] == ":") {
		// -S host: the jobs run there, through ssh.
		w.record(c)
		n = w.nested(via, c.pos)
		n.onHost("parallel -S "+strings.Join(hosts, ","), w.opts.Home)
		via = ""
	}
	if len(cmdWords) == 0 {
		n.parallelCommands(c, items, fromStdin, argFiles, via)
		return
	}
	stdin := c.stdin
	c.stdin = Input{}
	if pipe {
		// --pipe: the input is split into blocks on the jobs' stdin; the
		// command runs as written.
		items, itemsKnown = []Word{{Value: ""}}, true
		c.stdin = Input{Kind: Unknown, From: "parallel --pipe"}
		if stdin.Kind == Inherited {
			c.stdin = Input{}
		}
	}
	// The command as parallel runs it: its words joined, through a shell;
	// with -q, each word quoted. Without -q, a command written as if
	// quoted (parallel bash -c 'rm -rf {}') is also read quoted, which is
	// what was meant and what runs once -q is added.
	reps := parallelReplace
	if replace != "" {
		reps = append([]string{replace}, reps...)
	}
	readings := []bool{quote}
	if !quote && len(cmdWords) > 1 && needsQuoting(cmdWords, reps) {
		readings = append(readings, true)
	}
	if !itemsKnown || anyDynamic(items) || len(items) > maxLoopItems {
		items, itemsKnown = nil, false
	}
	for _, quoted := range readings {
		v := via
		if quoted && !quote && v != "" {
			v += " (as if -q)"
		}
		if !itemsKnown {
			n.parallelJob(c, cmdWords, reps, Word{Value: "$PARALLEL_ITEM", Dynamic: true}, quoted, pipe, v)
			continue
		}
		for _, it := range items {
			n.parallelJob(c, cmdWords, reps, it, quoted, pipe, v)
		}
	}
}

// needsQuoting reports whether any word, its replacement strings aside,
// changes when quoted for a shell.
func needsQuoting(words []Word, reps []string) bool {
	for _, w := range words {
		v := w.Value
		for _, r := range reps {
			v = strings.ReplaceAll(v, r, "x")
		}
		if !w.Dynamic && Quote(v) != v {
			return true
		}
	}
	return false
}

// parallelJob analyses one job: the command words with the item in place
// of the replacement strings, or appended when there are none; joined as
// shell code, or quoted word by word (-q).
func (w *walker) parallelJob(c call, words []Word, reps []string, item Word, quoted, pipe bool, via string) {
	text := item.Value
	switch {
	case item.Dynamic && !quoted:
		text = `"` + item.Value + `"`
	case !quoted:
		text = Quote(item.Value)
	}
	replaced := pipe
	sub := make([]Word, len(words))
	for k, a := range words {
		sub[k] = a
		for _, r := range reps {
			if strings.Contains(sub[k].Value, r) {
				sub[k].Value = strings.ReplaceAll(sub[k].Value, r, text)
				sub[k].Dynamic = sub[k].Dynamic || item.Dynamic && quoted
				replaced = true
			}
		}
	}
	if !replaced {
		if quoted {
			sub = append(sub, Word{Value: text, Dynamic: item.Dynamic})
		} else {
			sub = append(sub, Word{Value: text})
		}
	}
	if quoted {
		if via == "" {
			c.args = sub
			w.invoke(c)
			return
		}
		w.inner(c, sub, via)
		return
	}
	w.codeWord(c, joinWords(sub), via, c.stdin)
}

// parallelCommands analyses parallel with no command: each item is a
// command, run by a shell.
func (w *walker) parallelCommands(c call, items []Word, fromStdin bool, files []Word, via string) {
	cc := c
	cc.stdin = Input{}
	if fromStdin {
		// cat cmds.txt | parallel, parallel < cmds.txt: the lines are
		// commands.
		w.stdinCode(c, "parallel")
		return
	}
	w.record(c)
	for _, it := range items {
		w.codeWord(cc, it, via, Input{})
	}
	for _, f := range files {
		// parallel :::: cmds.txt, parallel -a cmds.txt.
		if text, ok := w.script(f, w.callDir(c)); ok {
			n := w.nested(via+" :::: "+f.Value, c.pos)
			n.code(text, &Input{})
			continue
		}
		d := cc
		d.problem = DynamicCode
		d.detail = "parallel runs the commands in " + Quote(f.Value) + ", which guard cannot read"
		w.record(d)
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
					sub[k].Glob, sub[k].Hidden = true, true
				}
			}
			cc := c
			cc.stdin = Input{}
			cc.redirs = nil
			w.inner(cc, sub, "find "+a)
		}
	}
}
