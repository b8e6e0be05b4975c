package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

func BenchmarkZZClass(b *testing.B) {
	s, _ := Default()
	ctx := Context{Dir: "/home/u/src/api", Home: "/home/u", Protected: ProtectedPaths("/home/u", "/home/u/src/api")}
	for _, c := range []string{
		`git commit -m "ci audit audit rules typo #151"`,
		`git checkout -b typo-346`,
		`curl -s https://api.example.com/v1/items/3890 | jq .`,
		`grep -rn "release add docs audit #465" . --include=*.go`,
		`vim internal/config/add_32.go`,
		`ls -la ; echo`,
	} {
		b.Run(c[:8], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Check(c, ctx)
			}
		})
		b.Run(c[:8]+"-parse", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				parse.Command(c, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()})
			}
		})
	}
}
