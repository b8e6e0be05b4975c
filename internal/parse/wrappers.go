package parse

import (
	"slices"
	"strings"
)

// spec describes the options of a wrapper that runs its arguments.
type spec struct {
	short    string   // short options that take a value
	long     []string // long options that take a value
	operands int      // operands before the command: timeout's duration
	assigns  bool     // NAME=value words may come before the command
	skip     int      // words of the wrapper itself: 2 for "uv run"
	// singleDash reports that options are words with one dash, such as
	// -prefix, and long then lists those that take a value.
	singleDash bool
	// dash reports that the command follows -- and nothing else does:
	// chamber exec SERVICE... -- CMD.
	dash bool
}

type opt struct {
	name, value string
	dynamic     bool
}

// scan splits a wrapper's arguments into options, assignments and the
// command. It returns the index in args of the command, or len(args).
func scan(args []Word, s spec) (opts []opt, assigns []Assign, at int) {
	ops := s.operands
	i := max(s.skip, 1)
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			i++
			break
		}
		if len(a) > 1 && a[0] == '-' && !args[i].Dynamic {
			if strings.HasPrefix(a, "--") || s.singleDash {
				name, v, eq := strings.Cut(a, "=")
				dyn := false
				if !eq && contains(s.long, name) && i+1 < len(args) {
					i++
					v, dyn = args[i].Value, args[i].Dynamic
				}
				opts = append(opts, opt{name, v, dyn})
				continue
			}
			for j := 1; j < len(a); j++ {
				if strings.IndexByte(s.short, a[j]) >= 0 {
					v, dyn := a[j+1:], false
					if v == "" && i+1 < len(args) {
						i++
						v, dyn = args[i].Value, args[i].Dynamic
					}
					opts = append(opts, opt{"-" + a[j:j+1], v, dyn})
					break
				}
				opts = append(opts, opt{"-" + a[j:j+1], "", false})
			}
			continue
		}
		if s.dash {
			// Only -- starts the command: skip operands up to it.
			continue
		}
		if s.assigns && isAssignment(a) {
			n, v, _ := strings.Cut(a, "=")
			assigns = append(assigns, Assign{Name: n, Value: Word{Value: v, Dynamic: args[i].Dynamic}})
			continue
		}
		if ops > 0 {
			ops--
			continue
		}
		break
	}
	if s.dash && (i == len(args) || args[i-1].Value != "--") {
		// No -- came: nothing runs.
		return opts, assigns, len(args)
	}
	for ; ops > 0 && i < len(args); ops-- {
		i++
	}
	return opts, assigns, min(i, len(args))
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func isAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return false
	}
	for i, c := range name {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// generic looks through a wrapper described by s.
func (w *walker) generic(c call, s spec, name string) {
	_, assigns, at := scan(c.args, s)
	if at >= len(c.args) {
		w.record(c)
		return
	}
	c.assigns = append(c.assigns, assigns...)
	w.inner(c, c.args[at:], wrapperVia(c.args[:at]))
}

// wrapperVia names a wrapper for the nesting path: its words up to the
// command, shortened.
func wrapperVia(words []Word) string {
	s := strings.Join(values(words), " ")
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	if len(words) > 0 {
		s = programName(words[0].Value) + strings.TrimPrefix(s, words[0].Value)
	}
	return s
}

// inner invokes the command a wrapper runs.
func (w *walker) inner(c call, args []Word, via string) {
	w.via = append(w.via, via)
	if len(w.runtime) > 0 {
		args = append([]Word(nil), args...)
		markRuntime(args, w.runtime)
	}
	c.args = args
	w.invoke(c)
	w.via = w.via[:len(w.via)-1]
}

func (w *walker) withDir(c *call, d string) {
	if abs, ok := w.resolve(d); ok {
		c.dir = &abs
	} else {
		empty := ""
		c.dir = &empty
	}
}

// operands returns the words that are not options, stopping at none.
func operands(args []Word) []Word {
	var out []Word
	dash := false
	for _, a := range args {
		if !dash && a.Value == "--" {
			dash = true
			continue
		}
		if !dash && len(a.Value) > 1 && a.Value[0] == '-' {
			continue
		}
		out = append(out, a)
	}
	return out
}

func hasOpt(args []Word, names ...string) bool {
	for _, a := range args {
		if a.Value == "--" {
			return false
		}
		for _, n := range names {
			if a.Value == n || strings.HasPrefix(a.Value, n+"=") {
				return true
			}
		}
	}
	return false
}

func hasWords(args []Word, seq ...string) bool {
	for i := 0; i+len(seq) <= len(args); i++ {
		match := true
		for j, s := range seq {
			if args[i+j].Value != s {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// optValue returns the value of the first of the named options: -c VALUE,
// -cVALUE, --command VALUE or --command=VALUE.
func optValue(args []Word, names ...string) (Word, bool) {
	for i, a := range args {
		if a.Value == "--" {
			break
		}
		for _, n := range names {
			switch {
			case a.Value == n && i+1 < len(args):
				return args[i+1], true
			case strings.HasPrefix(n, "--") && strings.HasPrefix(a.Value, n+"="):
				return Word{Value: a.Value[len(n)+1:], Dynamic: a.Dynamic}, true
			case !strings.HasPrefix(n, "--") && len(n) == 2 && strings.HasPrefix(a.Value, n) && len(a.Value) > 2 && !strings.HasPrefix(a.Value, "--"):
				return Word{Value: a.Value[2:], Dynamic: a.Dynamic}, true
			}
		}
	}
	return Word{}, false
}

func (w *walker) sudo(c call) {
	s := spec{short: "ugCDhprtTU", long: []string{"--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type", "--command-timeout", "--other-user"}, assigns: true}
	opts, assigns, at := scan(c.args, s)
	for _, o := range opts {
		switch o.name {
		case "-e", "--edit":
			// sudo -e edits files as root: sudoedit.
			c.args = append([]Word{{Value: "sudoedit"}}, c.args[at:]...)
			w.inner(c, c.args, "sudo -e")
			return
		case "-l", "--list", "-V", "--version", "-v", "--validate", "-k", "-K", "--reset-timestamp", "--remove-timestamp":
			w.record(c)
			return
		case "-D", "--chdir":
			w.withDir(&c, o.value)
		}
	}
	if at >= len(c.args) {
		w.record(c)
		for _, o := range opts {
			if o.name == "-s" || o.name == "--shell" || o.name == "-i" || o.name == "--login" {
				// sudo -s with no command runs a shell that reads stdin.
				if c.stdin.Kind != Inherited {
					w.stdinCode(c, "sudo "+o.name)
				}
				break
			}
		}
		return
	}
	c.assigns = append(c.assigns, assigns...)
	w.inner(c, c.args[at:], wrapperVia(c.args[:at]))
}

func (w *walker) env(c call) {
	s := spec{short: "uCSP", long: []string{"--unset", "--chdir", "--split-string", "--block-signal", "--default-signal", "--ignore-signal"}, assigns: true}
	args := c.args
	for i := 1; i < len(args); i++ {
		if loadsDotenv(args[i]) && i+1 < len(args) {
			// env $(cat .env | xargs) node app.js: the words are the
			// file's assignments, not the program.
			w.noteLoaded(args[i].Value)
			args = slices.Delete(slices.Clone(args), i, i+1)
			c.args = args
			i--
			continue
		}
		if args[i].Value == "-" && !args[i].Dynamic {
			// env - is env -i.
			args = append(append(append([]Word(nil), args[:i]...), Word{Value: "-i"}), args[i+1:]...)
		} else if !strings.HasPrefix(args[i].Value, "-") && !isAssignment(args[i].Value) {
			break
		}
	}
	opts, assigns, at := scan(args, s)
	if len(assigns) > 0 {
		ac := c
		ac.stdin, ac.redirs = Input{}, nil
		for _, a := range assigns {
			w.assigned(ac, a.Name, a.Value)
		}
		w.gitConfigEnv(ac, assigns)
	}
	for _, o := range opts {
		switch o.name {
		case "-i", "--ignore-environment":
			// The program sees only the assignments given to env itself.
			c.assigns = nil
		case "-u", "--unset":
			c.assigns = slices.DeleteFunc(slices.Clone(c.assigns), func(a Assign) bool { return a.Name == o.value && !o.dynamic })
		case "-C", "--chdir":
			w.withDir(&c, o.value)
		case "-S", "--split-string":
			// env -S splits its string into words, quotes and all.
			text := o.value
			if at < len(c.args) {
				text += " " + quoteArgv(values(c.args[at:]))
			}
			c.assigns = append(c.assigns, assigns...)
			w.codeWord(c, Word{Value: text, Dynamic: anyDynamic(c.args)}, "env -S", c.stdin)
			return
		}
	}
	if at >= len(c.args) {
		w.record(c)
		return
	}
	c.assigns = append(c.assigns, assigns...)
	w.inner(c, c.args[at:], wrapperVia(c.args[:at]))
}

func (w *walker) flock(c call) {
	if v, ok := optValue(c.args[1:], "-c", "--command"); ok {
		w.codeWord(c, v, "flock -c", c.stdin)
		return
	}
	s := spec{short: "Ew", long: []string{"--conflict-exit-code", "--wait", "--timeout"}, operands: 1}
	// flock FD locks a descriptor and runs nothing; flock FILE CMD runs CMD.
	// The options must be skipped first: in flock -w 5 /tmp/l cmd, 5 is
	// the timeout, not a descriptor.
	_, _, at := scan(c.args, spec{short: s.short, long: s.long})
	if at < len(c.args) && isDigits(c.args[at].Value) && at == len(c.args)-1 {
		w.record(c)
		return
	}
	w.generic(c, s, "flock")
}

func (w *walker) su(c call, name string) {
	if name == "su" && w.androidSu(c) {
		return
	}
	if name == "runuser" && hasOpt(c.args[1:], "-u", "--user") {
		w.generic(c, spec{short: "ugG", long: []string{"--user", "--group", "--supp-group"}}, name)
		return
	}
	if v, ok := optValue(c.args[1:], "-c", "--command", "--session-command"); ok {
		w.codeWord(c, v, name+" -c", c.stdin)
		return
	}
	w.record(c)
}

func (w *walker) watch(c call) {
	opts, _, at := scan(c.args, spec{short: "nq", long: []string{"--interval", "--equexit"}})
	if at >= len(c.args) {
		w.record(c)
		return
	}
	for _, o := range opts {
		if o.name == "-x" || o.name == "--exec" {
			w.inner(c, c.args[at:], "watch")
			return
		}
	}
	w.codeWord(c, joinWords(c.args[at:]), "watch", Input{})
}
