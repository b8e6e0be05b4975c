package parse

import (
	"errors"
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// ErrNoCommand is ParseShell's error for -c with no code after it: the
// shell reports the error and exits without running anything.
var ErrNoCommand = errors.New("-c: option requires an argument")

// Shell is a bash-compatible argument list after option processing.
type Shell struct {
	// Command is the code given with -c, valid when HasCommand is true.
	Command    string
	HasCommand bool
	// Script is the script file to run when there is no -c and the first
	// operand names one.
	Script string
	// Args are the operands after the code or script: with -c the first is
	// $0, with a script they are $1 onwards.
	Args []string
	// Stdin reports that commands are read from standard input: -s, or
	// neither -c nor a script.
	Stdin bool
	// Login, Interactive and Version report -l/--login, -i and --version.
	Login       bool
	Interactive bool
	Version     bool
	// Help reports --help.
	Help bool
	// rest is the index in the argument list of the code or script.
	rest int
}

// shellLongFlags are the long options bash accepts before its short ones,
// and whether each takes an argument.
var shellLongFlags = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"--login": false, "--noprofile": false, "--norc": false, "--posix": false,
		"--verbose": false, "--version": false, "--help": false, "--debugger": false,
		"--dump-strings": false, "--dump-po-strings": false, "--restricted": false,
		"--noediting": false, "--pretty-print": false, "--protected": false,
		"--rcfile": true, "--init-file": true,
	}
}}

// shellShortFlags are the single-letter options of bash and its relatives.
const shellShortFlags = "abcefhiklmnprstuvxBCDEHPT"

// ParseShell processes a bash-compatible argument list, without the program
// name: -c CMD [NAME [ARGS...]], -l, --login, -i, -e, -x, -o OPT, +o OPT,
// -O SHOPT, combined short flags such as -lc and -ec, the -c flag before
// other flags (-c -l CMD), --, and a script with its arguments.
func ParseShell(args []string) (Shell, error) {
	var sh Shell
	i := 0
	// Long options come first, as in bash.
	for ; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "--") || a == "--" {
			break
		}
		name, _, hasValue := strings.Cut(a, "=")
		takesArg, ok := shellLongFlags.Get()[name]
		if !ok {
			return sh, fmt.Errorf("%s: invalid option", a)
		}
		switch name {
		case "--login":
			sh.Login = true
		case "--version":
			sh.Version = true
		case "--help":
			sh.Help = true
		}
		if takesArg && !hasValue {
			i++
			if i >= len(args) {
				return sh, fmt.Errorf("%s: option requires an argument", a)
			}
		}
	}
	command := false
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" || a == "-" {
			i++
			break
		}
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') {
			break
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			switch c {
			case 'o', 'O':
				// The option name is the next argument; with no argument,
				// bash lists the options.
				if i+1 < len(args) {
					i++
				}
				continue
			case 'c':
				command = a[0] == '-'
			case 'l':
				sh.Login = true
			case 'i':
				sh.Interactive = true
			case 's':
				sh.Stdin = true
			}
			if !strings.ContainsRune(shellShortFlags, rune(c)) {
				return sh, fmt.Errorf("%c%c: invalid option", a[0], c)
			}
		}
	}
	rest := args[i:]
	sh.rest = i
	switch {
	case command:
		if len(rest) == 0 {
			return sh, ErrNoCommand
		}
		sh.HasCommand = true
		sh.Command = rest[0]
		sh.Args = rest[1:]
	case sh.Stdin || len(rest) == 0:
		sh.Stdin = true
		sh.Args = rest
	default:
		sh.Script = rest[0]
		sh.Args = rest[1:]
	}
	return sh, nil
}

// Params returns the positional parameters the code will see, $0 first:
// with -c, the operands after the code (or the shell's name); with a
// script, its name and then its arguments. They are known text, so that
// bash -c 'eval "$1"' _ CMD is analysed as CMD.
func (s Shell) Params() []string {
	switch {
	case s.HasCommand:
		if len(s.Args) == 0 {
			return []string{"bash"}
		}
		return s.Args
	case s.Script != "":
		return append([]string{s.Script}, s.Args...)
	}
	return nil
}
