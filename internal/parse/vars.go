package parse

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Variables: declare, export and local clauses, assignments, and the
// environment a program inherits from them.

// declClause records a declare, export, local or readonly clause and sets
// the variables it names.
func (w *walker) declClause(cmd *syntax.DeclClause, st *syntax.Stmt, in Input, redirs []Redirect) {
	// The clause is recorded as an invocation of its own, so that rules see
	// the values it sets (export TOKEN=...).
	args := []Word{{Value: cmd.Variant.Value}}
	flags := ""
	for _, a := range cmd.Args {
		if a.Naked && a.Value != nil {
			if lit := a.Value.Lit(); strings.HasPrefix(lit, "-") {
				flags += lit[1:]
			}
		}
	}
	nameref := strings.Contains(flags, "n")
	integer := strings.Contains(flags, "i")
	export := cmd.Variant.Value == "export" && !nameref || strings.Contains(flags, "x")
	unexport := cmd.Variant.Value == "export" && nameref
	if unexport {
		// export -n NAME takes NAME out of the environment.
		nameref = false
	}
	for _, a := range cmd.Args {
		switch {
		case nameref && a.Name != nil:
			// declare -n r=x: r stands for x.
			var target Word
			if a.Value != nil {
				target = w.expandOne(a.Value)
			}
			w.declareNameref(a.Name.Value, target)
			args = append(args, Word{Value: a.Name.Value + "=" + target.Value, Dynamic: target.Dynamic})
		case nameref && a.Naked && a.Value != nil && !strings.HasPrefix(a.Value.Lit(), "-"):
			w.declareNameref(w.expandOne(a.Value).Value, Word{Dynamic: true})
		case a.Name != nil && a.Value != nil:
			v := w.expandOne(a.Value)
			if integer || w.bash != nil && w.bash.integers[a.Name.Value] {
				w.arithWords(v)
			}
			w.setVar(a.Name.Value, value{s: v.Value, known: !v.Dynamic, exported: export})
			if unexport {
				w.setExported(a.Name.Value, false)
			}
			args = append(args, Word{Value: a.Name.Value + "=" + v.Value, Dynamic: v.Dynamic})
			if !w.dry {
				w.assigned(call{text: w.snippet(st), pos: w.synPos(st.Pos())}, a.Name.Value, v)
			}
		case a.Name != nil && a.Array != nil:
			w.assignArray(a.Name.Value, a.Array, a.Append)
		case a.Name != nil && a.Naked && (export || unexport):
			// export NAME: a variable set earlier goes to children.
			w.setExported(a.Name.Value, export)
			args = append(args, Word{Value: a.Name.Value})
		case a.Naked && a.Value != nil:
			// declare $x, or declare "$a=b": evaluated at run time, as in
			// export $(grep -v '^#' .env | xargs).
			v := w.expandOne(a.Value)
			if v.Dynamic {
				w.noteLoaded(w.snippet(st))
			}
			if !strings.HasPrefix(v.Value, "-") {
				w.arithWords(v)
				if !v.Dynamic && (export || unexport) {
					// export NAME: a variable set earlier goes to children.
					w.setExported(v.Value, export)
				}
			}
		}
		if integer && a.Name != nil {
			st := w.sh()
			if st.integers == nil {
				st.integers = map[string]bool{}
			}
			st.integers[a.Name.Value] = true
		}
	}
	w.record(call{args: args, text: w.snippet(st), pos: w.synPos(st.Pos()), redirs: redirs, stdin: in})
}

// setVar sets a variable of the shell, through a nameref when name is one.
func (w *walker) setVar(name string, v value) {
	if name == "GLOBIGNORE" {
		// A GLOBIGNORE set to anything turns dotglob on.
		w.sh().hidden = true
	}
	if w.bash != nil && w.bash.namerefs != nil {
		t, ok := w.nameref(name)
		if !ok {
			w.forgetAll()
			return
		}
		name = t
	}
	if w.vars == nil {
		w.vars = map[string]value{}
	}
	if old, ok := w.vars[name]; ok && old.exported {
		// An exported variable stays exported when it is set again.
		v.exported = true
	}
	w.vars[name] = v
}

// setExported marks a variable set earlier as exported or not. A name
// exported before it is set (export X; X=1) is not followed: bash exports
// the later value, and guard sees only the assignment.
func (w *walker) setExported(name string, on bool) {
	if v, ok := w.vars[name]; ok && v.exported != on {
		v.exported = on
		w.vars[name] = v
	}
}

// inherited returns the exported variables that a program started now
// finds in its environment, besides the assignments before its name.
func (w *walker) inherited(assigns []Assign) []Assign {
	var out []Assign
	for name, v := range w.vars {
		if !v.exported || v.arr != nil || slices.ContainsFunc(assigns, func(a Assign) bool { return a.Name == name }) {
			continue
		}
		out = append(out, Assign{Name: name, Value: Word{Value: v.s, Dynamic: !v.known}, Inherited: true})
	}
	if len(out) == 0 {
		return assigns
	}
	slices.SortFunc(out, func(a, b Assign) int { return strings.Compare(a.Name, b.Name) })
	return append(slices.Clip(assigns), out...)
}
