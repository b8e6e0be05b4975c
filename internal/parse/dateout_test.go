package parse

import (
	"strings"
	"testing"
	"time"
)

// TestDateOutput checks which date invocations guard knows the output of:
// a date only, never a time of day, another date or an unknown format.
func TestDateOutput(t *testing.T) {
	today := time.Now().UTC().Format("2006-01-02")
	for _, tc := range []struct {
		args  []string
		want  string
		known bool
	}{
		{[]string{"+%F"}, today, true},
		{[]string{"-u", "+%Y-%m-%d"}, today, true},
		{[]string{"-I"}, today, true},
		{[]string{"--iso-8601"}, today, true},
		{[]string{"+backup_%Y%m%d"}, "backup_" + strings.ReplaceAll(today, "-", ""), true},
		{[]string{"+%%F"}, "%F", true},
		{nil, "", false},
		{[]string{"+%s"}, "", false},
		{[]string{"+%H%M%S"}, "", false},
		{[]string{"+%F %T"}, "", false},
		{[]string{"+%Y/%m"}, "", false},
		{[]string{"+*"}, "", false},
		{[]string{"-d", "yesterday", "+%F"}, "", false},
		{[]string{"+%F", "+%Y"}, "", false},
		{[]string{"+%"}, "", false},
	} {
		out, known := dateOutput(tc.args)
		if known != tc.known || known && out != tc.want+"\n" {
			t.Errorf("dateOutput(%q) = %q, %v; want %q, %v", tc.args, out, known, tc.want, tc.known)
		}
	}
}
