package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/codexrules"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/hook"
	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/journal"
	"github.com/guardsh/guard/internal/program"
)

// guard doctor checks the live wiring of each agent, not only guard's
// entry in its files: the agent's version, its own switches that turn
// hooks off or leave them untrusted, the variables that move its
// configuration, every shell-route link, and when each front door was
// last called according to the decision log.

// agentHook returns guard's hook description for an agent (the command
// does not matter for finding it).
func (r *runner) agentHook(agent, home string) install.Hook {
	ours := r.ownsHook(agent, home)
	switch agent {
	case "claude":
		return install.ClaudeHook("", true, ours)
	case "cursor":
		return install.CursorHook("", ours)
	case "codex":
		return install.CodexHook("", ours)
	}
	return install.GeminiHook("", ours)
}

// agentProgram returns the command that starts an agent, and the npm
// package that ships it. It is a switch, not a map, so that no table is
// built when guard starts.
func agentProgram(agent string) (bin, pkg string, ok bool) {
	switch agent {
	case "claude":
		return "claude", "@anthropic-ai/claude-code", true
	case "codex":
		return "codex", "@openai/codex", true
	case "gemini":
		return "gemini", "@google/gemini-cli", true
	case "cursor":
		return "cursor-agent", "", true
	}
	return "", "", false
}

// agentVersion finds the installed version of an agent without running
// it: the package.json of the npm package the command on PATH belongs to,
// or a version in the path of a native install (~/.local/share/claude/
// versions/2.1.328).
func agentVersion(agent string) (bin, version string) {
	progBin, progPkg, ok := agentProgram(agent)
	if !ok {
		return "", ""
	}
	path, err := exec.LookPath(progBin)
	if err != nil {
		return "", ""
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return path, ""
	}
	for d := filepath.Dir(real); d != filepath.Dir(d); d = filepath.Dir(d) {
		if v, ok := hook.ParseVersion(filepath.Base(d)); ok && strings.Contains(d, "versions") {
			return path, v.String()
		}
		data, err := readSmall(filepath.Join(d, "package.json"), 1<<20)
		if err != nil {
			continue
		}
		var pkg struct{ Name, Version string }
		if json.Unmarshal(data, &pkg) == nil && pkg.Name == progPkg && progPkg != "" {
			return path, pkg.Version
		}
	}
	if v, ok := hook.ParseVersion(filepath.Base(real)); ok {
		return path, v.String()
	}
	return path, ""
}

func readSmall(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max))
}

// lastCalls reads the decision log once: for each front door (the log's
// channel, and "shell AGENT" for shell-mode commands an agent ran) the
// time it was last called.
func lastCalls(p config.Paths) map[string]time.Time {
	out := map[string]time.Time{}
	journal.Read(p.LogFile(), func(r *journal.Record) bool {
		t, err := time.Parse(time.RFC3339Nano, r.Time)
		if err != nil {
			return true
		}
		keys := []string{r.Channel}
		if r.Agent != "" && !strings.HasPrefix(r.Channel, "hook") {
			keys = append(keys, r.Channel+" "+r.Agent)
		}
		for _, k := range keys {
			if t.After(out[k]) {
				out[k] = t
			}
		}
		return true
	})
	return out
}

// ago says how long ago t was, roughly.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d minutes ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

// agentChecks reports guard's registration with each agent, in the user's
// settings and in the project's, and the live wiring around it.
func (r *runner) agentChecks(home, dir string, cfg *config.Config) []Check {
	self := r.Self
	type scoped struct {
		scope install.Scope
		root  string
	}
	scopes := []scoped{{install.User, ""}}
	if dir != "" {
		if root := config.ProjectRoot(dir); root != home {
			scopes = append(scopes, scoped{install.Project, root})
		}
	}
	calls := lastCalls(cfg.Paths)
	var out []Check
	seenChecks := map[string]bool{}
	for _, agent := range []string{"claude", "cursor", "codex", "gemini"} {
		registered := false
		for _, s := range scopes {
			path := install.SettingsFile(agent, s.scope, home, s.root, os.Getenv)
			what := agent + " (" + string(s.scope) + ")"
			data, exists, err := install.ReadFile(path)
			if err != nil {
				out = append(out, Check{What: what, Where: path, Level: "problem", Message: err.Error(), Fix: readFix(err)})
				continue
			}
			h := r.agentHook(agent, home)
			found, err := h.Find(data)
			if err != nil {
				out = append(out, Check{What: what, Where: path, Level: "problem", Message: "cannot read it: " + err.Error(),
					Fix: "fix the file (the agent may not read it either)"})
				continue
			}
			if len(found) == 0 {
				if exists || s.scope == install.User {
					c := Check{What: what, Where: path, Level: "note", Message: "guard is not registered",
						Fix: "guard install " + agent + install.ScopeFlag(s.scope) + " (if you use " + agent + ")"}
					if env := install.ConfigEnv(agent); env != "" && os.Getenv(env) != "" && s.scope == install.User {
						c.Message += " (" + env + " is set: " + agent + " reads its settings from there)"
					}
					out = append(out, c)
				}
				continue
			}
			registered = true
			reg := r.registrationCheck(what, path, agent, found, home, self)
			out = append(out, reg)
			if reg.Level == "ok" && (agent == "codex" || agent == "gemini") {
				out = append(out, r.hookBinaryRuns(what, found[0].Handler.String("command"), home, agent))
			}
			switch agent {
			case "claude":
				root := s.root
				if s.scope == install.User && len(scopes) > 1 {
					root = scopes[1].root
				}
				for _, c := range r.claudeChecks(what, path, data, home, s.scope, root) {
					// Both scopes read the project's files: say it once.
					if k := c.Where + "\x00" + c.Message; !seenChecks[k] {
						seenChecks[k] = true
						out = append(out, c)
					}
				}
			case "codex":
				out = append(out, r.codexChecks(what, path, data, home, calls)...)
				out = append(out, codexRulesCheck(install.CodexRulesFile(s.scope, home, s.root, os.Getenv), codexrules.Generate(cfg.Rules), s.scope))
			case "gemini":
				out = append(out, r.geminiChecks(what, path, data, home, s.root)...)
				userPath := install.SettingsFile(agent, install.User, home, "", os.Getenv)
				for _, c := range geminiTrustChecks(what, userPath, dir) {
					if k := c.Where + "\x00" + c.Message; !seenChecks[k] {
						seenChecks[k] = true
						out = append(out, c)
					}
				}
			}
			out = append(out, lastCallCheck(agent, path, calls))
		}
		if c, ok := agentVersionCheck(agent, registered); ok {
			out = append(out, c)
		}
	}
	out = append(out, r.shellRouteChecks(home, cfg.Paths, self, calls)...)
	out = append(out, aiderChecks(home, self)...)
	return out
}

// agentVersionCheck names the installed agent and its version.
func agentVersionCheck(agent string, registered bool) (Check, bool) {
	bin, v := agentVersion(agent)
	if bin == "" {
		return Check{}, false
	}
	c := Check{What: agent + " version", Where: bin, Level: "ok", Message: v}
	if v == "" {
		c.Level, c.Message = "note", "cannot tell the version"
	}
	switch agent {
	case "claude":
		if pv, ok := hook.ParseVersion(v); ok && pv.Less(hook.ClaudeAsksInEveryMode) {
			c.Level = "note"
			c.Message += fmt.Sprintf(": older than %s, the release guard checked; in bypassPermissions, auto and dontAsk modes guard blocks instead of asking", hook.ClaudeAsksInEveryMode)
			c.Fix = "upgrade Claude Code"
		} else if ok {
			c.Message += ": asks in every permission mode"
		}
	}
	if !registered && c.Level == "ok" {
		c.Message += " (guard is not registered with it)"
	}
	return c, true
}

// lastCallCheck says when the agent's hook last called guard.
func lastCallCheck(agent, path string, calls map[string]time.Time) Check {
	c := Check{What: agent + " hook", Where: path, Level: "ok"}
	installed := ""
	if st, err := os.Stat(path); err == nil {
		installed = "installed " + ago(st.ModTime()) + " and "
	}
	if t, ok := calls["hook "+agent]; ok {
		c.Message = installed + "last called " + ago(t)
		return c
	}
	c.Level, c.Message = "note", installed+"never called"
	switch agent {
	case "codex":
		c.Message += ": if Codex has not trusted it, open codex, type /hooks, press t"
	case "gemini":
		c.Message += ": run gemini once; if it is off, hooksConfig settings are the cause"
	default:
		c.Message += " yet"
	}
	return c
}

// hookBinaryRuns runs the hook's program with "version" to see that it
// starts: Codex and Gemini CLI run the command when the hook fails.
func (r *runner) hookBinaryRuns(what, command, home, agent string) Check {
	bin := r.commandBinary(command, home)
	c := Check{What: what, Where: bin, Level: "ok", Message: "guard's hook program runs"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "version")
	cmd.Stdin = nil
	if out, err := cmd.Output(); err != nil || !strings.Contains(string(out), "guard") {
		c.Level = "problem"
		c.Message = fmt.Sprintf("guard's hook program does not run (%v): %s runs every command unchecked when the hook fails", err, hook.Agent(agent).Title())
		c.Fix = "reinstall guard at that path, or guard install " + agent
	}
	return c
}

// codexChecks: Codex's own switches for guard's handler: trust, enabled,
// [features] hooks.
func (r *runner) codexChecks(what, path string, data []byte, home string, calls map[string]time.Time) []Check {
	var out []Check
	cfgPath := filepath.Join(filepath.Dir(path), "config.toml")
	cfg, _, err := install.ReadCodexConfig(cfgPath)
	if err != nil {
		return []Check{{What: what, Where: cfgPath, Level: "problem", Message: "cannot read it: " + err.Error(), Fix: "fix the file (Codex may not read it either)"}}
	}
	for _, k := range []string{"hooks", "codex_hooks"} {
		if v, ok := cfg.Features[k]; ok && v == false {
			out = append(out, Check{What: what, Where: cfgPath, Level: "problem", Message: "[features] " + k + " = false: Codex runs no hooks",
				Fix: "remove that line from " + cfgPath})
		}
	}
	out = append(out, r.codexAdminChecks(what, home)...)
	group, handler, h, ok := install.CodexPlace(data, r.ownsHook("codex", home))
	if !ok {
		return out
	}
	trust, key := install.CodexHandlerTrust(cfg, path, h, group, handler)
	c := Check{What: what, Where: cfgPath, Level: "ok", Message: "Codex trusts guard's hook"}
	never := ""
	if _, called := calls["hook codex"]; !called {
		never = " (never called)"
	}
	switch trust {
	case install.CodexUntrusted:
		c.Level, c.Message = "problem", "installed but not trusted"+never+": Codex skips the hook without a word"
		c.Fix = "open codex, type /hooks, press t on guard's PreToolUse hook (or run codex with --dangerously-bypass-hook-trust)"
	case install.CodexModified:
		c.Level, c.Message = "problem", "installed but not trusted: the hook changed since it was trusted"+never+", so Codex skips it"
		c.Fix = "open codex, type /hooks, press t on guard's PreToolUse hook"
	case install.CodexDisabled:
		c.Level, c.Message = "problem", "guard's hook is disabled in Codex ("+key+")"
		c.Fix = "open codex, type /hooks and enable guard's hook"
	}
	out = append(out, c)
	out = append(out, Check{What: what, Where: path, Level: "note",
		Message: "Codex runs the command if the hook is missing, crashes or times out, and no hook sees write_stdin; guard blocks exec_command sessions started without a command"})
	return out
}

// codexAdminDir is where Codex reads its administrator's files; tests
// point it elsewhere.
var codexAdminDir = install.CodexAdminDir

// codexAdminChecks: an administrator's files that leave guard's hook out
// of Codex whatever the user's files say: [features] hooks = false in
// requirements.toml or managed_config.toml, and allow_managed_hooks_only
// in requirements.toml unless guard's hook is itself registered there or
// in managed_config.toml.
func (r *runner) codexAdminChecks(what, home string) []Check {
	req, managed, err := install.ReadCodexAdmin(codexAdminDir)
	if err != nil {
		return []Check{{What: what, Where: codexAdminDir, Level: "problem", Message: "cannot read Codex's administrator files: " + err.Error(),
			Fix: "ask the administrator; Codex may refuse to start or ignore the hooks"}}
	}
	var out []Check
	reqPath := filepath.Join(codexAdminDir, "requirements.toml")
	if k := req.HooksOff(); k != "" {
		out = append(out, Check{What: what, Where: reqPath, Level: "problem",
			Message: "[features] " + k + " = false in the administrator's requirements: Codex runs no hooks, guard's included, and you cannot turn them on",
			Fix:     "ask the administrator to remove that line, or make guard the login shell Codex runs commands with (docs/agents.md#codex)"})
	}
	if k := managed.HooksOff(); k != "" {
		out = append(out, Check{What: what, Where: filepath.Join(codexAdminDir, "managed_config.toml"), Level: "problem",
			Message: "[features] " + k + " = false in the administrator's managed defaults: every Codex session starts with its hooks off",
			Fix:     "ask the administrator to remove that line"})
	}
	if req != nil && req.ManagedOnly != nil && *req.ManagedOnly {
		owns := r.ownsHook("codex", home)
		if !req.HasPreToolUse(owns) && !managed.HasPreToolUse(owns) {
			out = append(out, Check{What: what, Where: reqPath, Level: "problem",
				Message: "allow_managed_hooks_only = true: Codex ignores the user's and the project's hooks, guard's included",
				Fix:     "register guard's PreToolUse hook in " + reqPath + " ([[hooks.PreToolUse]]), or ask the administrator to remove allow_managed_hooks_only"})
		}
	}
	return out
}

// shellRouteChecks checks every shell route to guard: CLAUDE_CODE_SHELL
// and CLAUDE_CODE_SHELL_PREFIX in Claude Code's settings and in this
// environment, the link install made, and the login shell Codex uses.
func (r *runner) shellRouteChecks(home string, p config.Paths, self string, calls map[string]time.Time) []Check {
	var out []Check
	var shells, prefixes []routeSource
	for _, f := range append([]string{install.SettingsFile("claude", install.User, home, "", os.Getenv)}, claudeManagedFiles()...) {
		data, _, err := install.ReadFile(f)
		if err != nil || data == nil {
			continue
		}
		if v, ok, _ := install.GetKey(data, "env", "CLAUDE_CODE_SHELL"); ok {
			if s, ok := v.(string); ok {
				shells = append(shells, routeSource{s, f})
			}
		}
		if v, ok, _ := install.GetKey(data, "env", "CLAUDE_CODE_SHELL_PREFIX"); ok {
			if s, ok := v.(string); ok {
				prefixes = append(prefixes, routeSource{s, f})
			}
		}
	}
	if v := os.Getenv("CLAUDE_CODE_SHELL"); v != "" {
		shells = append(shells, routeSource{v, "the environment"})
	}
	if v := os.Getenv("CLAUDE_CODE_SHELL_PREFIX"); v != "" {
		prefixes = append(prefixes, routeSource{v, "the environment"})
	}
	link := p.ShellLink()
	for _, s := range shells {
		out = append(out, claudeShellCheck(s.value, s.from, link, self))
	}
	for _, s := range prefixes {
		out = append(out, r.claudePrefixCheck(s.value, s.from, home, self))
	}
	if len(shells)+len(prefixes) > 0 {
		c := Check{What: "claude shell route", Level: "ok"}
		if t, ok := calls["shell claude"]; ok {
			c.Message = "last called " + ago(t)
		} else {
			c.Level, c.Message = "note", "never called yet (commands Claude Code ran through guard's shell are logged with agent claude)"
		}
		out = append(out, c)
	}
	// The link guard install made, even if nothing points at it now.
	if _, err := os.Lstat(link); err == nil && !routeUses(shells, link) {
		c := Check{What: "shell link", Where: link, Level: "ok", Message: "points at guard"}
		if t, err := filepath.EvalSymlinks(link); err != nil || (self != "" && !program.SameFile(t, self)) {
			c.Level, c.Message, c.Fix = "problem", "a dangling or stale link: it does not point at this guard", "guard install claude --shell-route, or remove it"
		}
		out = append(out, c)
	}
	if c, ok := loginShellCheck(self); ok {
		out = append(out, c)
	}
	return out
}

// routeSource is a shell-route setting and where it was found.
type routeSource struct{ value, from string }

func routeUses(list []routeSource, p string) bool {
	for _, s := range list {
		if s.value == p {
			return true
		}
	}
	return false
}

// claudeShellCheck checks one CLAUDE_CODE_SHELL value. Claude Code takes
// it only if the path names bash or zsh, and falls back to /bin/bash
// without a word when the file is missing (Claude Code 2.1.328).
func claudeShellCheck(v, from, link, self string) Check {
	c := Check{What: "claude shell", Where: v, Level: "ok", Message: "CLAUDE_CODE_SHELL (in " + from + ") runs Bash commands through guard"}
	target, err := filepath.EvalSymlinks(v)
	switch {
	case !strings.Contains(v, "bash") && !strings.Contains(v, "zsh"):
		c.Level, c.Message, c.Fix = "problem", "CLAUDE_CODE_SHELL (in "+from+") has no bash or zsh in its path, so Claude Code ignores it and runs /bin/bash", "guard install claude --shell-route"
	case err != nil:
		c.Level, c.Message, c.Fix = "problem", "CLAUDE_CODE_SHELL (in "+from+") names a missing file or a dangling link, so Claude Code silently runs /bin/bash", "guard install claude --shell-route"
	case !program.Executable(target):
		c.Level, c.Message, c.Fix = "problem", "CLAUDE_CODE_SHELL (in "+from+") is not an executable file", "guard install claude --shell-route"
	case self != "" && program.SameFile(target, self):
	case v == link:
		c.Level, c.Message, c.Fix = "problem", "the shell link points at another program ("+target+"), not this guard", "guard install claude --shell-route"
	default:
		c.Level, c.Message = "note", "CLAUDE_CODE_SHELL (in "+from+") is a shell that is not guard ("+target+")"
	}
	return c
}

// claudePrefixCheck checks CLAUDE_CODE_SHELL_PREFIX: Claude Code runs the
// prefix program with the whole command line as its argument.
func (r *runner) claudePrefixCheck(v, from, home, self string) Check {
	c := Check{What: "claude shell prefix", Where: v, Level: "ok", Message: "CLAUDE_CODE_SHELL_PREFIX (in " + from + ") runs every Bash command through guard"}
	bin := r.commandBinary(v, home)
	target := ""
	if bin != "" {
		target, _ = filepath.EvalSymlinks(bin)
	}
	switch {
	case bin == "" || target == "" || !program.Executable(target):
		c.Level, c.Message, c.Fix = "problem", "CLAUDE_CODE_SHELL_PREFIX (in "+from+") names a program that does not exist: Claude Code cannot run Bash commands", "point it at guard's full path, or unset it"
	case self != "" && program.SameFile(target, self):
	case install.IsGuardName(target, self):
		c.Level, c.Message, c.Fix = "problem", "CLAUDE_CODE_SHELL_PREFIX runs another guard ("+target+")", "point it at "+self
	default:
		c.Level, c.Message = "note", "CLAUDE_CODE_SHELL_PREFIX (in "+from+") runs "+target+", not guard"
	}
	return c
}

// loginShellCheck looks at the login shell Codex runs commands with: the
// account's shell in the password database, used when it is a real path
// named bash, zsh or sh (Codex 0.169.0).
func loginShellCheck(self string) (Check, bool) {
	shell := accountShell()
	if shell == "" {
		return Check{}, false
	}
	target, err := filepath.EvalSymlinks(shell)
	if err != nil {
		return Check{What: "login shell", Where: shell, Level: "problem", Message: "the login shell is a dangling link: Codex and others cannot run commands",
			Fix: "chsh -s /bin/bash"}, true
	}
	if self == "" || !program.SameFile(target, self) {
		return Check{}, false
	}
	c := Check{What: "login shell", Where: shell, Level: "ok", Message: "guard is the login shell: Codex runs each command through it (bash -lc)"}
	switch filepath.Base(shell) {
	case "bash", "zsh", "sh":
	default:
		c.Level, c.Message, c.Fix = "problem", "guard is the login shell under a name Codex does not take ("+filepath.Base(shell)+"); Codex falls back to its own shell", "make the login shell a link named bash to guard"
	}
	return c, true
}

// accountShell is the current account's login shell from /etc/passwd.
func accountShell() string {
	data, err := readSmall("/etc/passwd", 4<<20)
	if err != nil {
		return ""
	}
	uid := fmt.Sprint(os.Getuid())
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, ":")
		if len(f) >= 7 && f[2] == uid {
			return f[6]
		}
	}
	return ""
}
