package parse

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"

	"github.com/guardsh/guard/internal/wordlist"
)

// PowerShell (pwsh -Command, powershell -c, -EncodedCommand, -File) is a
// shell of its own. guard reads its command lines as commands with
// arguments: each statement and pipeline stage is split into words in
// PowerShell's quoting, the cmdlets that matter are mapped to the POSIX
// commands that do the same (Remove-Item -Recurse -Force ~/x is rm -r -f
// ~/x, Clear-Content is a truncation, Format-Volume a mkfs, Stop-Computer
// a shutdown), native programs are kept as they are, and the result is
// analysed as shell code. Variables guard cannot know are words only known
// at run time; $HOME, $env:USERPROFILE and ~ are the home directory. HTTP
// cmdlets (Invoke-RestMethod) are read from the code by the HTTP rules.

// psInterp marks PowerShell among the interpreters.
var psInterp = &interpreter{lang: "powershell"}

// isPowerShell reports whether a program name is PowerShell's.
func isPowerShell(name string) bool {
	if len(name) < 4 || name[0] != 'p' && name[0] != 'P' {
		return false
	}
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(name, ".exe"), ".EXE")) {
	case "pwsh", "powershell", "pwsh-preview":
		return true
	}
	return false
}

// psValueOptions are PowerShell's own options that take a value.
const psValueOptions = "executionpolicy ep ex windowstyle w inputformat if outputformat of o workingdirectory wd " +
	"configurationname config settingsfile settings version v custompipename psconsolefile"

// powershell records a PowerShell invocation and analyses what it runs.
func (w *walker) powershell(c call, name string) {
	args := c.args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		v := strings.ToLower(a.Value)
		opt, isOpt := strings.CutPrefix(v, "-")
		if !isOpt && strings.HasPrefix(v, "/") && len(v) > 1 && !strings.ContainsAny(v[1:], "/.") {
			// Windows PowerShell's /Command; /tmp/x.ps1 is a path.
			opt, isOpt = v[1:], true
		}
		if !isOpt || a.Dynamic && !strings.HasPrefix(a.Value, "-") {
			// The first operand: a script file, or a command (Windows
			// PowerShell's default).
			if strings.HasSuffix(strings.ToLower(a.Value), ".ps1") {
				w.psFile(c, name, a)
			} else {
				w.psCode(c, name, joinWords(args[i:]), "-Command")
			}
			return
		}
		switch {
		case opt == "c" || opt == "command" || len(opt) >= 3 && strings.HasPrefix("command", opt) ||
			opt == "commandwithargs" || opt == "cwa":
			if i+1 < len(args) && args[i+1].Value == "-" {
				w.stdinInterp(c, name, "powershell", nil)
				return
			}
			w.psCode(c, name, joinWords(args[i+1:]), "-Command")
			return
		case opt == "e" || opt == "ec" || len(opt) >= 2 && strings.HasPrefix("encodedcommand", opt):
			if i+1 >= len(args) {
				break
			}
			text, ok := decodePS(args[i+1])
			if !ok {
				c.problem = DynamicCode
				c.detail = name + " runs an encoded command guard cannot decode: " + Quote(args[i+1].Value)
				w.record(c)
				return
			}
			w.psCode(c, name, Word{Value: text}, "-EncodedCommand")
			return
		case opt == "f" || opt == "file" || len(opt) >= 2 && strings.HasPrefix("file", opt):
			if i+1 < len(args) {
				w.psFile(c, name, args[i+1])
				return
			}
		case wordlist.Has(psValueOptions, opt):
			i++
		}
	}
	w.record(c)
}

// decodePS decodes -EncodedCommand's value: base64 of UTF-16LE text.
func decodePS(w Word) (string, bool) {
	if w.Dynamic {
		return "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(w.Value))
	if err != nil || len(raw)%2 != 0 {
		return "", false
	}
	units := make([]uint16, len(raw)/2)
	for i := range units {
		units[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
	}
	return string(utf16.Decode(units)), true
}

// psFile analyses a PowerShell script file, when guard knows it.
func (w *walker) psFile(c call, name string, script Word) {
	if text, ok := w.script(script, w.callDir(c)); ok {
		w.psCode(c, name, Word{Value: text}, "file "+script.Value)
		return
	}
	w.record(c)
}

// psCode records PowerShell code and analyses the commands it runs.
func (w *walker) psCode(c call, name string, text Word, from string) {
	if text.Dynamic {
		c.problem = DynamicCode
		c.detail = name + " runs code that is only known at run time: " + Quote(text.Value)
		w.record(c)
		return
	}
	code := &Code{Lang: "powershell", Text: text.Value, From: from}
	c.code = code
	w.record(c)
	c.code = nil
	w.interpreterCode(c, name, code)
}

// psPart is a piece of a PowerShell word: literal text, or a variable or
// expression only known at run time, or the home directory.
type psPart struct {
	text      string
	dyn, home bool
	// glob reports literal text outside quotes, whose wildcards match.
	glob bool
}

// psWord is a word of a PowerShell command.
type psWord []psPart

// lit returns the word's text when it is all literal.
func (w psWord) lit() (string, bool) {
	var b strings.Builder
	for _, p := range w {
		if p.dyn || p.home {
			return "", false
		}
		b.WriteString(p.text)
	}
	return b.String(), true
}

// shell renders the word as a shell word: literal text quoted, wildcards
// kept when wild, the home as "$HOME", anything else as a variable.
func (w psWord) shell(wild bool) string {
	var b strings.Builder
	for i, p := range w {
		switch {
		case p.home:
			b.WriteString(`"$HOME"`)
		case p.dyn:
			b.WriteString(`"${` + varName(p.text) + `}"`)
		default:
			t := strings.ReplaceAll(p.text, `\`, "/")
			if i == 0 && (t == "~" || strings.HasPrefix(t, "~/")) {
				b.WriteString(`"$HOME"`)
				t = t[1:]
			}
			if i == 0 && len(t) >= 2 && t[1] == ':' && isWordStart(t[0]) && (len(t) == 2 || t[2] != ':') {
				// C:\Users\me: a drive's root is the root of its paths.
				t = "/" + strings.TrimPrefix(t[2:], "/")
			}
			for t != "" {
				k := len(t)
				if wild && p.glob {
					if j := strings.IndexAny(t, "*?"); j >= 0 {
						k = j
					}
				}
				if k > 0 {
					b.WriteString("'" + strings.ReplaceAll(t[:k], "'", `'\''`) + "'")
				}
				if k < len(t) {
					b.WriteByte(t[k])
					k++
				}
				t = t[k:]
			}
		}
	}
	if b.Len() == 0 {
		return "''"
	}
	return b.String()
}
