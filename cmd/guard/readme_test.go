package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEOpening checks the README's promise to a new user: within its
// first 40 lines it installs guard without a clone (with the module path
// go.mod declares), gives the test command, and sets guard up for an
// agent with guard install.
func TestREADMEOpening(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no module line")
	}
	lines := strings.SplitAfter(string(readme), "\n")
	if len(lines) > 40 {
		lines = lines[:40]
	}
	head := strings.Join(lines, "")
	for _, want := range []string{
		"go install " + string(m[1]) + "/cmd/guard@latest",
		"go test ./...",
		"guard install claude",
		"guard doctor",
		"guard uninstall",
		"ignore `$HOME`",
		"**3** ask a person",
	} {
		if !strings.Contains(head, want) {
			t.Errorf("the README's first 40 lines do not hold %q", want)
		}
	}
	// The first code block is the two commands: install and run, test.
	block := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(head)
	if block == nil {
		t.Fatal("no sh code block in the README's first 40 lines")
	}
	cmds := strings.Split(strings.TrimSpace(block[1]), "\n")
	if len(cmds) != 2 || !strings.Contains(cmds[0], "go install") || !strings.Contains(cmds[1], "go test ./...") {
		t.Errorf("the README's first code block is not the install and the test command:\n%s", block[1])
	}
}

// TestREADMELinks checks that every relative link in the README and in
// docs/ points at a file that exists, except the pages other work adds
// (listed in docs/README.md before they are written).
func TestREADMELinks(t *testing.T) {
	pending := map[string]bool{}
	for _, p := range []string{"verbs.md", "http.md", "parse.md", "undo.md", "security.md", "agents.md", "guard.1"} {
		pending[filepath.Join("../../docs", p)] = true
	}
	files := []string{"../../README.md"}
	docs, _ := filepath.Glob("../../docs/*.md")
	files = append(files, docs...)
	link := regexp.MustCompile(`\]\(([^)#\s]+)(#[^)\s]*)?\)`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Quoted blocks are drafts written for another file.
		var text strings.Builder
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(l, ">") {
				text.WriteString(l + "\n")
			}
		}
		for _, m := range link.FindAllStringSubmatch(text.String(), -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			p := filepath.Join(filepath.Dir(f), target)
			if pending[p] {
				continue
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s links to %s, which does not exist", f, target)
			}
		}
	}
}
