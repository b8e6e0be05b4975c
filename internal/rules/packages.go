package rules

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// System package removal. Removing an ordinary package is everyday work,
// as npm uninstall is: the package manager refuses to break what depends
// on it, and installing it again undoes it. What asks is what that does
// not cover: a package the system needs to boot, log in or manage
// packages (kind essential); an option that turns the manager's own
// checks off (force); a pattern, a set or a list only known at run time
// in place of names (pattern); the purge of a database or container
// engine, which deletes its data (data); and a removal
// that deletes the application's own data with it (app-data: snap remove
// --purge, flatpak uninstall --delete-data, brew uninstall --zap).

// pkgRemoval is what one package manager invocation removes.
type pkgRemoval struct {
	manager string
	names   []parse.Word // the packages named for removal
	purge   bool         // configuration files, and for some packages data, go too
	appData string       // the option that deletes the application's data too
	force   string       // an option that turns off the manager's dependency or essential checks
	cascade string       // an option that also removes what depends on the packages
	set     string       // a word that names a whole set of packages
	more    bool         // more names are appended at run time (xargs)
}

// packageRemoval reads what a package manager invocation removes, and
// reports whether it removes anything.
func packageRemoval(inv *parse.Invocation, v *view) (pkgRemoval, bool) {
	rm := pkgRemoval{manager: v.name, more: inv.MoreArgs}
	ops := v.operands
	cmd := ""
	if len(ops) > 0 {
		cmd = strings.ToLower(ops[0].Value)
	}
	letters := shortLetters(v.flags)
	// flag returns the first of the options given, by exact name:
	// dpkg -R is --recursive, -r is --remove.
	flag := func(names ...string) string {
		for _, f := range v.flags {
			name, _, _ := strings.Cut(f, "=")
			if slices.Contains(names, name) {
				return f
			}
		}
		return ""
	}
	switch v.name {
	case "apt", "apt-get", "aptitude", "nala":
		switch cmd {
		case "remove", "purge", "autoremove", "autopurge", "rm":
			rm.names = ops[1:]
			rm.purge = cmd == "purge" || cmd == "autopurge" || flag("--purge") != ""
		case "install", "reinstall":
			// apt-get install foo- removes foo, foo_ purges it.
			for _, w := range ops[1:] {
				if n := len(w.Value); n > 1 && (w.Value[n-1] == '-' || w.Value[n-1] == '_') && !w.Dynamic {
					rm.purge = rm.purge || w.Value[n-1] == '_'
					w.Value = w.Value[:n-1]
					rm.names = append(rm.names, w)
				}
			}
			if len(rm.names) == 0 {
				return rm, false
			}
		default:
			return rm, false
		}
		rm.force = forceOption(v.flags, "--allow-remove-essential", "--force-yes")
	case "dpkg":
		switch {
		case flag("-P", "--purge") != "":
			rm.purge = true
		case flag("-r", "--remove") == "":
			return rm, false
		}
		if len(ops) == 0 && flag("-a", "--pending") != "" {
			// The packages already selected for removal.
			return rm, false
		}
		rm.names = ops
		rm.force = forceOption(v.flags)
	case "rpm":
		if !strings.ContainsRune(letters, 'e') && flag("--erase") == "" {
			return rm, false
		}
		if strings.ContainsAny(letters, "qiUF") {
			return rm, false
		}
		rm.names = ops
		rm.force = flag("--nodeps")
	case "dnf", "dnf5", "yum", "microdnf", "tdnf":
		switch cmd {
		case "remove", "erase", "rm", "autoremove", "remove-n", "remove-na", "remove-nevra", "erase-n", "erase-na", "erase-nevra":
		default:
			return rm, false
		}
		rm.names = ops[1:]
		for i, f := range v.flags {
			val := f
			if v.hasVal(i) {
				val = f + "=" + v.vals[i]
			}
			low := strings.ToLower(val)
			if strings.Contains(low, "protected_packages") || strings.Contains(low, "protect_running_kernel") {
				rm.force = val
			}
		}
	case "zypper":
		switch cmd {
		case "remove", "rm":
		default:
			return rm, false
		}
		rm.names = ops[1:]
		rm.force = flag("--force-resolution")
	case "pacman", "yay", "paru":
		if !strings.ContainsRune(letters, 'R') && flag("--remove") == "" {
			return rm, false
		}
		rm.names = ops
		switch {
		case strings.Count(letters, "d") > 0:
			rm.force = "-d (--nodeps)"
		case flag("--nodeps") != "":
			rm.force = "--nodeps"
		}
		switch {
		case strings.ContainsRune(letters, 'c'):
			rm.cascade = "-c (--cascade)"
		case flag("--cascade") != "":
			rm.cascade = "--cascade"
		}
	case "apk":
		if cmd != "del" {
			return rm, false
		}
		rm.names = ops[1:]
		rm.purge = flag("--purge") != ""
		rm.force = flag("--force-broken-world", "--force")
		rm.cascade = flag("-r", "--rdepends")
	case "snap":
		if cmd != "remove" {
			return rm, false
		}
		rm.names = ops[1:]
		rm.appData = flag("--purge")
		rm.purge = rm.appData != ""
	case "flatpak":
		if cmd != "uninstall" && cmd != "remove" {
			return rm, false
		}
		rm.names = ops[1:]
		rm.appData = flag("--delete-data")
		rm.set = flag("--all")
	case "brew":
		if cmd != "uninstall" && cmd != "remove" && cmd != "rm" {
			return rm, false
		}
		rm.names = ops[1:]
		rm.appData = flag("--zap")
	case "port":
		if cmd != "uninstall" {
			return rm, false
		}
		rm.names = ops[1:]
		if strings.ContainsRune(letters, 'f') {
			rm.force = "-f"
		}
	case "emerge":
		switch {
		case strings.ContainsRune(letters, 'C') || flag("--unmerge") != "":
			// emerge --unmerge checks no dependencies at all.
			rm.force = "--unmerge"
		case strings.ContainsAny(letters, "cP") || flag("--depclean", "--prune") != "":
		default:
			return rm, false
		}
		rm.names = ops
	case "nix-env":
		if !strings.ContainsRune(letters, 'e') && flag("--uninstall") == "" {
			return rm, false
		}
		rm.names = ops
	case "pkg":
		if cmd != "delete" && cmd != "remove" {
			return rm, false
		}
		rm.names = ops[1:]
		if strings.ContainsRune(letters, 'f') {
			rm.force = "-f"
		}
		switch {
		case strings.ContainsRune(letters, 'a'):
			rm.set = "-a"
		case strings.ContainsAny(letters, "gx"):
			rm.set = "a pattern (-g, -x)"
		}
	default:
		return rm, false
	}
	return rm, true
}

// shortLetters returns the letters of the short option clusters among
// flags: -Rns gives Rns.
func shortLetters(flags []string) string {
	var b strings.Builder
	for _, f := range flags {
		if len(f) > 1 && f[0] == '-' && f[1] != '-' {
			b.WriteString(f[1:])
		}
	}
	return b.String()
}

// forceOption returns the first option that turns off dpkg's checks of
// dependencies or essential packages, directly or passed on by apt
// (-o Dpkg::Options::=--force-depends), or one of extra.
func forceOption(flags []string, extra ...string) string {
	for _, f := range flags {
		low := strings.ToLower(f)
		for _, e := range extra {
			if low == e || strings.HasPrefix(low, e+"=") {
				return f
			}
		}
		if strings.HasPrefix(low, "--force-") || strings.HasPrefix(low, "--force=") {
			for _, k := range []string{"depends", "remove-essential", "all", "remove-reinstreq", "remove-protected", "breaks"} {
				if strings.Contains(low, k) {
					return f
				}
			}
		}
	}
	return ""
}

// aptForced returns an apt -o option that lets it remove essential
// packages or passes a force option on to dpkg. -o takes the next word
// as its value, which the view keeps among the operands or the values.
func aptForced(inv *parse.Invocation) string {
	for _, a := range inv.Args[1:] {
		low := strings.ToLower(a.Value)
		if strings.Contains(low, "allowremoveessential") || strings.Contains(low, "allow-remove-essential") ||
			strings.Contains(low, "--force-depends") || strings.Contains(low, "--force-remove-essential") || strings.Contains(low, "--force-all") {
			return a.Value
		}
	}
	return ""
}

// pkgName returns a package name without its version, architecture,
// release or category, in lower case: libc6:amd64, bash=5.2-1,
// glibc-2.34-60.el9.x86_64 and sys-libs/glibc are libc6, bash, glibc and
// glibc.
func pkgName(manager, s string) string {
	s = strings.ToLower(s)
	switch manager {
	case "emerge":
		s = strings.TrimLeft(s, "=<>~")
		if i := strings.LastIndexByte(s, '/'); i >= 0 {
			s = s[i+1:]
		}
		return stripVersions(s, 2)
	case "rpm", "dnf", "dnf5", "yum", "microdnf", "tdnf", "zypper":
		for _, arch := range []string{".x86_64", ".noarch", ".i686", ".aarch64", ".ppc64le", ".s390x", ".armv7hl", ".src"} {
			s = strings.TrimSuffix(s, arch)
		}
		return stripVersions(s, 2)
	case "brew":
		s, _, _ = strings.Cut(s, "@")
		if i := strings.LastIndexByte(s, '/'); i >= 0 {
			s = s[i+1:]
		}
		return s
	}
	if i := strings.IndexAny(s, "=:/<>~"); i > 0 {
		s = s[:i]
	}
	return s
}

// stripVersions removes up to n trailing -VERSION parts from an rpm or
// Gentoo package name: glibc-2.34-60.el9 is glibc.
func stripVersions(s string, n int) string {
	for ; n > 0; n-- {
		i := strings.LastIndexByte(s, '-')
		if i <= 0 || i+1 >= len(s) || s[i+1] < '0' || s[i+1] > '9' {
			break
		}
		s = s[:i]
	}
	return s
}

// pkgPattern reports whether a package operand is a pattern or a set
// rather than a name: python3*, '^lib.*', apt's ~n and ?name(), emerge's
// @world. apt's ~c and ?config-files, packages already removed whose
// configuration is left, are names of a kind.
func pkgPattern(s string) bool {
	switch strings.ToLower(s) {
	case "~c", "?config-files":
		return false
	}
	if s == "" {
		return false
	}
	if s[0] == '~' || s[0] == '?' || s[0] == '@' {
		return true
	}
	return strings.ContainsAny(s, "*?[]^$|")
}

// orphanList reports whether a word only known at run time lists the
// packages nothing needs any more: $(pacman -Qdtq), $(deborphan).
func orphanList(s string) bool {
	inner, ok := strings.CutPrefix(s, "$(")
	if !ok {
		return false
	}
	inner = strings.TrimSpace(strings.TrimSuffix(inner, ")"))
	f := strings.Fields(inner)
	if len(f) == 1 && f[0] == "deborphan" {
		return true
	}
	if len(f) != 2 || (f[0] != "pacman" && f[0] != "yay" && f[0] != "paru") {
		return false
	}
	l := f[1]
	return strings.HasPrefix(l, "-Q") && strings.Contains(l, "d") && strings.Contains(l, "t") &&
		strings.Trim(l[1:], "Qdtq") == ""
}

// runningKernel returns the release of the running kernel, or "". It is a
// variable so that tests can stand in for /proc.
var runningKernel = func() string {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// kernelVersion returns the version a kernel package's name carries
// (linux-image-6.8.0-45-generic, kernel-core-5.14.0-362.el9), or "".
func kernelVersion(raw string) string {
	low := strings.ToLower(raw)
	for _, p := range []string{"linux-image-unsigned-", "linux-image-", "linux-modules-extra-", "linux-modules-", "kernel-core-", "kernel-modules-", "kernel-"} {
		if rest, ok := strings.CutPrefix(low, p); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return rest
		}
	}
	return ""
}

// oldKernel reports whether a kernel package names a version other than
// the running kernel's, which only the local machine can say. Nothing a
// command does short of a reboot changes the running kernel.
func oldKernel(raw string, inv *parse.Invocation, ctx *Context) bool {
	ver := kernelVersion(raw)
	if ver == "" || ctx.probe(inv) == nil {
		return false
	}
	run := runningKernel()
	if run == "" {
		return false
	}
	return !strings.HasPrefix(run, ver) && !strings.HasPrefix(ver, run)
}

// systemPython returns the version of the python3 the system runs
// (/usr/bin/python3 -> python3.12 gives 3.12), or "". It is a variable so
// that tests can stand in for the link.
var systemPython = func() string {
	t, err := os.Readlink("/usr/bin/python3")
	if err != nil {
		return ""
	}
	v, ok := strings.CutPrefix(path.Base(t), "python")
	if !ok {
		return ""
	}
	return v
}

// otherPython reports whether a python3.N package (python3.9,
// python3.9-minimal, libpython3.9-stdlib) is not the system's own python,
// which only the local machine can say (and nothing earlier in the
// command may have changed): a second python from a PPA is an ordinary
// package.
func otherPython(name string, inv *parse.Invocation, ctx *Context) bool {
	name = strings.TrimPrefix(name, "lib")
	rest, ok := strings.CutPrefix(name, "python3.")
	if !ok || ctx.probe(inv) == nil || pythonMayChange(ctx) {
		return false
	}
	ver, _, _ := strings.Cut(rest, "-")
	if !digits(ver) {
		return false
	}
	sys := systemPython()
	return sys != "" && sys != "3."+ver
}

// pythonMayChange reports whether an earlier part of the command may
// change which python3 the system runs: anything that writes, except a
// refresh of the package lists (apt-get update && apt-get remove ...).
func pythonMayChange(ctx *Context) bool {
	if !ctx.stale() {
		return false
	}
	for _, p := range ctx.prior {
		if readOnly(p) {
			continue
		}
		sub := ""
		if len(p.Args) > 1 {
			sub = p.Args[1].Value
		}
		switch p.Name {
		case "apt", "apt-get", "dnf", "yum", "zypper", "apk", "pacman":
			if sub == "update" || sub == "makecache" || sub == "check-update" || sub == "refresh" || sub == "-Sy" {
				continue
			}
		}
		return true
	}
	return false
}

// newPackages matches a package removal of one kind: essential, force,
// pattern, data or app-data. names lists the packages of the essential
// and data kinds (patterns allowed); not lists names that are not, such
// as a database's client.
func newPackages(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kind := p.string("kind", "")
	names := lowerAll(p.strings("names"))
	not := lowerAll(p.strings("not"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf([]string{kind}, "essential", "force", "pattern", "data", "app-data"); err != nil {
		return nil, err
	}
	if (kind == "essential" || kind == "data") && len(names) == 0 {
		return nil, fmt.Errorf("kind %s needs names", kind)
	}
	named := func(rm pkgRemoval, inv *parse.Invocation, ctx *Context) (string, bool) {
		for _, w := range rm.names {
			n := pkgName(rm.manager, w.Value)
			if w.Dynamic {
				// linux-image-$(uname -r) is judged by its fixed part.
				i := strings.IndexAny(w.Value, "$`")
				if i <= 0 {
					continue
				}
				n = strings.ToLower(w.Value[:i])
			}
			if !w.Dynamic && pkgPattern(w.Value) {
				// A pattern is judged by its fixed part: 'postgresql*'
				// removes postgresql.
				n = strings.Trim(strings.ToLower(w.Value), "*?[]^$|.~@'\"")
			}
			if matchLower(names, n) && !matchLower(not, n) {
				if kind == "essential" && (oldKernel(w.Value, inv, ctx) || otherPython(n, inv, ctx)) {
					continue
				}
				return w.Value, true
			}
		}
		return "", false
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		rm, ok := packageRemoval(inv, v)
		if !ok {
			return "", false
		}
		switch kind {
		case "essential":
			if n, ok := named(rm, inv, ctx); ok {
				return "removes " + parse.Quote(n) + ", a package the system needs to boot, log in or manage packages", true
			}
		case "force":
			f := rm.force
			if f == "" && (rm.manager == "apt" || rm.manager == "apt-get" || rm.manager == "aptitude") {
				f = aptForced(inv)
			}
			if f != "" {
				return parse.Quote(f) + " turns off the package manager's checks of dependencies and essential packages", true
			}
		case "pattern":
			switch {
			case rm.set != "":
				return parse.Quote(rm.set) + " removes a whole set of packages", true
			case rm.cascade != "":
				return parse.Quote(rm.cascade) + " also removes every package that depends on these", true
			case rm.more:
				return "the packages are appended at run time", true
			}
			for _, w := range rm.names {
				switch {
				case w.Dynamic && !orphanList(w.Value):
					return "the packages " + parse.Quote(w.Value) + " are only known at run time", true
				case !w.Dynamic && pkgPattern(w.Value):
					return parse.Quote(w.Value) + " is a pattern that may match many packages", true
				case rm.manager == "port" && portSet(w.Value):
					return parse.Quote(w.Value) + " names a whole set of ports", true
				}
			}
		case "data":
			if !rm.purge {
				// The data stays, and installing the package again
				// brings the server back with it.
				break
			}
			if n, ok := named(rm, inv, ctx); ok {
				return "purges " + parse.Quote(n) + ", which deletes the data it keeps with its configuration", true
			}
		case "app-data":
			if rm.appData != "" && len(rm.names) > 0 {
				return parse.Quote(rm.appData) + " deletes the application's own data, with no copy kept", true
			}
		}
		return "", false
	}, nil
}

// portSet reports whether a MacPorts operand is a pseudo-port naming a
// set: installed, active, requested, all.
func portSet(s string) bool {
	switch strings.ToLower(s) {
	case "installed", "active", "requested", "all", "current", "outdated":
		return true
	}
	return false
}
