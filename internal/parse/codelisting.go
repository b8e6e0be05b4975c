package parse

import "strings"

// itemRemover reports whether a method's name removes one item named by
// its argument: kv.delete(key), r.del(k), cache.remove(id).
func itemRemover(name string) bool {
	switch strings.ToLower(name) {
	case "delete", "del", "remove", "unset", "unlink", "delete!", "remove!", "hdel", "srem", "zrem":
		return true
	}
	return false
}

// clientListing returns the listing of a client that the first argument of a
// call whose name ends at i comes from, shortened, or "": the argument is
// a loop's variable (or a field of it, e.key) and the loop iterates over
// a value of a client, or the argument spreads a call on one
// (*r.keys("*"), ...await r.keys()).
func (r *callReader) clientListing(i int) string {
	code := r.s.code
	j := r.s.space(i)
	if j >= len(code) || code[j] != '(' {
		return ""
	}
	arg := firstArg(code, j+1)
	bare := strings.TrimSpace(arg)
	for _, p := range []string{"*", "...", "await "} {
		bare = strings.TrimSpace(strings.TrimPrefix(bare, p))
	}
	if bare != strings.TrimSpace(arg) && strings.Contains(bare, "(") {
		// A spread of a call: r.delete(*r.keys("*")).
		if r.rootOf(bare, 1) != "" {
			return clipListing(bare)
		}
		return ""
	}
	if r.loops == nil {
		r.loops = loopsOf(code, r.s.lang)
	}
	name := strings.TrimLeft(leadingName(bare), "$@")
	at, ok := r.loops[name]
	if name == "" || !ok || at < 0 {
		// sftp.remove("/outbound/" + f), r.delete(f"user:{k}"): a path
		// or key built from the loop's variable.
		if at, ok = loopNameIn(bare, r.loops); !ok {
			return ""
		}
	}
	iter := iterableAt(code, at)
	for _, each := range []string{".forEach", ".map", ".each", ".for_each"} {
		// keys.map(k => ...): the listing is the receiver.
		if k := strings.Index(iter, each); k > 0 {
			iter = iter[:k]
		}
	}
	for _, block := range []string{"{ |", "{|", " do |", " do|"} {
		// r.scan_each(match: "k:*") { |k| ... }: the listing ends
		// where its block starts.
		if k := strings.Index(iter, block); k > 0 {
			iter = strings.TrimSpace(iter[:k])
		}
	}
	if iter == "" || r.rootOf(iter, 1) == "" {
		return ""
	}
	return clipListing(iter)
}

// loopNameIn returns where the loop that binds a name used in an
// expression starts: a name outside string literals ("/out/" + f,
// os.path.join(d, f)), or one interpolated in one (f"user:{k}",
// "#{k}", `${k}`).
func loopNameIn(expr string, loops map[string]int) (int, bool) {
	var quote byte
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case quote != 0 && c == '\\':
			i++
			continue
		case quote != 0 && c == quote:
			quote = 0
			continue
		case quote == 0 && (c == '\'' || c == '"' || c == '`'):
			quote = c
			continue
		case !isWordStart(c) || i > 0 && (isWordChar(expr[i-1]) || expr[i-1] == '.'):
			continue
		case quote != 0 && (i == 0 || expr[i-1] != '{'):
			continue
		}
		j := i
		for j < len(expr) && isWordChar(expr[j]) {
			j++
		}
		if at, ok := loops[expr[i:j]]; ok && at >= 0 {
			return at, true
		}
		i = j - 1
	}
	return 0, false
}

// firstArg returns the text of the first argument of a call whose
// arguments start at i.
func firstArg(code string, i int) string {
	if j, ok := stopAtDepth(code, i, ","); ok {
		return code[i:j]
	}
	return ""
}

// iterableAt returns the expression a loop iterates over, starting at i:
// up to the loop's closing parenthesis, Python's colon or the end of the
// line.
func iterableAt(code string, i int) string {
	for i < len(code) && (code[i] == ' ' || code[i] == '\t') {
		i++
	}
	if j, ok := stopAtDepth(code, i, ":\n;"); ok {
		return strings.TrimSpace(code[i:j])
	}
	return strings.TrimSpace(code[i:])
}

// stopAtDepth returns the offset, from i on, of the first byte of stops
// outside brackets and string literals, or of a closing bracket that no
// bracket after i opened; ok is false when the code ends first.
func stopAtDepth(code string, i int, stops string) (int, bool) {
	depth := 0
	for j := i; j < len(code); j++ {
		switch c := code[j]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				return j, true
			}
			depth--
		case '\'', '"', '`':
			for j++; j < len(code) && code[j] != c; j++ {
				if code[j] == '\\' {
					j++
				}
			}
		default:
			if depth == 0 && strings.IndexByte(stops, c) >= 0 {
				return j, true
			}
		}
	}
	return 0, false
}

// clipListing shortens a listing for messages.
func clipListing(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
