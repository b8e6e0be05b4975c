package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Code that opens a session on another machine and runs a command there
// (paramiko's exec_command, Fabric's run and sudo, asyncssh, Node's ssh2,
// Net::SSH, pywinrm) or types commands into a network device (Netmiko's
// send_config_set, Scrapli's send_configs) does what the same command
// typed through ssh does. The call's string arguments are read as the
// commands the remote side runs, judged on a host guard does not know.

// remoteLibs are the libraries, as the code imports or names them, whose
// sessions run commands elsewhere.
const remoteLibs = "paramiko fabric invoke asyncssh netmiko scrapli winrm pywinrm spur pxssh " +
	"ssh2 node-ssh ssh2-promise Net::SSH net-ssh sshkit"

// remoteShellCalls run their first string as a shell command on the
// session's host; remoteDeviceCalls send each string (or each line of
// one) to a device's command line; remotePowerShell runs PowerShell.
const (
	remoteShellCalls  = "exec_command run sudo exec execCommand exec! run_command run_cmd"
	remoteDeviceCalls = "send_command send_command_timing send_config_set send_configs send_config send_commands send_multiline"
	remotePowerShell  = "run_ps"
)

// remoteCode judges the remote commands in code that uses one of the
// remote libraries.
func (w *walker) remoteCode(c call, via string, src *Code) {
	if !usesRemoteLib(src.Text) {
		return
	}
	for _, call := range src.Calls() {
		if len(call.Args) == 0 || !remoteRoot(call.Root) {
			continue
		}
		switch {
		case wordlist.Has(remoteShellCalls, call.Name):
			if call.Name == "run" && call.Root == "invoke" && !strings.Contains(call.Receiver, "Connection") {
				// invoke.run runs on this machine: the interpreter's own
				// shell-outs cover it as subprocess does.
				n := w.nested(via, c.pos)
				n.codeWord(c, Word{Value: call.Args[0]}, "", Input{})
				continue
			}
			n := w.remoteWalker(c, via+" "+call.Root, call.Root+" host")
			n.codeWord(c, Word{Value: call.Args[0]}, "", Input{})
		case wordlist.Has(remoteDeviceCalls, call.Name):
			n := w.remoteWalker(c, via+" "+call.Root, call.Root+" device")
			n.codeWord(c, Word{Value: strings.Join(call.Args, "\n")}, "", Input{})
		case call.Name == remotePowerShell:
			n := w.remoteWalker(c, via+" "+call.Root, call.Root+" host")
			n.interpreterCode(c, "powershell", &Code{Lang: "powershell", Text: call.Args[0], From: call.Name})
		}
	}
}

// usesRemoteLib reports whether code names one of the remote libraries.
func usesRemoteLib(code string) bool {
	for lib := range strings.FieldsSeq(remoteLibs) {
		if strings.Contains(code, lib) {
			return true
		}
	}
	return false
}

// remoteRoot reports whether a call's root, the module its receiver
// comes from, is one of the remote libraries.
func remoteRoot(root string) bool {
	if root == "" {
		return false
	}
	if wordlist.Has(remoteLibs, root) {
		return true
	}
	if i := strings.IndexAny(root, "./"); i > 0 {
		root = root[:i]
	}
	return wordlist.Has(remoteLibs, root)
}
