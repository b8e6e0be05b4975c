package main

import (
	"bytes"
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
	for name := range subcommands {
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
