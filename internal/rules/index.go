package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// ruleIndex holds a set's base rules: it finds the rules that may apply
// to an invocation, a rule by its id and a program's option grammar. It
// never changes. The embedded rules have theirs generated into
// packs_gen.go as code (see generated.go), so that starting guard builds
// no tables and reads only the rules a command needs; a set made from
// other files builds an index with newIndex.
type ruleIndex interface {
	all() []*Rule // every rule, in pack order
	program(name string) []*Rule
	// command returns the rules naming the program that may match an
	// invocation whose first operand is first: those with no subcommand
	// and those with a subcommand that starts with first, in order.
	command(name, first string) []*Rule
	any() []*Rule
	problem(p parse.Problem) []*Rule
	rule(id string) (*Rule, bool)
	tool(name string) *Tool
}

// index is a ruleIndex built at run time.
type index struct {
	rules    []*Rule        // every rule, in pack order
	programs []programRules // sorted by name
	anyRules []*Rule        // rules for any program ("*")
	problems [][]*Rule      // by parse.Problem
	ids      []*Rule        // sorted by ID
	tools    []namedTool    // sorted by name
}

type programRules struct {
	name  string
	rules []*Rule
}

type namedTool struct {
	name string
	tool *Tool
}

// addTo files r under what it applies to: a parser problem, any program,
// or the programs it names.
func addTo(r *Rule, program func(string), any func(), problem func(parse.Problem)) {
	if r.problem != 0 {
		problem(parse.Problem(r.problem))
		return
	}
	for _, p := range r.programs {
		if p == "*" {
			any()
			continue
		}
		program(p)
	}
}

// newIndex indexes rules, in their order, and tools.
func newIndex(rules []*Rule, tools map[string]*Tool) *index {
	x := &index{rules: rules}
	byProgram := map[string][]*Rule{}
	for _, r := range rules {
		addTo(r,
			func(p string) { byProgram[p] = append(byProgram[p], r) },
			func() { x.anyRules = append(x.anyRules, r) },
			func(p parse.Problem) {
				for len(x.problems) <= int(p) {
					x.problems = append(x.problems, nil)
				}
				x.problems[p] = append(x.problems[p], r)
			})
	}
	for name, list := range byProgram {
		x.programs = append(x.programs, programRules{name, list})
	}
	sort.Slice(x.programs, func(i, j int) bool { return x.programs[i].name < x.programs[j].name })
	x.ids = slices.Clone(rules)
	sort.SliceStable(x.ids, func(i, j int) bool { return x.ids[i].ID < x.ids[j].ID })
	for name, t := range tools {
		x.tools = append(x.tools, namedTool{name, t})
	}
	sort.Slice(x.tools, func(i, j int) bool { return x.tools[i].name < x.tools[j].name })
	return x
}

func (x *index) all() []*Rule { return x.rules }

func (x *index) any() []*Rule { return x.anyRules }

// program returns the rules that name the program, in pack order.
func (x *index) program(name string) []*Rule {
	i, ok := slices.BinarySearchFunc(x.programs, name, func(p programRules, name string) int { return strings.Compare(p.name, name) })
	if !ok {
		return nil
	}
	return x.programs[i].rules
}

// command returns the rules that name the program, in pack order: a
// set built at run time does not index them by subcommand.
func (x *index) command(name, first string) []*Rule { return x.program(name) }

// byFirstWord is how many rules a program needs before its rules are
// indexed by the first word of their subcommands as well.
const byFirstWord = 8

// commandSpans returns, for a program's rules, the first words of their
// subcommands, sorted, and the rules each may match (those with no
// subcommand and those whose subcommand starts with the word), and the
// rules with no subcommand. ok is false for a program with few rules.
func commandSpans(rules []*Rule) (words []string, byWord [][]*Rule, none []*Rule, ok bool) {
	if len(rules) < byFirstWord {
		return nil, nil, nil, false
	}
	for _, r := range rules {
		for _, c := range r.commands {
			if len(c) > 0 && !slices.Contains(words, c[0]) {
				words = append(words, c[0])
			}
		}
	}
	sort.Strings(words)
	starts := func(r *Rule, w string) bool {
		if len(r.commands) == 0 {
			return true
		}
		for _, c := range r.commands {
			if len(c) > 0 && c[0] == w {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		var list []*Rule
		for _, r := range rules {
			if starts(r, w) {
				list = append(list, r)
			}
		}
		byWord = append(byWord, list)
	}
	for _, r := range rules {
		if len(r.commands) == 0 {
			none = append(none, r)
		}
	}
	// Worth it only when most rules have a subcommand.
	if len(words) == 0 || 2*len(none) > len(rules) {
		return nil, nil, nil, false
	}
	return words, byWord, none, true
}

// problem returns the rules that catch a parser problem.
func (x *index) problem(p parse.Problem) []*Rule {
	if int(p) < len(x.problems) {
		return x.problems[p]
	}
	return nil
}

// rule returns the rule with the given id.
func (x *index) rule(id string) (*Rule, bool) {
	i, ok := slices.BinarySearchFunc(x.ids, id, func(r *Rule, id string) int { return strings.Compare(r.ID, id) })
	if !ok {
		return nil, false
	}
	return x.ids[i], true
}

// tool returns the option grammar of a program, or nil.
func (x *index) tool(name string) *Tool {
	i, ok := slices.BinarySearchFunc(x.tools, name, func(t namedTool, name string) int { return strings.Compare(t.name, name) })
	if !ok {
		return nil
	}
	return x.tools[i].tool
}

// GeneratedSource returns the Go source of packs_gen.go for the rules in
// files, after the package clause, for the generator: every rule and
// option grammar as a function that makes it, and the index as switches
// and tables of positions. Code, not data: data with strings in it would
// be in every guard process's garbage-collector bitmap, which the
// runtime builds at start-up whatever the command.
//
// fields calls set with the name and value of each field of a rule or a
// tool that was decoded from TOML and is not zero.
//
// Each rule is made by a function of its own with one allocation: the
// rule, the strings of its lists and its matcher's state in one struct,
// so that making the dozens of rules a command meets costs little.
func GeneratedSource(files []*File, fields func(v any, set func(name string, v any))) (string, error) {
	pos := map[*Rule]int{}
	var all []*Rule
	tools := map[string]*Tool{}
	for _, f := range files {
		for _, r := range f.Rules {
			pos[r] = len(all)
			all = append(all, r)
		}
		for name, t := range f.Tools {
			if _, dup := tools[name]; dup {
				return "", fmt.Errorf("%s: duplicate option grammar [tool.%s]", f.Name, name)
			}
			tools[name] = t
		}
	}
	x := newIndex(all, tools)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("// generatedCount is the number of generated rules.\nconst generatedCount = %d\n\n", len(all))
	p("// makeGenerated returns generated rule i, compiled, as a new value.\nfunc makeGenerated(i int) *Rule {\nswitch i {\n")
	source := ""
	for i, r := range all {
		if r.source != source {
			source = r.source
			p("// %s\n", source)
		}
		p("case %d:\nreturn makeGenerated%d()\n", i, i)
	}
	p("}\nreturn nil\n}\n\n")
	for i, r := range all {
		var strs []string
		var lists []string // Go source of each []string in the lists of lists
		var body strings.Builder
		set := func(name string, v any) {
			var src string
			switch v := v.(type) {
			case []string:
				lo := len(strs)
				strs = append(strs, v...)
				src = fmt.Sprintf("m.s[%d:%d:%d]", lo, len(strs), len(strs))
			case [][]string:
				lo := len(lists)
				for _, l := range v {
					if len(l) == 0 {
						lists = append(lists, "nil")
						continue
					}
					a := len(strs)
					strs = append(strs, l...)
					lists = append(lists, fmt.Sprintf("m.s[%d:%d:%d]", a, len(strs), len(strs)))
				}
				src = fmt.Sprintf("m.c[%d:%d:%d]", lo, len(lists), len(lists))
			default:
				src = fmt.Sprintf("%#v", v)
			}
			fmt.Fprintf(&body, "r.%s = %s\n", name, src)
		}
		fields(*r, set)
		r.CompiledFields(set)
		if r.Matcher != "" {
			body.WriteString("r.lazy = &m.l\n")
		}
		p("func makeGenerated%d() *Rule {\nm := &struct {\nr Rule\ns [%d]string\nc [%d][]string\nl lazyMatch\n}{s: [...]string{", i, len(strs), len(lists))
		for j, str := range strs {
			if j > 0 {
				p(", ")
			}
			p("%q", str)
		}
		p("}}\n")
		for j, l := range lists {
			p("m.c[%d] = %s\n", j, l)
		}
		p("r := &m.r\n%sreturn r\n}\n\n", body.String())
	}

	p("// generatedID returns the position of the generated rule with the id,\n// or -1.\nfunc generatedID(id string) int {\nswitch id {\n")
	for _, r := range x.ids {
		p("case %q:\nreturn %d\n", r.ID, pos[r])
	}
	p("}\nreturn -1\n}\n\n")

	// The lists of positions, one after the other in one table.
	var lists []int
	// Each span that is not empty has a slot of its own in
	// generatedSpans, by its start.
	var slots []int
	spans := 0
	span := func(rules []*Rule) [2]int {
		lo := len(lists)
		for _, r := range rules {
			lists = append(lists, pos[r])
			slots = append(slots, 0)
		}
		if len(rules) > 0 {
			slots[lo] = spans
			spans++
		}
		return [2]int{lo, len(lists)}
	}
	p("// generatedProgram returns the span of generatedLists that holds the\n// positions of the rules naming a program.\nfunc generatedProgram(name string) (lo, hi int) {\nswitch name {\n")
	for _, pr := range x.programs {
		sp := span(pr.rules)
		p("case %q:\nreturn %d, %d\n", pr.name, sp[0], sp[1])
	}
	p("}\nreturn 0, 0\n}\n\n")
	p("// generatedCommand returns the span of generatedLists that holds the\n// positions of the rules naming a program that may match an invocation\n// whose first operand is first.\nfunc generatedCommand(name, first string) (lo, hi int) {\nswitch name {\n")
	for _, pr := range x.programs {
		words, byWord, none, ok := commandSpans(pr.rules)
		if !ok {
			continue
		}
		p("case %q:\nswitch first {\n", pr.name)
		for i, w := range words {
			sp := span(byWord[i])
			p("case %q:\nreturn %d, %d\n", w, sp[0], sp[1])
		}
		sp := span(none)
		p("}\nreturn %d, %d\n", sp[0], sp[1])
	}
	p("}\nreturn generatedProgram(name)\n}\n\n")
	anySpan := span(x.anyRules)
	p("// generatedAny is the span of generatedLists for rules for any program.\nvar generatedAny = [2]uint16{%d, %d}\n\n", anySpan[0], anySpan[1])
	p("// generatedProblems are the spans of generatedLists for the rules that\n// catch each parser problem.\nvar generatedProblems = [...][2]uint16{")
	for i, rules := range x.problems {
		if i > 0 {
			p(", ")
		}
		sp := span(rules)
		p("{%d, %d}", sp[0], sp[1])
	}
	p("}\n\n")
	p("// generatedLists holds positions of generated rules.\nvar generatedLists = [...]uint16{")
	for i, n := range lists {
		if i > 0 {
			p(", ")
		}
		p("%d", n)
	}
	p("}\n\n")
	p("// generatedSpanCount is the number of spans of generatedLists.\nconst generatedSpanCount = %d\n\n", spans)
	p("// generatedSlots holds the slot of each span of generatedLists in\n// generatedSpans, at the span's start.\nvar generatedSlots = [...]uint16{")
	for i, n := range slots {
		if i > 0 {
			p(", ")
		}
		p("%d", n)
	}
	p("}\n\n")

	p("// generatedToolCount is the number of generated option grammars.\nconst generatedToolCount = %d\n\n", len(x.tools))
	p("// generatedTool returns the position of a program's option grammar, or -1.\nfunc generatedTool(name string) int {\nswitch name {\n")
	for i, t := range x.tools {
		p("case %q:\nreturn %d\n", t.name, i)
	}
	p("}\nreturn -1\n}\n\n")
	p("// makeGeneratedTool returns option grammar i as a new value, and the\n// program's name.\nfunc makeGeneratedTool(i int) (*Tool, string) {\nswitch i {\n")
	for i, t := range x.tools {
		var b strings.Builder
		fields(*t.tool, func(name string, v any) { fmt.Fprintf(&b, "%s: %#v, ", name, v) })
		p("case %d:\nreturn &Tool{%s}, %q\n", i, b.String(), t.name)
	}
	p("}\nreturn nil, \"\"\n}\n\n")
	tables, err := safeguardSource(all)
	if err != nil {
		return "", err
	}
	b.WriteString(tables)
	return b.String(), nil
}
