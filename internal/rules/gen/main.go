// Command gen writes packs_gen.go from the rule packs in packs/*.toml. Run
// it with go generate ./internal/rules; a test in this directory fails
// when packs_gen.go is out of date.
package main

import (
	"log"
	"os"

	"github.com/guardsh/guard/internal/rules"
)

func main() {
	files, err := rules.Packs()
	if err != nil {
		log.Fatal(err)
	}
	src, err := goSource(files)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("packs_gen.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
