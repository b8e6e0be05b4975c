package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Crontabs. crontab FILE and crontab - replace the user's whole crontab;
// the usual way to add a job, (crontab -l; echo "JOB") | crontab -, feeds
// the current one back with the job after it, and loses nothing.

// newCrontabReplace matches crontab replacing the crontab with something
// other than the current crontab plus lines added to it.
func newCrontabReplace(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(v.operands) == 1 && v.operands[0].Value == "-" && keepsCrontab(inv, ctx) {
			return "", false
		}
		if savedCrontab(ctx.before) {
			// The rule's own advice: crontab -l > crontab.bak first.
			return "", false
		}
		return "the new crontab replaces every job the user has", true
	}, nil
}

// savedCrontab reports whether an earlier step of the command saved the
// current crontab to a file (crontab -l > crontab.bak), so that the jobs
// the new one replaces can be put back. Saving to /dev/null, to a
// temporary directory, to a file whose directory is only known at run
// time (a name dated with $(date) is kept), or another
// user's crontab (-u) does not count.
func savedCrontab(before []*parse.Invocation) bool {
	for _, b := range before {
		if b.Name != "crontab" || len(b.Args) != 2 || b.Args[1].Value != "-l" || b.Remote != "" {
			continue
		}
		for _, r := range b.Redirs {
			if (r.Op == ">" || r.Op == ">|" || r.Op == ">>") && r.Target.Value != "" && !strings.HasPrefix(r.Target.Value, "$") && !strings.HasPrefix(r.Target.Value, "`") && !strings.HasPrefix(r.Target.Value, "/dev/") &&
				!inTempDir(r.Target.Value) {
				return true
			}
		}
	}
	return false
}

// keepsCrontab reports whether crontab - reads a group of commands that
// prints the current crontab and only adds lines to it:
// (crontab -l; echo "JOB") | crontab - or crontab -l | { cat; echo; }.
// It reads the command's text before the invocation, which only holds
// for a pipeline written at the top level.
func keepsCrontab(inv *parse.Invocation, ctx *Context) bool {
	if inv.Stdin.From != "pipe from a compound command" || inv.Pos.Offset > len(ctx.text) {
		return false
	}
	for _, via := range inv.Via {
		if via != "sudo" && via != "doas" {
			return false
		}
	}
	before := strings.TrimRight(ctx.text[:inv.Pos.Offset], " \t")
	for _, w := range []string{"sudo", "doas"} {
		if b, ok := strings.CutSuffix(before, w); ok && (b == "" || b[len(b)-1] == ' ' || b[len(b)-1] == '|') {
			before = strings.TrimRight(b, " \t")
		}
	}
	before, ok := strings.CutSuffix(before, "|")
	if !ok {
		return false
	}
	before = strings.TrimRight(before, " \t")
	start := groupStart(before)
	if start < 0 {
		return false
	}
	// The pipeline may start before the group: crontab -l | { cat; ...; }.
	head := strings.TrimRight(before[:start], " \t")
	if lead, ok := strings.CutSuffix(head, "|"); ok {
		head = lead
	} else {
		head = ""
	}
	if i := strings.LastIndexAny(head, ";&\n()"); i >= 0 {
		head = head[i+1:]
	}
	code := before[start:]
	if strings.TrimSpace(head) != "" {
		code = head + " | " + code
	}
	owner := crontabOwner(inv)
	listed := false
	for _, p := range parse.Command(code, parse.Options{Dir: inv.Dir, Home: ctx.shellHome()}) {
		switch {
		case p.Problem != parse.NoProblem:
			return false
		case p.Name == "crontab" && owner != "?" && listsCrontab(p) == owner:
			listed = true
		case (p.Name == "echo" || p.Name == "printf") && len(p.Redirs) == 0:
		case p.Name == "cat" && len(p.Args) == 1 && len(p.Redirs) == 0:
		default:
			return false
		}
	}
	return listed
}

// listsCrontab returns whose crontab a crontab invocation prints into
// the pipe (see crontabOwner), or "?" when it does anything else: crontab
// -l or crontab -u alice -l, with its errors sent to /dev/null at most.
// Its text is read, since a redirection does not say which descriptor it
// moves.
func listsCrontab(p *parse.Invocation) string {
	t := strings.TrimSpace(p.Text)
	root := false
	for _, w := range []string{"sudo ", "doas "} {
		if rest, ok := strings.CutPrefix(t, w); ok {
			t, root = rest, true
		}
	}
	t = strings.ReplaceAll(t, "2>/dev/null", " ")
	t = strings.ReplaceAll(t, "2> /dev/null", " ")
	f := strings.Fields(t)
	switch {
	case len(f) == 2 && f[0] == "crontab" && f[1] == "-l":
	case len(f) == 4 && f[0] == "crontab" && f[1] == "-u" && f[3] == "-l" && !strings.ContainsAny(f[2], "<>|&;$`'\"?"):
		return f[2]
	default:
		return "?"
	}
	if root || viaRoot(p) {
		return "root"
	}
	return ""
}

// crontabOwner returns whose crontab an invocation of crontab installs:
// the value of -u; root under sudo or doas; "" for one's own; "?" when it
// is only known at run time.
func crontabOwner(inv *parse.Invocation) string {
	for i, a := range inv.Args {
		if a.Value == "-u" && i+1 < len(inv.Args) {
			if inv.Args[i+1].Dynamic {
				return "?"
			}
			return inv.Args[i+1].Value
		}
	}
	if viaRoot(inv) {
		return "root"
	}
	return ""
}

// viaRoot reports whether sudo or doas runs the invocation.
func viaRoot(inv *parse.Invocation) bool {
	return slices.Contains(inv.Via, "sudo") || slices.Contains(inv.Via, "doas")
}

// groupStart returns where the ( ... ) or { ...; } group that ends s
// starts, reading quotes and escapes, or -1 when s does not end with one.
func groupStart(s string) int {
	var stack []int
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
			continue
		case quote == '"':
			switch c {
			case '\\':
				i++
			case '"':
				quote = 0
			}
			continue
		}
		switch c {
		case '\\':
			i++
		case '\'', '"':
			quote = c
		case '(', '{':
			stack = append(stack, i)
		case ')', '}':
			if len(stack) == 0 {
				return -1
			}
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if i == len(s)-1 {
				pair := s[open] == '(' && c == ')' || s[open] == '{' && c == '}'
				if !pair || len(stack) > 0 || open > 0 && s[open-1] == '$' {
					return -1
				}
				return open
			}
		}
	}
	return -1
}

// inTempDir reports whether p is under one of the temporary directories
// (tempDirs).
func inTempDir(p string) bool {
	for _, t := range tempDirs {
		if strictlyUnder(p, t) {
			return true
		}
	}
	return false
}
