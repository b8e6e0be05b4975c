package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// fdScan is findScan for fd and fdfind (fd [OPTIONS] [PATTERN] [PATH...]):
// the search paths (. when none is given), whether it runs rm on what it
// finds (-x rm, -X rm), and whether a pattern, an extension, a glob or a
// type narrows what it finds.
func fdScan(inv *parse.Invocation) (roots []parse.Word, del, filtered bool) {
	del = fdRemoves(inv)
	var positional []parse.Word
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Value
		if isFdExecWord(s) {
			break
		}
		if a.Dynamic {
			positional = append(positional, a)
			continue
		}
		if name, val, ok := strings.Cut(s, "="); ok && (name == "--search-path" || name == "--base-directory") {
			roots = append(roots, parse.Word{Value: val})
			continue
		}
		switch s {
		case "--search-path", "--base-directory":
			if i+1 < len(args) {
				i++
				roots = append(roots, args[i])
			}
			continue
		case "-e", "--extension", "-g", "--glob", "-S", "--size", "--changed-within", "--changed-before":
			filtered = true
		}
		if strings.HasPrefix(s, "--extension=") || strings.HasPrefix(s, "--size=") || strings.HasPrefix(s, "--changed-") {
			filtered = true
		}
		if strings.HasPrefix(s, "-") && len(s) > 1 {
			if fdTakesValue(s) {
				i++
			}
			continue
		}
		positional = append(positional, a)
	}
	if len(positional) > 0 {
		if p := positional[0].Value; p != "" && p != "." && p != "^" && p != ".*" {
			filtered = true
		}
		roots = append(roots, positional[1:]...)
	}
	if len(roots) == 0 {
		roots = []parse.Word{{Value: "."}}
	}
	return roots, del, filtered
}

// fdTakesValue reports whether an fd option takes the next word.
func fdTakesValue(s string) bool {
	switch s {
	case "-t", "--type", "-e", "--extension", "-E", "--exclude", "-d", "--max-depth", "--min-depth",
		"--exact-depth", "-S", "--size", "--changed-within", "--changed-before", "-o", "--owner",
		"-j", "--threads", "-c", "--color", "--max-results", "--ignore-file":
		return true
	}
	return false
}

// isFdExecWord reports whether a word is one of fd's exec options.
func isFdExecWord(s string) bool {
	return s == "-x" || s == "--exec" || s == "-X" || s == "--exec-batch"
}

// isFd reports whether an invocation runs fd.
func isFd(inv *parse.Invocation) bool {
	n := path.Base(inv.Name)
	return n == "fd" || n == "fdfind"
}
