package writes

import "github.com/guardsh/guard/internal/lazy"

// regenerable are the names, as the last component of a pattern, of
// files and directories an interpreter or a desktop makes again when they
// are gone: byte-code caches and folder metadata. No agent reads its
// settings or hooks from one, so deleting them under a protected directory
// (rglob('*.pyc') reaching .codex or .claude/hooks) cannot weaken guard;
// writing one can, and is judged as any write. A
// compiled file that is not made again by itself (*.class, *.o, *.pyd) is
// not among them: a hook may run it.
var regenerable = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"*.pyc": true, "*.pyo": true, "*.py[co]": true, "*.py[oc]": true,
		"__pycache__": true, ".pytest_cache": true, ".mypy_cache": true, ".ruff_cache": true,
		".DS_Store": true, "Thumbs.db": true,
	}
}}

// regenerableOnly reports whether every path the pattern stands for ends
// in a component that names a regenerable cache: ./**/*.pyc,
// src/**/__pycache__. The component must be all the pattern's after its
// last slash, and span no slash itself.
func (p pattern) regenerableOnly() bool {
	last := -1
	for i, t := range p {
		switch {
		case t.kind == tokLit && t.c == '/':
			last = i
		case t.kind == tokAny:
			last = -2 - i
		}
	}
	if last < 0 || last == len(p)-1 {
		return false
	}
	return regenerable.Get()[p[last+1:].String()]
}

// deletes reports whether the target only deletes its path: a cache that
// is written (a crafted .pyc in a hook's __pycache__) runs as the hook,
// and is no deletion.
func (t Target) deletes() bool {
	return t.Remove && t.Kind != Tree && !t.Link
}
