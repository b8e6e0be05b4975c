package parse

import (
	"strings"
	"testing"
)

func TestGamCommand(t *testing.T) {
	for _, tt := range []struct{ cmd, want string }{
		{`gam csv old.csv gam delete user ~email`, "delete user ~email"},
		{`gam user alice@x.edu delete drivefile id 1`, "delete drivefile id 1"},
		{`gam all users delete group staff`, "delete group staff"},
		{`gam print users`, ""},
		{`gam info user alice`, ""},
	} {
		var args []Word
		for _, f := range strings.Fields(tt.cmd) {
			args = append(args, Word{Value: f})
		}
		rest, _, ok := gamCommand(args)
		got := ""
		if ok {
			var s []string
			for _, w := range rest {
				s = append(s, w.Value)
			}
			got = strings.Join(s, " ")
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.cmd, got, tt.want)
		}
	}
}
