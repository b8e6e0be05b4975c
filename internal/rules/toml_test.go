package rules

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestSeverityAndActionAreStrings checks that a number is not taken as a
// severity or an action: the TOML library would otherwise store it in the
// underlying integer.
func TestSeverityAndActionAreStrings(t *testing.T) {
	for _, src := range []string{
		"[[rule]]\nid = \"a\"\nseverity = 3\nreason = \"r\"\nprograms = [\"x\"]\n",
		"[rules.\"git.reset-hard\"]\naction = 0\n",
		"[rules.\"git.reset-hard\"]\nseverity = 1\n",
		"[rules.\"git.reset-hard\"]\naction = true\n",
	} {
		if _, err := ParseFile("f.toml", []byte(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
	f, err := ParseFile("f.toml", []byte("[rules.\"git.reset-hard\"]\naction = 'deny'\nseverity = \"critical\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if o := f.Overrides["git.reset-hard"]; o.Action == nil || *o.Action != Deny || o.Severity == nil || *o.Severity != Critical {
		t.Fatalf("override %+v", o)
	}
}

type testSettings struct {
	Shell   string `toml:"shell"`
	Timeout struct {
		time.Duration
	} `toml:"timeout"`
	Log *bool `toml:"log"`
}

func TestDecodeSettingsKeepsDefaults(t *testing.T) {
	f, err := ParseFile("f.toml", []byte("allow_rules = [\"x\"]\n[settings]\nshell = \"/bin/zsh\"\n\n[[rule]]\nid = \"a\"\nseverity = \"low\"\nreason = \"r\"\nprograms = [\"x\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !f.HasSettings() {
		t.Fatal("no [settings]")
	}
	s := testSettings{Shell: "/bin/bash"}
	yes := true
	s.Log = &yes
	if err := f.DecodeSettings(&s); err != nil {
		t.Fatal(err)
	}
	if s.Shell != "/bin/zsh" || s.Log == nil || !*s.Log {
		t.Fatalf("settings %+v", s)
	}
	f, err = ParseFile("f.toml", []byte("[settings]\n"))
	if err != nil || !f.HasSettings() {
		t.Fatalf("an empty [settings]: %v, %v", f, err)
	}
	f, err = ParseFile("f.toml", []byte("pack = \"p\"\n"))
	if err != nil || f.HasSettings() {
		t.Fatalf("no [settings]: %v", err)
	}
	f, _ = ParseFile("f.toml", []byte("[settings]\nshell = 3\n"))
	var e *Error
	if err := f.DecodeSettings(&s); !errors.As(err, &e) || e.Line != 2 {
		t.Fatalf("shell = 3: %v", err)
	}
}

func TestKeyString(t *testing.T) {
	for k, want := range map[string]string{
		"rule flag":                  "rule.flag",
		"rules git.reset-hard acton": `rules."git.reset-hard".acton`,
		"tool x value_flag":          "tool.x.value_flag",
		"a  b":                       `a."".b`,
	} {
		if got := keyString(strings.Split(k, " ")); got != want {
			t.Errorf("keyString(%q) = %s, want %s", k, got, want)
		}
	}
}
