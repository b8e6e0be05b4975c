package rules

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// The verb model catches destructive commands of programs that no rule
// names: a CLI released next month (acmectl cluster delete prod) asks on
// its first day. It reads a program's subcommand path, the leading bare
// words of its operands (subcommand.go), splits each word into parts
// (delete-db-instance, apps:destroy, ecto.drop, deleteObject) and looks
// for verbs that destroy; it also reads option names (--purge) and, for
// the strongest verbs, program and script names (aws-nuke, drop-db.sh).
// What it knows is data, the [verbs] table of packs/verbs.toml, which
// config files can extend. docs/verbs.md describes it for users.

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
	// Options are option names that destroy, without leading dashes; * is
	// a wildcard: delete, purge, force-delete*.
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
	// Allow maps a program to subcommand paths that are benign for it:
	// npm = ["uninstall", "cache"]. A path that starts with one of them is
	// not judged by the verb model.
	Allow map[string][]string `toml:"allow"`
	// More maps a program to further verbs of its own grammar:
	// flyway = ["clean"].
	More map[string][]string `toml:"more"`
}

// relaxing are the keys of [verbs] that can only make commands pass.
var relaxingVerbKeys = []string{"benign", "local", "benign_options", "value_flags", "code_flags", "plain", "scripts", "exempt", "allow"}

// verbModel is the compiled verb model: sorted lists, searched without
// allocating, and built when the packs are generated.
type verbModel struct {
	destroy, names, benign, local, plain, scripts, targets, exempt, playbooks, noDryRun []string
	valueFlags, codeFlags                                                               []string
	options, benignOptions                                                              []string // option names, no dashes; may hold *
	phrases                                                                             [][]string
	scoped                                                                              []toolWords // verb and its scope words
	allow                                                                               []toolWords // program and its benign paths
	more                                                                                []toolWords // program and its own verbs
}

// toolWords pairs a key with lists of words, sorted by key.
type toolWords struct {
	key   string
	words [][]string
}

// compileVerbs builds the verb model from the [verbs] tables of files, in
// order.
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
	c := &verbModel{}
	merge := func(old []string, add []string, trim bool) []string {
		out := slices.Clone(old)
		for _, w := range add {
			w = strings.TrimSpace(w)
			if trim {
				w = strings.TrimLeft(w, "-")
			}
			if !strings.HasPrefix(w, "-") {
				w = strings.ToLower(w)
			}
			out = append(out, w)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	c.destroy = merge(m.destroy, t.Destroy, false)
	c.names = merge(m.names, t.Names, false)
	c.benign = merge(m.benign, t.Benign, false)
	c.local = merge(m.local, t.Local, false)
	c.plain = merge(m.plain, t.Plain, false)
	c.scripts = merge(m.scripts, t.Scripts, false)
	c.targets = merge(m.targets, t.Targets, false)
	c.exempt = merge(m.exempt, t.Exempt, false)
	c.playbooks = merge(m.playbooks, t.Playbooks, false)
	c.noDryRun = merge(m.noDryRun, t.NoDryRun, false)
	c.valueFlags = merge(m.valueFlags, t.ValueFlags, false)
	c.codeFlags = merge(m.codeFlags, t.CodeFlags, false)
	c.options = merge(m.options, t.Options, true)
	c.benignOptions = merge(m.benignOptions, t.BenignOptions, true)
	c.phrases = slices.Clone(m.phrases)
	for _, p := range t.Phrases {
		c.phrases = append(c.phrases, strings.Fields(strings.ToLower(p)))
	}
	c.scoped = mergeToolWords(m.scoped, t.Scoped, false)
	c.allow = mergeToolWords(m.allow, t.Allow, true)
	c.more = mergeToolWords(m.more, t.More, false)
	return c, nil
}

// mergeToolWords adds a table of lists to sorted toolWords. With paths,
// each entry is split into words ("cache clean"); otherwise each entry is
// one word.
func mergeToolWords(old []toolWords, add map[string][]string, paths bool) []toolWords {
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
			e = strings.ToLower(e)
			if paths {
				out[i].words = append(out[i].words, strings.Fields(e))
			} else {
				out[i].words = append(out[i].words, []string{e})
			}
		}
	}
	return out
}

// validate checks a [verbs] table for entries that could never match.
func (t *Verbs) validate() error {
	for _, list := range [][]string{t.Destroy, t.Names, t.Benign, t.Local, t.Plain, t.Scripts, t.Targets, t.Exempt, t.Playbooks, t.NoDryRun, t.Options, t.BenignOptions, t.ValueFlags, t.CodeFlags, t.Phrases} {
		for _, w := range list {
			if strings.TrimSpace(w) == "" {
				return errors.New("verbs: empty entry")
			}
		}
	}
	for _, list := range [][]string{t.Destroy, t.Names, t.Benign, t.Local} {
		for _, w := range list {
			if strings.ContainsAny(w, " -_:./") {
				return fmt.Errorf("verbs: %q is not a single word part: write it without separators", w)
			}
		}
	}
	for k, list := range t.Scoped {
		if strings.ContainsAny(k, " -_:./") {
			return fmt.Errorf("verbs: scoped verb %q is not a single word part", k)
		}
		if len(list) == 0 {
			return fmt.Errorf("verbs: scoped verb %q needs scope words", k)
		}
	}
	for k, list := range t.Allow {
		for _, p := range list {
			if strings.TrimSpace(p) == "" {
				return fmt.Errorf("verbs: empty allowed path for %s", k)
			}
		}
	}
	return nil
}

// relaxes reports the first key of the table that can only make commands
// pass, or "".
func (t *Verbs) relaxes() string {
	lists := map[string]int{"benign": len(t.Benign), "local": len(t.Local), "benign_options": len(t.BenignOptions),
		"value_flags": len(t.ValueFlags), "code_flags": len(t.CodeFlags), "plain": len(t.Plain), "scripts": len(t.Scripts),
		"exempt": len(t.Exempt), "allow": len(t.Allow)}
	for _, k := range relaxingVerbKeys {
		if lists[k] > 0 {
			return k
		}
	}
	return ""
}

// has reports whether a sorted list of lower-case words holds w, ignoring
// the case of w without allocating.
func has(list []string, w string) bool {
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

func findToolWords(list []toolWords, key string) [][]string {
	i, ok := slices.BinarySearchFunc(list, key, func(tw toolWords, k string) int { return compareFold(tw.key, k) })
	if !ok {
		return nil
	}
	return list[i].words
}

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
		detail, ok := v.set.verbs.match(inv, v)
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
func (m *verbModel) match(inv *parse.Invocation, v *view) (string, bool) {
	name := v.name
	if name == "" || has(m.exempt, name) || has(m.plain, name) {
		return "", false
	}
	var p subPath
	m.readPath(inv, v, &p)
	// An exception is for one thing removed (docker rm web, redis-cli DEL
	// key); with operands only known at run time, from xargs, it is a
	// mass removal and judged as any other.
	if !inv.MoreArgs && m.allowed(name, &p) {
		return "", false
	}
	if d, ok := m.pathVerb(name, inv, &p); ok {
		return d, true
	}
	if d, ok := m.optionVerb(name, v, &p); ok {
		return d, true
	}
	// A program on the PATH named for one verb (dropdb, shred) has rules
	// of its own; a script named so (./teardown.sh) is read.
	script := strings.Contains(inv.Args[0].Value, "/") || hasScriptExt(name)
	if d, ok := m.nameVerb(name, "program name", script); ok {
		return d, true
	}
	if p.script != "" {
		if d, ok := m.nameVerb(p.script, "script name", true); ok {
			return d, true
		}
	}
	if has(m.playbooks, name) {
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

// allowed reports whether the subcommand path starts with a path the
// program's exceptions allow.
func (m *verbModel) allowed(name string, p *subPath) bool {
	for _, a := range findToolWords(m.allow, name) {
		if len(a) == 1 && a[0] == "*" {
			return true
		}
		if len(a) > p.n {
			continue
		}
		ok := true
		for i, w := range a {
			if w != "*" && compareFold(w, p.words[i]) != 0 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// pathVerb looks for a destructive verb in the subcommand path.
func (m *verbModel) pathVerb(name string, inv *parse.Invocation, p *subPath) (string, bool) {
	more := findToolWords(m.more, name)
	for wi := 0; wi < p.n; wi++ {
		word := p.words[wi]
		if len(more) > 0 {
			for _, mv := range more {
				if compareFold(mv[0], word) == 0 {
					return m.verbDetail(mv[0], p, wi), true
				}
			}
		}
		var parts [maxParts]string
		np := splitParts(word, parts[:])
		for pi := 0; pi < np; pi++ {
			part := parts[pi]
			if !has(m.destroy, part) {
				if scopes := findToolWords(m.scoped, part); scopes != nil {
					if m.scoped1(scopes, parts[pi+1:np], inv, p.index[wi]) {
						return m.verbDetail(part, p, wi), true
					}
				}
				continue
			}
			if m.localNoun(p, wi, parts[pi+1:np]) {
				return "", false
			}
			return m.verbDetail(part, p, wi), true
		}
	}
	for _, ph := range m.phrases {
		if p.hasPhrase(ph) {
			return fmt.Sprintf("the subcommand %q says %s", p.String(), strings.Join(ph, " ")), true
		}
	}
	return "", false
}

// scoped1 reports whether a scoped verb has one of its scope words after
// it: in the rest of its word (db:migrate:undo:all), or in any later
// argument, options included (--all, --to=0).
func (m *verbModel) scoped1(scopes [][]string, rest []string, inv *parse.Invocation, at int) bool {
	isScope := func(s string) bool {
		for _, sc := range scopes {
			if compareFold(sc[0], s) == 0 {
				return true
			}
		}
		return false
	}
	for _, r := range rest {
		if isScope(r) {
			return true
		}
	}
	for _, a := range inv.Args[min(at+1, len(inv.Args)):] {
		s := a.Value
		if strings.HasPrefix(s, "-") {
			name, val, _ := strings.Cut(strings.TrimLeft(s, "-"), "=")
			if isScope(name) || val != "" && isScope(val) {
				return true
			}
			continue
		}
		if _, val, ok := strings.Cut(s, "="); ok && isScope(val) {
			return true // VERSION=0
		}
		if isScope(s) {
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
		if has(m.local, p.words[i]) {
			return true
		}
	}
	for _, a := range after {
		if has(m.local, a) {
			return true
		}
	}
	return false
}

func (m *verbModel) verbDetail(verb string, p *subPath, wi int) string {
	return fmt.Sprintf("the subcommand %q says %s", p.upTo(wi), strings.ToLower(verb))
}

// optionVerb looks for an option whose name says it destroys.
func (m *verbModel) optionVerb(name string, v *view, p *subPath) (string, bool) {
	for _, f := range v.flags {
		n, val, hasVal := strings.Cut(f, "=")
		bare := strings.TrimLeft(n, "-")
		if len(bare) < 3 || hasVal && (falsy(val) || strings.EqualFold(val, "prompt")) {
			continue
		}
		if !optionMatch(m.options, bare) || optionMatch(m.benignOptions, bare) {
			continue
		}
		return fmt.Sprintf("the option %s says %s", n, strings.ToLower(bare)), true
	}
	return "", false
}

// optionMatch reports whether an option name matches one of the patterns,
// which are lower case and may end in *.
func optionMatch(patterns []string, name string) bool {
	for _, p := range patterns {
		if prefix, ok := strings.CutSuffix(p, "*"); ok {
			if len(name) >= len(prefix) && compareFold(prefix, name[:len(prefix)]) == 0 {
				return true
			}
			continue
		}
		if compareFold(p, name) == 0 {
			return true
		}
	}
	return false
}

// nameVerb looks for one of the strongest verbs in a program or script
// name: aws-nuke, ./scripts/drop-db.sh.
func (m *verbModel) nameVerb(name, what string, single bool) (string, bool) {
	base := name
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 && (isScriptExt(base[i+1:]) || has(fileExts, base[i+1:])) {
		base = base[:i]
	}
	var parts [maxParts]string
	n := splitParts(base, parts[:])
	if n < 2 && !single {
		return "", false
	}
	for _, part := range parts[:n] {
		if has(m.names, part) {
			return fmt.Sprintf("the %s %q says %s", what, base, strings.ToLower(part)), true
		}
	}
	return "", false
}

// ignoresPreview reports whether the program passes --dry-run and --help
// on to code that may not read them.
func (m *verbModel) ignoresPreview(inv *parse.Invocation) bool {
	name := inv.Name
	return has(m.noDryRun, name) || hasScriptExt(name)
}

// hasScriptExt reports whether a file name ends in a script's extension.
func hasScriptExt(name string) bool {
	i := strings.LastIndexByte(name, '.')
	return i > 0 && isScriptExt(name[i+1:])
}

// scriptExts are the extensions of script files.
var scriptExts = []string{"bash", "cjs", "js", "mjs", "php", "pl", "py", "rb", "sh", "ts", "zsh"}

func isScriptExt(ext string) bool { return has(scriptExts, ext) }

// applyVerbs merges a config file's [verbs] table into the set's model. A
// project file may only make the model stricter; so may a user file when
// the system file locks the verb rules.
func (s *Set) applyVerbs(f *File, layer Layer) error {
	if k := f.Verbs.relaxes(); k != "" {
		switch {
		case layer == Project:
			return f.errorAtKey([]string{"verbs", k}, -1, k, fmt.Sprintf("a project file cannot relax the verb model (verbs.%s)", k))
		case layer == User:
			for _, r := range s.rules {
				if r.Matcher == "verbs" && r.floor > Allow {
					return f.errorAtKey([]string{"verbs", k}, -1, k, fmt.Sprintf("the verb model cannot be relaxed (verbs.%s): rule %s is locked by %s", k, r.ID, r.locked))
				}
			}
		}
	}
	m, err := s.verbs.with(f.Verbs)
	if err != nil {
		return f.errorAtKey([]string{"verbs"}, -1, "[verbs", err.Error())
	}
	s.verbs = m
	return nil
}

// VerbsSource returns Go source for the verb model of the files, as the
// value of a variable, for the generator of packs_gen.go: the model is
// built when the packs are generated, not when guard starts.
func VerbsSource(files []*File) (string, error) {
	var tables []*Verbs
	for _, f := range files {
		tables = append(tables, f.Verbs)
	}
	m, err := compileVerbs(tables)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	list := func(name string, l []string) {
		if len(l) > 0 {
			fmt.Fprintf(&b, "%s: %#v,\n", name, l)
		}
	}
	words := func(name string, l []toolWords) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s: []toolWords{\n", name)
		for _, tw := range l {
			fmt.Fprintf(&b, "{%q, %#v},\n", tw.key, tw.words)
		}
		b.WriteString("},\n")
	}
	b.WriteString("&verbModel{\n")
	list("destroy", m.destroy)
	list("names", m.names)
	list("benign", m.benign)
	list("local", m.local)
	list("plain", m.plain)
	list("scripts", m.scripts)
	list("targets", m.targets)
	list("exempt", m.exempt)
	list("playbooks", m.playbooks)
	list("noDryRun", m.noDryRun)
	list("valueFlags", m.valueFlags)
	list("codeFlags", m.codeFlags)
	list("options", m.options)
	list("benignOptions", m.benignOptions)
	if len(m.phrases) > 0 {
		fmt.Fprintf(&b, "phrases: %#v,\n", m.phrases)
	}
	words("scoped", m.scoped)
	words("allow", m.allow)
	words("more", m.more)
	b.WriteString("}")
	return b.String(), nil
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
