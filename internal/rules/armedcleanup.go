package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Cleanup tools delete by a rule (older than, untagged, unreferenced,
// stale) rather than by name, and most of them only report what they
// would delete until an option arms them: pypi-cleanup --do-it, registry
// garbage-collect --delete-untagged, doctl registry garbage-collection
// start --include-untagged-manifests, acmectl cleanup --no-dry-run,
// DRY_RUN=false ./scripts/registry-gc.sh. Cleanup alone stays everyday
// (make clean, cargo clean, brew cleanup): the armed-cleanup matcher
// asks when a cleanup word is in the program's name or its subcommand
// path and an option or assignment turns the deletion on.
//
// Access is taken away by an option as often as by a verb: gem owner
// NAME --remove bob, cargo owner --remove alice NAME. The access-removed
// matcher asks when a word of the subcommand path names who holds access
// (owner, member, collaborator, maintainer, admin) and an option removes
// one; adding and listing pass.

// cleanupParts are the word parts that name a cleanup by rule.
var cleanupParts = []string{"cleanup", "clean", "cleaner", "gc", "sweep", "sweeper", "reap", "reaper", "janitor", "housekeeping", "housekeep", "retention", "garbagecollect", "garbagecollection", "prune", "pruner", "purge", "purger"}

// cleanupAffixes are the cleanup words that also count glued to another
// word (regclean, imagepruner, ghcrcleanup).
var cleanupAffixes = []string{"cleanup", "cleaner", "clean", "pruner", "prune", "purger", "purge", "janitor", "reaper", "sweeper"}

// shortArming returns the one-letter option that arms a particular
// program's cleanup, or "": registry garbage-collect -m deletes untagged
// manifests.
func shortArming(name string) string {
	if name == "registry" {
		return "-m"
	}
	return ""
}

// armingOptions are the option names, without dashes, that make a cleanup
// delete instead of reporting: its dry run turned off, a confirmation, or
// manifests no tag names swept too.
var armingOptions = []string{"no-dry-run", "no-dryrun", "nodryrun", "do-it", "doit", "for-real", "really", "execute", "confirm", "yes-i-really-mean-it", "delete-untagged", "include-untagged", "include-untagged-manifests", "untagged", "remove-untagged"}

// armedScriptVerbs are the word parts of a script's name that say it
// removes, for a script armed by an option (uninstall_plugins.php --run,
// remove_stale_users.py --execute): without the option such scripts
// only report.
const armedScriptVerbs = "uninstall remove delete destroy purge drop wipe erase truncate nuke reset deprovision decommission deregister unregister revoke expunge obliterate teardown disable"

// armedVerbScript reports whether a script's file name holds one of
// armedScriptVerbs.
func armedVerbScript(script string) bool {
	if i := strings.LastIndexByte(script, '.'); i > 0 {
		script = script[:i]
	}
	var parts [maxParts]string
	n := splitParts(script, parts[:])
	for i := 0; i < n; i++ {
		if wordlist.Has(armedScriptVerbs, strings.ToLower(parts[i])) {
			return true
		}
	}
	return false
}

// runArming returns --run when it stands alone among the run's options,
// taking no value, as the scripts that only report until told to run
// write it (Moodle's admin/cli scripts); --run=TestX and --run TestX name
// tests to run.
func runArming(v *view) string {
	for i, f := range v.flags {
		if f == "--run" && !v.hasVal(i) {
			return f
		}
	}
	return ""
}

// dryRunVars are assignment and operand names that hold a script's dry
// run (DRY_RUN=false).
var dryRunVars = []string{"dry_run", "dryrun", "dry-run"}

func newArmedCleanup(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		arm, zero := armingWord(inv, v), ""
		if arm == "" {
			arm = runArming(v)
		}
		if arm == "" {
			zero = zeroAge(inv)
		}
		if arm == "" && zero == "" || v.set == nil || v.set.verbs == nil {
			return "", false
		}
		m := v.set.verbs
		name := v.name
		if name == "" || m.has(listExempt, name) || m.has(listPlain, name) {
			return "", false
		}
		var p subPath
		m.readPath(inv, v, &p)
		if m.allowedPath(name, p.words[:p.n]) {
			return "", false
		}
		what := ""
		if cleanupWord(name) {
			what = "program " + parse.Quote(name)
		} else if script := p.script[strings.LastIndexByte(p.script, '/')+1:]; script != "" && cleanupWord(script) {
			what = "script " + parse.Quote(p.script)
		} else if script != "" && arm != "" && armedVerbScript(script) {
			// admin/cli/uninstall_plugins.php --run: a script that
			// reports what it would remove until an option arms it.
			what = "script " + parse.Quote(p.script) + ", named for removing,"
		} else if arm != "" && hasScriptExt(name) && armedVerbScript(name) {
			what = "script " + parse.Quote(name) + ", named for removing,"
		}
		if what == "" && m.has(listPlaybooks, name) {
			// ansible-playbook ad-cleanup.yml -e dry_run=false: the
			// playbook is the cleanup, and its dry run is an extra
			// variable.
			what = armedPlaybook(v, arm != "")
		}
		// The leading bare words, read past a benign verb, which may
		// hold the cleanup itself (gcloud artifacts repositories
		// set-cleanup-policies).
		for i, op := range v.operands {
			if i >= maxPath || op.Dynamic || !bareWord(op.Value) {
				break
			}
			if m.has(listLocal, op.Value) {
				// npm cache clean --force: the tool's own cache.
				return "", false
			}
			if what == "" && cleanupWord(op.Value) {
				what = "subcommand word " + parse.Quote(op.Value)
			}
		}
		if what == "" {
			return "", false
		}
		if _, pre := v.set.preview(inv, v); pre || pythonDryRun(inv, v, &p) {
			return "", false
		}
		if zero != "" {
			return fmt.Sprintf("the %s deletes by age, and %s keeps nothing: it deletes everything it covers, not only the old", what, parse.Quote(zero)), true
		}
		return fmt.Sprintf("the %s deletes by a rule, and %s makes it delete rather than report", what, parse.Quote(arm)), true
	}, nil
}

// armedPlaybook returns how to name the playbook file among the
// operands whose name says it cleans up, or with armed, removes, or "".
func armedPlaybook(v *view, armed bool) string {
	for _, op := range v.operands {
		if op.Dynamic || !strings.ContainsAny(op.Value, "./") {
			continue
		}
		file := op.Value[strings.LastIndexByte(op.Value, '/')+1:]
		if i := strings.LastIndexByte(file, '.'); i > 0 {
			file = file[:i]
		}
		if file != "" && cleanupWord(file) {
			return "playbook " + parse.Quote(op.Value)
		}
		if file != "" && armed && armedVerbScript(file) {
			return "playbook " + parse.Quote(op.Value) + ", named for removing,"
		}
	}
	return ""
}

// cleanupWord reports whether a word names a cleanup: one of its parts
// does, or two neighbouring parts spell garbage collection.
func cleanupWord(w string) bool {
	var parts [maxParts]string
	n := splitParts(w, parts[:])
	for i := 0; i < n; i++ {
		part := strings.ToLower(parts[i])
		if slices.Contains(cleanupParts, part) {
			return true
		}
		for _, a := range cleanupAffixes {
			if len(part) > len(a)+2 && (strings.HasPrefix(part, a) || strings.HasSuffix(part, a)) {
				return true
			}
		}
		if part == "garbage" && i+1 < n && strings.HasPrefix(strings.ToLower(parts[i+1]), "collect") {
			return true
		}
	}
	return false
}

// armingWord returns the option, assignment or operand that arms a
// cleanup, or "".
func armingWord(inv *parse.Invocation, v *view) string {
	short := shortArming(v.name)
	for _, f := range v.flags {
		if short != "" && f == short {
			return f
		}
		name, val, hasVal := strings.Cut(f, "=")
		bare := strings.ToLower(strings.TrimLeft(name, "-"))
		if isDryRun(bare) && hasVal && falsy(val) {
			return f
		}
		if slices.Contains(armingOptions, bare) && (!hasVal || !falsy(val)) {
			return f
		}
		if hasVal && structuredDryRunOff(val) {
			return f
		}
	}
	for _, val := range v.vals {
		if structuredDryRunOff(val) {
			return val
		}
	}
	for _, a := range inv.Assigns {
		if slices.Contains(dryRunVars, strings.ToLower(a.Name)) && !a.Value.Dynamic && falsy(a.Value.Value) {
			return a.Name + "=" + a.Value.Value
		}
	}
	for _, op := range v.operands {
		name, val, ok := strings.Cut(op.Value, "=")
		if ok && !op.Dynamic && slices.Contains(dryRunVars, strings.ToLower(name)) && falsy(val) {
			return op.Value
		}
	}
	return ""
}

// ageOptions are the options that give a cleanup the age beyond which it
// deletes, in days or as a duration (Galaxy's cleanup_datasets.py -d,
// --older-than 30d, --keep-days).
// --keep 0 and --keep-last 0 keep none of what it covers.
const ageOptions = "-d --days --days-old --older-than --older --age --max-age --min-age --keep-days --retention-days --retention --keep-for --days-to-keep --keep --keep-last"

// zeroAge returns the option and value that set a cleanup's age limit to
// zero (-d 0, --older-than=0d), or "": everything the cleanup covers is
// then old enough to delete.
func zeroAge(inv *parse.Invocation) string {
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic || len(a.Value) < 2 || a.Value[0] != '-' {
			// Every age option starts with a dash: most words are
			// passed over without searching the list.
			continue
		}
		name, val, eq := strings.Cut(a.Value, "=")
		if !wordlist.Has(ageOptions, name) {
			continue
		}
		if !eq {
			if i+1 >= len(args) || args[i+1].Dynamic {
				continue
			}
			val = args[i+1].Value
		}
		if zeroDuration(val) {
			if eq {
				return a.Value
			}
			return a.Value + " " + val
		}
	}
	return ""
}

// zeroDuration reports whether a value is a duration of zero: 0, 00,
// 0.0, 0d, 0h, 0days.
func zeroDuration(s string) bool {
	i := 0
	for i < len(s) && (s[i] == '0' || s[i] == '.' && i > 0) {
		i++
	}
	if i == 0 {
		return false
	}
	for _, c := range s[i:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// accessNouns are the path words that name who holds access to a thing.
var accessNouns = []string{"owner", "owners", "member", "members", "collaborator", "collaborators", "maintainer", "maintainers", "admin", "admins", "moderator", "moderators"}

// accessRemovers are the options that take a holder away.
var accessRemovers = []string{"--remove", "-r", "--revoke", "--remove-owner", "--remove-member"}

func newAccessRemoved(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		opt := ""
		for _, f := range v.flags {
			name, _, _ := strings.Cut(f, "=")
			if slices.Contains(accessRemovers, name) {
				opt = f
				break
			}
		}
		if opt == "" || v.set == nil || v.set.verbs == nil {
			return "", false
		}
		m := v.set.verbs
		if m.has(listExempt, v.name) || m.has(listPlain, v.name) {
			return "", false
		}
		var p subPath
		m.readPath(inv, v, &p)
		for i := 0; i < p.n; i++ {
			if slices.Contains(accessNouns, strings.ToLower(p.words[i])) {
				if _, pre := v.set.preview(inv, v); pre {
					return "", false
				}
				return fmt.Sprintf("the subcommand %q with %s takes someone's access away", p.String(), opt), true
			}
		}
		return "", false
	}, nil
}

// newDispatchArmed matches a CI/CD run that a command starts, named for a
// cleanup (a workflow file, job, pipeline or variable holding a cleanup
// word), with a dry run among its inputs set off: gh workflow run
// cleanup-packages.yml -f dry_run=false.
func newDispatchArmed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		named, off := "", ""
		for _, a := range inv.Own()[1:] {
			if a.Dynamic {
				continue
			}
			for _, field := range strings.FieldsFunc(a.Value, func(r rune) bool {
				return strings.ContainsRune("/,;@ \"'{}[]", r)
			}) {
				name, val, ok := strings.Cut(field, "=")
				if !ok {
					name, val, ok = strings.Cut(field, ":")
				}
				if ok && slices.Contains(dryRunVars, strings.ToLower(name)) && falsy(val) {
					off = field
				} else if named == "" && cleanupWord(field) {
					named = a.Value
				}
			}
		}
		if named == "" || off == "" {
			return "", false
		}
		return fmt.Sprintf("the run it starts is named for a cleanup (%s), with %s", parse.Quote(named), parse.Quote(off)), true
	}, nil
}
