package rules

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// rm without -r, -R or --recursive removes files, never a directory: rm /
// and rm -- -rf / (where -rf, after --, is a file name) fail with "is a
// directory", and rm -d removes only an empty one. The path classes that
// name a directory by its nature (the root, the home directory, the
// working directory and its parents, a system or temporary directory as
// itself) are therefore judged only when rm recurses, from its real
// options: a name after -- is an operand, never an option.

// fileOnly reports whether a program given these options can remove files
// but not directories: unlink, and rm without a recursive option.
func fileOnly(v *view) bool {
	switch v.name {
	case "unlink":
		return true
	case "rm":
		if hasOpt(v.flagWords(), "-r", "-R") {
			return false
		}
		// GNU rm takes any unambiguous prefix of a long option: --recur.
		return !slices.ContainsFunc(v.flags, func(f string) bool {
			return len(f) > 2 && strings.HasPrefix("--recursive", f)
		})
	}
	return false
}

// directoryOperand reports whether a path operand, as written, can only
// be a directory: the root, the home directory, the working directory or
// one of its parents, a directory holding guard's files, a top-level
// system, mount or temporary directory itself, or any path written with a
// trailing slash, /. or /.. . A glob, or a word only known at run time,
// may name files.
func directoryOperand(w parse.Word, c classSet, at place) bool {
	if w.Glob || w.Dynamic || w.Value == "" {
		return false
	}
	v := w.Value
	if strings.HasSuffix(v, "/") || strings.HasSuffix(v, "/.") || strings.HasSuffix(v, "/..") || v == "." || v == ".." {
		return true
	}
	if c&(classRoot|classHome|classCwd|classParent|classGuardParent) != 0 {
		return true
	}
	abs, ok := resolve(v, at.dir)
	if !ok {
		return false
	}
	return slices.Contains(systemDirs, abs) || slices.Contains(mountDirs, abs) || slices.Contains(tempDirs, abs) ||
		path.Dir(abs) == "/usr" || path.Dir(abs) == "/var"
}

// homeParents are where the system keeps its users' home directories.
const homeParents = "/home /Users"

// homeDir reports whether p is a home directory (the user's own, as the
// password database or the shell's HOME says, or anyone's under /home or
// /Users) or a top-level directory of one (~/Documents, /home/bob/src):
// moving one away takes a person's files, or the place every tool looks
// for them, with it. A top-level name that starts with a dot (~/.bashrc,
// ~/.vim) or has an extension (~/notes.txt) is a file or a tool's
// settings, which are renamed every day.
func (ctx *Context) homeDir(p string) bool {
	if ctx.isHome(p) || wordlist.Has(homeParents, path.Dir(p)) {
		return true
	}
	parent, base := path.Split(p)
	parent = path.Clean(parent)
	if !ctx.isHome(parent) && !wordlist.Has(homeParents, path.Dir(parent)) || parent == "/" {
		return false
	}
	return base != "" && base[0] != '.' && !strings.Contains(base[1:], ".")
}

// keptInHome reports whether mv moves a top-level directory of a home
// (src) somewhere else in the same home (dest): mv ~/old-site ~/archive/
// keeps the files where their owner looks for them. A home itself moved
// anywhere is not kept.
func keptInHome(src, dest parse.Word, at place, ctx *Context) bool {
	if src.Dynamic || dest.Dynamic || dest.Glob {
		return false
	}
	s, ok := resolve(src.Value, at.dir)
	if !ok {
		return false
	}
	d, ok := resolve(dest.Value, at.dir)
	if !ok {
		return false
	}
	home := path.Dir(s)
	if ctx.isHome(s) || wordlist.Has(homeParents, home) {
		return false
	}
	return strictlyUnder(d, home)
}

// homeDirClass returns classHomeDir for a path operand that is a home
// directory or a top-level directory of one, when want asks for that
// class. It is worked out only for the rules that name it, so that the
// classes every other rule reads stay as they were. A glob is not a
// directory, except one for everything in a home (~/*).
func (ctx *Context) homeDirClass(w parse.Word, at place, want classSet) classSet {
	if want&classHomeDir == 0 || w.Dynamic {
		return 0
	}
	v := w.Value
	if w.Glob {
		d, pattern := path.Split(v)
		if !treeGlob(pattern) || strings.ContainsAny(d, "*?[") {
			return 0
		}
		v = d
	}
	abs, ok := resolve(v, at.dir)
	if !ok || w.Glob && !ctx.isHome(abs) && !wordlist.Has(homeParents, path.Dir(abs)) {
		return 0
	}
	if ctx.homeDir(abs) {
		return classHomeDir
	}
	return 0
}

// relinked reports whether a file that rm or unlink removes, without
// -r, is a link a later step of the same command makes again (cd
// /srv/app && unlink current && ln -s releases/42 current): a release
// switch, not a loss. When guard reads the disk, a path that is there and
// is not a symbolic link is not one; a system directory's files still
// count as removed.
func relinked(w parse.Word, inv *parse.Invocation, ctx *Context) bool {
	if w.Dynamic || w.Glob || inv.Remote != "" {
		return false
	}
	abs, ok := resolve(w.Value, placeOf(inv, ctx).dir)
	if !ok || coreSystem(path.Dir(abs)) {
		return false
	}
	if ctx.State != nil {
		if st, err := os.Lstat(abs); err == nil && st.Mode()&fs.ModeSymlink == 0 {
			return false
		}
	}
	for _, c := range ctx.after {
		if c.Name != "ln" || c.Remote != "" || len(c.Args) < 3 {
			continue
		}
		symbolic := false
		for _, a := range c.Args[1 : len(c.Args)-1] {
			s := a.Value
			symbolic = symbolic || s == "--symbolic" || len(s) > 1 && s[0] == '-' && s[1] != '-' && strings.Contains(s, "s")
		}
		last := c.Args[len(c.Args)-1]
		if !symbolic || last.Dynamic {
			continue
		}
		if d, ok := resolve(last.Value, c.Dir); ok && d == abs {
			return true
		}
	}
	return false
}
