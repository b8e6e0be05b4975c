package writes

import (
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/guardsh/guard/internal/parse"
)

// The programs whose writes a table cannot say.

// chmod takes its mode first, and a mode may look like an option: -w.
func chmod(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if a.has("--reference") {
		c.operands(a.operands, Replace, "chmod")
		return
	}
	for _, w := range inv.Args[1:] {
		v := w.Value
		if len(v) > 1 && v[0] == '-' && strings.Trim(v[1:], "rwxXst") == "" {
			// The mode was taken as options: every operand is a file.
			c.operands(a.operands, Replace, "chmod")
			return
		}
	}
	if len(a.operands) > 1 {
		c.operands(a.operands[1:], Replace, "chmod")
	}
}

// chattr's attributes start with + - or =.
func chattr(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	for _, w := range a.operands {
		if strings.HasPrefix(w.Value, "+") || strings.HasPrefix(w.Value, "=") {
			continue
		}
		c.add(Target{Path: w, Kind: Replace, What: "chattr"})
	}
}

// isRemote reports whether an operand of scp or rsync names another host.
func isRemote(v string) bool {
	if strings.HasPrefix(v, "rsync://") {
		return true
	}
	i := strings.IndexByte(v, ':')
	return i > 0 && !strings.Contains(v[:i], "/")
}

func scp(c *collector, inv *parse.Invocation, a *args) {
	if len(a.operands) < 2 || isRemote(a.operands[len(a.operands)-1].Value) {
		c.done = true
		return
	}
	for i, w := range a.operands {
		if isRemote(w.Value) {
			_, p, _ := strings.Cut(w.Value, ":")
			a.operands[i] = parse.Word{Value: p, Dynamic: w.Dynamic, Glob: w.Glob}
		}
	}
}

// dd writes of=FILE.
func dd(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	for _, w := range inv.Args[1:] {
		if v, ok := strings.CutPrefix(w.Value, "of="); ok {
			c.add(Target{Path: parse.Word{Value: v, Dynamic: w.Dynamic, Glob: w.Glob}, Kind: Write, What: "dd of="})
		}
	}
}

// secondOperand is uniq IN OUT and xxd IN OUT.
func secondOperand(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if len(a.operands) > 1 {
		c.add(Target{Path: a.operands[1], Kind: Write, What: inv.Name + " output"})
	}
}

// firstOperand is zip ARCHIVE FILE...
func firstOperand(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if len(a.operands) > 0 {
		c.add(Target{Path: a.operands[0], Kind: Write, What: inv.Name + " archive"})
	}
}

// sed writes its files with -i, and the files of its w commands.
func sed(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	scripts := a.values("-e", "--expression")
	files := a.operands
	if len(scripts) == 0 && !a.has("-f", "--file") && len(files) > 0 {
		scripts, files = files[:1], files[1:]
	}
	if a.has("-i", "--in-place") {
		c.operands(files, Write, "sed -i")
	}
	for _, s := range scripts {
		for _, f := range sedWrites(s.Value) {
			c.add(Target{Path: parse.Word{Value: f, Dynamic: s.Dynamic}, Kind: Write, What: "sed w"})
		}
	}
}

// sedWrites returns the files of a sed script's w and W commands and of
// s///w: the file name runs to the end of the line.
func sedWrites(script string) []string {
	var out []string
	for _, line := range strings.Split(script, "\n") {
		for i := 0; i < len(line); i++ {
			if line[i] != 'w' && line[i] != 'W' {
				continue
			}
			if i > 0 && strings.IndexByte(";{}/ \t0123456789$!gpiImMe", line[i-1]) < 0 {
				continue
			}
			name := strings.TrimSpace(line[i+1:])
			if name != "" && (i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t' || line[i+1] == '/' || line[i+1] == '~')) {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

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
var compressSuffix = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"gzip": ".gz", "gunzip": ".gz", "pigz": ".gz", "unpigz": ".gz", "bzip2": ".bz2", "bunzip2": ".bz2", "pbzip2": ".bz2",
		"xz": ".xz", "unxz": ".xz", "pixz": ".xz", "lzma": ".lzma", "unlzma": ".lzma", "zstd": ".zst", "unzstd": ".zst",
		"zstdmt": ".zst", "lz4": ".lz4", "unlz4": ".lz4", "lzip": ".lz", "compress": ".Z", "uncompress": ".Z",
		"brotli": ".br", "lzop": ".lzo",
	}
})

// keepers keep the original file unless told otherwise.
var keepers = sync.OnceValue(func() map[string]bool {
	return map[string]bool{"zstd": true, "unzstd": true, "zstdmt": true, "lz4": true, "unlz4": true, "brotli": true, "lzop": true}
})

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
	keep := a.has("-k", "--keep") || keepers()[name] && !a.has("--rm", "-j")
	recursive := a.has("-r", "--recursive")
	suffix := compressSuffix()[name]
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
			if len(ops) == 2 && !strings.HasSuffix(dest.Value, "/") {
				c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: "rsync destination"})
			}
			continue
		}
		c.add(Target{Path: joinWord(dest, base), Kind: Write, What: "rsync destination"})
		if len(ops) == 2 && !strings.HasSuffix(dest.Value, "/") {
			c.add(Target{Path: dest, Kind: Write, What: "rsync destination"})
		}
	}
}

// urlBase is the file name curl -O and wget give a download.
func urlBase(w parse.Word) (parse.Word, bool) {
	v := w.Value
	if i := strings.IndexAny(v, "?#"); i >= 0 {
		v = v[:i]
	}
	if _, rest, ok := strings.Cut(v, "://"); ok {
		v = rest
	}
	i := strings.IndexByte(v, '/')
	if i < 0 {
		return word("index.html"), true
	}
	b := path.Base(v[i:])
	if b == "/" || b == "." || strings.HasSuffix(v, "/") {
		return word("index.html"), true
	}
	return parse.Word{Value: b, Dynamic: w.Dynamic && strings.ContainsAny(b, "$`")}, true
}

func looksURL(v string) bool {
	return strings.Contains(v, "://") || strings.HasPrefix(v, "www.") || strings.Contains(v, ".") && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, ".")
}

// curl writes -o FILE (under --output-dir) and, with -O, the URL's base
// name.
func curl(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	dir, hasDir := a.last("--output-dir")
	for _, w := range a.values("-o", "--output") {
		if w.Value == "-" {
			continue
		}
		if hasDir && !path.IsAbs(w.Value) {
			w = joinWord(dir, w)
		}
		c.add(Target{Path: w, Kind: Write, What: "curl -o"})
	}
	for _, w := range a.values("-D", "--dump-header", "-c", "--cookie-jar", "--trace", "--trace-ascii", "--libcurl", "--stderr", "--etag-save", "--hsts", "--alt-svc") {
		if w.Value != "-" {
			c.add(Target{Path: w, Kind: Write, What: "curl output"})
		}
	}
	if !a.has("-O", "--remote-name", "--remote-name-all") {
		return
	}
	if !hasDir {
		dir = word(".")
	}
	header := a.has("-J", "--remote-header-name")
	for _, u := range append(a.operands, a.values("--url")...) {
		if !looksURL(u.Value) {
			continue
		}
		b, _ := urlBase(u)
		if header {
			// The server names the file.
			b = parse.Word{Value: "$name", Dynamic: true}
		}
		c.add(Target{Path: joinWord(dir, b), Kind: Write, What: "curl -O"})
	}
}

// wget writes -O FILE, or each URL's base name in -P DIR, or a tree with
// -r.
func wget(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	for _, w := range a.values("-O", "--output-document", "-o", "--output-file", "-a", "--append-output", "--save-cookies") {
		if w.Value != "-" {
			c.add(Target{Path: w, Kind: Write, What: "wget output"})
		}
	}
	if a.has("-O", "--output-document", "--spider") {
		return
	}
	dir, ok := a.last("-P", "--directory-prefix")
	if !ok {
		dir = word(".")
	}
	recursive := a.has("-r", "--recursive", "-m", "--mirror")
	flat := a.has("-nH", "--no-host-directories", "-nd", "--no-directories")
	for _, u := range a.operands {
		if !looksURL(u.Value) {
			continue
		}
		if recursive {
			if flat {
				c.add(Target{Path: dir, Kind: Tree, Unknown: true, What: "wget -r into"})
				continue
			}
			host := u.Value
			if _, rest, ok := strings.Cut(host, "://"); ok {
				host = rest
			}
			host, _, _ = strings.Cut(host, "/")
			c.add(Target{Path: joinWord(dir, word(host)), Kind: Tree, Unknown: true, What: "wget -r into"})
			continue
		}
		b, _ := urlBase(u)
		c.add(Target{Path: joinWord(dir, b), Kind: Write, What: "wget download"})
	}
}

// find deletes what it finds with -delete, and writes the files of
// -fprint, -fprint0, -fprintf and -fls.
func find(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	words := inv.Args[1:]
	i := 0
	for i < len(words) && (words[i].Value == "-H" || words[i].Value == "-L" || words[i].Value == "-P" || strings.HasPrefix(words[i].Value, "-O")) {
		i++
	}
	if i < len(words) && words[i].Value == "-D" {
		i += 2
	}
	var starts []parse.Word
	for ; i < len(words); i++ {
		v := words[i].Value
		if strings.HasPrefix(v, "-") || v == "(" || v == "!" || v == "," {
			break
		}
		starts = append(starts, words[i])
	}
	if len(starts) == 0 {
		starts = []parse.Word{word(".")}
	}
	var names, paths []parse.Word
	remove := false
	for ; i < len(words); i++ {
		switch words[i].Value {
		case "-name", "-iname", "-lname":
			if i+1 < len(words) {
				names = append(names, words[i+1])
				i++
			}
		case "-path", "-ipath", "-wholename", "-iwholename":
			// The pattern is matched against the whole path, and its *
			// matches slashes too.
			if i+1 < len(words) {
				paths = append(paths, words[i+1])
				i++
			}
		case "-delete":
			remove = true
		case "-fprint", "-fprint0", "-fls", "-fprintf":
			if i+1 < len(words) {
				c.add(Target{Path: words[i+1], Kind: Write, What: "find " + words[i].Value})
				i++
			}
		}
	}
	if !remove {
		return
	}
	for _, p := range paths {
		v := strings.ReplaceAll(p.Value, "*", "**")
		// find walks into hidden directories, and its patterns match hidden
		// names.
		c.add(Target{Path: parse.Word{Value: v, Glob: true, Hidden: true, Dynamic: p.Dynamic}, Kind: Write, Remove: true, What: "find -delete"})
	}
	if len(paths) > 0 && len(names) == 0 {
		return
	}
	for _, s := range starts {
		if len(names) == 0 {
			c.add(Target{Path: s, Kind: Replace, Remove: true, What: "find -delete"})
			continue
		}
		for _, n := range names {
			// Any file of that name under the starting point.
			p := parse.Word{Value: strings.TrimRight(s.Value, "/") + "/**" + n.Value, Glob: true, Hidden: true, Dynamic: s.Dynamic || n.Dynamic}
			if strings.ContainsAny(p.Value, "$`") {
				p.Dynamic = true
			}
			c.add(Target{Path: p, Kind: Write, Remove: true, What: "find -delete"})
		}
	}
}

// patch writes the file it is given, or the files its patch names when
// the patch is known text on stdin.
func patch(c *collector, inv *parse.Invocation, a *args) {
	if len(a.operands) > 0 {
		c.add(Target{Path: a.operands[0], Kind: Write, What: "patch"})
		return
	}
	if a.has("-o", "--output") || inv.Stdin.Kind != parse.Known {
		return
	}
	strip := -1
	if p, ok := a.last("-p", "--strip"); ok && isDigits(p.Value) {
		strip = int(p.Value[0] - '0')
	}
	dir, hasDir := a.last("-d", "--directory")
	for _, f := range DiffFiles(inv.Stdin.Text, strip) {
		w := word(f)
		if hasDir {
			w = joinWord(dir, w)
		}
		c.add(Target{Path: w, Kind: Write, What: "patch"})
	}
}

// DiffFiles returns the files a unified or git diff names, each with strip
// leading components removed; a strip below zero gives every reading
// patch might take: the whole name, each shorter tail and the base name.
func DiffFiles(text string, strip int) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		name = strings.TrimSpace(name)
		if i := strings.IndexByte(name, '\t'); i >= 0 {
			name = name[:i]
		}
		name = strings.Trim(name, `"`)
		if name == "" || name == "/dev/null" {
			return
		}
		var list []string
		parts := strings.Split(strings.TrimLeft(name, "/"), "/")
		switch {
		case strip >= 0 && strip < len(parts):
			list = []string{strings.Join(parts[strip:], "/")}
			if strip == 0 {
				list = []string{name}
			}
		case strip >= 0:
			return
		default:
			list = append(list, name)
			for i := 1; i < len(parts); i++ {
				list = append(list, strings.Join(parts[i:], "/"))
			}
		}
		for _, l := range list {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "+++ "), strings.HasPrefix(line, "--- "):
			add(line[4:])
		case strings.HasPrefix(line, "rename to "), strings.HasPrefix(line, "copy to "):
			_, rest, _ := strings.Cut(line, " to ")
			add("b/" + rest)
		case strings.HasPrefix(line, "diff --git "):
			f := strings.Fields(line[len("diff --git "):])
			for _, x := range f {
				add(x)
			}
		}
	}
	return out
}

// sqlite3 writes its database, and the files of .output, .once, .save,
// .backup, ATTACH and VACUUM INTO in its SQL.
func sqlite3(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	words := inv.Args[1:]
	var ops []parse.Word
	var sql []string
	for i := 0; i < len(words); i++ {
		v := words[i].Value
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			opt := strings.TrimLeft(v, "-")
			switch opt {
			case "cmd":
				if i+1 < len(words) {
					sql = append(sql, words[i+1].Value)
					i++
				}
			case "init", "separator", "nullvalue", "newline", "vfs", "maxsize", "mmap", "heap", "lookaside", "pagecache", "zip":
				i++
			}
			continue
		}
		ops = append(ops, words[i])
	}
	if len(ops) > 0 && ops[0].Value != ":memory:" && ops[0].Value != "" {
		c.add(Target{Path: ops[0], Kind: Write, What: "sqlite3 database"})
		for _, w := range ops[1:] {
			sql = append(sql, w.Value)
		}
	}
	if inv.Stdin.Kind == parse.Known {
		sql = append(sql, inv.Stdin.Text)
	}
	for _, s := range sql {
		for _, f := range SQLiteFiles(s) {
			c.add(Target{Path: word(f), Kind: Write, What: "sqlite3 output"})
		}
	}
}

// SQLiteFiles returns the files sqlite3's dot-commands and SQL write.
func SQLiteFiles(sql string) []string {
	var out []string
	for _, line := range strings.Split(sql, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, ".") {
			f := shellFields(line)
			if len(f) < 2 {
				continue
			}
			switch f[0] {
			case ".output", ".once", ".save", ".clone", ".log", ".trace", ".open", ".excel":
				args := f[1:]
				for len(args) > 0 && strings.HasPrefix(args[0], "-") {
					args = args[1:]
				}
				if len(args) > 0 && args[0] != "stdout" && args[0] != "stderr" && args[0] != "off" && !strings.HasPrefix(args[0], "|") {
					out = append(out, args[0])
				}
			case ".backup":
				args := f[1:]
				for len(args) > 0 && strings.HasPrefix(args[0], "-") {
					args = args[1:]
				}
				if len(args) > 0 {
					out = append(out, args[len(args)-1])
				}
			}
			continue
		}
		up := asciiUpper(line)
		for _, kw := range []string{"ATTACH DATABASE", "ATTACH", "VACUUM INTO", " INTO"} {
			i := strings.Index(up, kw)
			if i < 0 {
				continue
			}
			if kw == " INTO" && !strings.Contains(up[:i], "VACUUM") {
				continue
			}
			rest := strings.TrimSpace(line[i+len(kw):])
			if rest != "" && (rest[0] == '\'' || rest[0] == '"') {
				if j := strings.IndexByte(rest[1:], rest[0]); j >= 0 {
					out = append(out, rest[1:1+j])
				}
			}
			break
		}
	}
	return out
}

// asciiUpper upper-cases ASCII letters only, keeping every byte where it
// is, so that indices into the result are indices into s.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// shellFields splits a dot-command line into words, with quotes.
func shellFields(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '\'' || s[0] == '"' {
			if j := strings.IndexByte(s[1:], s[0]); j >= 0 {
				out = append(out, s[1:1+j])
				s = s[j+2:]
				continue
			}
		}
		j := strings.IndexAny(s, " \t")
		if j < 0 {
			j = len(s)
		}
		out = append(out, s[:j])
		s = s[j:]
	}
	return out
}

// editor covers vim and its kin: their files, and the files of :w and
// :saveas in -c and + commands.
func editor(c *collector, inv *parse.Invocation, a *args) {
	if inv.Name == "ex" || inv.Name == "vim" && a.has("-e", "-E") || a.has("-e", "-E", "--clean") && strings.HasPrefix(inv.Name, "vi") {
		// In ex mode -s is silent mode, not -s SCRIPTIN.
		*a = exGrammar.split(inv.Args[1:])
	}
	var files []parse.Word
	for _, w := range a.operands {
		if strings.HasPrefix(w.Value, "+") {
			for _, f := range exWrites(w.Value[1:]) {
				c.add(Target{Path: word(f), Kind: Write, What: inv.Name + " :w"})
			}
			continue
		}
		files = append(files, w)
	}
	for _, cmd := range a.values("-c", "--cmd") {
		for _, f := range exWrites(cmd.Value) {
			c.add(Target{Path: word(f), Kind: Write, What: inv.Name + " :w"})
		}
	}
	if inv.Stdin.Kind == parse.Known && (a.has("-s") || a.has("-e") || inv.Name == "ex") {
		for _, f := range exWrites(inv.Stdin.Text) {
			c.add(Target{Path: word(f), Kind: Write, What: inv.Name + " :w"})
		}
	}
	a.operands = files
}

// ed writes its file and the files of its w commands.
func ed(c *collector, inv *parse.Invocation, a *args) {
	if inv.Stdin.Kind == parse.Known {
		for _, f := range exWrites(inv.Stdin.Text) {
			c.add(Target{Path: word(f), Kind: Write, What: "ed w"})
		}
	}
}

// exWrites returns the files of ex commands that write: w FILE, wq FILE,
// x FILE, saveas FILE, sav FILE, up FILE.
func exWrites(cmds string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(cmds, func(r rune) bool { return r == '\n' || r == '|' }) {
		line = strings.TrimSpace(strings.TrimLeft(line, ": "))
		line = strings.TrimLeft(line, "0123456789,.$%'<>")
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		switch strings.TrimSuffix(f[0], "!") {
		case "w", "write", "wq", "x", "xit", "exit", "sav", "saveas", "up", "update", "wa", "W":
			name := f[1]
			if name == ">>" && len(f) > 2 {
				name = f[2]
			}
			if !strings.HasPrefix(name, "!") {
				out = append(out, name)
			}
		}
	}
	return out
}

// openssl writes the file of -out.
func openssl(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	words := inv.Args[1:]
	for i, w := range words {
		if (w.Value == "-out" || w.Value == "-keyout") && i+1 < len(words) {
			c.add(Target{Path: words[i+1], Kind: Write, What: "openssl " + w.Value})
		}
	}
}
