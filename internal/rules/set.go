package rules

import (
	"embed"
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/guardsh/guard/internal/parse"
)

//go:generate go run ./gen

//go:embed packs/*.toml
var packFS embed.FS

// Set is an effective set of rules.
type Set struct {
	rules         []*Rule
	byID          map[string]*Rule
	byProgram     map[string][]*Rule
	anyProgram    []*Rule
	fallback      []*Rule // rules for any program that apply when no named rule matched
	byProblem     map[parse.Problem][]*Rule
	tools         map[string]*Tool
	verbs         *verbModel
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
	// Settings are read by the config package.
	Settings toml.Primitive `toml:"settings"`

	md   toml.MetaData
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
	md, err := toml.Decode(string(data), f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := parseErrorPosition(string(data), pe)
			return nil, &Error{File: name, Line: line, Col: col, Msg: pe.Message}
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	f.md = md
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "settings" {
			continue
		}
		last := k[len(k)-1]
		return nil, f.errorAtKey(k, -1, last+" ", fmt.Sprintf("unknown key %q", k.String()))
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
func (f *File) HasSettings() bool { return f.md.IsDefined("settings") }

// parseErrorPosition returns where a TOML syntax error is. The library
// reports an error found at a line's end, such as an unclosed table name,
// on the line after; it is put back at the end of its own line.
func parseErrorPosition(data string, pe toml.ParseError) (line, col int) {
	line, col = pe.Position.Line, pe.Position.Col
	if !strings.Contains(pe.Message, `'\n'`) || line < 2 {
		return line, col
	}
	lines := strings.Split(data, "\n")
	// The position is on the line after when it is past that line's end.
	if line-2 < len(lines) && (line-1 >= len(lines) || col > len(lines[line-1])+1) {
		return line - 1, len(lines[line-2]) + 1
	}
	return line, col
}

// DecodeSettings decodes the file's [settings] table into v.
func (f *File) DecodeSettings(v any) error {
	if !f.md.IsDefined("settings") {
		return nil
	}
	if err := f.md.PrimitiveDecode(f.Settings, v); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{File: f.Name, Line: pe.Position.Line, Col: pe.Position.Col, Msg: pe.Message}
		}
		return f.errorAtKey([]string{"settings"}, -1, "[settings]", err.Error())
	}
	for _, k := range f.md.Undecoded() {
		if len(k) > 1 && k[0] == "settings" {
			return f.errorAtKey(k, -1, k[len(k)-1]+" ", fmt.Sprintf("unknown key %q", k.String()))
		}
	}
	return nil
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
		mk, ok := matchers[r.Matcher]
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
	return nil
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
// from the packs, whose rules come compiled. They are shared between sets
// and never changed: Apply copies a rule before it changes it.
func Default() (*Set, error) {
	if err := prepareGenerated(); err != nil {
		return nil, err
	}
	s, err := fromFiles(generated)
	if err != nil {
		return nil, err
	}
	s.verbs = generatedVerbs
	return s, nil
}

// prepareGenerated builds what the generated rules cannot hold as data:
// their matchers, which are functions.
var prepareGenerated = sync.OnceValue(func() error {
	for _, f := range generated {
		for _, r := range f.Rules {
			if r.Matcher == "" {
				continue
			}
			mk, ok := matchers[r.Matcher]
			if !ok {
				return &Error{File: f.Name, Msg: "rule " + r.ID + ": unknown matcher " + r.Matcher}
			}
			m, err := mk(r.With)
			if err != nil {
				return &Error{File: f.Name, Msg: "rule " + r.ID + ": " + err.Error()}
			}
			r.match = m
		}
	}
	return nil
})

// own returns a rule of the set that the set may change: shared rules
// (the generated ones) are copied first.
func (s *Set) own(r *Rule) *Rule {
	if !r.shared {
		return r
	}
	c := *r
	c.shared = false
	s.byID[c.ID] = &c
	for i, x := range s.rules {
		if x == r {
			s.rules[i] = &c
		}
	}
	return &c
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
	s := &Set{byID: map[string]*Rule{}, tools: map[string]*Tool{}, allowCommands: map[string]bool{}}
	var tables []*Verbs
	for _, f := range files {
		tables = append(tables, f.Verbs)
		for name, t := range f.Tools {
			s.tools[name] = t
		}
		for _, r := range f.Rules {
			if _, dup := s.byID[r.ID]; dup {
				return nil, &Error{File: f.Name, Msg: "duplicate rule id " + r.ID}
			}
			s.byID[r.ID] = r
			s.rules = append(s.rules, r)
		}
	}
	var err error
	if s.verbs, err = compileVerbs(tables); err != nil {
		return nil, err
	}
	s.index()
	return s, nil
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
		s.tools[name] = t
	}
	if f.Verbs != nil {
		if err := s.applyVerbs(f, layer); err != nil {
			refused = append(refused, err)
		}
	}
	for i, r := range f.Rules {
		if _, dup := s.byID[r.ID]; dup {
			refuseAt([]string{"rule", "id"}, i, `"`+r.ID+`"`, "rule %s is already defined; change it under [rules.%q]", r.ID, r.ID)
			continue
		}
		if layer == System {
			r.floor, r.locked = r.Action, f.Name
		}
		s.byID[r.ID] = r
		s.rules = append(s.rules, r)
	}
	ids := make([]string, 0, len(f.Overrides))
	for id := range f.Overrides {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o := f.Overrides[id]
		r, ok := s.byID[id]
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
		r, ok := s.byID[id]
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
		s.allowCommands[strings.TrimSpace(c)] = true
	}
	if f.Lock {
		if layer != System {
			refuseAt([]string{"lock"}, -1, "lock", "only the system file can lock rules")
		} else {
			for _, r := range s.rules {
				if r.floor < r.Action {
					r = s.own(r)
					r.floor, r.locked = r.Action, f.Name
				}
			}
		}
	}
	s.index()
	return refused
}

// lockedProgram reports whether a rule naming the program has a floor set
// by the system file.
func (s *Set) lockedProgram(name string) bool {
	for _, r := range s.rules {
		if r.floor > Allow && slices.Contains(r.programs, name) {
			return true
		}
	}
	return false
}

// index rebuilds the lookup tables after rules change.
func (s *Set) index() {
	s.byProgram = map[string][]*Rule{}
	s.byProblem = map[parse.Problem][]*Rule{}
	s.anyProgram, s.fallback = nil, nil
	for _, r := range s.rules {
		if r.problem != 0 {
			s.byProblem[parse.Problem(r.problem)] = append(s.byProblem[parse.Problem(r.problem)], r)
			continue
		}
		for _, p := range r.programs {
			if p == "*" {
				s.anyProgram = append(s.anyProgram, r)
				if r.Fallback {
					s.fallback = append(s.fallback, r)
				}
				continue
			}
			s.byProgram[p] = append(s.byProgram[p], r)
		}
	}
}

// Rules returns every rule, in pack order.
func (s *Set) Rules() []*Rule { return slices.Clone(s.rules) }

// Rule returns the rule with the given id.
func (s *Set) Rule(id string) (*Rule, bool) {
	r, ok := s.byID[id]
	return r, ok
}

// Sources returns the config files applied to the set.
func (s *Set) Sources() []string { return slices.Clone(s.sources) }
