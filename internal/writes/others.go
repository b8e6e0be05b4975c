package writes

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// More programs whose writes a table cannot say: mounts, which hide what
// is under their mount point, split's numbered pieces, copies out of a
// container or a remote store.

// mount hides what is under its mount point, the last operand (mount
// --bind SRC DIR, mount -t tmpfs none DIR, sshfs host:path DIR), or the
// only one (mount DIR, from fstab); --target DIR too.
func mount(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	for _, t := range a.values("--target") {
		c.add(Target{Path: t, Kind: Replace, What: inv.Name + " over"})
	}
	if len(a.operands) > 0 {
		c.add(Target{Path: a.operands[len(a.operands)-1], Kind: Replace, What: inv.Name + " over"})
	}
}

// split writes PREFIXaa, PREFIXab, ... (the prefix is the second operand,
// x by default).
func split(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if a.has("--filter") {
		return
	}
	prefix := word("x")
	if len(a.operands) > 1 {
		prefix = a.operands[1]
	}
	c.add(Target{Path: pieces(prefix), Kind: Write, What: "split pieces"})
}

// csplit writes -f PREFIX (xx by default) followed by numbers.
func csplit(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	prefix, ok := a.last("-f", "--prefix")
	if !ok {
		prefix = word("xx")
	}
	c.add(Target{Path: pieces(prefix), Kind: Write, What: "csplit pieces"})
}

// pieces is a pattern for the files a prefix begins.
func pieces(prefix parse.Word) parse.Word {
	return parse.Word{Value: escapeGlob(prefix.Value) + "*", Glob: true, Dynamic: prefix.Dynamic}
}

// escapeGlob keeps a literal word's pattern characters literal, roughly:
// a name with them is rare, and a bracket that matches more is the
// stricter reading.
func escapeGlob(s string) string {
	return strings.NewReplacer("*", "?", "?", "?").Replace(s)
}

// containerCopy is docker cp, podman cp, kubectl cp and their kin: a copy
// out of a container writes its host destination, a file or a tree of
// content guard cannot see.
func containerCopy(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	words := inv.Args[1:]
	i := 0
	for i < len(words) && strings.HasPrefix(words[i].Value, "-") {
		// Global options; those that take a value are given with = or
		// are followed by a word that is not a subcommand.
		if !strings.Contains(words[i].Value, "=") && i+1 < len(words) && valueOption(inv.Name, words[i].Value) {
			i++
		}
		i++
	}
	if i < len(words) && words[i].Value == "container" && inv.Name != "kubectl" {
		i++
	}
	if i >= len(words) || words[i].Value != "cp" {
		return
	}
	var ops []parse.Word
	for k := i + 1; k < len(words); k++ {
		v := words[k].Value
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			if (v == "-c" || v == "--container" || v == "-n" || v == "--namespace") && k+1 < len(words) {
				k++
			}
			continue
		}
		ops = append(ops, words[k])
	}
	if len(ops) != 2 || containerPath(ops[1].Value) || !containerPath(ops[0].Value) {
		return
	}
	containerLands(c, inv, ops[0], ops[1])
}

// containerLands adds where a copy out of a container lands. For docker
// and its kin, a source
// with a base name (c:/etc/os-release, c:/var/lib/app) lands as that name
// in a destination that is a directory, and at the destination itself
// otherwise, as cp does; what it holds below that name is not known. A
// directory's content (c:/app/.) lands in the destination under names
// guard cannot see.
func containerLands(c *collector, inv *parse.Invocation, src, dest parse.Word) {
	what := inv.Name + " cp to"
	if inv.Name == "kubectl" || inv.Name == "oc" {
		// kubectl cp strips the source's path from what it unpacks: a
		// directory's content lands in the destination itself.
		c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: what})
		return
	}
	_, inside, _ := strings.Cut(src.Value, ":")
	base, ok := baseName(parse.Word{Value: inside, Dynamic: src.Dynamic, Glob: src.Glob})
	if !ok || inside == "" || base.Glob || base.Dynamic || base.Value == "-" {
		c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: what})
		return
	}
	if !c.isDir(inv, dest.Value) {
		c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: what})
	}
	c.add(Target{Path: joinWord(dest, base), Kind: Tree, Unknown: true, What: what})
}

// containerPath reports whether a cp operand names a path in a container
// (name:path) or a pod (namespace/pod:path) rather than on this machine.
func containerPath(v string) bool {
	i := strings.IndexByte(v, ':')
	return i > 0 && v[0] != '/' && v[0] != '.' && v[0] != '~' && strings.Count(v[:i], "/") <= 1
}

// isDir reports whether a destination is a directory as written: a
// trailing slash, ., .., the working directory or the home directory.
func (c *collector) isDir(inv *parse.Invocation, v string) bool {
	return strings.HasSuffix(v, "/") || v == "." || v == ".." || strings.HasSuffix(v, "/.") || strings.HasSuffix(v, "/..") ||
		inv.Dir != "" && path.Clean(v) == inv.Dir || c.home != "" && path.Clean(v) == c.home
}

// valueOption reports the global options of the container CLIs that take
// a value.
func valueOption(prog, opt string) bool {
	switch opt {
	case "-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "--url", "--connection", "--root", "--runroot",
		"-n", "--namespace", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--token", "--as":
		return true
	}
	return false
}

// rclone copy, sync, move and mount write their local destination.
func rclone(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	var ops []parse.Word
	for _, w := range inv.Args[1:] {
		if !strings.HasPrefix(w.Value, "-") {
			ops = append(ops, w)
		}
	}
	if len(ops) < 3 || isRemote(ops[2].Value) {
		return
	}
	switch ops[0].Value {
	case "copy", "sync", "move", "copyto", "moveto", "bisync":
		c.add(Target{Path: ops[2], Kind: Tree, Unknown: true, What: "rclone " + ops[0].Value + " to"})
	case "mount", "nfsmount":
		c.add(Target{Path: ops[2], Kind: Replace, What: "rclone mount over"})
	}
}
