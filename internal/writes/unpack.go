package writes

import (
	"path"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// The archivers, compressors and copiers: what they write depends on
// their mode and on the directory they extract or copy into.

// tar writes its archive when it creates one, and the tree it extracts
// into: -C DIR or the working directory.
func tar(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if a.has("-c", "--create", "-r", "--append", "-u", "--update", "-A", "--catenate", "--concatenate", "--delete") {
		for _, f := range a.values("-f", "--file") {
			if f.Value != "-" && !isRemote(f.Value) {
				c.add(Target{Path: f, Kind: Write, What: "tar archive"})
			}
		}
		return
	}
	if !a.has("-x", "--extract", "--get") || a.has("-O", "--to-stdout", "--to-command") {
		return
	}
	roots := a.values("-C", "--directory")
	if len(roots) == 0 {
		roots = []parse.Word{word(".")}
	}
	ar := &Archive{Format: "tar", Roots: roots, What: "tar -x", Absolute: a.has("-P", "--absolute-names")}
	if f, ok := a.last("-f", "--file"); ok && f.Value != "-" {
		ar.File = f
		if isRemote(f.Value) {
			ar.Renamed = "a remote archive"
		}
	} else {
		ar.File, ar.Stdin = stdinFile(inv)
	}
	if s, ok := a.last("--strip-components"); ok {
		if n, err := strconv.Atoi(s.Value); err == nil && n >= 0 && !s.Dynamic {
			ar.Strip = n
		} else {
			ar.Renamed = "--strip-components=" + s.Value
		}
	}
	for _, o := range []string{"--transform", "--xform", "-s"} {
		if a.has(o) {
			ar.Renamed = o
		}
	}
	if ar.Absolute {
		roots = append(roots, word("/"))
	}
	for _, r := range roots {
		if len(a.operands) == 0 {
			c.add(Target{Path: r, Kind: Tree, Unknown: true, What: "tar -x into", Archive: ar})
			continue
		}
		for _, m := range a.operands {
			c.add(Target{Path: joinWord(r, m), Kind: Tree, Unknown: true, What: "tar -x member", Archive: ar})
		}
	}
}

// stdinFile returns the file stdin is redirected from, or says where
// stdin comes from.
func stdinFile(inv *parse.Invocation) (parse.Word, string) {
	for i := len(inv.Redirs) - 1; i >= 0; i-- {
		if r := inv.Redirs[i]; r.Op == "<" && r.Target.Value != "" {
			return r.Target, ""
		}
	}
	if strings.HasPrefix(inv.Stdin.From, "pipe from ") {
		return parse.Word{}, "a " + inv.Stdin.From
	}
	return parse.Word{}, "stdin"
}

// unzip extracts into -d DIR or the working directory.
func unzip(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if a.has("-p", "-c", "-l", "-t", "-v", "-Z", "-z") || len(a.operands) == 0 {
		return
	}
	root, ok := a.last("-d")
	if !ok {
		root = word(".")
	}
	ar := &Archive{File: a.operands[0], Format: "zip", Roots: []parse.Word{root}, Flat: a.has("-j"), What: "unzip"}
	if a.operands[0].Value == "-" {
		ar.File, ar.Stdin = parse.Word{}, "stdin"
	}
	members := a.operands[1:]
	if len(members) == 0 {
		c.add(Target{Path: root, Kind: Tree, Unknown: true, What: "unzip into", Archive: ar})
		return
	}
	for _, m := range members {
		c.add(Target{Path: joinWord(root, m), Kind: Tree, Unknown: true, What: "unzip member", Archive: ar})
	}
}

// sevenZip is 7z x|e ARCHIVE [-oDIR] and 7z a|u|d ARCHIVE.
func sevenZip(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	var ops []parse.Word
	root := word(".")
	for _, w := range inv.Args[1:] {
		if v, ok := strings.CutPrefix(w.Value, "-o"); ok && v != "" {
			root = parse.Word{Value: v, Dynamic: w.Dynamic, Glob: w.Glob}
			continue
		}
		if strings.HasPrefix(w.Value, "-") {
			continue
		}
		ops = append(ops, w)
	}
	if len(ops) < 2 {
		return
	}
	switch ops[0].Value {
	case "x", "e":
		ar := &Archive{File: ops[1], Format: "7z", Roots: []parse.Word{root}, What: "7z " + ops[0].Value}
		c.add(Target{Path: root, Kind: Tree, Unknown: true, What: "7z extract into", Archive: ar})
	case "a", "u", "d", "rn":
		c.add(Target{Path: ops[1], Kind: Write, What: "7z archive"})
	}
}

// cpio -i extracts into the working directory (or -D DIR), -p copies into
// its operand, -o writes -F FILE or -O FILE.
func cpio(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	switch {
	case a.has("-o", "--create"):
		for _, f := range a.values("-F", "--file", "-O") {
			c.add(Target{Path: f, Kind: Write, What: "cpio archive"})
		}
	case a.has("-p", "--pass-through"):
		if len(a.operands) > 0 {
			c.add(Target{Path: a.operands[0], Kind: Tree, Unknown: true, What: "cpio -p into"})
		}
	case a.has("-i", "--extract"):
		if a.has("-t", "--list") {
			return
		}
		root, ok := a.last("-D", "--directory")
		if !ok {
			root = word(".")
		}
		ar := &Archive{Format: "cpio", Roots: []parse.Word{root}, What: "cpio -i"}
		ar.File, ar.Stdin = stdinFile(inv)
		if f, ok := a.last("-F", "--file", "-I"); ok {
			ar.File, ar.Stdin = f, ""
		}
		c.add(Target{Path: root, Kind: Tree, Unknown: true, What: "cpio -i into", Archive: ar})
	}
}

// compressSuffix is the suffix each compressor adds.
var compressSuffix = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"gzip": ".gz", "gunzip": ".gz", "pigz": ".gz", "unpigz": ".gz", "bzip2": ".bz2", "bunzip2": ".bz2", "pbzip2": ".bz2",
		"xz": ".xz", "unxz": ".xz", "pixz": ".xz", "lzma": ".lzma", "unlzma": ".lzma", "zstd": ".zst", "unzstd": ".zst",
		"zstdmt": ".zst", "lz4": ".lz4", "unlz4": ".lz4", "lzip": ".lz", "compress": ".Z", "uncompress": ".Z",
		"brotli": ".br", "lzop": ".lzo",
	}
}}

// keepers keep the original file unless told otherwise.
var keepers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"zstd": true, "unzstd": true, "zstdmt": true, "lz4": true, "unlz4": true, "brotli": true, "lzop": true}
}}

// compress models the compressors, which replace a file in place with its
// compressed or decompressed form.
func compress(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	name := inv.Name
	if a.has("-c", "--stdout", "--to-stdout", "-t", "--test", "-l", "--list") {
		return
	}
	outs := a.values("-o", "--output")
	for _, o := range outs {
		c.add(Target{Path: o, Kind: Write, What: name + " -o"})
	}
	if (name == "lz4" || name == "unlz4") && len(a.operands) == 2 && len(outs) == 0 {
		c.add(Target{Path: a.operands[1], Kind: Write, What: name + " output"})
		return
	}
	decompress := a.has("-d", "--decompress", "--uncompress") || strings.HasPrefix(name, "un") || name == "gunzip"
	keep := a.has("-k", "--keep") || keepers.Get()[name] && !a.has("--rm", "-j")
	recursive := a.has("-r", "--recursive")
	suffix := compressSuffix.Get()[name]
	if s, ok := a.last("-S", "--suffix"); ok {
		suffix = s.Value
	}
	for _, f := range a.operands {
		if f.Value == "-" {
			continue
		}
		if recursive {
			c.add(Target{Path: f, Kind: Tree, What: name + " -r"})
			continue
		}
		if !keep {
			c.add(Target{Path: f, Kind: Write, Remove: true, What: name + " in place"})
		}
		if len(outs) > 0 {
			continue
		}
		out := f
		if decompress {
			out.Value = strings.TrimSuffix(f.Value, suffix)
			if out.Value == f.Value {
				out.Value = strings.TrimSuffix(f.Value, path.Ext(f.Value))
			}
		} else {
			out.Value = f.Value + suffix
		}
		c.add(Target{Path: out, Kind: Write, What: name + " output"})
	}
}

// rsync copies into its last operand: a source with a trailing slash
// gives its content, names unknown; -R keeps each source's whole path.
func rsync(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	for _, f := range a.values("--log-file", "--write-batch", "--only-write-batch") {
		c.add(Target{Path: f, Kind: Write, What: "rsync log"})
	}
	for _, f := range a.values("--backup-dir", "--temp-dir", "-T", "--partial-dir") {
		c.add(Target{Path: f, Kind: Tree, Unknown: true, What: "rsync directory"})
	}
	ops := a.operands
	if len(ops) < 2 {
		return
	}
	dest := ops[len(ops)-1]
	if isRemote(dest.Value) {
		return
	}
	recursive := a.has("-r", "-a", "--recursive", "--archive", "-d", "--dirs")
	relative := a.has("-R", "--relative")
	if a.has("--remove-source-files") {
		// What was sent is deleted from the sources: every file under a
		// directory.
		for _, src := range ops[:len(ops)-1] {
			if !isRemote(src.Value) {
				k := Write
				if recursive {
					k = Tree
				}
				c.add(Target{Path: src, Kind: k, Remove: true, What: "rsync --remove-source-files"})
			}
		}
	}
	for _, src := range ops[:len(ops)-1] {
		v := src.Value
		if isRemote(v) {
			_, v, _ = strings.Cut(v, ":")
			src = parse.Word{Value: v, Dynamic: src.Dynamic, Glob: src.Glob}
		}
		if relative {
			rel := v
			if i := strings.LastIndex(rel, "/./"); i >= 0 {
				rel = rel[i+3:]
			}
			rel = strings.TrimLeft(rel, "/")
			c.add(Target{Path: joinWord(dest, parse.Word{Value: rel, Dynamic: src.Dynamic, Glob: src.Glob}), Kind: Tree, Unknown: recursive, What: "rsync -R destination"})
			continue
		}
		if strings.HasSuffix(v, "/") || v == "." || strings.HasSuffix(v, "/.") {
			c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: "rsync into"})
			continue
		}
		base, _ := baseName(src)
		if recursive {
			c.add(Target{Path: joinWord(dest, base), Kind: Tree, Unknown: true, What: "rsync destination"})
			if len(ops) == 2 && !c.isDir(inv, dest.Value) {
				c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: "rsync destination"})
			}
			continue
		}
		c.add(Target{Path: joinWord(dest, base), Kind: Write, What: "rsync destination"})
		if len(ops) == 2 && !c.isDir(inv, dest.Value) {
			c.add(Target{Path: dest, Kind: Write, What: "rsync destination"})
		}
	}
}
