package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/parse/parsetest"
)

// BenchmarkCheckLive is BenchmarkCheck with a probe of the disk, as guard
// check, the shell, exec and the hooks run: for commands no filesystem or
// git rule is in play for, the figures must match BenchmarkCheck's.
func BenchmarkCheckLive(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	base := ExampleContext()
	for _, bc := range parsetest.Typical {
		b.Run(bc.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ctx := base
				ctx.State = blast.New(ctx.Home)
				s.Check(bc.Text, ctx)
			}
		})
	}
}
