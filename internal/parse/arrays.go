package parse

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Arrays: opts=(-r -f); rm "${opts[@]}" /srv/data runs rm -r -f /srv/data.
// An array's elements are kept as far as they are known; an array changed
// in a way guard does not follow becomes unknown as a whole. Arrays are
// never changed in place, so that saved states stay as they were.

// arrayValue makes an array of elements; element 0 is also the value of
// $name, as in bash.
func arrayValue(elems []value) value {
	v := value{known: true, arr: &elems}
	if len(elems) > 0 {
		v.s, v.known, v.glob = elems[0].s, elems[0].known, elems[0].glob
	}
	return v
}

// elements returns the elements of a variable used as an array: an array's
// elements, or a scalar as a one-element array. ok is false when they are
// not known.
func (w *walker) elements(name string) ([]value, bool) {
	v, set := w.vars[name]
	if !set {
		if s, ok := w.variable(name); ok && (name == "HOME" || name == "PWD") {
			return []value{{s: s, known: true}}, true
		}
		return nil, false
	}
	if v.arr != nil {
		return *v.arr, true
	}
	if !v.known {
		return nil, false
	}
	return []value{v}, true
}

// arrayLiteral expands the elements of arr=(a b c). ok is false for forms
// guard does not follow, such as explicit indexes.
func (w *walker) arrayLiteral(a *syntax.ArrayExpr) ([]value, bool) {
	var out []value
	ok := true
	for _, el := range a.Elems {
		if el.Index != nil {
			w.nodeSubsts(el.Index)
			ok = false
		}
		if el.Value == nil {
			continue
		}
		for _, word := range w.expandWords([]*syntax.Word{el.Value}) {
			out = append(out, value{s: word.Value, known: !word.Dynamic, glob: word.Glob})
		}
	}
	return out, ok
}

// assignArray sets name from an array literal, appending with +=.
func (w *walker) assignArray(name string, a *syntax.ArrayExpr, appendTo bool) {
	elems, ok := w.arrayLiteral(a)
	if !ok {
		w.setVar(name, value{})
		return
	}
	if appendTo {
		old, known := w.elements(name)
		if _, set := w.vars[name]; !set && !known {
			// Appending to an unset variable makes a new array.
			old, known = nil, true
		}
		if !known {
			w.setVar(name, value{})
			return
		}
		elems = append(append([]value(nil), old...), elems...)
	}
	w.setVar(name, arrayValue(elems))
}

// assignElement sets arr[i]=v when the index is a literal number and the
// array is known; otherwise the array becomes unknown.
func (w *walker) assignElement(name string, index syntax.ArithmExpr, v Word, appendTo bool) {
	i := -1
	if word, ok := index.(*syntax.Word); ok {
		if n, err := strconv.Atoi(word.Lit()); err == nil && n >= 0 && n < 1024 {
			i = n
		}
	}
	old, known := w.elements(name)
	if _, set := w.vars[name]; !set {
		old, known = nil, true
	}
	if i < 0 || !known || appendTo {
		w.setVar(name, value{})
		return
	}
	elems := append([]value(nil), old...)
	for len(elems) <= i {
		// Holes in a sparse array: guard does not follow them.
		if len(elems) < i {
			w.setVar(name, value{})
			return
		}
		elems = append(elems, value{})
	}
	elems[i] = value{s: v.Value, known: !v.Dynamic, glob: v.Glob}
	w.setVar(name, arrayValue(elems))
}

// indexKind says which elements an index selects: all of them, joined
// (${a[*]}), or one.
func indexOf(pe *syntax.ParamExp) (all, star bool, n int, ok bool) {
	word, isWord := pe.Index.(*syntax.Word)
	if !isWord {
		return false, false, 0, false
	}
	switch lit := word.Lit(); lit {
	case "@":
		return true, false, 0, true
	case "*":
		return true, true, 0, true
	default:
		n, err := strconv.Atoi(lit)
		return false, false, n, err == nil && n >= 0
	}
}

// isArrayRef reports whether pe is a plain reference to array elements:
// ${a[@]}, ${a[*]}, ${a[0]}, or their length ${#a[@]}.
func isArrayRef(pe *syntax.ParamExp) bool {
	return pe.Param != nil && pe.Index != nil && !pe.Excl && !pe.Width && !pe.IsSet &&
		pe.Repl == nil && pe.Names == 0 && pe.Exp == nil && pe.NestedParam == nil && len(pe.Modifiers) == 0
}

// slice applies ${a[@]:offset:length} with literal numbers to elements.
// ok is false for a slice guard does not follow.
func slice(pe *syntax.ParamExp, elems []value) ([]value, bool) {
	if pe.Slice == nil {
		return elems, true
	}
	num := func(x syntax.ArithmExpr) (int, bool) {
		word, ok := x.(*syntax.Word)
		if !ok {
			return 0, false
		}
		n, err := strconv.Atoi(word.Lit())
		return n, err == nil && n >= 0
	}
	off, ok := num(pe.Slice.Offset)
	if !ok {
		return nil, false
	}
	off = min(off, len(elems))
	out := elems[off:]
	if pe.Slice.Length != nil {
		n, ok := num(pe.Slice.Length)
		if !ok {
			return nil, false
		}
		out = out[:min(n, len(out))]
	}
	return out, true
}

// arrayParam returns the value of ${a[i]}, ${a[*]}, ${a[@]} unquoted or
// ${#a[@]}, when it is known.
func (w *walker) arrayParam(pe *syntax.ParamExp) (string, bool) {
	all, star, n, ok := indexOf(pe)
	if !ok {
		return "", false
	}
	elems, known := w.elements(pe.Param.Value)
	if !known || pe.Slice != nil && (!all || pe.Length) {
		return "", false
	}
	if elems, known = slice(pe, elems); !known {
		return "", false
	}
	if pe.Length {
		if all {
			return strconv.Itoa(len(elems)), true
		}
		if n < len(elems) && elems[n].known {
			return strconv.Itoa(len([]rune(elems[n].s))), true
		}
		return "", false
	}
	if !all {
		if n >= len(elems) {
			return "", true
		}
		return elems[n].s, elems[n].known
	}
	sep := " "
	if ifs := w.ifs(); star && ifs != "" {
		sep = ifs[:1]
	} else if star {
		sep = ""
	}
	parts := make([]string, len(elems))
	for i, e := range elems {
		if !e.known {
			return "", false
		}
		parts[i] = e.s
	}
	return strings.Join(parts, sep), true
}

// quotedArray expands "${a[@]}": each element is its own word. It reports
// false when the array is not known, to be expanded as unknown text.
func (w *walker) quotedArray(pe *syntax.ParamExp, f *fields) bool {
	all, star, _, ok := indexOf(pe)
	if !ok || !all || star || pe.Length {
		return false
	}
	elems, known := w.elements(pe.Param.Value)
	if !known {
		return false
	}
	if elems, known = slice(pe, elems); !known {
		return false
	}
	for i, e := range elems {
		if i > 0 {
			f.end()
		}
		if e.known {
			f.add(e.s)
		} else {
			f.unknown(e.s)
		}
		f.glob = f.glob || e.glob
	}
	if len(elems) == 0 {
		// "${empty[@]}" is no word at all.
		f.started = f.size() > 0
	}
	return true
}
