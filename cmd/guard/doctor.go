package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/safefile"
	"github.com/guardsh/guard/internal/sock"
)

// A check is one line of guard doctor's report. A "problem" is anything
// that leaves an agent unguarded or guard unable to work.
type check struct {
	what, where string
	// level is "ok", "note" (worth knowing, not a problem) or "problem".
	level string
	msg   string
	// fix says what to run or change, for notes and problems.
	fix string
}

// checkJSON is a check in guard doctor --json.
type checkJSON struct {
	Level string `json:"level"`
	What  string `json:"what"`
	Where string `json:"where,omitempty"`
	Msg   string `json:"message"`
	Fix   string `json:"fix,omitempty"`
}

func runDoctor(g *guard, args []string) int {
	fs := newFlags("doctor")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard doctor [--json]

Checks guard's set-up and says how to fix each problem:
  - which agents guard is registered with, where (user and project
    settings, following CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME),
    whether each registration runs this guard binary and fails closed
    where the agent can, and the agent's installed version
  - the agents' own switches: Codex's hook trust and [features], Gemini
    CLI's hooksConfig, Claude Code's disableAllHooks (also in the
    project's settings), allowManagedHooksOnly and
    strictPluginOnlyCustomization in managed settings, and
    CLAUDE_CODE_SIMPLE or CLAUDE_CODE_SAFE_MODE in the environment,
    Gemini CLI's folder trust for the current folder
  - every shell route: CLAUDE_CODE_SHELL, CLAUDE_CODE_SHELL_PREFIX, the
    login shell, each link resolved
  - when each front door was last called, from the decision log
  - whether the config files parse
  - guard's shims: where they point, whether their directory is on PATH
  - whether the approver (guard approve) is reachable
  - whether the decision log verifies (guard log --verify)

~ is your home directory from the password database: $HOME is ignored.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard doctor
  guard doctor --json

Exit status: 0 no problems, 1 problems found (each with its fix; anything
that leaves an agent unguarded is a problem), 64 usage error.
`)
	}
	jsonOut := fs.Bool("json", false, "print the checks as JSON")
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() > 0 {
		return g.usageError(fs, "doctor takes no arguments, not %q", fs.Arg(0))
	}
	g.doctorJSON = *jsonOut
	var checks []check
	add := func(c check) { checks = append(checks, c) }

	self := executable()
	binary := check{what: "guard", where: self, level: "ok", msg: "version " + Version()}
	if self == "" {
		binary = check{what: "guard", level: "problem", msg: "cannot find its own binary", fix: "run guard by its full path"}
	} else if strings.HasPrefix(self, filepath.Clean(os.TempDir())+string(filepath.Separator)) {
		binary.level, binary.msg, binary.fix = "note", "runs from a temporary directory", "install guard (go install or a release binary) and run guard install again"
	}
	add(binary)

	home, err := homeDir()
	if err != nil {
		add(check{what: "home", level: "problem", msg: err.Error(), fix: "guard needs the user's home directory from the password database"})
		return g.report(checks)
	}
	dir := workDir()

	// Config: load it with its problems kept out of stderr.
	var cfgOut bytes.Buffer
	stderr := g.stderr
	g.stderr = &cfgOut
	cfg, err := g.config(dir)
	g.stderr = stderr
	if err != nil {
		add(check{what: "config", level: "problem", msg: err.Error(), fix: "this is a bug in guard's embedded rules; reinstall guard"})
		return g.report(checks)
	}
	for _, c := range g.configChecks(cfg) {
		add(c)
	}
	for _, c := range g.agentChecks(home, dir, cfg) {
		add(c)
	}
	for _, c := range shimChecks(cfg.Paths) {
		add(c)
	}
	add(approverCheck(cfg.Paths))
	add(tiocstiCheck())
	add(g.hardenedCheck())
	if c, ok := stateDirCheck(cfg.Paths); ok {
		add(c)
	}
	add(g.logCheck())
	return g.report(checks)
}

// report prints the checks and returns doctor's exit status.
func (g *guard) report(checks []check) int {
	problems := 0
	if g.doctorJSON {
		list := []checkJSON{}
		for _, c := range checks {
			if c.level == "problem" {
				problems++
			}
			list = append(list, checkJSON{Level: c.level, What: c.what, Where: c.where, Msg: c.msg, Fix: c.fix})
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			OK       bool        `json:"ok"`
			Problems int         `json:"problems"`
			Checks   []checkJSON `json:"checks"`
		}{problems == 0, problems, list})
		if problems > 0 {
			return exitFindings
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	for _, c := range checks {
		msg := c.msg
		if c.fix != "" {
			msg += "; fix: " + c.fix
		}
		if c.level == "problem" {
			problems++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.level, c.what, c.where, msg)
	}
	tw.Flush()
	if problems > 0 {
		fmt.Fprintf(g.stdout, "%d problem(s) found\n", problems)
		return exitFindings
	}
	fmt.Fprintln(g.stdout, "no problems found")
	return exitOK
}

func (g *guard) configChecks(cfg *config.Config) []check {
	var out []check
	files := []string{cfg.Paths.System, cfg.Paths.User}
	if cfg.Project != "" {
		files = append(files, cfg.Project)
	}
	bad := map[string]bool{}
	for _, e := range cfg.Problems {
		msg := e.Error()
		where := ""
		for _, f := range files {
			if strings.HasPrefix(msg, f) {
				where = f
				bad[f] = true
			}
		}
		out = append(out, check{what: "config", where: where, level: "problem", msg: msg,
			fix: "edit the file; the embedded rules stay in force until then"})
	}
	for _, f := range files {
		if bad[f] {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			continue
		}
		out = append(out, check{what: "config", where: f, level: "ok", msg: "parses"})
	}
	out = append(out, check{what: "rules", level: "ok", msg: fmt.Sprintf("%d rules in force", len(cfg.Rules.Rules()))})
	return out
}

// registrationCheck checks guard's handlers in one settings file.
func registrationCheck(what, path, agent string, found []install.Found, home, self string) check {
	c := check{what: what, where: path, level: "ok", msg: "registered"}
	fix := "guard install " + agent
	if strings.Contains(what, "project") {
		fix += " --scope project"
	}
	h := found[0].Handler
	bin := commandBinary(h.String("command"), home)
	switch {
	case len(found) > 1:
		c.level, c.msg, c.fix = "problem", fmt.Sprintf("guard is registered %d times", len(found)), fix+" (keeps one)"
	case bin == "":
		c.level, c.msg, c.fix = "problem", "cannot tell which program the hook runs: "+h.String("command"), fix
	case !isExecutable(bin):
		c.level, c.msg, c.fix = "problem", "the hook runs "+bin+", which does not exist", fix
	case self != "" && !sameFile(bin, self):
		c.level, c.msg, c.fix = "problem", "the hook runs "+bin+", not this guard ("+self+")", fix+" (or run doctor with the guard you mean)"
	}
	if c.level != "ok" {
		return c
	}
	switch agent {
	case "claude":
		if matcherCheck(&c, agent, found[0].Matcher, fix) {
		} else if v, _ := h.Get("onFailure"); v != "block" {
			c.level, c.msg, c.fix = "note", "registered, but fails open: a hook that fails lets the command run", "upgrade Claude Code to 2.1.295 or later and run "+fix
		} else {
			c.msg = "registered, fails closed (claude --bare and --safe-mode skip hooks)"
		}
	case "cursor":
		if v, _ := h.Get("failClosed"); v != true {
			c.level, c.msg, c.fix = "problem", "registered without failClosed: a hook that fails lets the command run", fix
		} else {
			c.msg = "registered, fails closed"
		}
	case "codex":
		if !matcherCheck(&c, agent, found[0].Matcher, fix) {
			c.msg = "registered"
		}
	case "gemini":
		if !matcherCheck(&c, agent, found[0].Matcher, fix) {
			c.msg = "registered (a missing guard binary blocks; a crash or timeout lets the command run)"
		}
	}
	return c
}

// commandBinary returns the absolute program a hook command runs.
func commandBinary(cmd, home string) string {
	for _, inv := range parse.Command(cmd, parse.Options{Home: home}) {
		argv := inv.Argv()
		if len(argv) == 0 {
			continue
		}
		if filepath.IsAbs(argv[0]) {
			return argv[0]
		}
		if p, err := findProgram(argv[0], os.Getenv("PATH"), nil, ""); err == nil {
			return p
		}
		return ""
	}
	return ""
}

// readFix is the advice for a settings file guard could not read: one
// that is not a regular file, or too large, needs replacing; any other
// error is most often the file's permissions.
func readFix(err error) string {
	if errors.Is(err, safefile.ErrRefused) {
		return "replace it with a regular file"
	}
	return "check the file's permissions"
}

func codexRulesCheck(path, want string, scope install.Scope) check {
	c := check{what: "codex rules", where: path, level: "ok", msg: "up to date"}
	data, exists, err := install.ReadFile(path)
	switch {
	case err != nil:
		c.level, c.msg, c.fix = "problem", err.Error(), readFix(err)
	case !exists:
		c.level, c.msg, c.fix = "note", "missing: Codex's own prompts do not know guard's rules", "guard install codex"+scopeFlag(scope)
	case !bytes.HasPrefix(data, []byte(codexRulesHeader)):
		c.level, c.msg = "note", "not written by guard"
	case string(data) != want:
		c.level, c.msg, c.fix = "note", "out of date with guard's rules", "guard install codex"+scopeFlag(scope)
	}
	return c
}

// aiderChecks looks for guard's aider wrapper in the usual rc files.
func aiderChecks(home, self string) []check {
	var out []check
	for _, rc := range []string{
		filepath.Join(home, ".bashrc"), filepath.Join(home, ".zshrc"),
		filepath.Join(home, ".config", "fish", "conf.d", "guard.fish"),
	} {
		data, _, err := install.ReadFile(rc)
		if err != nil {
			continue
		}
		body, ok := install.FindBlock(data)
		if !ok {
			continue
		}
		c := check{what: "aider", where: rc, level: "ok", msg: "aider runs its commands with guard as SHELL"}
		bin := ""
		if i := strings.Index(body, "SHELL="); i >= 0 {
			f := strings.Fields(body[i+len("SHELL="):])
			if len(f) > 0 {
				bin = strings.Trim(f[0], `'"`)
			}
		}
		switch {
		case bin == "" || !isExecutable(bin):
			c.level, c.msg, c.fix = "problem", "the wrapper names a guard that does not exist: "+bin, "guard install aider"
		case self != "" && !sameFile(bin, self):
			c.level, c.msg, c.fix = "problem", "the wrapper runs "+bin+", not this guard", "guard install aider"
		}
		out = append(out, c)
	}
	return out
}

func shimChecks(p config.Paths) []check {
	dir := filepath.Join(p.State, "shims")
	list, err := listShims(dir)
	if err != nil {
		return []check{{what: "shims", where: dir, level: "problem", msg: err.Error(), fix: "check the directory's permissions"}}
	}
	if len(list) == 0 {
		return []check{{what: "shims", where: dir, level: "ok", msg: "none (guard shim add NAME runs one CLI through guard)"}}
	}
	var out []check
	on := onPath(dir)
	if !on {
		out = append(out, check{what: "shims", where: dir, level: "note", msg: "not on this shell's PATH, so the shims are not used here",
			fix: "add the output of guard init bash (or zsh, fish) to your rc file"})
	}
	for _, s := range list {
		c := check{what: "shim " + s.Name, where: filepath.Join(dir, s.Name), level: "ok", msg: "runs " + s.Real}
		if s.Problem != "" {
			c.level, c.msg, c.fix = "problem", s.Problem, "guard shim add "+s.Name+", or guard shim remove "+s.Name
		} else if first := shadowedBy(s.Name, dir); on && first != "" {
			// The shim is on PATH but never found: it looks on and is off.
			c.level, c.msg = "problem", "PATH finds "+first+" before the shim, so "+s.Name+" runs unguarded in this shell"
			c.fix = "put " + dir + " first on PATH (guard init bash, or zsh, fish, at the end of your rc file)"
		}
		out = append(out, c)
	}
	return out
}

// approverCheck looks for a running approver: a socket in guard's runtime
// directory that accepts a connection.
func approverCheck(p config.Paths) check {
	c := check{what: "approver", where: p.Runtime, level: "note", msg: "not running: headless agents cannot get a confirmation",
		fix: "start guard approve in a terminal you own when an agent runs without one"}
	ents, err := os.ReadDir(p.Runtime)
	if err != nil {
		return c
	}
	for _, e := range ents {
		if e.Type()&fs.ModeSocket == 0 {
			continue
		}
		path := filepath.Join(p.Runtime, e.Name())
		conn, err := sock.Dial(path, 500*time.Millisecond)
		if err != nil {
			continue
		}
		conn.Close()
		return check{what: "approver", where: path, level: "ok", msg: "reachable"}
	}
	return c
}

// logCheck runs guard log --verify, when this build has it.
func (g *guard) logCheck() check {
	sc, ok := findSubcommand("log")
	if !ok {
		return check{what: "log", level: "note", msg: "this build of guard has no decision log to verify"}
	}
	var out bytes.Buffer
	lg := &guard{stdin: strings.NewReader(""), stdout: &out, stderr: &out, argv0: g.argv0}
	status := sc.run(lg, []string{"--verify"})
	last := strings.TrimSpace(out.String())
	if i := strings.LastIndexByte(last, '\n'); i >= 0 {
		last = last[i+1:]
	}
	switch status {
	case exitOK:
		return check{what: "log", level: "ok", msg: "verifies" + suffix(last)}
	case exitFindings:
		return check{what: "log", level: "problem", msg: "does not verify" + suffix(last),
			fix: "the log was changed or damaged; guard log --verify shows where"}
	}
	return check{what: "log", level: "problem", msg: fmt.Sprintf("guard log --verify failed with status %d%s", status, suffix(last)),
		fix: "run guard log --verify"}
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

// stateDirCheck notes a state directory (the log, the shell link, the
// notes of asked commands) that other users can read or enter.
func stateDirCheck(p config.Paths) (check, bool) {
	st, err := os.Stat(p.State)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return check{}, false
	}
	return check{what: "state", where: p.State, level: "note",
		msg: fmt.Sprintf("mode %04o: other users can read guard's log and notes", st.Mode().Perm()), fix: "chmod 700 " + p.State}, true
}
