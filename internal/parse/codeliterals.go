package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Code on a command line in double quotes often carries a shell variable
// as a value: python -c "import psycopg; psycopg.connect('$DATABASE_URL')".
// When every part the shell fills in at run time sits inside a string
// literal of the interpreter's language, the code's structure is known
// and only some string values are not: guard reads it as code, and marks
// the commands and paths it finds that hold such a part as known only at
// run time. A part outside a literal (python -c "$CODE", python -c
// "import $MOD"), a command substitution, an interpolating literal
// (f-strings, template literals, ruby's #{}) or code that evaluates
// strings (exec, eval) keeps the code dynamic.

// literalLangs are the languages whose string literals stringSpans reads
// well enough for this.
var literalLangs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"python": true, "node": true, "ruby": true, "perl": true, "php": true}
}}

// evaluators run a string as code, whose text is then unknown.
var evaluators = []string{"exec(", "eval(", "compile(", "Function(", "instance_eval", "class_eval", "module_eval", "__import__", "importlib", "require(\"$", "require('$", "runInNewContext", "runInThisContext", "vm."}

// runtimeInLiterals returns the run-time parts of code the shell fills
// in, when each of them lies inside a plain string literal of lang, or
// nil when the code must stay dynamic.
func runtimeInLiterals(code, lang string) []string {
	if !literalLangs.Get()[lang] || strings.Contains(code, "$(") || strings.ContainsRune(code, '`') {
		return nil
	}
	for _, e := range evaluators {
		if strings.Contains(code, e) {
			return nil
		}
	}
	spans := stringSpans(code, lang)
	var parts []string
	for i := 0; i < len(code); i++ {
		if code[i] != '$' {
			continue
		}
		end := paramEnd(code, i)
		if end < 0 {
			if lang == "perl" || lang == "php" {
				// The language's own $ (perl's $_, php's $x) is the
				// shell's too in double quotes: unknown.
				return nil
			}
			continue
		}
		sp, ok := spanAt(spans, i)
		if !ok || !plainLiteral(code, lang, sp) {
			return nil
		}
		parts = append(parts, code[i:end])
		i = end - 1
	}
	return parts
}

// paramEnd returns the end of the shell parameter expansion at code[i]:
// $NAME or ${...}, or -1.
func paramEnd(code string, i int) int {
	j := i + 1
	if j < len(code) && code[j] == '{' {
		k := strings.IndexByte(code[j:], '}')
		if k < 0 {
			return -1
		}
		return j + k + 1
	}
	for j < len(code) && (isWordChar(code[j]) && code[j] != '.' && code[j] != '-') {
		j++
	}
	if j == i+1 {
		return -1
	}
	return j
}

// spanAt returns the string literal that holds offset i.
func spanAt(spans [][2]int, i int) ([2]int, bool) {
	for _, sp := range spans {
		if sp[0] < i && i < sp[1] {
			return sp, true
		}
	}
	return [2]int{}, false
}

// plainLiteral reports whether the literal at sp interpolates no code of
// its language.
func plainLiteral(code, lang string, sp [2]int) bool {
	q := code[sp[0]]
	body := code[sp[0]:min(sp[1]+1, len(code))]
	switch lang {
	case "python":
		for k := sp[0] - 1; k >= 0 && k >= sp[0]-2; k-- {
			if c := code[k] | 0x20; c == 'f' {
				return false
			} else if c != 'r' && c != 'b' {
				break
			}
		}
	case "node":
		return q != '`'
	case "ruby":
		return !strings.Contains(body, "#{")
	case "perl", "php":
		return !strings.Contains(body, "@{") && !strings.Contains(body, "{$")
	}
	return true
}

// markRuntime marks the words that hold one of the run-time parts as
// known only at run time.
func markRuntime(args []Word, parts []string) {
	for i := range args {
		for _, p := range parts {
			if strings.Contains(args[i].Value, p) {
				args[i].Dynamic = true
				break
			}
		}
	}
}
