package parse

import (
	"strings"
	"testing"
)

// codeCase names the invocation (by its program) whose Code is checked,
// and the Code it must carry: "lang from text", or "" for none.
type codeCase struct {
	in, prog, want string
}

var codeCases = []codeCase{
	{`python3 -c 'print(1)'`, "python3", "python -c print(1)"},
	{`python3 -Bc 'print(1)'`, "python3", "python -c print(1)"},
	{`python3 -W ignore -c 'print(1)'`, "python3", "python -c print(1)"},
	{`python3.12 -cprint\(2\)`, "python3.12", "python -c print(2)"},
	{`python3 -m http.server`, "python3", ""},
	{`python3 script.py`, "python3", ""},
	{`perl -we 'unlink "x"'`, "perl", `perl -e unlink "x"`},
	{`perl -lne 'print' f`, "perl", "perl -e print"},
	{`perl -i.bak -pe 's/a/b/' f`, "perl", "perl -e s/a/b/"},
	{`perl -Ie 'print 1'`, "perl", "perl -e print 1"},
	{`perl -e 'print 1' -e 'print 2'`, "perl", "perl -e print 1\nprint 2"},
	{`ruby -rjson -e 'p 1'`, "ruby", "ruby -e p 1"},
	{`ruby -I lib -e 'p 1'`, "ruby", "ruby -e p 1"},
	{`node -e 'console.log(1)'`, "node", "node -e console.log(1)"},
	{`node --eval='console.log(1)'`, "node", "node --eval console.log(1)"},
	{`node -pe '1+1'`, "node", "node -e 1+1"},
	{`node -r dotenv/config -e 'x()'`, "node", "node -e x()"},
	{`bun -e 'x()'`, "bun", "node -e x()"},
	{`deno eval 'Deno.exit(0)'`, "deno", "node program Deno.exit(0)"},
	{`php -r 'echo 1;'`, "php", "php -r echo 1;"},
	{`php -d display_errors=1 -r 'echo 1;'`, "php", "php -r echo 1;"},
	{`lua -e 'print(1)'`, "lua", "lua -e print(1)"},
	{`Rscript -e 'q()'`, "Rscript", "r -e q()"},
	{`awk '{print $1}' f`, "awk", "awk program {print $1}"},
	{`awk -F: -v x=1 '{print $1}' f`, "awk", "awk program {print $1}"},
	{`gawk -f prog.awk f`, "gawk", ""},
	{"python3 <<'EOF'\nprint(1)\nEOF", "python3", "python heredoc print(1)\n"},
	{"echo 'print(1)' | python3", "python3", "python pipe from echo print(1)\n"},
	{"echo 'puts 1' | ruby -", "ruby", "ruby pipe from echo puts 1\n"},
	{"printf 'print(1)\\n' > a.py; python3 a.py", "python3", "python file a.py print(1)\n"},
	{"printf '#!/usr/bin/env python3\\nprint(1)\\n' > a; ./a", "./a", "python file ./a #!/usr/bin/env python3\nprint(1)\n"},
	{`python3 -c "$x"`, "python3", ""},
}

// interpreterCodeCases: shell-outs and deletions in interpreter code,
// with paths computed from the home directory, concatenation, argv lists
// and each language's quoting.
var interpreterCodeCases = []commandCase{
	{`python3 -c 'import shutil, os; shutil.rmtree(os.path.expanduser("~"))'`, []string{
		`python3 -c 'import shutil, os; shutil.rmtree(os.path.expanduser("~"))' code=python:-c`,
		`rm -rf /home/user via=python3 code`,
	}},
	{`python3 -c 'import shutil; from pathlib import Path; shutil.rmtree(Path.home())'`, []string{
		`python3 -c 'import shutil; from pathlib import Path; shutil.rmtree(Path.home())' code=python:-c`,
		`rm -rf /home/user via=python3 code`,
	}},
	{`python3 -c 'import shutil, os; shutil.rmtree(os.path.join(os.environ["HOME"], "projects"))'`, []string{
		`python3 -c 'import shutil, os; shutil.rmtree(os.path.join(os.environ["HOME"], "projects"))' code=python:-c`,
		`rm -rf /home/user/projects via=python3 code`,
	}},
	{`python3 -c 'from pathlib import Path; import shutil; shutil.rmtree(Path.home() / "work")'`, []string{
		`python3 -c 'from pathlib import Path; import shutil; shutil.rmtree(Path.home() / "work")' code=python:-c`,
		`rm -rf /home/user/work via=python3 code`,
	}},
	{`python3 -c 'import os; os.system("rm -rf " + os.path.expanduser("~"))'`, []string{
		`python3 -c 'import os; os.system("rm -rf " + os.path.expanduser("~"))' code=python:-c`,
		`rm -rf /home/user via=python3 code`,
	}},
	{`python3 -c 'import os; d = "/srv/data"; os.system(f"rm -rf {d}")'`, []string{
		`python3 -c 'import os; d = "/srv/data"; os.system(f"rm -rf {d}")' code=python:-c`,
		`rm -rf /srv/data via=python3 code`,
	}},
	{`python3 -c 'import os, sys; os.system("rm -rf " + sys.argv[1])'`, []string{
		`python3 -c 'import os, sys; os.system("rm -rf " + sys.argv[1])' code=python:-c`,
		`rm -rf '${EXPR}'{D} via=python3 code`,
	}},
	{`python3 -c 'import os; os.system(cmd)'`, []string{
		`python3 -c 'import os; os.system(cmd)' code=python:-c`,
		`python3 -c 'import os; os.system(cmd)' problem=dynamic-code`,
	}},
	{`python3 -c 'import subprocess; subprocess.run("rm -rf /tmp/x", shell=True)'`, []string{
		`python3 -c 'import subprocess; subprocess.run("rm -rf /tmp/x", shell=True)' code=python:-c`,
		`rm -rf /tmp/x via=python3 code`,
	}},
	{`python3 -c 'import subprocess; subprocess.check_call(["git", "push", "--force"])'`, []string{
		`python3 -c 'import subprocess; subprocess.check_call(["git", "push", "--force"])' code=python:-c`,
		`git push --force via=python3 code`,
	}},
	{`python3 -c 'import shutil, tempfile; d = tempfile.mkdtemp(); shutil.rmtree(d)'`, []string{
		`python3 -c 'import shutil, tempfile; d = tempfile.mkdtemp(); shutil.rmtree(d)' code=python:-c`,
		`rm -rf /tmp/guard-mktemp.XXXXXX via=python3 code`,
	}},
	{`python3 -c 'import shutil; shutil.rmtree(d)'`, []string{
		`python3 -c 'import shutil; shutil.rmtree(d)' code=python:-c`,
		`rm -rf '$d'{D} via=python3 code`,
	}},
	{`python3 -c 'from pathlib import Path; Path.home().joinpath(".ssh", "id_rsa").unlink()'`, []string{
		`python3 -c 'from pathlib import Path; Path.home().joinpath(".ssh", "id_rsa").unlink()' code=python:-c`,
		`rm -f /home/user/.ssh/id_rsa via=python3 code`,
	}},
	{`python3 -c 'import re; re.compile("x").match("y")'`, []string{
		`python3 -c 'import re; re.compile("x").match("y")' code=python:-c`,
	}},
	{`python3 -c 'print(open("x").read())'`, []string{
		`python3 -c 'print(open("x").read())' code=python:-c`,
	}},
	{`python3 -c 'import os; os.execvp("rm", ["rm", "-rf", "/"])'`, []string{
		`python3 -c 'import os; os.execvp("rm", ["rm", "-rf", "/"])' code=python:-c`,
		`rm -rf / via=python3 code`,
	}},
	{`python3 -c 'exec("import os; os.system(\"rm -rf /\")")'`, []string{
		`python3 -c 'exec("import os; os.system(\"rm -rf /\")")' code=python:-c`,
		`rm -rf / via=python3 code`,
	}},
	{`node -e 'require("fs").rmSync(require("os").homedir(), {recursive: true, force: true})'`, []string{
		`node -e 'require("fs").rmSync(require("os").homedir(), {recursive: true, force: true})' code=node:-e`,
		`rm -rf /home/user via=node code`,
	}},
	{`node -e 'const fs = require("fs"); fs.rmSync(process.env.HOME + "/x", {recursive: true})'`, []string{
		`node -e 'const fs = require("fs"); fs.rmSync(process.env.HOME + "/x", {recursive: true})' code=node:-e`,
		`rm -rf /home/user/x via=node code`,
	}},
	{`node -e 'const {spawn} = require("child_process"); spawn("rm", ["-rf", "/"])'`, []string{
		`node -e 'const {spawn} = require("child_process"); spawn("rm", ["-rf", "/"])' code=node:-e`,
		`rm -rf / via=node code`,
	}},
	{"node -e 'const {execSync} = require(\"child_process\"); execSync(`rm -rf ${dir}`)'", []string{
		"node -e 'const {execSync} = require(\"child_process\"); execSync(`rm -rf ${dir}`)' code=node:-e",
		`rm -rf '${dir}'{D} via=node code`,
	}},
	{`node -e 'const m = /x/.exec(s); console.log(m)'`, []string{
		`node -e 'const m = /x/.exec(s); console.log(m)' code=node:-e`,
	}},
	{`node -e 'require("child_process").exec("rm -rf /tmp/a", () => {})'`, []string{
		`node -e 'require("child_process").exec("rm -rf /tmp/a", () => {})' code=node:-e`,
		`rm -rf /tmp/a via=node code`,
	}},
	{`node -e 'const path = require("path"); require("fs").rmSync(path.join(os.homedir(), "x"), {recursive: true})'`, []string{
		`node -e 'const path = require("path"); require("fs").rmSync(path.join(os.homedir(), "x"), {recursive: true})' code=node:-e`,
		`rm -rf /home/user/x via=node code`,
	}},
	{"node -e 'await $`rm -rf ${x}`'", []string{
		"node -e 'await $`rm -rf ${x}`' code=node:-e",
		`rm -rf '${x}'{D} via=node code`,
	}},
	{`ruby -e 'require "fileutils"; FileUtils.rm_rf(Dir.home)'`, []string{
		`ruby -e 'require "fileutils"; FileUtils.rm_rf(Dir.home)' code=ruby:-e`,
		`rm -rf /home/user via=ruby code`,
	}},
	{`ruby -e 'FileUtils.rm_rf File.join(Dir.home, "x")'`, []string{
		`ruby -e 'FileUtils.rm_rf File.join(Dir.home, "x")' code=ruby:-e`,
		`rm -rf /home/user/x via=ruby code`,
	}},
	{`ruby -e 'system("rm", "-rf", "/")'`, []string{
		`ruby -e 'system("rm", "-rf", "/")' code=ruby:-e`,
		`rm -rf / via=ruby code`,
	}},
	{`ruby -e 'system "rm -rf /"'`, []string{
		`ruby -e 'system "rm -rf /"' code=ruby:-e`,
		`rm -rf / via=ruby code`,
	}},
	{`ruby -e 'dir = ENV["HOME"]; FileUtils.rm_rf(dir)'`, []string{
		`ruby -e 'dir = ENV["HOME"]; FileUtils.rm_rf(dir)' code=ruby:-e`,
		`rm -rf /home/user via=ruby code`,
	}},
	{`ruby -e 'puts %x(rm -rf #{d})'`, []string{
		`ruby -e 'puts %x(rm -rf #{d})' code=ruby:-e`,
		`rm -rf '${d}'{D} via=ruby code`,
	}},
	{`perl -e 'use File::Path; rmtree($ENV{HOME})'`, []string{
		`perl -e 'use File::Path; rmtree($ENV{HOME})' code=perl:-e`,
		`rm -rf /home/user via=perl code`,
	}},
	{`perl -e 'use File::Path qw(remove_tree); remove_tree("$ENV{HOME}/x")'`, []string{
		`perl -e 'use File::Path qw(remove_tree); remove_tree("$ENV{HOME}/x")' code=perl:-e`,
		`rm -rf /home/user/x via=perl code`,
	}},
	{`perl -e 'my $d = "/srv"; system("rm", "-rf", $d)'`, []string{
		`perl -e 'my $d = "/srv"; system("rm", "-rf", $d)' code=perl:-e`,
		`rm -rf /srv via=perl code`,
	}},
	{`perl -e 'print qx{rm -rf /}'`, []string{
		`perl -e 'print qx{rm -rf /}' code=perl:-e`,
		`rm -rf / via=perl code`,
	}},
	{`perl -e 'unlink glob("*.log")'`, []string{
		`perl -e 'unlink glob("*.log")' code=perl:-e`,
		`rm -f '*.log'{G} via=perl code`,
	}},
	{`php -r 'system("rm -rf /");'`, []string{
		`php -r 'system("rm -rf /");' code=php:-r`,
		`rm -rf / via=php code`,
	}},
	{`php -r 'unlink(getenv("HOME") . "/.bashrc");'`, []string{
		`php -r 'unlink(getenv("HOME") . "/.bashrc");' code=php:-r`,
		`rm -f /home/user/.bashrc via=php code`,
	}},
	{`php -r 'exec("rm -rf " . $dir);'`, []string{
		`php -r 'exec("rm -rf " . $dir);' code=php:-r`,
		`rm -rf '${dir}'{D} via=php code`,
	}},
	{`awk 'BEGIN { system("rm -rf /") }'`, []string{
		`awk 'BEGIN { system("rm -rf /") }' code=awk:program`,
		`rm -rf / via=awk code`,
	}},
	{`awk '{ print | "sh" }' cmds.txt`, []string{
		`awk '{ print | "sh" }' cmds.txt code=awk:program`,
		`sh via=awk code stdin=? problem=unknown-input`,
	}},
	{`awk 'BEGIN { "date" | getline d; print d }'`, []string{
		`awk 'BEGIN { "date" | getline d; print d }' code=awk:program`,
		`date via=awk code`,
	}},
	{`awk '{ print $1 }' f`, []string{
		`awk '{ print $1 }' f code=awk:program`,
	}},
	{`awk '{ system("rm " $1) }' f`, []string{
		`awk '{ system("rm " $1) }' f code=awk:program`,
		`rm '${EXPR}'{D} via=awk code`,
	}},
	{`lua -e 'os.execute("rm -rf /")'`, []string{
		`lua -e 'os.execute("rm -rf /")' code=lua:-e`,
		`rm -rf / via=lua code`,
	}},
	{`osascript -e 'do shell script "rm -rf ~/Documents"'`, []string{
		`osascript -e 'do shell script "rm -rf ~/Documents"' code=osascript:-e`,
		`rm -rf /home/user/Documents via=osascript code`,
	}},
	{`python3 -c 'print("os.system(x)")'`, []string{
		`python3 -c 'print("os.system(x)")' code=python:-c`,
	}},
	{`python3 <<'EOF'
import shutil
shutil.rmtree("/var/lib/app")
EOF`, []string{
		`python3 stdin="import shutil\nshutil.rmtree(\"/var/lib/app\")\n" code=python:heredoc`,
		`rm -rf /var/lib/app via=python3 code`,
	}},
	{`cat <<'EOF' | node
require("fs").rmSync("/srv", {recursive: true})
EOF`, []string{
		`cat stdin="require(\"fs\").rmSync(\"/srv\", {recursive: true})\n"`,
		`node stdin="require(\"fs\").rmSync(\"/srv\", {recursive: true})\n" code=node:'pipe from cat'`,
		`rm -rf /srv via=node code`,
	}},
	{`python3 -c 'import os; os.system("ls")' && echo ok`, []string{
		`python3 -c 'import os; os.system("ls")' code=python:-c`,
		`ls via=python3 code`,
		`echo ok`,
	}},
	{`perl -we 'system "rm -rf /"'`, []string{
		`perl -we 'system "rm -rf /"' code=perl:-e`,
		`rm -rf / via=perl code`,
	}},
	{`perl -lne 'print if /x/' f`, []string{
		`perl -lne 'print if /x/' f code=perl:-e`,
	}},
	{`ruby -rfileutils -e 'FileUtils.rm_rf("/")'`, []string{
		`ruby -rfileutils -e 'FileUtils.rm_rf("/")' code=ruby:-e`,
		`rm -rf / via=ruby code`,
	}},
	{`node -pe 'require("child_process").execSync("rm -rf /")'`, []string{
		`node -pe 'require("child_process").execSync("rm -rf /")' code=node:-e`,
		`rm -rf / via=node code`,
	}},
	{"deno eval 'for await (const e of Deno.readDir(\"m\")) await Deno.remove(`m/${e.name}`)'", []string{
		"deno eval 'for await (const e of Deno.readDir(\"m\")) await Deno.remove(`m/${e.name}`)' code=node:program",
		`rm -f 'm/*'{G} via=deno code`,
	}},
}

func TestInterpreterCalls(t *testing.T) { runCommandCases(t, interpreterCodeCases) }

func TestInterpreterCode(t *testing.T) {
	for _, tc := range codeCases {
		t.Run(tc.in, func(t *testing.T) {
			invs := Command(tc.in, testOpts())
			checkInvariants(t, tc.in, invs)
			var found *Invocation
			for _, inv := range invs {
				if len(inv.Args) > 0 && inv.Args[0].Value == tc.prog && len(inv.Via) == 0 {
					found = inv
				}
			}
			if found == nil {
				t.Fatalf("no invocation of %s in %s", tc.prog, strings.Join(renderAll(invs), "; "))
			}
			got := ""
			if c := found.Code; c != nil {
				got = c.Lang + " " + c.From + " " + c.Text
			}
			if got != tc.want {
				t.Errorf("Code = %q, want %q", got, tc.want)
			}
			for _, inv := range invs {
				if inv != found && inv.Code != nil && inv.Name != "printf" {
					t.Errorf("%s carries code too", render(inv))
				}
			}
		})
	}
}
