package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/guardsh/guard/internal/codexrules"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/rules"
)

// The files in examples/ are meant to be copied as they are, so they are
// checked here: each agent's settings register guard the way guard install
// does, the Codex rules are what guard export codex writes, the configs
// load without a problem and their rules' examples hold, and the shell
// snippets parse.

func TestExampleSettings(t *testing.T) {
	for _, tc := range []struct {
		file, agent, matcher string
		hook                 install.Hook
		failClosed           func(*install.Object) bool
	}{
		{"claude/settings.json", "claude", install.ClaudeMatcher, install.ClaudeHook("", true, ownsHook("claude", "/home/you")),
			func(o *install.Object) bool { v, _ := o.Get("onFailure"); return v == "block" }},
		{"claude/settings-shell-route.json", "claude", install.ClaudeMatcher, install.ClaudeHook("", true, ownsHook("claude", "/home/you")),
			func(o *install.Object) bool { v, _ := o.Get("onFailure"); return v == "block" }},
		{"cursor/hooks.json", "cursor", "", install.CursorHook("", ownsHook("cursor", "/home/you")),
			func(o *install.Object) bool { v, _ := o.Get("failClosed"); return v == true }},
		{"codex/hooks.json", "codex", install.CodexMatcher, install.CodexHook("", ownsHook("codex", "/home/you")), nil},
		{"gemini/settings.json", "gemini", install.GeminiMatcher, install.GeminiHook("", ownsHook("gemini", "/home/you")), nil},
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		found, err := tc.hook.Find(data)
		if err != nil || len(found) != 1 {
			t.Errorf("%s: guard's %s hook found %d times: %v", tc.file, tc.agent, len(found), err)
			continue
		}
		if found[0].Matcher != tc.matcher {
			t.Errorf("%s: matcher %q, want %q", tc.file, found[0].Matcher, tc.matcher)
		}
		if tc.failClosed != nil && !tc.failClosed(found[0].Handler) {
			t.Errorf("%s: guard's hook does not fail closed", tc.file)
		}
		// Installing over the example changes nothing: it is exactly what
		// guard install writes.
		var h install.Hook
		cmd := "/usr/local/bin/guard hook " + tc.agent
		switch tc.agent {
		case "claude":
			h = install.ClaudeHook(cmd, true, ownsHook("claude", "/home/you"))
		case "cursor":
			h = install.CursorHook(cmd, ownsHook("cursor", "/home/you"))
		case "codex":
			h = install.CodexHook(cmd, ownsHook("codex", "/home/you"))
		case "gemini":
			h = install.GeminiHook(cmd, ownsHook("gemini", "/home/you"))
		}
		again, err := h.Add(data)
		if tc.agent == "cursor" && err == nil {
			again, err = install.CursorFileHook(cmd, ownsHook("cursor", "/home/you")).Add(again)
		}
		if tc.agent == "claude" {
			for _, a := range install.ClaudeAfterHooks(cmd, ownsHook("claude", "/home/you")) {
				if err == nil {
					again, err = a.Add(again)
				}
			}
		}
		if err != nil || string(again) != string(data) {
			t.Errorf("%s differs from what guard install writes:\n%s", tc.file, install.Diff(tc.file, data, again))
		}
	}
}

func TestExampleCodexRules(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join("..", "..", "examples", "codex", "guard.rules")
	want := codexrules.Generate(set)
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date with the rules: regenerate it with\n\tgo run ./cmd/guard export codex > examples/codex/guard.rules", p)
	}
}

func TestExampleConfigs(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(t.TempDir(), "repo")
	for _, c := range []struct{ from, to string }{
		{"config.toml", filepath.Join(home, ".config", "guard", "config.toml")},
		{filepath.Join("project", ".guard.toml"), filepath.Join(proj, ".guard.toml")},
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", c.from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(c.to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(c.to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(proj, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := config.For(home)
	p.System = filepath.Join(home, "no-system-file")
	cfg, err := config.Load(p, proj)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cfg.Problems {
		t.Errorf("example config: %v", e)
	}
	if cfg.Project == "" {
		t.Errorf("the example .guard.toml was not applied")
	}
	for _, id := range []string{"my.deploy-prod", "my.make-nuke", "my.s3-delete", "project.migrate-down"} {
		if _, ok := cfg.Rules.Rule(id); !ok {
			t.Errorf("example rule %s is missing", id)
		}
	}
	if r, _ := cfg.Rules.Rule("git.reset-hard"); r.Action != rules.Deny {
		t.Errorf("the project file did not make git.reset-hard deny")
	}
	_, failures := cfg.Rules.TestExamples()
	for _, f := range failures {
		t.Errorf("%s: %v", f.Rule.Source(), f)
	}
}

func TestExampleShellSnippets(t *testing.T) {
	for _, s := range []struct{ shell, file string }{
		{"bash", "guard.bash"}, {"zsh", "guard.zsh"}, {"fish", "guard.fish"},
	} {
		sh, err := exec.LookPath(s.shell)
		if err != nil {
			t.Logf("%s not installed: %s not checked", s.shell, s.file)
			continue
		}
		p := filepath.Join("..", "..", "examples", "shell", s.file)
		if out, err := exec.Command(sh, "-n", p).CombinedOutput(); err != nil {
			t.Errorf("%s -n %s: %v\n%s", s.shell, s.file, err, out)
		}
	}
}
