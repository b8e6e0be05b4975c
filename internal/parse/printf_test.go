package parse

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

var printfCases = []struct {
	format string
	args   []string
}{
	{"%s-%s\\n", []string{"a", "b", "c"}},
	{"rm -rf %s\\n", []string{"/"}},
	{"%5s|%-5s|%05d|%+d|% d", []string{"a", "b", "42", "7", "3"}},
	{"%d %i %u %o %x", []string{"10", "0x10", "-1", "8", "255"}},
	{"%d", []string{"nope"}},
	{"%c%c%c", []string{"abc", "", "z"}},
	{"%b", []string{`a\tb\n\x41\101\u00e9`}},
	{"%b|%s", []string{`%s\c`, "x"}},
	{"%%|%5%|%", nil},
	{"%q", []string{"x"}},
	{"%.3s", []string{"abcdef"}},
	{"%+-5d", []string{"1"}},
	{"%-+5d", []string{"1"}},
	{"%5-d", []string{"1"}},
	{`\a\b\e\E\f\n\r\t\v\\\'\"\?\z`, nil},
	{`\0\07\101\400\8\18\x\x4\x41\xZZ\u\u263a\U0001F600\c`, nil},
	{`tail\`, nil},
	{"no conversions", []string{"a", "b"}},
	{"%s", nil},
	{"%s %s", []string{"only"}},
	{"%\\n", []string{"x"}},
	{"%999999999d", []string{"1"}},
}

// TestPrintfLikeExpand checks printf against mvdan.cc/sh/v3/expand.Format,
// which guard used before: same output, same arguments used, same
// refusals. The one difference is \c in a %b argument, which ends the
// output as in bash.
func TestPrintfLikeExpand(t *testing.T) {
	for _, tc := range printfCases {
		comparePrintf(t, tc.format, tc.args)
	}
}

func comparePrintf(t *testing.T, format string, args []string) {
	t.Helper()
	if args == nil {
		args = []string{}
	}
	got, n, stop, ok := printf(format, args)
	want, wn, err := expand.Format(nil, format, args)
	if stop {
		// expand leaves \c in a %b argument as it is (and may then fail
		// on the rest of the format); the output up to it must agree.
		if !ok || err == nil && (!strings.Contains(want, `\c`) || !strings.HasPrefix(want, got)) {
			t.Errorf("printf(%q, %q) stopped at %q; expand gave %q", format, args, got, want)
		}
		return
	}
	if ok != (err == nil) || ok && (got != want || n != wn) {
		t.Errorf("printf(%q, %q) = %q, %d, %v; expand.Format = %q, %d, %v", format, args, got, n, ok, want, wn, err)
	}
}

func TestPrintfStopsAtBackslashC(t *testing.T) {
	got, _, stop, ok := printf("rm -rf %b%s\\n", []string{`/\c`, "tmp"})
	if got != "rm -rf /" || !stop || !ok {
		t.Fatalf("printf = %q, stop %v, ok %v", got, stop, ok)
	}
	if out, ok := staticOutput("printf", []string{"%b\\n", `a\cb`, "c"}, Input{}); out != "a" || !ok {
		t.Fatalf("staticOutput = %q, %v", out, ok)
	}
	// In the format itself \c is not an escape.
	if got, _, stop, _ := printf(`a\cb`, nil); got != `a\cb` || stop {
		t.Fatalf("printf(a\\cb) = %q, %v", got, stop)
	}
}

func FuzzPrintf(f *testing.F) {
	for _, tc := range printfCases {
		f.Add(tc.format, strings.Join(tc.args, "\x00"))
	}
	f.Fuzz(func(t *testing.T, format, joined string) {
		var args []string
		if joined != "" {
			args = strings.Split(joined, "\x00")
		}
		comparePrintf(t, format, args)
	})
}
