package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/parse/parsetest"
)

// BenchmarkCheckLive checks the typical commands with and without a
// probe of the disk, as guard check, the shell, exec and the hooks run
// (live) and as guard audit runs (text): for commands no filesystem or git
// rule is in play for, the two must cost the same.
func BenchmarkCheckLive(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	base := ExampleContext()
	for _, live := range []bool{false, true} {
		name := "text"
		if live {
			name = "live"
		}
		for _, bc := range parsetest.Typical {
			b.Run(name+"/"+bc.Name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ctx := base
					if live {
						ctx.State = blast.New(ctx.Home)
					}
					s.Check(bc.Text, ctx)
				}
			})
		}
	}
}
