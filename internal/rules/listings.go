package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher for rm fed through xargs by a program that
// lists a whole tree rather than named paths: git ls-files, rg --files,
// fd with no pattern, and locate.

// treeLister returns what a program lists when it lists a whole tree of
// files ("tracked files", "untracked files", "every file", "files from
// across the system"), "ignored" for a listing of ignored files only,
// "filtered" for one narrowed by a name pattern, or "" for a program that
// is no such lister.
func treeLister(inv *parse.Invocation) string {
	args := inv.Args
	switch path.Base(inv.Name) {
	case "git":
		i := 1
		for i < len(args) && strings.HasPrefix(args[i].Value, "-") {
			if f := args[i].Value; f == "-C" || f == "-c" || f == "--git-dir" || f == "--work-tree" {
				i++
			}
			i++
		}
		if i >= len(args) || args[i].Value != "ls-files" {
			return ""
		}
		others, ignored, deleted := false, false, false
		for _, a := range args[i+1:] {
			f := a.Value
			switch {
			case f == "--others":
				others = true
			case f == "--ignored":
				ignored = true
			case f == "--deleted":
				deleted = true
			case len(f) > 1 && f[0] == '-' && f[1] != '-':
				others = others || strings.Contains(f, "o")
				ignored = ignored || strings.Contains(f, "i")
				deleted = deleted || f == "-d"
			}
		}
		switch {
		case deleted:
			return "deleted"
		case ignored:
			return "ignored"
		case others:
			return "untracked files"
		}
		return "tracked files"
	case "rg":
		files := false
		for _, a := range args[1:] {
			switch f := a.Value; {
			case f == "--files":
				files = true
			case f == "-g" || f == "--glob" || f == "-t" || f == "--type" || strings.HasPrefix(f, "--glob=") || strings.HasPrefix(f, "--type=") || strings.HasPrefix(f, "-g") && len(f) > 2:
				return map[bool]string{true: "filtered", false: ""}[files || hasArg(args, "--files")]
			}
		}
		if files {
			return "every file"
		}
	case "fd", "fdfind":
		for i := 1; i < len(args); i++ {
			f := args[i].Value
			if f == "-t" || f == "--type" || f == "-d" || f == "--max-depth" || f == "-E" || f == "--exclude" || f == "--base-directory" {
				i++
				continue
			}
			if f == "-e" || f == "--extension" || f == "-g" || f == "--glob" || strings.HasPrefix(f, "--extension=") {
				return "filtered"
			}
			if !strings.HasPrefix(f, "-") {
				if f == "." || f == "^" || f == ".*" || f == "" {
					return "every file"
				}
				return "filtered"
			}
		}
		return "every file"
	case "locate", "plocate", "mlocate", "slocate":
		return "files from across the system"
	}
	return ""
}

// hasArg reports whether any argument is exactly s.
func hasArg(args []parse.Word, s string) bool {
	for _, a := range args {
		if a.Value == s {
			return true
		}
	}
	return false
}

// newTreeListedDeletes matches rm run by xargs on what a tree lister
// lists: git ls-files | xargs rm deletes every tracked file.
func newTreeListedDeletes(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		prev := ctx.lister(inv)
		if prev == nil {
			return "", false
		}
		switch what := treeLister(prev); what {
		case "", "ignored", "deleted", "filtered":
			return "", false
		default:
			by := "xargs " + inv.Name
			if readsLines(inv) {
				by = "the " + inv.Via[len(inv.Via)-1]
			}
			return by + " deletes the " + what + " " + path.Base(prev.Name) + " lists", true
		}
	}, nil
}

// readsLines reports whether a deletion comes from interpreter code whose
// path is only known at run time: a line it reads from the listing piped
// in (git ls-files | perl -ne 'chomp; unlink $_').
func readsLines(inv *parse.Invocation) bool {
	if len(inv.Via) == 0 || !strings.HasSuffix(inv.Via[len(inv.Via)-1], " code") || len(inv.Args) < 2 {
		return false
	}
	last := inv.Args[len(inv.Args)-1]
	return last.Dynamic && inv.Stdin.Kind != parse.Known
}
