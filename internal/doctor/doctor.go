package doctor

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/codexrules"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/program"
	"github.com/guardsh/guard/internal/safefile"
	"github.com/guardsh/guard/internal/sock"
)

// A Check is one line of guard doctor's report. A problem is anything
// that leaves an agent unguarded or guard unable to work.
type Check struct {
	// Level is OK, Note (worth knowing, not a problem) or Problem.
	Level Level  `json:"level"`
	What  string `json:"what"`
	// Where is the file, directory or setting the check is about, or "".
	Where   string `json:"where,omitempty"`
	Message string `json:"message"`
	// Fix says what to run or change, for notes and problems.
	Fix string `json:"fix,omitempty"`
}

// A Level says how much a check matters.
type Level string

// The levels of a check.
const (
	OK      Level = "ok"
	Note    Level = "note"
	Problem Level = "problem"
)

// Env is what the checks need from the guard binary that runs them. The
// functions are called only while Run runs; a nil VerifyLog means this
// build has no decision log.
type Env struct {
	// Self is the resolved path of the running guard binary, or "" when
	// it cannot be found; Version is its version.
	Self, Version string
	// Dir is the working directory, or "" when it cannot be known.
	Dir string
	// HardenedFile is where the hardened set-up is described.
	HardenedFile string

	// Home returns the user's home directory from the password database.
	Home func() (string, error)
	// Config loads guard's configuration for dir, keeping its problems
	// (which the config checks report) off stderr.
	Config func(dir string) (*config.Config, error)
	// Hardened returns the hardened set-up, or nil for none.
	Hardened func() *config.Hardened
	// VerifyLog runs guard log --verify and returns its exit status and
	// output.
	VerifyLog func() (status int, output string)
}

// runner runs the checks in one Env.
type runner struct {
	Env
}

// Run runs every check, in the order guard doctor reports them. It stops
// early when the home directory or the configuration cannot be found.
func Run(env Env) []Check {
	r := &runner{env}
	var checks []Check
	add := func(c Check) { checks = append(checks, c) }

	self := r.Self
	binary := Check{What: "guard", Where: self, Level: "ok", Message: "version " + r.Version}
	if self == "" {
		binary = Check{What: "guard", Level: "problem", Message: "cannot find its own binary", Fix: "run guard by its full path"}
	} else if strings.HasPrefix(self, filepath.Clean(os.TempDir())+string(filepath.Separator)) {
		binary.Level, binary.Message, binary.Fix = "note", "runs from a temporary directory", "install guard (go install or a release binary) and run guard install again"
	}
	add(binary)

	home, err := r.Home()
	if err != nil {
		add(Check{What: "home", Level: "problem", Message: err.Error(), Fix: "guard needs the user's home directory from the password database"})
		return checks
	}
	dir := r.Dir

	cfg, err := r.Config(dir)
	if err != nil {
		add(Check{What: "config", Level: "problem", Message: err.Error(), Fix: "this is a bug in guard's embedded rules; reinstall guard"})
		return checks
	}
	for _, c := range configChecks(cfg) {
		add(c)
	}
	for _, c := range r.agentChecks(home, dir, cfg) {
		add(c)
	}
	for _, c := range r.shimChecks(cfg.Paths) {
		add(c)
	}
	add(approverCheck(cfg.Paths))
	add(tiocstiCheck())
	add(r.hardenedCheck())
	if c, ok := stateDirCheck(cfg.Paths); ok {
		add(c)
	}
	add(r.logCheck())
	return checks
}

func configChecks(cfg *config.Config) []Check {
	var out []Check
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
		out = append(out, Check{What: "config", Where: where, Level: "problem", Message: msg,
			Fix: "edit the file; the embedded rules stay in force until then"})
	}
	for _, f := range files {
		if bad[f] {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			continue
		}
		out = append(out, Check{What: "config", Where: f, Level: "ok", Message: "parses"})
	}
	out = append(out, Check{What: "rules", Level: "ok", Message: fmt.Sprintf("%d rules in force", len(cfg.Rules.Rules()))})
	return out
}

// registrationCheck checks guard's handlers in one settings file.
func (r *runner) registrationCheck(what, path, agent string, found []install.Found, home, self string) Check {
	c := Check{What: what, Where: path, Level: "ok", Message: "registered"}
	fix := "guard install " + agent
	if strings.Contains(what, "project") {
		fix += " --scope project"
	}
	h := found[0].Handler
	bin := r.commandBinary(h.String("command"), home)
	switch {
	case len(found) > 1:
		c.Level, c.Message, c.Fix = "problem", fmt.Sprintf("guard is registered %d times", len(found)), fix+" (keeps one)"
	case bin == "":
		c.Level, c.Message, c.Fix = "problem", "cannot tell which program the hook runs: "+h.String("command"), fix
	case !program.Executable(bin):
		c.Level, c.Message, c.Fix = "problem", "the hook runs "+bin+", which does not exist", fix
	case self != "" && !program.SameFile(bin, self):
		c.Level, c.Message, c.Fix = "problem", "the hook runs "+bin+", not this guard ("+self+")", fix+" (or run doctor with the guard you mean)"
	}
	if c.Level != "ok" {
		return c
	}
	switch agent {
	case "claude":
		if matcherCheck(&c, agent, found[0].Matcher, fix) {
		} else if v, _ := h.Get("onFailure"); v != "block" {
			c.Level, c.Message, c.Fix = "note", "registered, but fails open: a hook that fails lets the command run", "upgrade Claude Code to 2.1.295 or later and run "+fix
		} else {
			c.Message = "registered, fails closed (claude --bare and --safe-mode skip hooks)"
		}
	case "cursor":
		if v, _ := h.Get("failClosed"); v != true {
			c.Level, c.Message, c.Fix = "problem", "registered without failClosed: a hook that fails lets the command run", fix
		} else {
			c.Message = "registered, fails closed"
		}
	case "codex":
		if !matcherCheck(&c, agent, found[0].Matcher, fix) {
			c.Message = "registered"
		}
	case "gemini":
		if !matcherCheck(&c, agent, found[0].Matcher, fix) {
			c.Message = "registered (a missing guard binary blocks; a crash or timeout lets the command run)"
		}
	}
	return c
}

// commandBinary returns the absolute program a hook command runs.
func (r *runner) commandBinary(cmd, home string) string {
	for _, inv := range parse.Command(cmd, parse.Options{Home: home}) {
		argv := inv.Argv()
		if len(argv) == 0 {
			continue
		}
		if filepath.IsAbs(argv[0]) {
			return argv[0]
		}
		if p, err := program.Find(argv[0], os.Getenv("PATH"), nil, ""); err == nil {
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

func codexRulesCheck(path, want string, scope install.Scope) Check {
	c := Check{What: "codex rules", Where: path, Level: "ok", Message: "up to date"}
	data, exists, err := install.ReadFile(path)
	switch {
	case err != nil:
		c.Level, c.Message, c.Fix = "problem", err.Error(), readFix(err)
	case !exists:
		c.Level, c.Message, c.Fix = "note", "missing: Codex's own prompts do not know guard's rules", "guard install codex"+install.ScopeFlag(scope)
	case !bytes.HasPrefix(data, []byte(codexrules.Header)):
		c.Level, c.Message = "note", "not written by guard"
	case string(data) != want:
		c.Level, c.Message, c.Fix = "note", "out of date with guard's rules", "guard install codex"+install.ScopeFlag(scope)
	}
	return c
}

// aiderChecks looks for guard's aider wrapper in the usual rc files.
func aiderChecks(home, self string) []Check {
	var out []Check
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
		c := Check{What: "aider", Where: rc, Level: "ok", Message: "aider runs its commands with guard as SHELL"}
		bin := ""
		if i := strings.Index(body, "SHELL="); i >= 0 {
			f := strings.Fields(body[i+len("SHELL="):])
			if len(f) > 0 {
				bin = strings.Trim(f[0], `'"`)
			}
		}
		switch {
		case bin == "" || !program.Executable(bin):
			c.Level, c.Message, c.Fix = "problem", "the wrapper names a guard that does not exist: "+bin, "guard install aider"
		case self != "" && !program.SameFile(bin, self):
			c.Level, c.Message, c.Fix = "problem", "the wrapper runs "+bin+", not this guard", "guard install aider"
		}
		out = append(out, c)
	}
	return out
}

func (r *runner) shimChecks(p config.Paths) []Check {
	dir := filepath.Join(p.State, "shims")
	list, err := program.Shims(dir, r.Self)
	if err != nil {
		return []Check{{What: "shims", Where: dir, Level: "problem", Message: err.Error(), Fix: "check the directory's permissions"}}
	}
	if len(list) == 0 {
		return []Check{{What: "shims", Where: dir, Level: "ok", Message: "none (guard shim add NAME runs one CLI through guard)"}}
	}
	var out []Check
	on := program.OnPath(dir)
	if !on {
		out = append(out, Check{What: "shims", Where: dir, Level: "note", Message: "not on this shell's PATH, so the shims are not used here",
			Fix: "add the output of guard init bash (or zsh, fish) to your rc file"})
	}
	for _, s := range list {
		c := Check{What: "shim " + s.Name, Where: filepath.Join(dir, s.Name), Level: "ok", Message: "runs " + s.Real}
		if s.Problem != "" {
			c.Level, c.Message, c.Fix = "problem", s.Problem, "guard shim add "+s.Name+", or guard shim remove "+s.Name
		} else if first := program.ShadowedBy(s.Name, dir); on && first != "" {
			// The shim is on PATH but never found: it looks on and is off.
			c.Level, c.Message = "problem", "PATH finds "+first+" before the shim, so "+s.Name+" runs unguarded in this shell"
			c.Fix = "put " + dir + " first on PATH (guard init bash, or zsh, fish, at the end of your rc file)"
		}
		out = append(out, c)
	}
	return out
}

// approverCheck looks for a running approver: a socket in guard's runtime
// directory that accepts a connection.
func approverCheck(p config.Paths) Check {
	c := Check{What: "approver", Where: p.Runtime, Level: "note", Message: "not running: headless agents cannot get a confirmation",
		Fix: "start guard approve in a terminal you own when an agent runs without one"}
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
		return Check{What: "approver", Where: path, Level: "ok", Message: "reachable"}
	}
	return c
}

// logCheck runs guard log --verify, when this build has it.
func (r *runner) logCheck() Check {
	if r.VerifyLog == nil {
		return Check{What: "log", Level: "note", Message: "this build of guard has no decision log to verify"}
	}
	status, out := r.VerifyLog()
	last := strings.TrimSpace(out)
	if i := strings.LastIndexByte(last, '\n'); i >= 0 {
		last = last[i+1:]
	}
	switch status {
	case 0:
		return Check{What: "log", Level: "ok", Message: "verifies" + suffix(last)}
	case 1:
		return Check{What: "log", Level: "problem", Message: "does not verify" + suffix(last),
			Fix: "the log was changed or damaged; guard log --verify shows where"}
	}
	return Check{What: "log", Level: "problem", Message: fmt.Sprintf("guard log --verify failed with status %d%s", status, suffix(last)),
		Fix: "run guard log --verify"}
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

// stateDirCheck notes a state directory (the log, the shell link, the
// notes of asked commands) that other users can read or enter.
func stateDirCheck(p config.Paths) (Check, bool) {
	st, err := os.Stat(p.State)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return Check{}, false
	}
	return Check{What: "state", Where: p.State, Level: "note",
		Message: fmt.Sprintf("mode %04o: other users can read guard's log and notes", st.Mode().Perm()), Fix: "chmod 700 " + p.State}, true
}

// ownsHook returns a test for guard's own hook handlers for agent.
func (r *runner) ownsHook(agent, home string) func(string) bool {
	return install.OwnsHook(agent, home, r.Self)
}
