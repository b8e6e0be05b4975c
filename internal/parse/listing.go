package parse

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/guardsh/guard/internal/lazy"
)

// This file models what a listing program (ls, find) writes: the paths it
// names, as a pattern that stands for them. A read variable bound from a
// piped listing, a for loop over $(ls DIR) and mapfile < <(find ...) carry
// that pattern, so rm "$f" in the loop body is judged as rm of what the
// listing names, as xargs rm fed by it is.

// listingFilters pass on some of the lines a listing writes.
var listingFilters = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"head": true, "tail": true, "sort": true, "grep": true, "egrep": true, "fgrep": true,
		"uniq": true, "tac": true, "shuf": true, "cat": true,
	}
}}

// listingOf returns a glob word that stands for the paths a statement
// lists, when it is ls, find or lfs find (through line filters such as grep or
// head) over known starting points.
func (w *walker) listingOf(st *syntax.Stmt, depth int) (Word, bool) {
	if st == nil || depth > 8 {
		return Word{}, false
	}
	switch cmd := st.Cmd.(type) {
	case *syntax.BinaryCmd:
		if cmd.Op != syntax.Pipe && cmd.Op != syntax.PipeAll {
			return Word{}, false
		}
		if y, ok := cmd.Y.Cmd.(*syntax.CallExpr); !ok || len(y.Args) == 0 || !listingFilters.Get()[path.Base(y.Args[0].Lit())] {
			return Word{}, false
		}
		return w.listingOf(cmd.X, depth+1)
	case *syntax.CallExpr:
		if len(cmd.Args) == 0 {
			return Word{}, false
		}
		saved := w.dry
		w.dry = true
		args := w.expandWords(cmd.Args)
		w.dry = saved
		if len(args) == 0 {
			return Word{}, false
		}
		switch path.Base(args[0].Value) {
		case "ls":
			return lsListing(args[1:])
		case "find", "gfind":
			return findListing(args[1:])
		case "lfs":
			// Lustre's lfs find takes find's grammar and only lists.
			if len(args) > 1 && args[1].Value == "find" {
				return findListing(args[2:])
			}
		}
	}
	return Word{}, false
}

// lsListing returns the pattern for what ls lists: a glob operand as it
// is, and the entries of a directory operand as DIR/*. Only the first
// operand is kept.
func lsListing(args []Word) (Word, bool) {
	for _, a := range args {
		if strings.HasPrefix(a.Value, "-") && !a.Dynamic {
			continue
		}
		if a.Dynamic {
			return Word{}, false
		}
		if a.Glob {
			return a, true
		}
		return Word{Value: strings.TrimSuffix(a.Value, "/") + "/*", Glob: true}, true
	}
	return Word{Value: "*", Glob: true}, true
}

// findListing returns the pattern for what find lists: ROOT/**/NAME when
// a single -name narrows it, else ROOT/**.
func findListing(args []Word) (Word, bool) {
	root, name := "", ""
	inRoots := true
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if inRoots && (strings.HasPrefix(s, "-") || s == "(" || s == "!") {
			inRoots = false
		}
		if inRoots {
			if s == "-H" || s == "-L" || s == "-P" {
				continue
			}
			if args[i].Dynamic {
				return Word{}, false
			}
			if root == "" {
				root = s
			}
			continue
		}
		switch s {
		case "-name", "-iname":
			if i+1 < len(args) {
				i++
				if args[i].Dynamic || name != "" {
					name = "*"
				} else {
					name = args[i].Value
				}
			}
		case "-o", "-or", "!", "-not", ",":
			name = "*"
		}
	}
	if root == "" {
		root = "."
	}
	if name == "" || strings.Contains(name, "/") {
		name = "*"
	}
	if name == "*" {
		return Word{Value: strings.TrimSuffix(root, "/") + "/**", Glob: true, Hidden: true}, true
	}
	return Word{Value: strings.TrimSuffix(root, "/") + "/**/" + name, Glob: true}, true
}

// listedValue returns the variable value for one item of a listing.
func listedValue(g Word) value {
	return value{s: g.Value, known: true, glob: true}
}
