package parse

import "strings"

// Remote shells of Windows and z/OS as an agent reaches them from a
// shell: winrs runs a cmd.exe command line on a host over WinRM
// (winrs -r:web01 rd /s /q C:\site), evil-winrm reads PowerShell on stdin
// and runs it on the host it logs in to, and zowe zos-uss issue ssh runs
// a command in z/OS UNIX. What they run is analysed as running there.

// winrs runs a cmd.exe command line on the host -r: names. Its options
// are single words (-r:HOST, /u:USER, -noprofile); the first word that is
// not one starts the command.
func (w *walker) winrs(c call, r *runner, opts []opt, at int) {
	args := c.args
	host := ""
	i := 1
	for ; i < len(args); i++ {
		v := args[i].Value
		if args[i].Dynamic || len(v) < 2 || v[0] != '-' && v[0] != '/' {
			break
		}
		name, val, _ := strings.Cut(strings.ToLower(v[1:]), ":")
		if name == "r" || name == "remote" {
			host = val
		}
	}
	if inv := w.record(c); inv != nil && i < len(args) {
		inv.OwnArgs = i
	}
	if i >= len(args) {
		return
	}
	n := w.remoteWalker(c, strings.TrimSpace("winrs "+host), strings.TrimSpace(r.remote+" "+host))
	cc := c
	cc.redirs, cc.stdin = nil, Input{}
	cc.args = append([]Word{{Value: "cmd.exe"}, {Value: "/c"}}, args[i:]...)
	n.invoke(cc)
}

// evilWinrm logs in to a host over WinRM and runs the PowerShell it reads
// on stdin there (a heredoc, a here-string, a pipe); -i names the host.
func (w *walker) evilWinrm(c call, r *runner, opts []opt, at int) {
	host := ""
	if o, ok := optNamed(opts, "-i", "--ip"); ok {
		host = o.value
	}
	n := w.remoteWalker(c, strings.TrimSpace("evil-winrm "+host), strings.TrimSpace(r.remote+" "+host))
	n.stdinInterp(c, "evil-winrm", "powershell", nil)
}

// zosUss runs the first operand after its options as a shell command in
// z/OS UNIX, in the directory --cwd names.
func (w *walker) zosUss(c call, r *runner, opts []opt, at int) {
	w.record(c)
	if at >= len(c.args) {
		return
	}
	host := ""
	if o, ok := optNamed(opts, "--host", "--H"); ok {
		host = o.value
	}
	n := w.remoteWalker(c, "zowe zos-uss issue ssh", strings.TrimSpace(r.remote+" "+host))
	if o, ok := optNamed(opts, "--cwd"); ok && !o.dynamic {
		n.dir, n.start = o.value, o.value
	}
	cc := c
	cc.redirs, cc.stdin = nil, Input{}
	n.codeWord(cc, c.args[at], "", Input{})
}

// winrmMethod reports whether a method name runs code on a Windows host
// through a WinRM or PSRP client: pywinrm's Session.run_ps and run_cmd,
// pypsrp's Client.execute_ps and execute_cmd.
func winrmMethod(name string) bool {
	switch name {
	case "run_ps", "execute_ps", "run_cmd", "execute_cmd":
		return true
	}
	return false
}

// winrmCall analyses such a method's call at code[i]: its first argument
// is PowerShell (run_ps) or a cmd.exe command line whose arguments may
// follow as a list (run_cmd('ipconfig', ['/all'])), run on the host the
// session names.
func (w *walker) winrmCall(c call, s *codeScan, callee string, i int) {
	if i >= len(s.code) || s.code[i] != '(' {
		return
	}
	args, lists := w.callArgs(s, i)
	if len(args) == 0 || args[0] == nil {
		return
	}
	text := exprWord(args[0])
	n := w.remoteWalker(c, "winrm "+callee, "winrm")
	cc := c
	cc.redirs, cc.stdin = nil, Input{}
	if strings.HasSuffix(callee, "_ps") {
		cc.args = []Word{{Value: "pwsh"}, {Value: "-Command"}, text}
		n.psCode(cc, "pwsh", text, "winrm "+callee)
		return
	}
	words := []Word{text}
	if len(lists) > 1 && lists[1] != nil {
		for _, a := range lists[1] {
			words = append(words, exprWord(a))
		}
	}
	cc.args = append([]Word{{Value: "cmd.exe"}, {Value: "/c"}}, words...)
	n.invoke(cc)
}

// exprWord returns a string expression of code as one word: its text, or
// the text with its run-time parts named, marked as only known at run
// time.
func exprWord(e strExpr) Word {
	if e == nil {
		return Word{Value: "EXPR", Dynamic: true}
	}
	var b strings.Builder
	for _, s := range e {
		if s.known {
			b.WriteString(s.text)
		} else {
			b.WriteString("${" + varName(s.text) + "}")
		}
	}
	return Word{Value: b.String(), Dynamic: e.dynamic()}
}
