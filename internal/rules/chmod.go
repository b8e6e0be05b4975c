package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// This file holds the matcher of chmod, chown and chgrp: a change of
// permissions or ownership is wide when it is recursive, when its target
// is the root, the home directory, a parent of the project or a system
// directory itself, or a glob for everything in one. One file below a
// system directory is reversible, and passes with an ordinary mode.

// wideSystemDirs are system directories below the top level that hold a
// whole part of the system: a change to one of them as a directory
// reaches everything the system keeps there.
var wideSystemDirs = []string{"/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/local",
	"/usr/local/bin", "/usr/local/lib", "/usr/local/sbin", "/usr/share", "/usr/include", "/var/lib", "/var/log",
	"/var/spool", "/var/cache", "/var/run", "/var/mail", "/etc/ssl", "/etc/pam.d", "/etc/security",
	"/etc/systemd", "/etc/init.d", "/etc/cron.d", "/etc/default", "/etc/apt", "/etc/ld.so.conf.d",
	"/Library/LaunchDaemons", "/Library/LaunchAgents", "/System/Library"}

// newChmodWidens matches chown and chgrp, and chmod, on a target that
// matters. On the root, the home directory, a parent or credentials, a
// chmod must be protective: it only takes access away from the group and
// others (600, 700, go-rwx, o=) or gives the owner back what it needs
// (u+rw); it never is on the root or a system directory. Recursively, an
// absolute mode on the home directory or a parent rewrites every file's
// owner bits, and is not protective. On one file below a system
// directory, see systemFileChange.
func newChmodWidens(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		chmod := v.name == "chmod"
		if len(v.operands) < 2 {
			if chmod {
				return "the mode is not known", true
			}
			return "it changes the owner", true
		}
		mode := v.operands[0]
		recursive := hasOpt(v.flagWords(), "-R", "--recursive")
		if chmod {
			for _, f := range v.flags {
				if strings.HasPrefix(f, "--reference") || strings.Trim(f, "-rwxXst") == "" {
					return "the mode is not written out", true
				}
			}
		}
		at := placeOf(inv, ctx)
		for _, w := range v.operands[1:] {
			c := classify(w, at, ctx)
			if chmod && c&classHome == 0 && anyonesHome(w, at) {
				// Another person's home (/home/bob) is as much a home as
				// the user's own: locking it or giving it away is the same.
				c |= classHome
			}
			if c&(classRoot|classHome|classSystem|classParent|classSecrets) == 0 {
				continue
			}
			if site, ok := servedSubtree(w, at); ok && c&(classRoot|classHome|classParent|classSecrets|classDevice) == 0 &&
				servedChange(v.name, mode, site, hasOpt(v.flagWords(), "-L", "-H"), releaseDir(w, at)) {
				// An application's own directories: servedtree.go.
				continue
			}
			if abs, ok := systemFile(w, c, recursive, at); ok {
				if why, bad := systemFileChange(v.name, mode, abs); bad {
					return why, true
				}
				continue
			}
			if !chmod {
				return "it changes the owner", true
			}
			octal, ok := protectiveMode(mode, recursive)
			if !ok {
				return "the mode " + parse.Quote(mode.Value) + " does not only take access away", true
			}
			if c&(classRoot|classSystem|classDynamic|classDevice) != 0 {
				return "even a mode that takes access away can break a system location", true
			}
			if octal && c&(classHome|classParent) != 0 && (recursive || !ownerExec(mode.Value)) {
				return "the mode " + parse.Quote(mode.Value) + " rewrites every file's permissions under " + parse.Quote(w.Value), true
			}
		}
		return "", false
	}, nil
}

// systemFile reports whether a target of classes c is one file below a
// system directory, not the directory itself, a glob for everything in
// one, credentials, a device or a path only known at run time, and
// returns its absolute path. A recursive change is never one file.
func systemFile(w parse.Word, c classSet, recursive bool, at place) (string, bool) {
	if recursive || c&classSystem == 0 || c&(classRoot|classHome|classParent|classSecrets|classDynamic|classDevice|classTreeGlob) != 0 {
		return "", false
	}
	v := w.Value
	if w.Glob {
		d, _ := path.Split(v)
		if strings.ContainsAny(d, "*?[") {
			return "", false
		}
		v = path.Join(d, "x")
	}
	abs, ok := resolve(v, at.dir)
	if !ok || systemDirItself(abs) {
		return "", false
	}
	return abs, true
}

// systemDirItself reports whether abs is a system directory as a whole:
// a top-level one (/etc, /usr, /var, /home, /tmp, ...) or one of
// wideSystemDirs.
func systemDirItself(abs string) bool {
	for _, list := range [][]string{systemDirs, mountDirs, tempDirs, wideSystemDirs} {
		for _, d := range list {
			if abs == d {
				return true
			}
		}
	}
	return false
}

// systemFileChange judges a change to one file below a system directory.
// A new owner passes outside the directories of the operating system
// itself (/etc, /usr, /bin, ...), where files are run or read as root and
// chown drops a setuid bit. A mode passes unless it lets everyone write,
// takes all access away, sets a setuid or setgid bit, or, in the
// operating system's directories, takes read away from other users, who
// read those files (600 on /etc/passwd).
func systemFileChange(name string, mode parse.Word, abs string) (string, bool) {
	core := coreSystem(abs)
	if name != "chmod" {
		if core {
			return parse.Quote(abs) + " belongs to the operating system, which runs or reads it as its owner; it changes the owner", true
		}
		return "", false
	}
	m, ok := readMode(mode)
	if !ok {
		return "the mode " + parse.Quote(mode.Value) + " is not one guard can read", true
	}
	switch {
	case m.special:
		return "the mode " + parse.Quote(mode.Value) + " sets a setuid or setgid bit on " + parse.Quote(abs), true
	case m.othersWrite:
		return "the mode " + parse.Quote(mode.Value) + " lets everyone write " + parse.Quote(abs), true
	case m.none:
		return "the mode " + parse.Quote(mode.Value) + " takes all access to " + parse.Quote(abs) + " away", true
	case core && m.othersUnread:
		return "the mode " + parse.Quote(mode.Value) + " takes read away from the users and services that read " + parse.Quote(abs), true
	}
	return "", false
}

// modeEffect is what a chmod mode does that matters on a system file.
type modeEffect struct {
	special      bool // sets a setuid or setgid bit
	othersWrite  bool // gives others write access
	none         bool // leaves no one any access
	othersUnread bool // takes read away from others
}

// readMode reads an octal or symbolic chmod mode. A symbolic clause with
// no who (+w) is filtered by the umask, which keeps others from writing;
// =, -rwx or a= with no who take everything away.
func readMode(w parse.Word) (modeEffect, bool) {
	var e modeEffect
	m := w.Value
	if w.Dynamic || w.Glob || m == "" {
		return e, false
	}
	if strings.Trim(m, "01234567") == "" {
		if len(m) > 4 {
			return e, false
		}
		m = strings.Repeat("0", 4-len(m)) + m
		s, u, g, o := m[0]-'0', m[1]-'0', m[2]-'0', m[3]-'0'
		e.special = s&6 != 0
		e.othersWrite = o&2 != 0
		e.none = u|g|o == 0
		e.othersUnread = o&4 == 0
		return e, true
	}
	for _, clause := range strings.Split(m, ",") {
		i := strings.IndexAny(clause, "+-=")
		if i < 0 {
			return e, false
		}
		who, ops := clause[:i], clause[i:]
		if strings.Trim(who, "ugoa") != "" {
			return e, false
		}
		all := who == "" || strings.Contains(who, "a") || strings.Contains(who, "u") && strings.Contains(who, "g") && strings.Contains(who, "o")
		others := who == "" || strings.ContainsAny(who, "oa")
		// A clause may chain operations: u+x-w.
		for ops != "" {
			op := ops[0]
			j := strings.IndexAny(ops[1:], "+-=")
			perms := ops[1:]
			if j >= 0 {
				perms, ops = ops[1:j+1], ops[j+1:]
			} else {
				ops = ""
			}
			if strings.Trim(perms, "rwxXstugo") != "" {
				return e, false
			}
			if op != '-' && strings.Contains(perms, "s") && (who == "" || strings.ContainsAny(who, "uga")) {
				e.special = true
			}
			if op != '-' && strings.Contains(perms, "w") && who != "" && strings.ContainsAny(who, "oa") {
				e.othersWrite = true
			}
			if all && (op == '=' && strings.Trim(perms, "st") == "" || op == '-' && strings.Contains(perms, "r") && strings.Contains(perms, "w") && strings.ContainsAny(perms, "xX")) {
				e.none = true
			}
			if others && (op == '-' && strings.Contains(perms, "r") || op == '=' && !strings.Contains(perms, "r")) {
				e.othersUnread = true
			}
		}
	}
	return e, true
}

// ownerExec reports whether an octal mode lets the owner search a
// directory: 600 on the home directory locks its owner out.
func ownerExec(m string) bool {
	return len(m) >= 3 && (m[len(m)-3]-'0')&1 != 0
}

// protectiveMode reports whether a chmod mode only takes access from the
// group and others, or gives the owner read, write or execute; octal says
// whether it is an absolute octal mode.
func protectiveMode(w parse.Word, recursive bool) (octal, ok bool) {
	m := w.Value
	if w.Dynamic || m == "" {
		return false, false
	}
	if strings.Trim(m, "01234567") == "" {
		if len(m) == 4 && m[0] == '0' {
			m = m[1:]
		}
		if len(m) != 3 {
			return true, false
		}
		u := m[0] - '0'
		if m[1] != '0' || m[2] != '0' || u < 4 || recursive && u&1 == 0 {
			return true, false
		}
		return true, true
	}
	for _, clause := range strings.Split(m, ",") {
		i := strings.IndexAny(clause, "+-=")
		if i < 0 {
			return false, false
		}
		who, op, perms := clause[:i], clause[i], clause[i+1:]
		if strings.Trim(who, "ugoa") != "" || strings.ContainsAny(perms, "+-=") || strings.Trim(perms, "rwxXst") != "" {
			return false, false
		}
		others := who != "" && strings.Trim(who, "go") == ""
		switch {
		case op == '-' && others:
		case op == '=' && others && perms == "":
		case op == '+' && who == "u" && strings.Trim(perms, "rwxX") == "":
		default:
			return false, false
		}
	}
	return false, true
}

// chownLocksOut reports whether chown -R gives the working directory, or
// a directory straight under the home (~/project), to another user by
// name (nobody, root, www-data): the user can no longer change their own
// work. An owner written as $USER, $(id -u), a number or the name of the
// home directory is everyday (chown -R $USER:$USER ., chown -R 1000 .).
func chownLocksOut(owner, target parse.Word, c classSet, at place, ctx *Context) (string, bool) {
	name, _, _ := strings.Cut(owner.Value, ":")
	if n, _, ok := strings.Cut(name, "."); ok && !strings.Contains(owner.Value, ":") {
		name = n
	}
	if owner.Dynamic || name == "" || strings.Trim(name, "0123456789") == "" || name == path.Base(ctx.Home) {
		return "", false
	}
	if target.Dynamic {
		return "", false
	}
	abs, ok := resolve(target.Value, at.dir)
	if !ok {
		return "", false
	}
	under := ctx.Home != "" && path.Dir(abs) == ctx.Home && !strings.HasPrefix(path.Base(abs), ".")
	if h, ok := othersHome(abs); ok && name != path.Base(h) {
		// Another person's home, or a directory straight under it, given
		// to a third user: its owner can no longer change their files.
		under = true
	}
	if c&classCwd == 0 && !under {
		return "", false
	}
	return "chown -R gives " + parse.Quote(target.Value) + " to " + parse.Quote(name) + ", and you can no longer change your own files there", true
}

// newChownLocksOut matches chown -R that gives the working directory or a
// directory straight under the home to another user: see chownLocksOut.
func newChownLocksOut(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name != "chown" || len(v.operands) < 2 || !hasOpt(v.flagWords(), "-R", "--recursive") {
			return "", false
		}
		at := placeOf(inv, ctx)
		for _, w := range v.operands[1:] {
			if why, bad := chownLocksOut(v.operands[0], w, classify(w, at, ctx), at, ctx); bad {
				return why, true
			}
		}
		return "", false
	}, nil
}

// othersHome returns the home directory under /home or /Users that abs is,
// or that abs is straight under (not a hidden directory there).
func othersHome(abs string) (string, bool) {
	for _, h := range [2]string{abs, path.Dir(abs)} {
		if wordlist.Has(homeParents, path.Dir(h)) {
			if h != abs && strings.HasPrefix(path.Base(abs), ".") {
				return "", false
			}
			return h, true
		}
	}
	return "", false
}

// anyonesHome reports whether a path operand is a home directory under
// /home or /Users itself, whoever owns it.
func anyonesHome(w parse.Word, at place) bool {
	if w.Dynamic || w.Glob {
		return false
	}
	abs, ok := resolve(w.Value, at.dir)
	return ok && wordlist.Has(homeParents, path.Dir(abs))
}

// newChmodLocksOwner matches a recursive chmod whose mode takes read access
// from the owner (000, 044, a-r, u=w) over a directory tree outside the
// temporary directories: every file under it becomes unreadable to its
// owner, and putting access back does not bring each file's own mode back.
func newChmodLocksOwner(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name != "chmod" || len(v.operands) < 2 || !hasOpt(v.flagWords(), "-R", "--recursive") {
			return "", false
		}
		if !takesOwnerRead(v.operands[0]) {
			return "", false
		}
		at := placeOf(inv, ctx)
		for _, w := range v.operands[1:] {
			if classify(w, at, ctx)&classTemp != 0 {
				continue
			}
			return "the mode " + parse.Quote(v.operands[0].Value) + " takes the owner's read access from every file under " + parse.Quote(w.Value), true
		}
		return "", false
	}, nil
}

// takesOwnerRead reports whether a chmod mode leaves the owner without read
// access: an octal mode whose owner digit lacks 4, or a symbolic clause for
// the owner (u, a or no one named) that removes r or sets bits without it.
func takesOwnerRead(w parse.Word) bool {
	m := w.Value
	if w.Dynamic || m == "" {
		return false
	}
	if strings.Trim(m, "01234567") == "" {
		if len(m) > 3 {
			m = m[len(m)-3:]
		}
		if len(m) < 3 {
			m = strings.Repeat("0", 3-len(m)) + m
		}
		return (m[0]-'0')&4 == 0
	}
	for _, clause := range strings.Split(m, ",") {
		i := strings.IndexAny(clause, "+-=")
		if i < 0 {
			continue
		}
		who, op, perms := clause[:i], clause[i], clause[i+1:]
		if who != "" && !strings.ContainsAny(who, "ua") {
			continue
		}
		switch {
		case op == '-' && strings.Contains(perms, "r"):
			return true
		case op == '=' && !strings.Contains(perms, "r"):
			return true
		}
	}
	return false
}
