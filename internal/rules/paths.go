package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/writes"
)

// classSet is a set of path classes.
type classSet uint32

// The path classes a rule can name.
const (
	classRoot        classSet = 1 << iota // the filesystem root
	classHome                             // the home directory itself
	classSystem                           // a system directory or a file under one
	classCwd                              // the working directory itself
	classParent                           // an ancestor of the working directory
	classInside                           // under the working directory
	classOutside                          // outside the working directory, not temporary
	classTemp                             // under a temporary directory
	classTreeGlob                         // a glob for everything in a directory: *, .*
	classDevice                           // a block device or kernel memory
	classDynamic                          // only known at run time
	classSecrets                          // a credential store: ~/.ssh, ~/.aws, ...
	classGitDir                           // a repository's .git directory
	classGuard                            // guard's own files and agent hook settings
	classGuardParent                      // a directory holding guard's own files
	classCache                            // a cache that tools rebuild, or something in one
	classHomeDir                          // a home directory, anyone's, or a top-level directory of one; see homeDirClass
)

// classNames name the classes in packs: a list searched in place, so that
// no table is built when guard starts or a path rule is made.
var classNames = []struct {
	name string
	set  classSet
}{
	{"root", classRoot}, {"home", classHome}, {"system", classSystem}, {"cwd", classCwd},
	{"parent", classParent}, {"inside", classInside}, {"outside", classOutside}, {"temp", classTemp},
	{"tree-glob", classTreeGlob}, {"device", classDevice}, {"dynamic", classDynamic},
	{"secrets", classSecrets}, {"git-dir", classGitDir}, {"guard", classGuard},
	{"guard-parent", classGuardParent}, {"cache", classCache},
	{"home-dir", classHomeDir},
}

// classNamed returns the class called n.
func classNamed(n string) (classSet, bool) {
	for _, c := range classNames {
		if c.name == n {
			return c.set, true
		}
	}
	return 0, false
}

// classDescriptions explain each class in a finding's detail. The table
// is made on first use.
var classDescriptions = lazy.Value[map[classSet]string]{Make: func() map[classSet]string {
	return map[classSet]string{
		classRoot: "is the filesystem root", classHome: "is the home directory",
		classSystem: "is a system location", classCwd: "is the working directory itself",
		classParent: "is a parent of the working directory", classInside: "is inside the working directory",
		classOutside: "is outside the working directory", classTemp: "is a temporary file",
		classTreeGlob: "matches everything in a directory", classDevice: "is a disk or memory device",
		classDynamic: "is only known at run time", classSecrets: "holds credentials",
		classGitDir: "is the repository's history (.git)", classGuard: "is one of guard's own files or an agent's hook settings",
		classGuardParent: "holds guard's own files", classCache: "is a cache that tools fill again",
		classHomeDir: "is a home directory or one of its top-level directories",
	}
}}

func parseClasses(names []string) (classSet, error) {
	var set classSet
	for _, n := range names {
		c, ok := classNamed(n)
		if !ok {
			return 0, fmt.Errorf("unknown path class %q", n)
		}
		set |= c
	}
	return set, nil
}

// describe returns the first class of set present in got, as words.
func describe(got, want classSet) string {
	for bit := classSet(1); bit != 0 && bit <= classHomeDir; bit <<= 1 {
		if got&want&bit != 0 {
			return classDescriptions.Get()[bit]
		}
	}
	return ""
}

// systemDirs are top-level directories whose content belongs to the system.
var systemDirs = []string{"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
	"/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/usr", "/var", "/snap", "/nix",
	"/System", "/Library", "/Applications", "/private", "/cores", "/efi",
	// Windows' own directories, as a PowerShell or cmd path (C:\Windows)
	// reaches the rules: the drive's root is the root.
	"/Windows", "/Program Files", "/Program Files (x86)", "/ProgramData"}

// coreDirs hold the operating system itself: a working directory in one
// does not make what is under it the user's data.
const coreDirs = "/bin /boot /dev /etc /lib /lib32 /lib64 /libx32 /proc /sbin /sys /usr /efi /System /Library " +
	"/Windows"

func coreSystem(dir string) bool {
	if dir == "/" {
		return true
	}
	for c := range strings.FieldsSeq(coreDirs) {
		if under(dir, c) {
			return true
		}
	}
	return false
}

// mountDirs are system directories only as themselves; what is under them
// is data.
var mountDirs = []string{"/home", "/Users", "/mnt", "/media", "/Volumes"}

// rootFiles are the files the system boots or swaps from that live at the
// root itself, outside any system directory.
var rootFiles = []string{"/swapfile", "/swap.img", "/swap", "/vmlinuz", "/vmlinuz.old", "/initrd.img",
	"/initrd.img.old"}

var tempDirs = []string{"/tmp", "/var/tmp", "/private/tmp", "/private/var/folders", "/var/folders", "/dev/shm", "/Windows/Temp"}

// secretDirs are credential stores, relative to the home directory.
var secretDirs = []string{".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".config/gcloud",
	".netrc", ".password-store", ".vault-token", ".pgpass", ".git-credentials", ".npmrc", ".pypirc",
	".terraform.d", ".config/gh", ".fly", ".railway", ".config/doctl", ".oci", ".my.cnf",
	".cache/huggingface/token", ".cache/huggingface/stored_tokens",
	// Private keys: sops and age, minisign, wallets, the desktop keyring.
	".config/sops", "Library/Application Support/sops", ".age", ".config/age", ".minisign",
	".config/solana", ".ethereum/keystore", ".local/share/keyrings"}

var devicePrefixes = []string{"/dev/sd", "/dev/hd", "/dev/vd", "/dev/xvd", "/dev/nvme", "/dev/mmcblk",
	"/dev/disk", "/dev/rdisk", "/dev/mapper/", "/dev/md", "/dev/dm-", "/dev/loop", "/dev/sr", "/dev/nbd"}

var deviceExact = []string{"/dev/mem", "/dev/kmem", "/dev/port"}

// tapeDevice reports whether p, under /dev, is a tape drive, which a
// write overwrites from where the tape stands: Linux's st and nst (st0,
// nst0l), /dev/tape/by-id, IBM's IBMtape0, the BSDs' sa and nsa, and
// Solaris' and AIX's rmt. /dev/stdout and /dev/stdin are not.
func tapeDevice(p string) bool {
	name, ok := strings.CutPrefix(p, "/dev/")
	if !ok {
		return false
	}
	if strings.HasPrefix(name, "tape/") || strings.HasPrefix(name, "rmt") {
		return true
	}
	for _, pre := range [...]string{"nst", "st", "nsa", "sa", "IBMtape", "nIBMtape"} {
		if rest, ok := strings.CutPrefix(name, pre); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	return false
}

// globDir returns the directory that a glob's directory part d, whose
// first glob character is at i, stays in: the literal part before the
// glob. A relative pattern (**/__pycache__, */build) stays in the
// directory it starts from, unless a component could match .. (a
// dotglob such as .*/x), which may leave it.
func globDir(d string, i int) string {
	lit := d[:i]
	start := strings.LastIndexByte(lit, '/') + 1
	if strings.HasPrefix(d[start:], ".") || strings.Contains(d[i:], "/.") {
		return path.Join(lit[:start], "..")
	}
	pre := strings.TrimRight(lit, "/")
	if pre == "" && !strings.HasPrefix(d, "/") {
		return "."
	}
	return path.Dir(pre + "/x")
}

// under reports whether p is dir or inside it.
func under(p, dir string) bool {
	if dir == "/" {
		return true
	}
	// The byte after dir and dir's last byte first: most paths tested
	// against a list of directories fail there, before comparing the rest.
	n := len(dir)
	return len(p) >= n && (len(p) == n || p[n] == '/') && (n == 0 || p[n-1] == dir[n-1]) && p[:n] == dir
}

func strictlyUnder(p, dir string) bool {
	return p != dir && under(p, dir)
}

// place is where an invocation's path operands are judged from. Relative
// paths resolve against dir, the directory the program runs in; the path
// classes (the working directory, inside or outside it, its parents) judge
// the result against base, the directory the session is in: the project,
// or where a remote shell starts. A cd in the command moves dir and never
// base, so that cd /srv && rm -rf data is outside the project, as
// rm -rf /srv/data is. remote reports that the command runs on another
// host, where base is a remote home or working directory, someone's
// server rather than the project the session works on: a path under it
// is outside, not inside.
type place struct {
	dir, base string
	remote    bool
}

// placeOf returns where inv's path operands are judged from.
func placeOf(inv *parse.Invocation, ctx *Context) place {
	if inv.Remote != "" {
		return place{dir: inv.Dir, base: inv.Start, remote: true}
	}
	return place{dir: inv.Dir, base: ctx.Dir}
}

// classify returns the classes of one path operand of inv.
// A glob pattern has its own classes and, when the context may read the
// disk, those of every path it matches there.
//
// A word whose only run-time part is an inherited $TMPDIR or
// $XDG_CACHE_HOME is judged as the directory it names. A temporary or
// cache path that a symbolic link takes elsewhere has the classes of
// where it leads too, when the disk may be read.
func classify(w parse.Word, at place, ctx *Context) classSet {
	if alts, ok := ctx.inheritedDir(w); ok {
		var set classSet
		for _, a := range alts {
			set |= classify(parse.Word{Value: a, Glob: w.Glob}, at, ctx)
		}
		return set
	}
	set := classifyWord(w, at, ctx)
	if w.Glob && !w.Dynamic && ctx.State != nil {
		set |= ctx.globClasses(w.Value, at)
	}
	if set&(classTemp|classCache) != 0 {
		set |= ctx.linkClasses(w, at)
	}
	return set
}

// classifyWord returns the classes of one path operand as written.
func classifyWord(w parse.Word, at place, ctx *Context) classSet {
	v := w.Value
	if w.Dynamic {
		if rest, ok := guardedOutput(v); ok {
			return classifyRelative(rest)
		}
		set := classDynamic
		// A static absolute prefix still says where the path is: /etc/$x.
		if i := strings.IndexAny(v, "$`"); i > 0 && strings.HasPrefix(v, "/") {
			prefix := v[:i]
			if d := path.Dir(prefix + "x"); d != "" {
				set |= classifyPath(path.Join(d, "x"), at, ctx) &^ (classInside | classOutside | classTemp)
				if d == "/" {
					set |= classSystem
				}
			}
		}
		return set
	}
	if v == "" {
		return 0
	}
	if registryPath(v) {
		return classSystem
	}
	if w.Glob {
		d, pattern := path.Split(v)
		if d == "" {
			d = "."
		}
		if !strings.ContainsAny(d, "*?[") && (treeGlob(pattern) || pattern == "{}") {
			// Everything in d: d's own classes apply. find's {} stands for
			// d itself and what is under it, but find usually filters, so
			// it does not make d the working directory as a whole.
			abs, ok := resolve(d, at.dir)
			if !ok {
				return classDynamic | classTreeGlob
			}
			if pattern == "{}" && (isTempRoot(abs) || ctx.isCache(abs)) {
				// find /tmp -name 'pytest-*' -exec rm -rf {} +: what find
				// finds in a temporary directory or a cache. The find
				// itself is judged by its starting points and filters.
				return classifyPath(path.Join(abs, "x"), at, ctx)
			}
			if isTempRoot(abs) && pattern != "{}" && !hiddenGlob(pattern) {
				return ctx.tempGlobClasses(abs, at)
			}
			set := classTreeGlob | classifyPath(abs, at, ctx)
			if pattern == "{}" && set&classCwd != 0 {
				set = set&^(classCwd|classGuardParent) | classInside
			}
			if abs == "/" {
				set |= classSystem
			}
			if ctx.isHome(abs) {
				set |= classHome
			}
			return set
		}
		// A narrower glob stands for files in its directory.
		if i := strings.IndexAny(d, "*?["); i >= 0 {
			d = globDir(d, i)
		}
		v = path.Join(d, "x")
	}
	abs, ok := resolve(v, at.dir)
	if !ok {
		if at.base != "" {
			// The command moved to a directory only known at run time
			// (cd "$dir", cd -): a relative path there is too.
			return classDynamic
		}
		return classifyRelative(v)
	}
	return classifyPath(abs, at, ctx)
}

// classifyRelative classifies a relative path when the working directory
// is unknown, as in shell history: it is judged by where it points from
// wherever the command ran.
func classifyRelative(p string) classSet {
	clean := writes.CleanPath(p)
	switch {
	case clean == ".":
		return classCwd
	case clean == "..", strings.HasPrefix(clean, "../"):
		if strings.Trim(clean, "./") == "" {
			return classParent
		}
		return classOutside
	}
	set := classInside
	if (path.Base(clean) == ".git" || strings.HasPrefix(clean, ".git/") || strings.Contains(clean, "/.git/")) && !gitLeftover(clean) {
		set |= classGitDir
	}
	return set
}

// hiddenGlob reports whether a tree glob matches hidden names: .*, {*,.*}.
// In /tmp those are the system's socket directories (.X11-unix, .ICE-unix).
func hiddenGlob(p string) bool {
	for _, alt := range strings.Split(strings.Trim(p, "{}"), ",") {
		if strings.HasPrefix(alt, ".") || strings.HasPrefix(alt, "[.") {
			return true
		}
	}
	return false
}

// treeGlob reports whether a pattern matches every name in a directory,
// or every hidden one: *, .*, *.*, **, .??*, .[!.]*.
func treeGlob(p string) bool {
	if p == "" {
		return false
	}
	for _, alt := range strings.Split(strings.Trim(p, "{}"), ",") {
		clean := strings.Trim(alt, "*?.!^[]")
		if clean != "" {
			return false
		}
	}
	return strings.Contains(p, "*")
}

func resolve(p, dir string) (string, bool) {
	if path.IsAbs(p) {
		return path.Clean(p), true
	}
	if dir == "" {
		return "", false
	}
	return path.Join(dir, p), true
}

// classifyPath returns the classes of an absolute, clean path.
func classifyPath(p string, at place, ctx *Context) classSet {
	dir := at.base
	var set classSet
	if p == "/" {
		set |= classRoot
	}
	home := ctx.Home
	if ctx.isHome(p) {
		set |= classHome
	}
	temp := false
	for _, t := range tempDirs {
		// A home directory under /tmp (in tests, or an agent's sandbox
		// HOME) is still a home.
		if strictlyUnder(p, t) && !ctx.underHomeIn(p, t) {
			temp = true
			set |= classTemp
		}
	}
	if !temp && windowsUserTemp(p) {
		temp = true
		set |= classTemp
	}
	if !temp {
		for _, s := range systemDirs {
			if under(p, s) {
				set |= classSystem
			}
		}
		for _, s := range mountDirs {
			if p == s {
				set |= classSystem
			}
		}
		for _, t := range tempDirs {
			if p == t {
				set |= classSystem
			}
		}
		for _, f := range rootFiles {
			if p == f {
				set |= classSystem
			}
		}
	}
	if strings.HasPrefix(p, "/dev/") {
		for _, d := range devicePrefixes {
			if strings.HasPrefix(p, d) {
				set |= classDevice
			}
		}
		for _, d := range deviceExact {
			if p == d {
				set |= classDevice
			}
		}
		if tapeDevice(p) {
			set |= classDevice
		}
		if set&classDevice == 0 {
			// /dev/null, /dev/stdout, /dev/tty and the like are harmless.
			set &^= classSystem
		}
	}
	// A project under /root, /srv or /opt is data, not the system: what is
	// inside the home or working directory is judged as such.
	if home != "" && under(p, home) || dir != "" && strictlyUnder(p, dir) && !coreSystem(dir) {
		set &^= classSystem
	}
	for _, h := range [2]string{home, ctx.ShellHome} {
		if h == "" || !strictlyUnder(p, h) {
			continue
		}
		rel := strings.TrimPrefix(p[len(h):], "/")
		if inSecretCache(rel) || knownHostsFile(rel) {
			continue
		}
		for _, s := range secretDirs {
			if under(rel, s) {
				set |= classSecrets
			}
		}
	}
	if sshHostSecret(p) || otherUserSSH(p) || p == "/etc/shadow" || p == "/etc/sudoers" || under(p, "/etc/sudoers.d") || p == "/etc/gshadow" {
		set |= classSecrets
	}
	base := path.Base(p)
	if (base == ".git" || strings.Contains(p, "/.git/")) && !gitLeftover(p) {
		set |= classGitDir
	}
	cache := set&(classRoot|classHome|classSecrets) == 0 && ctx.isCache(p)
	if cache {
		set = set&^classSystem | classCache
	}
	if dir != "" {
		switch {
		case temp && at.dir != "" && under(p, at.dir) && parse.FreshTemp(at.dir):
			// cd "$(mktemp -d)" ... rm -rf "$d": a directory the command
			// made, not the one it was started in.
			set |= classInside
		case p == dir:
			set |= classCwd
		case strictlyUnder(dir, p):
			set |= classParent
		case strictlyUnder(p, dir) && (!at.remote || temp || cache):
			set |= classInside
		case !temp && !cache:
			set |= classOutside
		}
	} else if !temp && !cache && set&(classRoot|classHome|classSystem) == 0 {
		set |= classOutside
	}
	for _, g := range ctx.Protected {
		switch {
		case under(p, g):
			set |= classGuard
		case strictlyUnder(g, p) && set&(classRoot|classHome) == 0:
			// The root and the home directory hold guard's files too,
			// but rules of their own cover them.
			set |= classGuardParent
		}
	}
	return set
}

// sshHostSecret reports whether p is /etc/ssh or in it, which holds the
// host's private keys, but for the files there that are not credentials:
// the client's and the server's configuration, moduli and public keys.
// A glob there stands for any file in it, and is one.
func sshHostSecret(p string) bool {
	if !under(p, "/etc/ssh") {
		return false
	}
	rel := strings.TrimPrefix(p, "/etc/ssh/")
	switch {
	case rel == "sshd_config", rel == "ssh_config", rel == "moduli", strings.HasSuffix(rel, ".pub"),
		strings.HasPrefix(rel, "sshd_config.d/"), strings.HasPrefix(rel, "ssh_config.d/"):
		return false
	}
	return true
}

// sampleHook reports whether p is one of the sample hooks git init puts
// in .git/hooks: git never runs a hook whose name ends in .sample.
func sampleHook(p string) bool {
	return strings.HasSuffix(p, ".sample") && (strings.HasSuffix(path.Dir(p), "/.git/hooks") || path.Dir(p) == ".git/hooks") &&
		!strings.ContainsAny(path.Base(p), "*?[")
}

// gitLeftover reports whether p, in a .git directory, holds no history:
// a sample hook or a stale lock file.
func gitLeftover(p string) bool { return sampleHook(p) || gitLock(p) }

// gitLock reports whether p is one lock file git leaves in .git when a
// command of it dies (index.lock, HEAD.lock, refs/heads/main.lock):
// removing a stale one is what git's own message tells people to do, and
// it holds no history.
func gitLock(p string) bool {
	base := path.Base(p)
	if !strings.HasSuffix(base, ".lock") || base == ".lock" || strings.ContainsAny(p, "*?[") {
		return false
	}
	i := strings.LastIndex(p, ".git/")
	return (i == 0 || i > 0 && p[i-1] == '/') && !strings.Contains(p[i+5:], "..") && !strings.Contains(p[i+5:], "/objects")
}

// isHome reports whether p is the home directory: the password database's
// (ctx.Home), or the one bash expands ~ to (ctx.ShellHome), when the
// environment gives the shell another HOME, as an agent sandbox, a CI
// runner or a container does. Either is a home to keep: rm -rf ~ asks
// whichever it means. The shell's HOME only adds the home and secrets
// classes; it never makes a system directory the user's.
func (ctx *Context) isHome(p string) bool {
	return ctx.Home != "" && p == ctx.Home || ctx.ShellHome != "" && p == path.Clean(ctx.ShellHome)
}

// underHomeIn reports whether p is under a home directory that is itself
// under the temporary directory t.
func (ctx *Context) underHomeIn(p, t string) bool {
	for _, h := range [2]string{ctx.Home, ctx.ShellHome} {
		if h != "" && under(p, h) && strictlyUnder(h, t) {
			return true
		}
	}
	return false
}
