package parse

import (
	"fmt"
	"strings"
	"testing"
)

// shellString renders a Shell for comparison in tables.
func shellString(sh Shell) string {
	var parts []string
	if sh.HasCommand {
		parts = append(parts, fmt.Sprintf("cmd=%q", sh.Command))
	}
	if sh.Script != "" {
		parts = append(parts, fmt.Sprintf("script=%q", sh.Script))
	}
	if len(sh.Args) > 0 {
		parts = append(parts, fmt.Sprintf("args=%q", sh.Args))
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{sh.Stdin, "stdin"}, {sh.Login, "login"}, {sh.Interactive, "interactive"}, {sh.Version, "version"}, {sh.Help, "help"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, " ")
}

var shellCases = []struct {
	args   []string
	want   string
	params []string
	err    string
}{
	{[]string{"-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-lc", "ls"}, `cmd="ls" login`, []string{"bash"}, ""},
	{[]string{"-ec", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-xc", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-c", "-l", "ls"}, `cmd="ls" login`, []string{"bash"}, ""},
	{[]string{"-c", "--", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-c", "ls", "name", "a", "b"}, `cmd="ls" args=["name" "a" "b"]`, []string{"name", "a", "b"}, ""},
	{[]string{"-c", "ls", "--", "a"}, `cmd="ls" args=["--" "a"]`, []string{"--", "a"}, ""},
	{[]string{"-o", "pipefail", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-euo", "pipefail", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"+o", "posix", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-O", "extglob", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"+O", "extglob", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"+x", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"--login", "-c", "ls"}, `cmd="ls" login`, []string{"bash"}, ""},
	{[]string{"--noprofile", "--norc", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"--rcfile", "x", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"--rcfile=x", "-c", "ls"}, `cmd="ls"`, []string{"bash"}, ""},
	{[]string{"-i", "-c", "ls"}, `cmd="ls" interactive`, []string{"bash"}, ""},
	{[]string{"--version"}, "stdin version", nil, ""},
	{[]string{"--help"}, "stdin help", nil, ""},
	{[]string{"--version", "-c", "ls"}, `cmd="ls" version`, []string{"bash"}, ""},
	{[]string{"script.sh"}, `script="script.sh"`, []string{"script.sh"}, ""},
	{[]string{"script.sh", "a", "-c", "b"}, `script="script.sh" args=["a" "-c" "b"]`, []string{"script.sh", "a", "-c", "b"}, ""},
	{[]string{"-x", "script.sh", "a"}, `script="script.sh" args=["a"]`, []string{"script.sh", "a"}, ""},
	{[]string{"--", "-c", "ls"}, `script="-c" args=["ls"]`, []string{"-c", "ls"}, ""},
	{[]string{"-", "x"}, `script="x"`, []string{"x"}, ""},
	{[]string{"-s"}, "stdin", nil, ""},
	{[]string{"-s", "a", "b"}, `args=["a" "b"] stdin`, nil, ""},
	{[]string{"-ls"}, "stdin login", nil, ""},
	{nil, "stdin", nil, ""},
	{[]string{}, "stdin", nil, ""},
	{[]string{"-o"}, "stdin", nil, ""},
	// Errors.
	{[]string{"-c"}, "", nil, "-c: option requires an argument"},
	{[]string{"-lc"}, "", nil, "-c: option requires an argument"},
	{[]string{"--foo", "-c", "ls"}, "", nil, "--foo: invalid option"},
	{[]string{"--rcfile"}, "", nil, "--rcfile: option requires an argument"},
	{[]string{"-Z", "-c", "ls"}, "", nil, "-Z: invalid option"},
	{[]string{"-cZ", "ls"}, "", nil, "-Z: invalid option"},
	{[]string{"+Z"}, "", nil, "+Z: invalid option"},
}

func TestParseShell(t *testing.T) {
	for _, tt := range shellCases {
		sh, err := ParseShell(tt.args)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseShell(%q): error %v, want %q", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseShell(%q): %v", tt.args, err)
			continue
		}
		if got := shellString(sh); got != tt.want {
			t.Errorf("ParseShell(%q) = %s, want %s", tt.args, got, tt.want)
		}
		if got := sh.Params(); strings.Join(got, "\x00") != strings.Join(tt.params, "\x00") {
			t.Errorf("ParseShell(%q).Params() = %q, want %q", tt.args, got, tt.params)
		}
	}
}

// TestParseShellRest checks that the index of the code or script, which
// the walker uses to find the words that carry dynamic marks, agrees with
// what ParseShell returns.
func TestParseShellRest(t *testing.T) {
	for _, tt := range shellCases {
		sh, err := ParseShell(tt.args)
		if err != nil {
			continue
		}
		switch {
		case sh.HasCommand:
			if sh.rest >= len(tt.args) || tt.args[sh.rest] != sh.Command {
				t.Errorf("ParseShell(%q): rest %d does not point at the command", tt.args, sh.rest)
			}
		case sh.Script != "":
			if sh.rest >= len(tt.args) || tt.args[sh.rest] != sh.Script {
				t.Errorf("ParseShell(%q): rest %d does not point at the script", tt.args, sh.rest)
			}
		}
	}
}

func FuzzParseShell(f *testing.F) {
	for _, tt := range shellCases {
		f.Add(strings.Join(tt.args, "\x00"))
	}
	f.Fuzz(func(t *testing.T, joined string) {
		var args []string
		if joined != "" {
			args = strings.Split(joined, "\x00")
		}
		sh, err := ParseShell(args)
		if err != nil {
			return
		}
		if sh.HasCommand && sh.Script != "" {
			t.Fatalf("%q: both a command and a script", args)
		}
		if sh.rest < 0 || sh.rest > len(args) {
			t.Fatalf("%q: rest %d out of range", args, sh.rest)
		}
		if sh.HasCommand && args[sh.rest] != sh.Command {
			t.Fatalf("%q: rest %d is not the command %q", args, sh.rest, sh.Command)
		}
		// A script named "" (bash "") is the one way to have none of a
		// command, a script or stdin; bash fails to open it.
		if !sh.HasCommand && sh.Script == "" && !sh.Stdin && args[sh.rest] != "" {
			t.Fatalf("%q: no command, script or stdin", args)
		}
		_ = sh.Params()
		// The walker must agree: analysing the same words never panics.
		Args(append([]string{"bash"}, args...), testOpts())
	})
}
