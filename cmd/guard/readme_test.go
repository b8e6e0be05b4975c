package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEOpening checks the README's promise to a new user: it starts
// with two commands that work from a checkout (install guard and run it,
// run the tests), and within its first 40 lines it installs guard without
// a clone (with the module path go.mod declares) and sets guard up for an
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
	if len(cmds) != 2 || !strings.Contains(cmds[0], "go install") || strings.TrimSpace(cmds[1]) != "go test ./..." {
		t.Fatalf("the README's first code block is not the install and the test command:\n%s", block[1])
	}
	if i := strings.Index(string(readme), "```sh\n"+block[1]); i < 0 || strings.Contains(string(readme[:i]), "```") {
		t.Errorf("the install and test commands are not the README's first code block")
	}
}

// readmeInstall is the shape of the README's first command: install guard
// from the checkout, then run the binary go install wrote.
var readmeInstall = regexp.MustCompile(`^go install (\S+) && "\$\(go env GOPATH\)/bin/guard"((?: [a-z-]+)*)$`)

// TestREADMEFirstCommand checks that the README's first command works on
// a fresh machine: it installs this checkout's ./cmd/guard (the module is
// not published, so @latest cannot come first), and what it then runs
// exits 0 with a home that holds nothing.
func TestREADMEFirstCommand(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```sh\n(.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("no sh code block in the README")
	}
	first, _, _ := strings.Cut(string(block[1]), "\n")
	m := readmeInstall.FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("the README's first command %q is not go install ./cmd/guard && \"$(go env GOPATH)/bin/guard\" SUBCOMMAND", first)
	}
	if m[1] != "./cmd/guard" {
		t.Errorf("the README's first command installs %s, not ./cmd/guard", m[1])
	}
	if strings.Contains(first, "CGO_ENABLED") {
		t.Errorf("the README's first command sets CGO_ENABLED; the default build is already static")
	}
	args := strings.Fields(m[2])
	if len(args) == 0 {
		t.Fatal("the README's first command runs guard with no subcommand")
	}

	// Run it as a new user would: a home with no history, no config.
	home := t.TempDir()
	oldHome, oldSystem := homeDir, systemFile
	homeDir = func() (string, error) { return home, nil }
	systemFile = filepath.Join(home, "no-system-config.toml")
	defer func() { homeDir, systemFile = oldHome, oldSystem }()
	var out, errs strings.Builder
	got := run(append([]string{"guard"}, args...), strings.NewReader(""), &out, &errs)
	if got != exitOK {
		t.Errorf("guard %s in an empty home: exit %d, want 0\n%s%s", strings.Join(args, " "), got, out.String(), errs.String())
	}
	if args[0] == "audit" && !strings.Contains(out.String(), "nothing to audit") {
		t.Errorf("guard audit in an empty home does not say there is nothing to audit:\n%s", out.String())
	}
	if errs.Len() > 0 {
		t.Errorf("guard %s in an empty home wrote to stderr:\n%s", strings.Join(args, " "), errs.String())
	}
}

// TestREADMELinks checks that every relative link in the README and in
// docs/ points at a file that exists, except the pages other work adds
// (listed in docs/README.md before they are written).
func TestREADMELinks(t *testing.T) {
	pending := map[string]bool{}
	for _, p := range []string{"verbs.md", "http.md", "parse.md", "undo.md", "security.md", "agents.md"} {
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
