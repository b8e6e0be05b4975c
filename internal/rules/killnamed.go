package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// This file reads the programs that kill processes by name, pkill,
// killall, skill and slay, for the kill-server matcher: the signal they
// send, however it is spelled, and the names or patterns they match.

// namedKill is what a pkill-like command line says.
type namedKill struct {
	// sigkill is set when the signal is SIGKILL.
	sigkill bool
	// invert is set by pkill -v, which kills every process but those the
	// pattern matches.
	invert bool
	// text holds the patterns, names and pid files, joined by spaces.
	text string
}

// killValueFlags are the options of pkill, killall and skill that take a
// value that is not a signal, by program.
var killValueFlags = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"pkill":   " -g -G -P -s -t -u -U -F -O -r -q -d --pgroup --group --parent --session --terminal --euid --uid --pidfile --older --runstates --queue --delimiter --ns --nslist --env --cgroup ",
		"killall": " -u -o -y -n -Z -c -t --user --older-than --younger-than --ns --context ",
		"skill":   " -c -u -t -p --command --user --tty --pid --ns --nslist ",
		"slay":    " ",
	}
}}

// readNamedKill reads a pkill, killall, skill or slay command line.
// Options it does not know are taken as flags without a value, and any
// word that is not an option is a name or a pattern.
func readNamedKill(inv *parse.Invocation) namedKill {
	var k namedKill
	var words []string
	values := killValueFlags.Get()[inv.Name]
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		if args[i].Dynamic || !strings.HasPrefix(a, "-") || a == "-" {
			words = append(words, a)
			continue
		}
		if a == "--" {
			for _, w := range args[i+1:] {
				words = append(words, w.Value)
			}
			break
		}
		name, val, eq := strings.Cut(a, "=")
		switch {
		case name == "--signal" || name == "-s" && inv.Name != "pkill":
			if !eq && i+1 < len(args) {
				i++
				val = args[i].Value
			}
			k.sigkill = k.sigkill || isKillSignal(strings.TrimPrefix(val, "-"))
		case strings.Contains(values, " "+name+" "):
			if !eq && i+1 < len(args) {
				i++
				val = args[i].Value
			}
			if name == "-F" || name == "--pidfile" {
				words = append(words, val)
			}
		case a == "-v" || a == "--inverse":
			k.invert = inv.Name == "pkill"
		case isKillSignal(a[1:]):
			k.sigkill = true
		}
	}
	k.text = strings.Join(words, " ")
	return k
}

// namedKills matches pkill, killall, skill or slay sending SIGKILL to a
// server that names or ports say (pkill -9 nginx, killall -s KILL java,
// pkill --signal=9 -f kafka.Kafka, pkill -9 -F /run/nginx.pid).
func namedKills(inv *parse.Invocation, names, ports []string) (string, bool) {
	k := readNamedKill(inv)
	if inv.Name == "taskkill" {
		k = readTaskkill(inv)
	}
	if k.invert && k.text != "" {
		return inv.Name + " -v signals every process but those matching " + parse.Quote(k.text), true
	}
	if !k.sigkill {
		return "", false
	}
	if s := serverIn(k.text, names, ports); s != "" {
		return inv.Name + " sends SIGKILL to " + s, true
	}
	return "", false
}

// readTaskkill reads Windows' taskkill: /F forces the end, as SIGKILL
// does, and /IM names the image, whose .exe is dropped.
func readTaskkill(inv *parse.Invocation) namedKill {
	var k namedKill
	var words []string
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		switch strings.ToLower(args[i].Value) {
		case "/f", "-f":
			k.sigkill = true
		case "/im", "-im":
			if i+1 < len(args) {
				i++
				words = append(words, strings.TrimSuffix(strings.ToLower(args[i].Value), ".exe"))
			}
		}
	}
	k.text = strings.Join(words, " ")
	return k
}
