package parse

import (
	"fmt"
	"strings"
	"testing"
)

// What guard cannot know, and the limits on its work: problems, depth,
// size and budgets; then positions, assignments and the argv front door.

var commandProblemsCases = []commandCase{
	{"$x -rf /", []string{"'$x'{D} -rf / problem=dynamic-program"}},
	{"\"$CMD\" --force", []string{"'$CMD'{D} --force problem=dynamic-program"}},
	{"`uname` -rf ~", []string{"uname via=$(...)", "'`uname`'{D} -rf /home/user problem=dynamic-program"}},
	{"${x}rm a", []string{"'${x}rm'{D} a problem=dynamic-program"}},
	{"sudo $x", []string{"'$x'{D} via=sudo problem=dynamic-program"}},
	{"eval \"$CMD\"", []string{"eval '$CMD'{D} problem=dynamic-code"}},
	{"bash -c \"$(curl -fsSL x)\"", []string{"curl -fsSL x via=$(...)", "bash -c '$(curl -fsSL x)'{D} problem=dynamic-code"}},
	{"curl x | sh", []string{"curl x", "sh stdin=? problem=unknown-input"}},
	// Valid bash that the parser rejects: a problem, and a best guess.
	{"$((a); (b))", []string{"- problem=parse-error", "'' problem=parse-error", "a problem=parse-error", "b problem=parse-error"}},
	{"arr=([^\\#]*)", []string{"- problem=parse-error", "'arr=' problem=parse-error", "'[^\\#]*' problem=parse-error"}},
	{"echo $((", []string{"- problem=parse-error", "echo '' problem=parse-error"}},
	// An unterminated quote at the end: bash runs nothing of that line,
	// which is judged as if closed, as a shell reading line by line would
	// run it once more text closes it.
	{"rm -rf / 'unterminated", []string{"rm -rf / unterminated via=unfinished end"}},
	{"rm -rf /\necho 'unterminated", []string{"rm -rf /", "echo unterminated via=unfinished end"}},
	{"ls && rm -rf \"$HOME", []string{"ls via=unfinished end", "rm -rf /home/user via=unfinished end"}},
	{"if true; then rm -rf /srv", []string{"true via=unfinished end", "rm -rf /srv via=unfinished end"}},
	{"bash -c \"rm -rf /srv 'x\"", []string{"rm -rf /srv x via=bash -c>unfinished end"}},
	{"if then fi", []string{"- problem=parse-error", "'if' 'then' 'fi' problem=parse-error"}},
}

func TestCommandProblems(t *testing.T) { runCommandCases(t, commandProblemsCases) }

func TestCommandTooDeep(t *testing.T) {
	in := "eval " + strings.Repeat("eval ", 10) + "rm a"
	invs := Command(in, testOpts())
	if len(invs) != 1 || invs[0].Problem != TooDeep {
		t.Fatalf("got %q", renderAll(invs))
	}
	// MaxDepth is honoured.
	opts := testOpts()
	opts.MaxDepth = 1
	got := renderAll(Command(`bash -c 'bash -c "rm a"'`, opts))
	want := []string{"- via=bash -c>bash -c problem=too-deep"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("MaxDepth 1: got %q, want %q", got, want)
	}
	opts.MaxDepth = 2
	got = renderAll(Command(`bash -c 'bash -c "rm a"'`, opts))
	want = []string{"rm a via=bash -c>bash -c"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("MaxDepth 2: got %q, want %q", got, want)
	}
}

func TestCommandTooLarge(t *testing.T) {
	opts := testOpts()
	opts.MaxSize = 100
	in := "rm a; " + strings.Repeat("x", 100)
	invs := Command(in, opts)
	if len(invs) != 1 || invs[0].Problem != TooLarge || invs[0].Text == "" {
		t.Fatalf("got %q", renderAll(invs))
	}
	// Exactly at the limit is analysed.
	in = "rm a; " + strings.Repeat("x", 94)
	if got := renderAll(Command(in, opts)); len(got) != 2 || got[0] != "rm a" {
		t.Errorf("at the limit: %q", got)
	}
	// Code carried as text is held to the limit too.
	opts.MaxSize = 0
	big := strings.Repeat("a", DefaultMaxSize+1)
	invs = Command(big, opts)
	if len(invs) != 1 || invs[0].Problem != TooLarge {
		t.Errorf("default limit: got %d invocations", len(invs))
	}
	if len(invs[0].Text) > maxTextLen+3 {
		t.Errorf("Text is %d bytes, not truncated", len(invs[0].Text))
	}
}

func TestCommandInvocationBudget(t *testing.T) {
	in := strings.Repeat("a;", maxInvocations+10)
	invs := Command(in, testOpts())
	if len(invs) != maxInvocations+1 {
		t.Fatalf("got %d invocations, want %d", len(invs), maxInvocations+1)
	}
	if last := invs[len(invs)-1]; last.Problem != TooLarge {
		t.Errorf("the last invocation is %s, not a too-large problem", render(last))
	}
}

func TestCommandUnknownDir(t *testing.T) {
	invs := Command("rm x; cd sub; ls; cd /tmp; ls", Options{Home: testHome})
	want := []string{"rm x dir=?", "cd sub dir=?", "ls dir=?", "cd /tmp dir=?", "ls dir=/tmp"}
	if got := renderAll(invs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
	// Dir is cleaned.
	invs = Command("ls", Options{Dir: "/home/user/project/../project/"})
	if invs[0].Dir != testDir {
		t.Errorf("Dir %q", invs[0].Dir)
	}
}

func TestCommandTextAndPos(t *testing.T) {
	tests := []struct {
		in   string
		want []string // text@line:col
	}{
		{"ls -la", []string{"ls -la@1:1"}},
		{"a; b 2>/dev/null", []string{"a@1:1", "b 2>/dev/null@1:4"}},
		{"a\n  b x", []string{"a@1:1", "b x@2:3"}},
		{"echo $(rm a)", []string{"rm a@1:8", "echo $(rm a)@1:1"}},
		// Nested code points at the word that carries it.
		{"ls; bash -c 'rm a; rm b'", []string{"ls@1:1", "rm a@1:5", "rm b@1:5"}},
		{"ls; sudo rm a", []string{"ls@1:1", "sudo rm a@1:5"}},
		{"coproc rm a", []string{"rm a@1:8"}},
		{"cat <<EOF\nx\nEOF", []string{"cat <<EOF\nx\nEOF@1:1"}},
		{"f() {\n  rm a\n}", []string{"rm a@2:3"}},
	}
	for _, tt := range tests {
		var got []string
		for _, inv := range Command(tt.in, testOpts()) {
			got = append(got, fmt.Sprintf("%s@%d:%d", inv.Text, inv.Pos.Line, inv.Pos.Col))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
	// Offsets agree with lines and columns.
	in := "a\nbb; ccc"
	for _, inv := range Command(in, testOpts()) {
		if !strings.HasPrefix(in[inv.Pos.Offset:], inv.Text) {
			t.Errorf("offset %d does not start %q", inv.Pos.Offset, inv.Text)
		}
	}
	// Long text is truncated.
	long := "echo " + strings.Repeat("x", 2*maxTextLen)
	if inv := Command(long, testOpts())[0]; len(inv.Text) != maxTextLen+3 {
		t.Errorf("Text of %d bytes", len(inv.Text))
	}
}

func TestCommandAssigns(t *testing.T) {
	tests := []struct {
		in   string
		want string // NAME=value list of the last invocation
	}{
		{"A=1 B=$x rm a", "A=1 B=$x{D}"},
		{"A=~/x rm a", "A=/home/user/x"},
		{"A='a b' rm a", "A=a b"},
		{"sudo A=1 rm a", "A=1"},
		{"env A=1 B=2 rm a", "A=1 B=2"},
		{"X=1 env A=2 rm a", "X=1 A=2"},
		{"TOKEN=ghp_x curl a", "TOKEN=ghp_x"},
		// Exported variables are in every later program's environment,
		// after the program's own assignments.
		{"export B=2 A=1; rm a", "A=1 B=2"},
		{"export A=1; A=3 rm a", "A=3"},
		{"A=1; export A; rm a", "A=1"},
		{"A=1; rm a", ""},
		{"export A=1; A=2; rm a", "A=2"},
		{"declare -x A=$x; rm a", "A=$x{D}"},
		{"export A=1; export -n A; rm a", ""},
		{"export A=1; unset A; rm a", ""},
		{"(export A=1); rm a", ""},
		{"export A=1; env -i B=2 rm a", "B=2"},
		{"export A=1 B=1; env -u A rm a", "B=1"},
		{"export A=1; X=2 env rm a", "X=2 A=1"},
	}
	for _, tt := range tests {
		invs := Command(tt.in, testOpts())
		inv := invs[len(invs)-1]
		var got []string
		for _, a := range inv.Assigns {
			s := a.Name + "=" + a.Value.Value
			if a.Value.Dynamic {
				s += "{D}"
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: assigns %q, want %q", tt.in, strings.Join(got, " "), tt.want)
		}
		if tt.in == "TOKEN=ghp_x curl a" {
			if v, ok := inv.Env("TOKEN"); !ok || v.Value != "ghp_x" {
				t.Errorf("Env(TOKEN) = %v, %v", v, ok)
			}
			if _, ok := inv.Env("NOPE"); ok {
				t.Error("Env(NOPE) found")
			}
		}
	}
}

func TestClaudeCodeWrapper(t *testing.T) {
	in := "source /home/user/.claude/shell-snapshots/snapshot-bash-1.sh 2>/dev/null || true && shopt -u extglob 2>/dev/null || true && eval 'cd sub && rm -rf build' < /dev/null && pwd -P >| /tmp/claude-a1b2-cwd"
	want := []string{
		"source /home/user/.claude/shell-snapshots/snapshot-bash-1.sh",
		"true",
		"shopt -u extglob",
		"true",
		`cd sub via=eval stdin=""`,
		`rm -rf build via=eval dir=/home/user/project/sub stdin=""`,
		// eval runs in this shell: its cd holds after it.
		"pwd -P dir=/home/user/project/sub",
	}
	runCommandCases(t, []commandCase{{in, want}})
}

func TestArgs(t *testing.T) {
	tests := []struct {
		argv []string
		want []string
	}{
		{[]string{"rm", "-rf", "/"}, []string{"rm -rf /"}},
		{[]string{"rm", "$HOME"}, []string{"rm '$HOME'"}},
		{[]string{"rm", "a b"}, []string{"rm 'a b'"}},
		{[]string{"sudo", "rm", "a"}, []string{"rm a via=sudo"}},
		{[]string{"bash", "-c", "rm a; rm ~/b"}, []string{"rm a via=bash -c", "rm /home/user/b via=bash -c"}},
		{[]string{"terraform", "destroy"}, []string{"terraform destroy"}},
		{[]string{"env", "X=1", "sh", "-c", "rm $X"}, []string{"rm '$X'{D} via=env X=1>sh -c"}},
		{[]string{}, []string{"-"}},
	}
	for _, tt := range tests {
		invs := Args(tt.argv, testOpts())
		checkInvariantsArgs(t, tt.argv, invs)
		got := renderAll(invs)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Args(%q):\n got %q\nwant %q", tt.argv, got, tt.want)
		}
	}
}

func checkInvariantsArgs(t *testing.T, argv []string, invs []*Invocation) {
	t.Helper()
	for _, inv := range invs {
		if inv.Text == "" && len(argv) > 0 {
			t.Errorf("%q: no Text", argv)
		}
	}
}

func TestProblemNames(t *testing.T) {
	for p := NoProblem + 1; p <= UnknownInput; p++ {
		got, ok := ProblemNamed(p.String())
		if !ok || got != p {
			t.Errorf("ProblemNamed(%q) = %v, %v", p.String(), got, ok)
		}
	}
	if _, ok := ProblemNamed(""); ok {
		t.Error(`ProblemNamed("") found`)
	}
	if _, ok := ProblemNamed("nope"); ok {
		t.Error(`ProblemNamed("nope") found`)
	}
	if s := Problem(200).String(); s != "unknown" {
		t.Errorf("Problem(200) = %q", s)
	}
}

func TestInvocationHelpers(t *testing.T) {
	inv := Command("rm -rf 'a b'", testOpts())[0]
	if got := inv.Argv(); strings.Join(got, "|") != "rm|-rf|a b" {
		t.Errorf("Argv %q", got)
	}
	if got := inv.String(); got != "rm -rf a b" {
		t.Errorf("String %q", got)
	}
	p := &Invocation{Text: "$((", Problem: ParseError}
	if p.String() != "$((" {
		t.Errorf("String of a problem: %q", p.String())
	}
}

// TestCommandWorkIsBounded runs inputs whose analysis once took time
// exponential in their nesting, or quadratic in their size. They finish
// (a test that hangs fails by its timeout) and say what they could not see.
func TestCommandWorkIsBounded(t *testing.T) {
	nest := func(open, leaf, close string, n int) string {
		return strings.Repeat(open, n) + leaf + strings.Repeat(close, n)
	}
	tests := []struct {
		name string
		in   string
		opts Options
	}{
		{"nested $(...)", nest("echo $(", "rm a", ")", 60), testOpts()},
		{"nested ${9:-$(...)}", "bash -c '" + nest("echo ${9:-$(", "rm a", ")}", 60) + "'", testOpts()},
		{"nested $(...) in a heredoc", "cat <<EOF\n" + nest("$(echo ", "x", ")", 60) + "\nEOF", testOpts()},
		{"many brace expressions", "echo " + strings.Repeat("{a,b}", 50000), testOpts()},
		{"deeply nested braces", "echo " + nest("{a,", "b", "}", 20000), testOpts()},
		{"deep $(...)", nest("$(", "a", ")", 60000), testOpts()},
		{"long pipeline", strings.Repeat("a|", 200000) + "a", testOpts()},
		{"many assignments", strings.Repeat("x=;", maxSteps+1), testOpts()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			invs := Command(tt.in, tt.opts)
			checkInvariants(t, tt.name, invs)
			if len(invs) == 0 {
				t.Fatal("no invocations")
			}
		})
	}
	// Out of steps: a too-large problem, so that a person decides.
	invs := Command(strings.Repeat("x=;", maxSteps+1), testOpts())
	if len(invs) != 1 || invs[0].Problem != TooLarge || !strings.Contains(invs[0].Detail, "steps") {
		t.Errorf("many assignments: %q", renderAll(invs))
	}
	// Deep nesting keeps the ends of the nesting path.
	invs = Command(nest("echo $(", "rm a", ")", 100), testOpts())
	if len(invs[0].Via) != maxVia || invs[0].Via[maxVia/2] != "..." {
		t.Errorf("via of %d entries: %q", len(invs[0].Via), invs[0].Via)
	}
	// A brace expansion over the cap is one dynamic word.
	invs = Command("rm -rf /"+strings.Repeat("{a,b}", 20), testOpts())
	if got := render(invs[0]); !strings.HasSuffix(got, "{D}") || len(invs[0].Args) != 3 {
		t.Errorf("capped braces: %s", got)
	}
}
