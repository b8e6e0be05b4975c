package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// psStage is one command of a PowerShell pipeline: its words.
type psStage []psWord

// psPipelines splits PowerShell code into pipelines of commands, in
// PowerShell's quoting. Script blocks ({ ... }) are read as statements of
// their own.
func psPipelines(code string) [][]psStage {
	var (
		out   [][]psStage
		pipe  []psStage
		stage psStage
		word  psWord
		lit   strings.Builder
		glob  bool
	)
	flushLit := func() {
		if lit.Len() > 0 {
			word = append(word, psPart{text: lit.String(), glob: glob})
			lit.Reset()
		}
	}
	endWord := func() {
		flushLit()
		if len(word) > 0 {
			stage = append(stage, word)
			word = nil
		}
	}
	endStage := func() {
		endWord()
		if len(stage) > 0 {
			pipe = append(pipe, stage)
			stage = nil
		}
	}
	endPipe := func() {
		endStage()
		if len(pipe) > 0 {
			out = append(out, pipe)
			pipe = nil
		}
	}
	for i := 0; i < len(code) && len(out) < 256; i++ {
		c := code[i]
		switch {
		case c == '#' && len(word) == 0 && lit.Len() == 0:
			for i < len(code) && code[i] != '\n' {
				i++
			}
			endPipe()
		case c == '<' && strings.HasPrefix(code[i:], "<#"):
			end := strings.Index(code[i:], "#>")
			if end < 0 {
				return out
			}
			i += end + 1
		case c == ' ' || c == '\t' || c == '\r' || c == ',':
			endWord()
		case c == ';' || c == '\n' || c == '{' || c == '}':
			endPipe()
		case c == '|':
			if i+1 < len(code) && code[i+1] == '|' {
				i++
				endPipe()
			} else {
				endStage()
			}
		case c == '&' && i+1 < len(code) && code[i+1] == '&':
			i++
			endPipe()
		case c == '&' && len(word) == 0 && lit.Len() == 0:
			// The call operator: & 'C:\tools\x.exe' args.
		case c == '`' && i+1 < len(code):
			i++
			if code[i] != '\n' {
				glob = false
				lit.WriteByte(code[i])
			}
		case c == '\'':
			flushLit()
			j := i + 1
			var b strings.Builder
			for j < len(code) {
				if code[j] == '\'' {
					if j+1 < len(code) && code[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(code[j])
				j++
			}
			word = append(word, psPart{text: b.String()})
			i = j
		case c == '"':
			flushLit()
			i = psDouble(code, i, &word)
		case c == '$':
			flushLit()
			i = psVariable(code, i, &word) - 1
		case (c == '(' || c == '@' && i+1 < len(code) && (code[i+1] == '(' || code[i+1] == '{')) && lit.Len() == 0:
			// A grouped expression or an array or hash literal: its value is
			// only known at run time.
			open := i
			if c == '@' {
				open++
			}
			end := matching(code, open, code[open], closer(code[open]))
			flushLit()
			word = append(word, psPart{text: code[i : end+1], dyn: true})
			i = end
		default:
			if lit.Len() == 0 {
				glob = true
			}
			lit.WriteByte(c)
		}
	}
	endPipe()
	return out
}

// psDouble reads an expandable string whose quote is at code[i] into the
// word, and returns the index of its closing quote.
func psDouble(code string, i int, word *psWord) int {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			*word = append(*word, psPart{text: b.String()})
			b.Reset()
		}
	}
	j := i + 1
	for j < len(code) && code[j] != '"' {
		switch code[j] {
		case '`':
			if j+1 < len(code) {
				j++
				switch code[j] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				default:
					b.WriteByte(code[j])
				}
			}
			j++
		case '$':
			if j+1 < len(code) && (isWordStart(code[j+1]) || strings.IndexByte("{(_", code[j+1]) >= 0) {
				flush()
				j = psVariable(code, j, word)
				continue
			}
			b.WriteByte('$')
			j++
		default:
			b.WriteByte(code[j])
			j++
		}
	}
	flush()
	return j
}

// psVariable reads a variable or subexpression at code[i] ($HOME,
// $env:USERPROFILE, ${x}, $(...)) into the word, and returns the index
// after it.
func psVariable(code string, i int, word *psWord) int {
	j := i + 1
	name := ""
	switch {
	case j < len(code) && code[j] == '(':
		end := matching(code, j, '(', ')')
		*word = append(*word, psPart{text: code[i : end+1], dyn: true})
		return end + 1
	case j < len(code) && code[j] == '{':
		end := strings.IndexByte(code[j:], '}')
		if end < 0 {
			// Not closed: the rest is the name.
			name = code[j+1:]
			j = len(code)
			break
		}
		name = code[j+1 : j+end]
		j += end + 1
	default:
		k := j
		for k < len(code) && (isWordChar(code[k]) || code[k] == ':' && k+1 < len(code) && isWordStart(code[k+1])) {
			k++
		}
		name = code[j:k]
		j = k
	}
	if name == "" {
		*word = append(*word, psPart{text: "$"})
		return j
	}
	switch strings.ToLower(name) {
	case "home", "env:userprofile", "env:home":
		*word = append(*word, psPart{home: true})
	case "true", "false", "null":
		*word = append(*word, psPart{text: "$" + strings.ToLower(name)})
	default:
		n := name
		if _, after, ok := strings.Cut(n, ":"); ok {
			n = after
		}
		*word = append(*word, psPart{text: n, dyn: true})
	}
	return j
}

// psRemove are Remove-Item and its aliases.
const psRemove = "remove-item rm del erase ri rd rmdir"

// psSkip are cmdlets and keywords guard leaves alone: they read, print or
// are control flow, whose blocks are read as statements of their own.
const psSkip = "if elseif else foreach for while do switch try catch finally function filter param return throw " +
	"begin process end trap break continue exit ls dir gci cat gc type echo write cls clear pwd gl gi " +
	"select where sort ft fl measure % ? foreach-object where-object tee gm iwr irm curl wget sleep " +
	"kill spps cp copy cpi mv move mi ni md mkdir sc ac"

// psShell returns shell code that does what PowerShell code does, as far
// as guard's rules are concerned.
func psShell(code string, depth int) string {
	if depth > 3 {
		return `eval "${PSCODE}"`
	}
	var lines []string
	for _, pipe := range psPipelines(code) {
		for k, st := range pipe {
			var prev psStage
			if k > 0 {
				prev = pipe[k-1]
				if h, ok := st[0].lit(); ok && wordlist.Has(psRemove, strings.ToLower(h)) {
					// Get-ChildItem D:\x -Recurse | Where-Object ... |
					// Remove-Item: the filters pass on what the listing
					// names.
					prev = psSource(pipe[:k])
				}
			}
			if line := psCommand(st, prev, k > 0, depth); line != "" {
				lines = append(lines, line)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// psCommand returns the shell command for one PowerShell command; prev is
// the stage before it in a pipeline, whose output it reads when piped.
func psCommand(st, prev psStage, piped bool, depth int) string {
	if len(st) == 0 {
		return ""
	}
	head, ok := st[0].lit()
	if !ok {
		return ""
	}
	cmd := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(head, ".exe"), ".EXE"))
	if cmd == "." && len(st) > 1 {
		st = st[1:]
		head, _ = st[0].lit()
		cmd = strings.ToLower(head)
	}
	if strings.EqualFold(head, "sc.exe") {
		// The service controller, not Set-Content's alias sc.
		return psNative(st)
	}
	if (psCmdlet(cmd) || wordlist.Has(psRemove, cmd)) && psWhatIf(st[1:]) {
		// A preview: the cmdlet only says what it would do.
		return ""
	}
	switch {
	case wordlist.Has(psRemove, cmd):
		return psRemoveItem(st[1:], prev, piped)
	case cmd == "stop-service" || cmd == "spsv" || cmd == "suspend-service" || cmd == "set-service":
		return psService(cmd, st[1:], prev, piped)
	case cmd == "set-netfirewallprofile":
		return psFirewall(st[1:])
	case wordlist.Has(psSettings, cmd):
		return psSetting(cmd, st[1:])
	case cmd == "clear-content" || cmd == "clc":
		var out []string
		for _, p := range psPaths(st[1:]) {
			out = append(out, ": > "+p.shell(true))
		}
		return strings.Join(out, "\n")
	case cmd == "format-volume" || cmd == "clear-disk" || cmd == "initialize-disk" || cmd == "remove-partition" ||
		cmd == "format-disk":
		// A drive or disk is named as a device: /dev/drive-D, /dev/disk1.
		target := "/dev/disk"
		for i := 1; i < len(st); i++ {
			v, _ := st[i].lit()
			switch strings.ToLower(v) {
			case "-driveletter", "-dl":
				if i+1 < len(st) {
					d, _ := st[i+1].lit()
					target = driveDevice(d)
				}
			case "-number", "-disknumber":
				if i+1 < len(st) {
					d, _ := st[i+1].lit()
					target = "/dev/disk" + d
				}
			}
		}
		if cmd == "format-volume" || cmd == "format-disk" {
			return "mkfs '" + strings.ReplaceAll(target, "'", "") + "'"
		}
		return "wipefs -a '" + strings.ReplaceAll(target, "'", "") + "'"
	case wordlist.Has(psSQLCmdlets, cmd):
		return psSQLCmd(st[1:])
	case cmd == "stop-process" || cmd == "spps" || cmd == "kill":
		return psStopProcess(st[1:], prev, piped)
	case cmd == "remove-itemproperty" || cmd == "rp" || cmd == "clear-itemproperty" || cmd == "clp":
		return psRemoveProperty(st[1:])
	case cmd == "set-content" || cmd == "add-content" || cmd == "out-file":
		return psWriteFile(cmd, st[1:])
	case cmd == "clear-recyclebin":
		return psClearRecycleBin(st[1:])
	case cmd == "stop-computer":
		return "shutdown -h now"
	case cmd == "restart-computer":
		return "shutdown -r now"
	case cmd == "invoke-expression" || cmd == "iex":
		if len(st) > 1 {
			if t, ok := st[len(st)-1].lit(); ok {
				return psShell(t, depth+1)
			}
		}
		return `eval "${PSCODE}"`
	case cmd == "set-location" || cmd == "cd" || cmd == "sl" || cmd == "chdir" || cmd == "push-location" || cmd == "pushd":
		if p := psPaths(st[1:]); len(p) > 0 {
			return "cd " + p[0].shell(false)
		}
		return ""
	case psDestroys(cmd) || wordlist.Has(psMachineCmdlets, cmd) || psCmdlet(cmd) && psDestroyParam(st[1:]):
		return psVerbCmdlet(cmd, st[1:], prev, piped)
	case wordlist.Has(psSkip, cmd) || psCmdlet(cmd):
		return ""
	}
	return psNative(st)
}

// psNative returns a native program's command as shell words.
func psNative(st psStage) string {
	words := make([]string, len(st))
	for i, w := range st {
		words[i] = w.shell(true)
	}
	return strings.Join(words, " ")
}

// driveDevice names a Windows drive (D, D:) as a device for the disk
// rules: /dev/drive-D.
func driveDevice(d string) string {
	d = strings.TrimSuffix(strings.TrimSpace(d), ":")
	if d == "" {
		return "/dev/disk"
	}
	return "/dev/drive-" + d
}

// psCmdlet reports whether a name is a cmdlet's, Verb-Noun.
func psCmdlet(name string) bool {
	verb, noun, ok := strings.Cut(name, "-")
	if !ok || verb == "" || noun == "" {
		return false
	}
	for i := 0; i < len(verb); i++ {
		if verb[i] < 'a' || verb[i] > 'z' {
			return false
		}
	}
	return isWordStart(noun[0])
}

// psRemoveItem returns rm for Remove-Item's arguments.
func psRemoveItem(args []psWord, prev psStage, piped bool) string {
	recurse, force := false, false
	var paths []string
	for i := 0; i < len(args); i++ {
		v, lit := args[i].lit()
		l := strings.ToLower(v)
		if lit && strings.HasPrefix(l, "-") && len(l) > 1 {
			opt := strings.TrimSuffix(l[1:], ":")
			switch {
			case strings.HasPrefix("recurse", opt):
				recurse = true
			case opt == "f" || len(opt) >= 2 && strings.HasPrefix("force", opt):
				force = true
			case strings.Trim(opt, "rf") == "":
				recurse = recurse || strings.Contains(opt, "r")
				force = force || strings.Contains(opt, "f")
			case len(opt) >= 2 && (strings.HasPrefix("path", opt) || strings.HasPrefix("literalpath", opt)) || opt == "lp" || opt == "pspath":
				if i+1 < len(args) {
					i++
					paths = append(paths, args[i].shell(opt[0] == 'p' && opt != "pspath"))
				}
			case len(opt) >= 2 && strings.HasPrefix("whatif", opt) || opt == "wi":
				// A preview: nothing is deleted.
				return ""
			case contains([]string{"include", "exclude", "filter", "credential", "stream", "erroraction", "ea",
				"warningaction", "wa", "informationaction", "ia", "errorvariable", "ev", "outvariable", "ov",
				"pipelinevariable", "pv"}, opt):
				i++
			}
			continue
		}
		paths = append(paths, args[i].shell(true))
	}
	if len(paths) == 0 && piped {
		paths = append(paths, psPipedPath(prev))
	}
	if len(paths) == 0 {
		return ""
	}
	argv := "rm"
	if recurse {
		argv += " -r"
	}
	if force {
		argv += " -f"
	}
	return argv + " " + strings.Join(paths, " ")
}

// psPipedPath returns the paths a stage's output names, for Remove-Item
// reading them from the pipeline: the children of Get-ChildItem's
// directory, Get-Item's item, or a path only known at run time.
func psPipedPath(prev psStage) string {
	if len(prev) > 0 {
		head, _ := prev[0].lit()
		switch strings.ToLower(head) {
		case "get-childitem", "gci", "ls", "dir":
			if p := psPaths(prev[1:]); len(p) > 0 {
				return p[0].shell(true) + "/*"
			}
			return "./*"
		case "get-item", "gi":
			if p := psPaths(prev[1:]); len(p) > 0 {
				return p[0].shell(true)
			}
		}
	}
	return `"${PSINPUT}"`
}

// psPaths returns a cmdlet's path operands: those after -Path or
// -LiteralPath, and the words that are not parameters.
func psPaths(args []psWord) []psWord {
	var out []psWord
	for i := 0; i < len(args); i++ {
		v, lit := args[i].lit()
		if lit && strings.HasPrefix(v, "-") && len(v) > 1 {
			opt := strings.ToLower(v[1:])
			if opt == "path" || opt == "literalpath" || opt == "lp" || opt == "filter" || opt == "include" ||
				opt == "exclude" || opt == "value" || opt == "encoding" || opt == "depth" {
				if i+1 < len(args) && (opt == "path" || opt == "literalpath" || opt == "lp") {
					out = append(out, args[i+1])
				}
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// psFilters are the cmdlets that pass on some of what they read, as it
// is: a deletion piped from them deletes what the stage before names.
const psFilters = "where-object where ? sort-object sort select-object select"

// psSource returns the last stage of a pipeline that is not a filter.
func psSource(pipe []psStage) psStage {
	for k := len(pipe) - 1; k >= 0; k-- {
		h, ok := pipe[k][0].lit()
		if !ok || !wordlist.Has(psFilters, strings.ToLower(h)) {
			return pipe[k]
		}
	}
	return pipe[len(pipe)-1]
}
