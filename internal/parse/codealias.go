package parse

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Code often imports the modules that run commands and delete files
// under a name of its own: import subprocess as sp, from subprocess
// import run, const { execSync: sh } = require('child_process'). The
// calls made through such a name are read as the calls they are
// (sp.run, run, sh as subprocess.run and execSync), so that a renamed
// module runs what the module runs.

// aliasModules are the modules whose calls codeCall reads, in the
// spelling codeCall expects for their calls (subprocess.run, execSync).
const aliasModules = "os subprocess shutil pty commands child_process fs fs/promises fs-extra rimraf"

// codeAlias is one name the code binds to a module or to one of its
// functions: module is the module, fn the function ("" for the module
// itself).
type codeAlias struct {
	local, module, fn string
}

var (
	pyImportAsRe   = lazy.Regexp{Expr: `(?m)(?:^|;)\s*import\s+([^;\n]+)`}
	pyFromImportRe = lazy.Regexp{Expr: `(?m)(?:^|;)\s*from\s+([\w.]+)\s+import\s+\(?([^;\n)]+)`}
	jsModuleVarRe  = lazy.Regexp{Expr: `(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)`}
	jsDestructReq  = lazy.Regexp{Expr: `(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)`}
	jsImportFromRe = lazy.Regexp{Expr: `import\s+([^'";]*?)\s+from\s+['"]([^'"]+)['"]`}
)

// aliasModule returns a module's name as aliasModules spell it (node:fs
// is fs), or "" when codeCall does not read its calls.
func aliasModule(mod string) string {
	mod = strings.TrimPrefix(mod, "node:")
	for _, m := range strings.Fields(aliasModules) {
		if m == mod {
			return m
		}
	}
	return ""
}

// codeAliases returns the names code binds to the modules of
// aliasModules, or to their functions, under a name that is not the
// module's or the function's own (which codeCall reads already).
func codeAliases(code, lang string) []codeAlias {
	var out []codeAlias
	add := func(local, mod, fn string) {
		mod = aliasModule(mod)
		if mod == "" || !isPlainName(local) || local == mod && fn == "" {
			return
		}
		if fn != "" && local == fn && codeCallName(fn) {
			// from subprocess import Popen: found by its own name.
			return
		}
		out = append(out, codeAlias{local: local, module: mod, fn: fn})
	}
	switch lang {
	case "python":
		if !strings.Contains(code, "import") {
			return nil
		}
		for _, m := range pyImportAsRe.Get().FindAllStringSubmatch(code, -1) {
			for _, part := range strings.Split(m[1], ",") {
				if f := strings.Fields(part); len(f) == 3 && f[1] == "as" {
					add(f[2], f[0], "")
				}
			}
		}
		for _, m := range pyFromImportRe.Get().FindAllStringSubmatch(code, -1) {
			for _, part := range strings.Split(m[2], ",") {
				switch f := strings.Fields(part); {
				case len(f) == 3 && f[1] == "as":
					add(f[2], m[1], f[0])
				case len(f) == 1:
					add(f[0], m[1], f[0])
				}
			}
		}
	case "node":
		if !strings.Contains(code, "require") && !strings.Contains(code, "import") {
			return nil
		}
		for _, m := range jsModuleVarRe.Get().FindAllStringSubmatch(code, -1) {
			add(m[1], m[2], "")
		}
		for _, m := range jsDestructReq.Get().FindAllStringSubmatch(code, -1) {
			for _, b := range jsBindings(m[1], ":") {
				add(b[1], m[2], b[0])
			}
		}
		for _, m := range jsImportFromRe.Get().FindAllStringSubmatch(code, -1) {
			spec := strings.TrimSpace(m[1])
			if def, rest, ok := strings.Cut(spec, ","); ok && !strings.Contains(def, "{") {
				add(strings.TrimSpace(def), m[2], "")
				spec = strings.TrimSpace(rest)
			}
			switch {
			case strings.HasPrefix(spec, "{"):
				for _, b := range jsBindings(strings.Trim(spec, "{} "), " as ") {
					add(b[1], m[2], b[0])
				}
			case strings.HasPrefix(spec, "*"):
				f := strings.Fields(spec)
				add(f[len(f)-1], m[2], "")
			default:
				add(spec, m[2], "")
			}
		}
	}
	return out
}

// jsBindings reads a destructuring or import list (execSync: run, spawn;
// execSync as run) into pairs of the exported name and the local one.
func jsBindings(list, sep string) [][2]string {
	var out [][2]string
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, local, ok := strings.Cut(part, sep)
		if !ok {
			local = name
		}
		out = append(out, [2]string{strings.TrimSpace(name), strings.TrimSpace(local)})
	}
	return out
}

// codeCallName reports whether codeCalls reads a call of this name,
// spelled whole: subprocess.run, execSync, rmtree.
func codeCallName(name string) bool {
	loc := codeCalls.Get().FindStringIndex(name)
	return loc != nil && loc[0] == 0 && loc[1] == len(name)
}

// aliasedCalls analyses the calls code makes through the names of
// codeAliases: sp.run(...) as subprocess.run(...), run(...) imported
// from subprocess, sh(...) bound to child_process.execSync.
func (w *walker) aliasedCalls(c call, s *codeScan, name, via string) {
	aliases := codeAliases(s.code, s.lang)
	if len(aliases) == 0 {
		return
	}
	code := s.code
	n := 0
	for _, a := range aliases {
		if a.fn == "" && (contains(objects, a.local) || s.lang == "node" && strings.HasPrefix(a.module, "fs")) {
			// cp.exec, a module bound to fs: codeCall reads them.
			continue
		}
		var re *regexp.Regexp
		if a.fn == "" {
			re = regexp.MustCompile(`\b` + regexp.QuoteMeta(a.local) + `\s*\.\s*(\w+)\b`)
		} else {
			re = regexp.MustCompile(`\b` + regexp.QuoteMeta(a.local) + `\b`)
		}
		for _, m := range re.FindAllStringSubmatchIndex(code, 16) {
			if n++; n > 32 || *w.full {
				return
			}
			start, end := m[0], m[1]
			if start > 0 && (code[start-1] == '.' || code[start-1] == '$') {
				continue
			}
			fn := a.fn
			if fn == "" {
				fn = code[m[2]:m[3]]
			}
			// Node's calls are read by their last name (fs.rm as rm),
			// Python's with the module (os.remove).
			callee := a.module + "." + fn
			if s.lang == "python" && !codeCallName(callee) || s.lang == "node" && !codeCallName(fn) {
				continue
			}
			if p := s.space(end); p >= len(code) || code[p] != '(' {
				continue
			}
			w.codeCallAs(c, s, name, via, start, end, callee)
		}
	}
}
