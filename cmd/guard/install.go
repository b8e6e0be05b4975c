package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/codexrules"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/lazy"
)

// installAgents are the agents guard install knows, in help order.
var installAgents = []string{"claude", "cursor", "codex", "gemini", "aider"}

// claudeOnFailure is the first Claude Code release that reads a hook's
// "onFailure": "block" (changelog of v2.1.295).
var claudeOnFailure = [3]int{2, 1, 295}

type installOpts struct {
	agent      string
	scope      install.Scope
	root       string // the project for --scope project
	dryRun     bool
	json       bool // report as JSON
	uninstall  bool
	shellRoute bool   // claude: also run Bash commands through guard as the shell
	rcShell    string // aider: bash, zsh or fish
	rcFile     string // aider: the rc file to change
}

func runInstall(g *guard, args []string) int   { return g.installCmd("install", args) }
func runUninstall(g *guard, args []string) int { return g.installCmd("uninstall", args) }

func (g *guard) installCmd(verb string, args []string) int {
	fs := newFlags(verb)
	scope := fs.String("scope", "user", "`SCOPE`: user (the settings for every project) or project (this repository's)")
	dir := fs.String("C", "", "the project `DIR` for --scope project (default: the repository holding the working directory)")
	dryRun := fs.Bool("dry-run", false, "show the change as a diff and write nothing")
	jsonOut := fs.Bool("json", false, "report the changes as JSON on stdout")
	shellRoute := fs.Bool("shell-route", false, "claude: also make guard the shell Claude Code runs Bash commands with (CLAUDE_CODE_SHELL)")
	rcShell := fs.String("shell", "", "aider: the `SHELL` whose rc file gets aider's wrapper: bash, zsh or fish (default: from $SHELL)")
	rcFile := fs.String("rc", "", "aider: the rc `file` to change (default: ~/.bashrc, ~/.zshrc or ~/.config/fish/conf.d/guard.fish)")
	fs.Usage = func() {
		if verb == "install" {
			fmt.Fprint(g.stderr, `usage: guard install claude|cursor|codex|gemini|aider [--scope user|project] [--dry-run] [FLAGS]

Registers guard with an agent, changing only guard's own entry in its
settings: every other byte (hooks, keys, comments, layout) stays, a backup
of the old file is written beside it (FILE.guard.bak), and running it
again changes nothing. ~ is your home directory from the password
database: $HOME is ignored, so HOME=/tmp/x does not move the files below.
CLAUDE_CONFIG_DIR, CODEX_HOME and GEMINI_CLI_HOME do, as they do for the
agents.

  claude  ~/.claude/settings.json: a PreToolUse hook for Bash, failing
          closed ("onFailure": "block", Claude Code 2.1.295 and later),
          and PostToolUse hooks for the log; --shell-route also sets
          env.CLAUDE_CODE_SHELL to guard
  cursor  ~/.cursor/hooks.json: a beforeShellExecution hook, failClosed
  codex   ~/.codex/hooks.json: a PreToolUse hook for Bash (trust it in
          codex: /hooks, then t), and ~/.codex/rules/guard.rules for
          Codex's own prompts
  gemini  ~/.gemini/settings.json: a BeforeTool hook for run_shell_command
  aider   your shell's rc file: a wrapper that runs aider with SHELL set
          to guard (aider has no hooks; it runs every command with $SHELL)

--scope project writes the repository's files (.claude/settings.json, ...)
instead; aider has only the user scope.

Flags:
`)
		} else {
			fmt.Fprint(g.stderr, `usage: guard uninstall claude|cursor|codex|gemini|aider [--scope user|project] [--dry-run]

Takes guard out of an agent's settings: exactly the entries guard install
added (and the shell route, the Codex rules file, aider's rc block), so the
file comes back byte for byte; the backup install made is removed, and so
are the files and directories install created, once nothing else is in
them.

Flags:
`)
		}
		printFlags(g.stderr, fs)
		fmt.Fprintf(g.stderr, `
Examples:
  guard %[1]s claude --dry-run
  guard %[1]s claude
  guard %[1]s cursor --scope project

Exit status: 0 success, 64 usage error or a settings file guard cannot
read safely (nothing is written then), 70 when a file cannot be written.
`, verb)
	}
	// The agent may come before or after the flags.
	agent := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		agent, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if agent == "" && fs.NArg() > 0 {
		agent = fs.Arg(0)
		if err := parseFlags(fs, fs.Args()[1:]); err != nil {
			return g.flagError(fs, err)
		}
	}
	if agent == "" {
		return g.usageError(fs, "%s needs an agent: %s", verb, strings.Join(installAgents, ", "))
	}
	if fs.NArg() > 0 {
		return g.usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	known := false
	for _, a := range installAgents {
		known = known || a == agent
	}
	if !known {
		g.errorf("unknown agent %q (want %s)", agent, strings.Join(installAgents, ", "))
		return exitUsage
	}
	o := installOpts{agent: agent, scope: install.Scope(*scope), dryRun: *dryRun, json: *jsonOut, uninstall: verb == "uninstall", shellRoute: *shellRoute, rcShell: *rcShell, rcFile: *rcFile}
	switch o.scope {
	case install.User:
	case install.Project:
		if agent == "aider" {
			g.errorf("aider has no project settings guard can use; install it for your user")
			return exitUsage
		}
		d := *dir
		if d == "" {
			d = workDir()
		} else if _, err := existingDir(d); err != nil {
			return g.usageError(fs, "-C: %v", err)
		}
		abs, err := filepath.Abs(d)
		if err != nil || d == "" {
			g.errorf("cannot find the project directory")
			return exitUsage
		}
		o.root = config.ProjectRoot(abs)
	default:
		g.errorf("--scope must be user or project, not %q", *scope)
		return exitUsage
	}
	if o.shellRoute && agent != "claude" {
		g.errorf("--shell-route is for claude")
		return exitUsage
	}
	if (o.rcShell != "" || o.rcFile != "") && agent != "aider" {
		g.errorf("--shell and --rc are for aider")
		return exitUsage
	}
	if self := g.selfPath(); verb == "install" && strings.HasPrefix(self, filepath.Clean(os.TempDir())+string(filepath.Separator)) {
		g.warnf("this guard runs from a temporary directory (%s); agents will run that path, so install guard first (go install, or a release binary)", self)
	}
	changes, notes, err := g.planInstall(o, verb == "uninstall")
	if err != nil {
		if o.json {
			g.installJSON(o, nil, nil, err)
		}
		g.errorf("%v", err)
		return exitUsage
	}
	report, status := g.applyChanges(changes, o)
	if o.json {
		g.installJSON(o, report, notes, nil)
		return status
	}
	if status != exitOK {
		return status
	}
	if !o.dryRun {
		for _, n := range notes {
			fmt.Fprintln(g.stdout, n)
		}
	}
	return exitOK
}

// changeReport is one change in guard install --json.
type changeReport struct {
	Path string `json:"path"`
	// Action is write, create, remove, link, unlink or none.
	Action string `json:"action"`
	Target string `json:"target,omitempty"`
	Backup string `json:"backup,omitempty"`
	Diff   string `json:"diff,omitempty"`
	Error  string `json:"error,omitempty"`
}

// installJSON writes guard install's or uninstall's report as JSON.
func (g *guard) installJSON(o installOpts, changes []changeReport, notes []string, err error) {
	out := struct {
		Command string         `json:"command"`
		Agent   string         `json:"agent"`
		Scope   string         `json:"scope"`
		DryRun  bool           `json:"dry_run"`
		OK      bool           `json:"ok"`
		Error   string         `json:"error,omitempty"`
		Changes []changeReport `json:"changes"`
		Notes   []string       `json:"notes"`
	}{Command: "install", Agent: o.agent, Scope: string(o.scope), DryRun: o.dryRun, OK: err == nil, Changes: changes, Notes: notes}
	if o.uninstall {
		out.Command = "uninstall"
	}
	if err != nil {
		out.Error = err.Error()
	}
	for _, c := range changes {
		if c.Error != "" {
			out.OK = false
		}
	}
	if out.Changes == nil {
		out.Changes = []changeReport{}
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	enc := json.NewEncoder(g.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}

// change is one file guard install or uninstall writes, removes or links.
type change struct {
	path     string
	old, new []byte
	remove   bool   // delete the file
	link     string // make path a symbolic link to link
	unlink   bool   // remove the symbolic link at path
}

func (c change) noop() bool {
	switch {
	case c.link != "":
		cur, err := os.Readlink(c.path)
		return err == nil && cur == c.link
	case c.unlink:
		_, err := os.Lstat(c.path)
		return errors.Is(err, fs.ErrNotExist)
	case c.remove:
		return c.old == nil
	}
	return bytes.Equal(c.old, c.new)
}

// manifestFile is where guard remembers the files install created.
func manifestFile(p config.Paths) string { return filepath.Join(p.State, "installed.json") }

// applyChanges writes the changes, or shows them for --dry-run. Files and
// directories install creates are recorded in the manifest; uninstall
// gives a file back without a backup, removes the backup install made,
// and removes the files and directories install created once they hold
// nothing else.
func (g *guard) applyChanges(changes []change, o installOpts) ([]changeReport, int) {
	w := g.stdout
	if o.json {
		w = io.Discard
	}
	var report []changeReport
	man := &install.Manifest{}
	if paths, err := g.paths(); err == nil {
		if m, err := install.LoadManifest(manifestFile(paths)); err == nil {
			man = m
		}
	}
	fail := func(r changeReport, err error) ([]changeReport, int) {
		r.Error = err.Error()
		report = append(report, r)
		if !o.json {
			g.errorf("%v", err)
		}
		return report, exitInternal
	}
	for _, c := range changes {
		r := changeReport{Path: c.path, Action: "write", Target: c.link}
		if c.noop() {
			r.Action = "none"
			report = append(report, r)
			fmt.Fprintf(w, "%s: nothing to change\n", c.path)
			continue
		}
		created := install.MissingDirs(c.path)
		_, statErr := os.Lstat(c.path)
		isNew := errors.Is(statErr, fs.ErrNotExist)
		removeCreated := o.uninstall && !c.remove && !c.unlink && c.link == "" && man.Has(c.path) && install.EmptyObject(c.new)
		switch {
		case c.link != "":
			r.Action = "link"
		case c.unlink:
			r.Action = "unlink"
		case c.remove || removeCreated:
			r.Action = "remove"
		case isNew:
			r.Action = "create"
		}
		if o.dryRun {
			switch r.Action {
			case "link":
				fmt.Fprintf(w, "would link %s -> %s\n", c.path, c.link)
			case "unlink":
				fmt.Fprintf(w, "would remove the link %s\n", c.path)
			case "remove":
				fmt.Fprintf(w, "would remove %s\n", c.path)
				r.Diff = install.Diff(c.path, c.old, nil)
			default:
				r.Diff = install.Diff(c.path, c.old, c.new)
			}
			fmt.Fprint(w, r.Diff)
			report = append(report, r)
			continue
		}
		switch r.Action {
		case "link":
			// The link lives in guard's own state directory: 0700.
			if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
				return fail(r, err)
			}
			tmp := c.path + ".guard-tmp"
			os.Remove(tmp)
			if err := os.Symlink(c.link, tmp); err != nil {
				return fail(r, err)
			}
			if err := os.Rename(tmp, c.path); err != nil {
				os.Remove(tmp)
				return fail(r, err)
			}
			fmt.Fprintf(w, "linked %s -> %s\n", c.path, c.link)
		case "unlink":
			if err := os.Remove(c.path); err != nil {
				return fail(r, err)
			}
			man.Drop(c.path)
			fmt.Fprintf(w, "removed the link %s\n", c.path)
		case "remove":
			if o.uninstall {
				// What guard wrote entirely, or created and now holds
				// nothing: it goes, with its backup.
				if err := os.Remove(c.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return fail(r, err)
				}
				os.Remove(c.path + install.BackupSuffix)
				man.Drop(c.path)
				fmt.Fprintf(w, "removed %s\n", c.path)
				break
			}
			backup, err := install.RemoveFile(c.path)
			if err != nil {
				return fail(r, err)
			}
			r.Backup = backup
			fmt.Fprintf(w, "removed %s%s\n", c.path, backupNote(backup))
		default:
			if o.uninstall && !isNew {
				if err := install.Restore(c.path, c.new); err != nil {
					return fail(r, err)
				}
				fmt.Fprintf(w, "wrote %s\n", c.path)
				break
			}
			backup, err := install.WriteFile(c.path, c.new, 0o644)
			if err != nil {
				return fail(r, err)
			}
			r.Backup = backup
			fmt.Fprintf(w, "wrote %s%s\n", c.path, backupNote(backup))
		}
		if !o.uninstall && (isNew || r.Action == "link") {
			for _, d := range created {
				man.Add(d)
			}
			if isNew {
				man.Add(c.path)
			}
		}
		report = append(report, r)
	}
	if o.dryRun {
		fmt.Fprintln(w, "dry run: nothing was written")
		return report, exitOK
	}
	if o.uninstall {
		man.RemoveCreatedDirs()
	}
	if _, err := g.paths(); err == nil {
		if err := man.Save(); err != nil {
			g.warnf("cannot record what guard created: %v", err)
		}
	}
	return report, exitOK
}

// hookCommand is the command line an agent runs for guard's hook.
func (g *guard) hookCommand(agent string) string {
	return shQuote(g.selfPath()) + " hook " + agent
}

// ownsHook returns a test for guard's own hook handlers: a command that
// runs a guard binary (by name, or this very file) with "hook AGENT",
// whatever path or version it names.
func ownsHook(agent, home string) func(string) bool {
	return install.OwnsHook(agent, home, executable())
}

// shellRouteLink is the bash-named link to guard that Claude Code's
// CLAUDE_CODE_SHELL points at.
func shellRouteLink(p config.Paths) string { return p.ShellLink() }

// jsonChange reads a JSON settings file and applies edit to it.
func jsonChange(path string, edit func([]byte) ([]byte, error)) (change, error) {
	old, _, err := install.ReadFile(path)
	if err != nil {
		return change{}, err
	}
	c := change{path: path, old: old}
	c.new, err = edit(old)
	if err != nil {
		return change{}, fmt.Errorf("%s: %v; guard changed nothing: fix the file, or add guard's entry by hand (see examples/)", path, err)
	}
	return c, nil
}

// planInstall works out the changes for guard install or uninstall, and
// the notes that tell the person what happens next.
func (g *guard) planInstall(o installOpts, remove bool) ([]change, []string, error) {
	home, err := homeDir()
	if err != nil {
		return nil, nil, err
	}
	paths := config.For(home)
	ours := ownsHook(o.agent, home)
	cmd := g.hookCommand(o.agent)
	path := install.SettingsFile(o.agent, o.scope, home, o.root, os.Getenv)
	edit := func(h install.Hook) func([]byte) ([]byte, error) {
		if remove {
			return h.Remove
		}
		return h.Add
	}
	var changes []change
	var notes []string
	add := func(c change, err error) error {
		if err == nil {
			changes = append(changes, c)
		}
		return err
	}
	uninstallNote := fmt.Sprintf("Remove it with: guard uninstall %s%s", o.agent, scopeFlag(o.scope))
	switch o.agent {
	case "claude":
		failClosed := true
		if !remove {
			var warn string
			failClosed, warn = claudeFailClosed()
			if warn != "" {
				g.warnf("%s", warn)
			}
		}
		link := shellRouteLink(paths)
		hooks := append([]install.Hook{install.ClaudeHook(cmd, failClosed, ours)}, install.ClaudeAfterHooks(cmd, ours)...)
		c, err := jsonChange(path, func(data []byte) ([]byte, error) {
			var err error
			if remove {
				// In the reverse order of install, so that the file comes
				// back exactly.
				if v, ok, _ := install.GetKey(data, "env", "CLAUDE_CODE_SHELL"); ok && v == link {
					if data, err = install.DeleteKey(data, "env", "CLAUDE_CODE_SHELL"); err != nil {
						return nil, err
					}
				}
				for i := len(hooks) - 1; i >= 0; i-- {
					if data, err = hooks[i].Remove(data); err != nil {
						return nil, err
					}
				}
				return data, nil
			}
			for _, h := range hooks {
				if data, err = h.Add(data); err != nil {
					return nil, err
				}
			}
			if o.shellRoute {
				return install.SetKey(data, link, "env", "CLAUDE_CODE_SHELL")
			}
			return data, nil
		})
		if err != nil {
			return nil, nil, err
		}
		changes = append(changes, c)
		if o.shellRoute {
			changes = append(changes, change{path: link, link: g.selfPath()})
		} else if remove && o.scope == install.User {
			if _, err := os.Lstat(link); err == nil {
				changes = append(changes, change{path: link, unlink: true})
			}
		}
		notes = append(notes,
			"Claude Code now asks you before each Bash command guard flags, showing guard's reason in its own",
			"permission dialog, and refuses commands guard denies, telling the model why. Commands guard finds",
			"safe are left to your own permission settings. Restart Claude Code (or review the change in /hooks).",
			"claude --bare and --safe-mode run no hooks; guard doctor checks the rest of the wiring.")
		if o.shellRoute {
			notes = append(notes, "Claude Code also runs every Bash command with guard as its shell ("+link+").")
		} else {
			notes = append(notes, "For a second line of defence, --shell-route also makes guard the shell Claude Code runs commands with.")
		}
	case "cursor":
		if err := add(jsonChange(path, editAll(remove, install.CursorHook(cmd, ours), install.CursorFileHook(cmd, ours)))); err != nil {
			return nil, nil, err
		}
		notes = append(notes,
			"Cursor now asks you before each command guard flags (user_message shows guard's reason) and refuses",
			"commands guard denies; if guard's hook fails, the command is blocked (failClosed). Restart Cursor.")
	case "codex":
		if err := add(jsonChange(path, edit(install.CodexHook(cmd, ours)))); err != nil {
			return nil, nil, err
		}
		rules := install.CodexRulesFile(o.scope, home, o.root, os.Getenv)
		old, _, err := install.ReadFile(rules)
		if err != nil {
			return nil, nil, err
		}
		ourFile := old == nil || bytes.HasPrefix(old, []byte(codexrules.Header))
		switch {
		case remove && old != nil && ourFile:
			changes = append(changes, change{path: rules, old: old, remove: true})
		case !remove && !ourFile:
			g.warnf("%s was not written by guard; left as it is (guard export codex -o FILE writes another)", rules)
		case !remove:
			cfg, err := g.config(workDir())
			if err != nil {
				return nil, nil, err
			}
			changes = append(changes, change{path: rules, old: old, new: []byte(codexrules.Generate(cfg.Rules))})
		}
		notes = append(notes,
			"Codex hooks can only block: commands guard flags or denies are refused, and the model is told to",
			"ask you to run them yourself.",
			"Codex skips a new or changed hook, without a word, until you trust it: open codex, type /hooks,",
			"select guard's PreToolUse hook and press t. guard doctor tells you whether it is trusted.",
			"Until then, and wherever hooks are off, the rules in "+rules,
			"make Codex itself ask you before the commands a prefix can describe.",
			"If guard's binary is missing, crashes or times out, Codex runs the command: keep guard where the hook points.")
	case "gemini":
		if err := add(jsonChange(path, edit(install.GeminiHook(cmd, ours)))); err != nil {
			return nil, nil, err
		}
		notes = append(notes,
			"Gemini CLI hooks can only block: commands guard flags or denies are refused with guard's reason,",
			"and the model is told to ask you to run them yourself. Restart Gemini CLI. Its hooksConfig.enabled",
			"= false, or guard in hooksConfig.disabled (/hooks disable guard), turns the hook off: guard doctor",
			"checks both. If guard's binary crashes or times out, Gemini CLI runs the command.")
	case "aider":
		shell := o.rcShell
		if shell == "" {
			shell = filepath.Base(os.Getenv("SHELL"))
			if !validRCShell(shell) {
				shell = "bash"
			}
		}
		if !validRCShell(shell) {
			return nil, nil, fmt.Errorf("--shell must be bash, zsh or fish, not %q", shell)
		}
		rc := o.rcFile
		switch {
		case rc != "":
			if !filepath.IsAbs(rc) {
				if rc, err = filepath.Abs(rc); err != nil {
					return nil, nil, err
				}
			}
		case shell == "fish":
			rc = filepath.Join(home, ".config", "fish", "conf.d", "guard.fish")
		default:
			rc = filepath.Join(home, "."+shell+"rc")
		}
		path = rc
		old, _, err := install.ReadFile(rc)
		if err != nil {
			return nil, nil, err
		}
		c := change{path: rc, old: old}
		if remove {
			c.new = install.RemoveBlock(old)
			if old != nil && len(bytes.TrimSpace(c.new)) == 0 && !bytes.Equal(c.new, old) && shell == "fish" && o.rcFile == "" {
				c = change{path: rc, old: old, remove: true}
			}
		} else {
			body := fmt.Sprintf("# Added by guard install aider; remove with guard uninstall aider.\n%s", rcAider(shell, g.selfPath()))
			c.new = install.SetBlock(old, body)
		}
		changes = append(changes, c)
		notes = append(notes,
			"Open a new shell (or source "+rc+"): aider then runs each command through guard, which asks",
			"you on your terminal before anything it flags and refuses what it denies.")
	}
	if remove {
		notes = []string{"guard is no longer registered with " + o.agent + " in " + path + "."}
	} else {
		notes = append(notes, uninstallNote)
	}
	return changes, notes, nil
}

func scopeFlag(s install.Scope) string {
	if s == install.Project {
		return " --scope project"
	}
	return ""
}

var versionRe = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`(\d+)\.(\d+)\.(\d+)`) }}

// claudeFailClosed reports whether guard's Claude Code hook may carry
// "onFailure": "block": yes unless the claude on PATH reports a version
// older than the one that added it, because an older Claude Code may
// reject a settings file with a key it does not know. The warning says
// what that means.
func claudeFailClosed() (bool, string) {
	p, err := exec.LookPath("claude")
	if err != nil {
		return true, ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, p, "--version").Output()
	m := versionRe.Get().FindStringSubmatch(string(out))
	if err != nil || m == nil {
		return true, ""
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	for i := range v {
		if v[i] != claudeOnFailure[i] {
			if v[i] > claudeOnFailure[i] {
				return true, ""
			}
			return false, fmt.Sprintf("Claude Code %s is older than %d.%d.%d, which added \"onFailure\": \"block\"; guard's hook is registered without it, so if the hook itself fails the command runs. Upgrade Claude Code and run guard install claude again.",
				m[0], claudeOnFailure[0], claudeOnFailure[1], claudeOnFailure[2])
		}
	}
	return true, ""
}

// editAll applies, or with remove takes back in reverse order, several
// hooks in one settings file.
func editAll(remove bool, hooks ...install.Hook) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		var err error
		if remove {
			for i := len(hooks) - 1; i >= 0; i-- {
				if data, err = hooks[i].Remove(data); err != nil {
					return nil, err
				}
			}
			return data, nil
		}
		for _, h := range hooks {
			if data, err = h.Add(data); err != nil {
				return nil, err
			}
		}
		return data, nil
	}
}
