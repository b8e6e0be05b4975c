package lazy

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoRegexpAtInit keeps package-level regular expressions lazy across
// guard's packages: regexp.MustCompile in a var declaration runs at every
// start, on every command, whether the expression is used or not (one
// with a counted repetition cost 2.2 million instructions at start, three
// times guard's whole start-up budget). Use a lazy.Regexp instead.
func TestNoRegexpAtInit(t *testing.T) {
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			inVar := false
			for n := 1; sc.Scan(); n++ {
				line := sc.Text()
				switch {
				case line == "var (":
					inVar = true
				case inVar && line == ")":
					inVar = false
				}
				top := strings.HasPrefix(line, "var ") || inVar && strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "\t\t")
				if top && !strings.Contains(line, "lazy.") && (strings.Contains(line, "regexp.MustCompile(") || strings.Contains(line, "regexp.Compile(")) {
					t.Errorf("%s:%d: a regular expression compiled at start-up; use lazy.Regexp", p, n)
				}
			}
			return sc.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestNoMapAtInit keeps package-level map literals out of guard's
// packages: the compiler builds each one in its package's init, on every
// start, whether a command reads it or not (28 small maps in rules, parse,
// httpreq and hook came to about 70,000 instructions, a tenth of guard's
// excess over an empty program). Use a lazy.Value, a switch, or a
// sorted list searched in place instead.
func TestNoMapAtInit(t *testing.T) {
	fset := token.NewFileSet()
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				if !ok || g.Tok != token.VAR {
					continue
				}
				for _, spec := range g.Specs {
					for _, v := range spec.(*ast.ValueSpec).Values {
						if lit, ok := v.(*ast.CompositeLit); ok && len(lit.Elts) > 0 {
							if _, isMap := lit.Type.(*ast.MapType); isMap {
								t.Errorf("%s: a map built at start-up; use a lazy.Value or a switch", fset.Position(lit.Pos()))
							}
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
