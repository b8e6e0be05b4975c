package parse

import "strings"

// cmd.exe /c runs a command line of Windows' shell, as agents do under
// WSL (cmd.exe /c rd /s /q C:\build). guard reads it as commands with
// arguments, like PowerShell's: rd and rmdir with /s are rm -r, del and
// erase are rm, format wipes a disk, shutdown stops the machine, and other
// programs run as they are. %USERPROFILE% is the home directory; other
// variables are only known at run time.

// cmdInterp marks cmd.exe among the interpreters.
var cmdInterp = &interpreter{lang: "cmd"}

// isCmdExe reports whether a call runs cmd.exe with a command: cmd.exe
// /c, or cmd /c.
func isCmdExe(name string, args []Word) bool {
	switch strings.ToLower(name) {
	case "cmd.exe":
		return true
	case "cmd":
		return len(args) > 0 && (strings.EqualFold(args[0].Value, "/c") || strings.EqualFold(args[0].Value, "/k"))
	}
	return false
}

// cmdExe records a cmd.exe invocation and analyses its command line.
func (w *walker) cmdExe(c call) {
	args := c.args[1:]
	for i, a := range args {
		v := strings.ToLower(a.Value)
		if v != "/c" && v != "/k" && v != "/r" {
			continue
		}
		text := joinWords(args[i+1:])
		if text.Dynamic {
			c.problem = DynamicCode
			c.detail = "cmd.exe runs a command that is only known at run time: " + Quote(text.Value)
			w.record(c)
			return
		}
		w.record(c)
		if sh := cmdShell(text.Value); sh != "" {
			w.codeWord(c, Word{Value: sh}, "cmd.exe code", Input{})
		}
		return
	}
	w.record(c)
}

// cmdShell returns shell code for a cmd.exe command line.
func cmdShell(line string) string {
	var out []string
	for _, stmt := range cmdStatements(line) {
		words := cmdWords(stmt)
		if len(words) == 0 {
			continue
		}
		head := strings.ToLower(strings.TrimPrefix(words[0].text(), "@"))
		var argv []string
		var flags string
		for _, w := range words[1:] {
			if t := w.text(); strings.HasPrefix(t, "/") && len(t) <= 3 {
				flags += strings.ToLower(t[1:])
				continue
			}
			argv = append(argv, w.shell(true))
		}
		switch head {
		case "rd", "rmdir", "del", "erase":
			opts := ""
			if strings.Contains(flags, "s") {
				opts += " -r"
			}
			if strings.Contains(flags, "q") || strings.Contains(flags, "f") {
				opts += " -f"
			}
			if len(argv) > 0 {
				out = append(out, "rm"+opts+" "+strings.Join(argv, " "))
			}
		case "format":
			drive := ""
			if len(words) > 1 {
				drive = strings.ReplaceAll(words[1].text(), "'", "")
			}
			out = append(out, "mkfs '"+driveDevice(drive)+"'")
		case "shutdown":
			if strings.Contains(flags, "a") {
				continue
			}
			out = append(out, "shutdown -h now")
		case "for":
			// for /f %x in ('wevtutil el') do wevtutil cl %x: the command
			// after do runs for each value, %x only known at run time.
			if body := cmdForBody(stmt); body != "" {
				if sh := cmdShell(body); sh != "" {
					out = append(out, sh)
				}
			}
		case "echo", "dir", "type", "cd", "set", "ver", "cls", "title", "rem", "where", "pause":
		default:
			all := []string{words[0].shell(false)}
			for _, w := range words[1:] {
				all = append(all, w.shell(true))
			}
			out = append(out, strings.Join(all, " "))
		}
	}
	return strings.Join(out, "\n")
}

// cmdStatements splits a command line at &, &&, || and |, outside quotes.
func cmdStatements(line string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == '&' || c == '|'):
			out = append(out, line[start:i])
			if i+1 < len(line) && line[i+1] == c {
				i++
			}
			start = i + 1
		}
	}
	return append(out, line[start:])
}

// cmdWords splits a cmd.exe command into words, with %VAR% read as
// variables.
func cmdWords(stmt string) []psWord {
	var out []psWord
	var word psWord
	var lit strings.Builder
	quoted := false
	flush := func() {
		if lit.Len() > 0 {
			word = append(word, psPart{text: lit.String(), glob: true})
			lit.Reset()
		}
	}
	for i := 0; i < len(stmt); i++ {
		c := stmt[i]
		switch {
		case c == '"':
			// Quotes only group: del and rd expand wildcards themselves.
			flush()
			quoted = !quoted
		case (c == ' ' || c == '\t') && !quoted:
			flush()
			if len(word) > 0 {
				out = append(out, word)
				word = nil
			}
		case c == '%':
			end := strings.IndexByte(stmt[i+1:], '%')
			if end < 0 && i+1 < len(stmt) && isWordStart(stmt[i+1]) {
				// A for loop's variable: %x.
				flush()
				word = append(word, psPart{text: stmt[i+1 : i+2], dyn: true})
				i++
				continue
			}
			if end <= 0 {
				lit.WriteByte(c)
				continue
			}
			flush()
			name := stmt[i+1 : i+1+end]
			switch strings.ToUpper(name) {
			case "USERPROFILE", "HOMEPATH", "HOME":
				word = append(word, psPart{home: true})
			default:
				word = append(word, psPart{text: name, dyn: true})
			}
			i += end + 1
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	if len(word) > 0 {
		out = append(out, word)
	}
	return out
}

// text returns a word's text, variables by their names.
func (w psWord) text() string {
	var b strings.Builder
	for _, p := range w {
		b.WriteString(p.text)
	}
	return b.String()
}

// cmdForBody returns the command a for loop runs, after its do, with a
// batch file's doubled %% of the loop variable made single; "" when it
// has none.
func cmdForBody(stmt string) string {
	l := strings.ToLower(stmt)
	depth := 0
	for i := 0; i+4 <= len(l); i++ {
		switch l[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ' ', '\t':
			if depth == 0 && strings.HasPrefix(l[i+1:], "do ") || depth == 0 && strings.HasPrefix(l[i+1:], "do\t") {
				return strings.ReplaceAll(strings.TrimSpace(stmt[i+3:]), "%%", "%")
			}
		}
	}
	return ""
}
