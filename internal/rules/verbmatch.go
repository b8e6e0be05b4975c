package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// newVerbs is the matcher of the verb model. It takes no parameters: the
// model is the set's, built from the [verbs] tables.
func newVerbs(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.set == nil || v.set.verbs == nil {
			return "", false
		}
		detail, ok := v.set.verbs.match(inv, v, ctx)
		if !ok {
			return "", false
		}
		if _, pre := v.set.preview(inv, v); pre {
			return "", false
		}
		return detail, true
	}, nil
}

// match applies the model to one invocation.
func (m *verbModel) match(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
	name := v.name
	if name == "" || m.has(listExempt, name) || m.has(listPlain, name) {
		return "", false
	}
	var p subPath
	m.readPath(inv, v, &p)
	if pythonDryRun(inv, v, &p) {
		// python3 scripts/purge_old.py --dry-run: Python's argument
		// parsers refuse an option the script does not define.
		return "", false
	}
	// An exception is for one thing removed (docker rm web, redis-cli DEL
	// key); with operands only known at run time, from xargs, it is a
	// mass removal and judged as any other.
	// A listing narrowed to stopped containers or to one CI run's
	// (docker ps -aq --filter status=exited | xargs docker rm) is not one:
	// listedcontainers.go.
	if p.module && !inv.MoreArgs && m.allowedPath(p.script, p.words[:p.n]) {
		// python3 -m pip uninstall -y requests: the module's own
		// exceptions, as for pip uninstall.
		name = p.script
	}
	if (!inv.MoreArgs || listedNarrowly(inv, ctx)) && m.allowedPath(name, p.words[:p.n]) {
		// An exception is for the tool's own, careful way of removing one
		// thing; forced, all at once or for good (colima delete -f,
		// crictl rm -a, multipass delete --purge), it is not.
		f := m.voided(name, p.words[:p.n], v)
		if f == "" || toolQuiet(v, f) && m.disposableAfter(inv, v, ctx, m.allowedAt(name, &p)) {
			// Forced on a throwaway machine (vagrant destroy -f scratch):
			// machines.go.
			return "", false
		}
		return fmt.Sprintf("the subcommand %q with %s skips the tool's own question, removes everything at once, or removes for good", p.String(), f), true
	}
	if d, at, ok := m.pathVerb(name, inv, &p); ok && !scopedRun(inv, v, ctx) && !keepsNewestRuns(inv, &p) && !testScriptRun(inv, ctx) && (m.passesOn(inv, &p) || !m.disposableAfter(inv, v, ctx, at) && !localKubeContext(inv, ctx) && !scratchDbtOperation(inv, ctx)) {
		// A verb on things named as throwaway (acmectl sandbox delete
		// scratch-1), or in a cluster on this machine (skaffold delete
		// --kube-context kind-dev), destroys nothing a person would miss:
		// disposable.go, localkube.go.
		// A script or a runner hands the words to code that may read
		// them otherwise.
		return d, true
	}
	if d, ok := m.apiCall(inv, &p); ok {
		return d, true
	}
	if d, f, ok := m.optionVerb(name, v, &p); ok && !disposableOptionTargets(inv, ctx, f) {
		// kafka-topics --delete --topic test-orders: optiontargets.go.
		return d, true
	}
	if d, ok := m.slashOptionVerb(name, inv); ok {
		return d, true
	}
	if d, ok := m.replacingLoad(inv, v, ctx); ok {
		return d, true
	}
	if d, ok := m.optionTargets(name, inv); ok {
		return d, true
	}
	// A program on the PATH named for one verb (dropdb, shred) has rules
	// of its own; a script named so (./teardown.sh) is read.
	script := strings.Contains(inv.Args[0].Value, "/") || hasScriptExt(name)
	if d, ok := m.nameVerb(name, "program name", script); ok && !readsFirst(inv) {
		return d, true
	}
	if p.script != "" {
		if d, ok := m.nameVerb(p.script, "script name", true); ok {
			return d, true
		}
	}
	if m.has(listPlaybooks, name) {
		if d, ok := m.extraVars(inv); ok {
			return d, true
		}
		for _, a := range inv.Args[1:] {
			if !a.Dynamic && !strings.HasPrefix(a.Value, "-") && (strings.Contains(a.Value, "/") || strings.Contains(a.Value, ".")) {
				if d, ok := m.nameVerb(a.Value, "file it runs", true); ok {
					return d, true
				}
			}
		}
	}
	return "", false
}

// pathVerb looks for a destructive verb in the subcommand path, and for
// phrases across its words (migrate:fresh, tear down). It returns the
// index in the invocation's Args of the word that holds the verb.
func (m *verbModel) pathVerb(name string, inv *parse.Invocation, p *subPath) (string, int, bool) {
	var recent [maxPhrase]string // the last parts read, newest last
	nrecent := 0
	for wi := 0; wi < p.n; wi++ {
		word := p.words[wi]
		if m.isMore(name, word) || p.script != "" && m.isMore(scriptTool(p.script), word) {
			// php occ trashbin:cleanup: the script's own verbs.
			return m.verbDetail(word, p, wi), p.index[wi], true
		}
		var buf [maxParts]string
		parts := buf[:splitParts(word, buf[:])]
		for pi, part := range parts {
			if nrecent == len(recent) {
				copy(recent[:], recent[1:])
				nrecent--
			}
			recent[nrecent] = part
			nrecent++
			if !m.has(listDestroy, part) && m.gluedVerb(part) == "" && !m.fusedAt(inv, p, wi, part) {
				if m.isScoped(part) && m.scoped1(part, parts[pi+1:], inv, p.index[wi]) && !m.localNoun(p, wi, parts[pi+1:]) && !cachedPath(p, wi) {
					// records clear --all, but not cache clear --all.
					return m.verbDetail(part, p, wi), p.index[wi], true
				}
				if nrecent > 1 {
					if hit := m.endingPhrase(recent[:nrecent]); hit != "" {
						return fmt.Sprintf("the subcommand %q says %s", p.upTo(wi), hit), p.index[wi], true
					}
				}
				continue
			}
			if m.localNoun(p, wi, parts[pi+1:]) {
				return "", 0, false
			}
			if cacheVerbs.Get()[strings.ToLower(part)] && cachedPath(p, wi) {
				// cache:flush, cache clean, clear-cache: a cache is
				// refilled by what reads it.
				continue
			}
			if cancelled(parts[:pi]) {
				// cancel-key-deletion, abort-deletion: the word stops a
				// deletion that is under way.
				continue
			}
			if appends(inv, part) || recoverable(inv, part) {
				// az ad app credential reset --append: a new credential
				// is added and the old ones still work.
				continue
			}
			if m.asksAbout(inv, p, wi, part, parts[pi+1:]) {
				// purge status req-1, deletion-status, reset-password: a
				// question about the act, or an act on a password.
				continue
			}
			if pi+1 < len(parts) && m.has(listSafeguards, parts[pi+1]) {
				// delete-protection names a safeguard: enabling or reading
				// it is protective, turning it off is not.
				if d, ok := m.safeguard(inv, p, wi, pi > 0); ok {
					return d, p.index[wi], true
				}
				continue
			}
			return m.verbDetail(part, p, wi), p.index[wi], true
		}
	}
	if p.stop != "" && nrecent > 0 {
		// disk format vol-2: a phrase whose last word is a benign verb,
		// which ended the path.
		var buf [maxParts]string
		for _, part := range buf[:splitParts(p.stop, buf[:])] {
			if nrecent == len(recent) {
				copy(recent[:], recent[1:])
				nrecent--
			}
			recent[nrecent] = part
			nrecent++
			if hit := m.endingPhrase(recent[:nrecent]); hit != "" {
				return fmt.Sprintf("the subcommand %q says %s", p.String()+" "+p.stop, hit), p.index[p.n-1], true
			}
		}
	}
	return "", 0, false
}

// pythonDryRun reports whether a Python script is run with a dry run
// that no later option turns off. argparse, click and typer, which
// Python scripts read their options with, stop with an error at an
// option the script does not define, so a script given --dry-run either
// previews or runs nothing; a shell script or a Node one may ignore it.
func pythonDryRun(inv *parse.Invocation, v *view, p *subPath) bool {
	script := p.script
	if script == "" {
		script = inv.Args[0].Value
	} else if !pythonName(v.name) {
		return false
	}
	if !strings.HasSuffix(script, ".py") || inv.MoreArgs {
		return false
	}
	dry := false
	for _, f := range v.flags {
		name, val, hasVal := strings.Cut(f, "=")
		bare := strings.TrimLeft(name, "-")
		if strings.HasPrefix(name, "--") && isDryRun(bare) {
			dry = !hasVal || !falsy(val)
		} else if rest, ok := strings.CutPrefix(bare, "no-"); ok && isDryRun(rest) {
			dry = false
		}
	}
	return dry
}

// pythonName reports whether a program name is a Python interpreter's:
// python, python3, python3.12, pypy3.
func pythonName(name string) bool {
	for _, pre := range [...]string{"python", "pypy"} {
		if rest, ok := strings.CutPrefix(name, pre); ok {
			return strings.Trim(rest, "0123456789.") == ""
		}
	}
	return false
}

// appends reports whether a reset is told to add rather than replace:
// --append (az ad app credential reset --append, az ad sp credential
// reset --append) keeps what was there and adds a new one beside it.
func appends(inv *parse.Invocation, verb string) bool {
	if !strings.EqualFold(verb, "reset") {
		return false
	}
	for _, a := range inv.Args[1:] {
		if !a.Dynamic && (a.Value == "--append" || a.Value == "--append=true") {
			return true
		}
	}
	return false
}

// recoverableOptions are the options that make a delete move what it
// names to an archive or a trash the tool can restore it from (op item
// delete --archive, acmectl user delete --soft).
const recoverableOptions = "--archive --soft --soft-delete --trash --to-trash --move-to-trash --recoverable"

// recoverable reports whether a delete is told to keep what it removes
// where it can be restored: one of recoverableOptions, switched on, and
// not followed by an operand that could be its value (--archive NAME
// may name an archive to delete).
func recoverable(inv *parse.Invocation, verb string) bool {
	switch strings.ToLower(verb) {
	case "delete", "del", "remove", "rm":
	default:
		return false
	}
	args := inv.Args
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			continue
		}
		name, val, eq := strings.Cut(a.Value, "=")
		if !wordlist.Has(recoverableOptions, name) {
			continue
		}
		if eq {
			return truthy(val)
		}
		return i+1 == len(args) || !args[i+1].Dynamic && strings.HasPrefix(args[i+1].Value, "-")
	}
	return false
}

// safeguard judges a verb that a safeguard noun follows in word wi of the
// path (delete-protection): the safeguard is named, not the verb's act,
// when another part comes before them in the word (set-deletion-protection)
// or a later argument turns it on or reads it (delete-protection enable).
// A later argument that turns it off (disable, off, false) destroys, and
// so does the word alone (acmectl delete-protection prod may delete it).
func (m *verbModel) safeguard(inv *parse.Invocation, p *subPath, wi int, prefixed bool) (string, bool) {
	on := prefixed
	words := 0
	for _, a := range inv.Args[min(p.index[wi]+1, len(inv.Args)):] {
		if a.Dynamic {
			continue
		}
		if strings.HasPrefix(a.Value, "-") {
			// Options say nothing of the safeguard (--no-wait), but for
			// a value that switches it off (--enabled=false).
			if _, val, ok := strings.Cut(a.Value, "="); ok && falsy(val) {
				return fmt.Sprintf("the subcommand %q turns a safeguard off (%s)", p.upTo(wi), a.Value), true
			}
			continue
		}
		if words++; words > 4 {
			break
		}
		var buf [maxParts]string
		for _, part := range buf[:splitParts(a.Value, buf[:])] {
			switch {
			case m.has(listNegators, part) || m.has(listDestroy, part):
				return fmt.Sprintf("the subcommand %q turns a safeguard off (%s)", p.upTo(wi), strings.ToLower(part)), true
			case m.has(listEnablers, part) || m.has(listBenign, part):
				on = true
			}
		}
	}
	if on {
		return "", false
	}
	return fmt.Sprintf("the subcommand %q may remove a safeguard", p.upTo(wi)), true
}

// scoped1 reports whether a scoped verb has one of its scope words after
// it: in the rest of its word (db:migrate:undo:all), or in any later
// argument, options included (--all, --to=0, VERSION=0).
func (m *verbModel) scoped1(verb string, rest []string, inv *parse.Invocation, at int) bool {
	for _, r := range rest {
		if m.inScope(verb, r) {
			return true
		}
	}
	for _, a := range inv.Args[min(at+1, len(inv.Args)):] {
		s := a.Value
		if strings.HasPrefix(s, "-") {
			name, val, _ := strings.Cut(strings.TrimLeft(s, "-"), "=")
			if m.inScope(verb, name) || val != "" && m.inScope(verb, val) {
				return true
			}
			continue
		}
		if _, val, ok := strings.Cut(s, "="); ok && m.inScope(verb, val) {
			return true
		}
		if m.inScope(verb, s) {
			return true
		}
	}
	return false
}

// localNoun reports whether the verb at word wi acts on the tool's local
// state: an earlier whole word of the path is a local noun (pip cache
// purge), or a part after the verb in its own word is (delete-context).
func (m *verbModel) localNoun(p *subPath, wi int, after []string) bool {
	for i := 0; i < wi; i++ {
		if m.has(listLocal, p.words[i]) {
			return true
		}
	}
	for _, a := range after {
		if m.has(listLocal, a) {
			return true
		}
	}
	return false
}

func (m *verbModel) verbDetail(verb string, p *subPath, wi int) string {
	return fmt.Sprintf("the subcommand %q says %s", p.upTo(wi), strings.ToLower(verb))
}

// optionVerb looks for an option whose name says it destroys.
func (m *verbModel) optionVerb(name string, v *view, p *subPath) (string, string, bool) {
	if plansOnly(p) {
		// terraform plan -destroy, terragrunt run-all plan -destroy.
		return "", "", false
	}
	for _, f := range v.flags {
		n, val, hasVal := strings.Cut(f, "=")
		bare := strings.TrimLeft(n, "-")
		if len(bare) < 3 || hasVal && (falsy(val) || strings.EqualFold(val, "prompt")) {
			continue
		}
		if !m.option(listOptions, bare) && !destroyOption(bare) && !lossOptionIn(bare, v) || m.option(listBenignOptions, bare) {
			continue
		}
		return fmt.Sprintf("the option %s says %s", n, strings.ToLower(bare)), n, true
	}
	return "", "", false
}

// nameVerb looks for one of the strongest verbs in a program or script
// name: aws-nuke, ./scripts/drop-db.sh.
func (m *verbModel) nameVerb(name, what string, single bool) (string, bool) {
	base := name
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 && (isScriptExt(base[i+1:]) || isFileExt(base[i+1:])) {
		base = base[:i]
	}
	var parts [maxParts]string
	n := splitParts(base, parts[:])
	if n < 2 && !single {
		if v := m.suffixVerb(base); v != "" {
			return fmt.Sprintf("the %s %q ends in %s", what, base, v), true
		}
		if v := fusedVerb(base, true); v != "" {
			return fmt.Sprintf("the %s %q starts with %s", what, base, v), true
		}
		return "", false
	}
	for _, part := range parts[:n] {
		if cacheWords.Get()[strings.ToLower(part)] {
			// purge_caches.php, reset-cache.sh: what it empties is a cache.
			return "", false
		}
	}
	for _, part := range parts[:n] {
		if m.has(listNames, part) {
			return fmt.Sprintf("the %s %q says %s", what, base, strings.ToLower(part)), true
		}
	}
	if n == 1 {
		if v := fusedVerb(base, true); v != "" {
			return fmt.Sprintf("the %s %q starts with %s", what, base, v), true
		}
	}
	return "", false
}

// endingPhrase returns the phrase of the model that the recent words of
// a path end with (tear down, migrate fresh), or "".
func (m *verbModel) endingPhrase(recent []string) string {
	var hit string
	m.phrases(func(ph string) bool {
		if phraseEnds(recent, ph) {
			hit = ph
			return true
		}
		return false
	})
	return hit
}

// readVerbs are the subcommands that only read or show: a program named
// for a verb (cloud-nuke) does not do it when asked to inspect-aws.
const readVerbs = "get list ls show describe view status info inspect cat print display tail search find query explain diff validate lint check verify version help whoami plan preview report"

// readsFirst reports whether the first operand of inv, or its first part
// (inspect-aws), is one of readVerbs. The subcommand path stops before
// a benign word, so the operand is read from the arguments.
func readsFirst(inv *parse.Invocation) bool {
	for _, a := range inv.Args[1:] {
		if strings.HasPrefix(a.Value, "-") {
			continue
		}
		if a.Dynamic || strings.ContainsAny(a.Value, "./=@:") {
			// a file, a path, a key or a target: not a subcommand.
			return false
		}
		var parts [maxParts]string
		n := splitParts(a.Value, parts[:])
		return n > 0 && wordlist.Has(readVerbs, strings.ToLower(parts[0]))
	}
	return false
}

// suffixVerb returns the verb of the names list that a one-word program
// name ends in after a prefix naming what it acts on: ldapdelete,
// s3purge, kvnuke. The prefix is at least two letters, so
// swipe stays a word, and un (undelete) reverses the verb. drop and reset
// of the names list are not read so, as they end everyday words (backdrop,
// preset).
func (m *verbModel) suffixVerb(base string) string {
	var buf [64]byte
	low := string(lowerASCII(&buf, base))
	for _, v := range [...]string{"delete", "destroy", "purge", "wipe", "nuke", "erase", "truncate", "obliterate", "teardown", "deprovision"} {
		if len(low) < len(v)+2 || !strings.HasSuffix(low, v) || !m.has(listNames, v) {
			continue
		}
		prefix := low[:len(low)-len(v)]
		if strings.HasSuffix(prefix, "un") || !asciiLetters(prefix) {
			continue
		}
		return v
	}
	return ""
}

// asciiLetters reports whether s is made of ASCII letters and digits only.
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// passesOn reports whether the program hands its operands to code guard
// does not read: a script, an interpreter or a runner (make, npm run).
func (m *verbModel) passesOn(inv *parse.Invocation, p *subPath) bool {
	return p.script != "" || m.ignoresPreview(inv) || m.has(listTargets, inv.Name) || strings.Contains(inv.Args[0].Value, "/")
}

// ignoresPreview reports whether the program passes --dry-run and --help
// on to code that may not read them.
func (m *verbModel) ignoresPreview(inv *parse.Invocation) bool {
	name := inv.Name
	if packageManagerOwn(inv) {
		return false
	}
	return m.has(listNoDryRun, name) || hasScriptExt(name)
}

// packageManagerOwn reports whether inv runs one of npm's, pnpm's or
// yarn's own registry or install commands, which read --dry-run
// themselves (npm unpublish x@1 --dry-run), rather than a script that is
// handed the options.
func packageManagerOwn(inv *parse.Invocation) bool {
	switch inv.Name {
	case "npm", "pnpm", "yarn":
	default:
		return false
	}
	for _, a := range inv.Args[1:] {
		if a.Dynamic {
			return false
		}
		if strings.HasPrefix(a.Value, "-") {
			continue
		}
		switch a.Value {
		case "publish", "unpublish", "pack", "deprecate", "dist-tag", "version", "install", "ci", "uninstall", "update", "prune", "dedupe", "add", "remove", "audit":
			return true
		}
		return false
	}
	return false
}

// hasScriptExt reports whether a file name ends in a script's extension.
func hasScriptExt(name string) bool {
	i := strings.LastIndexByte(name, '.')
	return i > 0 && isScriptExt(name[i+1:])
}

// isScriptExt reports whether ext is the extension of a script file.
func isScriptExt(ext string) bool {
	var buf [64]byte
	switch string(lowerASCII(&buf, ext)) {
	case "bash", "cjs", "js", "mjs", "php", "pl", "py", "rb", "sh", "ts", "zsh":
		return true
	}
	return false
}

// newInputNamed matches a program that runs what it reads on stdin, fed
// a file named for destruction: psql < drop_all.sql, bash < teardown.sh.
// The file's contents are not known; its name is the verb model's only
// clue, read as a script name is.
func newInputNamed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.set == nil || v.set.verbs == nil {
			return "", false
		}
		for _, rd := range inv.Redirs {
			if rd.Op != "<" || rd.Target.Dynamic {
				continue
			}
			if d, ok := v.set.verbs.nameVerb(rd.Target.Value, "file it reads", true); ok {
				return d, true
			}
		}
		return "", false
	}, nil
}

// cancellers are words that, earlier in the same word, make a destroy verb
// what they stop: cancel-key-deletion keeps the key.
var cancellers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"cancel": true, "abort": true, "undo": true, "prevent": true}
}}

// cancelled reports whether one of the parts before a destroy verb stops it.
func cancelled(before []string) bool {
	for _, b := range before {
		if cancellers.Get()[strings.ToLower(b)] {
			return true
		}
	}
	return false
}

// cachedPath reports whether a word of the subcommand path up to word wi
// names a cache (magento cache:flush, wp transient delete).
func cachedPath(p *subPath, wi int) bool {
	for i := 0; i <= wi; i++ {
		var buf [maxParts]string
		for _, part := range buf[:splitParts(p.words[i], buf[:])] {
			if cacheWords.Get()[strings.ToLower(part)] {
				return true
			}
		}
	}
	return false
}

// scriptTool returns the name a script is known by in the verb model's
// tables: its base name, without .php or .py (occ, artisan, manage).
func scriptTool(script string) string {
	b := script
	if i := strings.LastIndexByte(b, '/'); i >= 0 {
		b = b[i+1:]
	}
	for _, ext := range []string{".php", ".py"} {
		b = strings.TrimSuffix(b, ext)
	}
	return b
}

// runNouns are the subcommand words that name a CI system's records of
// past runs: tkn pipelinerun, taskrun, pr, tr; argo's workflows.
const runNouns = "pipelinerun pipelineruns taskrun taskruns pr tr run runs workflow workflows build builds job jobs"

// keepsNewestRuns reports whether a deletion of past runs keeps the
// newest of them (tkn pipelinerun delete --keep 10): the everyday
// trimming of a CI system's history, not the loss of the runs that
// matter.
func keepsNewestRuns(inv *parse.Invocation, p *subPath) bool {
	if p.n == 0 || !wordlist.Has(runNouns, strings.ToLower(p.words[0])) {
		return false
	}
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i]
		name, val, eq := strings.Cut(a.Value, "=")
		if name != "--keep" && name != "--keep-last" {
			continue
		}
		if !eq {
			if i+1 >= len(args) {
				return false
			}
			val, a = args[i+1].Value, args[i+1]
		}
		n := 0
		for _, c := range val {
			if c < '0' || c > '9' {
				return false
			}
			n = n*10 + int(c-'0')
			if n > 1000000 {
				break
			}
		}
		return !a.Dynamic && val != "" && n >= 1
	}
	return false
}

// testScriptRun reports whether a package manager runs a project script
// against the test environment: NODE_ENV=test npm run db:reset, npm run
// db:reset -- --env test, yarn db:reset:test. What the test suite resets
// on every run is the test database's.
func testScriptRun(inv *parse.Invocation, ctx *Context) bool {
	switch inv.Name {
	case "npm", "pnpm", "yarn", "bun":
	default:
		return false
	}
	if inv.MoreArgs || prodMarker(inv, ctx) != "" || keepMarker(inv, ctx) != "" || ctx.Env["DATABASE_URL"] != "" {
		return false
	}
	test := false
	for _, a := range inv.Assigns {
		switch a.Name {
		case "NODE_ENV", "APP_ENV", "RAILS_ENV", "MIX_ENV":
			if a.Value.Dynamic || !isTestWord(a.Value.Value) {
				return false
			}
			test = true
		case "DATABASE_URL":
			return false
		}
	}
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			continue
		}
		name, val, eq := strings.Cut(a.Value, "=")
		switch {
		case name == "--env" || name == "-e" || name == "--environment":
			if !eq {
				if i+1 >= len(args) || args[i+1].Dynamic {
					return false
				}
				i++
				val = args[i].Value
			}
			if !isTestWord(val) {
				return false
			}
			test = true
		case !strings.HasPrefix(a.Value, "-") && strings.Contains(a.Value, ":"):
			for part := range strings.SplitSeq(a.Value, ":") {
				if isTestWord(part) {
					test = true
				}
			}
		}
	}
	return test
}
