package writes

import (
	"strings"
	"sync"
)

// A relative path in a directory guard does not know is the pattern
// **/PATH (compile), and audit meets one in most commands that write a
// file: vim internal/rules/cache_12.go. Matching it against every
// protected path costs more than the rest of the decision. The index
// below finds the few protected paths such a pattern can be on, under or
// above, from their components, and Lands tries only those, in their
// order. It is a filter and nothing more: each path it leaves in is
// matched as before, and the paths it leaves out are those that
// mayBeOnOrUnder and mayBeAbove would rule out (TestIndexedLands
// compares the two).

// protIndex files a list of protected paths by their components, as bits
// of their positions in the list.
type protIndex struct {
	list []string // the list indexed, for checking that it is the same
	// always are the paths the index cannot rule out: relative or empty.
	always uint64
	// last holds, for each last component, the paths that end with it;
	// inner, for each other component, the paths that have it followed
	// by a slash.
	last, inner map[string]uint64
}

// indexOn turns the index on; a test turns it off to compare.
var indexOn = true

// maxIndexed is how many protected paths an index holds: one bit each.
const maxIndexed = 64

func newProtIndex(list []string) *protIndex {
	x := &protIndex{list: list, last: map[string]uint64{}, inner: map[string]uint64{}}
	for i, g := range list {
		bit := uint64(1) << i
		if g == "" || g[0] != '/' {
			x.always |= bit
			continue
		}
		j := strings.LastIndexByte(g, '/')
		x.last[g[j+1:]] |= bit
		for c := range strings.SplitSeq(g[1:j+1], "/") {
			if c != "" {
				x.inner[c] |= bit
			}
		}
	}
	return x
}

// same reports whether the index was made for list: the same array of
// the same length. The index keeps the array, so no other list can be
// made there; lists of protected paths are not changed in place once
// made (judgeSelf, in internal/rules, relies on that too), and the
// first and last paths are compared all the same.
func (x *protIndex) same(list []string) bool {
	n := len(list)
	return len(x.list) == n && n > 0 && &x.list[0] == &list[0] && x.list[0] == list[0] && x.list[n-1] == list[n-1]
}

// protIndexes keeps the indexes of the last few protected lists: a
// decision meets two (guard's own paths and the files whose code runs
// later), and audit the same ones for every command.
var protIndexes struct {
	sync.Mutex
	recent [4]*protIndex
	next   int
}

// index returns the index of the checker's protected paths, or nil when
// they are too many.
func (c *Checker) index() *protIndex {
	if len(c.Protected) == 0 || len(c.Protected) > maxIndexed {
		return nil
	}
	protIndexes.Lock()
	defer protIndexes.Unlock()
	for _, x := range protIndexes.recent {
		if x != nil && x.same(c.Protected) {
			return x
		}
	}
	x := newProtIndex(c.Protected)
	protIndexes.recent[protIndexes.next] = x
	protIndexes.next = (protIndexes.next + 1) % len(protIndexes.recent)
	return x
}

// candidates returns, as bits of their positions, the protected paths
// the pattern may be on or under (and above, with aboveToo), and true,
// when the pattern is **/PATH with PATH a plain relative path: the
// pattern is on or under a protected path only if the path ends with
// /C1/.../Cj for some leading components of PATH (ends, mayBeOnOrUnder),
// so only if its last component is one of PATH's, and above one only if
// the path holds /PATH/, so only if PATH's last component is one of its
// components followed by a slash (mayBeAbove). Any other pattern gives
// false, and Lands tries every path.
func (c *Checker) candidates(p pattern, aboveToo bool) (uint64, bool) {
	n := len(p)
	if n < 3 || p[0].kind != tokAny || p[1].kind != tokLit || p[1].c != '/' || n-2 > maxRel {
		return 0, false
	}
	var buf [maxRel]byte
	rel := buf[:n-2]
	for i, t := range p[2:] {
		if t.kind != tokLit {
			return 0, false
		}
		rel[i] = t.c
	}
	return c.candidatesRel(rel, aboveToo)
}

// candidatesRel is candidates for the pattern **/PATH, given PATH. PATH
// must be plain: no empty component, at most as many components as ends
// keeps (it gives up on more, and every path is tried).
func (c *Checker) candidatesRel(rel []byte, aboveToo bool) (uint64, bool) {
	if len(rel) == 0 || len(rel) > maxRel || rel[0] == '/' || rel[len(rel)-1] == '/' {
		return 0, false
	}
	comps := 1
	for i := 1; i < len(rel); i++ {
		if rel[i] == '/' {
			if rel[i-1] == '/' {
				return 0, false
			}
			comps++
		}
	}
	if comps > maxEnds {
		return 0, false
	}
	x := c.index()
	if x == nil {
		return 0, false
	}
	maybe := x.always
	for {
		j := indexSlash(rel)
		if j < 0 {
			maybe |= x.last[string(rel)]
			if aboveToo {
				maybe |= x.inner[string(rel)]
			}
			return maybe, true
		}
		maybe |= x.last[string(rel[:j])]
		rel = rel[j+1:]
	}
}

// maxRel is the longest PATH candidates reads; Lands tries every
// protected path for a longer one.
const maxRel = 256

func indexSlash(b []byte) int {
	for i, c := range b {
		if c == '/' {
			return i
		}
	}
	return -1
}
