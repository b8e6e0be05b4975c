package httpreq

import (
	"errors"
	"strings"
)

// Operation is one operation of a GraphQL document.
type Operation struct {
	// Type is query, mutation or subscription.
	Type string
	// Name is the operation's name, if it has one.
	Name string
	// Fields are the fields directly in the operation's selection set,
	// with fragments spread in place: the calls a mutation makes.
	Fields []Field
}

// Field is a top-level field of an operation.
type Field struct {
	// Alias is the name the result is given (a in a: volumeDelete), if
	// any; it says nothing about what the field does.
	Alias string
	// Name is the field's name, the API call.
	Name string
}

// maxGraphQLTokens bounds the work spent on one document.
const maxGraphQLTokens = 1 << 16

var errGraphQL = errors.New("not a GraphQL document guard can read")

// Operations scans a GraphQL document into its operations and their
// top-level fields. Strings, block strings, comments, arguments,
// variables, directives and nested selections are read past, so that a
// field named in a string or deeper in a selection is not taken for a
// call. Fragment spreads at the top of an operation are replaced by the
// fragment's fields, wherever the fragment is defined. On a document it
// cannot read, it returns what it read and an error.
func Operations(doc string) ([]Operation, error) {
	p := &gqlParser{lex: gqlLexer{src: doc}}
	p.next()
	var ops []*gqlOp
	frags := map[string]*gqlOp{}
	var err error
	for p.tok.kind != tEOF && err == nil {
		t := p.tok
		switch {
		case t.kind == tPunct && t.text == "{":
			op := &gqlOp{typ: "query"}
			err = p.selectionSet(op)
			ops = append(ops, op)
		case t.kind == tName && (t.text == "query" || t.text == "mutation" || t.text == "subscription"):
			op := &gqlOp{typ: t.text}
			p.next()
			if p.tok.kind == tName {
				op.name = p.tok.text
				p.next()
			}
			if p.is("(") {
				err = p.skipGroup("(", ")")
			}
			if err == nil {
				err = p.directives()
			}
			if err == nil {
				err = p.selectionSet(op)
			}
			ops = append(ops, op)
		case t.kind == tName && t.text == "fragment":
			p.next()
			name := p.tok.text
			p.next()
			if p.tok.kind == tName && p.tok.text == "on" {
				p.next()
				p.next()
			}
			err = p.directives()
			op := &gqlOp{}
			if err == nil {
				err = p.selectionSet(op)
			}
			frags[name] = op
		case t.kind == tName || t.kind == tString:
			// Type system definitions (type, input, schema, extend, a
			// description): read past their body.
			err = p.skipDefinition()
		default:
			err = errGraphQL
		}
		if p.lex.err != nil {
			err = p.lex.err
		}
	}
	if err == nil {
		err = p.lex.err
	}
	out := make([]Operation, 0, len(ops))
	for _, op := range ops {
		o := Operation{Type: op.typ, Name: op.name}
		o.Fields = spread(op, frags, 0)
		out = append(out, o)
	}
	return out, err
}

// spread returns an operation's fields with its fragment spreads
// replaced by their fields.
func spread(op *gqlOp, frags map[string]*gqlOp, depth int) []Field {
	var out []Field
	for _, f := range op.fields {
		if f.spread == "" {
			out = append(out, Field{Alias: f.alias, Name: f.name})
			continue
		}
		if frag, ok := frags[f.spread]; ok && depth < 16 {
			out = append(out, spread(frag, frags, depth+1)...)
		}
	}
	return out
}

type gqlOp struct {
	typ, name string
	fields    []gqlField
}

type gqlField struct {
	alias, name, spread string
}

type gqlParser struct {
	lex gqlLexer
	tok gqlToken
}

func (p *gqlParser) next() { p.tok = p.lex.next() }

func (p *gqlParser) is(punct string) bool { return p.tok.kind == tPunct && p.tok.text == punct }

// selectionSet reads { ... } and records its fields in op.
func (p *gqlParser) selectionSet(op *gqlOp) error {
	if !p.is("{") {
		return errGraphQL
	}
	p.next()
	for !p.is("}") {
		switch {
		case p.tok.kind == tEOF || p.lex.err != nil:
			return errGraphQL
		case p.is("..."):
			p.next()
			switch {
			case p.tok.kind == tName && p.tok.text == "on", p.is("@"), p.is("{"):
				// An inline fragment: its fields are the operation's.
				if p.tok.kind == tName {
					p.next()
					p.next()
				}
				if err := p.directives(); err != nil {
					return err
				}
				if err := p.selectionSet(op); err != nil {
					return err
				}
			case p.tok.kind == tName:
				op.fields = append(op.fields, gqlField{spread: p.tok.text})
				p.next()
				if err := p.directives(); err != nil {
					return err
				}
			default:
				return errGraphQL
			}
		case p.tok.kind == tName:
			f := gqlField{name: p.tok.text}
			p.next()
			if p.is(":") {
				p.next()
				if p.tok.kind != tName {
					return errGraphQL
				}
				f.alias, f.name = f.name, p.tok.text
				p.next()
			}
			op.fields = append(op.fields, f)
			if p.is("(") {
				if err := p.skipGroup("(", ")"); err != nil {
					return err
				}
			}
			if err := p.directives(); err != nil {
				return err
			}
			if p.is("{") {
				if err := p.skipGroup("{", "}"); err != nil {
					return err
				}
			}
		default:
			return errGraphQL
		}
	}
	p.next()
	return nil
}

// directives reads past @name(args) ...
func (p *gqlParser) directives() error {
	for p.is("@") {
		p.next()
		if p.tok.kind != tName {
			return errGraphQL
		}
		p.next()
		if p.is("(") {
			if err := p.skipGroup("(", ")"); err != nil {
				return err
			}
		}
	}
	return nil
}

// skipGroup reads past a balanced group that starts at the current token.
func (p *gqlParser) skipGroup(open, close string) error {
	depth := 0
	for {
		switch {
		case p.tok.kind == tEOF || p.lex.err != nil:
			return errGraphQL
		case p.tok.kind == tPunct && (p.tok.text == "(" || p.tok.text == "{" || p.tok.text == "["):
			depth++
		case p.tok.kind == tPunct && (p.tok.text == ")" || p.tok.text == "}" || p.tok.text == "]"):
			depth--
			if depth == 0 {
				if p.tok.text != close {
					return errGraphQL
				}
				p.next()
				return nil
			}
		}
		p.next()
	}
}

// skipDefinition reads past a type system definition: up to and
// including its first balanced { } group, or up to the next definition.
func (p *gqlParser) skipDefinition() error {
	p.next()
	for {
		switch {
		case p.tok.kind == tEOF:
			return nil
		case p.is("{"), p.is("("):
			if p.is("(") {
				if err := p.skipGroup("(", ")"); err != nil {
					return err
				}
				continue
			}
			return p.skipGroup("{", "}")
		case p.tok.kind == tName && (p.tok.text == "query" || p.tok.text == "mutation" || p.tok.text == "subscription" || p.tok.text == "fragment"):
			return nil
		}
		p.next()
	}
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tName
	tPunct
	tString
	tNumber
)

type gqlToken struct {
	kind tokKind
	text string
}

// gqlLexer splits a GraphQL document into tokens. Commas, white space and
// comments are ignored, as the language says.
type gqlLexer struct {
	src string
	pos int
	n   int
	err error
}

func (l *gqlLexer) next() gqlToken {
	l.n++
	if l.n > maxGraphQLTokens {
		l.err = errGraphQL
		return gqlToken{}
	}
	s := l.src
	for l.pos < len(s) {
		c := s[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == 0xef || c == 0xbb || c == 0xbf:
			// White space, commas, and the byte order mark.
			l.pos++
		case c == '#':
			for l.pos < len(s) && s[l.pos] != '\n' && s[l.pos] != '\r' {
				l.pos++
			}
		case c == '"':
			return l.string()
		case c == '.':
			if strings.HasPrefix(s[l.pos:], "...") {
				l.pos += 3
				return gqlToken{tPunct, "..."}
			}
			l.err = errGraphQL
			return gqlToken{}
		case strings.IndexByte("!$&()/:=@[]{}|", c) >= 0:
			l.pos++
			return gqlToken{tPunct, s[l.pos-1 : l.pos]}
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			start := l.pos
			for l.pos < len(s) && (s[l.pos] == '_' || isAlnum(s[l.pos])) {
				l.pos++
			}
			return gqlToken{tName, s[start:l.pos]}
		case c == '-' || c >= '0' && c <= '9':
			start := l.pos
			l.pos++
			for l.pos < len(s) && (isAlnum(s[l.pos]) || s[l.pos] == '.' || s[l.pos] == '+' || s[l.pos] == '-') {
				l.pos++
			}
			return gqlToken{tNumber, s[start:l.pos]}
		default:
			l.err = errGraphQL
			return gqlToken{}
		}
	}
	return gqlToken{}
}

// string reads a string or a block string.
func (l *gqlLexer) string() gqlToken {
	s := l.src
	if strings.HasPrefix(s[l.pos:], `"""`) {
		l.pos += 3
		for l.pos < len(s) {
			switch {
			case strings.HasPrefix(s[l.pos:], `\"""`):
				l.pos += 4
			case strings.HasPrefix(s[l.pos:], `"""`):
				l.pos += 3
				return gqlToken{kind: tString}
			default:
				l.pos++
			}
		}
		l.err = errGraphQL
		return gqlToken{}
	}
	l.pos++
	for l.pos < len(s) {
		switch s[l.pos] {
		case '\\':
			l.pos += 2
		case '"':
			l.pos++
			return gqlToken{kind: tString}
		case '\n', '\r':
			l.err = errGraphQL
			return gqlToken{}
		default:
			l.pos++
		}
	}
	l.err = errGraphQL
	return gqlToken{}
}
