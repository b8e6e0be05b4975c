package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestManPageCurrent checks that docs/guard.1 is what the help texts make
// now: go generate ./cmd/guard rewrites it.
func TestManPageCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := writeMan(&b, commandTable()); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../docs/guard.1")
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("docs/guard.1 is stale: run go generate ./cmd/guard")
	}
	for _, c := range commandTable() {
		if c.name != "help" && !strings.Contains(b.String(), `.SS "guard `+roff(c.name)+`"`) {
			t.Errorf("the man page has no section for guard %s", c.name)
		}
	}
	if out, err := exec.Command("groff", "-man", "-ww", "-z", "../../docs/guard.1").CombinedOutput(); err == nil && len(out) > 0 {
		t.Errorf("groff warns about docs/guard.1:\n%s", out)
	}
}

// TestCompletionTable checks the table the scripts are made from against
// what the help says.
func TestCompletionTable(t *testing.T) {
	byName := map[string]cmdInfo{}
	for _, c := range commandTable() {
		byName[c.name] = c
	}
	if len(byName) != len(subcommands()) {
		t.Errorf("the table has %d subcommands, guard %d: is a name listed twice?", len(byName), len(subcommands()))
	}
	want := map[string][]string{
		"rules":      {"list", "show", "test"},
		"init":       {"bash", "zsh", "fish"},
		"install":    {"claude", "cursor", "codex", "gemini", "aider"},
		"completion": {"bash", "zsh", "fish"},
		"check":      nil,
	}
	for name, words := range want {
		if got := strings.Join(byName[name].words, " "); got != strings.Join(words, " ") {
			t.Errorf("guard %s words %q, want %q", name, got, strings.Join(words, " "))
		}
	}
	choices := func(cmd, flag string) string {
		for _, f := range byName[cmd].flags {
			if f.name == flag {
				return strings.Join(f.choices, " ")
			}
		}
		return "(no flag)"
	}
	for _, tt := range []struct{ cmd, flag, want string }{
		{"audit", "--format", "bash zsh fish plain claude codex"},
		{"audit", "--min-severity", "low medium high critical"},
		{"audit", "--fail-on", "low medium high critical"},
		{"install", "--scope", "user project"},
		{"log", "--since", ""},
		{"log", "--stats", ""},
	} {
		if got := choices(tt.cmd, tt.flag); got != tt.want {
			t.Errorf("guard %s %s: choices %q, want %q", tt.cmd, tt.flag, got, tt.want)
		}
	}
}

// TestCompletionScripts checks each script's syntax with its shell (zsh
// and fish when they are installed) and that bash's completes.
func TestCompletionScripts(t *testing.T) {
	dir := t.TempDir()
	cmds := commandTable()
	for _, sh := range []struct {
		name  string
		write func(*bytes.Buffer)
		check []string
	}{
		{"bash", func(b *bytes.Buffer) { writeBashCompletion(b, cmds) }, []string{"-n"}},
		{"zsh", func(b *bytes.Buffer) { writeZshCompletion(b, cmds) }, []string{"-n"}},
		{"fish", func(b *bytes.Buffer) { writeFishCompletion(b, cmds) }, []string{"--no-execute"}},
	} {
		var b bytes.Buffer
		sh.write(&b)
		for _, c := range cmds {
			if !strings.Contains(b.String(), c.name) {
				t.Errorf("%s: no %s", sh.name, c.name)
			}
			for _, f := range c.flags {
				if !strings.Contains(b.String(), strings.TrimLeft(f.name, "-")) {
					t.Errorf("%s: no %s %s", sh.name, c.name, f.name)
				}
			}
		}
		path := filepath.Join(dir, "guard."+sh.name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath(sh.name); err != nil {
			t.Logf("%s is not installed: its script's syntax is not checked", sh.name)
			continue
		}
		if out, err := exec.Command(sh.name, append(sh.check, path)...).CombinedOutput(); err != nil {
			t.Errorf("%s %s: %v\n%s", sh.name, strings.Join(sh.check, " "), err, out)
		}
	}
	if _, err := exec.LookPath("bash"); err != nil {
		return
	}
	for _, tt := range []struct{ line, want string }{
		{"guard lo", "log"},
		{"guard log --st", "--stats"},
		{"guard audit --format z", "zsh"},
		{"guard install --scope p", "project"},
		{"guard rules sh", "show"},
		{"guard completion f", "fish"},
	} {
		script := `source "$1"; COMP_WORDS=(` + tt.line + `); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _guard; echo "${COMPREPLY[*]}"`
		out, err := exec.Command("bash", "-c", script, "bash", filepath.Join(dir, "guard.bash")).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != tt.want {
			t.Errorf("bash completes %q to %q (%v), want %q", tt.line, out, err, tt.want)
		}
	}
}

// TestFishCompletes checks that fish, when installed, completes from the
// script.
func TestFishCompletes(t *testing.T) {
	if _, err := exec.LookPath("fish"); err != nil {
		t.Skip("fish is not installed")
	}
	var b bytes.Buffer
	writeFishCompletion(&b, commandTable())
	path := filepath.Join(t.TempDir(), "guard.fish")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ line, want string }{
		{"guard log --st", "--stats"},
		{"guard audit --min-severity c", "critical"},
		{"guard rules s", "show"},
	} {
		out, err := exec.Command("fish", "--no-config", "-c", `source $argv[1]; complete -C "`+tt.line+`"`, path).CombinedOutput()
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\t")
		if err != nil || first != tt.want {
			t.Errorf("fish completes %q to %q (%v), want %q", tt.line, out, err, tt.want)
		}
	}
}
