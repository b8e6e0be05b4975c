package parse

import (
	"slices"
	"testing"
)

// xargsParallelCases are the commands xargs and parallel build.
var xargsParallelCases = []commandCase{
	// xargs splits its input at blanks, but quotes and backslashes keep
	// an item whole.
	{`echo '"my dir" b\ c' | xargs rm -r`, []string{`echo '"my dir" b\ c'`, "rm -r 'my dir' 'b c' via=xargs stdin=?"}},
	{`printf "'git clean -fdx'" | xargs sh -c`, []string{`printf "'git clean -fdx'"`, "git clean -fdx via=xargs>sh -c stdin=?"}},
	// Split, the line's first word is the script; the line is what was
	// meant.
	{"echo git clean -fdx | xargs bash -ec", []string{"echo git clean -fdx", "git via=xargs>bash -c stdin=?", "git clean -fdx via=xargs>xargs line"}},
	// Input that names the script, or is the script.
	{"cat a | xargs dash", []string{"cat a", "dash via=xargs stdin=? more problem=dynamic-code"}},
	{"cat a | xargs -d '\\n' zsh -c", []string{"cat a", "zsh -c via=xargs -d \\n stdin=? more problem=dynamic-code"}},
	// parallel runs its words joined through a shell; a command written as
	// if quoted is read both ways.
	{"parallel sh -c 'shred -u {}' ::: k", []string{"shred via=parallel>sh -c", "shred -u k via=parallel (as if -q)>sh -c"}},
	{"parallel -q sh -c 'shred -u {}' ::: k", []string{"shred -u k via=parallel -q>sh -c"}},
	{"parallel -kq sh -c 'shred -u {}' ::: k", []string{"shred -u k via=parallel -kq>sh -c"}},
	{"parallel -j 2 rm {}.bak ::: a b", []string{"rm a.bak via=parallel -j 2", "rm b.bak via=parallel -j 2"}},
	{"parallel --jobs=2 -I@ mv @ @.old ::: a", []string{"mv a a.old via=parallel --jobs=2 -I@"}},
	{"ls | parallel -X gzip", []string{"ls", "gzip '$PARALLEL_ITEM'{D} via=parallel -X"}},
	// With no command, each item is a command.
	{"parallel ::: 'dropdb app' 'echo x'", []string{"parallel ::: 'dropdb app' 'echo x'", "dropdb app via=parallel", "echo x via=parallel"}},
	{"parallel -j3 ::: \"$C\"", []string{"parallel -j3 ::: '$C'{D}", "parallel -j3 ::: '$C'{D} problem=dynamic-code"}},
	{"printf 'dropdb a\\n' | parallel", []string{"printf 'dropdb a\\n'", "dropdb a via=parallel <pipe from printf"}},
	{"find . | parallel", []string{"find .", "parallel stdin=? problem=unknown-input"}},
	{"parallel :::: jobs.txt", []string{"parallel :::: jobs.txt", "parallel :::: jobs.txt problem=dynamic-code"}},
	// -S runs the jobs on other machines.
	{"parallel -S db1 dropdb ::: app", []string{"parallel -S db1 dropdb ::: app", "dropdb app via=parallel -S db1 dir=/home/user remote=parallel -S db1"}},
	{"parallel --dry-run rm ::: a", []string{"parallel --dry-run rm ::: a"}},
}

func TestXargsParallel(t *testing.T) { runCommandCases(t, xargsParallelCases) }

func TestXargsItems(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a b\tc\nd", []string{"a", "b", "c", "d"}},
		{`'a b' "c d"`, []string{"a b", "c d"}},
		{`a\ b x'y z'w`, []string{"a b", "xy zw"}},
		{`'' x`, []string{"", "x"}},
		{"   ", nil},
	}
	for _, tt := range tests {
		if got := xargsItems(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("xargsItems(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
