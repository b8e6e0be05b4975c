package rules

import (
	"sync/atomic"

	"github.com/guardsh/guard/internal/parse"
)

// The embedded rules are generated into packs_gen.go as code that makes
// each rule, and an index of switches and tables of positions, so that a
// guard process makes only the rules its command can meet: the ones
// naming its programs, and those for any program. Each is made once and
// then shared by every set, which copies it before changing it.
var (
	generatedMade      [generatedCount]atomic.Pointer[Rule]
	generatedToolsMade [generatedToolCount]atomic.Pointer[Tool]
	// generatedSpans keeps the rules of each span of generatedLists
	// once made, by the span's slot: audit looks programs up by the
	// million.
	generatedSpans [generatedSpanCount]atomic.Pointer[[]*Rule]
)

// generatedRule returns generated rule i, made when first needed.
func generatedRule(i int) *Rule {
	if r := generatedMade[i].Load(); r != nil {
		return r
	}
	r := makeGenerated(i)
	if !generatedMade[i].CompareAndSwap(nil, r) {
		return generatedMade[i].Load()
	}
	return r
}

// generatedRules returns the generated rules at the positions in span of
// generatedLists.
// The slice is shared: callers must not change it.
func generatedRules(lo, hi int) []*Rule {
	if lo == hi {
		return nil
	}
	slot := &generatedSpans[generatedSlots[lo]]
	if p := slot.Load(); p != nil {
		return *p
	}
	out := make([]*Rule, hi-lo)
	for i, n := range generatedLists[lo:hi] {
		out[i] = generatedRule(int(n))
	}
	slot.CompareAndSwap(nil, &out)
	return *slot.Load()
}

// generatedIndex is the index of the generated rules.
type generatedIndex struct{}

func (generatedIndex) all() []*Rule {
	out := make([]*Rule, generatedCount)
	for i := range out {
		out[i] = generatedRule(i)
	}
	return out
}

func (generatedIndex) program(name string) []*Rule { return generatedRules(generatedProgram(name)) }

func (generatedIndex) command(name, first string) []*Rule {
	return generatedRules(generatedCommand(name, first))
}

func (generatedIndex) any() []*Rule {
	return generatedRules(int(generatedAny[0]), int(generatedAny[1]))
}

func (generatedIndex) problem(p parse.Problem) []*Rule {
	if int(p) >= len(generatedProblems) {
		return nil
	}
	sp := generatedProblems[p]
	return generatedRules(int(sp[0]), int(sp[1]))
}

func (generatedIndex) rule(id string) (*Rule, bool) {
	i := generatedID(id)
	if i < 0 {
		return nil, false
	}
	return generatedRule(i), true
}

func (generatedIndex) tool(name string) *Tool {
	i := generatedTool(name)
	if i < 0 {
		return nil
	}
	if t := generatedToolsMade[i].Load(); t != nil {
		return t
	}
	t, _ := makeGeneratedTool(i)
	if !generatedToolsMade[i].CompareAndSwap(nil, t) {
		return generatedToolsMade[i].Load()
	}
	return t
}

// generatedTools returns every generated option grammar, by program.
func generatedTools() map[string]*Tool {
	out := map[string]*Tool{}
	for i := 0; i < generatedToolCount; i++ {
		_, name := makeGeneratedTool(i)
		out[name] = generatedIndex{}.tool(name)
	}
	return out
}
