package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claudeSettings is a person's own Claude Code settings, which install and
// uninstall must keep byte for byte.
const claudeSettings = `{
  "model": "opus",
  "permissions": {"allow": ["Bash(npm test:*)"]},
  "hooks": {
    "PostToolUse": [
      {"matcher": "Edit", "hooks": [{"type": "command", "command": "true"}]}
    ]
  }
}
`

func claudeEnv(bin string, m *Model, extra ...string) []string {
	return append([]string{pathWith(bin), "ANTHROPIC_BASE_URL=" + m.URL, "ANTHROPIC_API_KEY=sk-e2e",
		"DISABLE_AUTOUPDATER=1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "DISABLE_TELEMETRY=1"}, extra...)
}

func runClaude(s *Sandbox, bin string, env []string, args ...string) Result {
	return s.Run(agentTimeout, filepath.Join(homeIn, "work"), env, "",
		append([]string{filepath.Join(bin, "claude"), "-p", "Tidy up the infrastructure.", "--allowedTools", "Bash"}, args...)...)
}

// The hook in claude -p: guard blocks with its own words for the model
// (an ask would reach the model as the person's text), safe commands run,
// the log says blocked and passed, never ran; uninstall gives the
// settings back byte for byte and removes its backup.
func TestClaudeHook(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	settings := filepath.Join(homeIn, ".claude", "settings.json")
	if err := s.WriteFile(settings, claudeSettings, 0o644); err != nil {
		t.Fatal(err)
	}
	m := model(t, Anthropic, standardScript()...)
	env := claudeEnv(bin, m)
	if r := guard(t, s, env, "install", "claude"); r.Exit != 0 {
		t.Fatalf("guard install claude: %s", r)
	}
	installed := s.ReadFile(settings)
	contains(t, "the installed settings", installed, `"PreToolUse"`, `"PostToolUse"`, `"onFailure": "block"`, "/root/bin/guard")
	wantDoctor(t, s, env, 0, "ok", "registered, fails closed", "2.1.328: asks in every permission mode")

	r := runClaude(s, bin, env)
	wantStandard(t, s, m, r, "Exit code 3", "guard blocked this command", "Claude Code runs without a person to ask (claude -p)")
	wantLog(t, s, "hook claude", "claude", map[string]string{
		"terraform destroy": "blocked", "volumeDelete": "blocked", "git status": "passed", "safe-output": "passed"})
	wantDoctor(t, s, env, 0, "ok", "last called just now")

	if s.ReadFile(settings) != installed {
		t.Logf("Claude Code changed its settings during the run; the byte-for-byte uninstall check is skipped")
		return
	}
	if r := guard(t, s, env, "uninstall", "claude"); r.Exit != 0 {
		t.Fatalf("guard uninstall claude: %s", r)
	}
	if got := s.ReadFile(settings); got != claudeSettings {
		t.Errorf("uninstall did not give the settings back:\n%s", got)
	}
	if s.ReadFile(settings+".guard.bak") != "" {
		t.Errorf("uninstall left its backup behind")
	}
}

// bypassPermissions (allowed as root with IS_SANDBOX=1): the hook still
// blocks.
func TestClaudeHookBypass(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	m := model(t, Anthropic, standardScript()...)
	env := claudeEnv(bin, m, "IS_SANDBOX=1")
	if r := guard(t, s, env, "install", "claude"); r.Exit != 0 {
		t.Fatalf("guard install claude: %s", r)
	}
	r := runClaude(s, bin, env, "--permission-mode", "bypassPermissions")
	wantStandard(t, s, m, r, "Exit code 3")
}

// The shell route alone (hooks switched off): CLAUDE_CODE_SHELL is guard's
// bash-named link, and guard, with no terminal and no approver, blocks.
// doctor says that the hooks are off.
func TestClaudeShellRoute(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	m := model(t, Anthropic, standardScript()...)
	env := claudeEnv(bin, m)
	if r := guard(t, s, env, "install", "claude", "--shell-route"); r.Exit != 0 {
		t.Fatalf("guard install claude --shell-route: %s", r)
	}
	settings := filepath.Join(homeIn, ".claude", "settings.json")
	data := s.ReadFile(settings)
	data = strings.Replace(data, "{", "{\n  \"disableAllHooks\": true,", 1)
	if err := s.WriteFile(settings, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// install made guard's state directory, where the link and the log
	// live, for the person only.
	if st, err := os.Stat(s.Path(filepath.Join(homeIn, ".local/state/guard"))); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("guard's state directory: %v, want mode 0700", st.Mode().Perm())
	}
	wantDoctor(t, s, env, 1, "problem", "disableAllHooks is true")
	wantDoctor(t, s, env, 1, "ok", "runs Bash commands through guard")
	r := runClaude(s, bin, env)
	wantStandard(t, s, m, r, "Exit code 3", "needs a person's approval and nobody could be asked")
	wantLog(t, s, "shell", "claude", map[string]string{"terraform destroy": "blocked", "git status": "ran"})
}

// CLAUDE_CODE_SHELL_PREFIX=guard, hooks off: Claude Code hands guard the
// whole command line, and guard blocks.
func TestClaudeShellPrefix(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	m := model(t, Anthropic, standardScript()...)
	guardIn := filepath.Join(homeIn, "bin", "guard")
	env := claudeEnv(bin, m, "CLAUDE_CODE_SHELL_PREFIX="+guardIn)
	if err := s.WriteFile(filepath.Join(homeIn, ".claude", "settings.json"), `{"disableAllHooks": true}`+"\n", 0o644); err != nil {
		t.Fatal(err)
	}
	wantDoctor(t, s, env, 0, "ok", "CLAUDE_CODE_SHELL_PREFIX (in the environment) runs every Bash command through guard")
	r := runClaude(s, bin, env)
	wantStandard(t, s, m, r, "Exit code 3", "needs a person's approval and nobody could be asked")
}

// A CLAUDE_CODE_SHELL that points nowhere: Claude Code falls back to
// /bin/bash without a word and the command runs; doctor says so. This
// case also shows that the recorders do record what runs.
func TestClaudeDanglingShell(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	m := model(t, Anthropic, Turn{Command: destroyCmd}, Turn{Text: "done"})
	env := claudeEnv(bin, m)
	missing := filepath.Join(homeIn, ".local/state/guard/shell/bash")
	if err := s.WriteFile(filepath.Join(homeIn, ".claude", "settings.json"), `{"env": {"CLAUDE_CODE_SHELL": "`+missing+`"}}`+"\n", 0o644); err != nil {
		t.Fatal(err)
	}
	wantDoctor(t, s, env, 1, "problem", "names a missing file or a dangling link, so Claude Code silently runs /bin/bash")
	r := runClaude(s, bin, env)
	if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "terraform [destroy]") {
		t.Errorf("with the shell route dangling, terraform should have run (unguarded): %v\n%s", rec, report(s, m, r))
	}
}

// claude --bare and --safe-mode skip hooks: with only the hook installed,
// terraform runs. This is the limit docs/agents.md states; the case fails
// if a release starts running hooks in these modes, so that the docs get
// updated.
func TestClaudeBareSkipsHooks(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	for _, flag := range []string{"--bare", "--safe-mode"} {
		t.Run(flag, func(t *testing.T) {
			s := newSandbox(t)
			m := model(t, Anthropic, Turn{Command: destroyCmd}, Turn{Text: "done"})
			env := claudeEnv(bin, m)
			if r := guard(t, s, env, "install", "claude"); r.Exit != 0 {
				t.Fatalf("guard install claude: %s", r)
			}
			r := runClaude(s, bin, env, flag)
			if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "terraform [destroy]") {
				t.Errorf("claude %s: want terraform to run (hooks skipped): %v\n%s", flag, rec, report(s, m, r))
			}
		})
	}
}

// CLAUDE_CODE_SIMPLE and CLAUDE_CODE_SAFE_MODE in Claude Code's
// environment turn its hooks off as --bare and --safe-mode do: terraform
// runs. guard doctor, run with the same environment, reports the
// variable as a problem. The case fails if a release stops reading them,
// so that doctor and docs/agents.md get updated.
func TestClaudeOffEnvSkipsHooks(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	for _, name := range []string{"CLAUDE_CODE_SIMPLE", "CLAUDE_CODE_SAFE_MODE"} {
		t.Run(name, func(t *testing.T) {
			s := newSandbox(t)
			m := model(t, Anthropic, Turn{Command: destroyCmd}, Turn{Text: "done"})
			env := claudeEnv(bin, m, name+"=1")
			if r := guard(t, s, env, "install", "claude"); r.Exit != 0 {
				t.Fatalf("guard install claude: %s", r)
			}
			wantDoctor(t, s, env, 1, "problem", name+" is set: a Claude Code started from this shell runs no hooks")
			r := runClaude(s, bin, env)
			if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "terraform [destroy]") {
				t.Errorf("%s=1: want terraform to run (hooks skipped): %v\n%s", name, rec, report(s, m, r))
			}
		})
	}
}
