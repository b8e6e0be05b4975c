package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse/parsetest"
)

func BenchmarkCommand(b *testing.B) {
	opts := Options{Dir: "/home/user/project", Home: "/home/user"}
	for _, bc := range parsetest.Typical {
		b.Run(bc.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Command(bc.Text, opts)
			}
		})
	}
}

// snapshotScript stands for the shell snapshot Claude Code sources before
// each command: functions, aliases, options and PATH, about 20 KB.
func snapshotScript() string {
	var b strings.Builder
	b.WriteString("# Snapshot file\nunalias -a 2>/dev/null || true\n")
	for i := range 60 {
		fmt.Fprintf(&b, "f%d () \n{ \n    local dir=\"${1:-.}\";\n    if [ -d \"$dir\" ]; then\n        cd \"$dir\" && git status --short | head -n 20;\n    else\n        echo \"no $dir\" 1>&2;\n        return 1;\n    fi\n}\n", i)
	}
	for i := range 30 {
		fmt.Fprintf(&b, "alias a%d='ls -la --color=auto'\n", i)
	}
	b.WriteString("shopt -s expand_aliases\nshopt -u extglob\nexport PATH=/home/user/.local/bin:/usr/local/bin:/usr/bin:/bin\n")
	return b.String()
}

// BenchmarkSourced is the claude-wrapped command sourcing a file that is
// read, of the size of a shell snapshot: the cost guard would pay before
// every command if it read Claude Code's snapshot, which it does not.
func BenchmarkSourced(b *testing.B) {
	snap := snapshotScript()
	opts := Options{Dir: "/home/user/project", Home: "/home/user", ReadFile: func(string) (string, error) { return snap, nil }}
	text := strings.Replace(parsetest.Typical[2].Text, "/home/user/.claude/shell-snapshots/snapshot-bash-1.sh", "/home/user/project/env.sh", 1)
	b.ReportAllocs()
	b.ReportMetric(float64(len(snap)), "snapshot-bytes")
	for b.Loop() {
		Command(text, opts)
	}
}
