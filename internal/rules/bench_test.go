package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse/parsetest"
)

// BenchmarkCheck measures the whole analysis of one command: parsing and
// matching against the embedded rules. The budget is 50µs a command.
func BenchmarkCheck(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := ExampleContext()
	for _, bc := range parsetest.Typical {
		if d := s.Check(bc.Text, ctx); d.Action != Allow {
			b.Fatalf("%s: %s %s", bc.Name, d.Action, ids(d))
		}
		b.Run(bc.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Check(bc.Text, ctx)
			}
		})
	}
}
