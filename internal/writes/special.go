package writes

import (
	"path"
	"strings"

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
	remove, recursive := false, false
	// excluded reports whether the test at j is negated (-not, !) or
	// prunes what it matches (-path X -prune): its pattern names what find
	// leaves alone, not what it deletes.
	excluded := func(j int) bool {
		if j > 0 && (words[j-1].Value == "-not" || words[j-1].Value == "!") {
			return true
		}
		return j+2 < len(words) && words[j+2].Value == "-prune"
	}
	for ; i < len(words); i++ {
		switch words[i].Value {
		case "-name", "-iname", "-lname":
			if i+1 < len(words) {
				if !excluded(i) {
					names = append(names, words[i+1])
				}
				i++
			}
		case "-path", "-ipath", "-wholename", "-iwholename":
			// The pattern is matched against the whole path, and its *
			// matches slashes too.
			if i+1 < len(words) {
				if !excluded(i) {
					paths = append(paths, words[i+1])
				}
				i++
			}
		case "-delete":
			remove = true
		case "-exec", "-execdir", "-ok", "-okdir":
			// -exec rm -rf {} +: what find finds is deleted, as with
			// -delete, and with a recursive rm everything under it.
			end, rm, tree := execRemoves(words, i+1)
			remove = remove || rm
			recursive = recursive || tree
			i = end
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
	kind := Write
	if recursive {
		kind = Replace
	}
	for _, p := range paths {
		v := strings.ReplaceAll(p.Value, "*", "**")
		// find walks into hidden directories, and its patterns match hidden
		// names.
		c.add(Target{Path: parse.Word{Value: v, Glob: true, Hidden: true, Dynamic: p.Dynamic}, Kind: kind, Remove: true, What: "find -delete"})
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
			c.add(Target{Path: p, Kind: kind, Remove: true, What: "find -delete"})
		}
	}
}

// execRemoves reads the command of a find -exec that starts at words[i]:
// it returns the index of its ; or +, whether the command deletes what
// find found ({} given to rm, unlink, rmdir or shred) and whether it
// deletes directories with their content (rm -r).
func execRemoves(words []parse.Word, i int) (end int, remove, recursive bool) {
	end = len(words) - 1
	for j := i; j < len(words); j++ {
		if v := words[j].Value; v == ";" || v == "+" {
			end = j
			break
		}
	}
	cmd := words[i : end+1]
	for len(cmd) > 0 && (cmd[0].Value == "sudo" || cmd[0].Value == "command") {
		cmd = cmd[1:]
	}
	if len(cmd) == 0 {
		return end, false, false
	}
	switch path.Base(cmd[0].Value) {
	case "rm", "unlink", "rmdir", "shred":
	default:
		return end, false, false
	}
	for _, w := range cmd[1:] {
		v := w.Value
		switch {
		case strings.Contains(v, "{}"):
			remove = true
		case v == "--recursive" || len(v) > 1 && v[0] == '-' && v[1] != '-' && strings.ContainsAny(v, "rR"):
			recursive = path.Base(cmd[0].Value) == "rm"
		}
	}
	return end, remove, remove && recursive
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
