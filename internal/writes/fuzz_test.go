package writes

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// FuzzTargets: whatever the command, the write-target model and the
// protected-path match never panic (go test runs the seeds; go test
// -fuzz=FuzzTargets explores further).
func FuzzTargets(f *testing.F) {
	for _, s := range []string{
		`echo x > ~/.config/gua*/config.toml`, `cp -r a/. ~/`, `rsync -aR x/./y ~/`, `tar xzfC a.tgz ~`,
		`ln -s ../a b`, `find ~ -name '*[' -delete`, `sed -i -e 'w /x' f`, `dd of=$x`, "sqlite3 d <<E\n.once '/x\nE",
		`curl -OJ --output-dir ~ http://x/`, `git --work-tree= checkout -- .`, `7z x a -o`, `chmod -w`, `cp -t`,
		`echo > "${a[@]}"/x`, `echo > [/x`, `rm -rf ***/**`, `python3 -c 'open((((("x"'`, `awk 'print >'`,
	} {
		f.Add(s)
	}
	c := &Checker{Dir: "/home/user/project", Home: "/home/user", Protected: Protected("/home/user", "/home/user/project", nil, "/usr/local/bin/guard")}
	f.Fuzz(func(t *testing.T, cmd string) {
		for _, inv := range parse.Command(cmd, parse.Options{Dir: c.Dir, Home: c.Home, MaxSize: 4096}) {
			for _, tg := range Of(inv, c.Home) {
				c.Lands(tg, inv.Dir)
			}
		}
	})
}

// FuzzFromCode: interpreter code of any shape is searched without a
// panic, in every language.
func FuzzFromCode(f *testing.F) {
	for _, s := range []string{
		`open("/x", "w")`, `(Path.home() / "a").write_text("")`, `fs.writeFileSync(path.join(os.homedir(), 'x'), '')`,
		`open my $f, '>', "$ENV{HOME}/x"`, `File.write "x", ""`, `print > "x"`, `open(`, `os.rename("a",`, `x.write_text(`,
		`f"{a}{b}/{c}"`, "`${x}`", `"\"`, `open("a" + ("b"`, `.extractall()`,
	} {
		f.Add(s)
	}
	c := &Checker{Dir: "/p", Home: "/h", Protected: Protected("/h", "/p", nil)}
	f.Fuzz(func(t *testing.T, code string) {
		if len(code) > 8192 {
			return
		}
		for _, lang := range []string{"python", "node", "ruby", "perl", "php", "awk"} {
			for _, tg := range FromCode(lang, code) {
				c.Lands(tg, "/p")
			}
		}
	})
}

// FuzzPatches: patches and SQL of any shape give file names without a
// panic.
func FuzzPatches(f *testing.F) {
	f.Add("*** Begin Patch\n*** Update File: a\n*** Move to: b\n*** Delete File: c\n*** End Patch\n")
	f.Add("--- a/x\n+++ b/y\t2020\ndiff --git a/z b/z\nrename to w\n")
	f.Add(".output 'x\n.backup main y\nATTACH 'z' AS q; VACUUM INTO \"w\"")
	f.Fuzz(func(t *testing.T, text string) {
		PatchTargets(text)
		for _, strip := range []int{-1, 0, 1, 5} {
			DiffFiles(text, strip)
		}
		SQLiteFiles(text)
		sedWrites(text)
		exWrites(text)
	})
}
