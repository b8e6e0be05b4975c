package hook

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A program that starts an interactive session reads what to run from
// its terminal. Through Codex's exec_command with a tty, the model then
// types into it with write_stdin, which no hook sees: everything typed
// runs unchecked. So a session started with nothing to run is asked for
// (blocked, in Codex) instead.

// codeOptions are, per program, the options that give it something to
// run, so that it does not read commands from its terminal. "ARGS" means
// that any operand (a script, a command) does as well.
var codeOptions = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{
		"bash": {"-c", "ARGS"}, "sh": {"-c", "ARGS"}, "zsh": {"-c", "ARGS"}, "dash": {"-c", "ARGS"},
		"ksh": {"-c", "ARGS"}, "mksh": {"-c", "ARGS"}, "fish": {"-c", "--command", "ARGS"},
		"tcsh": {"-c", "ARGS"}, "csh": {"-c", "ARGS"}, "busybox": {"ARGS"},
		"python": {"-c", "-m", "ARGS"}, "python2": {"-c", "-m", "ARGS"}, "python3": {"-c", "-m", "ARGS"},
		"ipython": {"-c", "-m", "ARGS"}, "pypy": {"-c", "-m", "ARGS"}, "pypy3": {"-c", "-m", "ARGS"},
		"node": {"-e", "--eval", "-p", "--print", "ARGS"}, "nodejs": {"-e", "--eval", "-p", "--print", "ARGS"},
		"bun": {"ARGS"}, "deno": {"ARGS"},
		"irb": {"ARGS"}, "ruby": {"-e", "ARGS"}, "perl": {"-e", "-E", "ARGS"},
		"php": {"-r", "-f", "ARGS"}, "lua": {"-e", "ARGS"}, "R": {"-e", "-f", "--file", "ARGS"},
		"julia": {"-e", "--eval", "ARGS"}, "ghci": {"-e", "ARGS"},
		"psql":  {"-c", "--command", "-f", "--file", "-l", "--list"},
		"mysql": {"-e", "--execute"}, "mariadb": {"-e", "--execute"},
		"redis-cli": {"ARGS"}, "mongosh": {"--eval", "-f", "--file"}, "mongo": {"--eval"},
		"sqlite3": {}, "su": {"-c", "--command"},
	}
}}

// alwaysInteractive are options that make a session interactive even with
// something to run first (python3 -i script.py).
var alwaysInteractive = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{
		"bash": {"-i"}, "sh": {"-i"}, "zsh": {"-i"}, "dash": {"-i"}, "ksh": {"-i"},
		"python": {"-i"}, "python2": {"-i"}, "python3": {"-i"}, "node": {"-i", "--interactive"},
		"php": {"-a"},
	}
}}

// optionValue are options that take the next word as their value, so that
// it is not mistaken for a script or a command.
var optionValue = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"-h": true, "--host": true, "-p": true, "--port": true, "-U": true, "--username": true,
		"-d": true, "--dbname": true, "-u": true, "--user": true, "-D": true, "--database": true,
		"-S": true, "--socket": true, "-P": true, "-n": true, "-a": true,
		"--rcfile": true, "--init-file": true, "-r": true, "--require": true, "-I": true, "-O": true, "-o": true,
	}
}}

// Interactive returns the program in command that would start an
// interactive session reading from its terminal, or "".
func Interactive(command, home string) string {
	// Most commands name none of these programs: no parse for them. A
	// command with quotes, escapes, expansions or braces may spell a name
	// in pieces, so it is always parsed.
	named := strings.ContainsAny(command, "\\'\"{$`*?[")
	for _, w := range strings.FieldsFunc(command, func(r rune) bool { return strings.ContainsRune(" \t\n;&|()'\"`$<>", r) }) {
		if i := strings.LastIndexByte(w, '/'); i >= 0 {
			w = w[i+1:]
		}
		if named {
			break
		}
		if _, ok := codeOptions.Get()[w]; ok || w == "ssh" || w == "sudo" || w == "doas" {
			named = true
			break
		}
	}
	if !named {
		return ""
	}
	for _, inv := range parse.Command(command, parse.Options{Home: home}) {
		if inv.Problem != parse.NoProblem || inv.Name == "" {
			continue
		}
		if inv.Stdin.Kind != parse.Inherited {
			// A heredoc, a pipe or a file feeds it: it does not read the
			// terminal.
			continue
		}
		if interactive(inv.Name, inv.Argv()[1:]) {
			return inv.Name
		}
	}
	return ""
}

func interactive(name string, args []string) bool {
	code, ok := codeOptions.Get()[name]
	if !ok {
		switch name {
		case "ssh":
			return sshShell(args)
		case "sudo", "doas":
			return sudoShell(args)
		}
		return false
	}
	has := func(list []string, a string) bool {
		for _, o := range list {
			if o == a || (strings.HasPrefix(o, "--") && strings.HasPrefix(a, o+"=")) {
				return true
			}
		}
		return false
	}
	operands := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if has(alwaysInteractive.Get()[name], a) {
			return true
		}
		if a == "--" {
			operands = operands || i+1 < len(args)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if has(code, a) {
				return false
			}
			// Clusters such as bash -lc, python3 -Bc.
			if !strings.HasPrefix(a, "--") && len(a) > 2 {
				for _, c := range a[1:] {
					if has(code, "-"+string(c)) {
						return false
					}
				}
			}
			if optionValue.Get()[a] && i+1 < len(args) {
				i++
			}
			continue
		}
		operands = true
	}
	if name == "sqlite3" {
		// sqlite3 DB runs SQL given after the database, else reads it.
		n := 0
		for _, a := range args {
			if !strings.HasPrefix(a, "-") {
				n++
			}
		}
		return n < 2
	}
	return !operands || !has(code, "ARGS")
}

// sshShell reports an ssh that logs in to a remote shell: a host and no
// command.
func sshShell(args []string) bool {
	withValue := "BbcDEeFIiJLlmOopQRSWw"
	n := 0
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if strings.ContainsRune(withValue, rune(a[len(a)-1])) && len(a) == 2 {
				i++
			}
			continue
		}
		n++
	}
	return n == 1
}

// sudoShell reports a sudo -i or sudo -s with no command: a root shell
// reading the terminal.
func sudoShell(args []string) bool {
	shell := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-i" || a == "-s" || a == "--login" || a == "--shell":
			shell = true
		case a == "-u" || a == "-g" || a == "-C" || a == "-D" || a == "-h" || a == "-p" || a == "-r" || a == "-t" || a == "-U":
			i++
		case strings.HasPrefix(a, "-") && len(a) > 1 && !strings.HasPrefix(a, "--"):
			shell = shell || strings.ContainsAny(a[1:], "is")
		case strings.HasPrefix(a, "-"):
		default:
			return false
		}
	}
	return shell
}
