package rules

import (
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// processOf returns the executable and the command name of process pid,
// as /proc shows them, or empty strings. It is a variable so that tests
// can stand in for /proc.
var processOf = func(pid int) (exe, comm string) {
	p := "/proc/" + strconv.Itoa(pid)
	exe, _ = os.Readlink(p + "/exe")
	if b, err := os.ReadFile(p + "/comm"); err == nil {
		comm = strings.TrimSpace(string(b))
	}
	return exe, comm
}

// groupOf returns the ids of the processes in process group pgid. It is
// a variable for tests too.
var groupOf = func(pgid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...: comm may hold spaces.
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i >= 0 {
			f := strings.Fields(s[i+1:])
			if len(f) > 2 && f[2] == strconv.Itoa(pgid) {
				out = append(out, pid)
			}
		}
	}
	return out
}

// newKillGuard matches kill of a process that is guard, its approver
// included, by pid or by a pid looked up at run time: kill -STOP 4242,
// kill $(pgrep guard), kill -- -PGID of a group holding guard.
func newKillGuard(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Args[1:]
		dash := false
		for i := 0; i < len(args); i++ {
			a := args[i].Value
			if args[i].Dynamic {
				if strings.Contains(strings.ToLower(a), "guard") {
					return parse.Quote(a) + " looks up guard's process id", true
				}
				continue
			}
			if !dash {
				switch {
				case a == "--":
					dash = true
					continue
				case a == "-s" || a == "-n" || a == "--signal":
					i++
					continue
				case a == "-l" || a == "-L" || a == "--list" || a == "--table":
					return "", false
				case strings.HasPrefix(a, "-") && !isPID(a[1:]):
					continue
				case strings.HasPrefix(a, "-") && i == 0 && len(args) > 1:
					// -9 is a signal when a pid follows.
					continue
				}
			}
			n, neg := strings.CutPrefix(a, "-")
			pid, err := strconv.Atoi(n)
			if err != nil || pid <= 1 {
				continue
			}
			if neg {
				for _, p := range groupOf(pid) {
					if what := guardProcess(p, ctx); what != "" {
						return "process group " + n + " holds " + what, true
					}
				}
				continue
			}
			if what := guardProcess(pid, ctx); what != "" {
				return "process " + n + " is " + what, true
			}
		}
		return "", false
	}, nil
}

func isPID(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// guardProcess says what process pid is when it is guard, or "".
func guardProcess(pid int, ctx *Context) string {
	exe, comm := processOf(pid)
	exe = strings.TrimSuffix(exe, " (deleted)")
	if exe != "" {
		if path.Base(exe) == "guard" {
			return "guard (" + exe + ")"
		}
		for _, p := range ctx.Protected {
			if p == exe {
				return "guard (" + exe + ")"
			}
		}
	}
	if comm == "guard" {
		return "guard"
	}
	return ""
}
