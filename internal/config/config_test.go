package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/rules"
)

// fixture is a temporary machine: a system file, a user's home and a
// repository with a project inside it.
type fixture struct {
	root, home, repo, project string
	paths                     Paths
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	f := &fixture{
		root:    root,
		home:    filepath.Join(root, "home", "user"),
		repo:    filepath.Join(root, "home", "user", "repo"),
		project: filepath.Join(root, "home", "user", "repo", "sub", "dir"),
	}
	for _, d := range []string{f.project, filepath.Join(f.repo, ".git"), filepath.Join(root, "etc", "guard")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f.paths = For(f.home)
	f.paths.System = filepath.Join(root, "etc", "guard", "config.toml")
	return f
}

func (f *fixture) write(t *testing.T, name, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func (f *fixture) load(t *testing.T, dir string) *Config {
	t.Helper()
	c, err := Load(f.paths, dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func problems(c *Config) string {
	var out []string
	for _, p := range c.Problems {
		out = append(out, p.Error())
	}
	return strings.Join(out, "\n")
}

func decide(t *testing.T, c *Config, cmd, dir string) rules.Action {
	t.Helper()
	return c.Rules.Check(cmd, c.Context(dir)).Action
}

func TestFor(t *testing.T) {
	p := For("/home/u")
	if p.Home != "/home/u" || p.System != SystemFile ||
		p.User != "/home/u/.config/guard/config.toml" || p.State != "/home/u/.local/state/guard" {
		t.Errorf("For: %+v", p)
	}
	if !strings.HasPrefix(filepath.Base(p.Runtime), "guard-") {
		t.Errorf("runtime %q", p.Runtime)
	}
}

func TestHome(t *testing.T) {
	// The home directory comes from the password database, not $HOME.
	t.Setenv("HOME", "/nonexistent/agent-chosen")
	h, err := Home()
	if err != nil {
		t.Skipf("no password entry: %v", err)
	}
	if h == "/nonexistent/agent-chosen" || !filepath.IsAbs(h) {
		t.Errorf("Home() = %q", h)
	}
}

func TestLoadNoFiles(t *testing.T) {
	f := newFixture(t)
	c := f.load(t, f.project)
	if len(c.Problems) > 0 || c.Project != "" {
		t.Errorf("problems %q project %q", problems(c), c.Project)
	}
	if c.Settings.ConfirmTimeout.Duration != 60*time.Second || c.Settings.ApproverTimeout.Duration != 120*time.Second || !c.LogEnabled() {
		t.Errorf("defaults: %+v", c.Settings)
	}
	if decide(t, c, "rm -rf /", f.project) != rules.Deny {
		t.Error("the embedded rules are not in force")
	}
}

func TestLoadAllLayers(t *testing.T) {
	f := newFixture(t)
	f.write(t, f.paths.System, `
[settings]
confirm_timeout = "30s"
shell = "/bin/bash"

[rules."git.clean"]
action = "deny"
`)
	f.write(t, f.paths.User, `
allow_rules = ["git.reset-hard"]

[settings]
approver_timeout = "5m"
log = false

[rules."git.clean"]
action = "allow"
`)
	proj := f.write(t, filepath.Join(f.repo, ProjectFile), `
[rules."iac.terraform-destroy"]
action = "deny"

[[rule]]
id = "project.no-make-clean"
severity = "low"
reason = "make clean deletes the generated fixtures"
programs = ["make"]
args = ["clean"]
`)
	c := f.load(t, f.project)
	if c.Project != proj {
		t.Errorf("project %q, want %q", c.Project, proj)
	}
	if want := f.paths.User + ":9:1: rule git.clean cannot be relaxed below deny: it is locked by " + f.paths.System; problems(c) != want {
		t.Errorf("problems:\n\t%s\nwant\n\t%s", problems(c), want)
	}
	s := c.Settings
	if s.ConfirmTimeout.Duration != 30*time.Second || s.ApproverTimeout.Duration != 5*time.Minute || s.Shell != "/bin/bash" || c.LogEnabled() {
		t.Errorf("settings %+v log %v", s, c.LogEnabled())
	}
	for cmd, want := range map[string]rules.Action{
		"git clean -fd":     rules.Deny,    // system, not relaxed by the user
		"git reset --hard":  rules.Allow,   // user
		"make clean":        rules.Confirm, // project rule
		"make build":        rules.Allow,
		"terraform destroy": rules.Deny, // project tightened
	} {
		if got := decide(t, c, cmd, f.project); got != want {
			t.Errorf("%s: %s, want %s", cmd, got, want)
		}
	}
	if got := c.Rules.Sources(); len(got) != 3 {
		t.Errorf("sources %q", got)
	}
}

func TestLoadBrokenFiles(t *testing.T) {
	f := newFixture(t)
	f.write(t, f.paths.System, "[rules.\"fs.rm-root\"]\naction = \"allow\"\nlock = \n")
	f.write(t, f.paths.User, "allow_rules = [\"fs.rm-root\"]\n\n[[rule]]\nid = \"x\"\nseverity = \"low\"\nreason = \"r\"\nprograms = [\"x\"]\nflag = [\"-r\"]\n")
	f.write(t, filepath.Join(f.project, ProjectFile), "[rules.\"fs.rm-root\"\n")
	c := f.load(t, f.project)
	got := problems(c)
	for _, want := range []string{
		f.paths.System + ":3:",
		f.paths.User + `:8:1: unknown key "rule.flag"`,
		// The TOML decoder puts an error at the end of a line on the
		// next; guard puts it back.
		filepath.Join(f.project, ProjectFile) + ":1:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems\n\t%s\ndo not include %s", got, want)
		}
	}
	if len(c.Problems) != 3 {
		t.Errorf("%d problems", len(c.Problems))
	}
	var e *rules.Error
	if !errors.As(c.Problems[0], &e) || e.Line == 0 {
		t.Errorf("problem %v has no position", c.Problems[0])
	}
	// Nothing of the broken files applies: the embedded rules stay.
	if decide(t, c, "rm -rf /", f.project) != rules.Deny {
		t.Error("a broken file relaxed rm -rf /")
	}
	if decide(t, c, "x -r", f.project) != rules.Allow {
		t.Error("a rule from a broken file applies")
	}
}

func TestLoadUnreadable(t *testing.T) {
	f := newFixture(t)
	// A directory where the user file should be cannot be read: that is a
	// problem, not silence.
	if err := os.MkdirAll(f.paths.User, 0o755); err != nil {
		t.Fatal(err)
	}
	c := f.load(t, f.project)
	if !strings.Contains(problems(c), f.paths.User) {
		t.Errorf("problems %q", problems(c))
	}
}

func TestLoadSettingsErrors(t *testing.T) {
	f := newFixture(t)
	f.write(t, f.paths.User, "[settings]\nshell = \"/bin/zsh\"\nconfirm_timeout = \"soon\"\n")
	c := f.load(t, f.project)
	if got := problems(c); !strings.Contains(got, f.paths.User+":3:") || !strings.Contains(got, `bad duration "soon"`) {
		t.Errorf("problems %q", got)
	}
	// The table had an error, so none of it applies.
	if c.Settings.Shell != "" || c.Settings.ConfirmTimeout.Duration != 60*time.Second {
		t.Errorf("settings from a broken table: %+v", c.Settings)
	}
	f.write(t, f.paths.User, "[settings]\nshel = \"/bin/zsh\"\n")
	c = f.load(t, f.project)
	if got := problems(c); got != f.paths.User+`:2:1: unknown key "settings.shel"` {
		t.Errorf("problems %q", got)
	}
}

func TestLoadProjectSettingsRefused(t *testing.T) {
	for _, src := range []string{
		"[settings]\nshell = \"/tmp/evil\"\nconfirm_timeout = \"1s\"\n",
		"[settings]\nhook_allow = false\n",
		"[settings]\n",
		"[settings]\nbogus = 1\n",
		"[settings]\nconfirm_timeout = \"never\"\n",
	} {
		f := newFixture(t)
		name := f.write(t, filepath.Join(f.repo, ProjectFile), src)
		c := f.load(t, f.project)
		if want := name + ": a project file cannot change [settings]; ignored"; problems(c) != want {
			t.Errorf("%q: problems %q, want %q", src, problems(c), want)
		}
		if c.Settings.Shell != "" || c.Settings.ConfirmTimeout.Duration != 60*time.Second {
			t.Errorf("%q: settings changed: %+v", src, c.Settings)
		}
	}
}

func TestLoadProjectRefusals(t *testing.T) {
	f := newFixture(t)
	name := f.write(t, filepath.Join(f.repo, ProjectFile), `allow_rules = ["fs.rm-root"]
allow_commands = ["rm -rf /"]

[tool.rm]
value_flags = ["-rf"]

[rules."fs.rm-home"]
action = "allow"
`)
	c := f.load(t, f.project)
	got := problems(c)
	for _, want := range []string{
		name + ":4:1: a project file cannot change the option grammar of rm",
		name + ":8:1: a project file cannot relax rule fs.rm-home from confirm to allow",
		name + ":1:16: a project file cannot allow rule fs.rm-root",
		name + ":2:19: a project file cannot allow commands",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems\n\t%s\ndo not include\n\t%s", got, want)
		}
	}
	if decide(t, c, "rm -rf /", f.project) != rules.Deny {
		t.Error("a project file relaxed rm -rf /")
	}
	if decide(t, c, "rm -rf ~", f.project) == rules.Allow {
		t.Error("a project file allowed rm -rf ~")
	}
}

func TestFindProject(t *testing.T) {
	f := newFixture(t)
	if got := FindProject(f.project); got != "" {
		t.Errorf("no project file: %q", got)
	}
	if got := FindProject(""); got != "" {
		t.Errorf("no dir: %q", got)
	}
	// Above the repository root is not looked at.
	f.write(t, filepath.Join(f.home, ProjectFile), "")
	if got := FindProject(f.project); got != "" {
		t.Errorf("found %q above the repository root", got)
	}
	// At the root, and nearer.
	atRoot := f.write(t, filepath.Join(f.repo, ProjectFile), "")
	if got := FindProject(f.project); got != atRoot {
		t.Errorf("got %q, want %q", got, atRoot)
	}
	nearer := f.write(t, filepath.Join(f.repo, "sub", ProjectFile), "")
	if got := FindProject(f.project); got != nearer {
		t.Errorf("got %q, want %q", got, nearer)
	}
	if got := FindProject(f.project + "/../dir/"); got != nearer {
		t.Errorf("unclean dir: %q", got)
	}
	// A directory named .guard.toml is not a file.
	if err := os.MkdirAll(filepath.Join(f.project, ProjectFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := FindProject(f.project); got != nearer {
		t.Errorf("directory .guard.toml: %q", got)
	}
	// A worktree's .git is a file; it still marks the root.
	wt := filepath.Join(f.root, "wt", "a")
	f.write(t, filepath.Join(f.root, "wt", ".git"), "gitdir: /x\n")
	if err := os.MkdirAll(wt, 0o755); err != nil {
		t.Fatal(err)
	}
	f.write(t, filepath.Join(f.root, ProjectFile), "")
	if got := FindProject(wt); got != "" {
		t.Errorf("worktree: found %q above its root", got)
	}
	// Outside any repository the search goes up to /.
	outside := filepath.Join(f.root, "plain", "x")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := FindProject(outside); got != filepath.Join(f.root, ProjectFile) {
		t.Errorf("outside a repository: %q", got)
	}
}

func TestContext(t *testing.T) {
	f := newFixture(t)
	c := f.load(t, f.project)
	ctx := c.Context(f.project, "/usr/local/bin/guard")
	if ctx.Dir != f.project || ctx.Home != f.home {
		t.Errorf("context %+v", ctx)
	}
	want := []string{
		filepath.Join(f.home, ".config/guard"),
		filepath.Join(f.repo, ".claude/settings.json"), // the repository root, not the subdirectory
		"/usr/local/bin/guard",
		filepath.Dir(f.paths.System),
		f.paths.State,
		f.paths.Runtime,
	}
	for _, w := range want {
		found := false
		for _, p := range ctx.Protected {
			if p == w {
				found = true
			}
		}
		if !found {
			t.Errorf("%s is not protected: %q", w, ctx.Protected)
		}
	}
	// Outside a repository the directory itself is the project.
	plain := filepath.Join(f.root, "plain")
	if err := os.MkdirAll(plain, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := ProjectRoot(plain); got != plain {
		t.Errorf("ProjectRoot(%q) = %q", plain, got)
	}
	if ProjectRoot("") != "" {
		t.Error("projectRoot of nothing")
	}
	// The protected files are protected.
	if decide(t, c, "rm "+filepath.Join(f.repo, ".claude/settings.json"), f.project) != rules.Deny {
		t.Error("a project's hook settings are not protected")
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"30s", 30 * time.Second, ""},
		{"2m", 2 * time.Minute, ""},
		{"1h30m", 90 * time.Minute, ""},
		{"500ms", 500 * time.Millisecond, ""},
		{"0s", 0, `duration "0s" must be positive`},
		{"-5s", 0, `duration "-5s" must be positive`},
		{"30", 0, `bad duration "30": write it like 30s or 2m`},
		{"soon", 0, `bad duration "soon": write it like 30s or 2m`},
		{"", 0, `bad duration "": write it like 30s or 2m`},
	}
	for _, tt := range tests {
		var d Duration
		err := d.UnmarshalText([]byte(tt.in))
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
			}
		case err != nil || d.Duration != tt.want:
			t.Errorf("%q: %v, %v; want %v", tt.in, d.Duration, err, tt.want)
		}
	}
}
