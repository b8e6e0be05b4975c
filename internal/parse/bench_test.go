package parse

import (
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
