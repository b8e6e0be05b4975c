package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Consoles of network and telephony daemons take one of their own
// commands as an option's value or as their operands, and send it to the
// running daemon: asterisk -rx 'database deltree SIP', fs_cli -x
// 'uuid_kill ...', vtysh -c 'clear ip bgp *', birdc 'disable bgp1'. The
// command is recorded again as an invocation of the console itself with
// the command's words as its arguments (asterisk database deltree SIP),
// so that the verb model and the console's own rules read it as they
// read any other command line.

// consoleOption returns the option of a console that holds a command,
// "" for a console whose operands are the command, and whether name is a
// console at all.
func consoleOption(name string) (opt string, ok bool) {
	switch name {
	case "asterisk", "fs_cli":
		return "x", true // asterisk -rx, -r -x; fs_cli -x
	case "vtysh":
		return "c", true // vtysh -c; Junos cli -c is a runner (runnertable.go)
	case "birdc", "birdcl", "kamcmd", "varnishadm":
		return "", true
	}
	return "", false
}

// consoleValueOptions are the options of a console whose operands are
// the command that take the next word as their value, and whether the
// console joins its operands with blanks into one command line, as
// varnishadm does ("ban req.url ~ ." and ban req.url '~' . are the same
// command).
func consoleValueOptions(name string) (opts string, joins bool) {
	switch name {
	case "varnishadm":
		return "-n -t -S -T", true // -n NAME, -t TIMEOUT, -S SECRETFILE, -T ADDRESS:PORT
	}
	return "", false
}

// console records a console's call and, for each command it sends, the
// command as a call of the console.
func (w *walker) console(c call, name, opt string) {
	w.record(c)
	if n := len(w.via); n > 0 && w.via[n-1] == name+" command" {
		return // the command itself, recorded above
	}
	var commands [][]Word
	if opt == "" {
		var words []Word
		valueOpts, joins := consoleValueOptions(name)
		for i := 1; i < len(c.args); i++ {
			a := c.args[i]
			if len(words) == 0 && strings.HasPrefix(a.Value, "-") && !a.Dynamic {
				if valueOpts != "" && wordlist.Has(valueOpts, a.Value) {
					i++
				}
				continue
			}
			if joins && !a.Dynamic && strings.ContainsAny(a.Value, " \t\n") {
				for f := range strings.FieldsSeq(a.Value) {
					words = append(words, Word{Value: f})
				}
				continue
			}
			words = append(words, a)
		}
		if len(words) > 0 {
			commands = append(commands, words)
		}
	} else {
		for i := 1; i+1 < len(c.args); i++ {
			a := c.args[i].Value
			if c.args[i].Dynamic || len(a) < 2 || a[0] != '-' || a[1] == '-' || a[len(a)-1] != opt[0] {
				continue
			}
			// -rx, -x, -vc: a short option cluster that ends in the
			// command's letter takes the next word.
			i++
			if text := c.args[i]; text.Dynamic {
				commands = append(commands, []Word{text})
			} else {
				var words []Word
				for f := range strings.FieldsSeq(text.Value) {
					words = append(words, Word{Value: f})
				}
				if len(words) > 0 {
					commands = append(commands, words)
				}
			}
		}
	}
	for _, words := range commands {
		args := append([]Word{c.args[0]}, words...)
		if name == "vtysh" {
			// FRR's shell speaks the router's own language (no router
			// bgp, clear ip bgp *, write erase): each command is the
			// device command it names, read by the network rules.
			args = words
		}
		inner := c
		inner.code = nil
		w.inner(inner, args, name+" command")
	}
}
