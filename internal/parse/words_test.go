package parse

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestUnescapeBare(t *testing.T) {
	tests := []struct {
		in, want string
		glob     bool
	}{
		{"abc", "abc", false},
		{`a\ b`, "a b", false},
		{`\*`, "*", false},
		{`*`, "*", true},
		{`a?b`, "a?b", true},
		{`[ab]`, "[ab]", true},
		{`\[ab]`, "[ab]", false},
		{`\\`, `\`, false},
		{`a\`, "a", false},
		{"a\\\nb", "ab", false},
		{`\r\m`, "rm", false},
	}
	for _, tt := range tests {
		got, glob := unescapeBare(tt.in)
		if got != tt.want || glob != tt.glob {
			t.Errorf("unescapeBare(%q) = %q, %v; want %q, %v", tt.in, got, glob, tt.want, tt.glob)
		}
	}
}

func TestUnescapeDouble(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "abc"},
		{`a\"b`, `a"b`},
		{`\$x`, `$x`},
		{"\\`", "`"},
		{`\\`, `\`},
		{`\n`, `\n`},
		{`\e`, `\e`},
		{"a\\\nb", "ab"},
		{`a\`, `a\`},
	}
	for _, tt := range tests {
		if got := unescapeDouble(tt.in); got != tt.want {
			t.Errorf("unescapeDouble(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnescapeHeredoc(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a \$x`, `a $x`},
		{`\"`, `\"`},
		{`\\`, `\`},
		{"a\\\nb", "ab"},
	}
	for _, tt := range tests {
		if got := unescapeHeredoc(tt.in); got != tt.want {
			t.Errorf("unescapeHeredoc(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnsiC(t *testing.T) {
	tests := []struct{ in, want string }{
		{`abc`, "abc"},
		{`\x72m`, "rm"},
		{`\x7`, "\x07"},
		{`\xZ`, `\xZ`},
		{`\162m`, "rm"},
		{`\0`, "\x00"},
		{`\u0072m`, "rm"},
		{`\u00e9`, "é"},
		{`\U0001F600`, "😀"},
		{`\n\t\r\a\b\f\v`, "\n\t\r\a\b\f\v"},
		{`\e\E`, "\x1b\x1b"},
		{`\'\"\\\?`, `'"\?`},
		{`\cA`, "\x01"},
		{`\c`, ""},
		{`\q`, `\q`},
		{`a\`, `a\`},
	}
	for _, tt := range tests {
		if got := ansiC(tt.in); got != tt.want {
			t.Errorf("ansiC(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestProgramName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"rm", "rm"},
		{"/bin/rm", "rm"},
		{"./rm", "rm"},
		{"../node_modules/.bin/rimraf", "rimraf"},
		{"/usr/bin/", "bin"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := programName(tt.in); got != tt.want {
			t.Errorf("programName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "''"},
		{"ls", "ls"},
		{"a b", "'a b'"},
		{"it's", `"it's"`},
		{"a\nb", `$'a\nb'`},
		{"\x1b[31m", `$'\x1b[31m'`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// A string the shell cannot hold (a NUL byte) is still quoted visibly.
	if got := Quote("a\x00b"); !strings.Contains(got, `\x00`) {
		t.Errorf("Quote of a NUL byte: %s", got)
	}
}

// quoteCases are argument lists that must read back unchanged when quoted
// and parsed.
var quoteCases = [][]string{
	{"rm", "-rf", "/"},
	{"echo", "a b", "", "it's", `"q"`, `\`, "$HOME", "`x`", "$(x)", "*", "?", "[a]", "~", "{a,b}", "#c", "a;b", "a|b", "a&b", "<", ">"},
	{"printf", "a\nb", "\t", "é", "😀"},
	{"x", "!", "!!", "a=b", "--flag=v", "-"},
}

// TestQuoteRoundTrip checks that quoted arguments, parsed as shell text,
// give back the same arguments: what guard shows is what would run.
func TestQuoteRoundTrip(t *testing.T) {
	for _, argv := range quoteCases {
		checkRoundTrip(t, argv)
	}
}

func checkRoundTrip(t testing.TB, argv []string) {
	t.Helper()
	text := quoteArgv(argv)
	invs := Command(text, testOpts())
	if len(invs) != 1 {
		t.Fatalf("%q quoted as %s gives %d invocations: %q", argv, text, len(invs), renderAll(invs))
	}
	inv := invs[0]
	if inv.Problem != NoProblem {
		t.Fatalf("%q quoted as %s: problem %s: %s", argv, text, inv.Problem, inv.Detail)
	}
	got := inv.Argv()
	if strings.Join(got, "\x00") != strings.Join(argv, "\x00") {
		t.Fatalf("%q quoted as %s reads back as %q", argv, text, got)
	}
	for _, w := range inv.Args {
		if w.Dynamic || w.Glob {
			t.Fatalf("%q quoted as %s: word %q is dynamic or a glob", argv, text, w.Value)
		}
	}
}

func FuzzQuote(f *testing.F) {
	for _, argv := range quoteCases {
		f.Add(strings.Join(argv, "\x00"))
	}
	f.Fuzz(func(t *testing.T, joined string) {
		argv := strings.Split(joined, "\x00")
		if argv[0] == "" {
			argv[0] = "x"
		}
		for _, a := range argv {
			// The shell cannot hold NUL (it is the separator here) and
			// the parser rejects invalid UTF-8 in some places.
			if !utf8.ValidString(a) {
				return
			}
		}
		// Words that are keywords, assignments or names of wrappers change
		// how the line reads; keep the program name plain.
		argv = append([]string{"printf"}, argv...)
		checkRoundTrip(t, argv)
	})
}

func TestBraceAlternatives(t *testing.T) {
	tests := []struct {
		in   string
		want string // words joined by spaces
	}{
		{"{a,b}", "a b"},
		{"{1..5}", "1 2 3 4 5"},
		{"{5..1}", "5 4 3 2 1"},
		{"{-2..2}", "-2 -1 0 1 2"},
		{"{1..10..4}", "1 5 9"},
		{"{10..1..-4}", "10 6 2"},
		{"{a..c}", "a b c"},
		{"{c..a}", "c b a"},
		{"{a..e..2}", "a c e"},
		{"{1..a}", "{1..a}"},
		{"{1..2..0}", "{1..2..0}"},
		{"{aa..b}", "{aa..b}"},
		{"x{,y}", "x xy"},
		{"{a,b}{1,2}", "a1 a2 b1 b2"},
		// Steps and bounds that overflow an int.
		{"{a..z..9223372036854775807}", "a"},
		{"{a..z..-9223372036854775808}", "{a..z..-9223372036854775808}"},
		{"{z..a..-9223372036854775807}", "z"},
		{"{1..2..-9223372036854775808}", "{1..2..-9223372036854775808}"},
		{"{-9000000000000000000..9000000000000000000}", "{-9000000000000000000..9000000000000000000}"},
	}
	for _, tt := range tests {
		invs := Command("echo "+tt.in, testOpts())
		if len(invs) != 1 {
			t.Errorf("%s: %d invocations", tt.in, len(invs))
			continue
		}
		got := strings.Join(invs[0].Argv()[1:], " ")
		if got != tt.want {
			t.Errorf("%s expands to %q, want %q", tt.in, got, tt.want)
		}
	}
	// A range over the cap is left alone rather than expanded in part.
	invs := Command("echo {1..100000}", testOpts())
	if n := len(invs[0].Args); n > maxFields+1 {
		t.Errorf("{1..100000} gives %d words", n)
	}
}

func TestTilde(t *testing.T) {
	w := &walker{opts: &Options{Home: "/h"}, dir: "/d"}
	for _, tt := range []struct {
		name, want string
		ok         bool
	}{
		{"", "/h", true},
		{"+", "/d", true},
		{"root", "/root", true},
		{"no-such-user-guard-test", "", false},
	} {
		got, ok := w.tilde(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("tilde(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	// No home: ~ stays as it is.
	invs := Command("rm ~/x", Options{Dir: testDir})
	if got := invs[0].Argv()[1]; got != "~/x" {
		t.Errorf("rm ~/x with no home: %q", got)
	}
}

func TestStaticOutput(t *testing.T) {
	known := Input{Kind: Known, Text: "hello\n"}
	tests := []struct {
		name string
		args []string
		in   Input
		want string
		ok   bool
	}{
		{"echo", []string{"a", "b"}, Input{}, "a b\n", true},
		{"echo", []string{"-n", "a"}, Input{}, "a", true},
		{"echo", []string{"-e", `a\tb`}, Input{}, "a\tb\n", true},
		{"echo", []string{"-ne", `a\n`}, Input{}, "a\n", true},
		{"echo", []string{"-E", `a\t`}, Input{}, `a\t` + "\n", true},
		{"echo", []string{"-x", "a"}, Input{}, "-x a\n", true},
		{"echo", nil, Input{}, "\n", true},
		{"printf", []string{"%s-%s\\n", "a", "b", "c"}, Input{}, "a-b\nc-\n", true},
		{"printf", []string{"--", "x"}, Input{}, "x", true},
		{"printf", []string{"-v", "x", "y"}, Input{}, "", true},
		{"printf", nil, Input{}, "", false},
		// A width past Go's fmt limit: the output is not known.
		{"printf", []string{"%999999999d", "1"}, Input{}, "", false},
		{"cat", nil, known, "hello\n", true},
		// Any option, even -, makes cat's output unknown: conservative.
		{"cat", []string{"-"}, known, "", false},
		{"cat", []string{"file"}, known, "", false},
		{"cat", nil, Input{Kind: Unknown}, "", false},
		{"tee", nil, known, "hello\n", true},
		{"base64", nil, known, "aGVsbG8K\n", true},
		{"base64", []string{"-d"}, Input{Kind: Known, Text: "aGVsbG8K\n"}, "hello\n", true},
		{"base64", []string{"--decode"}, Input{Kind: Known, Text: "aGVs\nbG8K"}, "hello\n", true},
		{"base64", []string{"-d"}, Input{Kind: Known, Text: "aGVsbG8"}, "hello", true},
		{"base64", []string{"-d"}, Input{Kind: Known, Text: "!!"}, "", false},
		{"xxd", []string{"-r", "-p"}, Input{Kind: Known, Text: "6869"}, "hi", true},
		{"xxd", []string{"-rp"}, Input{Kind: Known, Text: "68 69\n"}, "hi", true},
		{"xxd", []string{"-r"}, Input{Kind: Known, Text: "6869"}, "", false},
		{"xxd", []string{"-r", "-p"}, Input{Kind: Known, Text: "zz"}, "", false},
		{"rev", nil, Input{Kind: Known, Text: "abc\nxy"}, "cba\nyx", true},
		{"rev", nil, Input{Kind: Known, Text: "é1\n"}, "1é\n", true},
		{"sort", nil, known, "", false},
	}
	for _, tt := range tests {
		got, ok := staticOutput(tt.name, tt.args, tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("staticOutput(%s %q, %q) = %q, %v; want %q, %v", tt.name, tt.args, tt.in.Text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSplitIFS(t *testing.T) {
	tests := []struct {
		s, ifs string
		want   []string
	}{
		{"a b", " \t\n", []string{"a", "b"}},
		{"  a   b  ", " \t\n", []string{"a", "b"}},
		{"a:b", " \t\n", []string{"a:b"}},
		{"a:b", ":", []string{"a", "b"}},
		{"a::b", ":", []string{"a", "", "b"}},
		{"a:", ":", []string{"a"}},
		{"a b", "", []string{"a b"}},
		{"a,b c", ", ", []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		var f fields
		f.split(tt.s, tt.ifs)
		f.end()
		var got []string
		for _, w := range f.out {
			got = append(got, w.Value)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("split(%q, IFS %q) = %q, want %q", tt.s, tt.ifs, got, tt.want)
		}
	}
}
