package rules

import (
	"embed"
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

//go:generate go run ./gen

//go:embed packs/*.toml
var packFS embed.FS

// Set is an effective set of rules.
//
// A set starts from an index of its base rules (for the embedded rules,
// the generated one, shared by every set) and keeps what config files
// change beside it: rules it added, copies of base rules it changed, and
// option grammars, so that applying a config file builds no tables.
type Set struct {
	idx ruleIndex // the base rules
	// byID holds the rules added to the base and the copies of base rules
	// that were changed; copies maps each changed base rule to its copy.
	byID   map[string]*Rule
	copies map[*Rule]*Rule
	// added are the rules added to the base, in order, and their index.
	added struct {
		list     []*Rule
		programs map[string][]*Rule
		any      []*Rule
		problems map[parse.Problem][]*Rule
	}
	tools         map[string]*Tool // option grammars from config files
	verbs         *verbModel       // the verb model (verbs.go)
	allowCommands map[string]bool
	sources       []string
}

// Layer says where a config file sits, which decides what it may change.
type Layer uint8

const (
	// System is /etc/guard/config.toml, managed by an administrator: it may
	// change anything, and what it sets cannot be relaxed below it.
	System Layer = iota + 1
	// User is the person's own file: it may add rules, change actions and
	// allow rules or exact commands, except where the system file locks them.
	User
	// Project is .guard.toml in a repository, which the agent can write: it
	// may only add rules or make existing ones stricter.
	Project
)

func (l Layer) String() string {
	return [...]string{"embedded", "system", "user", "project"}[l]
}

// File is a parsed rule pack or config file.
type File struct {
	Name string
	// Pack names the rules' pack; it defaults to the file's base name.
	Pack  string           `toml:"pack"`
	Rules []*Rule          `toml:"rule"`
	Tools map[string]*Tool `toml:"tool"`
	// Verbs extends the verb model: [verbs].
	Verbs *Verbs `toml:"verbs"`
	// Overrides change existing rules: [rules."git.reset-hard"].
	Overrides map[string]Override `toml:"rules"`
	// AllowRules turns rules off; AllowCommands allows exact commands.
	AllowRules    []string `toml:"allow_rules"`
	AllowCommands []string `toml:"allow_commands"`
	// Lock, in the system file, stops every lower file from relaxing any
	// rule.
	Lock bool `toml:"lock"`
	// Settings are read by the config package, with DecodeSettings.
	Settings settingsTable `toml:"settings"`

	data string
	keys []keyLoc // where keys are written, found when first needed
}

// Override changes a rule's action or severity.
type Override struct {
	Action   *Action   `toml:"action"`
	Severity *Severity `toml:"severity"`
}

// Error is a problem in a rule file, with its position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ParseFile parses a rule pack or config file. Unknown keys are errors, so
// that a typo cannot silently disable a rule.
func ParseFile(name string, data []byte) (*File, error) {
	f := &File{Name: name, data: string(data)}
	if err := decodeTOML(f, data); err != nil {
		return nil, err
	}
	if f.Pack == "" {
		f.Pack = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	for i, r := range f.Rules {
		r.Pack = f.Pack
		r.source = name
		if err := r.compile(); err != nil {
			// Point at the key in error, or at the rule.
			path := []string{"rule"}
			var ke *keyError
			if errors.As(err, &ke) {
				path = append(path, ke.key)
			}
			msg := "rule " + r.ID + ": " + err.Error()
			if r.ID == "" {
				msg = fmt.Sprintf("rule %d: %v", i+1, err)
			}
			return nil, f.errorAtKey(path, i, `"`+r.ID+`"`, msg)
		}
	}
	if f.Verbs != nil {
		if err := f.Verbs.validate(); err != nil {
			return nil, f.errorAtKey([]string{"verbs"}, -1, "[verbs", err.Error())
		}
	}
	return f, nil
}

// HasSettings reports whether the file has a [settings] table.
func (f *File) HasSettings() bool { return f.Settings != nil }

// DecodeSettings decodes the file's [settings] table into v.
func (f *File) DecodeSettings(v any) error {
	if f.Settings == nil {
		return nil
	}
	return decodeSettings(f, v)
}

// errorAt makes an error positioned at the first occurrence of needle.
func (f *File) errorAt(needle, msg string) *Error {
	e := &Error{File: f.Name, Msg: msg}
	if i := strings.Index(f.data, needle); i >= 0 {
		e.Line = strings.Count(f.data[:i], "\n") + 1
		e.Col = i - strings.LastIndex(f.data[:i], "\n")
	}
	return e
}

// compile validates a rule and prepares it for matching.
func (r *Rule) compile() error {
	if r.ID == "" {
		return errors.New("missing id")
	}
	if r.Severity == 0 {
		return errors.New("missing severity")
	}
	if r.ActionName != "" {
		if _, err := ParseAction(r.ActionName); err != nil {
			return &keyError{"action", err}
		}
	}
	if strings.TrimSpace(r.Reason) == "" {
		return &keyError{"reason", errors.New("missing reason")}
	}
	if len(r.Programs) == 0 && r.Problem == "" {
		return errors.New("a rule needs programs or a problem")
	}
	if r.Fallback && !slices.Equal(r.Programs, []string{"*"}) {
		return &keyError{"fallback", errors.New(`a fallback rule applies to every program: programs = ["*"]`)}
	}
	for _, list := range []struct {
		key      string
		patterns []string
	}{{"args", r.Args}, {"also_args", r.AlsoArgs}, {"not_args", r.NotArgs}, {"env", r.Env},
		{"flags", r.Flags}, {"not_flags", r.NotFlags}, {"also_flags", r.AlsoFlags}} {
		for _, p := range list.patterns {
			if _, err := path.Match(p, ""); err != nil {
				return &keyError{list.key, fmt.Errorf("bad pattern %q", p)}
			}
		}
	}
	return r.prepare()
}

// prepare builds a rule's matching state. compile validates first; the
// embedded packs, validated when they were generated, only need this.
func (r *Rule) prepare() error {
	keyErr := func(key string, err error) error { return &keyError{key, err} }
	var err error
	r.Action = Confirm
	if r.ActionName != "" {
		if r.Action, err = ParseAction(r.ActionName); err != nil {
			return keyErr("action", err)
		}
	}
	r.problem = 0
	if r.Problem != "" {
		p, ok := parse.ProblemNamed(r.Problem)
		if !ok {
			return keyErr("problem", fmt.Errorf("unknown problem %q", r.Problem))
		}
		r.problem = uint8(p)
	}
	if r.classes, err = parseClasses(r.Paths); err != nil {
		return keyErr("paths", err)
	}
	if r.redirs, err = parseClasses(r.Redirects); err != nil {
		return keyErr("redirects", err)
	}
	if r.reads, err = parseClasses(r.Reads); err != nil {
		return keyErr("reads", err)
	}
	r.commands = nil
	for _, c := range r.Command {
		r.commands = append(r.commands, strings.Fields(c))
	}
	r.args, r.alsoArgs, r.notArgs, r.env = lowerAll(r.Args), lowerAll(r.AlsoArgs), lowerAll(r.NotArgs), lowerAll(r.Env)
	r.notPrograms = nil
	var programs []string
	for _, p := range r.Programs {
		// Program names match in lower case (see foldName).
		p = strings.ToLower(p)
		if name, ok := strings.CutPrefix(p, "!"); ok {
			r.notPrograms = append(r.notPrograms, name)
			continue
		}
		programs = append(programs, p)
	}
	r.programs = programs
	switch r.Stdin {
	case "", "known", "unknown":
	default:
		return keyErr("stdin", fmt.Errorf("stdin must be known or unknown, not %q", r.Stdin))
	}
	r.match = nil
	if r.Matcher != "" {
		mk, ok := findMatcher(r.Matcher)
		if !ok {
			return keyErr("matcher", fmt.Errorf("unknown matcher %q", r.Matcher))
		}
		if r.match, err = mk(r.With); err != nil {
			return keyErr("with", fmt.Errorf("matcher %s: %v", r.Matcher, err))
		}
	} else if len(r.With) > 0 {
		return keyErr("with", errors.New("with needs a matcher"))
	}
	r.floor = Allow
	return r.checkState()
}

// Packs returns the embedded rule packs.
func Packs() ([]*File, error) {
	entries, err := packFS.ReadDir("packs")
	if err != nil {
		return nil, err
	}
	var files []*File
	for _, e := range entries {
		data, err := packFS.ReadFile("packs/" + e.Name())
		if err != nil {
			return nil, err
		}
		f, err := ParseFile("packs/"+e.Name(), data)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// Default returns the set of embedded rules, from the Go source generated
// from the packs, whose rules come compiled and indexed. They are shared
// between sets and never changed: Apply copies a rule before it changes
// it. Matchers, which are functions, are made when a rule first needs one.
func Default() (*Set, error) {
	return &Set{idx: generatedIndex{}, verbs: &verbModel{gen: true}}, nil
}

// own returns a rule of the set that the set may change: shared rules
// (the generated ones) are copied first.
func (s *Set) own(r *Rule) *Rule {
	if !r.shared {
		return r
	}
	if c, ok := s.copies[r]; ok {
		return c
	}
	c := *r
	c.shared = false
	if s.copies == nil {
		s.copies = map[*Rule]*Rule{}
	}
	s.copies[r] = &c
	s.setByID(&c)
	return &c
}

func (s *Set) setByID(r *Rule) {
	if s.byID == nil {
		s.byID = map[string]*Rule{}
	}
	s.byID[r.ID] = r
}

// current returns the set's version of a base rule: its copy, if the set
// changed it.
func (s *Set) current(r *Rule) *Rule {
	if c, ok := s.copies[r]; ok {
		return c
	}
	return r
}

// add adds a rule to the set, after the others.
func (s *Set) add(r *Rule) {
	s.setByID(r)
	a := &s.added
	a.list = append(a.list, r)
	addTo(r,
		func(p string) {
			if a.programs == nil {
				a.programs = map[string][]*Rule{}
			}
			a.programs[p] = append(a.programs[p], r)
		},
		func() { a.any = append(a.any, r) },
		func(p parse.Problem) {
			if a.problems == nil {
				a.problems = map[parse.Problem][]*Rule{}
			}
			a.problems[p] = append(a.problems[p], r)
		})
}

// merged returns the set's versions of base rules followed by added ones.
func (s *Set) merged(base, added []*Rule) []*Rule {
	if len(s.copies) == 0 && len(added) == 0 {
		return base
	}
	out := make([]*Rule, 0, len(base)+len(added))
	for _, r := range base {
		out = append(out, s.current(r))
	}
	return append(out, added...)
}

// programRules returns the rules that name a program, in order.
func (s *Set) programRules(name string) []*Rule {
	return s.merged(s.idx.program(name), s.added.programs[name])
}

// commandRules returns the rules that name a program and may match an
// invocation whose first operand is first (all but those whose
// subcommands start with another word), in order.
func (s *Set) commandRules(name, first string) []*Rule {
	return s.merged(s.idx.command(name, first), s.added.programs[name])
}

// anyRules returns the rules for any program, in order.
func (s *Set) anyRules() []*Rule { return s.merged(s.idx.any(), s.added.any) }

// problemRules returns the rules that catch a parser problem, in order.
func (s *Set) problemRules(p parse.Problem) []*Rule {
	return s.merged(s.idx.problem(p), s.added.problems[p])
}

// tool returns the option grammar of a program, or nil.
func (s *Set) tool(name string) *Tool {
	if t, ok := s.tools[name]; ok {
		return t
	}
	return s.idx.tool(name)
}

// DefaultFromTOML returns the set of embedded rules decoded from the TOML
// packs themselves.
func DefaultFromTOML() (*Set, error) {
	files, err := Packs()
	if err != nil {
		return nil, err
	}
	return fromFiles(files)
}

func fromFiles(files []*File) (*Set, error) {
	var all []*Rule
	seen := map[string]bool{}
	tools := map[string]*Tool{}
	var tables []*Verbs
	for _, f := range files {
		tables = append(tables, f.Verbs)
		for name, t := range f.Tools {
			// Two packs that each define a program's option grammar would
			// have the later file's win without a word, and the other's
			// dry_run and value_flags lost.
			if _, dup := tools[name]; dup {
				return nil, &Error{File: f.Name, Msg: "duplicate option grammar [tool." + name + "]"}
			}
			tools[name] = t
		}
		for _, r := range f.Rules {
			if seen[r.ID] {
				return nil, &Error{File: f.Name, Msg: "duplicate rule id " + r.ID}
			}
			seen[r.ID] = true
			all = append(all, r)
		}
	}
	verbs, err := compileVerbs(tables)
	if err != nil {
		return nil, err
	}
	return &Set{idx: newIndex(all, tools), verbs: verbs}, nil
}

// Apply merges a config file into the set at the given layer. It returns
// the changes it refused, such as a project file trying to relax a rule;
// everything else in the file is applied.
func (s *Set) Apply(f *File, layer Layer) []error {
	var refused []error
	s.sources = append(s.sources, f.Name)
	refuseAt := func(path []string, index int, needle, format string, args ...any) {
		refused = append(refused, f.errorAtKey(path, index, needle, fmt.Sprintf(format, args...)))
	}
	refuseIn := func(key, s, format string, args ...any) {
		refused = append(refused, f.errorInValue(key, s, fmt.Sprintf(format, args...)))
	}
	toolNames := make([]string, 0, len(f.Tools))
	for name := range f.Tools {
		toolNames = append(toolNames, name)
	}
	sort.Strings(toolNames)
	for _, name := range toolNames {
		t := f.Tools[name]
		switch {
		case layer == Project:
			// An option grammar decides what rules see: value_flags = ["-rf"]
			// for rm would make rm -rf / look like an option and its value,
			// and hide the / from every rule. The project file is the
			// agent's to write, so it may not change any.
			refuseAt([]string{"tool", name}, -1, "[tool."+name, "a project file cannot change the option grammar of %s", name)
			continue
		case layer == User && s.lockedProgram(name):
			refuseAt([]string{"tool", name}, -1, "[tool."+name, "the option grammar of %s cannot be changed: rules for it are locked by the system file", name)
			continue
		}
		if s.tools == nil {
			s.tools = map[string]*Tool{}
		}
		s.tools[name] = t
	}
	if f.Verbs != nil {
		if err := s.applyVerbs(f, layer); err != nil {
			refused = append(refused, err)
		}
	}
	for i, r := range f.Rules {
		if _, dup := s.Rule(r.ID); dup {
			refuseAt([]string{"rule", "id"}, i, `"`+r.ID+`"`, "rule %s is already defined; change it under [rules.%q]", r.ID, r.ID)
			continue
		}
		if layer == System {
			r.floor, r.locked = r.Action, f.Name
		}
		s.add(r)
	}
	ids := make([]string, 0, len(f.Overrides))
	for id := range f.Overrides {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o := f.Overrides[id]
		r, ok := s.Rule(id)
		if !ok {
			refuseAt([]string{"rules", id}, -1, id, "no rule %s to change", id)
			continue
		}
		r = s.own(r)
		if o.Action != nil {
			a := *o.Action
			switch {
			case layer == Project && a < r.Action:
				refuseAt([]string{"rules", id, "action"}, -1, id, "a project file cannot relax rule %s from %s to %s", id, r.Action, a)
			case a < r.floor:
				refuseAt([]string{"rules", id, "action"}, -1, id, "rule %s cannot be relaxed below %s: it is locked by %s", id, r.floor, r.locked)
			default:
				r.Action = a
				r.source = f.Name
				if layer == System {
					r.floor, r.locked = a, f.Name
				}
			}
		}
		if o.Severity != nil {
			sv := *o.Severity
			if layer == Project && sv < r.Severity {
				refuseAt([]string{"rules", id, "severity"}, -1, id, "a project file cannot lower the severity of rule %s", id)
			} else {
				r.Severity = sv
			}
		}
	}
	for _, id := range f.AllowRules {
		r, ok := s.Rule(id)
		switch {
		case !ok:
			refuseIn("allow_rules", id, "no rule %s to allow", id)
		case layer == Project:
			refuseIn("allow_rules", id, "a project file cannot allow rule %s", id)
		case r.floor > Allow:
			refuseIn("allow_rules", id, "rule %s cannot be allowed: it is locked by %s", id, r.locked)
		default:
			r = s.own(r)
			r.Action = Allow
			r.source = f.Name
		}
	}
	for _, c := range f.AllowCommands {
		if layer == Project {
			refuseIn("allow_commands", c, "a project file cannot allow commands")
			continue
		}
		if s.allowCommands == nil {
			s.allowCommands = map[string]bool{}
		}
		s.allowCommands[strings.TrimSpace(c)] = true
	}
	if f.Lock {
		if layer != System {
			refuseAt([]string{"lock"}, -1, "lock", "only the system file can lock rules")
		} else {
			for _, r := range s.Rules() {
				if r.floor < r.Action {
					r = s.own(r)
					r.floor, r.locked = r.Action, f.Name
				}
			}
		}
	}
	return refused
}

// lockedProgram reports whether a rule naming the program has a floor set
// by the system file.
func (s *Set) lockedProgram(name string) bool {
	for _, r := range s.Rules() {
		if r.floor > Allow && slices.Contains(r.programs, name) {
			return true
		}
	}
	return false
}

// Rules returns every rule, in pack order.
func (s *Set) Rules() []*Rule {
	return slices.Clone(s.merged(s.idx.all(), s.added.list))
}

// Rule returns the rule with the given id.
func (s *Set) Rule(id string) (*Rule, bool) {
	if r, ok := s.byID[id]; ok {
		return r, true
	}
	r, ok := s.idx.rule(id)
	if !ok {
		return nil, false
	}
	return s.current(r), true
}

// Sources returns the config files applied to the set.
func (s *Set) Sources() []string { return slices.Clone(s.sources) }
