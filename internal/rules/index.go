package rules

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// index finds the rules that may apply to an invocation, a rule by its id
// and a program's option grammar. It is never changed once built. The
// embedded rules come with theirs, generated into packs_gen.go as data the
// linker lays out, so that starting guard builds no tables at all; a set
// made from other files builds one with newIndex.
type index struct {
	rules    []*Rule        // every rule, in pack order
	programs []programRules // sorted by name
	any      []*Rule        // rules for any program ("*")
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
			func() { x.any = append(x.any, r) },
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

// program returns the rules that name the program, in pack order.
func (x *index) program(name string) []*Rule {
	i, ok := slices.BinarySearchFunc(x.programs, name, func(p programRules, name string) int { return strings.Compare(p.name, name) })
	if !ok {
		return nil
	}
	return x.programs[i].rules
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

// IndexSource returns Go source for the index of the rules in files, for
// the generator of packs_gen.go: a composite literal of type index whose
// rules are &ref[i], i counting the rules of files in order, and whose
// option grammars are the files' own.
func IndexSource(files []*File, ref string) string {
	pos := map[*Rule]int{}
	var all []*Rule
	tools := map[string]*Tool{}
	for _, f := range files {
		for _, r := range f.Rules {
			pos[r] = len(all)
			all = append(all, r)
		}
		for name, t := range f.Tools {
			tools[name] = t
		}
	}
	x := newIndex(all, tools)
	var b strings.Builder
	list := func(rules []*Rule) {
		b.WriteString("{")
		for i, r := range rules {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "&%s[%d]", ref, pos[r])
		}
		b.WriteString("}")
	}
	b.WriteString("index{\nrules: []*Rule")
	list(all)
	b.WriteString(",\nprograms: []programRules{\n")
	for _, p := range x.programs {
		fmt.Fprintf(&b, "{%q, []*Rule", p.name)
		list(p.rules)
		b.WriteString("},\n")
	}
	b.WriteString("},\nany: []*Rule")
	list(x.any)
	b.WriteString(",\nproblems: [][]*Rule{")
	for i, rules := range x.problems {
		if i > 0 {
			b.WriteString(", ")
		}
		if len(rules) == 0 {
			b.WriteString("nil")
			continue
		}
		list(rules)
	}
	b.WriteString("},\nids: []*Rule")
	list(x.ids)
	b.WriteString(",\ntools: []namedTool{\n")
	for _, t := range x.tools {
		fmt.Fprintf(&b, "{%q, &Tool{", t.name)
		v := reflect.ValueOf(*t.tool)
		for i := 0; i < v.NumField(); i++ {
			if !v.Field(i).IsZero() {
				fmt.Fprintf(&b, "%s: %#v, ", v.Type().Field(i).Name, v.Field(i).Interface())
			}
		}
		b.WriteString("}},\n")
	}
	b.WriteString("},\n}")
	return b.String()
}
