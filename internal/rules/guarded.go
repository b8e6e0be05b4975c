package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// A path such as "${BUILD_DIR:?}/out" stops the shell when the variable is
// unset or empty, so rm -rf cannot fall through to /out: the advice that
// fs.rm-dynamic gives. What it deletes is then the build output, cache or
// temporary directory its last name says, wherever the variable points,
// and it is judged as that name would be written out. A guarded variable
// alone, one followed by any other name, HOME, and a second run-time part
// stay only known at run time.

// guardedOutputs are the last names of a guarded path that a build, a
// test run or a tool makes again.
var guardedOutputs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"build": true, "builds": true, "out": true, "dist": true, "target": true, "tmp": true, "temp": true,
		".tmp": true, "cache": true, ".cache": true, "node_modules": true, "coverage": true, "_build": true,
		"__pycache__": true, ".pytest_cache": true, ".mypy_cache": true, ".next": true, ".nuxt": true, ".turbo": true,
		"obj": true, ".gradle": true, "cmake-build": true, "htmlcov": true, "test-results": true, ".tox": true,
		"artifacts": true,
	}
}}

// guardedOutput returns the static rest of a word that starts with a
// guarded variable and ends in a build output name ("out" for
// "${BUILD_DIR:?}/out"), and whether it does.
func guardedOutput(v string) (string, bool) {
	if !strings.HasPrefix(v, "${") {
		return "", false
	}
	end := strings.IndexByte(v, '}')
	if end < 0 {
		return "", false
	}
	name, check, ok := strings.Cut(v[2:end], ":?")
	if !ok || !isShellName(name) || name == "HOME" || strings.ContainsAny(check, "$`{}") {
		return "", false
	}
	rest := v[end+1:]
	if !strings.HasPrefix(rest, "/") || strings.ContainsAny(rest, "$`*?[{}\\'\"") {
		return "", false
	}
	rest = path.Clean(strings.TrimLeft(rest, "/"))
	if rest == "." || rest == ".." || strings.HasPrefix(rest, "../") || strings.Contains(rest, "/../") {
		return "", false
	}
	base := path.Base(rest)
	if guardedOutputs.Get()[base] || strings.HasPrefix(base, "tmp-") || strings.HasPrefix(base, "tmp_") ||
		strings.HasPrefix(base, "build-") || strings.HasPrefix(base, "cmake-build-") {
		return rest, true
	}
	return "", false
}

// isShellName reports whether s is a shell variable name.
func isShellName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
