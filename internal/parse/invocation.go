package parse

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Word is one argument of an invocation after expansion.
type Word struct {
	// Value is the word after quote removal and the expansions guard can
	// know. Parts that are only known at run time keep their source text,
	// such as $dir or $(pwd).
	Value string `json:"value"`
	// Dynamic reports that some part of the word is only known at run time.
	Dynamic bool `json:"dynamic,omitempty"`
	// Glob reports that the word holds unquoted pattern characters, so the
	// shell may replace it with a list of file names.
	Glob bool `json:"glob,omitempty"`
	// Hidden reports that the word's pattern also matches hidden names
	// (shopt -s dotglob, or GLOBIGNORE set, is in force), which bash's
	// patterns skip by default.
	Hidden bool `json:"hidden,omitempty"`
}

// Assign is a NAME=value assignment that prefixes a command.
type Assign struct {
	Name  string `json:"name"`
	Value Word   `json:"value"`
	// Inherited reports a variable exported earlier in the command
	// (export NAME=value; program), not assigned before the program.
	Inherited bool `json:"inherited,omitempty"`
}

// Redirect is a redirection of one of the command's file descriptors.
type Redirect struct {
	// Op is the operator as written: >, >>, >|, <, <>, &>, &>>, >&, <&, <<,
	// <<- or <<<.
	Op string `json:"op"`
	// Target is the file the redirection opens; it is empty for heredocs.
	Target Word `json:"target"`
}

// Writes reports whether the redirection opens its target for writing.
func (r Redirect) Writes() bool {
	switch r.Op {
	case ">", ">>", ">|", "<>", "&>", "&>>", ">&":
		return true
	}
	return false
}

// Truncates reports whether the redirection empties its target first.
func (r Redirect) Truncates() bool {
	switch r.Op {
	case ">", ">|", "&>", ">&":
		return true
	}
	return false
}

// InputKind says what is known about the text a program reads on stdin.
type InputKind uint8

const (
	// Inherited means stdin is whatever the whole command was given: a
	// terminal, a file, or nothing.
	Inherited InputKind = iota
	// Known means the text is known: a heredoc, a here-string, or the output
	// of a literal echo or printf piped in.
	Known
	// Unknown means stdin is a file or the output of another program.
	Unknown
)

// Input is what a program reads on stdin.
type Input struct {
	Kind InputKind
	// Text is the input when Kind is Known.
	Text string
	// From describes where the input comes from, for messages: "heredoc",
	// "here-string", "pipe from echo", "file /tmp/x", "pipe from curl".
	From string
	// file is the file stdin is redirected from, when it is named.
	file string
	// listed stands for the paths a listing program (ls, find) piped in
	// names, when it is one; nil otherwise.
	listed *Word
	// pipeFrom is the statement whose output is piped in, for what its
	// echo and printf commands print when the whole output is not known.
	pipeFrom *syntax.Stmt
}

// File returns the file stdin is redirected from, as written, or "".
func (in Input) File() string { return in.file }

// Problem names something about an invocation that cannot be known without
// running it.
type Problem uint8

const (
	// NoProblem means the invocation was analysed statically.
	NoProblem Problem = iota
	// ParseError means the text does not parse as bash.
	ParseError
	// TooLarge means the text is over the size limit and was not analysed.
	TooLarge
	// TooDeep means code nested in code went past the depth limit.
	TooDeep
	// DynamicProgram means the program name is only known at run time.
	DynamicProgram
	// DynamicCode means code text (eval, bash -c, ssh) is only known at run
	// time.
	DynamicCode
	// UnknownInput means a shell or interpreter reads code from stdin and
	// that code is not known.
	UnknownInput
)

var problemNames = [...]string{
	NoProblem:      "",
	ParseError:     "parse-error",
	TooLarge:       "too-large",
	TooDeep:        "too-deep",
	DynamicProgram: "dynamic-program",
	DynamicCode:    "dynamic-code",
	UnknownInput:   "unknown-input",
}

// String returns the problem's name as rules refer to it.
func (p Problem) String() string {
	if int(p) < len(problemNames) {
		return problemNames[p]
	}
	return "unknown"
}

// ProblemNamed returns the problem with the given name.
func ProblemNamed(name string) (Problem, bool) {
	for i, n := range problemNames {
		if n == name && i != 0 {
			return Problem(i), true
		}
	}
	return NoProblem, false
}

// Pos is a position in the top-level command text, counted from 1.
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Col    int `json:"col"`
}

// Invocation is one program that the command would run.
type Invocation struct {
	// Name is the program's name: the base name of the first argument, so
	// that /bin/rm and ./rm are both "rm". It is empty for invocations that
	// only carry a Problem.
	Name string `json:"name,omitempty"`
	// Args holds every argument, the program itself first.
	Args []Word `json:"args,omitempty"`
	// OwnArgs is how many of Args are the program's own when it carries
	// a command after them, which guard records as an invocation of its
	// own: docker run IMAGE, kubectl exec POD --, ssh HOST. The program's
	// subcommands and options are read from Args[:OwnArgs] only, so that
	// docker run node:20 rm is not read as a docker subcommand rm. Zero
	// means all of Args.
	OwnArgs int `json:"own_args,omitempty"`
	// MoreArgs reports that unknown further arguments will be appended at
	// run time, as xargs and parallel do.
	MoreArgs bool `json:"more_args,omitempty"`
	// Assigns are the NAME=value words before the program.
	Assigns []Assign `json:"assigns,omitempty"`
	// Redirs are the invocation's redirections, including those of the
	// compound command around it.
	Redirs []Redirect `json:"redirs,omitempty"`
	// Stdin is what the program reads on stdin.
	Stdin Input `json:"-"`
	// Dir is the directory the program runs in when it is known, and
	// empty when it is not (after cd to a computed directory, say).
	Dir string `json:"dir,omitempty"`
	// Start is the directory the shell that runs the invocation started
	// in: the session's working directory (the project), or on a remote
	// host the directory its shell starts in. A cd in the command moves Dir
	// and never Start: path classes (inside or outside the project, the
	// working directory itself) judge a target against Start, and Dir only
	// resolves relative paths. Empty when unknown.
	Start string `json:"start,omitempty"`
	// Remote names the host or container the program runs on, when it is
	// not this machine.
	Remote string `json:"remote,omitempty"`
	// Via is the nesting path, outermost first: "sudo", "bash -c",
	// "ssh db1", "$(...)", "function cleanup".
	Via []string `json:"via,omitempty"`
	// Text is the source text of the invocation, in the code that holds it.
	Text string `json:"text"`
	// Pos is where the invocation, or the outermost word carrying it, is in
	// the top-level text.
	Pos Pos `json:"pos"`
	// Code is the program text an interpreter runs, when it is known:
	// python -c CODE, a heredoc into node, a script file guard read.
	Code *Code `json:"code,omitempty"`
	// Problem is set when something about the invocation cannot be known.
	Problem Problem `json:"-"`
	// Detail explains the Problem for a person.
	Detail string `json:"detail,omitempty"`
	// Written holds what the command wrote to files before this
	// invocation, when that is known, by absolute path: the body a later
	// curl -d @body.json sends.
	Written map[string]string `json:"-"`
	// Substs holds the output of the process substitutions among Args
	// whose output guard knows, by the word's text: the statements
	// psql -f <(echo "DROP TABLE t") reads.
	Substs map[string]string `json:"-"`
	// Origins holds, for the variables the invocation's words use whose
	// values are only known at run time, what the command set them to, as
	// written: TOKEN is $(grep TOKEN .env | cut -d= -f2).
	Origins map[string]string `json:"-"`
	// Loaded lists what loaded variables from files earlier in the
	// command, as written (source .env), when the invocation uses a
	// variable the command did not set.
	Loaded []string `json:"-"`
}

// Argv returns the argument values.
func (inv *Invocation) Argv() []string {
	out := make([]string, len(inv.Args))
	for i, w := range inv.Args {
		out[i] = w.Value
	}
	return out
}

// Own returns the program's own arguments: Args up to OwnArgs.
func (inv *Invocation) Own() []Word {
	if inv.OwnArgs > 0 && inv.OwnArgs < len(inv.Args) {
		return inv.Args[:inv.OwnArgs]
	}
	return inv.Args
}

// String returns the argument values joined by spaces, for messages.
func (inv *Invocation) String() string {
	if len(inv.Args) == 0 {
		return inv.Text
	}
	return strings.Join(inv.Argv(), " ")
}

// Env returns the value assigned to name in the invocation's prefix
// assignments.
func (inv *Invocation) Env(name string) (Word, bool) {
	for _, a := range inv.Assigns {
		if a.Name == name {
			return a.Value, true
		}
	}
	return Word{}, false
}
