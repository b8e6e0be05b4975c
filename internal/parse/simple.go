package parse

import "mvdan.cc/sh/v3/syntax"

// simpleOn turns the fast parser on; tests turn it off to compare.
var simpleOn = true

// SetSimple turns the fast parser for plain commands on or off and
// returns the previous setting. It is for tests that compare decisions
// made with and without it.
func SetSimple(on bool) bool {
	was := simpleOn
	simpleOn = on
	return was
}

// parseSimple parses the plainest commands, the bulk of a shell history,
// into the tree mvdan's parser makes for them, node for node and position
// for position, without the parser's batches of 32 words and 32 literals
// per call (about 2.3 KB, most of it unused for a short command). It
// takes only simple commands of plain words joined by |, && or ||: words
// of letters, digits and -_./:,+%@=~*?, single-quoted text, and
// double-quoted text with no $, `, \, ! or ". Anything else (a keyword,
// an assignment, a redirection, an expansion, a comment, a byte outside
// printable ASCII, ...) gives false, and the caller uses mvdan's parser.
// A test compares the two trees over the corpus and under the fuzzer.
func parseSimple(text string) (*syntax.File, bool) {
	if !simpleOn || len(text) > 1024 {
		return nil, false
	}
	s := simpleParser{src: text}
	st, ok := s.list()
	if !ok {
		return nil, false
	}
	s.blanks()
	if s.i != len(s.src) {
		return nil, false
	}
	f := &simpleFile{}
	f.stmts[0] = st
	f.file.Stmts = f.stmts[:]
	return &f.file, true
}

// A simpleFile is a file of one statement, made in one allocation.
type simpleFile struct {
	file  syntax.File
	stmts [1]*syntax.Stmt
}

// A simpleCall is a statement of one simple command, made in one
// allocation.
type simpleCall struct {
	stmt syntax.Stmt
	call syntax.CallExpr
}

type simpleParser struct {
	src string
	i   int
	// lits are made a batch at a time and handed out one by one, and
	// args holds the words of every command, each command's own part
	// capped to its length: a command of plain words costs a few
	// allocations, not two for each word.
	lits []litWord
	args []*syntax.Word
}

// litBatch is how many one-part words are made at a time.
const litBatch = 8

// newLit returns a one-part word, from the current batch.
func (s *simpleParser) newLit() *litWord {
	if len(s.lits) == 0 {
		n := min(litBatch, s.wordsLeft())
		s.lits = make([]litWord, n)
	}
	lw := &s.lits[0]
	s.lits = s.lits[1:]
	return lw
}

// wordsLeft returns at least 1 and at most the number of words the rest
// of the text can hold: one more than its blanks and operators.
func (s *simpleParser) wordsLeft() int {
	n := 1
	for i := s.i; i < len(s.src); i++ {
		if c := s.src[i]; c == ' ' || c == '|' || c == '&' {
			n++
		}
	}
	return n
}

func (s *simpleParser) pos(i int) syntax.Pos {
	return syntax.NewPos(uint(i), 1, uint(i)+1)
}

func (s *simpleParser) blanks() {
	for s.i < len(s.src) && s.src[s.i] == ' ' {
		s.i++
	}
}

// list reads pipelines joined by && and ||, left to right, as mvdan's
// getStmt does.
func (s *simpleParser) list() (*syntax.Stmt, bool) {
	st, ok := s.pipeline()
	if !ok {
		return nil, false
	}
	for {
		s.blanks()
		if s.i+1 >= len(s.src) {
			return st, true
		}
		var op syntax.BinCmdOperator
		switch s.src[s.i : s.i+2] {
		case "&&":
			op = syntax.AndStmt
		case "||":
			op = syntax.OrStmt
		default:
			return st, true
		}
		b := &syntax.BinaryCmd{OpPos: s.pos(s.i), Op: op, X: st}
		s.i += 2
		y, ok := s.pipeline()
		if !ok {
			return nil, false
		}
		b.Y = y
		st = &syntax.Stmt{Position: st.Position, Cmd: b}
	}
}

// pipeline reads simple commands joined by |, left to right, as mvdan's
// gotStmtPipe does.
func (s *simpleParser) pipeline() (*syntax.Stmt, bool) {
	st, ok := s.command()
	if !ok {
		return nil, false
	}
	for {
		s.blanks()
		if s.i >= len(s.src) || s.src[s.i] != '|' || s.i+1 < len(s.src) && (s.src[s.i+1] == '|' || s.src[s.i+1] == '&') {
			return st, true
		}
		b := &syntax.BinaryCmd{OpPos: s.pos(s.i), Op: syntax.Pipe, X: st}
		s.i++
		y, ok := s.command()
		if !ok {
			return nil, false
		}
		b.Y = y
		st = &syntax.Stmt{Position: st.Position, Cmd: b}
	}
}

// command reads one simple command: its words up to an operator or the
// end.
func (s *simpleParser) command() (*syntax.Stmt, bool) {
	s.blanks()
	start := s.i
	if cap(s.args)-len(s.args) == 0 {
		s.args = make([]*syntax.Word, 0, min(s.wordsLeft(), 64))
	}
	words := s.args[len(s.args):len(s.args)]
	for {
		s.blanks()
		if s.i >= len(s.src) || s.src[s.i] == '|' || s.src[s.i] == '&' {
			break
		}
		w, ok := s.word()
		if !ok {
			return nil, false
		}
		if len(words) == 0 && !plainFirst(w) {
			return nil, false
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return nil, false
	}
	if len(s.args)+len(words) <= cap(s.args) && len(words) > 0 && &s.args[:len(s.args)+1][len(s.args)] == &words[0] {
		// The words are in args: the next command's go after them.
		s.args = s.args[:len(s.args)+len(words)]
	}
	c := &simpleCall{stmt: syntax.Stmt{Position: s.pos(start)}}
	c.call.Args = words[:len(words):len(words)]
	c.stmt.Cmd = &c.call
	return &c.stmt, true
}

// plainFirst reports whether a command's first word is one mvdan's parser
// reads as a plain program name: not a keyword or a declaration, and not
// an assignment (no = or [ in it, whatever comes before).
func plainFirst(w *syntax.Word) bool {
	for _, p := range w.Parts {
		if l, ok := p.(*syntax.Lit); ok {
			for i := 0; i < len(l.Value); i++ {
				if c := l.Value[i]; c == '=' || c == '[' {
					return false
				}
			}
		}
	}
	if len(w.Parts) != 1 {
		return true
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return true
	}
	switch l.Value {
	case "{", "}", "{}", "if", "then", "elif", "else", "fi", "while", "until", "for", "in", "do", "done",
		"case", "esac", "!", "[[", "]]", "let", "function", "declare", "local", "export", "readonly",
		"typeset", "nameref", "time", "coproc", "select", "@test":
		return false
	}
	return true
}

// A litWord is a word of one literal part, made in one allocation.
type litWord struct {
	word  syntax.Word
	lit   syntax.Lit
	parts [1]syntax.WordPart
}

// A sglWord is a word of one single-quoted part, made in one allocation.
type sglWord struct {
	word  syntax.Word
	sgl   syntax.SglQuoted
	parts [1]syntax.WordPart
}

// A dblWord is a word of one double-quoted literal, made in one
// allocation.
type dblWord struct {
	word  syntax.Word
	dbl   syntax.DblQuoted
	lit   syntax.Lit
	parts [1]syntax.WordPart
	inner [1]syntax.WordPart
}

// wordEnds reports whether a word ends at i: at the end of the text, a
// blank or an operator.
func (s *simpleParser) wordEnds(i int) bool {
	return i >= len(s.src) || s.src[i] == ' ' || s.src[i] == '|' || s.src[i] == '&'
}

// word reads one word: plain characters, single-quoted and double-quoted
// parts, next to each other.
func (s *simpleParser) word() (*syntax.Word, bool) {
	var parts []syntax.WordPart
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == ' ' || c == '|' || c == '&':
			return &syntax.Word{Parts: parts}, len(parts) > 0
		case c == '\'':
			end := s.i + 1
			for end < len(s.src) && s.src[end] != '\'' {
				if !printable(s.src[end]) {
					return nil, false
				}
				end++
			}
			if end >= len(s.src) {
				return nil, false
			}
			if len(parts) == 0 && s.wordEnds(end+1) {
				// A word of one single-quoted part, in one allocation.
				w := &sglWord{sgl: syntax.SglQuoted{Left: s.pos(s.i), Right: s.pos(end), Value: s.src[s.i+1 : end]}}
				w.parts[0] = &w.sgl
				w.word.Parts = w.parts[:]
				s.i = end + 1
				return &w.word, true
			}
			parts = append(parts, &syntax.SglQuoted{Left: s.pos(s.i), Right: s.pos(end), Value: s.src[s.i+1 : end]})
			s.i = end + 1
		case c == '"':
			end := s.i + 1
			for end < len(s.src) && s.src[end] != '"' {
				if d := s.src[end]; !printable(d) || d == '$' || d == '`' || d == '\\' || d == '!' {
					return nil, false
				}
				end++
			}
			if end >= len(s.src) {
				return nil, false
			}
			if len(parts) == 0 && end > s.i+1 && s.wordEnds(end+1) {
				// A word of one double-quoted literal, in one allocation.
				w := &dblWord{dbl: syntax.DblQuoted{Left: s.pos(s.i), Right: s.pos(end)}}
				w.lit = syntax.Lit{ValuePos: s.pos(s.i + 1), ValueEnd: s.pos(end), Value: s.src[s.i+1 : end]}
				w.inner[0] = &w.lit
				w.dbl.Parts = w.inner[:]
				w.parts[0] = &w.dbl
				w.word.Parts = w.parts[:]
				s.i = end + 1
				return &w.word, true
			}
			q := &syntax.DblQuoted{Left: s.pos(s.i), Right: s.pos(end)}
			if end > s.i+1 {
				q.Parts = []syntax.WordPart{&syntax.Lit{ValuePos: s.pos(s.i + 1), ValueEnd: s.pos(end), Value: s.src[s.i+1 : end]}}
			}
			parts = append(parts, q)
			s.i = end + 1
		case plainByte(c):
			end := s.i + 1
			for end < len(s.src) && plainByte(s.src[end]) {
				end++
			}
			if len(parts) == 0 && (end == len(s.src) || s.src[end] == ' ' || s.src[end] == '|' || s.src[end] == '&') {
				// A word of one plain part, the most common, in one
				// allocation.
				lw := s.newLit()
				lw.lit = syntax.Lit{ValuePos: s.pos(s.i), ValueEnd: s.pos(end), Value: s.src[s.i:end]}
				lw.parts[0] = &lw.lit
				lw.word.Parts = lw.parts[:]
				s.i = end
				return &lw.word, true
			}
			parts = append(parts, &syntax.Lit{ValuePos: s.pos(s.i), ValueEnd: s.pos(end), Value: s.src[s.i:end]})
			s.i = end
		default:
			return nil, false
		}
	}
	return &syntax.Word{Parts: parts}, len(parts) > 0
}

// plainByte reports whether c stands for itself outside quotes, in any
// place in a word, for mvdan's parser and for bash.
func plainByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '.', '/', ':', ',', '+', '%', '@', '=', '~', '*', '?':
		return true
	}
	return false
}

func printable(c byte) bool { return c >= ' ' && c <= '~' }
