package parse

import "testing"

// A script the command writes and then runs is analysed as code.
var writtenScriptCases = []commandCase{
	{"echo 'rm -rf ~' > x.sh && bash x.sh", []string{
		"echo 'rm -rf ~'", "bash x.sh", "rm -rf /home/user via=bash x.sh"}},
	{"echo a > s.sh; echo b >> s.sh; source s.sh", []string{
		"echo a", "echo b", "source s.sh", "a via=source s.sh", "b via=source s.sh"}},
	{"printf '#!/bin/sh\\nrm -rf /\\n' > r.sh; ./r.sh", []string{
		`printf '#!/bin/sh\nrm -rf /\n'`, "./r.sh", "rm -rf / via=script ./r.sh"}},
	{"printf 'import shutil\\nshutil.rmtree(\"/\")\\n' > c.py; python3 c.py", []string{
		`printf 'import shutil\nshutil.rmtree("/")\n'`, "python3 c.py code=python:'file c.py'", "rm -rf / via=python3 code"}},
	// Output that is not known makes the file unknown again.
	{"echo ls > s.sh; curl -s https://x.example.com > s.sh; bash s.sh", []string{
		"echo ls", "curl -s https://x.example.com", "bash s.sh"}},
	// A file the command did not write is not read.
	{"bash other.sh", []string{"bash other.sh"}},
	// Wrappers with nothing to run (a fuzzer found script alone panicking).
	{"script", []string{"script"}},
	{"script -q", []string{"script -q"}},
	{"script -qc 'rm x' log", []string{"rm x via=script -c"}},
	{"at now <<< 'rm x'", []string{"at now stdin=\"rm x\\n\"", "rm x via=at <here-string"}},
	{"at", []string{"at"}},
	{"tmux", []string{"tmux"}},
	{"screen", []string{"screen"}},
}

func TestWrittenScripts(t *testing.T) { runCommandCases(t, writtenScriptCases) }
