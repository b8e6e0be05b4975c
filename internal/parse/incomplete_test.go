package parse

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// bashParses reports whether bash -n accepts code: bash -n only reads
// the code, and runs none of it.
func bashParses(tb testing.TB, code string) bool {
	tb.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		tb.Skip("no bash on PATH")
	}
	// On standard input, not after -c, so that code starting with - or +
	// is not read as options.
	// bash -n reports some syntax errors, such as a newline inside [[,
	// and still exits 0: a message on stderr counts as a refusal too.
	cmd := exec.Command(bash, "-n")
	cmd.Stdin = strings.NewReader(code)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	return cmd.Run() == nil && stderr.Len() == 0
}

// checkBashAgrees checks that bash runs none of the end runsBefore drops:
// bash -n refuses every group of the end's lines that bash would read
// before running one, so that none of them runs. With exact, it checks
// too that bash accepts the part guard judges as run (where mvdan.cc/sh
// accepts more than bash, guard judges more than runs, which is safe).
func checkBashAgrees(tb testing.TB, text, prefix string, exact bool) {
	tb.Helper()
	if !strings.HasPrefix(text, prefix) {
		tb.Fatalf("%q: the prefix %q does not start it", text, prefix)
	}
	if exact && strings.TrimSpace(prefix) != "" && !bashParses(tb, prefix) {
		tb.Errorf("%q: bash -n refuses the part guard judges as run, %q", text, prefix)
	}
	tail := text[len(prefix):]
	for end := 0; end < len(tail); {
		i := strings.IndexByte(tail[end:], '\n')
		if i < 0 {
			end = len(tail)
		} else {
			end += i + 1
		}
		if bashParses(tb, tail[:end]) {
			tb.Errorf("%q: bash would run %q, which guard drops", text, tail[:end])
		}
	}
}

func TestRunsBefore(t *testing.T) {
	for _, tc := range []struct {
		in, prefix string
		ok         bool
	}{
		{"echo 'unterminated", "", true},
		{"git restore --help 'unterminated", "", true},
		{"rm -r'f /", "", true},
		{"echo \"find . -delete", "", true},
		{"rm -rf ~; echo 'x", "", true},
		{"rm -rf ~\necho 'x", "rm -rf ~\n", true},
		{"rm -rf ~ &&\necho 'x", "", true},
		{"echo a\nrm -rf ~ |\necho \"x", "echo a\n", true},
		{"echo $(rm -rf ~", "", true},
		{"echo \"$(rm -rf ~)", "", true},
		{"if true; then\nrm -rf ~", "", true},
		{"echo ok\nif true; then\nrm -rf ~\nfi\necho 'x", "echo ok\nif true; then\nrm -rf ~\nfi\n", true},
		// { opens a group only at a command's start (<0 { is a command named {),
		// which the parser's error does not say: an unclosed { fails closed.
		{"{ rm -rf ~\n", "", false},
		{"<0 {", "", false},
		{"for f in *; do\nrm -rf \"$f\"\n", "", true},
		// What bash parses only as it runs: echo `'` runs echo.
		{"echo `rm -rf ~", "", false},
		{"rm -rf ~ `'`", "", false},
		{"echo ${x:-'}", "", false},
		{"echo $(( ' ))", "", false},
		{"rm -rf ~ \\\n/ 'x", "rm -rf ~ \\\n", true}, // guard judges more than bash runs
		{"x=(a b\n", "", true},
		// A here-document runs when the input ends before its delimiter.
		{"cat <<EOF\nrm -rf ~", "", false},
		{"rm -rf ~ <<<'x", "", false},
		// Errors that more input could not mend.
		{"echo )", "", false},
		{"echo a\nfi\necho 'x", "", false},
		// A placeholder that find -exec or parallel fills can close the quote.
		{"echo '{}", "", false},
		{"echo '{1}", "", false},
	} {
		p := parsers.Get().(*syntax.Parser)
		_, err := p.Parse(strings.NewReader(tc.in), "")
		parsers.Put(p)
		if err == nil {
			t.Fatalf("%q parses", tc.in)
		}
		prefix, ok := runsBefore(tc.in, err)
		if ok != tc.ok || prefix != tc.prefix {
			t.Errorf("runsBefore(%q) = %q, %v; want %q, %v", tc.in, prefix, ok, tc.prefix, tc.ok)
		}
		if ok {
			checkBashAgrees(t, tc.in, prefix, true)
		}
	}
}

// TestIncompleteEnd checks what guard finds in text with an incomplete
// end: the commands of the earlier lines, and those of the end as if it
// were closed (marked "unfinished end"), for a shell that reads line by
// line and runs the end once more text closes it.
func TestIncompleteEnd(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"echo 'x", []string{"echo x (unfinished)"}},
		{"rm -rf ~\necho 'x", []string{"rm -rf ~", "echo x (unfinished)"}},
		{"ls\nrm -rf ~ && echo \"x", []string{"ls", "rm -rf ~ (unfinished)", "echo x (unfinished)"}},
		{"bash -c \"rm -rf ~\necho 'x\"", []string{"rm -rf ~", "echo x (unfinished)"}},
		{"echo $(rm -rf ~", []string{"rm -rf ~ (unfinished)", "echo $(rm -rf ~) (unfinished)"}},
		{"bash -c", []string{"bash -c"}},
		// bash reads a here-document the input ends inside to the end.
		{"cat <<EOF\nrm -rf ~", []string{"cat"}},
		{"cat <<EOF | bash\nrm -rf ~", []string{"cat", "rm -rf ~"}},
	} {
		var got []string
		problem := false
		for _, inv := range Command(tc.in, Options{}) {
			if inv.Problem == ParseError {
				problem = true
			}
			if len(inv.Args) > 0 {
				g := strings.Join(values(inv.Args), " ")
				if slices.Contains(inv.Via, "unfinished end") {
					g += " (unfinished)"
				}
				got = append(got, g)
			}
		}
		if problem || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q (parse error %v), want %q", tc.in, got, problem, tc.want)
		}
	}
}

// FuzzRunsBefore checks that guard never drops code bash would run: for
// any input whose end runsBefore drops, bash -n refuses that end.
func FuzzRunsBefore(f *testing.F) {
	for _, s := range []string{"echo 'x", "rm -rf ~\necho 'x", "if true; then\nrm x\nfi\necho \"", "echo $(a\nb", "a &&\nb '", "x `'`", "echo $(a '\n)", "case a in\n'", "x=(\"a\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 400 || strings.ContainsRune(text, 0) {
			return
		}
		p := parsers.Get().(*syntax.Parser)
		_, err := p.Parse(strings.NewReader(text), "")
		parsers.Put(p)
		if err == nil {
			return
		}
		if prefix, ok := runsBefore(text, err); ok {
			checkBashAgrees(t, text, prefix, false)
		}
	})
}

// TestRunsBeforeBudget: a quote left open over thousands of lines is not
// parsed again line by line without end; past the budget the text is a
// parse error, as any text guard cannot read is.
func TestRunsBeforeBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("echo 'x\n")
	for b.Len() <= 2*incompleteBudget/100 {
		b.WriteString("echo line of text\n")
	}
	text := b.String()
	_, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	if err == nil {
		t.Fatal("the text parses")
	}
	if _, ok := runsBefore(text, err); ok {
		t.Errorf("runsBefore accepts %d bytes open over %d lines: over the budget", len(text), strings.Count(text, "\n"))
	}
	if _, ok := runsBefore("rm -rf ~\necho 'x", errOf(t, "rm -rf ~\necho 'x")); !ok {
		t.Error("a short incomplete end is refused")
	}
}

func errOf(t *testing.T, text string) error {
	t.Helper()
	_, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	if err == nil {
		t.Fatalf("%q parses", text)
	}
	return err
}

// TestClosedTailTooLong: an unfinished end over maxTail is not parsed
// again per closer; it is a problem, so the command asks.
func TestClosedTailTooLong(t *testing.T) {
	in := "echo ok\nrm -rf /srv '" + strings.Repeat("x", maxTail+1)
	var problem bool
	for _, inv := range Command(in, Options{}) {
		if inv.Problem == TooLarge {
			problem = true
		}
	}
	if !problem {
		t.Errorf("an unfinished end of %d bytes: no too-large problem", maxTail+1)
	}
}
