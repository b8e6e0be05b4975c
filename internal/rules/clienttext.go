package rules

import (
	"errors"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// newClientText matches a store client's commands, wherever the client
// reads them: its arguments, stdin (a heredoc, a here-string, echo ... |)
// and files of commands the same command wrote (-f, --file, <). It is for
// shells whose language guard does not parse (fdbcli, arangosh, asadm,
// InfluxQL): with.contains are strings, compared in lower case with runs
// of spaces made one, any of which matches. with.unless are words that,
// in the same statement (up to a ;), make it one that only checks or
// previews: RMAN's RESTORE DATABASE VALIDATE and RESTORE ... PREVIEW read
// the backups and write nothing.
func newClientText(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	needles := lowerAll(p.strings("contains"))
	unless := lowerAll(p.strings("unless"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(needles) == 0 {
		return nil, errors.New("client-text needs contains")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, text := range clientTexts(inv, v) {
			norm := strings.Join(strings.Fields(strings.ToLower(text)), " ")
			for _, n := range needles {
				if !strings.Contains(norm, n) {
					continue
				}
				if len(unless) == 0 {
					return "the commands hold " + parse.Quote(n), true
				}
				for stmt := range strings.SplitSeq(norm, ";") {
					if strings.Contains(stmt, n) && !holdsWord(stmt, unless) {
						return "the commands hold " + parse.Quote(n), true
					}
				}
			}
		}
		return "", false
	}, nil
}

// clientTexts returns the texts a client may run: each argument, stdin
// when known, and files the command wrote that an option or a
// redirection names.
func clientTexts(inv *parse.Invocation, v *view) []string {
	out := make([]string, 0, len(inv.Args)+1)
	for _, a := range inv.Args[1:] {
		out = append(out, a.Value)
	}
	if inv.Stdin.Kind == parse.Known {
		out = append(out, inv.Stdin.Text)
	}
	out = append(out, writtenInputs(inv, v)...)
	return out
}

// writtenInputs returns the files a client reads whose text guard
// knows: named by an option (psql -f q.sql), as an operand (mongosh app
// cleanup.js) or redirected to stdin (mysql < q.sql), when the same
// command wrote them, when they are a process substitution guard can
// read (psql -f <(echo ...)), or when they are on disk and guard may read
// them (clientFile).
func writtenInputs(inv *parse.Invocation, v *view) []string {
	var out []string
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		if has && statementFileFlag(v.name, name) {
			if text, ok := clientFile(inv, val); ok {
				out = append(out, text)
			}
		}
	}
	for _, op := range v.operands {
		if text, ok := writtenText(inv, op.Value); ok {
			out = append(out, text)
		} else if text, ok := inv.Substs[op.Value]; ok {
			out = append(out, text)
		} else if statementFile(op.Value) {
			if text, ok := clientFile(inv, op.Value); ok {
				out = append(out, text)
			}
		}
	}
	for _, r := range inv.Redirs {
		if r.Op == "<" {
			if text, ok := clientFile(inv, r.Target.Value); ok {
				out = append(out, text)
			}
		}
	}
	return out
}

// statementExts are the extensions of files of statements that a client
// runs when named as an operand: mongosh app cleanup.js.
const statementExts = ".sql .js .cql .redis .txt .mongo .ch"

func statementFile(name string) bool {
	return wordlist.Has(statementExts, strings.ToLower(path.Ext(name)))
}

// clientFile returns the text of a file of statements a client reads:
// what the command wrote to it, a process substitution's output, or the
// file on disk, read as scripts are (parse.ReadScript: a regular text
// file of at most parse.MaxScript bytes). A file on another host, one
// only named at run time, or one that cannot be read is not known.
func clientFile(inv *parse.Invocation, name string) (string, bool) {
	if text, ok := writtenText(inv, name); ok {
		return text, true
	}
	if text, ok := inv.Substs[name]; ok {
		return text, true
	}
	if name == "" || name == "-" || inv.Remote != "" || strings.ContainsAny(name, "$`") || strings.HasPrefix(name, "<(") {
		return "", false
	}
	abs := name
	if !path.IsAbs(abs) {
		if inv.Dir == "" {
			return "", false
		}
		abs = path.Join(inv.Dir, abs)
	}
	text, err := readClientFile(path.Clean(abs))
	return text, err == nil
}

// readClientFile reads a file of statements from disk; tests stand in
// for it.
var readClientFile = parse.ReadScript

// holdsWord reports whether text holds one of words as a whole word.
func holdsWord(text string, words []string) bool {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !isAlnum(byte(r)) && r != '_' }) {
		for _, w := range words {
			if f == w {
				return true
			}
		}
	}
	return false
}
