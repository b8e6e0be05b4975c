package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The verb model catches destructive commands of programs that no rule
// names: a CLI released next month (acmectl cluster delete prod) asks on
// its first day. It reads a program's subcommand path, the leading bare
// words of its operands (subcommand.go), splits each word into parts
// (delete-db-instance, apps:destroy, ecto.drop, deleteObject) and looks
// for verbs that destroy; it also reads option names (--purge) and, for
// the strongest verbs, program and script names (aws-nuke, drop-db.sh).
// What it knows is data, the [verbs] table of packs/verbs.toml, which
// config files can extend; verbmatch.go applies it. docs/verbs.md
// describes it for users.
//
// The embedded model is generated into packs_gen.go as code, switches
// the compiler turns into searches, like the rest of the packs: nothing
// is built when guard starts, and nothing is in the garbage collector's
// start-up bitmap. What config files add is kept in sorted lists beside
// it.

// Verbs is the verb model as written in the [verbs] table of a pack or a
// config file.
type Verbs struct {
	// Destroy are the verbs that destroy, matched against the word parts
	// of the subcommand path: delete, destroy, purge, drop, ...
	Destroy []string `toml:"destroy"`
	// Names are the verbs also read in program and script names
	// (aws-nuke, ./scripts/drop-db.sh); only the unmistakable ones.
	Names []string `toml:"names"`
	// Phrases are sequences of word parts that destroy together though no
	// part does alone: "migrate fresh".
	Phrases []string `toml:"phrases"`
	// Scoped are verbs that destroy only when the command says
	// "everything": rollback = ["all", "base"] for knex migrate:rollback
	// --all and alembic downgrade base.
	Scoped map[string][]string `toml:"scoped"`
	// Benign are verbs that end the subcommand path: after get, list or
	// create come arguments, not subcommands (kubectl get pod delete-me).
	Benign []string `toml:"benign"`
	// Local are nouns for a tool's own local state, where a verb destroys
	// nothing that matters: pip cache purge, kubectl config delete-context.
	Local []string `toml:"local"`
	// Options are option names that destroy, without leading dashes; * at
	// the end matches any rest: delete, purge, force-delete*.
	Options []string `toml:"options"`
	// BenignOptions are exceptions to Options: delete-branch.
	BenignOptions []string `toml:"benign_options"`
	// ValueFlags are options that take a value in most CLIs, for reading
	// the subcommand path of a program guard knows nothing about.
	ValueFlags []string `toml:"value_flags"`
	// CodeFlags are options whose value is code (-c, -e): the program's
	// operands are then the code's, and no subcommand path is read.
	CodeFlags []string `toml:"code_flags"`
	// Plain are programs whose operands are data, never a subcommand:
	// echo, grep, sed, jq.
	Plain []string `toml:"plain"`
	// Scripts are interpreters whose first operand is a script; the
	// subcommand path follows it (python manage.py flush).
	Scripts []string `toml:"scripts"`
	// Targets are programs, or "program subcommand" pairs, whose operands
	// name targets or scripts, read as verbs: make, "npm run".
	Targets []string `toml:"targets"`
	// Exempt are programs left wholly to their own rules: git, rm.
	Exempt []string `toml:"exempt"`
	// Playbooks are programs that run the actions a file describes, whose
	// file names are read like script names: ansible-playbook
	// teardown.yml.
	Playbooks []string `toml:"playbooks"`
	// NoDryRun are programs that pass --dry-run and --help on to code that
	// may ignore them, so that they do not make a command a preview.
	NoDryRun []string `toml:"no_dry_run"`
	// Clis are scripts that are a framework's command line (manage.py,
	// artisan): run by an interpreter in NoDryRun, they read --help and
	// the dry runs of their [tool] table themselves.
	Clis []string `toml:"clis"`
	// OptionsFirst are programs whose options may end at the first
	// operand (POSIX getopt, BSD tools, POSIXLY_CORRECT, Go's flag
	// package, redis-cli's command): --help after an operand is an
	// operand, and help as an operand is a name, not a request for help.
	OptionsFirst []string `toml:"options_first"`
	// HelpCommands are programs whose -h and first operand help show
	// help (gh help repo delete, gh api -X DELETE x -h), for rules that
	// do not read previews.
	HelpCommands []string `toml:"help_commands"`
	// Safeguards are nouns that, right after a verb in one word, name a
	// protection against that verb rather than the act: delete-protection,
	// deletion-protection, termination-protection. Enabling or reading one
	// destroys nothing.
	Safeguards []string `toml:"safeguards"`
	// Negators are words that, after a safeguard, turn it off (off,
	// false, no): acmectl cluster delete-protection off prod asks.
	Negators []string `toml:"negators"`
	// Enablers are words that, after a safeguard, turn it on or read it
	// (enable, on, status): delete-protection enable passes.
	Enablers []string `toml:"enablers"`
	// Allow maps a program to subcommand paths that are benign for it:
	// npm = ["uninstall", "cache"]. A path that starts with one of them is
	// not judged by the verb model; "*" allows every path.
	Allow map[string][]string `toml:"allow"`
	// More maps a program to further verbs of its own grammar, matched as
	// whole words: flyway = ["clean"].
	More map[string][]string `toml:"more"`
	// Unless maps a program to benign paths followed by the options that
	// void the exception for them: colima = ["delete -f --force"] lets
	// colima delete, which asks before it deletes, pass, and makes colima
	// delete -f ask.
	Unless map[string][]string `toml:"unless"`
}

// verbList names one list of the verb model.
type verbList uint8

// The lists of the verb model, in the order of verbListKeys.
const (
	listDestroy verbList = iota
	listNames
	listPhrases
	listBenign
	listLocal
	listOptions
	listBenignOptions
	listValueFlags
	listCodeFlags
	listPlain
	listScripts
	listTargets
	listExempt
	listPlaybooks
	listNoDryRun
	listClis
	listOptionsFirst
	listHelpCommands
	listSafeguards
	listNegators
	listEnablers
	numVerbLists
)

// verbListKey returns the [verbs] key of a list.
func verbListKey(l verbList) string {
	return [numVerbLists]string{"destroy", "names", "phrases", "benign", "local", "options", "benign_options",
		"value_flags", "code_flags", "plain", "scripts", "targets", "exempt", "playbooks", "no_dry_run", "clis", "options_first", "help_commands", "safeguards", "negators", "enablers"}[l]
}

// list returns one list of the table.
func (t *Verbs) list(l verbList) []string {
	return [numVerbLists][]string{t.Destroy, t.Names, t.Phrases, t.Benign, t.Local, t.Options, t.BenignOptions,
		t.ValueFlags, t.CodeFlags, t.Plain, t.Scripts, t.Targets, t.Exempt, t.Playbooks, t.NoDryRun, t.Clis, t.OptionsFirst, t.HelpCommands, t.Safeguards, t.Negators, t.Enablers}[l]
}

// relaxing reports whether a list can only make commands pass.
func relaxing(l verbList) bool {
	switch l {
	case listBenign, listLocal, listBenignOptions, listValueFlags, listCodeFlags, listPlain, listScripts, listExempt, listSafeguards, listEnablers,
		listClis, listHelpCommands:
		return true
	}
	return false
}

// exactCase reports whether a list holds options, matched as written.
func exactCase(l verbList) bool { return l == listValueFlags || l == listCodeFlags }

// verbModel is a set's verb model: the generated one (gen), and the lists
// that TOML packs or config files give, sorted.
type verbModel struct {
	gen                 bool
	lists               [numVerbLists][]string
	scoped, allow, more []toolWords
	// unless holds, per program, a benign path and the options that void
	// it, each entry's words as written (options keep their case).
	unless []toolWords
}

// toolWords pairs a key with lists of words, sorted by key.
type toolWords struct {
	key   string
	words [][]string
}

// compileVerbs builds a verb model, without the generated one, from the
// [verbs] tables of files, in order.
func compileVerbs(tables []*Verbs) (*verbModel, error) {
	m := &verbModel{}
	for _, t := range tables {
		if t == nil {
			continue
		}
		var err error
		if m, err = m.with(t); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// with returns a copy of the model extended by a [verbs] table.
func (m *verbModel) with(t *Verbs) (*verbModel, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	c := &verbModel{gen: m.gen}
	for l := verbList(0); l < numVerbLists; l++ {
		out := slices.Clone(m.lists[l])
		for _, w := range t.list(l) {
			w = strings.TrimSpace(w)
			switch {
			case l == listOptions || l == listBenignOptions:
				w = strings.ToLower(strings.TrimLeft(w, "-"))
			case l == listPhrases:
				w = strings.Join(strings.Fields(strings.ToLower(w)), " ")
			case !exactCase(l):
				w = strings.ToLower(w)
			}
			out = append(out, w)
		}
		slices.Sort(out)
		c.lists[l] = slices.Compact(out)
	}
	c.scoped = mergeToolWords(m.scoped, t.Scoped, false)
	c.allow = mergeToolWords(m.allow, t.Allow, true)
	c.more = mergeToolWords(m.more, t.More, false)
	c.unless = mergeUnless(m.unless, t.Unless)
	return c, nil
}

// mergeToolWords adds a table of lists to sorted toolWords. With paths,
// each entry is split into words ("cache clean"); otherwise each entry is
// one word.
func mergeToolWords(old []toolWords, add map[string][]string, paths bool) []toolWords {
	return mergeEntries(old, add, func(e string) []string {
		e = strings.ToLower(e)
		if paths {
			return strings.Fields(e)
		}
		return []string{e}
	})
}

// mergeEntries adds a table of lists to a copy of sorted toolWords, keyed
// by the table's keys in lower case, each entry turned into words by
// words.
func mergeEntries(old []toolWords, add map[string][]string, words func(string) []string) []toolWords {
	out := make([]toolWords, 0, len(old)+len(add))
	for _, tw := range old {
		out = append(out, toolWords{tw.key, slices.Clone(tw.words)})
	}
	keys := make([]string, 0, len(add))
	for k := range add {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := strings.ToLower(k)
		i, found := slices.BinarySearchFunc(out, key, func(tw toolWords, k string) int { return strings.Compare(tw.key, k) })
		if !found {
			out = slices.Insert(out, i, toolWords{key: key})
		}
		for _, e := range add[k] {
			out[i].words = append(out[i].words, words(e))
		}
	}
	return out
}

// validate checks a [verbs] table for entries that could never match.
func (t *Verbs) validate() error {
	for l := verbList(0); l < numVerbLists; l++ {
		for _, w := range t.list(l) {
			if strings.TrimSpace(w) == "" {
				return fmt.Errorf("verbs.%s: empty entry", verbListKey(l))
			}
			if (l == listDestroy || l == listNames || l == listBenign || l == listLocal || l == listSafeguards || l == listNegators || l == listEnablers) && strings.ContainsAny(w, " -_:./") {
				return fmt.Errorf("verbs.%s: %q is not a single word part: write it without separators", verbListKey(l), w)
			}
		}
	}
	for k, list := range t.Scoped {
		if strings.ContainsAny(k, " -_:./") {
			return fmt.Errorf("verbs.scoped: %q is not a single word part", k)
		}
		if len(list) == 0 {
			return fmt.Errorf("verbs.scoped: %q needs scope words", k)
		}
	}
	for k, list := range t.Allow {
		for _, p := range list {
			if strings.TrimSpace(p) == "" {
				return fmt.Errorf("verbs.allow: empty path for %s", k)
			}
		}
	}
	for k, list := range t.Unless {
		for _, e := range list {
			path, opts := splitUnless(strings.Fields(e))
			if len(path) < 2 && len(opts) == 0 || len(path) == 0 {
				return fmt.Errorf("verbs.unless: %q for %s needs a path and an option (\"delete -f --force\") or an operand after the path (\"simctl erase all\")", e, k)
			}
		}
	}
	for k, list := range t.More {
		for _, w := range list {
			if strings.TrimSpace(w) == "" || strings.Contains(w, " ") {
				return fmt.Errorf("verbs.more: %q for %s is not one word", w, k)
			}
		}
	}
	return nil
}

// relaxes returns the first key of the table that can only make commands
// pass, or "".
func (t *Verbs) relaxes() string {
	for l := verbList(0); l < numVerbLists; l++ {
		if relaxing(l) && len(t.list(l)) > 0 {
			return verbListKey(l)
		}
	}
	if len(t.Allow) > 0 {
		return "allow"
	}
	return ""
}

// has reports whether list l holds w: words ignoring the case of w,
// options as written.
func (m *verbModel) has(l verbList, w string) bool {
	if m.gen && generatedVerbHas(l, w) {
		return true
	}
	if len(m.lists[l]) == 0 {
		return false
	}
	if exactCase(l) {
		return slices.Contains(m.lists[l], w)
	}
	return sortedHas(m.lists[l], w)
}

// option reports whether an option name matches list l of option
// patterns.
func (m *verbModel) option(l verbList, name string) bool {
	if m.gen && generatedVerbOption(l, name) {
		return true
	}
	for _, p := range m.lists[l] {
		if prefix, ok := strings.CutSuffix(p, "*"); ok {
			if len(name) >= len(prefix) && compareFold(prefix, name[:len(prefix)]) == 0 {
				return true
			}
		} else if compareFold(p, name) == 0 {
			return true
		}
	}
	return false
}

// phrases calls f with each phrase, its parts separated by spaces, until
// f returns true.
func (m *verbModel) phrases(f func(string) bool) bool {
	if m.gen {
		for i := 0; i < generatedVerbPhrases; i++ {
			if f(generatedVerbPhrase(i)) {
				return true
			}
		}
	}
	for _, p := range m.lists[listPhrases] {
		if f(p) {
			return true
		}
	}
	return false
}

// isScoped reports whether verb destroys only with a scope word, and
// inScope whether s is one of its scope words.
func (m *verbModel) isScoped(verb string) bool {
	return m.gen && generatedVerbScoped(verb, "") || findToolWords(m.scoped, verb) != nil
}

func (m *verbModel) inScope(verb, s string) bool {
	if s == "" {
		// "--" and "-" are no scope word; generatedVerbScoped reads ""
		// as asking whether verb is scoped at all.
		return false
	}
	if m.gen && generatedVerbScoped(verb, s) {
		return true
	}
	for _, sc := range findToolWords(m.scoped, verb) {
		if compareFold(sc[0], s) == 0 {
			return true
		}
	}
	return false
}

// isMore reports whether word is one of the program's own verbs.
func (m *verbModel) isMore(name, word string) bool {
	if m.gen && generatedVerbMore(name, word) {
		return true
	}
	for _, w := range findToolWords(m.more, name) {
		if compareFold(w[0], word) == 0 {
			return true
		}
	}
	return false
}

// allowedPath reports whether the subcommand path words start with one of
// the program's benign paths.
func (m *verbModel) allowedPath(name string, words []string) bool {
	if m.gen && generatedVerbAllowed(name, words) {
		return true
	}
	for _, a := range findToolWords(m.allow, name) {
		if pathHas(words, a...) {
			return true
		}
	}
	return false
}

// voided returns the option that voids the program's exception for the
// subcommand path words, or "": colima delete -f, vagrant destroy
// --force, crictl rm -a.
func (m *verbModel) voided(name string, words []string, v *view) string {
	if m.gen && generatedUnless != nil {
		// A copy, which escapes through the call of a variable: the
		// caller's path stays on its stack when no exception applies.
		c := slices.Clone(words)
		if f := generatedUnless(name, c, v); f != "" {
			return f
		}
	}
	for _, e := range findToolWords(m.unless, name) {
		path, opts := splitUnless(e)
		if pathHas(words, path...) {
			if len(opts) == 0 {
				// An operand that widens the path: simctl erase all.
				return path[len(path)-1]
			}
			if f, ok := v.hasFlag(opts); ok {
				return f
			}
		}
	}
	return ""
}

// generatedUnless is the generated model's verbs.unless, set by
// packs_gen.go. It is a variable, not a call, so that the package still
// compiles with a packs_gen.go made before verbs.unless existed, and go
// generate can run to make the new one.
var generatedUnless func(key string, words []string, v *view) string

// splitUnless splits an entry of verbs.unless into its path and its
// options, the words that start with a dash.
func splitUnless(e []string) (path, opts []string) {
	for i, w := range e {
		if strings.HasPrefix(w, "-") {
			return e[:i], e[i:]
		}
	}
	return e, nil
}

// mergeUnless adds a verbs.unless table to sorted toolWords: the path
// in lower case, the options as written.
func mergeUnless(old []toolWords, add map[string][]string) []toolWords {
	return mergeEntries(old, add, func(e string) []string {
		words := strings.Fields(e)
		path, _ := splitUnless(words)
		for j := range path {
			words[j] = strings.ToLower(words[j])
		}
		return words
	})
}

// pathHas reports whether words start with path, ignoring case; a path of
// "*" matches any words. The generated model calls it with constants.
func pathHas(words []string, path ...string) bool {
	if len(path) == 1 && path[0] == "*" {
		return true
	}
	if len(path) > len(words) {
		return false
	}
	for i, w := range path {
		if compareFold(w, words[i]) != 0 {
			return false
		}
	}
	return true
}

// targetAfter reports whether "name word" is a program whose next operands
// name targets: npm run.
func (m *verbModel) targetAfter(name, word string) bool {
	if m.gen && generatedVerbTargetAfter(name, word) {
		return true
	}
	for _, t := range m.lists[listTargets] {
		if len(t) > len(name)+1 && t[len(name)] == ' ' && compareFold(t[:len(name)], name) == 0 && compareFold(t[len(name)+1:], word) == 0 {
			return true
		}
	}
	return false
}

// sortedHas reports whether a sorted list of lower-case words holds w,
// ignoring the case of w, without allocating.
func sortedHas(list []string, w string) bool {
	_, ok := slices.BinarySearchFunc(list, w, compareFold)
	return ok
}

// compareFold compares a lower-case string with s as if s were lower case.
func compareFold(lower, s string) int {
	n := min(len(lower), len(s))
	for i := 0; i < n; i++ {
		a, b := lower[i], s[i]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			if a < b {
				return -1
			}
			return 1
		}
	}
	return len(lower) - len(s)
}

// lowerASCII writes s in lower case into buf, for the generated switches,
// and returns nil if it does not fit.
func lowerASCII(buf *[64]byte, s string) []byte {
	if len(s) > len(buf) {
		return nil
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

func findToolWords(list []toolWords, key string) [][]string {
	if len(list) == 0 {
		return nil
	}
	i, ok := slices.BinarySearchFunc(list, key, func(tw toolWords, k string) int { return compareFold(tw.key, k) })
	if !ok {
		return nil
	}
	return list[i].words
}

// applyVerbs merges a config file's [verbs] table into the set's model. A
// project file may only make the model stricter; so may a user file when
// the system file locks the verb rules.
func (s *Set) applyVerbs(f *File, layer Layer) error {
	if k := f.Verbs.relaxes(); k != "" {
		switch {
		case layer == Project:
			return f.errorAtKey([]string{"verbs", k}, -1, k, fmt.Sprintf("a project file cannot relax the verb model (verbs.%s)", k))
		case layer == User:
			for _, r := range s.Rules() {
				if r.Matcher == "verbs" && r.floor > Allow {
					return f.errorAtKey([]string{"verbs", k}, -1, k, fmt.Sprintf("the verb model cannot be relaxed (verbs.%s): rule %s is locked by %s", k, r.ID, r.locked))
				}
			}
		}
	}
	base := s.verbs
	if base == nil {
		base = &verbModel{}
	}
	m, err := base.with(f.Verbs)
	if err != nil {
		return f.errorAtKey([]string{"verbs"}, -1, "[verbs", err.Error())
	}
	s.verbs = m
	return nil
}
