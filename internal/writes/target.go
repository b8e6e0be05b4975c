package writes

import (
	"github.com/guardsh/guard/internal/parse"
)

// Kind says how a write affects its path.
type Kind uint8

const (
	// Write creates the file or changes its content: it can land only on
	// the path itself or, when the path is a directory, under it.
	Write Kind = iota
	// Replace removes, moves, links over or changes the mode of the path:
	// everything under it is affected too.
	Replace
	// Tree writes files anywhere under the path (rsync -a src/ dst,
	// tar -x -C dst), and with them whatever the path is above.
	Tree
)

// Source says where a write comes from.
type Source uint8

const (
	// ByProgram means an operand or an option of the program.
	ByProgram Source = iota
	// ByRedirect means a redirection of the shell.
	ByRedirect
	// ByCode means a file call in interpreter code.
	ByCode
)

// Target is one path a command may write.
type Target struct {
	// Path is the path as the command gives it, after the shell's
	// expansions; it may be relative, a glob, or hold run-time parts.
	Path parse.Word
	// Kind says how the write affects the path.
	Kind Kind
	// Source says whether the write comes from the program, a
	// redirection or interpreter code.
	Source Source
	// Remove reports that the path is deleted.
	Remove bool
	// Unknown reports, for a Tree, that the files it receives are not
	// known from the command (an archive, a directory on disk).
	Unknown bool
	// Link reports that the path is the target of a link the command
	// makes: later writes through the link land on it.
	Link bool
	// What says what writes it, for messages: "redirect", "cp destination",
	// "dd of=", "python open(..., 'w')".
	What string
}

func word(v string) parse.Word { return parse.Word{Value: v} }
