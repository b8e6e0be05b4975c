package rules

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the path classes that make a deletion harmless: caches,
// which the tools that fill them rebuild, and temporary directories named
// through the TMPDIR the command inherits. docs/paths.md describes them.

// homeCaches are caches under a home directory: what is in them is
// downloaded or built again when a tool next needs it. Only the cache
// itself is listed, never the tool's directory around it, which may hold
// settings or credentials (~/.m2/settings.xml, ~/.gradle/gradle.properties,
// ~/.cargo/credentials.toml).
var homeCaches = []string{
	".cache", // XDG_CACHE_HOME's default: pip, go-build, yarn, ...
	"Library/Caches",
	"Library/Developer/Xcode/DerivedData",
	"Library/Developer/Xcode/iOS DeviceSupport",
	"Library/Developer/CoreSimulator/Caches",
	".npm/_cacache", ".npm/_npx", ".npm/_logs",
	".yarn/berry/cache",
	".pnpm-store", ".local/share/pnpm/store", "Library/pnpm/store",
	".gradle/caches", ".gradle/wrapper/dists",
	".m2/repository",
	".cargo/registry", ".cargo/git",
	"go/pkg/mod",
	".ivy2/cache",
	".nuget/packages",
	".composer/cache",
	".android/cache", ".android/build-cache",
	".bun/install/cache",
	".bundle/cache",
	".pub-cache",
	".conda/pkgs",
	".rustup/tmp", ".rustup/downloads",
	".nvm/.cache", ".pyenv/cache",
	".ccache", ".node-gyp", ".electron-gyp",
	".cocoapods/repos",
	".gradle/daemon",
	".vscode-server/data/CachedExtensionVSIXs",
	// Download and build caches of more toolchains: minikube's images,
	// cabal's and stack's package indexes, NuGet's HTTP caches, sbt's
	// launcher, Julia's precompiled modules, Hex's packages, PlatformIO's
	// downloads, the Maven wrapper's distributions, Dart's analysis cache.
	".minikube/cache", ".cabal/packages", ".stack/pantry", ".local/share/NuGet/http-cache",
	".local/share/NuGet/v3-cache", ".local/share/NuGet/plugins-cache", ".sbt/boot", ".julia/compiled",
	".hex/packages", ".platformio/.cache", ".m2/wrapper/dists", ".dartServer",
	// Caches inside credential stores (secretCaches).
	".aws/cli/cache", ".aws/sso/cache", ".kube/cache", ".kube/http-cache", ".terraform.d/plugin-cache",
}

// secretCaches are the caches inside a credential store (secretDirs):
// the AWS CLI's copies of the short-lived credentials it assumed or
// fetched through SSO, which it fetches again (aws sso login), kubectl's
// discovery and HTTP caches, and Terraform's provider cache. Deleting one
// is a logout at most; the store around it keeps asking.
var secretCaches = []string{".aws/cli/cache", ".aws/sso/cache", ".kube/cache", ".kube/http-cache",
	".terraform.d/plugin-cache"}

// inSecretCache reports whether rel, a path relative to the home
// directory, is a cache inside a credential store or in one.
func inSecretCache(rel string) bool {
	for _, c := range secretCaches {
		if atOrUnder(rel, c) {
			return true
		}
	}
	return false
}

// atOrUnder reports whether the relative path rel is dir or under it,
// without making a string.
func atOrUnder(rel, dir string) bool {
	return strings.HasPrefix(rel, dir) && (len(rel) == len(dir) || rel[len(dir)] == '/')
}

// systemCaches are the package managers' caches, which a Dockerfile
// empties after installing: apt-get update, dnf makecache and apk update
// fill them again.
var systemCaches = []string{"/var/lib/apt/lists", "/var/cache/apt", "/var/cache/dnf", "/var/cache/yum",
	"/var/cache/apk", "/var/cache/pacman/pkg", "/var/cache/zypp"}

// cacheNames are directories of compiled or cached files wherever they
// are: Python's byte code and the caches of its test and lint tools.
var cacheNames = []string{"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}

// projectCaches are the directories web frameworks fill again on the
// next request or build, inside an application's directory: Symfony's
// and Magento's var/cache, Magento's generated code, Laravel's bootstrap
// and view caches, Rails' tmp/cache, WordPress' cache plugins, Next.js'
// build cache, and an application's own tmp directory (/opt/pos/tmp). At
// the root (/var/cache, /tmp) they are the system's, not these.
const projectCaches = "var/cache var/page_cache var/view_preprocessed generated/code " +
	"generated/metadata bootstrap/cache storage/framework/cache storage/framework/views " +
	"tmp/cache wp-content/cache .next/cache tmp"

// inProjectCache reports whether the absolute path p is in one of
// projectCaches below some directory of its own.
func inProjectCache(p string) bool {
	for n := range strings.FieldsSeq(projectCaches) {
		for i := 1; i < len(p); {
			j := strings.Index(p[i:], n)
			if j < 0 {
				break
			}
			j += i
			if p[j-1] == '/' && j > 1 && (j+len(n) == len(p) || p[j+len(n)] == '/') && (n != "tmp" || strings.Count(p[:j], "/") >= 3) {
				// tmp only in an application's directory (/opt/pos/tmp),
				// not the system's /var/tmp or /private/tmp.
				return true
			}
			i = j + 1
		}
	}
	return false
}

// isCache reports whether an absolute, clean path is a cache or inside one.
func (ctx *Context) isCache(p string) bool {
	for _, s := range systemCaches {
		if under(p, s) {
			return true
		}
	}
	for _, h := range [3]string{ctx.Home, ctx.ShellHome, "/root"} {
		if h == "" || h == "/" || !strictlyUnder(p, h) {
			continue
		}
		rel := p[len(h)+1:]
		if appCache(rel) {
			return true
		}
		for _, c := range homeCaches {
			if atOrUnder(rel, c) {
				return true
			}
		}
	}
	for _, n := range cacheNames {
		if hasSegment(p, n) {
			return true
		}
	}
	return inProjectCache(p)
}

// hasSegment reports whether n is a whole segment of p, after a slash:
// whether p+"/" holds "/"+n+"/", without making either string.
func hasSegment(p, n string) bool {
	for i := 0; i < len(p); {
		j := strings.Index(p[i:], n)
		if j < 0 {
			return false
		}
		j += i
		if j > 0 && p[j-1] == '/' && (j+len(n) == len(p) || p[j+len(n)] == '/') {
			return true
		}
		i = j + 1
	}
	return false
}

// isTempRoot reports whether p is a temporary directory itself, such as
// /tmp, rather than something in it.
func isTempRoot(p string) bool {
	for _, t := range tempDirs {
		if p == t {
			return true
		}
	}
	return false
}

// tempGlobClasses returns the classes of a glob for everything in the
// temporary directory t (rm -rf /tmp/*): those of a temporary file, and,
// for each directory the glob reaches that guard or the session keeps
// there (guard's own files, the working directory or the project, the
// home directory of a sandbox), the classes of the entry of t that holds
// it. Clearing /tmp loses nothing a person keeps there on purpose, but
// guard's files and a project under /tmp are kept wherever they are.
func (ctx *Context) tempGlobClasses(t string, at place) classSet {
	set := classTreeGlob | classifyPath(t+"/x", at, ctx)&^(classGuard|classGuardParent)
	if ctx.movedIntoTemp(t) {
		// mv config/credentials.yml.enc /tmp/ && rm -rf /tmp/*: the wipe
		// deletes what the command just moved out of its place, which
		// was not temporary.
		set |= classOutside
	}
	keep := append([]string{at.dir, at.base, ctx.Home, ctx.ShellHome}, ctx.Protected...)
	for _, k := range keep {
		if k == "" || !path.IsAbs(k) {
			continue
		}
		k = path.Clean(k)
		if !strictlyUnder(k, t) {
			continue
		}
		rel := k[len(t)+1:]
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			rel = rel[:i]
		}
		set |= classifyPath(t+"/"+rel, at, ctx)
	}
	return set
}

// movedIntoTemp reports whether an earlier mv in the same command moves
// something that is not temporary into the temporary directory t.
func (ctx *Context) movedIntoTemp(t string) bool {
	for _, prev := range ctx.before {
		if path.Base(prev.Name) != "mv" || len(prev.Args) < 3 {
			continue
		}
		var ops []string
		for _, a := range prev.Args[1:] {
			if a.Dynamic {
				return true
			}
			if !strings.HasPrefix(a.Value, "-") {
				ops = append(ops, resolvePath(a.Value, prev.Dir))
			}
		}
		if len(ops) < 2 || !under(ops[len(ops)-1], t) {
			continue
		}
		for _, src := range ops[:len(ops)-1] {
			if !under(src, t) {
				return true
			}
		}
	}
	return false
}

// --- symbolic links ---

// linkClasses returns, for a temporary or cache path that reaches
// elsewhere through a symbolic link, the classes of where it leads: a
// /tmp/work that links to the home directory is the home directory. It
// returns 0 when the path leads nowhere else or the disk cannot be read.
func (ctx *Context) linkClasses(w parse.Word, at place) classSet {
	if ctx.State == nil || w.Dynamic {
		return 0
	}
	v := w.Value
	if w.Glob {
		v = staticDir(v)
	}
	abs, ok := resolve(v, at.dir)
	if !ok {
		return 0
	}
	real := realPath(abs)
	for _, h := range [2]string{ctx.Home, ctx.ShellHome} {
		// A home that is itself reached through a link (/home on another
		// disk) is still the home.
		if h == "" {
			continue
		}
		if rh := realPath(h); rh != h && under(real, rh) {
			real = h + strings.TrimPrefix(real, rh)
		}
	}
	if real == abs {
		return 0
	}
	set := classifyPath(real, at, ctx)
	if set&(classTemp|classCache) != 0 && set&(classSystem|classHome|classRoot|classSecrets) == 0 {
		// /tmp to /private/tmp on macOS.
		return 0
	}
	return set
}

// realPath resolves the symbolic links of an absolute path, as far as the
// path exists on the disk.
func realPath(p string) string {
	rest := ""
	for d := p; ; d = path.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			return path.Join(filepath.ToSlash(r), rest)
		}
		if d == "/" || d == "." {
			return p
		}
		rest = path.Join(path.Base(d), rest)
	}
}

// --- TMPDIR and XDG_CACHE_HOME ---

// dirVars are variables the command inherits that name a directory of a
// harmless class, and the value assumed when the environment is not known.
var dirVars = []struct {
	name string
	def  func(ctx *Context) string
}{
	{"TMPDIR", func(*Context) string { return "/tmp" }},
	{"XDG_CACHE_HOME", func(ctx *Context) string { return path.Join(ctx.shellHome(), ".cache") }},
}

// inheritedDir returns the path a word such as "$TMPDIR/build" stands
// for, when its only run-time part is a leading TMPDIR or XDG_CACHE_HOME
// that the command inherits: the command never sets it, and the
// environment guard runs in, when known, holds a value of the same class.
// Anything else is not known.
func (ctx *Context) inheritedDir(w parse.Word) ([]string, bool) {
	v := w.Value
	if p, ok := ctx.scratchDir(w); ok {
		return []string{p}, true
	}
	if !w.Dynamic || len(v) < 2 || v[0] != '$' {
		return nil, false
	}
	for _, dv := range dirVars {
		var rest, alt string
		switch {
		case strings.HasPrefix(v, "$"+dv.name) && !isNameByte(v, 1+len(dv.name)):
			rest = v[1+len(dv.name):]
		case strings.HasPrefix(v, "${"+dv.name+"}"):
			rest = v[3+len(dv.name):]
		case strings.HasPrefix(v, "${"+dv.name+":-"), strings.HasPrefix(v, "${"+dv.name+"-"):
			body := v[2+len(dv.name):]
			body = strings.TrimPrefix(strings.TrimPrefix(body, ":"), "-")
			end := strings.IndexByte(body, '}')
			if end < 0 {
				return nil, false
			}
			alt, rest = body[:end], body[end+1:]
			if !path.IsAbs(alt) {
				return nil, false
			}
		default:
			continue
		}
		if strings.ContainsAny(rest, "$`") || rest != "" && rest[0] != '/' || strings.Contains(rest+"/", "/../") || !ctx.inherits(dv.name) {
			return nil, false
		}
		val, known := ctx.envValue(dv.name)
		if !known {
			val = dv.def(ctx)
		}
		if !path.IsAbs(val) || strings.ContainsAny(val, " \t\n*?[") {
			return nil, false
		}
		if first, _, _ := strings.Cut(strings.TrimLeft(rest, "/"), "/"); first == "" || first == "." || treeGlob(first) {
			// The directory itself, or everything in it: as /tmp is, a
			// system location, or the cache as a whole.
			if dv.name == "TMPDIR" {
				val = "/tmp"
			}
		}
		out := []string{path.Clean(val) + rest}
		if alt != "" && (!known || val == "") {
			out = append(out, path.Clean(alt)+rest)
		}
		return out, true
	}
	return nil, false
}

func isNameByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// envValue returns a variable of the environment commands run in, when
// guard knows that environment.
func (ctx *Context) envValue(name string) (string, bool) {
	if ctx.Env != nil {
		return ctx.Env[name], true
	}
	if ctx.State != nil && ctx.State.Environ != nil {
		for _, kv := range ctx.State.Environ() {
			if k, v, ok := strings.Cut(kv, "="); ok && k == name {
				return v, true
			}
		}
		return "", true
	}
	return "", false
}

// assigners are the builtins that set or unset variables by names in
// their arguments. sourcers run code or an environment guard may not see,
// and declarers set variables by names the parser does not pass on
// (export TMP"DIR"=/ reaches the rules as a bare export).
var (
	assigners = []string{"read", "mapfile", "readarray", "printf", "getopts", "unset", "let"}
	sourcers  = []string{"source", ".", "eval", "env", "declare", "typeset", "export", "local", "readonly"}
)

var inheritCache struct {
	sync.Mutex
	text, name string
	ok         bool
}

// inherits reports whether the command leaves the variable as the
// environment has it: the text names it only to expand it ($NAME,
// ${NAME}, ${NAME:-...}), and no command in it could set a variable by a
// name built at run time. A command text that is not known fails.
func (ctx *Context) inherits(name string) bool {
	text := ctx.text
	if text == "" {
		return false
	}
	inheritCache.Lock()
	defer inheritCache.Unlock()
	if inheritCache.text == text && inheritCache.name == name {
		return inheritCache.ok
	}
	ok := inheritsIn(text, name, ctx)
	inheritCache.text, inheritCache.name, inheritCache.ok = text, name, ok
	return ok
}

func inheritsIn(text, name string, ctx *Context) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			break
		}
		at := i + j
		after := text[at+len(name):]
		switch {
		case at >= 1 && text[at-1] == '$':
		case at >= 2 && text[at-2:at] == "${" && (strings.HasPrefix(after, "}") || strings.HasPrefix(after, ":-") || strings.HasPrefix(after, "-")):
		default:
			return false
		}
		i = at + len(name)
	}
	for _, inv := range parse.Command(text, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()}) {
		if inv.Problem != parse.NoProblem {
			return false
		}
		if slices.Contains(sourcers, inv.Name) {
			return false
		}
		if slices.Contains(assigners, inv.Name) {
			// declare "${a}DIR=/", export TMP"DIR"=/: a name built at run
			// time, or one the quotes hid from the text.
			for _, a := range inv.Args[1:] {
				if a.Dynamic || strings.Contains(a.Value, name) {
					return false
				}
			}
		}
		for _, via := range inv.Via {
			if !plainWrapper(via) {
				return false
			}
		}
	}
	return true
}

// plainWrapper reports whether a wrapper runs its program with the words
// the calling shell expanded and in its environment, give or take sudo's.
func plainWrapper(via string) bool {
	switch via {
	case "sudo", "doas", "time", "nice", "nohup", "timeout", "ionice", "stdbuf", "caffeinate", "xargs", "find -exec", "find -execdir":
		return true
	}
	return false
}
