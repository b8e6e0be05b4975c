package parse

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Brace expansion: a{b,c}d, {1..5}, as bash applies it before any other
// expansion of a word.

// mayBrace reports whether braces may expand word: whether a literal part
// holds a { or a part is a brace expansion already split.
func mayBrace(word *syntax.Word) bool {
	for _, p := range word.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if strings.Contains(p.Value, "{") {
				return true
			}
		case *syntax.BraceExp:
			return true
		}
	}
	return false
}

// braces applies brace expansion to a word, returning the words it makes.
// It sets capped, and returns nothing, when the word makes more than
// maxFields words.
func (w *walker) braces(word *syntax.Word, depth int, capped *bool) []*syntax.Word {
	if *capped {
		return nil
	}
	if depth > 16 {
		return []*syntax.Word{word}
	}
	hasBrace, split := false, false
	for _, p := range word.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			hasBrace = hasBrace || strings.Contains(p.Value, "{")
		case *syntax.BraceExp:
			// An alternative of an outer brace expansion, already split:
			// a{b,c{d,e}} gives c{d,e}, with {d,e} as a BraceExp.
			split = true
		}
	}
	if !hasBrace && !split {
		return []*syntax.Word{word}
	}
	cp := &syntax.Word{Parts: append([]syntax.WordPart(nil), word.Parts...)}
	if !split && !syntax.SplitBraces(cp) {
		return []*syntax.Word{word}
	}
	combos := [][]syntax.WordPart{nil}
	expanded, kept := false, false
	for _, part := range cp.Parts {
		be, ok := part.(*syntax.BraceExp)
		if !ok {
			for i := range combos {
				combos[i] = append(combos[i], part)
			}
			continue
		}
		alts, tooMany := braceAlternatives(be)
		if tooMany || len(combos)*len(alts) > maxFields {
			*capped = true
			return nil
		}
		if alts == nil {
			// A sequence that is not a plain range: keep the braces as
			// they are, marked as unknown.
			for i := range combos {
				combos[i] = append(combos[i], part)
			}
			kept = true
			continue
		}
		expanded = true
		next := make([][]syntax.WordPart, 0, len(combos)*len(alts))
		for _, c := range combos {
			for _, alt := range alts {
				next = append(next, append(append([]syntax.WordPart(nil), c...), alt...))
			}
		}
		combos = next
	}
	if !expanded {
		return []*syntax.Word{word}
	}
	out := make([]*syntax.Word, 0, len(combos))
	for _, c := range combos {
		nw := &syntax.Word{Parts: c}
		if kept {
			// A brace expression was left alone: it reads as unknown.
			out = append(out, nw)
			continue
		}
		// Alternatives may hold braces of their own: {a,{b,c}}.
		out = append(out, w.braces(nw, depth+1, capped)...)
		if *capped || len(out) > maxFields {
			*capped = true
			return nil
		}
	}
	return out
}

// braceText returns the source form of a brace expression.
func braceText(be *syntax.BraceExp) string {
	sep := ","
	if be.Sequence {
		sep = ".."
	}
	var b strings.Builder
	p := syntax.NewPrinter()
	b.WriteByte('{')
	for i, e := range be.Elems {
		if i > 0 {
			b.WriteString(sep)
		}
		for _, part := range e.Parts {
			if inner, ok := part.(*syntax.BraceExp); ok {
				b.WriteString(braceText(inner))
				continue
			}
			_ = p.Print(&b, &syntax.Word{Parts: []syntax.WordPart{part}})
		}
	}
	b.WriteByte('}')
	return b.String()
}

// braceAlternatives lists the parts each alternative of a brace expression
// expands to. It returns nil for a sequence that is not a plain range, and
// reports tooMany for one that makes more than maxFields words.
func braceAlternatives(be *syntax.BraceExp) (alts [][]syntax.WordPart, tooMany bool) {
	if !be.Sequence {
		alts := make([][]syntax.WordPart, len(be.Elems))
		for i, e := range be.Elems {
			alts[i] = e.Parts
		}
		return alts, len(alts) > maxFields
	}
	if len(be.Elems) < 2 {
		return nil, false
	}
	from, to := be.Elems[0].Lit(), be.Elems[1].Lit()
	step := 1
	if len(be.Elems) > 2 {
		s, err := strconv.Atoi(be.Elems[2].Lit())
		if err != nil || s == 0 {
			return nil, false
		}
		if s < 0 {
			s = -s
		}
		if s <= 0 {
			// -s overflowed: the smallest int has no positive.
			return nil, false
		}
		step = s
	}
	var items []string
	if a, err1 := strconv.Atoi(from); err1 == nil {
		b, err2 := strconv.Atoi(to)
		if err2 != nil {
			return nil, false
		}
		diff := max(a, b) - min(a, b)
		if diff < 0 {
			// Overflow: far too many words anyway.
			return nil, true
		}
		n := diff/step + 1
		if n > maxFields {
			return nil, true
		}
		for i := 0; i < n; i++ {
			v := a + i*step
			if b < a {
				v = a - i*step
			}
			items = append(items, strconv.Itoa(v))
		}
	} else if len(from) == 1 && len(to) == 1 {
		a, b := int(from[0]), int(to[0])
		// A step past the range gives one item; capping it keeps v from
		// overflowing.
		step = min(step, 256)
		for v := a; b >= a && v <= b || b < a && v >= b; {
			items = append(items, string(rune(v)))
			if b >= a {
				v += step
			} else {
				v -= step
			}
		}
	} else {
		return nil, false
	}
	alts = make([][]syntax.WordPart, len(items))
	for i, it := range items {
		alts[i] = []syntax.WordPart{&syntax.SglQuoted{Value: it}}
	}
	return alts, false
}
