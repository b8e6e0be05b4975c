package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/guardsh/guard/internal/tty"
)

// The conventions every subcommand follows: flags are shown as they are
// typed (--json, -C DIR), help asked for goes to stdout, and a usage error
// is one "guard: error:" line and a hint pointing at the help, never the
// whole help on stderr.

// newFlags returns a flag set for a subcommand. The flag package prints
// nothing itself: errors and help go through flagError.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses a subcommand's flags without letting the flag
// package call the usage function: flagError decides what is shown.
func parseFlags(fs *flag.FlagSet, args []string) error {
	u := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = u }()
	return fs.Parse(args)
}

// flagName is a flag as it is typed: -C for a one-letter flag, --json for
// the others.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags writes a flag set's flags for help: one line per flag as it
// is typed, with its value's name, then its usage indented, and its
// default when that is not the zero value.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		head := "  " + flagName(f.Name)
		if arg != "" {
			arg = strings.ToUpper(arg)
			head += " " + arg
			// The value's name in the text is written as it is shown.
			if i := strings.IndexByte(f.Usage, '`'); i >= 0 {
				if j := strings.IndexByte(f.Usage[i+1:], '`'); j >= 0 {
					usage = f.Usage[:i] + arg + f.Usage[i+1+j+1:]
				}
			}
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" && !strings.Contains(usage, "(default") {
			usage += fmt.Sprintf(" (default %s)", d)
		}
		lines := wrap(usage, 78-20)
		if len(head) <= 18 {
			fmt.Fprintf(w, "%-20s%s\n", head, lines[0])
			lines = lines[1:]
		} else {
			fmt.Fprintln(w, head)
		}
		for _, l := range lines {
			fmt.Fprintf(w, "%20s%s\n", "", l)
		}
	})
}

// wrap breaks text into lines of at most width bytes, at spaces; a word
// longer than width gets a line of its own.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// flagError handles an error from parsing a subcommand's flags and
// returns the exit status: for -h the help, on stdout, and 0; for a bad
// flag one error line and a hint, and 64.
func (g *guard) flagError(fs *flag.FlagSet, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		g.help(fs)
		return exitOK
	}
	g.errorf("%s", flagMessage(err))
	g.hintf("see %s -h", commandName(fs))
	return exitUsage
}

// help prints a subcommand's help on stdout. Usage functions write to
// g.stderr, which is stdout while they run here, and the flag set is kept
// for the man page and completions.
func (g *guard) help(fs *flag.FlagSet) {
	old := g.stderr
	g.stderr = g.stdout
	if fs.Usage != nil {
		fs.Usage()
	}
	g.stderr = old
	g.helped = fs
}

// usageError reports a usage error of a subcommand in one line, with a
// hint pointing at its help, and returns 64.
func (g *guard) usageError(fs *flag.FlagSet, format string, args ...any) int {
	g.errorf(format, args...)
	g.hintf("see %s -h", commandName(fs))
	return exitUsage
}

// existingDir returns dir as an absolute path, or an error when it is not
// a directory that exists.
func existingDir(dir string) (string, error) {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("no such directory: %s", dir)
		}
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("not a directory: %s", dir)
	}
	return filepath.Abs(dir)
}

// colorOn reports whether output to w may carry colour and bold: w is a
// terminal, TERM is not dumb, and NO_COLOR is unset or empty
// (https://no-color.org). Every coloured output of guard asks it, or
// tty.Color for the terminal itself.
func colorOn(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && tty.Color(f)
}

// commandName is how the subcommand is typed: "guard check".
func commandName(fs *flag.FlagSet) string { return "guard " + fs.Name() }

// flagErrors are the patterns of the flag package's errors, compiled when
// a flag error is first reported: compiled at start they cost every run of
// guard about 240,000 instructions.
var flagErrors = sync.OnceValue(func() (re struct{ undefined, needsArg, badValue, badSyntax *regexp.Regexp }) {
	re.undefined = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	re.needsArg = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	re.badValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): (.*)$`)
	re.badSyntax = regexp.MustCompile(`^bad flag syntax: (.*)$`)
	return re
})

// flagMessage rewrites the flag package's errors with flags as typed.
func flagMessage(err error) string {
	s := err.Error()
	re := flagErrors()
	reUndefined, reNeedsArg, reBadValue, reBadSyntax := re.undefined, re.needsArg, re.badValue, re.badSyntax
	if m := reUndefined.FindStringSubmatch(s); m != nil {
		return "unknown flag " + flagName(m[1])
	}
	if m := reNeedsArg.FindStringSubmatch(s); m != nil {
		return flagName(m[1]) + " needs a value"
	}
	if m := reBadValue.FindStringSubmatch(s); m != nil {
		why := m[3]
		if strings.HasPrefix(why, "parse error") || strings.Contains(why, "invalid syntax") {
			why = "not a number"
		}
		return fmt.Sprintf("bad value %q for %s: %s", m[1], flagName(m[2]), why)
	}
	if m := reBadSyntax.FindStringSubmatch(s); m != nil {
		return "bad flag syntax: " + m[1]
	}
	return s
}
