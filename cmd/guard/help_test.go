package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

// TestSubcommandHelp checks that every subcommand answers -h with what it
// does, an example and its exit statuses, and that guard help lists it.
func TestSubcommandHelp(t *testing.T) {
	var top bytes.Buffer
	if got := run([]string{"guard", "help"}, strings.NewReader(""), &top, &top); got != exitOK {
		t.Fatalf("guard help: exit %d", got)
	}
	for _, sc := range subcommands() {
		name := sc.name
		var out bytes.Buffer
		got := run([]string{"guard", name, "-h"}, strings.NewReader(""), &out, &out)
		if got != exitOK {
			t.Errorf("guard %s -h: exit %d", name, got)
		}
		text := strings.ToLower(out.String())
		if name != "help" {
			for _, want := range []string{"usage:", "example", "exit status"} {
				if !strings.Contains(text, want) {
					t.Errorf("guard %s -h does not say %q:\n%s", name, want, out.String())
				}
			}
		}
		if !strings.Contains(top.String(), "  "+name+" ") {
			t.Errorf("guard help does not list %s", name)
		}
	}
}

// TestHelpFlagsAsTyped checks that every subcommand's help shows its flags
// as they are typed: --json, -C DIR; never Go's -json.
func TestHelpFlagsAsTyped(t *testing.T) {
	for _, sc := range subcommands() {
		name := sc.name
		var out, errs bytes.Buffer
		g := &guard{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}
		if got := sc.run(g, []string{"-h"}); got != exitOK {
			t.Errorf("guard %s -h: exit %d", name, got)
		}
		if errs.Len() > 0 {
			t.Errorf("guard %s -h wrote to stderr: %s", name, errs.String())
		}
		if g.helped == nil {
			if name != "help" {
				t.Errorf("guard %s -h did not go through the shared help", name)
			}
			continue
		}
		g.helped.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(out.String(), "  "+flagName(f.Name)) {
				t.Errorf("guard %s -h does not show %s", name, flagName(f.Name))
			}
			if len(f.Name) > 1 && strings.Contains(out.String(), " -"+f.Name+" ") {
				t.Errorf("guard %s -h shows -%s, not --%s", name, f.Name, f.Name)
			}
		})
	}
}
