package rules

import (
	"path"
	"strings"
)

// A rule's argument patterns are globs matched without regard to case:
// ? and [...] as path.Match reads them, and * matching across slashes
// too, so that */.env matches a path at any depth.

// matchAny reports whether s matches one of the patterns, ignoring case.
func matchAny(patterns []string, s string) bool {
	for _, p := range patterns {
		if globMatch(p, s) {
			return true
		}
	}
	return false
}

// matchLower is matchAny for patterns and a string already in lower case.
func matchLower(patterns []string, s string) bool {
	for _, p := range patterns {
		// globLower's own first test, here, where it costs no call: a
		// literal first or last byte of the pattern must be the string's.
		if n := len(p); n > 0 && len(s) > 0 {
			if c := p[0]; c != '*' && c != '?' && c != '[' && c != '\\' && s[0] != c {
				continue
			}
			if c := p[n-1]; c != '*' && c != '?' && c != ']' && s[len(s)-1] != c {
				continue
			}
		}
		if globLower(p, s) {
			return true
		}
	}
	return false
}

// lowerAll returns the strings of list in lower case.
func lowerAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToLower(s)
	}
	return out
}

// globMatch matches a pattern against a string, ignoring case.
func globMatch(pattern, s string) bool {
	if !hasGlob(pattern) {
		return strings.EqualFold(pattern, s)
	}
	return globLower(strings.ToLower(pattern), strings.ToLower(s))
}

// hasGlob reports whether a pattern has a special character: a loop,
// which costs less than strings.ContainsAny on the short words matched here.
func hasGlob(pattern string) bool {
	for i := 0; i < len(pattern); i++ {
		if c := pattern[i]; c == '*' || c == '?' || c == '[' {
			return true
		}
	}
	return false
}

// globLower matches a pattern against a string, both in lower case.
func globLower(pattern, s string) bool {
	// A literal first or last byte of the pattern must be the string's:
	// most pairs differ there, and audit calls this for every pattern
	// and argument. (A class ends with ], and an escaped last byte is a
	// literal too.)
	if n := len(pattern); n > 0 {
		if c := pattern[0]; c != '*' && c != '?' && c != '[' && c != '\\' && (len(s) == 0 || s[0] != c) {
			return false
		}
		if c := pattern[n-1]; c != '*' && c != '?' && c != ']' && (len(s) == 0 || s[len(s)-1] != c) {
			return false
		}
	}
	// One pass over the pattern for its special characters:
	// strings.ContainsAny costs more than the match.
	star, class, backslash := false, false, false
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '*':
			star = true
		case '?', '[':
			class = true
		case '\\':
			backslash = true
		}
	}
	if !star && !class {
		return pattern == s
	}
	if !class && !backslash {
		// Only *: starMatch gives what path.Match would, and lets * cross
		// a slash too, in one pass.
		return starMatch(pattern, s)
	}
	ok, _ := path.Match(pattern, s)
	if ok {
		return true
	}
	// path.Match does not let * cross a slash; patterns here should.
	if strings.Contains(s, "/") && strings.Contains(pattern, "*") {
		return starMatch(pattern, s)
	}
	return false
}

// starMatch matches a pattern whose only special character that matters is
// *, which may match across slashes.
func starMatch(p, s string) bool {
	first, rest, found := strings.Cut(p, "*")
	if !found {
		return p == s
	}
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for {
		part, more, found := strings.Cut(rest, "*")
		if !found {
			// The last part must end s.
			return strings.HasSuffix(s, part)
		}
		rest = more
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
}
