// Command gen writes packs_gen.go from the rule packs in packs/*.toml.
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
	src, err := rules.GoSource(files)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("packs_gen.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
