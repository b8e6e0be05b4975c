package parse

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"testing"
)

// The tests run as a user whose home is /home/user, in /home/user/project.
const (
	testHome = "/home/user"
	testDir  = "/home/user/project"
)

func testOpts() Options { return Options{Dir: testDir, Home: testHome, ReadFile: testFiles.read} }

// testDisk is a disk for tests: the script files it holds, by absolute
// path; any other file does not exist.
type testDisk map[string]string

func (d testDisk) read(name string) (string, error) {
	if text, ok := d[name]; ok {
		if text == "<binary>" {
			return "", errNotScript
		}
		return text, nil
	}
	return "", fs.ErrNotExist
}

// testFiles are the files on the tests' disk.
var testFiles = testDisk{}

// render writes an invocation on one line, for comparison in tables:
//
//	rm -rf '$x'{D} via=bash -c>sudo dir=/tmp remote=h stdin="text" more problem=dynamic-code
//
// Words are quoted as the shell would read them; {D} marks a dynamic word
// and {G} a glob. dir is shown when it is not testDir, as ? when unknown;
// stdin shows known text quoted, or ? when it is unknown; code shows the
// language and origin of the code an interpreter runs. An invocation
// with no words shows as -.
func render(inv *Invocation) string {
	var b strings.Builder
	if len(inv.Args) == 0 {
		b.WriteString("-")
	}
	for i, a := range inv.Args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(Quote(a.Value))
		if a.Dynamic {
			b.WriteString("{D}")
		}
		if a.Glob {
			b.WriteString("{G}")
		}
	}
	if len(inv.Via) > 0 {
		b.WriteString(" via=" + strings.Join(inv.Via, ">"))
	}
	switch inv.Dir {
	case testDir:
	case "":
		b.WriteString(" dir=?")
	default:
		b.WriteString(" dir=" + inv.Dir)
	}
	if inv.Remote != "" {
		b.WriteString(" remote=" + inv.Remote)
	}
	switch inv.Stdin.Kind {
	case Known:
		b.WriteString(" stdin=" + strconv.Quote(inv.Stdin.Text))
	case Unknown:
		b.WriteString(" stdin=?")
	}
	if inv.MoreArgs {
		b.WriteString(" more")
	}
	if inv.Code != nil {
		b.WriteString(" code=" + inv.Code.Lang + ":" + Quote(inv.Code.From))
	}
	if inv.Problem != NoProblem {
		b.WriteString(" problem=" + inv.Problem.String())
	}
	return b.String()
}

func renderAll(invs []*Invocation) []string {
	out := make([]string, len(invs))
	for i, inv := range invs {
		out[i] = render(inv)
	}
	return out
}

type commandCase struct {
	in   string
	want []string
}

// allCommandCases are the table tests' commands, which also seed the fuzz
// target.
func allCommandCases() [][]commandCase {
	return [][]commandCase{
		commandListsCases, commandCompoundCases, commandFunctionsCases, commandSubstitutionsCases, commandRedirectionsCases, commandDeclarationsCases, commandCdCases, commandCodeAsTextCases, commandRemoteCases, commandWrappersCases, commandXargsFindCases, commandGitTerraformCases, commandInterpretersCases, commandExpansionsCases, commandProblemsCases, commandControlFlowStateCases,
		runnerCases, interpreterCodeCases, writtenScriptCases, carrierCases, makeCases, arrayIdiomCases, bashFeatureCases, diskCases,
	}
}

func runCommandCases(t *testing.T, cases []commandCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			invs := Command(tc.in, testOpts())
			checkInvariants(t, tc.in, invs)
			got := renderAll(invs)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Command(%q):\n got:\n\t%s\nwant:\n\t%s", tc.in, strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

// checkInvariants checks what holds for every invocation of any command.
func checkInvariants(t testing.TB, in string, invs []*Invocation) {
	t.Helper()
	for _, inv := range invs {
		if inv.Text == "" && inv.Problem != TooLarge {
			t.Errorf("%q: invocation %s has no Text", in, render(inv))
		}
		if len(inv.Args) > 0 && inv.Name != programName(inv.Args[0].Value) {
			t.Errorf("%q: Name %q for program %q", in, inv.Name, inv.Args[0].Value)
		}
		if len(inv.Args) == 0 && inv.Name != "" {
			t.Errorf("%q: Name %q with no Args", in, inv.Name)
		}
		if inv.Problem != NoProblem && inv.Detail == "" {
			t.Errorf("%q: problem %s with no Detail", in, inv.Problem)
		}
		if inv.Pos.Line < 1 || inv.Pos.Col < 1 || inv.Pos.Offset < 0 {
			t.Errorf("%q: bad position %+v", in, inv.Pos)
		}
	}
}

var commandListsCases = []commandCase{
	{"", nil},
	{"# just a comment", nil},
	{"ls", []string{"ls"}},
	{"a; b", []string{"a", "b"}},
	{"a && b || c", []string{"a", "b", "c"}},
	{"a\nb\n\nc", []string{"a", "b", "c"}},
	{"a & b", []string{"a", "b"}},
	{"! a", []string{"a"}},
	{"a | b | c", []string{"a", "b stdin=?", "c stdin=?"}},
	{"a |& b", []string{"a", "b stdin=?"}},
	{"(a; b)", []string{"a", "b"}},
	{"{ a; b; }", []string{"a", "b"}},
	{"(cd /tmp && rm x); rm y", []string{"cd /tmp", "rm x dir=/tmp", "rm y"}},
	{"{ cd /tmp; }; rm y", []string{"cd /tmp", "rm y dir=/tmp"}},
	{"time rm a", []string{"rm a"}},
	{"time -p rm a", []string{"rm a"}},
	{"coproc rm a", []string{"rm a via=coproc"}},
	{"coproc NAME { rm a; }", []string{"rm a via=coproc"}},
	{"> out.txt", []string{"-"}},
	{"x=1", nil},
	{"x=1 > f", []string{"-"}},
}

func TestCommandLists(t *testing.T) { runCommandCases(t, commandListsCases) }

var commandCompoundCases = []commandCase{
	{"if a; then b; elif c; then d; else e; fi", []string{"a", "b", "c", "d", "e"}},
	{"while a; do b; done", []string{"a", "b"}},
	{"until a; do b; done", []string{"a", "b"}},
	{"while read -r f; do rm \"$f\"; done < list", []string{
		"read -r f stdin=?", "rm '$f'{D} stdin=?"}},
	{"for f in a b c; do rm $f; done", []string{"rm a", "rm b", "rm c"}},
	{"for f in a 'b c'; do rm $f; done", []string{"rm a", "rm b c"}},
	{"for f in a 'b c'; do rm \"$f\"; done", []string{"rm a", "rm 'b c'"}},
	{"for f in *.txt; do rm $f; done", []string{"rm '*.txt'{G}"}},
	{"ls /b/*.gz | while read f; do rm \"$f\"; done", []string{"ls '/b/*.gz'{G}", "read f stdin=?", "rm '/b/*.gz'{G} stdin=?"}},
	{"mapfile -t a < <(find /b -name x); rm \"${a[@]}\"", []string{"find /b -name x via=<(...)", "mapfile -t a stdin=?", "rm '/b/**/x'{G}"}},
	{"for f in $(ls); do rm $f; done", []string{"ls via=$(...)", "rm '*'{G}"}},
	{"for f in 1 2 3 4 5 6 7 8 9; do rm $f; done", []string{"rm '$f'{D}"}},
	{"for f; do rm $f; done", []string{"rm '$f'{D}"}},
	{"for d in /s/$USER/run_*; do rm -r \"$d\"; done", []string{"rm -r '/s/$USER/run_*'{D}{G}"}},
	{"for f in $FILES a; do rm $f; done", []string{"rm '$FILES'{D}", "rm a"}},
	{"for ((i=0; i<3; i++)); do rm $i; done", []string{"rm '$i'{D}"}},
	{"for ((i=$(a); i<3; i++)); do b; done", []string{"a via=$(...)", "b"}},
	{"case $x in a) rm a;; b|c) rm b;; *) rm c;; esac", []string{"rm a", "rm b", "rm c"}},
	{"case $(a) in $(b)) c;; esac", []string{"a via=$(...)", "b via=$(...)", "c"}},
	{"select x in a b; do rm $x; done", []string{"rm a", "rm b"}},
	{"[[ -f $(a) ]]", []string{"a via=$(...)"}},
	{"[[ $x == y ]] && rm z", []string{"rm z"}},
	{"(( $(a) > 1 ))", []string{"a via=$(...)"}},
	{"let x=$(a)+1", []string{"a via=$(...)"}},
	{"echo $(( $(a) + 1 ))", []string{"a via=$(...)", "echo '$(( $(a) + 1 ))'{D}"}},
}

func TestCommandCompound(t *testing.T) { runCommandCases(t, commandCompoundCases) }

var commandFunctionsCases = []commandCase{
	// Called: the body runs where it is called.
	{"f() { rm a; }; f", []string{"rm a via=function f", "f"}},
	{"function f { rm a; }; cd /tmp; f", []string{"cd /tmp", "rm a via=function f dir=/tmp", "f dir=/tmp"}},
	// Never called: the body still counts (a trap or a child may run it).
	{"f() { rm a; }", []string{"rm a via=function f"}},
	{"f() { rm \"$1\"; }", []string{"rm '$1'{D} via=function f"}},
	// Its arguments are its positional parameters.
	{"f() { rm -rf \"$1\"; }; f build; f /", []string{
		"rm -rf build via=function f", "f build", "rm -rf / via=function f", "f /"}},
	// A redefined function is looked at again.
	{"f() { rm a; }; f; f() { rm b; }; f", []string{"rm a via=function f", "f", "rm b via=function f", "f"}},
	// Recursion is walked once.
	{"f() { f; }; f", []string{"f via=function f", "f"}},
	{":(){ :|:& };:", []string{": via=function :", ": via=function : stdin=?", ":"}},
	{"a() { b; }; b() { a; }; a", []string{"a via=function a>function b", "b via=function a", "a"}},
	// A path is not a function call.
	{"rm() { echo; }; /bin/rm a", []string{"/bin/rm a", "echo via=function rm"}},
}

func TestCommandFunctions(t *testing.T) { runCommandCases(t, commandFunctionsCases) }

func TestCommandFunctionBudget(t *testing.T) {
	// f1 calls f2 twice, f2 calls f3 twice, ...: 2^20 calls if each were
	// walked, so the budget must stop it with a problem.
	var b strings.Builder
	for i := 1; i < 20; i++ {
		fmt.Fprintf(&b, "f%d() { f%d; f%d; }\n", i, i+1, i+1)
	}
	b.WriteString("f20() { x=1; }\nf1\n")
	invs := Command(b.String(), testOpts())
	found := false
	for _, inv := range invs {
		if inv.Problem == TooLarge {
			found = true
		}
	}
	if !found {
		t.Fatalf("no too-large problem in %d invocations", len(invs))
	}
}

var commandSubstitutionsCases = []commandCase{
	{"echo $(rm a) `rm b`", []string{"rm a via=$(...)", "rm b via=$(...)", "echo '$(rm a)'{D} '`rm b`'{D}"}},
	{"echo \"$(rm a)\"", []string{"rm a via=$(...)", "echo '$(rm a)'{D}"}},
	{"x=$(rm a)", []string{"rm a via=$(...)"}},
	{"echo $(echo $(rm a))", []string{"rm a via=$(...)>$(...)", "echo '$(rm a)'{D} via=$(...)", "echo '$(echo $(rm a))'{D}"}},
	{"diff <(rm a) >(rm b)", []string{"rm a via=<(...)", "rm b via=>(...)", "diff '<(rm a)'{D} '>(rm b)'{D}"}},
	{"echo ${x:-$(rm a)}", []string{"rm a via=$(...)", "echo '${x:-$(rm a)}'{D}"}},
	{"echo ${x:=$(rm a)}", []string{"rm a via=$(...)", "echo '${x:=$(rm a)}'{D}"}},
	{"echo ${x[$(rm a)]}", []string{"rm a via=$(...)", "echo '${x[$(rm a)]}'{D}"}},
	// Output that is known is used.
	{"rm \"$(echo /)\"", []string{"echo / via=$(...)", "rm /"}},
	{"rm $(printf '%s/x' /tmp)", []string{"printf %s/x /tmp via=$(...)", "rm /tmp/x"}},
	{"cd /tmp; rm -rf \"$(pwd)\"", []string{"cd /tmp", "pwd via=$(...) dir=/tmp", "rm -rf /tmp dir=/tmp"}},
	{"$(echo rm) -rf /", []string{"echo rm via=$(...)", "rm -rf /"}},
	{"$(cat f) -rf /", []string{"cat f via=$(...)", "'$(cat f)'{D} -rf / problem=dynamic-program"}},
	// A cd inside $(...) does not leak out.
	{"x=$(cd /tmp); rm y", []string{"cd /tmp via=$(...)", "rm y"}},
}

func TestCommandSubstitutions(t *testing.T) { runCommandCases(t, commandSubstitutionsCases) }

var commandRedirectionsCases = []commandCase{
	{"cat < in", []string{"cat stdin=?"}},
	{"cat < /dev/null", []string{`cat stdin=""`}},
	{"cat <<< 'rm a'", []string{`cat stdin="rm a\n"`}},
	{"cat <<< \"$x\"", []string{"cat stdin=?"}},
	{"cat < <(echo 'rm a')", []string{`echo 'rm a' via=<(...)`, `cat stdin="rm a\n"`}},
	{"cat < <(printf 'a\\n')", []string{`printf 'a\n' via=<(...)`, `cat stdin="a\n"`}},
	{"cat < <(curl x)", []string{"curl x via=<(...)", "cat stdin=?"}},
	{"python3 <(echo 'import os; os.remove(\"a\")')", []string{
		`echo 'import os; os.remove("a")' via=<(...)`,
		`python3 "<(echo 'import os; os.remove(\"a\")')"{D} code=python:"file <(echo 'import os; os.remove(\"a\")')"`,
		`rm -f a via=python3 code`,
	}},
	{"cat <<EOF\nhello $HOME\nEOF", []string{`cat stdin="hello /home/user\n"`}},
	{"cat <<EOF\n$(rm x) $HOME\nEOF", []string{"rm x via=$(...)", "cat stdin=?"}},
	{"cat <<'EOF'\n$(rm x) $HOME\nEOF", []string{`cat stdin="$(rm x) $HOME\n"`}},
	{"cat <<\"EOF\"\n$(rm x)\nEOF", []string{`cat stdin="$(rm x)\n"`}},
	{"cat <<\\EOF\n$(rm x)\nEOF", []string{`cat stdin="$(rm x)\n"`}},
	{"cat <<EOF\na \\$x \\\\ b\nEOF", []string{`cat stdin="a $x \\ b\n"`}},
	{"cat <<-EOF\n\ta\n\t\tb\n\tEOF", []string{`cat stdin="a\nb\n"`}},
	{"{ rm a; } > out", []string{"rm a"}},
	{"{ cat; } < in", []string{"cat stdin=?"}},
	{"if a; then b; fi < in", []string{"a stdin=?", "b stdin=?"}},
}

func TestCommandRedirections(t *testing.T) { runCommandCases(t, commandRedirectionsCases) }

func TestRedirectTargets(t *testing.T) {
	tests := []struct {
		in   string
		want []string // op target, for the first invocation
	}{
		{"echo x > /etc/passwd", []string{"> /etc/passwd"}},
		{"echo x >> log 2>&1", []string{">> log"}},
		{"echo x &> all", []string{"&> all"}},
		{"echo x &>> all", []string{"&>> all"}},
		{"echo x >| f", []string{">| f"}},
		{"echo x 2> err < in", []string{"> err", "< in"}},
		{"echo x > ~/f", []string{"> /home/user/f"}},
		{"echo x > \"$f\"", []string{"> $f{D}"}},
		{"echo x >&2", nil},
		{"echo x > f 2>&-", nil},
		{"cat <> f", []string{"<> f"}},
		{"{ echo x; } > f", []string{"> f"}},
		{"{ echo x > a; } > b", []string{"> b", "> a"}},
	}
	for _, tt := range tests {
		invs := Command(tt.in, testOpts())
		if len(invs) == 0 {
			t.Errorf("%q: no invocations", tt.in)
			continue
		}
		var got []string
		for _, r := range invs[0].Redirs {
			s := r.Op + " " + r.Target.Value
			if r.Target.Dynamic {
				s += "{D}"
			}
			got = append(got, s)
		}
		if tt.in == "echo x > f 2>&-" {
			// 2>&- closes a descriptor: only > f is a file.
			tt.want = []string{"> f", ">& -"}
			if len(got) == 1 {
				tt.want = []string{"> f"}
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: redirs %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedirectWrites(t *testing.T) {
	for op, want := range map[string][2]bool{
		">": {true, true}, ">>": {true, false}, ">|": {true, true}, "<>": {true, false},
		"&>": {true, true}, "&>>": {true, false}, ">&": {true, true}, "<": {false, false},
		"<<<": {false, false}, "<&": {false, false},
	} {
		r := Redirect{Op: op}
		if r.Writes() != want[0] || r.Truncates() != want[1] {
			t.Errorf("%s: Writes %v Truncates %v, want %v", op, r.Writes(), r.Truncates(), want)
		}
	}
}

var commandDeclarationsCases = []commandCase{
	{"export X=/tmp; rm $X", []string{"export 'X=/tmp'", "rm /tmp"}},
	{"export X=$(a)", []string{"a via=$(...)", "export 'X=$(a)'{D}"}},
	{"declare -r Y=$(rm a) Z", []string{"rm a via=$(...)", "declare 'Y=$(rm a)'{D}"}},
	{"local a=b; rm $a", []string{"local 'a=b'", "rm b"}},
	{"readonly R=/; rm -rf $R", []string{"readonly 'R=/'", "rm -rf /"}},
	{"typeset T=x", []string{"typeset 'T=x'"}},
	{"export A=(x $(a))", []string{"a via=$(...)", "export"}},
	{"declare -A m=([k]=$(a))", []string{"a via=$(...)", "declare"}},
	{"X=a; rm $X; X=b; rm $X", []string{"rm a", "rm b"}},
	{"X=/tmp rm $X", []string{"rm '$X'{D}"}},
	{"X=a; X+=b; rm $X", []string{"rm ab"}},
	{"X+=b; rm $X", []string{"rm '$X'{D}"}},
	{"X=build; read X; rm -rf $X", []string{"read X", "rm -rf '$X'{D}"}},
	{"REPLY=x; read; rm $REPLY", []string{"read", "rm '$REPLY'{D}"}},
	{"X=a; read -r -p 'p: ' X Y; rm $X", []string{"read -r -p 'p: ' X Y", "rm '$X'{D}"}},
	{"X=a; mapfile -t X < f; rm $X", []string{"mapfile -t X stdin=?", "rm '$X'{D}"}},
	{"X=a; printf -v X %s b; rm $X", []string{"printf -v X %s b", "rm '$X'{D}"}},
	{"X=a; unset X; rm /$X", []string{"unset X", "rm '/$X'{D}"}},
	{"X=a; getopts ab X; rm $X", []string{"getopts ab X", "rm '$X'{D}"}},
	{"X=a; (( X = 5 )); rm $X", []string{"rm '$X'{D}"}},
	{"X=a; let X++; rm $X", []string{"rm '$X'{D}"}},
}

func TestCommandDeclarations(t *testing.T) { runCommandCases(t, commandDeclarationsCases) }

// What a command changes is only known after it when every path changes
// it the same way.
var commandControlFlowStateCases = []commandCase{
	{"cd /tmp && rm a", []string{"cd /tmp", "rm a dir=/tmp"}},
	{"cd /tmp || exit; rm a", []string{"cd /tmp", "exit dir=/tmp", "rm a dir=/tmp"}},
	{"cd /tmp && ls; rm a", []string{"cd /tmp", "ls dir=/tmp", "rm a dir=/tmp"}},
	{"cd build && make && rm -rf out", []string{"cd build", "make dir=/home/user/project/build", "rm -rf out dir=/home/user/project/build"}},
	{"cd a && rm x || rm y", []string{"cd a", "rm x dir=/home/user/project/a", "rm y dir=/home/user/project/a"}},
	{"x || cd /tmp && rm a; rm b", []string{"x", "cd /tmp", "rm a dir=?", "rm b dir=?"}},
	{"cd /tmp || exit 1 && rm a", []string{"cd /tmp", "exit 1 dir=/tmp", "rm a dir=/tmp"}},
	{"X=1 && Y=2; rm $X$Y", []string{"rm 12"}},
	{"X=1 || Y=2; rm $X$Y", []string{"rm '1$Y'{D}"}},
	{"X=$(a) && Y=2; rm $Y", []string{"a via=$(...)", "rm '$Y'{D}"}},
	{"true || X=/; rm -rf /tmp/$X", []string{"true", "rm -rf '/tmp/$X'{D}"}},
	{"false && cd /tmp; rm a", []string{"false", "cd /tmp", "rm a dir=?"}},
	{"test -d x || cd /tmp; rm a", []string{"test -d x", "cd /tmp", "rm a dir=?"}},
	{"if x; then cd /tmp; fi; rm a", []string{"x", "cd /tmp", "rm a dir=?"}},
	{"if x; then cd /tmp; else cd /tmp; fi; rm a", []string{"x", "cd /tmp", "cd /tmp", "rm a dir=/tmp"}},
	{"if x; then cd /a; elif y; then cd /b; else cd /a; fi; rm a", []string{"x", "cd /a", "y", "cd /b", "cd /a", "rm a dir=?"}},
	{"if cd /tmp; then rm a; fi; rm b", []string{"cd /tmp", "rm a dir=/tmp", "rm b dir=/tmp"}},
	{"while x; do cd ..; done; rm a", []string{"x", "cd ..", "rm a dir=?"}},
	{"for d in $(ls); do cd $d; done; rm a", []string{"ls via=$(...)", "cd '*'{G}", "rm a dir=/home/user/project/*"}},
	{"for d in a b; do cd $d; done; rm x", []string{"cd a", "cd b dir=/home/user/project/a", "rm x dir=/home/user/project/a/b"}},
	{"case $x in a) cd /tmp;; esac; rm a", []string{"cd /tmp", "rm a dir=?"}},
	{"X=a; case $x in a) X=b;; b) rm $X;; esac", []string{"rm a"}},
	{"case $x in a) X=b;; *) X=b;; esac; rm $X", []string{"rm '$X'{D}"}},
	{"cd /tmp & rm a", []string{"cd /tmp", "rm a"}},
	{"X=/ & rm -rf $X", []string{"rm -rf '$X'{D}"}},
	{"cd /tmp | rm a", []string{"cd /tmp", "rm a stdin=?"}},
	{"X=/tmp/x; if c; then X=/; fi; rm -rf $X", []string{"c", "rm -rf '$X'{D}"}},
	{"X=/; c && X=/tmp/x; rm -rf $X", []string{"c", "rm -rf '$X'{D}"}},
	{"X=a; if c; then X=a; fi; rm $X", []string{"c", "rm a"}},
	{"f() { cd /tmp; }; f; rm a", []string{"cd /tmp via=function f", "f dir=/tmp", "rm a dir=/tmp"}},
}

func TestCommandControlFlowState(t *testing.T) { runCommandCases(t, commandControlFlowStateCases) }

var commandCdCases = []commandCase{
	{"cd /tmp; rm x", []string{"cd /tmp", "rm x dir=/tmp"}},
	{"cd sub/../other; rm x", []string{"cd sub/../other", "rm x dir=/home/user/project/other"}},
	{"cd ..; rm x", []string{"cd ..", "rm x dir=/home/user"}},
	{"cd; rm x", []string{"cd", "rm x dir=/home/user"}},
	{"cd ~; rm x", []string{"cd /home/user", "rm x dir=/home/user"}},
	{"cd -; rm x", []string{"cd -", "rm x dir=?"}},
	{"cd -P /tmp; rm x", []string{"cd -P /tmp", "rm x dir=/tmp"}},
	{"cd $D; rm x", []string{"cd '$D'{D}", "rm x dir=?"}},
	{"cd $D; cd /tmp; rm x", []string{"cd '$D'{D}", "cd /tmp dir=?", "rm x dir=/tmp"}},
	{"cd $D; cd sub; rm x", []string{"cd '$D'{D}", "cd sub dir=?", "rm x dir=?"}},
	{"pushd /tmp; rm x; popd; rm y", []string{"pushd /tmp", "rm x dir=/tmp", "popd dir=/tmp", "rm y dir=?"}},
	{"builtin cd /tmp; rm x", []string{"cd /tmp via=builtin", "rm x dir=/tmp"}},
	{"cd /tmp; rm $PWD/x", []string{"cd /tmp", "rm /tmp/x dir=/tmp"}},
}

func TestCommandCd(t *testing.T) { runCommandCases(t, commandCdCases) }

var commandCodeAsTextCases = []commandCase{
	{`bash -c "rm -rf /"`, []string{"rm -rf / via=bash -c"}},
	{`bash -lc "rm a"`, []string{"rm a via=bash -c"}},
	{`bash -ec "rm a"`, []string{"rm a via=bash -c"}},
	{`bash -xc "rm a"`, []string{"rm a via=bash -c"}},
	{`bash -euo pipefail -c "rm a"`, []string{"rm a via=bash -c"}},
	{`bash -c -- "rm a"`, []string{"rm a via=bash -c"}},
	{`bash -c -l "rm a"`, []string{"rm a via=bash -c"}},
	{`bash --login --norc -c "rm a"`, []string{"rm a via=bash -c"}},
	{`sh -c 'rm "$1"' _ foo`, []string{"rm foo via=sh -c"}},
	{`sh -c 'rm "$0"'`, []string{"rm sh via=sh -c"}},
	{`sh -c 'rm "$@"' _ a 'b c'`, []string{"rm a 'b c' via=sh -c"}},
	{`sh -c 'rm $2' _ a`, []string{"rm via=sh -c"}},
	{`sh -c 'rm ${2:-/}' _ a`, []string{"rm / via=sh -c"}},
	{`zsh -c 'rm a'`, []string{"rm a via=zsh -c"}},
	{`dash -c 'rm a'`, []string{"rm a via=dash -c"}},
	{`ksh -c 'rm a'`, []string{"rm a via=ksh -c"}},
	{`/bin/sh -c 'rm a'`, []string{"rm a via=sh -c"}},
	{`busybox sh -c 'rm a'`, []string{"rm a via=busybox>sh -c"}},
	{`busybox rm a`, []string{"rm a via=busybox"}},
	{`bash -c 'bash -c "rm a"'`, []string{"rm a via=bash -c>bash -c"}},
	{`zsh -c "$CMD"`, []string{"zsh -c '$CMD'{D} problem=dynamic-code"}},
	{`bash -c`, []string{"bash -c"}}, // bash reports the missing code and runs nothing
	{`zsh --no-rcs -c 'rm a'`, []string{"zsh --no-rcs -c 'rm a' problem=parse-error", "rm a via=zsh -c"}},
	{`bash -- -c 'rm a'`, []string{"bash -- -c 'rm a'"}},
	{`bash script.sh a b`, []string{"bash script.sh a b"}},
	{`bash`, []string{"bash"}},
	{`bash <(curl x)`, []string{"curl x via=<(...)", "bash '<(curl x)'{D} problem=unknown-input"}},
	// eval
	{`eval "rm a"`, []string{"rm a via=eval"}},
	{`eval rm a '&&' rm b`, []string{"rm a via=eval", "rm b via=eval"}},
	{`eval 'cd /tmp'; rm a`, []string{"cd /tmp via=eval", "rm a dir=/tmp"}},
	{`eval $CMD`, []string{"eval '$CMD'{D} problem=dynamic-code"}},
	{`eval rm "$x"`, []string{"eval rm '$x'{D} problem=dynamic-code"}},
	{`X='rm a'; eval "$X"`, []string{"rm a via=eval"}},
	// Code on stdin.
	{"cat <<EOF | bash\nrm -rf /\nEOF", []string{`cat stdin="rm -rf /\n"`, "rm -rf / via=bash <pipe from cat"}},
	// A here-document the input ends inside runs, read to the end: an
	// indented closing word does not close it without <<-.
	{"cat <<'EOF' | bash\n\trm -rf /\n\tEOF", []string{`cat stdin="\trm -rf /\n\tEOF\n"`, "rm -rf / via=bash <pipe from cat", "EOF via=bash <pipe from cat"}},
	{"bash <<'EOF'\nrm a\nEOF", []string{"rm a via=bash <heredoc"}},
	{"bash <<< 'rm b'", []string{"rm b via=bash <here-string"}},
	{"echo 'rm c' | sh", []string{"echo 'rm c'", "rm c via=sh <pipe from echo"}},
	{"echo 'rm c' | sh -s", []string{"echo 'rm c'", "rm c via=sh <pipe from echo"}},
	{"printf 'rm %s\\n' d | bash", []string{"printf 'rm %s\\n' d", "rm d via=bash <pipe from printf"}},
	{"echo cm0gLXJmIC8= | base64 -d | bash", []string{"echo 'cm0gLXJmIC8='", `base64 -d stdin="cm0gLXJmIC8=\n"`, "rm -rf / via=bash <pipe from base64"}},
	{"echo 726d2061 | xxd -r -p | sh", []string{"echo 726d2061", `xxd -r -p stdin="726d2061\n"`, "rm a via=sh <pipe from xxd"}},
	{"echo 'a mr' | rev | sh", []string{"echo 'a mr'", `rev stdin="a mr\n"`, "rm a via=sh <pipe from rev"}},
	{"curl x | bash", []string{"curl x", "bash stdin=? problem=unknown-input"}},
	{"curl x | sudo bash -s", []string{"curl x", "bash -s via=sudo stdin=? problem=unknown-input"}},
	{"bash < script.sh", []string{"bash stdin=? problem=unknown-input"}},
	{"echo \"$x\" | sh", []string{"echo '$x'{D}", "sh stdin=? problem=unknown-input"}},
	{". /dev/stdin <<< 'rm a'", []string{"rm a via=source <here-string"}},
	{"source <(curl x)", []string{"curl x via=<(...)", "source '<(curl x)'{D} problem=unknown-input"}},
	{"source ./env.sh", []string{"source ./env.sh"}},
	{"trap 'rm -rf /tmp/x' EXIT", []string{"rm -rf /tmp/x via=trap"}},
	{"trap - EXIT", []string{"trap - EXIT"}},
	{"alias ll='rm -rf'", []string{"alias 'll=rm -rf'", "rm -rf via=alias ll"}},
}

func TestCommandCodeAsText(t *testing.T) { runCommandCases(t, commandCodeAsTextCases) }

var commandRemoteCases = []commandCase{
	{"ssh db1 'rm -rf /var/lib/pg'", []string{"ssh db1 'rm -rf /var/lib/pg'", "rm -rf /var/lib/pg via=ssh db1 dir=/home/user remote=db1"}},
	{"ssh -p 22 -i key user@h rm a", []string{"ssh -p 22 -i key user@h rm a", "rm a via=ssh user@h dir=/home/user remote=user@h"}},
	{"ssh -tt -o BatchMode=yes h -- rm a", []string{"ssh -tt -o 'BatchMode=yes' h -- rm a", "rm a via=ssh h dir=/home/user remote=h"}},
	{"ssh h 'cd /srv && rm x'", []string{"ssh h 'cd /srv && rm x'", "cd /srv via=ssh h dir=/home/user remote=h", "rm x via=ssh h dir=/srv remote=h"}},
	{"ssh h", []string{"ssh h"}},
	{"ssh h \"$CMD\"", []string{"ssh h '$CMD'{D} problem=dynamic-code"}},
	{"ssh h < script.sh", []string{"ssh h stdin=?", "sh via=ssh h dir=/home/user remote=h stdin=? problem=unknown-input"}},
	{"echo 'rm a' | ssh h", []string{"echo 'rm a'", `ssh h stdin="rm a\n"`, "rm a via=ssh h>ssh h <pipe from echo dir=/home/user remote=h"}},
	{"kubectl exec -it pod -- rm -rf /data", []string{"kubectl exec -it pod -- rm -rf /data", "rm -rf /data via=kubectl exec pod dir=? remote=pod pod"}},
	{"kubectl -n prod exec pod -c app -- sh -c 'rm a'", []string{"kubectl -n prod exec pod -c app -- sh -c 'rm a'", "rm a via=kubectl exec pod -n prod>sh -c dir=? remote=pod pod"}},
	{"kubectl exec pod -- \"$CMD\"", []string{"kubectl exec pod -- '$CMD'{D}", "'$CMD'{D} via=kubectl exec pod dir=? remote=pod pod problem=dynamic-program"}},
	{"kubectl get pods", []string{"kubectl get pods"}},
	{"docker exec -it c rm a", []string{"docker exec -it c rm a", "rm a via=docker exec c dir=? remote=container c"}},
	{"docker exec -u root -w /app c rm a", []string{"docker exec -u root -w /app c rm a", "rm a via=docker exec c dir=? remote=container c"}},
	{"docker run --rm -v /:/host alpine rm -rf /host", []string{"docker run --rm -v /:/host alpine rm -rf /host", "rm -rf /host via=docker run alpine dir=? remote=container alpine"}},
	{"docker run --entrypoint sh img -c 'rm a'", []string{"docker run --entrypoint sh img -c 'rm a'", "rm a via=docker run img>sh -c dir=? remote=container img"}},
	{"docker run img", []string{"docker run img"}},
	{"podman exec c sh -c 'rm a'", []string{"podman exec c sh -c 'rm a'", "rm a via=podman exec c>sh -c dir=? remote=container c"}},
	{"docker compose exec web rm a", []string{"docker compose exec web rm a", "rm a via=docker exec web dir=? remote=container web"}},
	{"docker ps", []string{"docker ps"}},
	{"gcloud compute ssh vm --command 'rm a'", []string{"gcloud compute ssh vm --command 'rm a'", "rm a via=gcloud compute ssh vm dir=/home/user remote=gcloud compute ssh vm"}},
}

func TestCommandRemote(t *testing.T) { runCommandCases(t, commandRemoteCases) }

var commandWrappersCases = []commandCase{
	{"sudo rm a", []string{"rm a via=sudo"}},
	{"sudo -u root -H rm -rf /x", []string{"rm -rf /x via=sudo -u root -H"}},
	{"sudo --user=bob rm a", []string{"rm a via=sudo --user=bob"}},
	{"sudo -E env FOO=1 rm a", []string{"rm a via=sudo -E>env FOO=1"}},
	{"sudo -- rm a", []string{"rm a via=sudo --"}},
	{"sudo -D /tmp rm a", []string{"rm a via=sudo -D /tmp dir=/tmp"}},
	{"sudo -e /etc/hosts", []string{"sudoedit /etc/hosts via=sudo -e"}},
	{"sudo -l", []string{"sudo -l"}},
	{"sudo -i", []string{"sudo -i"}},
	{"sudo X=1 rm a", []string{"rm a via=sudo X=1"}},
	{"doas -u root rm a", []string{"rm a via=doas -u root"}},
	{"env rm a", []string{"rm a via=env"}},
	{"env -i PATH=/bin rm a", []string{"rm a via=env -i PATH=/bin"}},
	{"env -u HOME rm a", []string{"rm a via=env -u HOME"}},
	{"env -C /tmp rm a", []string{"rm a via=env -C /tmp dir=/tmp"}},
	{"env -S 'rm -rf /x'", []string{"rm -rf /x via=env -S"}},
	{"env", []string{"env"}},
	{"command rm a", []string{"rm a via=command"}},
	{"command -p rm a", []string{"rm a via=command -p"}},
	{"command -v rm", []string{"command -v rm"}},
	{"builtin echo a", []string{"echo a via=builtin"}},
	{"exec rm a", []string{"rm a via=exec"}},
	{"exec -a name rm a", []string{"rm a via=exec -a name"}},
	{"exec > log", []string{"exec"}},
	{"nohup rm a &", []string{"rm a via=nohup"}},
	{"nice -n 10 rm a", []string{"rm a via=nice -n 10"}},
	{"nice rm a", []string{"rm a via=nice"}},
	{"ionice -c3 rm a", []string{"rm a via=ionice -c3"}},
	{"ionice -p 1", []string{"ionice -p 1"}},
	{"timeout 10 rm a", []string{"rm a via=timeout 10"}},
	{"timeout -s KILL 10s rm a", []string{"rm a via=timeout -s KILL 10s"}},
	{"timeout --signal=KILL 10s rm a", []string{"rm a via=timeout --signal=KILL 10s"}},
	{"stdbuf -oL rm a", []string{"rm a via=stdbuf -oL"}},
	{"stdbuf -o L rm a", []string{"rm a via=stdbuf -o L"}},
	{"setsid rm a", []string{"rm a via=setsid"}},
	{"setsid -f rm a", []string{"rm a via=setsid -f"}},
	{"flock /tmp/l rm a", []string{"rm a via=flock /tmp/l"}},
	{"flock -w 5 /tmp/l rm a", []string{"rm a via=flock -w 5 /tmp/l"}},
	{"flock /tmp/l -c 'rm a'", []string{"rm a via=flock -c"}},
	{"flock 9", []string{"flock 9"}},
	{"chroot /mnt rm a", []string{"rm a via=chroot /mnt"}},
	{"su -c 'rm a' root", []string{"rm a via=su -c"}},
	{"su root -c 'rm a'", []string{"rm a via=su -c"}},
	{"su - root", []string{"su - root"}},
	{"runuser -u bob -- rm a", []string{"rm a via=runuser -u bob --"}},
	{"watch -n 1 'rm a'", []string{"rm a via=watch"}},
	{"watch -n1 rm a", []string{"rm a via=watch"}},
	{"watch -x rm a", []string{"rm a via=watch"}},
	{"script -q -c 'rm a' /dev/null", []string{"rm a via=script -c"}},
	{"script log", []string{"script log"}},
	{"nix-shell -p x --run 'rm a'", []string{"rm a via=nix-shell --run"}},
	{"nix develop -c rm a", []string{"rm a via=nix develop -c"}},
	{"npx rimraf dist", []string{"rimraf dist via=npx"}},
	{"npx -y rimraf dist", []string{"rimraf dist via=npx -y"}},
	{"npx -c 'rm a'", []string{"rm a via=npx -c"}},
	{"npm exec -- rimraf dist", []string{"rimraf dist via=npm exec --"}},
	{"uv run python x.py", []string{"python x.py via=uv run"}},
	{"uv run --with rich python x.py", []string{"python x.py via=uv run --with rich"}},
	{"uv tool run ruff check", []string{"ruff check via=uv tool run"}},
	{"poetry run pytest", []string{"pytest via=poetry run"}},
	{"bundle exec rake db:drop", []string{"rake db:drop via=bundle exec"}},
	{"aws-vault exec prod -- terraform destroy", []string{"terraform destroy via=aws-vault exec prod --"}},
	{"op run --env-file .env -- rm a", []string{"rm a via=op run --env-file .env --"}},
	{"ip netns exec ns1 rm a", []string{"rm a via=ip netns exec ns1"}},
	{"ip link show", []string{"ip link show"}},
	{"npm run build", []string{"npm run build"}},
	{"sudo nice -n5 timeout 3 env A=1 rm a", []string{"rm a via=sudo>nice -n5>timeout 3>env A=1"}},
	{"/bin/rm a", []string{"/bin/rm a"}},
	{"./node_modules/.bin/rimraf dist", []string{"./node_modules/.bin/rimraf dist"}},
	{"\\rm a", []string{"rm a"}},
}

func TestCommandWrappers(t *testing.T) { runCommandCases(t, commandWrappersCases) }

var commandXargsFindCases = []commandCase{
	{"find . -name x | xargs rm -rf", []string{"find . -name x", "rm -rf via=xargs stdin=? more"}},
	{"xargs rm", []string{"rm via=xargs stdin=? more"}},
	{"echo a b | xargs rm", []string{"echo a b", "rm a b via=xargs stdin=?"}},
	{"printf 'a\\nb\\n' | xargs -n1 rm", []string{"printf 'a\\nb\\n'", "rm a b via=xargs -n1 stdin=?"}},
	{"xargs -I{} rm {} < list", []string{"rm '{}'{D} via=xargs -I{} stdin=?"}},
	{"echo a | xargs -I % rm -rf %", []string{"echo a", "rm -rf a via=xargs -I % stdin=?"}},
	{"printf 'a\\nb\\n' | xargs -I{} rm {}", []string{"printf 'a\\nb\\n'", "rm a via=xargs -I{} stdin=?", "rm b via=xargs -I{} stdin=?"}},
	{"xargs -0 -n1 rm", []string{"rm via=xargs -0 -n1 stdin=? more"}},
	{"xargs -a list rm", []string{"rm via=xargs -a list stdin=? more"}},
	{"xargs", []string{"echo via=xargs stdin=? more"}},
	{"xargs sh -c 'rm \"$1\"' _", []string{"rm '$1'{D} via=xargs>sh -c stdin=?"}},
	{"xargs sh -c 'rm \"$@\"' _", []string{"rm '\"$@\"'{D} via=xargs>sh -c stdin=?"}},
	{"parallel rm ::: a b", []string{"rm a via=parallel", "rm b via=parallel"}},
	{"parallel -j4 rm {} ::: a b", []string{"rm a via=parallel -j4", "rm b via=parallel -j4"}},
	{"ls | parallel rm", []string{"ls", "rm '$PARALLEL_ITEM'{D} via=parallel"}},
	{"parallel --dry-run rm ::: a", []string{"parallel --dry-run rm ::: a"}},
	{"find . -exec rm {} \\;", []string{"find . -exec rm '{}' ';'", "rm '{}'{G} via=find -exec"}},
	{"find /tmp -execdir rm -rf {} +", []string{"find /tmp -execdir rm -rf '{}' +", "rm -rf '/tmp/{}'{G} via=find -execdir"}},
	{"find . -ok rm {} \\;", []string{"find . -ok rm '{}' ';'", "rm '{}'{G} via=find -ok"}},
	{"find . -okdir rm {} \\;", []string{"find . -okdir rm '{}' ';'", "rm '{}'{G} via=find -okdir"}},
	{"find -name x -exec rm {} +", []string{"find -name x -exec rm '{}' +", "rm '{}'{G} via=find -exec"}},
	{"find -L a b -exec rm {} +", []string{"find -L a b -exec rm '{}' +", "rm 'a/{}'{G} via=find -exec", "rm 'b/{}'{G} via=find -exec"}},
	{"find . -delete", []string{"find . -delete"}},
	{"find / -exec sh -c 'rm -rf \"$1\"' _ {} \\;", []string{"find / -exec sh -c 'rm -rf \"$1\"' _ '{}' ';'", "rm -rf '/{}'{G} via=find -exec>sh -c"}},
	{"find . -exec echo {} \\; -exec rm {} \\;", []string{"find . -exec echo '{}' ';' -exec rm '{}' ';'", "echo '{}'{G} via=find -exec", "rm '{}'{G} via=find -exec"}},
	{"find . -exec \\;", []string{"find . -exec ';'"}},
}

func TestCommandXargsFind(t *testing.T) { runCommandCases(t, commandXargsFindCases) }

var commandGitTerraformCases = []commandCase{
	{"git status", []string{"git status"}},
	{"git -C /tmp status", []string{"git -C /tmp status dir=/tmp"}},
	{"git -C sub -C ../other status", []string{"git -C sub -C ../other status dir=/home/user/project/other"}},
	{"git -C \"$D\" status", []string{"git -C '$D'{D} status dir=?"}},
	{"git -c core.pager='rm -rf /' log", []string{"rm -rf / via=git -c core.pager", "git -c 'core.pager=rm -rf /' log"}},
	{"git -c alias.x='!rm a' x", []string{"rm a via=git -c alias.x", "git -c 'alias.x=!rm a' x"}},
	{"git -c alias.x=log x", []string{"git -c 'alias.x=log' x"}},
	{"git -c user.name=x commit", []string{"git -c 'user.name=x' commit"}},
	{"git -c core.sshCommand=\"$X\" fetch", []string{"git -c 'core.sshCommand=$X'{D} fetch problem=dynamic-code", "git -c 'core.sshCommand=$X'{D} fetch"}},
	{"terraform -chdir=infra destroy", []string{"terraform '-chdir=infra' destroy dir=/home/user/project/infra"}},
	{"terraform -chdir=/srv/tf apply", []string{"terraform '-chdir=/srv/tf' apply dir=/srv/tf"}},
	{"tofu destroy", []string{"tofu destroy"}},
}

func TestCommandGitTerraform(t *testing.T) { runCommandCases(t, commandGitTerraformCases) }

var commandInterpretersCases = []commandCase{
	{`python3 -c 'import os; os.system("rm -rf /")'`, []string{`python3 -c 'import os; os.system("rm -rf /")' code=python:-c`, "rm -rf / via=python3 code"}},
	{`python3 -c 'import shutil; shutil.rmtree("/home/user")'`, []string{`python3 -c 'import shutil; shutil.rmtree("/home/user")' code=python:-c`, "rm -rf /home/user via=python3 code"}},
	{`python3 -c 'import subprocess; subprocess.run(["rm", "-rf", "/"])'`, []string{`python3 -c 'import subprocess; subprocess.run(["rm", "-rf", "/"])' code=python:-c`, "rm -rf / via=python3 code"}},
	{`node -e 'require("child_process").execSync("rm -rf ~")'`, []string{`node -e 'require("child_process").execSync("rm -rf ~")' code=node:-e`, "rm -rf /home/user via=node code"}},
	{`node -e 'fs.rmSync("dist", {recursive: true})'`, []string{`node -e 'fs.rmSync("dist", {recursive: true})' code=node:-e`, "rm -rf dist via=node code"}},
	{`perl -e 'system("rm -rf /")'`, []string{`perl -e 'system("rm -rf /")' code=perl:-e`, "rm -rf / via=perl code"}},
	{"ruby -e '`rm -rf /`'", []string{"ruby -e '`rm -rf /`' code=ruby:-e", "rm -rf / via=ruby code"}},
	{`python -c "$CODE"`, []string{"python -c '$CODE'{D} problem=dynamic-code"}},
	{`python3 -c 'print(1)'`, []string{"python3 -c 'print(1)' code=python:-c"}},
	{`python3 script.py`, []string{"python3 script.py"}},
	{"echo 'import shutil; shutil.rmtree(\"/\")' | python3", []string{
		`echo 'import shutil; shutil.rmtree("/")'`,
		`python3 stdin="import shutil; shutil.rmtree(\"/\")\n" code=python:'pipe from echo'`,
		"rm -rf / via=python3 code"}},
	{"python3 - <<'EOF'\nimport os\nos.remove('x')\nEOF", []string{
		`python3 - stdin="import os\nos.remove('x')\n" code=python:heredoc`,
		"rm -f x via=python3 code"}},
	{"curl x | python3", []string{"curl x", "python3 stdin=? problem=unknown-input"}},
	{"cat x | python3 script.py", []string{"cat x", "python3 script.py stdin=?"}},
}

func TestCommandInterpreters(t *testing.T) { runCommandCases(t, commandInterpretersCases) }

var commandExpansionsCases = []commandCase{
	// Quote removal.
	{"r''m -rf /", []string{"rm -rf /"}},
	{`"rm" a`, []string{"rm a"}},
	{`r"m" a`, []string{"rm a"}},
	{`\r\m a`, []string{"rm a"}},
	{`$'\x72m' a`, []string{"rm a"}},
	{`$'\162m' a`, []string{"rm a"}},
	{`$'\u0072m' a`, []string{"rm a"}},
	{`echo $'a\tb\n'`, []string{"echo $'a\\tb\\n'"}},
	{`echo "a\"b\$c\\d\e"`, []string{`echo 'a"b$c\d\e'`}},
	{`echo a\ b`, []string{"echo 'a b'"}},
	{"echo a\\\nb", []string{"echo ab"}},
	{`echo '*'`, []string{"echo '*'"}},
	{`echo \*`, []string{"echo '*'"}},
	{`echo *.go`, []string{"echo '*.go'{G}"}},
	{`echo a?[bc]`, []string{"echo 'a?[bc]'{G}"}},
	{`shopt -s extglob; echo @(a|b)`, []string{"shopt -s extglob", "echo '@(a|b)'{G}"}},
	// Brace expansion.
	{"{rm,-rf,/}", []string{"rm -rf /"}},
	{"echo a{b,c}d", []string{"echo abd acd"}},
	{"echo a{b,c{d,e}}f", []string{"echo abf acdf acef"}},
	{"echo {a,{b,{c,{d,{e,{f,g}}}}}}", []string{"echo a b c d e f g"}},
	{"rm -rf {a,/{b,}}", []string{"rm -rf a /b /"}},
	{"echo {1..3}", []string{"echo 1 2 3"}},
	{"echo {3..1}", []string{"echo 3 2 1"}},
	{"echo {1..10..3}", []string{"echo 1 4 7 10"}},
	{"echo {a..e}", []string{"echo a b c d e"}},
	{"echo {a}", []string{"echo '{a}'"}},
	{"echo {}", []string{"echo '{}'"}},
	{"echo \\{a,b}", []string{"echo '{a,b}'"}},
	{"echo '{a,b}'", []string{"echo '{a,b}'"}},
	{"echo {a..zz}", []string{"echo '{a..zz}'"}},
	// Tilde.
	{"rm ~/x", []string{"rm /home/user/x"}},
	{"rm ~", []string{"rm /home/user"}},
	{"rm ~+/z", []string{"rm /home/user/project/z"}},
	{"rm '~/x'", []string{"rm '~/x'"}},
	{"rm \"~\"/x", []string{"rm '~/x'"}},
	{"rm ~nosuchuser9/q", []string{"rm '~nosuchuser9/q'"}},
	{"rm x~", []string{"rm 'x~'"}},
	// Variables.
	{"rm $HOME/x", []string{"rm /home/user/x"}},
	{"rm \"$HOME\"/x", []string{"rm /home/user/x"}},
	{"rm ${HOME}/x", []string{"rm /home/user/x"}},
	{"rm $PWD/y", []string{"rm /home/user/project/y"}},
	{"rm $X", []string{"rm '$X'{D}"}},
	{"rm \"$X\"", []string{"rm '$X'{D}"}},
	{"rm $X/y", []string{"rm '$X/y'{D}"}},
	{"X=/tmp; rm $X/a", []string{"rm /tmp/a"}},
	{"X='a b'; rm $X", []string{"rm a b"}},
	{"X='a b'; rm \"$X\"", []string{"rm 'a b'"}},
	{"X=$Y; rm $X", []string{"rm '$X'{D}"}},
	{"rm ${#HOME}", []string{"rm 10"}},
	{"rm ${HOME:-/}", []string{"rm /home/user"}},
	{"rm ${x:-/}", []string{"rm '${x:-/}'{D}"}},
	{"rm ${HOME/user/x}", []string{"rm '${HOME/user/x}'{D}"}},
	{"rm $((1+2))", []string{"rm '$((1+2))'{D}"}},
	// $IFS.
	{"rm${IFS}-rf${IFS}/", []string{"rm -rf /"}},
	{"rm ${IFS}a", []string{"rm a"}},
	{"IFS=:; X=/:x; rm -rf $X", []string{"rm -rf / x"}},
	{"IFS=:; X=/:x; rm -rf \"$X\"", []string{"rm -rf /:x"}},
	{"IFS=:; X=a::b:; echo $X", []string{"echo a '' b"}},
}

func TestCommandExpansions(t *testing.T) { runCommandCases(t, commandExpansionsCases) }

func TestCommandBraceCap(t *testing.T) {
	invs := Command("echo {a,b}{c,d}{e,f}{g,h}{1..40}", testOpts())
	if len(invs) != 1 {
		t.Fatalf("got %d invocations", len(invs))
	}
	if n := len(invs[0].Args); n > maxFields+1 {
		t.Errorf("%d words, over the cap of %d", n, maxFields)
	}
	last := invs[0].Args[len(invs[0].Args)-1]
	if !last.Dynamic {
		t.Errorf("a brace expansion over the cap is not dynamic: %q", last.Value)
	}
}

func TestCommandParams(t *testing.T) {
	tests := []struct {
		params []string
		in     string
		want   []string
	}{
		{[]string{"bash", "a", "b c"}, `rm "$1" $2`, []string{"rm a b c"}},
		{[]string{"bash", "a", "b c"}, `rm "$@"`, []string{"rm a 'b c'"}},
		{[]string{"bash", "a", "b c"}, `rm "$*"`, []string{"rm 'a b c'"}},
		{[]string{"bash", "a", "b c"}, `rm $#`, []string{"rm 2"}},
		{[]string{"bash", "a"}, `rm "$0"`, []string{"rm bash"}},
		{[]string{"bash", "a"}, `rm "$2"`, []string{"rm ''"}},
		{[]string{"bash", "a"}, `rm ${2:-/}`, []string{"rm /"}},
		{[]string{"bash"}, `eval "$1"`, nil},
		{[]string{"bash", "rm x"}, `eval "$1"`, []string{"rm x via=eval"}},
		{[]string{"bash", "a", "b"}, `shift; rm "$1"`, []string{"shift", "rm b"}},
		{[]string{"bash", "a", "b", "c"}, `shift 2; rm "$1"`, []string{"shift 2", "rm c"}},
		{[]string{"bash", "a"}, `shift $n; rm "$1"`, []string{"shift '$n'{D}", "rm '$1'{D}"}},
		{[]string{"bash", "a"}, `set -- /; rm -rf "$1"`, []string{"set -- /", "rm -rf /"}},
		{[]string{"bash", "a"}, `set -e; rm "$1"`, []string{"set -e", "rm a"}},
		{[]string{"bash", "a"}, `set -o pipefail; rm "$1"`, []string{"set -o pipefail", "rm a"}},
		{[]string{"bash", "a"}, `set x y; rm "$2"`, []string{"set x y", "rm y"}},
		{[]string{"bash", "a"}, `for f; do rm $f; done`, []string{"rm a"}},
		{nil, `rm "$1"`, []string{"rm '$1'{D}"}},
		{nil, `rm "$@"`, []string{"rm '\"$@\"'{D}"}},
	}
	for _, tt := range tests {
		opts := testOpts()
		opts.Params = tt.params
		got := renderAll(Command(tt.in, opts))
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Command(%q, params %q):\n got %q\nwant %q", tt.in, tt.params, got, tt.want)
		}
	}
}
