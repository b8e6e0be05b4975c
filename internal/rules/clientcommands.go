package rules

import (
	"errors"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newClientCommands matches a file-transfer client's own commands, which
// it reads from an option (smbclient -c 'prompt OFF; mdel *', lftp -c),
// from stdin (a heredoc into sftp or ftp) or from a batch file the same
// command wrote or guard can read (sftp -b). The text is split into
// commands at semicolons and newlines; a command matches when its first
// words, in lower case, are one of with.commands (mdel, rm, deltree,
// "mirror -r --delete"). with.options name the options that carry
// commands, with.files those that name a file of them. Listing and
// copying commands (ls, get, mget) pass.
func newClientCommands(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	commands := lowerAll(p.strings("commands"))
	options := p.strings("options")
	files := p.strings("files")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(commands) == 0 {
		return nil, errors.New("client-commands needs commands")
	}
	want := make([][]string, len(commands))
	for i, c := range commands {
		want[i] = strings.Fields(c)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var texts []string
		for _, w := range optionValues(inv, options) {
			// A variable in the text stands for itself: a command word
			// only known at run time matches nothing.
			texts = append(texts, w.Value)
		}
		for _, w := range optionValues(inv, files) {
			if text, ok := clientFile(inv, w.Value); ok {
				texts = append(texts, text)
			}
		}
		if inv.Stdin.Kind == parse.Known {
			texts = append(texts, inv.Stdin.Text)
		}
		for _, text := range texts {
			if c, ok := clientCommand(text, want); ok {
				return "the client runs its own command " + parse.Quote(c), true
			}
		}
		return "", false
	}, nil
}

// clientCommand returns the first command of a client's text whose
// leading words are one of want.
func clientCommand(text string, want [][]string) (string, bool) {
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' }) {
		words := strings.Fields(strings.ToLower(line))
		for _, w := range want {
			if len(words) >= len(w) && equalWords(words[:len(w)], w) {
				return strings.TrimSpace(line), true
			}
		}
	}
	return "", false
}

// equalWords reports whether two lists of words are the same.
func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
