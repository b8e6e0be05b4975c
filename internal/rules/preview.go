package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A run that only previews or shows help changes nothing: --dry-run in any
// of its spellings (--dry-run=client and =server too, but not =none or
// =false), --help, -h where the tool does not take -h as an option with a
// value, and help as the first operand or the last argument
// (aws ec2 terminate-instances help). Rules with preview = true and the
// verb model do not match such a run.
//
// This holds only for programs that honour these options: a shell script,
// or a script runner such as npm run, passes them on to code that may not
// read them, so for those programs (no_dry_run in the verb model) a
// preview option changes nothing. A --dry-run that is the value of another
// option (--message --dry-run) does not count either: the tool's
// value_flags say which options take a value.

// isDryRun reports whether an option name, without dashes, is a common
// spelling of a dry run.
func isDryRun(name string) bool {
	var buf [64]byte
	switch string(lowerASCII(&buf, name)) {
	case "dry-run", "dryrun", "dry_run", "dry", "simulate", "what-if", "whatif", "noop", "no-op", "preview-only":
		return true
	}
	return false
}

// preview reports whether the invocation only previews or shows help, and
// which word says so.
func (s *Set) preview(inv *parse.Invocation, v *view) (string, bool) {
	if s.verbs != nil && s.verbs.ignoresPreview(inv) {
		return "", false
	}
	var extra, valueFlags []string
	if v.tool != nil {
		extra, valueFlags = v.tool.DryRun, v.tool.ValueFlags
	}
	for _, f := range v.flags {
		name, val, hasVal := strings.Cut(f, "=")
		if slices.Contains(extra, f) {
			return f, true
		}
		if len(extra) > 0 && len(f) > 2 && f[1] != '-' {
			for _, e := range extra {
				if len(e) == 2 && e[0] == '-' && clusterHas(f, e[1], valueFlags) {
					return f, true
				}
			}
		}
		if hasVal && falsy(val) {
			continue
		}
		if isDryRun(strings.TrimLeft(name, "-")) {
			return f, true
		}
		switch {
		case name == "--help" || name == "-help":
			return f, true
		case f == "-h" && !slices.Contains(valueFlags, "-h"):
			return f, true
		}
	}
	if len(v.operands) > 0 && !v.operands[0].Dynamic && v.operands[0].Value == "help" {
		return "help", true
	}
	if n := len(inv.Args); n > 2 && inv.Args[n-1].Value == "help" && !inv.Args[n-1].Dynamic {
		// The last word, when it is an operand rather than the value of an
		// option.
		if len(v.operands) > 0 && v.opIndex[len(v.opIndex)-1] == n-1 {
			return "help", true
		}
	}
	return "", false
}
