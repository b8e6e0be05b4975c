package parse

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// incompleteBudget is how many bytes runsBefore parses in all, over its
// attempts, before it gives up.
const incompleteBudget = 1 << 20

// runsBefore returns, for text that does not parse only because its end
// is incomplete (an unterminated quote, an unclosed $( or compound
// command), the part of it that bash runs before it reaches the end.
//
// bash reads a line, and more lines while a quote or a compound command
// is open, before it runs any of it: the complete commands of the lines
// before the incomplete one run, and the incomplete command at the end
// of the input runs not at all (bash reports "unexpected EOF" and exits).
// runsBefore splits text at the line ends where what was read so far is
// complete, and returns everything up to the last one. ok is false when
// bash's view is not certain to agree: an error other than an incomplete
// end, one in an earlier group of lines, a here-document, which bash
// runs when the input ends before its delimiter, or a carriage return,
// a word character to bash and a blank to mvdan.cc/sh.
func runsBefore(text string, err error) (prefix string, ok bool) {
	if !openAtEnd(err) || strings.Contains(text, "<<") || strings.ContainsRune(text, '\r') {
		return "", false
	}
	p := parsers.Get().(*syntax.Parser)
	defer parsers.Put(p)
	start, budget := 0, incompleteBudget
	for end := 0; end < len(text); {
		i := strings.IndexByte(text[end:], '\n')
		if i < 0 {
			end = len(text)
		} else {
			end += i + 1
		}
		if budget -= end - start; budget < 0 {
			// A group stays open over many lines, each parsed again with
			// the ones before: give up (the caller fails closed) rather
			// than take time quadratic in the input.
			return "", false
		}
		_, err := p.Parse(strings.NewReader(text[start:end]), "")
		switch {
		case err == nil:
			start = end
		case !openAtEnd(err):
			return "", false
		}
	}
	if start == len(text) || hasPlaceholder(text[start:]) || runTimeParsed(text[start:]) {
		// Each group parses, but the whole does not: not a case this
		// model knows. Or the end holds a placeholder that find -exec,
		// fd -x or parallel replace with a name before a shell reads
		// the code, and a name can close the quote. Or it holds what
		// bash reads only when it runs (see runTimeParsed).
		return "", false
	}
	return text[:start], true
}

// hasPlaceholder reports whether s holds a placeholder of find, fd,
// xargs -I or parallel: {}, {.}, {1}, {/}.
func hasPlaceholder(s string) bool {
	for i := strings.IndexByte(s, '{'); i >= 0; {
		j := i + 1
		for j < len(s) && strings.IndexByte("0123456789./#%^", s[j]) >= 0 {
			j++
		}
		if j < len(s) && s[j] == '}' {
			return true
		}
		k := strings.IndexByte(s[i+1:], '{')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// openAtEnd reports whether err says the input ended inside a quote, a
// $( or ${, a compound command or a list that bash too would wait to see
// closed: not, for example, a lone !, which mvdan.cc/sh refuses and bash
// runs.
// waitsAfter reports whether bash, at the end of its input after word,
// waits for more: it reports an unexpected end of file and runs nothing.
func waitsAfter(word string) bool {
	switch word {
	case "&&", "||", "|", "|&", "if", "then", "elif", "else", "while", "until", "do", "for", "in",
		"case", "select", "(", "[[", "((", "function":
		return true
	}
	return false
}

func openAtEnd(err error) bool {
	if !syntax.IsIncomplete(err) {
		return false
	}
	msg := err.Error()
	if strings.Contains(msg, "`{`") {
		// { opens a group only where a command starts; after a
		// redirection (<0 {) bash reads it as a command's name.
		return false
	}
	if i := strings.Index(msg, "` must be followed by"); i >= 0 {
		// Only operators and compound keywords leave bash waiting too:
		// it runs a lone let, and A[0] is a command word to it, where
		// mvdan.cc/sh wants an expression or an assignment.
		j := strings.LastIndexByte(msg[:i], '`')
		return j >= 0 && waitsAfter(msg[j+1:i])
	}
	for _, m := range []string{"reached EOF without closing quote", "reached EOF without matching", "must be followed by", "must end with"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// runTimeParsed reports whether s holds text that bash parses only when
// it runs it, so that an unterminated quote there does not stop the
// command around it from running (echo `'` runs echo): a backquote,
// ${...}, or arithmetic.
func runTimeParsed(s string) bool {
	return strings.ContainsAny(s, "`") || strings.Contains(s, "${") || strings.Contains(s, "$((") || strings.Contains(s, "$[") || strings.Contains(s, "((")
}

// maxTail is the longest unfinished end closedTail tries to close.
const maxTail = 64 << 10

// tailClosers are what closedTail appends to an incomplete end, in turn,
// to make it parse: the quote, substitution or compound command left open.
var tailClosers = [...]string{"'", "\"", ")", "}", "\nfi", "\ndone", "\nesac", "'\"", "\"'", "')", "\")", "'\nfi", "\"\nfi", "'\ndone", "\"\ndone"}

// closedTail analyses the incomplete end of a command as if what it left
// open were closed. bash runs none of that end as written, but text that
// ends unfinished is not always read as bash -c reads it: a shell that
// reads its commands line by line (an agent's long-lived session, a
// terminal) waits for the rest, and the next text it is given can close
// the quote and run the whole. So an end that would destroy asks, as a
// command guard cannot see the end of should, and a harmless one (echo
// 'hi) stays harmless. Its invocations are nested in "unfinished end".
// An end that no closer makes parse is left alone: nothing of it runs
// where bash reads it whole.
func (w *walker) closedTail(tail string) {
	if w.depth >= w.opts.MaxDepth {
		return
	}
	if len(tail) > maxTail {
		// Each closer parses the end again: a long one is not tried, and
		// what it would run is not known.
		w.problem(TooLarge, truncate(tail), fmt.Sprintf("the unfinished end of the command is %d bytes, over the %d byte limit for judging it as if closed", len(tail), maxTail), Pos{Line: 1, Col: 1})
		return
	}
	for _, c := range tailClosers {
		p := parsers.Get().(*syntax.Parser)
		f, err := p.Parse(strings.NewReader(tail+c), "")
		parsers.Put(p)
		if err != nil {
			continue
		}
		saved := w.src
		w.src = tail + c
		w.via = append(w.via, "unfinished end")
		w.stmts(f.Stmts, Input{})
		w.via = w.via[:len(w.via)-1]
		w.src = saved
		return
	}
}

// closeHeredocs returns text with the delimiters of the here-documents
// that the input ends inside added at its end, as bash reads them: to the
// end of the input. A here-document whose closing word is indented, as
// in <<'EOF' ... <TAB>EOF, is one (only <<- strips tabs). ok is false when
// err is not an unclosed here-document, or its delimiter cannot be read
// from the message.
func closeHeredocs(text string, err error) (closed string, ok bool) {
	closed = text
	for range 4 {
		const m = "unclosed here-document `"
		msg := err.Error()
		i := strings.Index(msg, m)
		if i < 0 || !strings.HasSuffix(msg, "`") {
			return "", false
		}
		delim := msg[i+len(m) : len(msg)-1]
		if delim == "" || strings.ContainsAny(delim, "`\n") {
			return "", false
		}
		if !strings.HasSuffix(closed, "\n") {
			closed += "\n"
		}
		closed += delim + "\n"
		p := parsers.Get().(*syntax.Parser)
		_, err = p.Parse(strings.NewReader(closed), "")
		parsers.Put(p)
		if err == nil {
			return closed, true
		}
	}
	return "", false
}
