package rules

import (
	"fmt"
	"strings"
)

// Severity says how much damage a matching command can do.
type Severity uint8

// The severities, least severe first.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = [...]string{"", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if int(s) < len(severityNames) && s > 0 {
		return severityNames[s]
	}
	return "unknown"
}

// ParseSeverity returns the severity with the given name.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && n == s {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Action is what happens to a command that matches a rule.
type Action uint8

// The actions, least strict first.
const (
	Allow Action = iota
	Confirm
	Deny
)

var actionNames = [...]string{"allow", "confirm", "deny"}

func (a Action) String() string {
	if int(a) < len(actionNames) {
		return actionNames[a]
	}
	return "unknown"
}

// ParseAction returns the action with the given name.
func ParseAction(s string) (Action, error) {
	for i, n := range actionNames {
		if n == s {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("unknown action %q (want allow, confirm or deny)", s)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Action) UnmarshalText(b []byte) error {
	v, err := ParseAction(string(b))
	*a = v
	return err
}

// MarshalText implements encoding.TextMarshaler.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Rule is one rule as written in a pack or config file.
type Rule struct {
	ID       string   `toml:"id"`
	Pack     string   `toml:"-"`
	Severity Severity `toml:"severity"`
	// Action is what happens on a match; a rule that does not name one
	// asks for confirmation.
	Action     Action `toml:"-"`
	ActionName string `toml:"action"`
	Reason     string `toml:"reason"`
	Hint       string `toml:"hint"`

	// Programs are the program names the rule applies to; "*" is any
	// program, and "!name" excludes one.
	Programs []string `toml:"programs"`
	// Command lists subcommands, as space-separated words, one of which
	// must start the operands: "delete", "db drop".
	Command []string `toml:"command"`
	// Flags: at least one of these options is given. NotFlags: none is.
	Flags    []string `toml:"flags"`
	NotFlags []string `toml:"not_flags"`
	// AlsoFlags: at least one of these is given too, for rules that need
	// two options (rm -r ... --no-preserve-root).
	AlsoFlags []string `toml:"also_flags"`
	// Args: some argument after the subcommand matches one of these
	// patterns (path.Match syntax, case-insensitive). NotArgs: none does.
	Args    []string `toml:"args"`
	NotArgs []string `toml:"not_args"`
	// AlsoArgs: some argument matches one of these patterns too, for rules
	// that need a noun and a verb (snapshot ... delete).
	AlsoArgs []string `toml:"also_args"`
	// Paths: some path operand is in one of these classes. PathSkip
	// operands are skipped first (chmod's mode); PathPrefix picks the
	// operands that carry a path after a prefix (dd's of=).
	Paths      []string `toml:"paths"`
	PathSkip   int      `toml:"path_skip"`
	PathPrefix string   `toml:"path_prefix"`
	// Redirects: some redirection writes to a file in one of these path
	// classes.
	Redirects []string `toml:"redirects"`
	// Reads: some input redirection reads a file in one of these classes.
	Reads []string `toml:"reads"`
	// Env: some NAME=pattern assignment before the program matches.
	Env []string `toml:"env"`
	// Stdin: what the program reads on stdin is "known" or "unknown".
	Stdin string `toml:"stdin"`
	// Remote: the program runs on another host or in a container.
	Remote bool `toml:"remote"`
	// Problem names a parser problem the rule catches: parse-error,
	// too-large, too-deep, dynamic-program, dynamic-code, unknown-input.
	Problem string `toml:"problem"`
	// Matcher names a predicate written in Go, with parameters in With.
	Matcher string         `toml:"matcher"`
	With    map[string]any `toml:"with"`
	// OnlyProd restricts the rule to invocations with a production marker.
	OnlyProd bool `toml:"only_prod"`
	// Preview: the rule does not match a run that only previews or shows
	// help (--dry-run in any spelling, --help, a help operand), unless the
	// program does not honour them. See preview.go.
	Preview bool `toml:"preview"`
	// Fallback: the rule applies only to invocations that no rule naming
	// their program matched, as the verb model does.
	Fallback bool `toml:"fallback"`
	// State names a check of the disk or git state that decides, when
	// the state can be read, whether the rule matches (see state.go).
	// StateOnly makes the rule match only when the state can be read.
	State     string `toml:"state"`
	StateOnly bool   `toml:"state_only"`
	// Destroys says what the command destroys on this machine, "files" or
	// "git": its findings get a blast radius, and a checkpoint is taken
	// before such a command runs.
	Destroys string `toml:"destroys"`

	// Match and NoMatch are example commands that must, and must not,
	// trigger this rule.
	Match   []string `toml:"match"`
	NoMatch []string `toml:"nomatch"`

	// compiled state
	args        []string // Args, AlsoArgs, NotArgs and Env in lower case
	alsoArgs    []string
	notArgs     []string
	env         []string
	programs    []string
	notPrograms []string
	problem     uint8
	match       matchFunc
	lazy        *lazyMatch // a generated rule's matcher, made when first needed
	commands    [][]string
	classes     classSet
	redirs      classSet
	reads       classSet
	source      string // file that defined or last changed the rule
	floor       Action // the least strict action allowed by a locking file
	locked      string // the file that set the floor
	shared      bool   // a generated rule, shared by every set: copy it to change it
}

// Tool describes the option grammar of a program, so that subcommands and
// operands can be told apart from option values.
type Tool struct {
	// ValueFlags are options that take the next argument as their value.
	ValueFlags []string `toml:"value_flags"`
	// LongSingleDash reports that the tool spells long options with one
	// dash (terraform -auto-approve, find -delete), so that -abc is not a
	// cluster of short options.
	LongSingleDash bool `toml:"long_single_dash"`
	// OptionsAfterDashes reports that the words after -- are the command
	// line of the program the tool runs for it, whose options act as the
	// tool's own: terragrunt run -- apply -destroy runs terraform apply
	// -destroy. Rules read options there too.
	OptionsAfterDashes bool `toml:"options_after_dashes"`
	// Abbrev reports that the tool accepts any unambiguous prefix of a long
	// option (git, GNU getopt_long): git push --forc is --force.
	Abbrev bool `toml:"abbrev"`
	// DryRun lists the tool's own spellings of a dry run beyond the common
	// ones (--dry-run, --dryrun, --simulate, ...): -n for rsync. An entry
	// with words before the option holds only in that subcommand:
	// "rsync -n" for gsutil, whose cp -n is no-clobber.
	DryRun []string `toml:"dry_run"`
	// PreviewUnless lists subcommands that only list what they would
	// destroy unless an option confirms it, as the subcommand's words
	// ("*" for any word) followed by that option: "delete --confirm" for
	// wal-g, "* purge --force" for duply. Run without the option, they are
	// a preview for every rule.
	PreviewUnless []string `toml:"preview_unless"`
	// Quiet lists options that, for this tool, change nothing about what
	// a deletion of named things removes: they skip its question or stop
	// what runs first (lxc delete --force, vagrant destroy -f). Named
	// throwaway targets stay throwaway with them (disposable.go).
	Quiet []string `toml:"quiet"`
	// Raw lists options with which the tool sends a request as written and
	// ignores its dry-run option: kubectl delete --raw PATH deletes what
	// PATH names even with --dry-run=client. With one of them a dry-run
	// spelling is no preview (help still is).
	Raw []string `toml:"raw"`
}

// String returns the rule's id.
func (r *Rule) String() string { return r.ID }

// Source returns the file that defined the rule or last changed it.
func (r *Rule) Source() string { return r.source }

// Locked returns the system file that locked the rule's action, so that
// nothing may relax it, or "" when the rule is not locked.
func (r *Rule) Locked() string {
	if r.floor > Allow {
		return r.locked
	}
	return ""
}

// Summary describes the rule's conditions in one line, for guard rules show.
func (r *Rule) Summary() string {
	var parts []string
	add := func(k string, v []string) {
		if len(v) > 0 {
			parts = append(parts, k+"="+strings.Join(v, ","))
		}
	}
	add("programs", r.Programs)
	add("command", r.Command)
	add("flags", r.Flags)
	add("also_flags", r.AlsoFlags)
	add("not_flags", r.NotFlags)
	add("args", r.Args)
	add("also_args", r.AlsoArgs)
	add("not_args", r.NotArgs)
	add("paths", r.Paths)
	add("redirects", r.Redirects)
	add("reads", r.Reads)
	add("env", r.Env)
	if r.Stdin != "" {
		parts = append(parts, "stdin="+r.Stdin)
	}
	if r.Problem != "" {
		parts = append(parts, "problem="+r.Problem)
	}
	if r.Matcher != "" {
		parts = append(parts, "matcher="+r.Matcher)
	}
	if r.OnlyProd {
		parts = append(parts, "only_prod")
	}
	if r.Preview {
		parts = append(parts, "preview")
	}
	if r.Fallback {
		parts = append(parts, "fallback")
	}
	if r.State != "" {
		parts = append(parts, "state="+r.State)
		if r.StateOnly {
			parts = append(parts, "state_only")
		}
	}
	if r.Destroys != "" {
		parts = append(parts, "destroys="+r.Destroys)
	}
	return strings.Join(parts, " ")
}

// CompiledFields calls set with the name and value of each field of the
// rule's compiled state that is not zero, for the generator of
// packs_gen.go. The rule must have been parsed by ParseFile. Its matcher,
// a function, is not among them.
func (r *Rule) CompiledFields(set func(name string, v any)) {
	set("Action", r.Action)
	set("Pack", r.Pack)
	set("source", r.source)
	set("shared", true)
	field := func(name string, v any, zero bool) {
		if !zero {
			set(name, v)
		}
	}
	field("args", r.args, len(r.args) == 0)
	field("alsoArgs", r.alsoArgs, len(r.alsoArgs) == 0)
	field("notArgs", r.notArgs, len(r.notArgs) == 0)
	field("env", r.env, len(r.env) == 0)
	field("programs", r.programs, len(r.programs) == 0)
	field("notPrograms", r.notPrograms, len(r.notPrograms) == 0)
	field("problem", r.problem, r.problem == 0)
	field("commands", r.commands, len(r.commands) == 0)
	field("classes", uint32(r.classes), r.classes == 0)
	field("redirs", uint32(r.redirs), r.redirs == 0)
	field("reads", uint32(r.reads), r.reads == 0)
}
