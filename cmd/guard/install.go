package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/codexrules"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/install"
)

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
		return g.usageError(fs, "%s needs an agent: %s", verb, strings.Join(install.Agents, ", "))
	}
	if fs.NArg() > 0 {
		return g.usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	known := false
	for _, a := range install.Agents {
		known = known || a == agent
	}
	if !known {
		g.errorf("unknown agent %q (want %s)", agent, strings.Join(install.Agents, ", "))
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
	plan, err := g.planInstall(o)
	if err != nil {
		if o.json {
			g.installJSON(o, nil, nil, err)
		}
		g.errorf("%v", err)
		return exitUsage
	}
	ao := install.ApplyOptions{Out: g.stdout, DryRun: o.dryRun, Warn: g.warn}
	if o.json {
		ao.Out = io.Discard
	}
	if paths, err := g.paths(); err == nil {
		ao.Manifest = install.ManifestFile(paths.State)
	}
	report, err := plan.Apply(ao)
	status := exitOK
	if err != nil {
		if !o.json {
			g.errorf("%v", err)
		}
		status = exitInternal
	}
	if o.json {
		g.installJSON(o, report, plan.Notes, nil)
		return status
	}
	if status != exitOK {
		return status
	}
	if !o.dryRun {
		for _, n := range plan.Notes {
			fmt.Fprintln(g.stdout, n)
		}
	}
	return exitOK
}

// installJSON writes guard install's or uninstall's report as JSON.
func (g *guard) installJSON(o installOpts, changes []install.Report, notes []string, err error) {
	out := struct {
		Command string           `json:"command"`
		Agent   string           `json:"agent"`
		Scope   string           `json:"scope"`
		DryRun  bool             `json:"dry_run"`
		OK      bool             `json:"ok"`
		Error   string           `json:"error,omitempty"`
		Changes []install.Report `json:"changes"`
		Notes   []string         `json:"notes"`
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
		out.Changes = []install.Report{}
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	enc := json.NewEncoder(g.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}

// planInstall works out the changes for guard install or uninstall,
// with what only the guard binary knows: its path, its configuration
// (for the Codex rules file) and its messages.
func (g *guard) planInstall(o installOpts) (*install.Plan, error) {
	home, err := homeDir()
	if err != nil {
		return nil, err
	}
	return install.Prepare(install.Options{
		Agent:      o.agent,
		Scope:      o.scope,
		Root:       o.root,
		Home:       home,
		Remove:     o.uninstall,
		ShellRoute: o.shellRoute,
		RCShell:    o.rcShell,
		RCFile:     o.rcFile,
		Guard:      g.selfPath(),
		Self:       executable(),
		Command:    g.hookCommand(o.agent),
		ShellLink:  config.For(home).ShellLink(),
		Getenv:     os.Getenv,
		Warn:       g.warn,
		CodexRules: func() (string, error) {
			cfg, err := g.config(workDir())
			if err != nil {
				return "", err
			}
			return codexrules.Generate(cfg.Rules), nil
		},
		Aider: func(shell string) string { return rcAider(shell, g.selfPath()) },
	})
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
