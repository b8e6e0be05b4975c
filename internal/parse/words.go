package parse

import (
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/guardsh/guard/internal/passwd"
)

// maxFields caps how many words brace expansion may make of one word.
const maxFields = 256

// maxUnknownLen caps the source text kept for one part of a word that is
// only known at run time.
const maxUnknownLen = 1024

// fields accumulates the words that one or more source words expand to.
type fields struct {
	out []Word
	cur strings.Builder
	// one is the field's text while it is one string added whole (inOne),
	// so that the usual word of one part needs no copy.
	one     string
	inOne   bool
	dynamic bool
	glob    bool
	hidden  bool
	started bool
}

func (f *fields) add(s string) {
	switch {
	case f.inOne:
		f.cur.WriteString(f.one)
		f.cur.WriteString(s)
		f.one, f.inOne = "", false
	case f.cur.Len() == 0:
		f.one, f.inOne = s, true
	default:
		f.cur.WriteString(s)
	}
	f.started = true
}

// flush moves a text held whole into cur, before writing to cur itself.
func (f *fields) flush() {
	if f.inOne {
		f.cur.WriteString(f.one)
		f.one, f.inOne = "", false
	}
}

// text returns the field's text so far.
func (f *fields) text() string {
	if f.inOne {
		return f.one
	}
	return f.cur.String()
}

// size returns the length of the field's text so far.
func (f *fields) size() int {
	if f.inOne {
		return len(f.one)
	}
	return f.cur.Len()
}

// split adds the unquoted result of an expansion, which the shell splits
// at the characters of IFS: runs of blanks end a field, and each other IFS
// character ends one too, even an empty one (IFS=: splits a::b in three).
func (f *fields) split(s, ifs string) {
	f.flush()
	for _, r := range s {
		if strings.ContainsRune(ifs, r) {
			if r != ' ' && r != '\t' && r != '\n' {
				f.started = true
			}
			f.end()
			continue
		}
		f.cur.WriteRune(r)
		f.started = true
	}
}

func (f *fields) unknown(src string) {
	// The source text only shows what the word stands for; a long one is
	// cut, so that nested substitutions do not copy the text at every
	// level.
	if len(src) > maxUnknownLen {
		src = src[:maxUnknownLen] + "..."
	}
	f.flush()
	f.cur.WriteString(src)
	f.dynamic = true
	f.started = true
}

func (f *fields) end() {
	if f.started {
		f.out = append(f.out, Word{Value: f.text(), Dynamic: f.dynamic, Glob: f.glob, Hidden: f.glob && f.hidden})
	}
	f.cur.Reset()
	f.one, f.inOne = "", false
	f.dynamic, f.glob, f.hidden, f.started = false, false, false, false
}

// expandWords expands the arguments of a command as the shell would, as far
// as they can be known.
func (w *walker) expandWords(words []*syntax.Word) []Word {
	var f fields
	if len(words) > 0 {
		// One word each, unless braces make more.
		f.out = make([]Word, 0, len(words))
	}
	for _, word := range words {
		if !mayBrace(word) {
			// What braces returns for a word with no brace, without the
			// slice it makes.
			w.word(word, false, &f)
			f.end()
			continue
		}
		capped := false
		alts := w.braces(word, 0, &capped)
		if capped {
			// More words than guard looks at: the word as a whole is
			// unknown.
			f.unknown(w.source(word))
			f.end()
			continue
		}
		for _, alt := range alts {
			w.word(alt, false, &f)
			f.end()
		}
	}
	return f.out
}

// expandOne expands a word that is not split into fields: an assignment
// value, a redirection target, a case subject.
func (w *walker) expandOne(word *syntax.Word) Word {
	if word == nil {
		return Word{}
	}
	var f fields
	w.word(word, true, &f)
	return Word{Value: f.text(), Dynamic: f.dynamic, Glob: f.glob, Hidden: f.glob && f.hidden}
}

// word expands one word into f, resolving a leading tilde. single is true
// when the result is not split into fields.
func (w *walker) word(word *syntax.Word, single bool, f *fields) {
	parts := word.Parts
	if len(parts) > 0 {
		if lit, ok := parts[0].(*syntax.Lit); ok && strings.HasPrefix(lit.Value, "~") {
			prefix, rest, _ := strings.Cut(lit.Value, "/")
			if len(parts) == 1 || strings.Contains(lit.Value, "/") {
				if home, ok := w.tilde(prefix[1:]); ok {
					f.add(home)
					if strings.Contains(lit.Value, "/") {
						f.add("/")
						w.parts(append([]syntax.WordPart{&syntax.Lit{Value: rest, ValuePos: lit.ValuePos, ValueEnd: lit.ValueEnd}}, parts[1:]...), false, single, f)
					} else {
						w.parts(parts[1:], false, single, f)
					}
					return
				}
			}
		}
	}
	w.parts(parts, false, single, f)
}

// tilde resolves ~ and ~user prefixes.
func (w *walker) tilde(name string) (string, bool) {
	switch name {
	case "":
		return w.opts.Home, w.opts.Home != ""
	case "+":
		return w.dir, w.dir != ""
	}
	u, err := passwd.LookupName(name)
	if err != nil {
		return "", false
	}
	return u.Home, true
}

// parts expands word parts into f. quoted is true inside double quotes;
// single is true when the result will not be split (assignments).
func (w *walker) parts(parts []syntax.WordPart, quoted, single bool, f *fields) {
	for _, part := range parts {
		if !w.step() {
			// Out of steps: nothing more is recorded, so the text is
			// not needed.
			f.dynamic, f.started = true, true
			continue
		}
		switch p := part.(type) {
		case *syntax.Lit:
			if quoted {
				f.add(unescapeDouble(p.Value))
			} else {
				s, glob := unescapeBare(p.Value)
				if glob {
					f.glob, f.hidden = true, w.dotglob()
				}
				f.add(s)
			}
		case *syntax.SglQuoted:
			if p.Dollar {
				f.add(ansiC(p.Value))
			} else {
				f.add(p.Value)
			}
		case *syntax.DblQuoted:
			if len(p.Parts) == 1 && !single {
				if pe, ok := p.Parts[0].(*syntax.ParamExp); ok && pe.Param != nil && pe.Param.Value == "@" && isPlainParam(pe) {
					w.quotedAt(f)
					continue
				}
				if pe, ok := p.Parts[0].(*syntax.ParamExp); ok && isArrayRef(pe) {
					w.nodeSubsts(pe)
					if w.quotedArray(pe, f) {
						continue
					}
				}
			}
			f.started = true
			w.parts(p.Parts, true, single, f)
		case *syntax.ParamExp:
			w.nodeSubsts(p)
			if !w.dry {
				if p.Index != nil {
					w.arithNode(p.Index)
				}
				if p.Slice != nil {
					w.arithNode(p.Slice.Offset)
					w.arithNode(p.Slice.Length)
				}
				w.promptExpansion(p)
			}
			// The substitutions inside were walked just now: evaluate
			// quietly, or nested ${x:-$(...)} would walk them again at
			// every level.
			saved := w.dry
			w.dry = true
			v, ok := w.param(p)
			w.dry = saved
			if ok && isPlainParam(p) && w.paramGlob(p.Param.Value) {
				f.glob, f.hidden = true, w.dotglob()
			}
			switch {
			case !ok && isPlainParam(p) && w.vars[p.Param.Value].src != "":
				v := w.vars[p.Param.Value]
				f.unknown(v.src)
				if v.glob {
					f.glob, f.hidden = true, w.dotglob()
				}
			case !ok:
				f.unknown(w.source(p))
			case quoted || single:
				f.add(v)
			default:
				f.split(v, w.ifs())
			}
		case *syntax.CmdSubst:
			w.cmdSubst(p.Stmts, "$(...)")
			out, known := "", false
			if len(p.Stmts) == 1 && w.outDepth < maxOutDepth {
				// $(echo $(echo x)): the output of nested substitutions is
				// worked out a few levels deep, not at every level again.
				w.outDepth++
				out, known, _ = w.stdoutOf(p.Stmts[0], Input{}, 0)
				w.outDepth--
			}
			out = strings.TrimRight(out, "\n")
			var listed Word
			if !known && len(p.Stmts) == 1 {
				listed, known = w.listingOf(p.Stmts[0], 0)
			}
			switch {
			case listed.Glob:
				// $(ls DIR) stands for the paths the listing names.
				f.glob, f.hidden = true, f.hidden || listed.Hidden
				f.add(listed.Value)
			case !known:
				f.unknown(w.source(p))
			case quoted || single:
				f.add(out)
			default:
				f.split(out, w.ifs())
			}
		case *syntax.ArithmExp:
			w.nodeSubsts(p.X)
			w.arithNode(p.X)
			f.unknown(w.source(p))
		case *syntax.ProcSubst:
			w.cmdSubst(p.Stmts, p.Op.String()+"...)")
			src := w.source(p)
			if p.Op == syntax.CmdIn && len(p.Stmts) == 1 {
				if w.procs == nil {
					w.procs = map[string]*syntax.ProcSubst{}
				}
				w.procs[src] = p
			}
			f.unknown(src)
		case *syntax.ExtGlob:
			f.glob, f.hidden = true, w.dotglob()
			f.add(p.Op.String() + p.Pattern.Value + ")")
		case *syntax.BraceExp:
			// Only reached for a brace expression that braces() left alone,
			// nested too deep: its words are not known.
			f.unknown(braceText(p))
		default:
			f.unknown(w.source(part))
		}
	}
}

// quotedAt expands "$@": each positional parameter is its own word.
func (w *walker) quotedAt(f *fields) {
	if !w.paramsSet {
		f.unknown(`"$@"`)
		return
	}
	for i, p := range w.params {
		if i == 0 {
			continue
		}
		if i > 1 {
			f.end()
		}
		if p.known {
			f.add(p.s)
		} else {
			f.unknown(p.s)
		}
		f.glob = f.glob || p.glob
	}
	if len(w.params) <= 1 {
		if w.paramsOpen {
			f.unknown(`"$@"`)
		}
		return
	}
	if w.paramsOpen {
		f.end()
		f.unknown(`"$@"`)
	}
}

// paramGlob reports whether a positional parameter stands for the files
// a pattern matches.
func (w *walker) paramGlob(name string) bool {
	if v, ok := w.vars[name]; ok {
		// A variable read from a listing stands for what it lists.
		return v.glob && v.arr == nil
	}
	n, err := strconv.Atoi(name)
	return err == nil && w.paramsSet && n < len(w.params) && w.params[n].glob
}

func (w *walker) paramWords() []Word {
	var out []Word
	for i, p := range w.params {
		if i > 0 {
			out = append(out, Word{Value: p.s, Dynamic: !p.known, Glob: p.glob, Hidden: p.glob && w.dotglob()})
		}
	}
	if !w.paramsSet || w.paramsOpen {
		out = append(out, Word{Value: `"$@"`, Dynamic: true})
	}
	return out
}

func (w *walker) source(node syntax.Node) string {
	start, end := int(node.Pos().Offset()), int(node.End().Offset())
	if start < 0 || end > len(w.src) || start >= end {
		return "$?"
	}
	return w.src[start:end]
}

func isPlainParam(pe *syntax.ParamExp) bool {
	return !pe.Excl && !pe.Length && !pe.Width && !pe.IsSet && pe.Index == nil &&
		pe.Slice == nil && pe.Repl == nil && pe.Names == 0 && pe.Exp == nil &&
		pe.NestedParam == nil && len(pe.Modifiers) == 0
}

func (w *walker) ifs() string {
	if v, ok := w.vars["IFS"]; ok && v.known {
		return v.s
	}
	return " \t\n"
}

// param returns the value of a parameter expansion when it is known.
func (w *walker) param(pe *syntax.ParamExp) (string, bool) {
	if pe.Param == nil {
		return "", false
	}
	if pe.Exp != nil && !pe.Excl && !pe.Length && pe.Index == nil && pe.Slice == nil && pe.Repl == nil {
		v, ok := w.variable(pe.Param.Value)
		switch pe.Exp.Op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AssignUnset, syntax.AssignUnsetOrNull:
			if ok && v != "" {
				return v, true
			}
			if ok || w.isUnsetKnown(pe.Param.Value) {
				alt := w.expandOne(pe.Exp.Word)
				return alt.Value, !alt.Dynamic
			}
		}
		return "", false
	}
	if isArrayRef(pe) {
		return w.arrayParam(pe)
	}
	if pe.Excl && pe.Index == nil && pe.Names == 0 && pe.Exp == nil && pe.Slice == nil && pe.Repl == nil && !pe.Length && len(pe.Modifiers) == 0 {
		// ${!x}: the variable x names.
		if target, ok := w.variable(pe.Param.Value); ok && isName(target) {
			return w.variable(target)
		}
		return "", false
	}
	if !isPlainParam(pe) {
		if pe.Length {
			if v, ok := w.variable(pe.Param.Value); ok {
				return strconv.Itoa(utf8.RuneCountInString(v)), true
			}
		}
		return "", false
	}
	return w.variable(pe.Param.Value)
}

// isUnsetKnown reports whether a variable is known to be unset: positional
// parameters past the known ones.
func (w *walker) isUnsetKnown(name string) bool {
	if n, err := strconv.Atoi(name); err == nil {
		return w.paramsSet && !w.paramsOpen && n >= len(w.params)
	}
	return false
}

func (w *walker) variable(name string) (string, bool) {
	if w.bash != nil && w.bash.namerefs != nil {
		t, ok := w.nameref(name)
		if !ok {
			return "", false
		}
		name = t
	}
	if v, ok := w.vars[name]; ok {
		return v.s, v.known
	}
	switch name {
	case "HOME":
		return w.opts.Home, w.opts.Home != ""
	case "PWD":
		return w.dir, w.dir != ""
	case "IFS":
		return " \t\n", true
	case "@", "*":
		if !w.paramsSet || w.paramsOpen {
			return "", false
		}
		parts := make([]string, 0, len(w.params))
		for _, p := range w.params[min(1, len(w.params)):] {
			if !p.known {
				return "", false
			}
			parts = append(parts, p.s)
		}
		return strings.Join(parts, " "), true
	case "#":
		if !w.paramsSet || w.paramsOpen {
			return "", false
		}
		return strconv.Itoa(max(len(w.params)-1, 0)), true
	}
	if n, err := strconv.Atoi(name); err == nil && w.paramsSet {
		if n < len(w.params) {
			return w.params[n].s, w.params[n].known
		}
		if !w.paramsOpen {
			return "", true
		}
	}
	return "", false
}

// unescapeBare removes the backslashes of unquoted text and reports whether
// it holds unescaped pattern characters.
func unescapeBare(s string) (string, bool) {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		// A loop rather than strings.ContainsAny, which costs more on the
		// short words most commands have.
		switch s[i] {
		case '\\', '*', '?', '[':
			plain = false
		}
	}
	if plain {
		return s, false
	}
	var b strings.Builder
	glob := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) {
				i++
				if s[i] != '\n' {
					b.WriteByte(s[i])
				}
			}
			continue
		case '*', '?', '[':
			glob = true
		}
		b.WriteByte(c)
	}
	return b.String(), glob
}

// unescapeDouble removes the backslashes that are special inside double
// quotes.
func unescapeDouble(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '$', '`', '"', '\\':
				b.WriteByte(s[i+1])
				i++
				continue
			case '\n':
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// ansiC decodes the escapes of a $'...' string.
func ansiC(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'e', 'E':
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\', '\'', '"', '?':
			b.WriteByte(e)
		case 'c':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i] & 0x1f)
			}
		case 'x', 'u', 'U':
			limit := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			j := i + 1
			for j < len(s) && j-i-1 < limit && isHex(s[j]) {
				j++
			}
			if j == i+1 {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			n, _ := strconv.ParseUint(s[i+1:j], 16, 32)
			if e == 'x' {
				b.WriteByte(byte(n))
			} else {
				b.WriteRune(rune(n))
			}
			i = j - 1
		default:
			if e >= '0' && e <= '7' {
				j := i
				for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '7' {
					j++
				}
				n, _ := strconv.ParseUint(s[i:j], 8, 16)
				b.WriteByte(byte(n))
				i = j - 1
				continue
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// resolve joins a path to the walker's directory and cleans it.
func (w *walker) resolve(p string) (string, bool) {
	if path.IsAbs(p) {
		return path.Clean(p), true
	}
	if w.dir == "" {
		return "", false
	}
	return path.Join(w.dir, p), true
}

// quoteArgv joins arguments into shell text that reads back as the same
// arguments.
func quoteArgv(argv []string) string {
	var b strings.Builder
	for i, a := range argv {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(Quote(a))
	}
	return b.String()
}

// Quote returns s quoted for the shell when it needs quoting, so that
// control characters and spaces are visible and unambiguous.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	q, err := syntax.Quote(s, syntax.LangBash)
	if err != nil {
		return strconv.Quote(s)
	}
	return q
}
