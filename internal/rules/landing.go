package rules

import (
	"os"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds where a copy, a move, an install or a link lands: the
// paths cp, mv, install and ln write, as opposed to the directory they
// write into.

// landing is one path a copy or a move writes. into is the directory
// the path was put in when the destination is (or may be) a directory,
// DEST for DEST/basename(SOURCE); it is empty when the path is the
// destination itself.
type landing struct {
	path parse.Word
	into parse.Word
}

// landings returns the paths cp, mv, install or ln writes. A destination
// that is a directory receives DEST/basename(SOURCE) for each source, and
// only those paths are written or replaced: mv cannot replace a
// non-empty directory, and cp writes into one. A destination that may be
// a directory or a file gives both. -T makes DEST a file. ok is false
// when the command names no destination.
func landings(inv *parse.Invocation, v *view, ctx *Context) ([]landing, bool) {
	sources, dest, ok := transferOperands(inv, v)
	if !ok {
		return nil, false
	}
	flags := v.flagWords()
	if hasOpt(flags, "-T", "--no-target-directory") {
		return []landing{{path: dest}}, true
	}
	isDir := len(sources) > 1 || hasOpt(flags, "-t", "--target-directory") || knownDir(dest, placeOf(inv, ctx), ctx)
	var out []landing
	if !isDir {
		out = append(out, landing{path: dest})
	}
	for _, src := range sources {
		out = append(out, landing{path: intoDir(dest, src), into: dest})
	}
	return out, true
}

// knownDir reports whether the destination w is a directory as the
// command gives it (a trailing slash, ., ..), as the machine has it (the
// root, the home, the working directory or one above it, a temporary
// directory, a top-level system directory), or, when the context may read
// the disk, as the disk has it.
func knownDir(w parse.Word, at place, ctx *Context) bool {
	v := w.Value
	if v == "" {
		return false
	}
	if strings.HasSuffix(v, "/") || v == "." || v == ".." || strings.HasSuffix(v, "/.") || strings.HasSuffix(v, "/..") {
		return true
	}
	if w.Dynamic || w.Glob {
		return false
	}
	abs, ok := resolve(v, at.dir)
	if !ok {
		return false
	}
	if abs == "/" || ctx.isHome(abs) || isTempRoot(abs) || at.base != "" && under(at.base, abs) || at.dir != "" && under(at.dir, abs) {
		return true
	}
	for _, d := range systemDirs {
		if abs == d {
			return true
		}
	}
	if ctx.State != nil {
		st, err := os.Stat(abs)
		return err == nil && st.IsDir()
	}
	return false
}

// intoDir returns the path src lands on in the directory dir: dir/base,
// a glob when src is one or its name is only known at run time, and dir's
// whole content for dir/. (cp -r src/. dest).
func intoDir(dir, src parse.Word) parse.Word {
	d := strings.TrimRight(dir.Value, "/")
	if d == "" && strings.HasPrefix(dir.Value, "/") {
		d = "/"
	}
	s := strings.TrimRight(src.Value, "/")
	base := s[strings.LastIndexByte(s, '/')+1:]
	w := parse.Word{Value: path.Join(d, base), Glob: dir.Glob || src.Glob, Dynamic: dir.Dynamic}
	switch {
	case base == "" || base == "." || base == "..":
		w.Value, w.Glob = path.Join(d, "*"), true
	case src.Dynamic && strings.ContainsAny(base, "$`"):
		if strings.Contains(base, "$(") {
			w.Value, w.Glob = path.Join(d, "*"), true
		} else {
			w.Dynamic = true
		}
	}
	return w
}
