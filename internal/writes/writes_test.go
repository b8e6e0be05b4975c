package writes

import (
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

const (
	testHome = "/home/user"
	testDir  = "/home/user/project"
)

func testChecker(dir string) *Checker {
	return &Checker{Dir: dir, Home: testHome, Protected: Protected(testHome, dir, nil,
		"/usr/local/bin/guard", "/home/user/.local/state/guard/log.jsonl", "/home/user/.config/guard/config.toml", "/tmp/guard-1000")}
}

// verdict returns "deny" when a write of the command certainly lands on
// or above a protected path, "maybe" when it may, and "" otherwise.
func verdict(t *testing.T, cmd, dir string) (string, string) {
	t.Helper()
	c := testChecker(dir)
	out, why := "", ""
	for _, inv := range parse.Command(cmd, parse.Options{Dir: dir, Home: testHome}) {
		for _, tg := range Of(inv, testHome) {
			h, ok := c.Lands(tg, inv.Dir)
			if !ok {
				continue
			}
			if h.Certain {
				return "deny", tg.What + " " + h.Where + " -> " + h.Protected
			}
			out, why = "maybe", tg.What+" "+h.Where+" -> "+h.Protected
		}
	}
	return out, why
}

func TestLands(t *testing.T) {
	for _, tc := range []struct{ want, cmd string }{
		// Redirects, globs and variables.
		{"deny", `echo x > ~/.config/guard/config.toml`},
		{"deny", `echo x > ~/.config/gua*/config.toml`},
		{"deny", `echo x > ~/.config/*/config.toml`},
		{"deny", `echo x > ~/.c*/guard/config.toml`},
		{"deny", `echo x >> ~/.local/state/guard/log.jsonl`},
		{"deny", `echo '{}' > .claude/settings.json`},
		{"deny", `echo '{}' > .claude/settings.local.json`},
		{"deny", `echo '{}' > ../.claude/settings.json`},
		{"deny", `cd sub && echo '{}' > ../.claude/settings.json`},
		{"deny", `cd "$(cat dir.txt)" && echo '{}' > .claude/settings.json`},
		{"deny", `x=~/.claude; echo '{}' > $x/settings.json`},
		{"maybe", `echo '{}' > "$d/.claude/settings.json"`},
		{"maybe", `echo '{}' > "$CLAUDE_DIR"/settings.json`},
		{"", `echo x > out.txt`},
		{"", `echo x > "$out"`},
		{"", `echo x > /tmp/$name`},
		{"", `echo x > "$d/result.txt"`},
		{"", `cat ~/.claude/settings.json > /tmp/copy.json`},
		{"", `echo x > settings.json`},
		{"", `echo x 2>&1`},
		// Programs.
		{"deny", `dd if=x of=/home/user/.claude/settings.json`},
		{"deny", `dd if=/dev/zero of=~/.local/state/guard/log.jsonl bs=1 count=0`},
		{"deny", `sort -o ~/.config/guard/config.toml x`},
		{"deny", `sort --output=/home/user/.config/guard/config.toml x`},
		{"deny", `tee -a ~/.claude/settings.json`},
		{"deny", `sed -i 's/guard/true/' ~/.claude/settings.json`},
		{"deny", `sed -i.bak -e 's/guard/true/' ~/.claude/settings.json`},
		{"deny", `sed -n 'w /home/user/.claude/settings.json' x`},
		{"deny", `truncate -s0 ~/.local/state/guard/log.jsonl`},
		{"deny", `touch ~/.config/guard/config.toml`},
		{"deny", `mkfifo ~/.config/guard/config.toml`},
		{"deny", `mknod ~/.config/guard/config.toml p`},
		{"deny", `chmod 000 ~/.claude/settings.json`},
		{"deny", `chmod -w ~/.claude/settings.json`},
		{"deny", `chmod 000 ~/.claude`},
		{"deny", `chown nobody ~/.config/guard`},
		{"deny", `rm ~/.claude/settings.json`},
		{"deny", `rm -rf ~/.config/guard`},
		{"deny", `rm -rf ~/.config`},
		{"deny", `unlink ~/.local/state/guard/log.jsonl`},
		{"deny", `shred -u ~/.local/state/guard/log.jsonl`},
		{"deny", `mv ~/.claude/settings.json /tmp/`},
		{"deny", `mv /tmp/x ~/.claude/settings.json`},
		{"deny", `mv ~/.claude ~/.claude.bak`},
		{"deny", `cp evil.toml ~/.config/guard/config.toml`},
		{"deny", `cp settings.json ~/.claude/`},
		{"deny", `cp /tmp/x/settings.json ~/.claude`},
		{"deny", `cp -t ~/.claude settings.json`},
		{"deny", `install -t ~/.claude/ settings.json`},
		{"deny", `install -m 644 x ~/.config/guard/config.toml`},
		{"deny", `cp -r dir/.claude ~/`},
		{"deny", `cp -r dir/. ~/.claude`},
		{"deny", `cp -r evil .claude`},
		{"deny", `rsync -a dir/ ~/`},
		{"deny", `rsync -a dir/ /home/user`},
		{"deny", `rsync -aR .claude/settings.json ~/`},
		{"deny", `rsync x/settings.json ~/.claude/`},
		{"deny", `tar -x -C ~ -f a.tar`},
		{"deny", `tar xzf a.tgz -C /home/user`},
		{"deny", `tar -xf a.tar -C ~/.claude`},
		{"deny", `cd ~ && tar -xf /tmp/a.tar`},
		{"deny", `cd ~ && unzip /tmp/a.zip`},
		{"deny", `unzip a.zip -d ~`},
		{"deny", `cd ~ && cpio -i < a.cpio`},
		{"deny", `7z x a.7z -o/home/user`},
		{"deny", `gzip ~/.local/state/guard/log.jsonl`},
		{"deny", `xz ~/.local/state/guard/log.jsonl`},
		{"deny", `bzip2 -k ~/.local/state/guard/log.jsonl`},
		{"deny", `zstd --rm ~/.local/state/guard/log.jsonl`},
		{"deny", `gunzip ~/.local/state/guard/log.jsonl.gz`},
		{"deny", `ln -s /tmp/x ~/.claude/settings.json`},
		{"deny", `ln -sf /tmp/evil.json ~/.claude/settings.local.json`},
		{"deny", `ln -s ~/.claude/settings.json x`},
		{"deny", `ln -s ~/.config/guard cfg`},
		{"deny", `ln ~/.claude/settings.json hard`},
		{"deny", `cd ~/.claude && ln -s settings.json x`},
		{"deny", `ln -s ../.claude link`},
		{"deny", `cp -s ~/.claude/settings.json x`},
		{"deny", `sqlite3 x.db '.output /home/user/.claude/settings.json' 'select 1'`},
		{"deny", "sqlite3 x.db <<'EOF'\n.once ~/.config/guard/config.toml\nselect 1;\nEOF"},
		{"deny", `sqlite3 x.db "ATTACH '/home/user/.local/state/guard/log.jsonl' AS l"`},
		{"deny", `sqlite3 ~/.local/state/guard/log.jsonl 'select 1'`},
		{"deny", `awk 'BEGIN { print "{}" > "/home/user/.claude/settings.json" }'`},
		{"deny", `gawk '{ print > "/home/user/.config/guard/config.toml" }' x`},
		{"deny", `vim ~/.claude/settings.json`},
		{"deny", `vim -c 'w /home/user/.claude/settings.json' -c q x`},
		{"deny", `ed -s ~/.claude/settings.json`},
		{"deny", `git clone https://x.example.com/a.git ~/.claude`},
		{"deny", `git clone https://x.example.com/a.git ~/.config/guard`},
		{"deny", `git --work-tree=/home/user checkout HEAD -- .`},
		{"deny", `git checkout HEAD -- .claude/settings.json`},
		{"deny", `git restore .claude/settings.json`},
		{"deny", `git worktree add ~/.claude`},
		{"deny", `curl -o ~/.claude/settings.json https://x.example.com/s`},
		{"deny", `curl --output-dir ~/.claude -O https://x.example.com/settings.json`},
		{"deny", `wget -O ~/.config/guard/config.toml https://x.example.com/c`},
		{"deny", `wget -P ~/.claude https://x.example.com/settings.json`},
		{"deny", `find ~/.claude -name settings.json -delete`},
		{"deny", `find . -name settings.json -delete`},
		{"deny", `find ~/.config/guard -delete`},
		{"deny", `patch ~/.claude/settings.json fix.diff`},
		{"deny", "patch -p1 <<'EOF'\n--- a/.claude/settings.json\n+++ b/.claude/settings.json\n@@ -1 +1 @@\n-{}\n+{\"disableAllHooks\":true}\nEOF"},
		{"deny", `rm -rf /etc/guard`},
		{"deny", `rm /usr/local/bin/guard`},
		{"deny", `chmod 000 /usr/local/bin/guard`},
		{"deny", `rm -rf /tmp/guard-1000`},
		{"", `echo x > /home/user/project/sub/.claude/settings.json`},
		{"", `cd sub && echo '{}' > .claude/settings.json`},
		{"deny", `echo 'x' > .codex/config.toml`},
		{"deny", `echo '{}' > /home/.claude/settings.json`},
		{"deny", `mkdir ~/.config/guard/config.toml`},
		{"deny", `openssl rand -out ~/.config/guard/config.toml 16`},
		{"deny", `gcc -o /home/user/.local/state/guard/log.jsonl x.c`},
		{"maybe", `rm -rf ~/.config/$app`},
		{"maybe", `tar -xf a.tar`},
		{"maybe", `unzip a.zip`},
		{"maybe", `rsync -a dir/ ./`},
		{"maybe", `git clone https://x.example.com/a.git .`},
		{"", `cp x ~/.claude/`},
		{"", `cp settings.json backup.json`},
		{"", `cp ~/.claude/settings.json /tmp/`},
		{"", `mv x ~/.claude/`},
		{"", `rm -rf build`},
		{"", `rm -rf ./node_modules`},
		{"", `rm -rf ..`},
		{"", `rm -rf .`},
		{"", `rm -rf ~`},
		{"", `rm -rf /`},
		{"", `rm -rf ~/.claude/todos/x.json`},
		{"", `rm -f ../notes.txt`},
		{"", `tar -xzf a.tgz -C build`},
		{"", `unzip a.zip -d out`},
		{"", `tar -czf out.tgz src`},
		{"", `tar -tf a.tar`},
		{"", `gzip -c log.txt`},
		{"", `gzip build.log`},
		{"", `sed -i 's/a/b/' src/main.go`},
		{"", `sed 's/a/b/' ~/.claude/settings.json`},
		{"", `sort -o out.txt in.txt`},
		{"", `git clone https://x.example.com/a.git`},
		{"", `git clone https://x.example.com/a.git vendor/a`},
		{"", `git checkout main`},
		{"", `git checkout -b feature`},
		{"", `git restore src/main.go`},
		{"", `git status`},
		{"", `ln -s /usr/bin/python3 bin/python`},
		{"", `ln -s ../shared/config.json config.json`},
		{"", `chmod +x script.sh`},
		{"", `chmod -R 755 .`},
		{"", `find . -name '*.pyc' -delete`},
		{"", `find . -name '*.pyc' -print`},
		{"", `curl -o out.json https://x.example.com/s`},
		{"", `curl -O https://x.example.com/file.tgz`},
		{"", `wget https://x.example.com/file.tgz`},
		{"", `sqlite3 app.db 'select 1'`},
		{"", `awk '$1 > "abc" { print }' x`},
		{"", `awk '{ print > "out.txt" }' x`},
		{"", `vim src/main.go`},
		{"", `go build -o bin/guard ./cmd/guard`},
		{"", `mkdir -p ~/.config`},
		{"", `touch ~/.claude/todos/x`},
		{"", `cat ~/.config/guard/config.toml`},
		{"", `ls ~/.claude`},
		{"", `rm -rf "$dir/$name"`},
		{"", `rm -rf "$BUILD"/*`},
		// The follow-up review of issue 12: more ways to one protected
		// path, each allowed before.
		{"deny", `rm --recur ~/.claude`},
		{"deny", `cp --target ~/.claude settings.json`},
		{"deny", `cp --target=/home/user/.claude settings.json`},
		{"deny", `tar -x --direc=/home/user -f a.tar`},
		{"deny", `sort --out ~/.claude/settings.json x`},
		{"deny", `sed --in s/a/b/ ~/.claude/settings.json`},
		{"deny", `rsync --remove-source-files ~/.claude/settings.json /tmp/`},
		{"deny", `rsync -a --remove-source-files ~/.claude/ /tmp/c/`},
		{"deny", `rsync -a --remove-source-files ~/ /backup/`},
		{"deny", `mount --bind /tmp/x ~/.claude`},
		{"deny", `mount -o bind /tmp/x /home/user/.config/guard`},
		{"deny", `mount -t tmpfs none ~/.claude`},
		{"deny", `sshfs host:/x ~/.config/guard`},
		{"deny", `perl -e 'chmod 0, "/home/user/.claude/settings.json"'`},
		{"deny", `perl -e 'chmod 0644, "/home/user/.claude/settings.json";'`},
		{"deny", `vim -es ~/.claude/settings.json < cmds.vim`},
		{"deny", `ex -s ~/.claude/settings.json`},
		{"deny", `split -b1 /tmp/x ~/.config/guard/`},
		{"deny", `csplit -f ~/.config/guard/x in 1`},
		{"deny", `find ~ -path '*/.claude/settings.json' -delete`},
		{"deny", `find . -wholename './.claude/*' -delete`},
		{"deny", `docker cp app:/x ~/.claude/settings.json`},
		{"deny", `docker container cp app:/etc/. /home/user/.claude`},
		{"deny", `kubectl cp ns/p:/x /home/user/.claude/settings.json`},
		{"deny", `kubectl -n prod cp p:/x ~/.config/guard/config.toml`},
		{"deny", `rclone copy remote:x ~/.claude`},
		{"deny", `git init --bare ~/.claude`},
		{"deny", `git init ~/.config/guard`},
		{"deny", "git apply --directory=.claude <<'EOF'\n--- a/settings.json\n+++ b/settings.json\n@@ -1 +1 @@\n-{}\n+{\"x\":1}\nEOF"},
		{"deny", `git apply --directory=.claude fix.patch`},
		{"", `split -l 100 big.txt part-`},
		{"", `docker cp ./build app:/srv`},
		{"", `docker cp app:/var/log/app.log ./logs/`},
		{"", `kubectl cp ./x ns/p:/tmp/x`},
		{"", `mount`},
		{"", `find . -path './build/*' -delete`},
		{"", `rsync -a --remove-source-files out/ /backup/`},
		{"", `git init`},
		{"", `git apply --check fix.patch`},
		{"", `vim -es -c 'wq' src/main.go`},
		// bash's patterns, ** included, skip hidden names unless dotglob
		// is on; the command may turn it on.
		{"", `rm -f ./**/*.pyc`},
		{"", `rm -rf ./**/__pycache__`},
		{"", `echo x > ./*/settings.json`},
		{"deny", `echo x > .*/settings.json`},
		{"deny", `shopt -s dotglob; echo x > ./*/settings.json`},
		{"deny", `shopt -s nullglob dotglob globstar; rm -f ./**/*.json`},
		{"deny", `shopt -s $opt; echo x > ./*/settings.json`},
		{"deny", `GLOBIGNORE=.; echo x > ./*/settings.json`},
		{"maybe", `echo x > "$d"/**/settings.json`},
		{"deny", `find . -name '*.json' -delete`},
		// Byte-code caches and folder metadata come back by themselves:
		// deleting them, even under .codex or .claude/hooks, is allowed;
		// writing them is not, nor deleting anything else there.
		{"", `shopt -s globstar dotglob; rm -rf ./**/*.pyc`},
		{"", `shopt -s globstar dotglob; rm -rf ./**/__pycache__`},
		{"", `python3 -c "import pathlib; [p.unlink() for p in pathlib.Path('.').rglob('*.pyc')]"`},
		{"", `python3 -c "import pathlib, shutil; [shutil.rmtree(p) for p in pathlib.Path('.').rglob('__pycache__')]"`},
		{"", `rm -rf .claude/hooks/__pycache__ .codex/.DS_Store`},
		{"", `rm -f .claude/hooks/*.pyc`},
		{"deny", `shopt -s globstar dotglob; rm -rf ./**/*.sh`},
		{"deny", `shopt -s globstar dotglob; rm -rf ./**/hooks`},
		{"deny", `python3 -c "import pathlib; [p.unlink() for p in pathlib.Path('.').rglob('*.json')]"`},
		{"deny", `python3 -c "import pathlib; [p.unlink() for p in pathlib.Path('.').rglob('*.toml')]"`},
		{"deny", `python3 -c "import pathlib, shutil; [shutil.rmtree(p) for p in pathlib.Path('.').rglob('hooks')]"`},
		{"deny", `rm -f .claude/hooks/*`},
		{"deny", `rm -rf .c*/`},
		{"deny", `rm -rf .codex/__pycache__/..`},
		{"deny", `cp evil.pyc .claude/hooks/__pycache__/hook.cpython-312.pyc`},
		{"deny", `cp -r evil .claude/hooks/__pycache__`},
		{"deny", `ln -sf /tmp/x .claude/hooks/__pycache__`},
		// find -exec rm {} deletes what find finds, as -delete does.
		{"deny", `find . -type d -name hooks -exec rm -rf {} +`},
		{"deny", `find . -name '*.json' -exec rm {} \;`},
		{"deny", `find . -name '.c*' -exec sudo rm -r -f {} +`},
		{"deny", `find . -path '*/.claude/*' -execdir rm -f {} +`},
		{"", `find . -name '*.pyc' -exec rm -f {} +`},
		{"", `find . -name __pycache__ -type d -exec rm -rf {} +`},
		{"", `find . -name node_modules -prune -exec rm -rf {} +`},
		{"", `find . -name '*.json' -exec cat {} \;`},
		{"", `find . -name hooks -exec ls -la {} +`},
	} {
		got, why := verdict(t, tc.cmd, testDir)
		if got != tc.want {
			t.Errorf("%s: got %q, want %q (%s)", tc.cmd, got, tc.want, why)
		}
	}
}

func TestFromCode(t *testing.T) {
	c := testChecker(testDir)
	for _, tc := range []struct{ want, lang, code string }{
		{"deny", "python", `open("/home/user/.claude/settings.json","w").write("{}")`},
		{"deny", "python", `open('/home/user/.claude/settings.json', mode='a')`},
		{"deny", "python", `import os; open(os.path.expanduser("~/.claude/settings.json"), "w")`},
		{"deny", "python", `import os; p = os.path.join(os.environ["HOME"], ".claude", "settings.json"); open(p, "w").write("{}")`},
		{"deny", "python", `from pathlib import Path; (Path.home() / ".claude" / "settings.json").write_text("{}")`},
		{"deny", "python", `from pathlib import Path; Path("/home/user/.config/guard/config.toml").write_text("")`},
		{"deny", "python", `import pathlib; pathlib.Path('~/.claude/settings.json').expanduser().unlink()`},
		{"deny", "python", `import os; os.remove('/home/user/.local/state/guard/log.jsonl')`},
		{"deny", "python", `import os; os.unlink('/home/user/.claude/settings.json')`},
		{"deny", "python", `import os; os.rename('/tmp/x', '/home/user/.claude/settings.json')`},
		{"deny", "python", `import os; os.replace('/home/user/.claude/settings.json', '/tmp/x')`},
		{"deny", "python", `import shutil; shutil.rmtree('/home/user/.config/guard')`},
		{"deny", "python", `import shutil; shutil.copy('settings.json', '/home/user/.claude')`},
		{"deny", "python", `import shutil; shutil.move('/home/user/.claude', '/tmp/c')`},
		{"deny", "python", `import os; os.symlink('/tmp/x', '/home/user/.claude/settings.json')`},
		{"deny", "python", `import os; os.symlink('/home/user/.claude/settings.json', 'x')`},
		{"deny", "python", `d = "/home/user/.claude"; open(d + "/settings.json", "w")`},
		{"maybe", "python", `open(f"{home}/.claude/settings.json", "w")`},
		{"deny", "node", `require('fs').writeFileSync('/home/user/.claude/settings.json', '{}')`},
		{"deny", "node", `const fs = require('fs'); fs.unlinkSync('/home/user/.local/state/guard/log.jsonl')`},
		{"deny", "node", `fs.renameSync('/home/user/.claude/settings.json', '/tmp/x')`},
		{"deny", "node", `fs.rmSync('/home/user/.config/guard', {recursive: true})`},
		{"deny", "node", "const os = require('os'); fs.writeFileSync(os.homedir() + '/.claude/settings.json', '{}')"},
		{"deny", "node", "fs.writeFileSync(path.join(os.homedir(), '.claude', 'settings.json'), '{}')"},
		{"deny", "node", "fs.writeFileSync(`${os.homedir()}/.claude/settings.json`, '{}')"},
		{"deny", "node", "fs.symlinkSync('/tmp/x', '/home/user/.claude/settings.json')"},
		{"deny", "ruby", `File.write("/home/user/.claude/settings.json", "{}")`},
		{"deny", "ruby", `File.delete(File.expand_path("~/.claude/settings.json"))`},
		{"deny", "ruby", `File.open("/home/user/.config/guard/config.toml", "w") { |f| f.puts "" }`},
		{"deny", "ruby", `require "fileutils"; FileUtils.rm_rf("/home/user/.config/guard")`},
		{"deny", "ruby", `File.write "/home/user/.claude/settings.json", "{}"`},
		{"deny", "perl", `unlink "/home/user/.claude/settings.json"`},
		{"deny", "perl", `unlink("$ENV{HOME}/.claude/settings.json")`},
		{"deny", "perl", `open(my $f, ">", "/home/user/.claude/settings.json"); print $f "{}"`},
		{"deny", "perl", `open(F, ">/home/user/.claude/settings.json")`},
		{"deny", "perl", `open my $f, '>>', '/home/user/.local/state/guard/log.jsonl'`},
		{"deny", "perl", `rename "/home/user/.claude/settings.json", "/tmp/x"`},
		{"deny", "php", `file_put_contents("/home/user/.claude/settings.json", "{}");`},
		{"deny", "php", `unlink('/home/user/.config/guard/config.toml');`},
		{"maybe", "python", `open("/home/user/.claude/settings.json", m)`},
		{"maybe", "python", `open(os.path.join(base, ".claude", "settings.json"), "w")`},
		{"", "python", `open("/home/user/.claude/settings.json").read()`},
		{"", "python", `open("/home/user/.claude/settings.json", "r")`},
		{"", "python", `import json,sys; print(json.load(sys.stdin)["version"])`},
		{"", "python", `open("out.txt", "w").write("x")`},
		{"", "python", `os.remove("build/x.o")`},
		{"", "node", `fs.readFileSync('/home/user/.claude/settings.json')`},
		{"", "node", `fs.writeFileSync('dist/out.js', code)`},
		{"", "ruby", `puts File.read("/home/user/.claude/settings.json")`},
		{"", "perl", `open(my $f, "<", "/home/user/.claude/settings.json")`},
		{"", "perl", `print "hello\n"`},
	} {
		got, why := "", ""
		for _, tg := range FromCode(tc.lang, tc.code) {
			h, ok := c.Lands(tg, testDir)
			if !ok {
				continue
			}
			why = tg.What + " " + h.Where
			if h.Certain {
				got = "deny"
				break
			}
			got = "maybe"
		}
		if got != tc.want {
			t.Errorf("%s %s: got %q, want %q (%s; targets %v)", tc.lang, tc.code, got, tc.want, why, FromCode(tc.lang, tc.code))
		}
	}
}

func TestInterpreterInvocations(t *testing.T) {
	for _, tc := range []struct{ want, cmd string }{
		{"deny", `python3 -c 'open("/home/user/.claude/settings.json","w").write("{}")'`},
		{"deny", `python3 -Sc 'import os; os.remove("/home/user/.local/state/guard/log.jsonl")'`},
		{"deny", "python3 - <<'EOF'\nopen('/home/user/.claude/settings.json', 'w').write('{}')\nEOF"},
		{"deny", "python3 <<'EOF'\nopen('/home/user/.claude/settings.json', 'w').write('{}')\nEOF"},
		{"deny", `node -e 'require("fs").unlinkSync("/home/user/.claude/settings.json")'`},
		{"deny", `node --eval 'require("fs").writeFileSync("/home/user/.claude/settings.json", "{}")'`},
		{"deny", `perl -e 'unlink "/home/user/.claude/settings.json"'`},
		{"deny", `perl -pi -e 's/guard/true/' ~/.claude/settings.json`},
		{"deny", `perl -i.bak -pe 's/guard/true/' /home/user/.claude/settings.json`},
		{"deny", `ruby -e 'File.write("/home/user/.claude/settings.json", "{}")'`},
		{"deny", `php -r 'unlink("/home/user/.claude/settings.json");'`},
		{"deny", `awk 'BEGIN{print "" > "/home/user/.claude/settings.json"}'`},
		{"deny", `gawk -i inplace '{print}' /home/user/.claude/settings.json`},
		{"deny", `sudo python3 -c 'import shutil; shutil.rmtree("/home/user/.config/guard")'`},
		{"", `python3 -c 'print(1)'`},
		{"", `python3 script.py /home/user/.claude/settings.json`},
		{"", `perl -ne 'print if /x/' /home/user/.claude/settings.json`},
		{"", `awk '{print $1}' /home/user/.claude/settings.json`},
	} {
		got, why := verdict(t, tc.cmd, testDir)
		if got != tc.want {
			t.Errorf("%s: got %q, want %q (%s)", tc.cmd, got, tc.want, why)
		}
	}
}

func TestProtected(t *testing.T) {
	env := map[string]string{"CODEX_HOME": "/opt/codex", "CLAUDE_CONFIG_DIR": "/srv/claude", "GEMINI_CLI_HOME": "relative/ignored"}
	got := Protected(testHome, "/home/user/project/sub", func(k string) string { return env[k] }, "/usr/local/bin/guard")
	for _, want := range []string{
		"/etc/guard", "/home/user/.config/guard", "/home/user/.local/state/guard", "/home/user/.claude/settings.json",
		"/home/user/.claude.json", "/home/user/.codex/config.toml", "/home/user/.gemini/settings.json", "/home/user/.cursor/hooks.json",
		"/home/user/project/sub/.claude/settings.json", "/home/user/project/.claude/settings.local.json",
		"/home/user/project/.codex", "/home/.claude/settings.json", "/.claude/settings.json",
		"/opt/codex/config.toml", "/opt/codex/hooks.json", "/srv/claude/settings.json", "/usr/local/bin/guard",
	} {
		found := false
		for _, g := range got {
			if g == want {
				found = true
			}
		}
		if !found {
			t.Errorf("Protected lacks %s", want)
		}
	}
	for _, g := range got {
		if strings.Contains(g, "relative") {
			t.Errorf("a relative GEMINI_CLI_HOME was taken: %s", g)
		}
	}
}

func TestCodeFromParser(t *testing.T) {
	// A script the command writes and then runs is the parser's Code.
	for _, tc := range []struct{ want, cmd string }{
		{"deny", "cat > /tmp/x.py <<'EOF'\nopen('/home/user/.claude/settings.json', 'w').write('{}')\nEOF\npython3 /tmp/x.py"},
		{"deny", `echo 'require("fs").rmSync("/home/user/.config/guard", {recursive: true})' | node`},
	} {
		got, why := verdict(t, tc.cmd, testDir)
		if got != tc.want {
			t.Errorf("%s: got %q, want %q (%s)", tc.cmd, got, tc.want, why)
		}
	}
}

func TestApplyPatch(t *testing.T) {
	patch := "*** Begin Patch\n*** Update File: src/main.go\n@@\n-a\n+b\n*** Add File: .claude/settings.local.json\n+{}\n*** Update File: notes.md\n*** Move to: /home/user/.config/guard/config.toml\n*** Delete File: old.txt\n*** End Patch\n"
	got := ApplyPatchFiles(patch)
	want := []PatchFile{{Path: "src/main.go"}, {Path: ".claude/settings.local.json"}, {Path: "notes.md"},
		{Path: "/home/user/.config/guard/config.toml", From: "notes.md"}, {Path: "old.txt", Delete: true}}
	if len(got) != len(want) {
		t.Fatalf("ApplyPatchFiles = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("file %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, tc := range []struct{ want, cmd string }{
		{"deny", "apply_patch '*** Begin Patch\n*** Add File: .claude/settings.local.json\n+{}\n*** End Patch'"},
		{"deny", "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: /home/user/.codex/config.toml\n*** End Patch\nEOF"},
		{"", "apply_patch '*** Begin Patch\n*** Update File: src/main.go\n@@\n-a\n+b\n*** End Patch'"},
	} {
		if got, why := verdict(t, tc.cmd, testDir); got != tc.want {
			t.Errorf("%q: got %q, want %q (%s)", tc.cmd, got, tc.want, why)
		}
	}
}

func TestGlobHiddenNames(t *testing.T) {
	for _, tc := range []struct{ want, cmd string }{
		// A glob does not match a hidden name, as in bash.
		{"", `cp -r template/* .`},
		{"", `cp template/* .`},
		{"", `rm -rf ./*`},
		{"deny", `rm -rf ./.*`},
		{"deny", `rm -rf ~/.c*`},
		{"deny", `echo x > ~/.config/*/config.toml`},
		// A directory's content, hidden names included.
		{"maybe", `cp -a /tmp/x/. .`},
		{"deny", `cp -a /tmp/x/. ~`},
	} {
		if got, why := verdict(t, tc.cmd, testDir); got != tc.want {
			t.Errorf("%s: got %q, want %q (%s)", tc.cmd, got, tc.want, why)
		}
	}
}

// TestLater: the files whose code runs later without guard seeing it.
func TestLater(t *testing.T) {
	c := &Checker{Dir: testDir, Home: testHome, Protected: Later(testHome, testDir)}
	for _, tc := range []struct {
		want bool
		cmd  string
	}{
		{true, `echo 'export PATH=$HOME/bin:$PATH' >> ~/.bashrc`},
		{true, `sed -i '1i x' ~/.zshenv`},
		{true, `cp x ~/.config/fish/conf.d/x.fish`},
		{true, `cp hook.sh .git/hooks/pre-commit`},
		{true, `echo x > ../.git/hooks/post-checkout`},
		{true, `echo '[core]' >> .git/config`},
		{true, `tee /etc/profile.d/x.sh`},
		{false, `cat ~/.bashrc > /tmp/x`},
		{false, `rm -rf .git`},
		{false, `git init`},
		{false, `echo x > notes.txt`},
	} {
		got := false
		for _, inv := range parse.Command(tc.cmd, parse.Options{Dir: testDir, Home: testHome}) {
			for _, tg := range Of(inv, testHome) {
				if h, ok := c.Lands(tg, inv.Dir); ok && !h.Above {
					got = true
				}
			}
		}
		if got != tc.want {
			t.Errorf("%s: %v, want %v", tc.cmd, got, tc.want)
		}
	}
	for _, tc := range []struct {
		cmd, want string
	}{
		{`git config core.hooksPath .githooks`, ".githooks"},
		{`git config --local core.hookspath /tmp/h`, "/tmp/h"},
		{`git config set core.hooksPath x`, "x"},
		{`git -c core.hooksPath=/tmp/h commit -m x`, "/tmp/h"},
		{`git config --file .gitconfig core.hooksPath y`, "y"},
		{`git config --get core.hooksPath`, ""},
		{`git config --unset core.hooksPath`, ""},
		{`git config user.name x`, ""},
	} {
		got := ""
		for _, inv := range parse.Command(tc.cmd, parse.Options{Dir: testDir, Home: testHome}) {
			if w, ok := HooksPath(inv); ok {
				got = w.Value
			}
		}
		if got != tc.want {
			t.Errorf("HooksPath(%s) = %q, want %q", tc.cmd, got, tc.want)
		}
	}
}
