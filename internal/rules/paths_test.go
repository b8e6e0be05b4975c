package rules

import (
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// classString names the classes in a set, sorted, joined by commas.
func classString(c classSet) string {
	var names []string
	for _, nb := range classNames {
		if c&nb.set != 0 {
			names = append(names, nb.name)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

func TestClassify(t *testing.T) {
	ctx := ExampleContext() // home /home/user, dir /home/user/project
	tests := []struct {
		path string
		glob bool
		dyn  bool
		want string
	}{
		// The root, however it is spelled.
		{"/", false, false, "parent,root"},
		{"//", false, false, "parent,root"},
		{"/tmp/..", false, false, "parent,root"},
		{"/tmp/../", false, false, "parent,root"},
		{"../../..", false, false, "parent,root"},
		// System locations; .. is resolved first.
		{"/tmp/../etc", false, false, "guard-parent,outside,system"},
		{"/etc/passwd", false, false, "outside,system"},
		{"/etc/../etc/./passwd", false, false, "outside,system"},
		{"/usr/lib", false, false, "outside,system"},
		{"/var", false, false, "outside,system"},
		{"/home", false, false, "guard-parent,parent,system"},
		{"/mnt", false, false, "outside,system"},
		{"/mnt/usb/x", false, false, "outside"},
		{"/root", false, false, "outside,system"},
		{"/root/x", false, false, "outside,system"},
		{"/opt/x", false, false, "outside,system"},
		{"/etc/shadow", false, false, "outside,secrets,system"},
		{"/etc/ssh/sshd_config", false, false, "outside,system"},
		{"/etc/ssh/ssh_host_ed25519_key", false, false, "outside,secrets,system"},
		{"/etc/ssh/ssh_host_ed25519_key.pub", false, false, "outside,system"},
		{"/etc/ssh", false, false, "outside,secrets,system"},
		// Temporary files, but not the temporary directory itself.
		{"/tmp", false, false, "outside,system"},
		{"/tmp/x", false, false, "temp"},
		{"/tmp/a/../b", false, false, "temp"},
		{"/var/tmp/x", false, false, "temp"},
		{"/dev/shm/x", false, false, "temp"},
		{"/private/tmp/x", false, false, "temp"},
		// Devices, and harmless device files.
		{"/dev/sda", false, false, "device,outside,system"},
		{"/dev/sda1", false, false, "device,outside,system"},
		{"/dev/nvme0n1", false, false, "device,outside,system"},
		{"/dev/mapper/root", false, false, "device,outside,system"},
		{"/dev/mem", false, false, "device,outside,system"},
		{"/dev/null", false, false, "outside"},
		{"/dev/stdout", false, false, "outside"},
		// Home, working directory and around.
		{"/home/user", false, false, "home,parent"},
		{"/home/user/", false, false, "home,parent"},
		{"~", false, false, "inside"}, // a literal ~ is a file named ~
		{"..", false, false, "home,parent"},
		{".", false, false, "cwd,guard-parent"},
		{"./", false, false, "cwd,guard-parent"},
		{"/home/user/project/../project", false, false, "cwd,guard-parent"},
		{"x", false, false, "inside"},
		{"./x/../y", false, false, "inside"},
		{"../other", false, false, "outside"},
		{"/home/user/x", false, false, "outside"},
		{"/home/other", false, false, "outside"},
		// Credential stores.
		{"/home/user/.ssh", false, false, "outside,secrets"},
		{"/home/user/.ssh/id_rsa", false, false, "outside,secrets"},
		{"/home/user/.aws/credentials", false, false, "outside,secrets"},
		{"/home/user/.config/gcloud", false, false, "outside,secrets"},
		{"/home/user/.sshx", false, false, "outside"},
		{"/home/user/project/.ssh", false, false, "inside"},
		// Git directories.
		{".git", false, false, "git-dir,inside"},
		{".git/index", false, false, "git-dir,inside"},
		{"/home/user/other/.git", false, false, "git-dir,outside"},
		{".github", false, false, "inside"},
		{".gitignore", false, false, "inside"},
		// guard's own files and the folders that hold them.
		{"/home/user/.config/guard", false, false, "guard,outside"},
		{"/home/user/.config/guard/config.toml", false, false, "guard,outside"},
		{"/home/user/.config", false, false, "guard-parent,outside"},
		{"/home/user/.claude/settings.json", false, false, "guard,outside"},
		{"/home/user/.claude", false, false, "guard-parent,outside"},
		{"/home/user/.claude/todos", false, false, "outside"},
		{".claude/settings.local.json", false, false, "guard,inside"},
		{"/etc/guard", false, false, "guard,outside,system"},
		{"/usr/local/bin/guard", false, false, "guard,outside,system"},
		{"/usr/local/bin", false, false, "guard-parent,outside,system"},
		{"/usr/local/bin/other", false, false, "outside,system"},
		// Globs.
		{"*", true, false, "cwd,guard-parent,tree-glob"},
		{".*", true, false, "cwd,guard-parent,tree-glob"},
		{"./*", true, false, "cwd,guard-parent,tree-glob"},
		{"/*", true, false, "parent,root,system,tree-glob"},
		{"/home/user/*", true, false, "home,parent,tree-glob"},
		{"/tmp/*", true, false, "temp,tree-glob"},
		{"build/*", true, false, "inside,tree-glob"},
		{"*.log", true, false, "inside"},
		{"/etc/*.conf", true, false, "outside,system"},
		{"/etc/*/x", true, false, "outside,system"},
		{"../*", true, false, "home,parent,tree-glob"},
		// find's {}: the directory and what is under it.
		{"{}", true, false, "inside,tree-glob"},
		{"/{}", true, false, "parent,root,system,tree-glob"},
		// In a temporary directory or a cache, {} is what find finds in it;
		// the find is judged by its starting points and filters.
		{"/tmp/{}", true, false, "temp"},
		{"/home/user/.cache/{}", true, false, "cache"},
		// Caches.
		{"/home/user/.cache/pip", false, false, "cache"},
		{"/home/user/.cache", false, false, "cache"},
		{"/home/user/Library", false, false, "outside"},
		{"/home/user/.m2", false, false, "outside"},
		{"/home/user/.m2/repository/org", false, false, "cache"},
		{"/var/lib/apt/lists/x", false, false, "cache"},
		{"/var/lib/apt", false, false, "outside,system"},
		{"/usr/lib/python3/__pycache__", false, false, "cache"},
		{"/home/user/project/.git/hooks/pre-commit.sample", false, false, "inside"},
		{"/home/user/project/.git/hooks/pre-commit", false, false, "git-dir,inside"},
		{"build/{}", true, false, "inside,tree-glob"},
		// Only known at run time; a static absolute prefix still counts.
		{"$X", false, true, "dynamic"},
		{"$X/y", false, true, "dynamic"},
		{"/etc/$X", false, true, "dynamic,system"},
		{"/$X", false, true, "dynamic,system"},
		{"/home/user/.ssh/$X", false, true, "dynamic,secrets"},
		{"/tmp/$X", false, true, "dynamic"},
		{"", false, false, ""},
	}
	for _, tt := range tests {
		got := classString(classify(parse.Word{Value: tt.path, Glob: tt.glob, Dynamic: tt.dyn}, place{dir: ctx.Dir, base: ctx.Dir}, &ctx))
		if got != tt.want {
			t.Errorf("classify(%q) = %s, want %s", tt.path, got, tt.want)
		}
	}
}

func TestClassifyNoDir(t *testing.T) {
	ctx := Context{Home: "/home/user"}
	tests := []struct {
		path string
		glob bool
		want string
	}{
		// A relative path is judged by where it points from wherever the
		// command ran, as in shell history.
		{"x", false, "inside"},
		{".", false, "cwd"},
		{"..", false, "parent"},
		{"../x", false, "outside"},
		{".git", false, "git-dir,inside"},
		{"*", true, "dynamic,tree-glob"},
		{"/", false, "root"},
		{"/etc", false, "system"},
		{"/home/user", false, "home"},
		{"/home/user/x", false, "outside"},
		{"/tmp/x", false, "temp"},
	}
	for _, tt := range tests {
		got := classString(classify(parse.Word{Value: tt.path, Glob: tt.glob}, place{}, &ctx))
		if got != tt.want {
			t.Errorf("classify(%q) with no dir = %s, want %s", tt.path, got, tt.want)
		}
	}
}

func TestClassifyHomeVsRoot(t *testing.T) {
	// root's home is /root, a system directory: what is in it is root's
	// data, not the system.
	ctx := Context{Home: "/root", Dir: "/root/project"}
	tests := []struct{ path, want string }{
		{"/root", "home,parent"},
		{"/root/project/x", "inside"},
		{"/root/.ssh", "outside,secrets"},
		{"/etc", "guard-parent,outside,system"}, // it holds /etc/guard
	}
	ctx.Protected = ProtectedPaths("/root", "/root/project")
	for _, tt := range tests {
		if got := classString(classify(parse.Word{Value: tt.path}, place{dir: ctx.Dir, base: ctx.Dir}, &ctx)); got != tt.want {
			t.Errorf("classify(%q) as root = %s, want %s", tt.path, got, tt.want)
		}
	}
	// A home under /tmp (in tests, say) is a home, not a temporary file.
	ctx = Context{Home: "/tmp/home", Dir: "/tmp/home/p"}
	if got := classString(classify(parse.Word{Value: "/tmp/home/x"}, place{dir: ctx.Dir, base: ctx.Dir}, &ctx)); got != "outside" {
		t.Errorf("a file in a home under /tmp: %s", got)
	}
	// A project under /srv is data, but one in /usr is still the system.
	ctx = Context{Home: "/home/u", Dir: "/srv/app"}
	if got := classString(classify(parse.Word{Value: "build"}, place{dir: ctx.Dir, base: ctx.Dir}, &ctx)); got != "inside" {
		t.Errorf("build in /srv/app: %s", got)
	}
	ctx = Context{Home: "/home/u", Dir: "/usr/lib"}
	if got := classString(classify(parse.Word{Value: "x"}, place{dir: ctx.Dir, base: ctx.Dir}, &ctx)); got != "inside,system" {
		t.Errorf("x in /usr/lib: %s", got)
	}
}

func TestTreeGlob(t *testing.T) {
	for _, p := range []string{"*", ".*", "*.*", "**", ".??*", ".[!.]*", "{*,.*}"} {
		if !treeGlob(p) {
			t.Errorf("treeGlob(%q) = false", p)
		}
	}
	for _, p := range []string{"", "*.log", "a*", "?", "[ab]", "x"} {
		if treeGlob(p) {
			t.Errorf("treeGlob(%q) = true", p)
		}
	}
}

func TestParseClasses(t *testing.T) {
	c, err := parseClasses([]string{"root", "home", "guard-parent"})
	if err != nil || c != classRoot|classHome|classGuardParent {
		t.Errorf("parseClasses: %v, %v", c, err)
	}
	if _, err := parseClasses([]string{"nope"}); err == nil {
		t.Error("parseClasses(nope): no error")
	}
	for _, nb := range classNames {
		name, bit := nb.name, nb.set
		if classDescriptions.Get()[bit] == "" {
			t.Errorf("class %s has no description", name)
		}
		if describe(bit, bit) != classDescriptions.Get()[bit] {
			t.Errorf("describe(%s) = %q", name, describe(bit, bit))
		}
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"guard", "GUARD", true},
		{"*/guard", "/usr/bin/guard", true},
		{"*guard approve*", "/x/guard approve --all", true},
		{"prod-*", "prod-eu", true},
		{"release/*", "release/1.0", true},
		{"release/*", "release/1/2", true},
		{"[*]", "*", true},
		{"a*b*c", "a/x/b/y/c", true},
		{"a*b*c", "a/x/c", false},
		{"x", "y", false},
		{"[", "[", false},
		{"a*", "a", true},
		{"*a", "a", true},
		{"*a*b", "xaxxb", true},
		{"*a*b", "xaxxbx", false},
		{"a*a", "a", false},
		{"a*a", "aa", true},
		{"**", "", true},
		{"*.env", "/x/.env", true},
		{"@*.env", "@prod.env", true},
		{"*/.ssh/id_*", "/home/u/.ssh/id_rsa", true},
		{"*/.ssh/id_*", "~/.ssh/id_rsa.pub", true},
		{"*id_rsa", "x/id_rsa.pub", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v", tt.pattern, tt.s, got)
		}
	}
}

// TestStarMatchAgreesWithPathMatch checks the fast path for *-only
// patterns against path.Match where slashes do not come in.
func TestStarMatchAgreesWithPathMatch(t *testing.T) {
	words := []string{"", "a", "b", "ab", "ba", "aab", "abab", "x.env", ".env", "env"}
	patterns := []string{"*", "a*", "*a", "a*b", "*a*", "*ab*", "a*a*b", "*.env", ".env*", "**a"}
	for _, p := range patterns {
		for _, w := range words {
			want, _ := path.Match(p, w)
			if got := starMatch(p, w); got != want {
				t.Errorf("starMatch(%q, %q) = %v, path.Match says %v", p, w, got, want)
			}
		}
	}
}

// TestClassifyAfterCd checks that the path classes judge a target against
// the session's directory, not the one a cd in the command moved to.
func TestClassifyAfterCd(t *testing.T) {
	ctx := Context{Home: "/home/user", Dir: "/home/user/project"}
	tests := []struct {
		path string
		glob bool
		at   place
		want string
	}{
		// cd /var/lib && rm -rf mysql is rm -rf /var/lib/mysql.
		{"mysql", false, place{dir: "/var/lib", base: ctx.Dir}, "outside,system"},
		{"/var/lib/mysql", false, place{dir: "/var/lib", base: ctx.Dir}, "outside,system"},
		{"Music", false, place{dir: "/home/user", base: ctx.Dir}, "outside"},
		{"*", true, place{dir: "/home/user", base: ctx.Dir}, "home,parent,tree-glob"},
		{"project", false, place{dir: "/home/user", base: ctx.Dir}, "cwd"},
		// A cd inside the project stays inside it.
		{"out", false, place{dir: ctx.Dir + "/build", base: ctx.Dir}, "inside"},
		{"*", true, place{dir: ctx.Dir + "/build", base: ctx.Dir}, "inside,tree-glob"},
		{"../..", false, place{dir: ctx.Dir + "/build", base: ctx.Dir}, "home,parent"},
		// A cd to a directory only known at run time: so is a relative
		// path there; an absolute one is still known.
		{"cache", false, place{base: ctx.Dir}, "dynamic"},
		{"/tmp/x", false, place{base: ctx.Dir}, "temp"},
		// A directory the command made with mktemp.
		{"*", true, place{dir: "/tmp/tmp.XXXXXXXXXX", base: ctx.Dir}, "inside,temp,tree-glob"},
		{"/tmp/other", false, place{dir: "/tmp/tmp.XXXXXXXXXX", base: ctx.Dir}, "temp"},
		// A remote shell judges against where it starts; unknown there,
		// an absolute path still says what it is.
		{"/srv/releases", false, place{dir: "/srv", base: "/home/user"}, "outside,system"},
		{"releases/old", false, place{dir: "/home/user", base: "/home/user"}, "inside"},
		{"/app/data", false, place{dir: "/app"}, "outside"},
	}
	for _, tt := range tests {
		got := classString(classify(parse.Word{Value: tt.path, Glob: tt.glob}, tt.at, &ctx))
		if got != tt.want {
			t.Errorf("classify(%q) in %q from %q = %s, want %s", tt.path, tt.at.dir, tt.at.base, got, tt.want)
		}
	}
}
