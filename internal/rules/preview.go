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
// Some previews hold for every rule, whatever it judges (sure): a help
// request the program reads as one, the tool's own spelling of a dry run
// (its [tool] table's dry_run: bq --dry_run, alembic --sql), and a
// subcommand that only lists what it would destroy unless an option
// confirms it (preview_unless: wal-g delete without --confirm). A help
// request counts there only where the program cannot read it as an
// operand: before the first operand for programs whose options may end
// there (options_first: rm, redis-cli, Go's flag package), -h only as the
// last argument or before another option, and help only for programs
// with a help subcommand (help_commands). Rules that judge a redirection
// (a help request still writes its output), rules that deny, and the
// analysis rules are not relaxed by it.
//
// This holds only for programs that honour these options: a shell script,
// or a script runner such as npm run, passes them on to code that may not
// read them, so for those programs (no_dry_run in the verb model) a
// preview option changes nothing, unless the script is a framework's
// command line (clis: python manage.py flush --help). A --dry-run that is
// the value of another option (--message --dry-run) does not count
// either: the tool's value_flags say which options take a value.

// isDryRun reports whether an option name, without dashes, is a common
// spelling of a dry run.
func isDryRun(name string) bool {
	var buf [64]byte
	switch string(lowerASCII(&buf, name)) {
	case "dry-run", "dryrun", "dry_run", "dry", "simulate", "what-if", "whatif", "noop", "no-op", "preview-only", "plan-only":
		return true
	}
	return false
}

// dryRunOff reports whether the run's last spelling of a dry run turns
// it off (--dry-run=none, --dry-run=false, --no-dry-run), so that an
// earlier --dry-run=client does not make it a preview.
func (v *view) dryRunOff() bool {
	off := false
	for _, f := range v.flags {
		name, val, hasVal := strings.Cut(f, "=")
		bare := strings.TrimLeft(name, "-")
		if isDryRun(bare) {
			off = hasVal && falsy(val)
		} else if rest, ok := strings.CutPrefix(bare, "no-"); ok && isDryRun(rest) {
			off = true
		}
	}
	return off
}

// notFlag is hasFlagExact for a rule's not_flags, except that a dry run
// a later option turns off, or one the tool ignores for a raw request,
// does not rule the rule out.
func (v *view) notFlag(specs []string) (string, bool) {
	f, ok := v.hasFlagExact(specs)
	if !ok || !dryRunSpelling(f) || !v.dryRunOff() && !rawRequest(v.tool, v) {
		return f, ok
	}
	rest := make([]string, 0, len(specs))
	for _, spec := range specs {
		if !dryRunSpelling(spec) {
			rest = append(rest, spec)
		}
	}
	return v.hasFlagExact(rest)
}

// dryRunSpelling reports whether an option word, with or without its
// value, is a common spelling of a dry run.
func dryRunSpelling(f string) bool {
	name, _, _ := strings.Cut(f, "=")
	return isDryRun(strings.TrimLeft(name, "-"))
}

// previewTool returns the tool table that reads the run's options, and
// whether the program passes them on to code that may not read them.
func (s *Set) previewTool(inv *parse.Invocation, v *view) (*Tool, bool) {
	if s.verbs == nil {
		return v.tool, false
	}
	if cli := s.cliScript(inv, v); cli != "" {
		return s.tool(cli), false
	}
	return v.tool, s.verbs.ignoresPreview(inv)
}

// cliScript returns the framework command line a run names, by its own
// name (./manage.py) or as an interpreter's script (python manage.py), or
// "".
func (s *Set) cliScript(inv *parse.Invocation, v *view) string {
	m := s.verbs
	if m.has(listClis, v.name) {
		return v.name
	}
	if !m.has(listNoDryRun, v.name) && !m.has(listScripts, v.name) || len(v.operands) == 0 || v.operands[0].Dynamic {
		return ""
	}
	for _, f := range v.flags {
		// Code given on the command line (-c, -e, -m, -Bc) owns the
		// arguments after it.
		if len(f) > 1 && f[1] != '-' && strings.ContainsAny(f[1:], "cemr") {
			return ""
		}
	}
	script := v.operands[0].Value
	if i := strings.LastIndexByte(script, '/'); i >= 0 {
		script = script[i+1:]
	}
	if m.has(listClis, script) {
		return script
	}
	return ""
}

// preview reports whether the invocation only previews or shows help, and
// which word says so. Every rule with preview set asks it of the same
// view, so the answer is kept in the view.
func (s *Set) preview(inv *parse.Invocation, v *view) (string, bool) {
	if !v.previewDone {
		v.previewDone = true
		v.previewWord, v.previews = s.previewOf(inv, v)
	}
	return v.previewWord, v.previews
}

// previewOf is preview, worked out.
func (s *Set) previewOf(inv *parse.Invocation, v *view) (string, bool) {
	s.sureOf(inv, v)
	tool := v.sureTool
	if v.sureIgnores {
		return s.scriptHelp(v)
	}
	if v.sureOK {
		return v.sure, true
	}
	var valueFlags []string
	if tool != nil {
		valueFlags = tool.ValueFlags
	}
	// The last spelling of a dry run decides, as the option parsers of
	// kubectl, cobra, click and argparse read a repeated option:
	// --dry-run=client --dry-run=none runs for real, and so does
	// --dry-run --no-dry-run.
	dry := ""
	for _, f := range v.flags {
		name, val, hasVal := strings.Cut(f, "=")
		bare := strings.TrimLeft(name, "-")
		if isDryRun(bare) {
			if hasVal && falsy(val) {
				dry = ""
			} else {
				dry = f
			}
			continue
		}
		if rest, ok := strings.CutPrefix(bare, "no-"); ok && isDryRun(rest) {
			dry = ""
			continue
		}
		switch {
		case name == "--help" || name == "-help":
			return f, true
		case f == "-h" && !slices.Contains(valueFlags, "-h") && !hostOption(inv):
			return f, true
		}
	}
	if dry != "" && !rawRequest(tool, v) {
		return dry, true
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

// scriptHelp reports whether a script, or an interpreter running one,
// is asked for its help with --help among its own options: scripts and
// the tools they wrap answer --help with their usage (argparse, getopts,
// a Java tool's wrapper such as kafka-delete-records.sh, Moodle's
// admin/cli scripts), so a script named for deleting shows how it
// deletes. A dry run passed on to a script still counts for nothing, and
// so does --help after --, which a runner hands on (npm run x -- --help),
// or beside code given on the command line (bash -c CODE --help), which
// the code owns.
func (s *Set) scriptHelp(v *view) (string, bool) {
	if s.verbs == nil || s.verbs.has(listOptionsFirst, v.name) || s.verbs.has(listTargets, v.name) {
		return "", false
	}
	help := ""
	for _, f := range v.flags {
		if s.verbs.isCodeFlag(f) {
			return "", false
		}
		if f == "--help" {
			help = f
		}
	}
	return help, help != ""
}

// rawRequest reports whether the run carries one of its tool's raw
// options, which send a request as written whatever the dry run says.
func rawRequest(tool *Tool, v *view) bool {
	if tool == nil || len(tool.Raw) == 0 {
		return false
	}
	for _, f := range v.flags {
		name, _, _ := strings.Cut(f, "=")
		if slices.Contains(tool.Raw, name) {
			return true
		}
	}
	return false
}

// sure reports whether the invocation changes nothing whatever a rule
// judges in it, and which word says so.
func (s *Set) sure(inv *parse.Invocation, v *view) (string, bool) {
	s.sureOf(inv, v)
	return v.sure, v.sure != ""
}

// sureOf works out, once for the view, the tool table previews are read
// with, whether the run ignores previews, and sureTool's answer: preview
// and sure both start with them.
func (s *Set) sureOf(inv *parse.Invocation, v *view) {
	if v.sureDone {
		return
	}
	v.sureDone = true
	v.sureTool, v.sureIgnores = s.previewTool(inv, v)
	if !v.sureIgnores {
		v.sure, v.sureOK = s.sureTool(inv, v, v.sureTool)
	}
}

// sureTool is sure once the tool table is known.
func (s *Set) sureTool(inv *parse.Invocation, v *view, tool *Tool) (string, bool) {
	if tool != nil {
		if f, ok := ownDryRun(tool, v); ok {
			return f, true
		}
		if f, ok := unconfirmed(tool, v); ok {
			return f, true
		}
	}
	return s.help(inv, v, tool)
}

// ownDryRun reports whether one of the tool's own spellings of a dry run
// is present: an exact option, a short option inside a cluster, or a
// prefix written with its = (-dryRunOutput=).
func ownDryRun(tool *Tool, v *view) (string, bool) {
	if len(tool.DryRun) == 0 {
		return "", false
	}
	for _, f := range v.flags {
		for _, e := range tool.DryRun {
			if i := strings.LastIndexByte(e, ' '); i >= 0 {
				// "rsync -n": the option is a dry run only in that
				// subcommand (gsutil rsync -n; gsutil cp -n is no-clobber).
				if !operandsStart(v, e[:i]) {
					continue
				}
				e = e[i+1:]
			}
			switch {
			case f == e:
				return f, true
			case strings.HasSuffix(e, "=") && strings.HasPrefix(f, e) && len(f) > len(e):
				return f, true
			case len(e) == 2 && e[0] == '-' && len(f) > 2 && f[1] != '-' && clusterHas(f, e[1], tool.ValueFlags):
				return f, true
			}
		}
	}
	return "", false
}

// operandsStart reports whether the run's operands start with the words
// of a subcommand, ignoring case.
func operandsStart(v *view, sub string) bool {
	i := 0
	for _, w := range strings.Fields(sub) {
		if i >= len(v.operands) || v.operands[i].Dynamic || !strings.EqualFold(v.operands[i].Value, w) {
			return false
		}
		i++
	}
	return true
}

// unconfirmed reports whether the run is a subcommand of the tool's
// preview_unless without the option that confirms it.
func unconfirmed(tool *Tool, v *view) (string, bool) {
	for _, entry := range tool.PreviewUnless {
		words := strings.Fields(entry)
		if len(words) == 0 {
			continue
		}
		opt, words := words[len(words)-1], words[:len(words)-1]
		if len(v.operands) < len(words) {
			continue
		}
		ok := true
		for i, w := range words {
			if o := v.operands[i]; o.Dynamic || w != "*" && !strings.EqualFold(o.Value, w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if _, has := v.hasFlag([]string{opt}); has {
			return "", false
		}
		return "no " + opt, true
	}
	return "", false
}

// help reports whether the run asks for help in a way the program cannot
// read as anything else.
func (s *Set) help(inv *parse.Invocation, v *view, tool *Tool) (string, bool) {
	var valueFlags []string
	if tool != nil {
		valueFlags = tool.ValueFlags
	}
	first := s.verbs != nil && s.verbs.has(listOptionsFirst, v.name)
	known := false
	if s.verbs != nil {
		name := v.name
		if cli := s.cliScript(inv, v); cli != "" {
			name = cli
		}
		known = s.verbs.has(listHelpCommands, name)
	}
	for i := 1; i < len(inv.Args); i++ {
		a := inv.Args[i]
		if a.Dynamic {
			if first {
				break
			}
			continue
		}
		if a.Value == "--" {
			break
		}
		// A negative number is an operand: kill -9 -1 --help.
		if len(a.Value) < 2 || a.Value[0] != '-' || strings.Trim(a.Value, "-0123456789") == "" {
			if first {
				break
			}
			continue
		}
		if !strings.Contains(a.Value, "=") && slices.Contains(valueFlags, a.Value) {
			i++
			continue
		}
		if a.Value == "--help" {
			return a.Value, true
		}
		// -h is help only for the programs known to read it so (it is
		// --headers to HTTPie, no-dereference to chown, halt to
		// shutdown), and not where it could take the next word.
		if a.Value == "-h" && known && (i == len(inv.Args)-1 || strings.HasPrefix(inv.Args[i+1].Value, "-") && !inv.Args[i+1].Dynamic) {
			return a.Value, true
		}
	}
	if !first && known && len(v.operands) > 0 && !v.operands[0].Dynamic && v.operands[0].Value == "help" {
		return "help", true
	}
	return "", false
}

// relaxedBySure reports whether a rule that does not read previews is
// still relaxed by a sure one for this invocation: not a rule that denies,
// judges a parser problem or a redirection, and not when the invocation
// writes a file by redirection, which happens whatever the program does.
func (r *Rule) relaxedBySure(inv *parse.Invocation) bool {
	if r.problem != 0 || r.Action == Deny || r.redirs != 0 {
		return false
	}
	for _, rd := range inv.Redirs {
		if !rd.Writes() {
			continue
		}
		switch t := rd.Target; {
		case t.Dynamic:
			return false
		case rd.Op == ">&" && t.Value != "" && strings.Trim(t.Value, "0123456789-") == "":
		case t.Value == "/dev/null" || t.Value == "/dev/stdout" || t.Value == "/dev/stderr":
		default:
			return false
		}
	}
	return true
}

// hostOption reports whether -h takes the next word, as the host of a
// client (mosquitto_ctrl -h broker, influx -h db1): -h followed by a word
// that is not an option is a value, not a request for help.
func hostOption(inv *parse.Invocation) bool {
	for i := 1; i+1 < len(inv.Args); i++ {
		if inv.Args[i].Value == "-h" && !inv.Args[i].Dynamic {
			next := inv.Args[i+1]
			return next.Dynamic || !strings.HasPrefix(next.Value, "-")
		}
	}
	return false
}
