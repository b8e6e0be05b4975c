package parse

import "strings"

// Runners that start a command in the background or hand it to a queue:
// pueue add runs its words as shell code later, daemonize and
// start-stop-daemon --start run a program as a daemon, kitty @ launch and
// wezterm cli spawn run one in a new window or pane. What they run is
// judged as a command.

// pueueValues are pueue add's options that take a value.
var pueueValues = []string{"--working-directory", "--delay", "--group", "--after", "--priority", "--label"}

// startStopValues are start-stop-daemon's options that take a value.
var startStopValues = []string{"--pidfile", "--exec", "--name", "--user", "--chuid", "--chroot", "--chdir", "--nicelevel",
	"--umask", "--signal", "--retry", "--startas", "--group", "--procsched", "--iosched", "--output", "--notify-timeout", "--remove-pidfile"}

// startDir makes c run in the directory that one of the options names
// (tmux -c DIR, zellij run --cwd DIR), or in an unknown one when the
// value is only known at run time.
func (w *walker) startDir(c *call, opts []opt, names ...string) {
	for _, o := range opts {
		if !contains(names, o.name) {
			continue
		}
		if o.dynamic || o.value == "" {
			empty := ""
			c.dir = &empty
			continue
		}
		w.withDir(c, o.value)
	}
}

// bwrapTwo are bwrap's options that take two values; bwrapOne those that
// take one.
var (
	bwrapTwo = []string{"--bind", "--bind-try", "--dev-bind", "--dev-bind-try", "--ro-bind", "--ro-bind-try", "--symlink",
		"--setenv", "--file", "--bind-data", "--ro-bind-data", "--chmod", "--overlay-src"}
	bwrapOne = []string{"--chdir", "--proc", "--dev", "--tmpfs", "--dir", "--mqueue", "--uid", "--gid", "--hostname",
		"--unsetenv", "--lock-file", "--sync-fd", "--info-fd", "--json-status-fd", "--block-fd", "--userns-block-fd",
		"--seccomp", "--add-seccomp-fd", "--exec-label", "--file-label", "--args", "--cap-add", "--cap-drop", "--perms",
		"--size", "--remount-ro", "--userns", "--userns2", "--pidns", "--argv0", "--tmp-overlay", "--ro-overlay"}
)

// bwrapCommand returns the program and arguments bwrap runs, after its
// options, and the directory --chdir names.
func bwrapCommand(args []Word) ([]Word, []opt) {
	var opts []opt
	i := 1
	for i < len(args) {
		a := args[i].Value
		switch {
		case a == "--":
			return args[i+1:], opts
		case contains(bwrapTwo, a):
			i += 3
		case contains(bwrapOne, a):
			if i+1 < len(args) {
				opts = append(opts, opt{name: a, value: args[i+1].Value, dynamic: args[i+1].Dynamic})
			}
			i += 2
		case strings.HasPrefix(a, "--"):
			i++
		default:
			return args[i:], opts
		}
	}
	return nil, opts
}

// daemonRunner analyses what a background runner starts. It reports
// false for a program it does not know.
func (w *walker) daemonRunner(c call, name string) bool {
	switch name {
	case "pueue":
		w.record(c)
		if len(c.args) < 2 || c.args[1].Value != "add" {
			return true
		}
		opts, _, at := scan(c.args, spec{short: "wdgaol", long: pueueValues, skip: 2})
		w.startDir(&c, opts, "-w", "--working-directory")
		if at < len(c.args) {
			// pueue joins the words and runs them with sh -c.
			w.codeWord(c, joinWords(c.args[at:]), "pueue add", Input{})
		}
	case "daemonize":
		w.record(c)
		opts, _, at := scan(c.args, spec{short: "ceoplurE"})
		w.startDir(&c, opts, "-c")
		if at < len(c.args) {
			w.inner(c, c.args[at:], "daemonize")
		}
	case "start-stop-daemon":
		w.record(c)
		opts, _, _ := scan(c.args, spec{short: "pxnucrdNkstRagPIO", long: startStopValues, dash: true})
		w.startDir(&c, opts, "-d", "--chdir")
		if argv := startStopCommand(c.args); len(argv) > 0 {
			w.inner(c, argv, "start-stop-daemon")
		}
	case "bwrap":
		w.record(c)
		argv, opts := bwrapCommand(c.args)
		w.startDir(&c, opts, "--chdir")
		if len(argv) > 0 {
			w.inner(c, argv, "bwrap")
		}
	default:
		return false
	}
	return true
}

// startStopCommand returns the program and arguments start-stop-daemon
// --start runs: --startas or --exec, then the words after --.
func startStopCommand(args []Word) []Word {
	opts, _, at := scan(args, spec{short: "pxnucrdNkstRagPIO", long: startStopValues, dash: true})
	start := false
	var prog Word
	for _, o := range opts {
		switch o.name {
		case "-S", "--start":
			start = true
		case "-x", "--exec":
			if prog.Value == "" {
				prog = Word{Value: o.value, Dynamic: o.dynamic}
			}
		case "-a", "--startas":
			prog = Word{Value: o.value, Dynamic: o.dynamic}
		}
	}
	if !start || prog.Value == "" {
		return nil
	}
	out := []Word{prog}
	if at < len(args) {
		out = append(out, args[at:]...)
	}
	return out
}

// terminalLaunch runs the program that kitty @ launch or wezterm cli
// spawn starts in a new window or pane.
func (w *walker) terminalLaunch(c call, name string) {
	for i, a := range c.args {
		switch {
		case a.Value == "launch" && (name == "kitty" || name == "kitten"):
			rest := c.args[i:]
			opts, _, at := scan(rest, spec{long: []string{"--type", "--title", "--tab-title", "--cwd", "--env", "--var", "--location", "--match", "--next-to", "--window-title", "--os-window-title", "--os-window-name", "--os-window-class", "--logo", "--color", "--watcher", "--source-window", "--marker", "--spacing", "--bias", "--stdin-source", "--os-window-state", "--copy-env", "--add-to-session", "--hold-after-ssh"}})
			w.startDir(&c, opts, "--cwd")
			if at < len(rest) {
				w.inner(c, rest[at:], name+" @ launch")
			}
			return
		case a.Value == "spawn" && name == "wezterm":
			rest := c.args[i:]
			opts, _, at := scan(rest, spec{long: []string{"--pane-id", "--domain-name", "--window-id", "--cwd", "--workspace", "--position"}})
			w.startDir(&c, opts, "--cwd")
			if at < len(rest) {
				w.inner(c, rest[at:], "wezterm cli spawn")
			}
			return
		case strings.HasPrefix(a.Value, "send-text"):
			return
		}
	}
}
