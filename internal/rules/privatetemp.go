package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A secret written under a temporary directory is a leak when other
// users can read the file: /tmp is shared, and a file made there with the
// usual umask (022) is readable by every account on the machine, for as
// long as the machine runs. cred.secret-sent keeps asking about that, and
// passes a file that only its owner can read:
//
//   - one that mktemp made in this command (mode 0600, a fresh name):
//     tmp=$(mktemp) && sops -d x > "$tmp";
//   - one made after a umask that takes reading from group and others
//     (umask 077, umask 066) earlier in the same shell: (umask 077; sops -d
//     x > /tmp/x.yaml).
//
// A umask in a subshell that has ended, or one that leaves reading to
// others (022, 027), does not count.

// privateTemp reports whether the file w that inv writes is readable by
// its owner only.
func privateTemp(w parse.Word, inv *parse.Invocation, ctx *Context) bool {
	if parse.FreshTemp(w.Value) && strings.Contains(ctx.text, "mktemp") {
		return true
	}
	for _, b := range ctx.before {
		if b.Name != "umask" || len(b.Args) != 2 || b.Args[1].Dynamic || len(b.Via) > len(inv.Via) || !slices.Equal(b.Via, inv.Via[:len(b.Via)]) {
			continue
		}
		if !umaskInForce(ctx.text, b, inv) {
			continue
		}
		if m, err := strconv.ParseUint(b.Args[1].Value, 8, 32); err == nil {
			// The mask's read bits for group (040) and others (004).
			return m&044 == 044
		}
	}
	return false
}

// umaskInForce reports whether the umask b still holds where inv runs:
// it is followed by ;, && or a new line, not a pipe or &, which run it in a
// subshell of its own, and no subshell it is in closes before inv.
func umaskInForce(text string, b, inv *parse.Invocation) bool {
	from, to := b.Pos.Offset, inv.Pos.Offset
	if from < 0 || to > len(text) || from >= to {
		return false
	}
	i := strings.Index(text[from:to], b.Text)
	if i < 0 {
		return false
	}
	between := text[from+i+len(b.Text) : to]
	rest := strings.TrimLeft(between, " \t")
	if !strings.HasPrefix(rest, ";") && !strings.HasPrefix(rest, "&&") && !strings.HasPrefix(rest, "\n") {
		return false
	}
	depth := 0
	for _, c := range between {
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return true
}
