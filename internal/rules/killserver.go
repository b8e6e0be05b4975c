package rules

import (
	"errors"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher for kill -9 of a data store or another
// server the machine depends on, found by a pid looked up when the
// command runs: kill -9 $(pgrep postgres), kill -KILL $(cat
// /var/run/mysqld/mysqld.pid), pgrep redis-server | xargs kill -9, or
// kill -9 $(lsof -t -i:5432); and pkill, killall, skill and slay, which
// name the process themselves (killnamed.go).

// newKillServer matches kill sending SIGKILL to processes whose lookup
// names a server of with.names (globs, compared in lower case with each
// word of the lookup: pgrep's pattern, a pid file's path) or one of
// with.ports (lsof -i:5432, fuser 5432/tcp). A pid written as a number is
// judged by the process's name, when /proc shows it.
func newKillServer(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := lowerAll(p.strings("names"))
	ports := p.strings("ports")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("kill-server needs names")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch inv.Name {
		case "fuser":
			return fuserKills(inv, names, ports)
		case "pkill", "killall", "skill", "slay", "taskkill":
			return namedKills(inv, names, ports)
		}
		pids, ok := sigkillPIDs(inv)
		if !ok {
			return "", false
		}
		for _, w := range pids {
			if w.Dynamic {
				if s := serverIn(w.Value, names, ports); s != "" {
					return parse.Quote(w.Value) + " looks up " + s, true
				}
				continue
			}
			if pid, err := strconv.Atoi(w.Value); err == nil && pid > 1 {
				if _, comm := processOf(pid); comm != "" && matchLower(names, strings.ToLower(comm)) {
					return "process " + w.Value + " is " + comm, true
				}
			}
		}
		if inv.MoreArgs {
			// pgrep postgres | xargs kill -9: the pids come from the pipe.
			next := inv
			for i := len(ctx.before) - 1; i >= 0; i-- {
				prev := ctx.before[i]
				if !pipedInto(ctx.text, prev, next) {
					break
				}
				if s := serverIn(strings.Join(prev.Argv(), " "), names, ports); s != "" {
					return "xargs " + inv.Name + " kills what " + prev.Name + " finds: " + s, true
				}
				next = prev
			}
		}
		return "", false
	}, nil
}

// sigkillPIDs returns kill's pid operands when the signal it sends is
// SIGKILL: -9, -KILL, -SIGKILL, -s KILL, -n 9, --signal=kill.
func sigkillPIDs(inv *parse.Invocation) ([]parse.Word, bool) {
	args := inv.Args[1:]
	kill := false
	var pids []parse.Word
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		if args[i].Dynamic || !strings.HasPrefix(a, "-") || a == "-" {
			pids = append(pids, args[i])
			continue
		}
		if a == "--" {
			pids = append(pids, args[i+1:]...)
			break
		}
		sig := ""
		switch {
		case a == "-s" || a == "-n" || a == "--signal":
			if i+1 < len(args) {
				i++
				sig = args[i].Value
			}
		case strings.HasPrefix(a, "--signal="):
			sig = a[len("--signal="):]
		case a == "-l" || a == "-L" || a == "--list" || a == "--table":
			return nil, false
		default:
			sig = a[1:]
		}
		if isKillSignal(sig) {
			kill = true
		}
	}
	return pids, kill
}

// isKillSignal reports whether a signal's name or number is SIGKILL, or
// the name of SIGSTOP, which freezes a server with its locks and
// connections held until someone sends SIGCONT (its number differs
// between systems, so only the name counts).
func isKillSignal(s string) bool {
	switch strings.ToUpper(s) {
	case "9", "KILL", "SIGKILL", "STOP", "SIGSTOP":
		return true
	}
	return false
}

// serverIn returns the server or port a lookup's text names, or "". Its
// words are split at anything but letters, digits and - _ . so that a
// pid file's path (/var/run/postgresql/16-main.pid) and pgrep's pattern
// (-f 'redis-server') are read word by word.
func serverIn(text string, names, ports []string) string {
	// grep [p]ostgres, the idiom that keeps grep out of its own list.
	text = strings.NewReplacer("[", "", "]", "").Replace(strings.ToLower(text))
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	})
	for _, w := range words {
		base, pidFile := strings.CutSuffix(w, ".pid")
		if matchLower(names, base) {
			return base
		}
		if pidFile && matchLower(names, base+"d") {
			// /var/run/docker.pid is the daemon's, dockerd.
			return base + "d"
		}
		for _, p := range ports {
			if w == p {
				return "port " + p
			}
		}
	}
	return ""
}

// fuserKills matches fuser -k, which sends SIGKILL unless another signal
// is named, of the processes using a server's port or files: fuser -k
// 5432/tcp, fuser -km /var/lib/mysql.
func fuserKills(inv *parse.Invocation, names, ports []string) (string, bool) {
	kill, sig := false, true
	var ops []string
	for _, a := range inv.Args[1:] {
		f := a.Value
		switch {
		case a.Dynamic || !strings.HasPrefix(f, "-") || f == "-":
			ops = append(ops, f)
		case f == "-k" || f == "--kill" || len(f) > 2 && f[1] != '-' && isLetters(f[1:]) && strings.Contains(f, "k") && strings.ToUpper(f) != f:
			kill = true
		case f[1] != '-' && f != "-s" && f != "-u" && f != "-v" && f != "-m" && f != "-M" && f != "-w" && f != "-i" && f != "-a" && f != "-4" && f != "-6" && f != "-n":
			// -TERM, -15, -HUP: a signal of fuser's own choosing.
			sig = isKillSignal(f[1:])
		}
	}
	if !kill || !sig {
		return "", false
	}
	if s := serverIn(strings.Join(ops, " "), names, ports); s != "" {
		return "fuser -k kills what uses " + s, true
	}
	return "", false
}
