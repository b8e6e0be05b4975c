package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// An agent on Windows often runs PowerShell directly: its shell tool is
// PowerShell, and the command it sends is PowerShell code, not a POSIX
// shell's (Remove-Item -Recurse -Force C:\Users\me\Documents, where bash
// would take the backslashes as escapes and the cmdlet as an unknown
// program). A command that starts with a cmdlet, or with an assignment to
// $env:, is read as PowerShell code, as pwsh -Command would run it. cmd.exe's
// own deletions (rd /s /q C:\build, del /f /q *.obj) are read as cmd.exe
// reads them, wherever they appear.

// psVerbs are PowerShell's approved verbs that start a top-level command:
// a command line that starts with Verb-Noun, both capitalised, is
// PowerShell's.
const psVerbs = "Add Approve Backup Block Checkpoint Clear Close Compare Compress Connect Convert ConvertFrom ConvertTo " +
	"Copy Deny Disable Disconnect Dismount Enable Enter Exit Expand Export Find ForEach Format Get Grant Group Hide " +
	"Import Initialize Install Invoke Join Lock Measure Merge Mount Move New Optimize Out Protect Publish Read " +
	"Receive Register Remove Rename Repair Request Reset Resize Resolve Restart Restore Resume Revoke Save Search " +
	"Select Send Set Show Sort Split Start Stop Submit Suspend Sync Test Unblock Uninstall Unlock Unprotect " +
	"Unpublish Unregister Update Wait Where Write"

// psTopLevel reports whether a whole command line is PowerShell code: its
// first word is a capitalised cmdlet (Get-ChildItem, Remove-Item) or an
// assignment to an environment variable ($env:NAME = ...).
func psTopLevel(text string) bool {
	t := strings.TrimLeft(text, " \t")
	if strings.HasPrefix(t, "$env:") {
		return true
	}
	end := strings.IndexAny(t, " \t\r\n;|")
	if end < 0 {
		end = len(t)
	}
	verb, noun, ok := strings.Cut(t[:end], "-")
	if !ok || noun == "" || noun[0] < 'A' || noun[0] > 'Z' || !wordlist.Has(psVerbs, verb) {
		return false
	}
	for i := 1; i < len(noun); i++ {
		if c := noun[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// psTop analyses a command line that is PowerShell code.
func (w *walker) psTop(text string) {
	// The cmdlet and its words, as rules that name a cmdlet read them; the
	// code is analysed as pwsh -Command's.
	// Only the first command's: what follows a pipe or a semicolon is a
	// command of its own.
	saved := w.src
	fields := strings.Fields(text)
	args := make([]Word, 0, len(fields))
	for _, f := range fields {
		if f == "|" || f == ";" || f == "&&" || f == "||" {
			break
		}
		end := strings.IndexAny(f, "|;")
		if end == 0 {
			break
		}
		if end > 0 {
			args = append(args, Word{Value: f[:end]})
			break
		}
		args = append(args, Word{Value: f})
	}
	c := call{args: args, text: text, pos: Pos{Offset: 0, Line: 1, Col: 1}}
	w.psCode(c, fields[0], Word{Value: text}, "PowerShell")
	w.src = saved
}

// cmdDeletion reports whether a call is cmd.exe's rd, rmdir, del or erase
// written with cmd.exe's options (/s, /q, /f), as agents write them for
// Windows; c.text then holds the line as written, backslashes and all.
func cmdDeletion(name string, c call) bool {
	switch strings.ToLower(name) {
	case "rd", "rmdir", "del", "erase":
	default:
		return false
	}
	if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(c.text)), strings.ToLower(name)+" ") {
		return false
	}
	for _, a := range c.args[1:] {
		switch strings.ToLower(a.Value) {
		case "/s", "/q", "/f", "/p", "/a":
			return true
		}
	}
	return false
}

// psStopProcess returns the kill for Stop-Process, which always ends a
// process at once (TerminateProcess, as SIGKILL does): by name it is
// pkill -9 NAME, by id kill -9 ID, and piped from Get-Process with no name
// it ends every process (kill -9 -1).
func psStopProcess(args []psWord, prev psStage, piped bool) string {
	var names, ids []string
	for i := 0; i < len(args); i++ {
		v, lit := args[i].lit()
		l := strings.ToLower(v)
		if lit && strings.HasPrefix(l, "-") && len(l) > 1 {
			opt := strings.TrimSuffix(l[1:], ":")
			if i+1 < len(args) && (opt == "name" || opt == "processname" || opt == "n" || opt == "id") {
				i++
				for _, p := range psList(args[i]) {
					if opt == "id" {
						ids = append(ids, p)
					} else {
						names = append(names, p)
					}
				}
			}
			continue
		}
		ids = append(ids, psList(args[i])...)
	}
	if len(names) == 0 && len(ids) == 0 && piped && len(prev) > 0 {
		head, _ := prev[0].lit()
		switch strings.ToLower(head) {
		case "get-process", "gps", "ps":
			for _, p := range psPaths(prev[1:]) {
				names = append(names, psList(p)...)
			}
			if len(names) == 0 {
				return "kill -9 -1"
			}
		default:
			return `kill -9 "${PSINPUT}"`
		}
	}
	var out []string
	for _, n := range names {
		out = append(out, "pkill -9 "+n)
	}
	if len(ids) > 0 {
		out = append(out, "kill -9 "+strings.Join(ids, " "))
	}
	return strings.Join(out, "\n")
}

// psList splits a word that lists values (node,code) into shell words.
func psList(w psWord) []string {
	v, ok := w.lit()
	if !ok {
		return []string{w.shell(false)}
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, "'"+strings.ReplaceAll(p, "'", "")+"'")
		}
	}
	return out
}

// psRemoveProperty returns the deletion of a registry value: a value under
// the current user's key (HKCU:) is a program's setting, everyday; one
// under the machine's hives changes the system.
func psRemoveProperty(args []psWord) string {
	p := psPaths(args)
	if len(p) == 0 {
		return ""
	}
	if v, ok := p[0].lit(); ok && strings.HasPrefix(strings.ToUpper(v), "HKCU:") {
		return ""
	}
	return "rm " + p[0].shell(false)
}

// psClearRecycleBin returns the deletion Clear-RecycleBin makes: every
// deleted file on a drive, or on all of them, for good. Its own question
// (without -Force) keeps it everyday.
func psClearRecycleBin(args []psWord) string {
	for _, a := range args {
		if v, ok := a.lit(); ok && strings.HasPrefix(strings.ToLower(v), "-f") {
			return `rm -rf "$HOME/.local/share/Trash/files"`
		}
	}
	return ""
}

// psWriteFile returns the write Set-Content, Add-Content and Out-File
// make: over the file (>), or after it (>> for Add-Content and
// Out-File -Append). The text written does not matter to the rules.
func psWriteFile(cmd string, args []psWord) string {
	op := ">"
	var target psWord
	for i := 0; i < len(args); i++ {
		v, lit := args[i].lit()
		l := strings.ToLower(v)
		if lit && strings.HasPrefix(l, "-") && len(l) > 1 {
			opt := strings.TrimSuffix(l[1:], ":")
			switch {
			case opt == "append":
				op = ">>"
			case opt == "path" || opt == "literalpath" || opt == "lp" || opt == "filepath":
				if i+1 < len(args) {
					i++
					target = args[i]
				}
			case opt == "value" || opt == "encoding" || opt == "inputobject" || opt == "width" || opt == "stream":
				i++
			}
			continue
		}
		if target == nil {
			target = args[i]
		}
	}
	if cmd == "add-content" {
		op = ">>"
	}
	if target == nil {
		return ""
	}
	return "printf x " + op + " " + target.shell(false)
}

// psDestroyVerbs are the approved verbs of cmdlets that take something
// away: Remove-LocalUser, Uninstall-WindowsFeature, Disable-ComputerRestore.
const psDestroyVerbs = "remove clear uninstall unregister disable reset revoke dismount"

// psDestroys reports whether a lower-cased cmdlet name that psCommand does
// not translate has a verb that takes something away.
func psDestroys(cmd string) bool {
	verb, noun, ok := strings.Cut(cmd, "-")
	return ok && noun != "" && wordlist.Has(psDestroyVerbs, verb) && psCmdlet(cmd)
}

// psVerbCmdlet returns such a cmdlet as a command of the program cmdlet,
// whose subcommand is the cmdlet's name, for the verb model to judge
// (cmdlet remove-localuser -Name bob) with its exceptions as data
// ([verbs.allow] cmdlet = ["uninstall-module"]). Piped from Get-NOUN with
// no operand, it acts on every NOUN: --all says so.
func psVerbCmdlet(cmd string, args []psWord, prev psStage, piped bool) string {
	words := []string{"cmdlet", cmd}
	for _, a := range args {
		words = append(words, a.shell(false))
	}
	if piped && len(prev) > 0 {
		head, _ := prev[0].lit()
		if g, ok := strings.CutPrefix(strings.ToLower(head), "get-"); ok && len(psPaths(prev[1:])) == 0 && g != "" {
			words = append(words, "--all")
		}
	}
	return strings.Join(words, " ")
}
