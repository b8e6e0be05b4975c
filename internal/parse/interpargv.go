package parse

import "strings"

// The arguments an interpreter passes to its program: python -c CODE
// /srv/data gives the code sys.argv[1] == "/srv/data", node -e CODE "$d"
// gives process.argv[1], ruby -e and perl -e give ARGV[0] and $ARGV[0],
// php -r gives $argv[1]. Code that deletes such an argument is judged by
// the path the shell passes, so that a directory mktemp made earlier in
// the command passes and /srv/data asks.

// langArgv returns the argument vector a program in lang sees, laid out as
// the language indexes it, from the interpreter's arguments (without its
// name): the program's own operands from r.rest on, after the entries the
// language puts first (the script or -c in sys.argv[0], node's path in
// process.argv[0]). It returns nil for languages whose arguments guard
// does not link.
func langArgv(lang string, r interpArgs, args []Word) []Word {
	if r.rest > len(args) || r.module {
		return nil
	}
	ops := args[r.rest:]
	if len(ops) > 0 && ops[0].Value == "--" && !ops[0].Dynamic && (lang == "php" || lang == "node" && len(r.code) > 0) {
		// php -r CODE -- -h, node -e CODE -- x: the -- is not an argument.
		ops = ops[1:]
	}
	first := func(words ...Word) []Word {
		return append(append(make([]Word, 0, len(words)+len(ops)), words...), ops...)
	}
	script := r.script
	if script.Value == "" {
		script = Word{Value: "-"}
		if len(r.code) > 0 {
			script = Word{Value: r.flag}
		}
	}
	switch lang {
	case "python", "php":
		return first(script)
	case "node":
		if len(r.code) > 0 {
			return first(Word{Value: "node"})
		}
		return first(Word{Value: "node"}, script)
	case "ruby", "perl":
		return first()
	}
	return nil
}

// argvName returns how a language spells an element of its argument
// vector, up to the index.
func argvName(lang string) string {
	switch lang {
	case "python":
		return "sys.argv["
	case "node":
		return "process.argv["
	case "ruby":
		return "ARGV["
	case "perl":
		return "$ARGV["
	case "php":
		return "$argv["
	}
	return ""
}

// argvTerm reads an element of the argument vector at i, sys.argv[1], as
// the argument the shell passes. An index past the arguments, or a
// pattern the shell expands into several words before it, is a part only
// known at run time; so is an argument only known at run time.
func (s *codeScan) argvTerm(i int) (strExpr, int, bool) {
	argv := s.top().argv
	if argv == nil {
		return nil, i, false
	}
	prefix := argvName(s.lang)
	c := s.code
	if prefix == "" || i > 0 && (isWordChar(c[i-1]) || c[i-1] == '.' || c[i-1] == '$' || c[i-1] == '@') {
		return nil, i, false
	}
	unknown := strExpr{{text: strings.TrimSuffix(strings.TrimLeft(prefix, "$"), "[")}}
	if n, end, ok := argvFrom(c, i, s.lang); ok {
		// for p in sys.argv[1:], ARGV.each, @ARGV: the arguments from n
		// on, read as one when there is one.
		if len(argv) != n+1 {
			return unknown, end, true
		}
		return s.argvElem(argv, n, end, unknown)
	}
	if s.lang == "perl" && strings.HasPrefix(c[i:], "shift") && !perlSubs(s.top().code) {
		// shift outside a sub takes the next of @ARGV: my $d = shift.
		if n, end, ok := perlShift(s.top().code, c, i); ok {
			return s.argvElem(argv, n, end, unknown)
		}
	}
	if s.lang == "python" && strings.HasPrefix(c[i:], "argv[") && strings.Contains(s.top().code, "from sys import") {
		// from sys import argv: argv[1].
		prefix = "argv["
	}
	if !strings.HasPrefix(c[i:], prefix) {
		return nil, i, false
	}
	j := i + len(prefix)
	k := j
	for k < len(c) && c[k] >= '0' && c[k] <= '9' && k-j < 3 {
		k++
	}
	if k == j || k >= len(c) || c[k] != ']' {
		// ARGV[n]: not one known element.
		return nil, i, false
	}
	n := 0
	for _, d := range c[j:k] {
		n = n*10 + int(d-'0')
	}
	return s.argvElem(argv, n, k+1, unknown)
}

// argvElem returns element n of argv as a term ending at end.
func (s *codeScan) argvElem(argv []Word, n, end int, unknown strExpr) (strExpr, int, bool) {
	if n >= len(argv) {
		return unknown, end, true
	}
	for _, a := range argv[:n] {
		if a.Glob {
			// The shell expands it into some number of words: which
			// one is element n is only known at run time.
			return unknown, end, true
		}
	}
	a := argv[n]
	if a.Dynamic {
		return strExpr{{text: a.Value}}, end, true
	}
	// A pattern stands for the files it matches, of which the element is
	// the first, or with the rest of the arguments all.
	return strExpr{{text: a.Value, known: true, glob: a.Glob}}, end, true
}

// argvFrom reads, at code[i], the arguments from some index on: python's
// sys.argv[N:], node's process.argv.slice(N), ruby's ARGV and perl's
// @ARGV, the whole vector. It returns N and where the term ends.
func argvFrom(code string, i int, lang string) (int, int, bool) {
	rest := code[i:]
	var prefix, suffix string
	switch lang {
	case "python":
		prefix, suffix = "sys.argv[", ":]"
	case "node":
		prefix, suffix = "process.argv.slice(", ")"
	case "ruby":
		if strings.HasPrefix(rest, "ARGV") && (len(rest) == 4 || !isWordChar(rest[4]) && rest[4] != '[') {
			return 0, i + 4, true
		}
		return 0, i, false
	case "perl":
		if strings.HasPrefix(rest, "@ARGV") && (len(rest) == 5 || !isWordChar(rest[5])) {
			return 0, i + 5, true
		}
		return 0, i, false
	default:
		return 0, i, false
	}
	if !strings.HasPrefix(rest, prefix) {
		return 0, i, false
	}
	j := len(prefix)
	if j >= len(rest) || rest[j] < '0' || rest[j] > '9' || !strings.HasPrefix(rest[j+1:], suffix) {
		return 0, i, false
	}
	return int(rest[j] - '0'), i + j + 1 + len(suffix), true
}

// perlSubs reports whether perl code defines a sub, inside which shift
// takes the sub's arguments rather than the program's.
func perlSubs(code string) bool {
	for k := strings.Index(code, "sub"); k >= 0; {
		end := k + 3
		if (k == 0 || !isWordChar(code[k-1])) && end < len(code) && (code[end] == ' ' || code[end] == '{' || code[end] == '\t') {
			return true
		}
		next := strings.Index(code[end:], "sub")
		if next < 0 {
			return false
		}
		k = end + next
	}
	return false
}

// perlShift reads a shift of @ARGV at code[i] (shift, shift @ARGV,
// shift(@ARGV)) and returns which argument it takes: the number of shifts
// before it in the whole code, top.
func perlShift(top, code string, i int) (int, int, bool) {
	end := i + len("shift")
	if end < len(code) && isWordChar(code[end]) {
		return 0, i, false
	}
	rest := code[end:]
	switch {
	case strings.HasPrefix(rest, "(@ARGV)"):
		end += len("(@ARGV)")
	case strings.HasPrefix(rest, " @ARGV"):
		end += len(" @ARGV")
	case strings.HasPrefix(rest, "()"):
		end += 2
	case strings.HasPrefix(rest, "(") || strings.HasPrefix(strings.TrimLeft(rest, " "), "@"):
		// shift(@other): another array.
		return 0, i, false
	}
	// Count the shifts before this one in the whole code; the scan of a
	// statement may hold only part of it, found by its text.
	at := i
	if len(code) != len(top) || code != top[:len(code)] {
		at = strings.Index(top, code[i:end])
		if at < 0 {
			return 0, i, false
		}
	}
	n := 0
	for k := 0; k < at; {
		j := strings.Index(top[k:at], "shift")
		if j < 0 {
			break
		}
		p := k + j
		if (p == 0 || !isWordChar(top[p-1])) && (p+5 >= len(top) || !isWordChar(top[p+5])) {
			n++
		}
		k = p + 5
	}
	return n, end, true
}
