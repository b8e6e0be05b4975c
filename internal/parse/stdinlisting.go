package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// An interpreter fed a listing on its stdin that reads its stdin line by
// line deletes what the listing names, as xargs rm does: find dir -type
// f | perl -ne 'chomp; unlink $_', ls | ruby -ne 'File.delete($_.chomp)',
// git ls-files | python3 -c 'import os, sys; [os.remove(l.strip()) for
// l in sys.stdin]', node reading readline lines into fs.unlinkSync. A
// deletion whose path is only known at run time is then read as one of
// the listed paths.

// stdinReaders are the ways each language's code reads its stdin.
var stdinReaders = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{
		"perl":   {"$_", "<STDIN>", "<>", "<<>>", "@ARGV"},
		"ruby":   {"$_", "STDIN", "$stdin", "ARGF", "gets", "readlines"},
		"python": {"sys.stdin", "input(", "fileinput", "/dev/stdin"},
		"node":   {"process.stdin", "readline", "readFileSync(0", "/dev/stdin", "Deno.stdin", "Bun.stdin"},
		"php":    {"STDIN", "php://stdin", "fgets", "file('php://stdin"},
		"awk":    {"$0", "$1"},
	}
}}

// stdinListing returns the listing an interpreter's stdin carries when
// its code reads its stdin, or nil.
func stdinListing(in Input, lang, code string) *Word {
	if in.listed == nil {
		return nil
	}
	readers, ok := stdinReaders.Get()[lang]
	if !ok {
		return nil
	}
	if lang == "perl" && bareUnlink.Get().MatchString(code) {
		return in.listed
	}
	for _, r := range readers {
		if strings.Contains(code, r) {
			return in.listed
		}
	}
	return nil
}

// bareUnlink matches perl's unlink with no argument, which deletes $_:
// find . | perl -lne 'unlink if -M > 30'.
var bareUnlink = lazy.Regexp{Expr: `(?:^|[;{\s])unlink\s*(?:;|}|$|if\b|unless\b|or\b|\|\|)`}

// bareDeletes analyses perl's unlink of $_ with no argument, when the
// lines come from a listing.
func (w *walker) bareDeletes(c call, s *codeScan, via string) {
	if s.lang != "perl" || s.listed == nil || !bareUnlink.Get().MatchString(s.code) {
		return
	}
	w.inner(c, []Word{{Value: "rm"}, {Value: "-f"}, *s.listed}, via)
}
