package writes

import (
	"path"
	"strings"
	"sync"
)

// Checker matches write targets against the protected paths of one
// context.
type Checker struct {
	// Dir is the working directory, empty when unknown.
	Dir string
	// Home is the user's home directory.
	Home string
	// Protected are the paths writes may not land on or above.
	Protected []string
}

// Hit is a protected path a target can land on or above.
type Hit struct {
	Target Target
	// Protected is the protected path.
	Protected string
	// Where is the target's path as guard resolved it: a path, or a
	// pattern when it holds globs or run-time parts.
	Where string
	// Above reports that the target is a directory above the protected
	// path rather than the path itself or something under it.
	Above bool
	// Certain reports that the target lands there as far as the command
	// says: a plain path or a glob. It is false for a path with run-time
	// parts, and for an archive or directory of unknown content unpacked
	// into a project, which may or may not carry the project's settings.
	Certain bool
}

// Lands returns the first protected path the target can land on or above.
// dir is the directory the program runs in, empty when unknown; it may
// differ from the checker's after a cd.
func (c *Checker) Lands(t Target, dir string) (Hit, bool) {
	if v := t.Path.Value; c.Home != "" && (v == "~" || strings.HasPrefix(v, "~/")) {
		t.Path.Value = c.Home + v[1:]
	}
	if v := t.Path.Value; !t.Path.Dynamic && !t.Path.Glob && v != "" && (v[0] == '/' || dir != "") {
		return c.landsStatic(t, v, dir)
	}
	if v := t.Path.Value; !t.Path.Dynamic && !t.Path.Glob && v != "" && dir == "" && indexOn {
		// A plain relative path in an unknown directory: compile makes
		// it **/PATH, and when the index rules out every protected path
		// for that pattern, Lands finds none, without the pattern.
		rel := relativeTail(v)
		if rel == "" {
			return Hit{}, false
		}
		if len(rel) <= maxRel {
			var buf [maxRel]byte
			if maybe, ok := c.candidatesRel(append(buf[:0], rel...), t.Kind != Write); ok && maybe == 0 {
				return Hit{}, false
			}
		}
	}
	p, ok := compile(t.Path, dir)
	if !ok {
		return Hit{}, false
	}
	dynamic := t.Path.Dynamic
	if dynamic && lastDynamic(t.Path.Value) {
		if t.Kind == Write {
			// "> $out" or "> /tmp/$f": the file's name is not known, so
			// where it lands is not either.
			return Hit{}, false
		}
		p = p.oneComponent()
	}
	aboveToo := t.Kind != Write
	if aboveToo && t.Kind == Replace && p.static() {
		// Deleting or moving the working directory, a directory above it,
		// the home or the root takes guard's files with it, but those are
		// deletions that rules of their own confirm; guard's files are
		// not what makes them dangerous.
		s := p.String()
		if s == "/" || s == c.Home || c.Dir != "" && (s == c.Dir || strings.HasPrefix(c.Dir, s+"/")) {
			return Hit{}, false
		}
	}
	var first Hit
	found := false
	projectOnly := true
	static, lit := p.static(), ""
	if static {
		lit = p.String()
	}
	// Every path the pattern stands for starts with its literal prefix:
	// a protected path that neither starts with it nor begins it cannot
	// be on, under or below any of them, which spares matching the
	// pattern against most protected paths.
	// And where the pattern stops on a path, the path ends with the
	// pattern's literal bytes just before that point (see ends.go).
	// The pattern's key, ends and whether it names only caches are made
	// for the first protected path that passes the tests before them.
	pre, key := p.prefix(), ""
	var e ends
	cacheOnly := false
	// Which protected paths the pattern may be on, under or above, when
	// the protected paths' index can say: a bit for each.
	maybe, indexed := uint64(0), false
	if !static && indexOn {
		maybe, indexed = c.candidates(p, aboveToo)
	}
	for i, g := range c.Protected {
		if indexed && maybe&(1<<i) == 0 {
			continue
		}
		if !static && !strings.HasPrefix(g, pre) && !strings.HasPrefix(pre, g) {
			continue
		}
		var on, above bool
		if static {
			on = lit == g || strings.HasPrefix(lit, g) && lit[len(g)] == '/'
			above = !on && aboveToo && (lit == "/" || strings.HasPrefix(g, lit) && g[len(lit)] == '/')
		} else {
			if key == "" {
				key, e = p.key(), p.ends()
				cacheOnly = t.deletes() && p.regenerableOnly()
			}
			if p.mayBeOnOrUnder(&e, g) {
				match := p.onOrUnder
				if cacheOnly || fileLike(g) {
					// Nothing lands under a file: a pattern that would go
					// on below it (./**/*.pyc under .mcp.json, with **
					// standing for the file's own name) names no path that
					// exists. And a byte-code cache under a protected
					// directory (./**/*.pyc under .codex) is no setting.
					match = p.on
				}
				on = matches.get(key, g, false, match)
			}
			above = !on && aboveToo && p.mayBeAbove(&e, g) && matches.get(key, g, true, p.above)
		}
		if !on && !above {
			continue
		}
		if t.Kind == Tree && t.Unknown && projectOnly {
			if !c.projectDepth(p, g) {
				projectOnly = false
			}
		}
		if !found {
			first = Hit{Target: t, Protected: g, Where: p.String(), Above: above}
			found = true
		}
		if !(t.Kind == Tree && t.Unknown) {
			break
		}
	}
	if !found {
		return Hit{}, false
	}
	first.Certain = !dynamic && !(t.Kind == Tree && t.Unknown && projectOnly)
	return first, true
}

// landsStatic is Lands for a plain path, the common case, without a
// pattern.
func (c *Checker) landsStatic(t Target, v, dir string) (Hit, bool) {
	var lit string
	if v[0] == '/' {
		lit = path.Clean(v)
	} else {
		lit = path.Join(dir, v)
	}
	aboveToo := t.Kind != Write
	if t.Kind == Replace && (lit == "/" || lit == c.Home || c.Dir != "" && (lit == c.Dir || strings.HasPrefix(c.Dir, lit+"/"))) {
		return Hit{}, false
	}
	var first Hit
	found, projectOnly := false, true
	cacheOnly := t.deletes() && regenerable.Get()[path.Base(lit)]
	for _, g := range c.Protected {
		on := lit == g || !cacheOnly && len(lit) > len(g) && lit[len(g)] == '/' && strings.HasPrefix(lit, g)
		above := !on && aboveToo && (lit == "/" || len(g) > len(lit) && g[len(lit)] == '/' && strings.HasPrefix(g, lit))
		if !on && !above {
			continue
		}
		if t.Kind == Tree && t.Unknown && projectOnly {
			if d, ok := projectSetting(g, c.Home); !ok || !(d == lit || strings.HasPrefix(d, lit+"/")) {
				projectOnly = false
			}
		}
		if !found {
			first = Hit{Target: t, Protected: g, Where: lit, Above: above}
			found = true
		}
		if !(t.Kind == Tree && t.Unknown) {
			break
		}
	}
	if !found {
		return Hit{}, false
	}
	first.Certain = !(t.Kind == Tree && t.Unknown && projectOnly)
	return first, true
}

// projectDepth reports whether protected path g is a project's settings
// in the tree p or below it: the .claude/ or .codex/ of a project, which
// an archive unpacked there may or may not carry. A tree that is itself
// an agent's settings directory is not such a tree.
func (c *Checker) projectDepth(p pattern, g string) bool {
	if !p.static() {
		return false
	}
	root := p.String()
	d, ok := projectSetting(g, c.Home)
	return ok && (d == root || strings.HasPrefix(d, root+"/"))
}

// matchCache keeps what matching a pattern against a protected path gave:
// the answer depends on nothing else, and audit meets the same patterns
// (**/main.go, for a file in a directory it does not know) in thousands of
// commands, against the same protected paths.
type matchCache struct {
	mu sync.Mutex
	m  map[matchKey]bool
}

type matchKey struct {
	pattern, target string
	above           bool
}

var matches matchCache

// get returns match(target) for the pattern whose key is given, from the
// cache when it is there.
func (c *matchCache) get(pattern, target string, above bool, match func(string) bool) bool {
	k := matchKey{pattern, target, above}
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = match(target)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= 1<<14 {
		c.m = map[matchKey]bool{}
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}
