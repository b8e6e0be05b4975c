package parse

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The scripts on the tests' disk.
var diskFixtures = map[string]string{
	testDir + "/cleanup.sh":       "#!/bin/bash\nrm -rf \"$1\"\n",
	testDir + "/deploy":           "#!/usr/bin/env bash\nset -e\nrm -rf ~/deploy\n",
	testDir + "/noshebang":        "rm -rf /srv/data\n",
	testDir + "/setup.sh":         "export TARGET=/srv/www\nnuke() { rm -rf \"$TARGET\"; }\nhelper() { rm -rf /; }\n",
	testDir + "/clean.py":         "import shutil, os\nshutil.rmtree(os.path.expanduser('~'))\n",
	testDir + "/tool.js":          "#!/usr/bin/env node\nrequire('child_process').execSync('rm -rf /data')\n",
	testDir + "/run.rb":           "system('rm -rf /srv')\n",
	testDir + "/rc":               "alias ls='rm -rf ~'\nrm -rf /opt/app\n",
	testDir + "/app":              "<binary>",
	testDir + "/ok.sh":            "#!/bin/sh\necho hello\nls -la\n",
	testDir + "/scripts/build.sh": "#!/bin/bash\ncd \"$(dirname \"$0\")\"\nrm -rf ./out\n",
	"/tmp/x.sh":                   "rm -rf ~\n",
	testDir + "/deploy/crontab":   "MAILTO=ops\n0 3 * * * rm -rf /srv/cron-disk\n",
	testHome + "/.claude/shell-snapshots/snapshot-bash-1.sh": "rm -rf ~\n",
}

func init() {
	for k, v := range diskFixtures {
		testFiles[k] = v
	}
}

// diskCases: scripts on disk are read and analysed; compiled programs,
// missing files and the system's scripts stay opaque.
var diskCases = []commandCase{
	{`bash cleanup.sh /srv`, []string{
		`bash cleanup.sh /srv`,
		`rm -rf /srv via=bash cleanup.sh`,
	}},
	{`sh ./cleanup.sh ~`, []string{
		`sh ./cleanup.sh /home/user`,
		`rm -rf /home/user via=sh ./cleanup.sh`,
	}},
	{`./deploy`, []string{
		`./deploy`,
		`set -e via=script ./deploy`,
		`rm -rf /home/user/deploy via=script ./deploy`,
	}},
	{`./noshebang`, []string{
		`./noshebang`,
		`rm -rf /srv/data via=script ./noshebang`,
	}},
	{`cd /tmp && ./x.sh`, []string{
		`cd /tmp`,
		`./x.sh dir=/tmp`,
		`rm -rf /home/user via=script ./x.sh dir=/tmp`,
	}},
	{`. ./env.sh; nuke`, []string{
		`. ./env.sh`,
		`nuke`,
	}},
	{`source env.sh`, []string{
		`source env.sh`,
	}},
	{`python3 clean.py`, []string{
		`python3 clean.py code=python:'file clean.py'`,
		`rm -rf /home/user via=python3 code`,
	}},
	{`node tool.js`, []string{
		`node tool.js code=node:'file tool.js'`,
		`rm -rf /data via=node code`,
	}},
	{`./tool.js`, []string{
		`./tool.js code=node:'file ./tool.js'`,
		`rm -rf /data via=node code`,
	}},
	{`ruby run.rb`, []string{
		`ruby run.rb code=ruby:'file run.rb'`,
		`rm -rf /srv via=ruby code`,
	}},
	{`BASH_ENV=rc bash -c 'echo hi'`, []string{
		`alias 'ls=rm -rf ~' via=bash -c`,
		`rm -rf /home/user via=bash -c>alias ls`,
		`rm -rf /opt/app via=bash -c`,
		`echo hi via=bash -c`,
	}},
	{`bash --rcfile rc -i`, []string{
		`alias 'ls=rm -rf ~' via=bash start-up`,
		`rm -rf /home/user via=bash start-up>alias ls`,
		`rm -rf /opt/app via=bash start-up`,
		`bash --rcfile rc -i`,
	}},
	{`ENV=./rc sh -c ls`, []string{
		`alias 'ls=rm -rf ~' via=sh -c`,
		`rm -rf /home/user via=sh -c>alias ls`,
		`rm -rf /opt/app via=sh -c`,
		`rm -rf /home/user via=sh -c>alias ls`,
	}},
	{`BASH_ENV="$F" bash -c ls`, []string{
		`bash -c ls problem=dynamic-code`,
		`ls via=bash -c`,
	}},
	{`bash < cleanup.sh`, []string{
		`rm -rf '$1'{D} via=bash <file cleanup.sh`,
	}},
	{`bash <&3`, []string{
		`bash stdin=? problem=unknown-input`,
	}},
	{`python3 < clean.py`, []string{
		`python3 stdin="import shutil, os\nshutil.rmtree(os.path.expanduser('~'))\n" code=python:'file clean.py'`,
		`rm -rf /home/user via=python3 code`,
	}},
	{`ssh h < ok.sh`, []string{
		`ssh h stdin="#!/bin/sh\necho hello\nls -la\n"`,
		`echo hello via=ssh h>ssh h <file ok.sh dir=/home/user remote=h`,
		`ls -la via=ssh h>ssh h <file ok.sh dir=/home/user remote=h`,
	}},
	{`./app --serve`, []string{
		`./app --serve`,
	}},
	{`bash missing.sh`, []string{
		`bash missing.sh`,
	}},
	{`/usr/bin/x.sh`, []string{
		`/usr/bin/x.sh`,
	}},
	{`ssh h 'bash cleanup.sh /'`, []string{
		`ssh h 'bash cleanup.sh /'`,
		`bash cleanup.sh / via=ssh h dir=/home/user remote=h`,
	}},
	{`bash ok.sh`, []string{
		`bash ok.sh`,
		`echo hello via=bash ok.sh`,
		`ls -la via=bash ok.sh`,
	}},
	{`scripts/build.sh`, []string{
		`scripts/build.sh`,
		`dirname scripts/build.sh via=script scripts/build.sh>$(...)`,
		`cd scripts via=script scripts/build.sh`,
		`rm -rf ./out via=script scripts/build.sh dir=/home/user/project/scripts`,
	}},
	{`source /home/user/.claude/shell-snapshots/snapshot-bash-1.sh 2>/dev/null || true && ls`, []string{
		`source /home/user/.claude/shell-snapshots/snapshot-bash-1.sh`,
		`true`,
		`ls`,
	}},
}

func TestScriptsOnDisk(t *testing.T) { runCommandCases(t, diskCases) }

// ReadScript reads regular text files within the limit, and refuses the
// rest at once: a FIFO with no writer, a device, a large file, a compiled
// program, a directory.
func TestReadScript(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.sh", []byte("rm -rf ~\n"))
	big := write("big.sh", []byte(strings.Repeat("#\n", MaxScript)))
	bin := write("app", append([]byte("\x7fELF\x02\x01"), make([]byte, 64)...))
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	if text, err := ReadScript(ok); err != nil || text != "rm -rf ~\n" {
		t.Errorf("ReadScript(ok.sh) = %q, %v", text, err)
	}
	for _, p := range []string{big, bin, fifo, link, dir, filepath.Join(dir, "missing")} {
		done := make(chan error, 1)
		go func() {
			_, err := ReadScript(p)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("ReadScript(%s) read it", p)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadScript(%s) hangs", p)
		}
	}
}

// A command that runs no script reads nothing.
func TestNoReadsForEverydayCommands(t *testing.T) {
	for _, cmd := range []string{"git status", "ls -la", "go test ./...", "npm run build", "/usr/bin/env", "cat x.sh", "rm -rf ./build", "echo a > s.sh"} {
		opts := testOpts()
		opts.ReadFile = func(p string) (string, error) {
			t.Errorf("%q reads %s", cmd, p)
			return "", os.ErrNotExist
		}
		Command(cmd, opts)
	}
}
