package parse

import (
	"path"
	"strings"
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
