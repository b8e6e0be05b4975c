package writes

// A pattern's literal runs give a quick test that rules most protected
// paths out before the NFA runs: where the pattern stops on a path, or on
// a slash of its own below it, the literal bytes just before that point
// must be the last bytes of the path. A write to "somewhere/main.go" (the
// pattern **/main.go, as the directory is not known) can only be on or
// under a protected path that ends in "/main.go", and it is above none
// that has no "/main.go/" in it. Most patterns from a history start with
// such a wildcard, so the prefix test Lands makes first lets every
// protected path through.

// maxEnds is how many stopping points ends keeps; a pattern with more
// slashes is matched in full.
const maxEnds = 16

// ends are the literal runs that must end a path for a pattern to be on,
// under or above it.
type ends struct {
	// runs are, for each point where the pattern may stop on the path (a
	// literal slash of its own, or its end), the literal tokens just
	// before it: p[from:to]. from is 0 when the run starts the pattern.
	runs [maxEnds]struct{ from, to int }
	n    int
	// all is set when some stopping point has no run before it to test,
	// and onOrUnder must run for every path.
	all bool
	// last is where the pattern's final literal run starts, len(p) when
	// it ends with a wildcard; above tests it.
	last int
}

// ends computes the pattern's runs.
func (p pattern) ends() ends {
	var e ends
	n := len(p)
	e.last = n
	for e.last > 0 && p[e.last-1].kind == tokLit {
		e.last--
	}
	start := 0 // p[start:q] are literal tokens
	for q := 0; q <= n; q++ {
		if q < n && !(p[q].kind == tokLit && p[q].c == '/') {
			if p[q].kind != tokLit {
				start = q + 1
			}
			continue
		}
		from := start
		switch {
		case from == 0 && q == 0:
			// The pattern's own leading slash: the pattern never stays
			// there once a byte is read.
			continue
		case from == q && q == 1 && p[0].kind == tokAny && q < n:
			// "**/...": the ** swallows every slash of the path, so the
			// pattern never goes on below it from there (see onOrUnder).
			// This holds for a path that starts with a slash, which
			// mayBeOnOrUnder checks.
			continue
		case from == q:
			e.all = true
			return e
		}
		if e.n == maxEnds {
			e.all = true
			return e
		}
		e.runs[e.n].from, e.runs[e.n].to = from, q
		e.n++
	}
	return e
}

// endsWith reports whether s ends with the literal tokens p[from:to].
func (p pattern) endsWith(s string, from, to int) bool {
	k := to - from
	if len(s) < k {
		return false
	}
	s = s[len(s)-k:]
	for j := range k {
		if s[j] != p[from+j].c {
			return false
		}
	}
	return true
}

// mayBeOnOrUnder is false only when p.onOrUnder(target) is.
func (p pattern) mayBeOnOrUnder(e *ends, target string) bool {
	if e.all || target == "" || target[0] != '/' {
		return true
	}
	for _, r := range e.runs[:e.n] {
		if r.from == 0 {
			// A literal start: the path is the run itself.
			if len(target) == r.to && p.endsWith(target, 0, r.to) {
				return true
			}
		} else if p.endsWith(target, r.from, r.to) {
			return true
		}
	}
	return false
}

// mayBeAbove is false only when p.above(target) is: the pattern stops on
// target's own slash, or it can be the root.
func (p pattern) mayBeAbove(e *ends, target string) bool {
	n := len(p)
	k := n - e.last
	if k == 0 || k == 1 && p[n-1].c == '/' {
		return true
	}
	for i := k; i < len(target); i++ {
		if target[i] != '/' {
			continue
		}
		if e.last == 0 {
			if i == n && p.endsWith(target[:i], 0, n) {
				return true
			}
		} else if p.endsWith(target[:i], e.last, n) {
			return true
		}
	}
	return false
}
