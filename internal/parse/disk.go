package parse

import (
	"bytes"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/safefile"
)

// Scripts already on disk: bash f, sh f, . f, source f, ./f, python3 f.py
// and the start-up files a shell reads (BASH_ENV, ENV, --rcfile) are read
// and analysed, so that a script written by an earlier command is judged
// by what it does. A file is read only when a command runs it, never for
// a command that runs no script, and only within limits: a regular file
// (opened without blocking and checked with fstat, so that a FIFO or a
// device never hangs guard), at most MaxScript bytes, text rather than a
// compiled program, and not under the system's own directories. A file
// past these limits, or one that cannot be read, stays opaque.

// MaxScript is the largest script file guard reads.
const MaxScript = 256 << 10

// Limits on the files one analysis reads.
const (
	maxScriptFiles = 32
	maxScriptBytes = 2 << 20
)

// errNotScript is a file guard does not read as a script: too large, or a
// compiled program.
var errNotScript = errors.New("not a script guard reads")

// ReadScript reads a script file from disk within guard's limits.
func ReadScript(name string) (string, error) {
	f, err := safefile.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() > MaxScript {
		return "", errNotScript
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxScript+1))
	if err != nil {
		return "", err
	}
	if len(b) > MaxScript || bytes.IndexByte(b[:min(len(b), 4096)], 0) >= 0 {
		// Too large, or a compiled program (ELF, Mach-O, bytecode).
		return "", errNotScript
	}
	return string(b), nil
}

// diskState holds the files one analysis has read.
type diskState struct {
	read  map[string]diskFile
	bytes int
}

type diskFile struct {
	text string
	ok   bool
}

// systemDirs are where the system's own programs live: guard does not read
// the scripts there, which are the operating system's and not the agent's.
const scriptSystemDirs = "/usr/ /bin/ /sbin/ /lib/ /lib64/ /opt/ /nix/ /snap/ /etc/ /System/ /Library/ /Applications/ " +
	"/proc/ /sys/ /dev/"

// script returns the text of a script file a command runs: what the
// command itself wrote to it, or else the file on disk, when guard may
// read it. from names it for messages.
func (w *walker) script(file Word, dir string) (text string, ok bool) {
	if text, ok := w.writtenScript(file); ok {
		return text, true
	}
	if ps := w.procs[file.Value]; ps != nil && file.Dynamic {
		// python3 <(echo CODE): the file is the substitution's output.
		in := w.procSubstInput(ps)
		return in.Text, in.Kind == Known
	}
	if file.Dynamic || file.Value == "" || w.remote != "" || w.dry {
		// A file on another machine, or one only named at run time.
		return "", false
	}
	abs := file.Value
	if !path.IsAbs(abs) {
		if dir == "" {
			return "", false
		}
		abs = path.Join(dir, abs)
	}
	abs = path.Clean(abs)
	if isAgentSnapshot(abs) {
		return "", false
	}
	for d := range strings.FieldsSeq(scriptSystemDirs) {
		if strings.HasPrefix(abs, d) {
			return "", false
		}
	}
	if w.disk == nil {
		return "", false
	}
	if f, seen := w.disk.read[abs]; seen {
		return f.text, f.ok
	}
	if len(w.disk.read) >= maxScriptFiles || w.disk.bytes >= maxScriptBytes {
		return "", false
	}
	read := ReadScript
	if w.opts.ReadFile != nil {
		read = w.opts.ReadFile
	}
	text, err := read(abs)
	f := diskFile{text: text, ok: err == nil}
	if w.disk.read == nil {
		w.disk.read = map[string]diskFile{}
	}
	w.disk.read[abs] = f
	w.disk.bytes += len(text)
	return f.text, f.ok
}

// callDir returns the directory a call runs in.
func (w *walker) callDir(c call) string {
	if c.dir != nil {
		return *c.dir
	}
	return w.dir
}

// scriptParams returns the positional parameters of a script run with
// arguments: its name, then the arguments.
func scriptParams(script Word, args []Word) []value {
	params := []value{{s: script.Value, known: !script.Dynamic}}
	for _, a := range args {
		params = append(params, value{s: a.Value, known: !a.Dynamic, glob: a.Glob})
	}
	return params
}

// runScript analyses shell code read from a script file that runs in a new
// shell, with its positional parameters.
func (w *walker) runScript(c call, text, via string, params []value) {
	n := w.nested(via, c.pos)
	n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	if c.dir != nil {
		n.dir = *c.dir
	}
	n.params, n.paramsSet = params, true
	if len(params) > 0 && params[0].known {
		n.setVar("BASH_SOURCE", arrayValue([]value{params[0]}))
	}
	n.code(text, &Input{})
}

// sourceScript analyses code read from a file that runs in this shell, as
// source and . run it: what it sets holds for what follows. The functions
// it defines are walked where they are called, not otherwise: a sourced
// file often defines many (a shell set-up does), and only those called
// run.
func (w *walker) sourceScript(c call, text, via string, args []Word) {
	n := w.nested(via, c.pos)
	n.vars, n.params, n.paramsSet, n.paramsOpen = w.vars, w.params, w.paramsSet, w.paramsOpen
	if len(args) > 0 {
		n.params = append([]value{{s: via, known: true}}, scriptParams(Word{}, args)[1:]...)
		n.paramsSet, n.paramsOpen = true, false
	}
	n.funcs, n.funcsDone, n.funcsActive = w.funcs, w.funcsDone, w.funcsActive
	n.bash = w.sh()
	n.sourcing = true
	n.redirs = append(append([]Redirect(nil), w.redirs...), c.redirs...)
	if c.dir != nil {
		n.dir = *c.dir
	}
	n.code(text, &Input{})
	w.dir, w.vars = n.dir, n.vars
	if len(args) == 0 {
		w.params, w.paramsSet, w.paramsOpen = n.params, n.paramsSet, n.paramsOpen
	}
	w.funcs, w.funcsDone = n.funcs, n.funcsDone
}

// stdinFile reads the file a program's stdin is redirected from, for a
// shell or interpreter that runs it as code: bash < script.sh.
func (w *walker) stdinFile(c *call) {
	if c.stdin.Kind != Unknown || c.stdin.file == "" {
		return
	}
	if text, ok := w.script(Word{Value: c.stdin.file}, w.callDir(*c)); ok {
		c.stdin = Input{Kind: Known, Text: text, From: "file " + c.stdin.file}
	}
}

// startupFile returns the start-up file a shell reads before its code:
// --rcfile or --init-file, BASH_ENV for bash, ENV for sh. It reports
// whether one is named at all, and the file's text when guard read it.
func (w *walker) startupFile(c call, name string) (file Word, named bool) {
	for i := 1; i < len(c.args); i++ {
		a := c.args[i].Value
		if !strings.HasPrefix(a, "--") {
			break
		}
		if a == "--rcfile" || a == "--init-file" {
			if i+1 < len(c.args) {
				return c.args[i+1], true
			}
		}
		if v, ok := strings.CutPrefix(a, "--rcfile="); ok {
			return Word{Value: v, Dynamic: c.args[i].Dynamic}, true
		}
	}
	vars := []string{"BASH_ENV"}
	if name != "bash" {
		vars = []string{"ENV", "BASH_ENV"}
	}
	for _, v := range vars {
		if a, ok := assignedIn(c.assigns, v); ok {
			return a, true
		}
		if val, ok := w.vars[v]; ok {
			if val.s == "" && val.known {
				continue
			}
			return Word{Value: val.s, Dynamic: !val.known}, true
		}
	}
	return Word{}, false
}

func assignedIn(assigns []Assign, name string) (Word, bool) {
	for i := len(assigns) - 1; i >= 0; i-- {
		if assigns[i].Name == name {
			return assigns[i].Value, assigns[i].Value.Value != "" || assigns[i].Value.Dynamic
		}
	}
	return Word{}, false
}

// isAgentSnapshot reports whether p is a shell snapshot an agent CLI writes
// and sources before each command it runs (Claude Code's
// ~/.claude/shell-snapshots/snapshot-*.sh): a copy of the user's own shell
// set-up, often tens of kilobytes of functions, which guard would parse
// before every command. It is not read; see docs/parse.md.
func isAgentSnapshot(p string) bool {
	dir, file := path.Split(p)
	return strings.HasSuffix(dir, "/.claude/shell-snapshots/") && strings.HasPrefix(file, "snapshot-")
}
