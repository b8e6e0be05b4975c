package writes

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Interpreter code is not parsed as its language: the file calls are found
// by name, and their arguments are evaluated as far as literals, string
// concatenation, path joins, the home directory and simple assignments
// allow. A part that is not known becomes a run-time part of the path, so
// that os.path.join(base, ".claude", "settings.json") still ends where it
// ends.

// unknownPart stands for a part of a path that the code computes.
const unknownPart = "${_}"

// arg says what one argument of a file call is.
type argRole uint8

const (
	argNone    argRole = iota
	argWrite           // a file whose content is written
	argRemove          // a file that is deleted
	argTree            // a tree that is deleted or receives unknown files
	argReplace         // a path that is moved, linked over or whose mode changes
	argMoved           // a path moved away
	argLinkTo          // what a link points to
	argRest            // this and every later argument are paths, like the previous role
)

// call is one file call of a language: its name, and the role of each of
// its arguments in order.
type call struct {
	name  string
	roles []argRole
	// mode is the index of an open mode argument that decides whether the
	// call writes, or -1; modeKey is its keyword (mode=).
	mode    int
	modeKey string
	// into means the second path is a directory the first lands in, when
	// it is one (shutil.copy, FileUtils.cp).
	into bool
}

func c(name string, roles ...argRole) call { return call{name: name, roles: roles, mode: -1} }

func open(name string, mode int, key string) call {
	return call{name: name, roles: []argRole{argWrite}, mode: mode, modeKey: key}
}

func cp(name string) call {
	return call{name: name, roles: []argRole{argNone, argWrite}, mode: -1, into: true}
}

func cpTree(name string) call {
	return call{name: name, roles: []argRole{argNone, argTree}, mode: -1}
}

// callTable returns, per language, the calls in interpreter code that
// write, remove or move files. It is a function, so that the table is
// built only when code is analysed, not at package initialisation in
// every guard process.
func callTable() map[string][]call {
	return map[string][]call{
		"python": {
			open("open", 1, "mode"), open("io.open", 1, "mode"), open("codecs.open", 1, "mode"), open("os.open", 1, "flags"),
			open("os.fdopen", 1, "mode"),
			c("os.remove", argRemove), c("os.unlink", argRemove), c("os.rmdir", argRemove), c("os.removedirs", argRemove),
			c("shutil.rmtree", argTree),
			c("os.rename", argMoved, argReplace), c("os.replace", argMoved, argReplace), c("os.renames", argMoved, argReplace),
			c("shutil.move", argMoved, argReplace),
			cp("shutil.copy"), cp("shutil.copy2"), cp("shutil.copyfile"), cp("shutil.copymode"), cp("shutil.copystat"),
			cpTree("shutil.copytree"),
			c("os.symlink", argLinkTo, argReplace), c("os.link", argLinkTo, argReplace),
			c("os.chmod", argReplace), c("os.lchmod", argReplace), c("os.chown", argReplace), c("os.lchown", argReplace),
			c("os.chflags", argReplace), c("os.truncate", argWrite), c("os.utime", argWrite),
			c("os.mkfifo", argWrite), c("os.mknod", argWrite), c("os.mkdir", argWrite), c("os.makedirs", argWrite),
			c("shutil.chown", argReplace), c("shutil.unpack_archive", argNone, argTree),
			c(".write_text", argWrite), c(".write_bytes", argWrite), c(".touch", argWrite), c(".mkdir", argWrite),
			c(".unlink", argRemove), c(".rmdir", argRemove), c(".chmod", argReplace), c(".lchmod", argReplace),
			c(".symlink_to", argReplace, argLinkTo), c(".hardlink_to", argReplace, argLinkTo),
			c(".rename", argMoved, argReplace), c(".replace", argMoved, argReplace),
			open(".open", 1, "mode"), c(".extractall", argTree),
		},
		"node": {
			c("writeFileSync", argWrite), c("writeFile", argWrite), c("appendFileSync", argWrite), c("appendFile", argWrite),
			c("createWriteStream", argWrite), c("outputFileSync", argWrite), c("outputFile", argWrite),
			c("writeJsonSync", argWrite), c("writeJson", argWrite), c("outputJsonSync", argWrite), c("outputJson", argWrite),
			c("unlinkSync", argRemove), c("unlink", argRemove), c("rmSync", argTree), c("rm", argTree),
			c("rmdirSync", argTree), c("rmdir", argTree), c("removeSync", argTree), c("remove", argTree),
			c("emptyDirSync", argTree), c("emptyDir", argTree),
			c("renameSync", argMoved, argReplace), c("rename", argMoved, argReplace), c("moveSync", argMoved, argReplace),
			c("move", argMoved, argReplace),
			c("copyFileSync", argNone, argWrite), c("copyFile", argNone, argWrite),
			cpTree("cpSync"), cpTree("cp"), cpTree("copySync"), cpTree("copy"),
			c("symlinkSync", argLinkTo, argReplace), c("symlink", argLinkTo, argReplace),
			c("linkSync", argLinkTo, argReplace), c("link", argLinkTo, argReplace),
			c("truncateSync", argWrite), c("truncate", argWrite),
			c("chmodSync", argReplace), c("chmod", argReplace), c("lchmodSync", argReplace), c("chownSync", argReplace),
			c("chown", argReplace), c("lchownSync", argReplace), c("utimesSync", argWrite), c("utimes", argWrite),
			c("mkdirSync", argWrite), c("mkdir", argWrite), c("mkfifoSync", argWrite),
			open("openSync", 1, "flags"), open("fs.open", 1, "flags"), open("fsp.open", 1, "flags"),
			c("Deno.writeTextFile", argWrite), c("Deno.writeFile", argWrite), c("Deno.writeTextFileSync", argWrite),
			c("Deno.writeFileSync", argWrite), c("Deno.remove", argTree), c("Deno.removeSync", argTree),
			c("Deno.rename", argMoved, argReplace), c("Deno.renameSync", argMoved, argReplace),
			c("Deno.symlink", argLinkTo, argReplace), c("Deno.symlinkSync", argLinkTo, argReplace),
			c("Deno.copyFile", argNone, argWrite), c("Deno.truncate", argWrite), c("Deno.chmod", argReplace),
			c("Bun.write", argWrite),
		},
		"ruby": {
			c("File.write", argWrite), c("IO.write", argWrite), c("File.binwrite", argWrite), c("IO.binwrite", argWrite),
			open("File.open", 1, "mode"), open("File.new", 1, "mode"), open("IO.sysopen", 1, "mode"),
			c("File.delete", argRemove, argRest), c("File.unlink", argRemove, argRest),
			c("File.rename", argMoved, argReplace), c("File.symlink", argLinkTo, argReplace), c("File.link", argLinkTo, argReplace),
			c("File.truncate", argWrite), c("File.chmod", argNone, argReplace, argRest), c("File.lchmod", argNone, argReplace, argRest),
			c("File.chown", argNone, argNone, argReplace, argRest), c("File.utime", argNone, argNone, argWrite, argRest),
			c("File.mkfifo", argWrite),
			c("FileUtils.rm", argRemove), c("FileUtils.rm_f", argRemove), c("FileUtils.remove", argRemove),
			c("FileUtils.rm_r", argTree), c("FileUtils.rm_rf", argTree), c("FileUtils.rmtree", argTree),
			c("FileUtils.remove_dir", argTree), c("FileUtils.remove_entry", argTree), c("FileUtils.remove_entry_secure", argTree),
			c("FileUtils.rmdir", argRemove), c("FileUtils.mv", argMoved, argReplace), c("FileUtils.move", argMoved, argReplace),
			cp("FileUtils.cp"), cp("FileUtils.copy"), cp("FileUtils.install"), cp("FileUtils.copy_file"),
			cpTree("FileUtils.cp_r"), cpTree("FileUtils.copy_entry"),
			c("FileUtils.ln", argLinkTo, argReplace), c("FileUtils.ln_s", argLinkTo, argReplace),
			c("FileUtils.ln_sf", argLinkTo, argReplace), c("FileUtils.symlink", argLinkTo, argReplace),
			c("FileUtils.touch", argWrite), c("FileUtils.mkdir", argWrite), c("FileUtils.mkdir_p", argWrite),
			c("FileUtils.makedirs", argWrite), c("FileUtils.chmod", argNone, argReplace), c("FileUtils.chmod_R", argNone, argReplace),
			c("FileUtils.chown", argNone, argNone, argReplace), c("FileUtils.chown_R", argNone, argNone, argReplace),
			c("Dir.mkdir", argWrite), c("Dir.rmdir", argRemove), c("Dir.delete", argRemove), c("Dir.unlink", argRemove),
		},
		"perl": {
			c("unlink", argRemove, argRest), c("rename", argMoved, argReplace), c("symlink", argLinkTo, argReplace),
			c("link", argLinkTo, argReplace), c("truncate", argWrite), c("chmod", argNone, argReplace, argRest),
			c("chown", argNone, argNone, argReplace, argRest), c("utime", argNone, argNone, argWrite, argRest),
			c("mkdir", argWrite), c("rmdir", argRemove),
			cp("copy"), cp("File::Copy::copy"), cp("cp"), c("move", argMoved, argReplace), c("mv", argMoved, argReplace),
			c("rmtree", argTree, argRest), c("remove_tree", argTree, argRest), c("make_path", argWrite, argRest),
			c("mkpath", argWrite, argRest),
		},
		"php": {
			c("file_put_contents", argWrite), open("fopen", 1, "mode"), c("unlink", argRemove), c("rename", argMoved, argReplace),
			c("copy", argNone, argWrite), c("symlink", argLinkTo, argReplace), c("link", argLinkTo, argReplace),
			c("touch", argWrite), c("chmod", argReplace), c("chown", argReplace), c("chgrp", argReplace),
			c("mkdir", argWrite), c("rmdir", argRemove),
		},
	}
}

// FromCode returns the files that code in the given language writes, as
// far as its literal file calls say. lang is one of python, node, ruby,
// perl, php and awk; other languages give nothing.
func FromCode(lang, code string) []Target {
	if code == "" {
		return nil
	}
	if lang == "awk" {
		return awkWrites(code)
	}
	index := callIndex(lang)
	if index == nil {
		return nil
	}
	var e *eval
	var out []Target
	for _, f := range findCalls(code, lang, index) {
		cl := f.call
		if e == nil {
			e = &eval{lang: lang, code: code}
		}
		argv, kw := splitArgs(code, f.args)
		if cl.name[0] == '.' {
			// A method: the receiver is the first path.
			recv := receiver(code, f.start)
			if recv == "" {
				continue
			}
			argv = append([]string{recv}, argv...)
			if cl.name == ".extractall" && len(argv) == 1 {
				argv = append(argv, `"."`)
			}
		}
		if lang == "perl" && (cl.name == "open" || cl.name == "sysopen") {
			out = append(out, perlOpen(e, cl.name, argv)...)
			continue
		}
		out = append(out, e.targets(*cl, argv, kw)...)
	}
	return out
}

// callIndexes map, per language, each call name to its entry.
var callIndexes = lazy.Value[map[string]map[string]*call]{Make: func() map[string]map[string]*call {
	out := map[string]map[string]*call{}
	for lang, list := range callTable() {
		m := map[string]*call{}
		for i := range list {
			m[list[i].name] = &list[i]
		}
		if lang == "perl" {
			m["open"] = &call{name: "open", mode: -1}
			m["sysopen"] = &call{name: "sysopen", mode: -1}
		}
		out[lang] = m
	}
	return out
}}

func callIndex(lang string) map[string]*call { return callIndexes.Get()[lang] }

// found is one file call in code.
type found struct {
	call *call
	// start is where the name starts; args is the index of its (, or,
	// for a call without parentheses, -1 minus where its arguments start.
	start, args int
}

// findCalls finds the file calls of code in one pass over its names: a
// name is a run of identifier characters and dots, looked up whole and
// then by each tail after a dot (fs.promises.writeFile, .write_text).
func findCalls(code, lang string, index map[string]*call) []found {
	var out []found
	for i := 0; i < len(code); {
		if !identChar(code[i]) {
			if code[i] == '\'' || code[i] == '"' || code[i] == '`' {
				i = skipString(code, i)
				continue
			}
			i++
			continue
		}
		start := i
		for i < len(code) && (identChar(code[i]) || lang == "perl" && code[i] == ':' && i+1 < len(code) && code[i+1] == ':') {
			if code[i] == ':' {
				i++
			}
			i++
		}
		run := code[start:i]
		var cl *call
		at := start
		if c, ok := index[run]; ok && (run[0] != '.' || start == 0 || !identChar(code[start-1])) {
			cl = c
		}
		for d := 0; cl == nil && d < len(run); d++ {
			if run[d] != '.' {
				continue
			}
			if c, ok := index[run[d:]]; ok {
				cl, at = c, start+d
			} else if c, ok := index[run[d+1:]]; ok && lang == "node" {
				cl, at = c, start+d+1
			}
		}
		if cl == nil {
			continue
		}
		k := i
		for k < len(code) && (code[k] == ' ' || code[k] == '\t') {
			k++
		}
		switch {
		case k < len(code) && code[k] == '(':
			out = append(out, found{call: cl, start: at, args: k})
		case (lang == "perl" || lang == "ruby") && k > i && k < len(code) && (code[k] == '\'' || code[k] == '"' || code[k] == '$' || code[k] == '@' ||
			lang == "perl" && (code[k] >= 'a' && code[k] <= 'z' || code[k] >= 'A' && code[k] <= 'Z' || code[k] >= '0' && code[k] <= '9')):
			out = append(out, found{call: cl, start: at, args: -k - 1})
		}
	}
	return out
}

func identChar(b byte) bool {
	return b == '_' || b == '.' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// receiver returns the expression that ends just before code[i], the
// object whose method is called there: Path("x"), (home / "x"), p.
func receiver(code string, i int) string {
	j := i
	for j > 0 {
		ch := code[j-1]
		switch {
		case ch == ')' || ch == ']':
			depth := 0
			k := j - 1
			for ; k >= 0; k-- {
				switch code[k] {
				case ')', ']':
					depth++
				case '(', '[':
					depth--
				}
				if depth == 0 {
					break
				}
			}
			if k < 0 {
				return ""
			}
			j = k
		case ch == '\'' || ch == '"':
			k := strings.LastIndexByte(code[:j-1], ch)
			if k < 0 {
				return ""
			}
			j = k
		case identChar(ch):
			for j > 0 && identChar(code[j-1]) {
				j--
			}
		default:
			return strings.TrimSpace(code[j:i])
		}
	}
	return strings.TrimSpace(code[:i])
}

// splitArgs returns the text of each argument of the call at at, and the
// keyword arguments (name=value) by name. A negative at is a call without
// parentheses whose arguments start at -at-1 and end at ; or the line's
// end.
func splitArgs(code string, at int) ([]string, map[string]string) {
	start, paren := at+1, true
	if at < 0 {
		start, paren = -at-1, false
	}
	var args []string
	kw := map[string]string{}
	depth := 0
	begin := start
	flush := func(end int) {
		a := strings.TrimSpace(code[begin:end])
		if a == "" {
			return
		}
		if k, v, ok := keyword(a); ok {
			kw[k] = v
			return
		}
		args = append(args, a)
	}
	for i := start; i < len(code); i++ {
		ch := code[i]
		switch {
		case ch == '\'' || ch == '"' || ch == '`':
			i = skipString(code, i) - 1
		case ch == '(' || ch == '[' || ch == '{':
			depth++
		case ch == ')' || ch == ']' || ch == '}':
			if depth == 0 {
				if paren || ch == ')' {
					flush(i)
					return args, kw
				}
			}
			depth--
		case ch == ',' && depth == 0:
			flush(i)
			begin = i + 1
		case !paren && depth == 0 && (ch == ';' || ch == '\n'):
			flush(i)
			return args, kw
		case !paren && depth == 0 && (strings.HasPrefix(code[i:], " or ") || strings.HasPrefix(code[i:], " || ") || strings.HasPrefix(code[i:], " and ") || strings.HasPrefix(code[i:], " if ") || strings.HasPrefix(code[i:], " unless ")):
			flush(i)
			return args, kw
		}
	}
	flush(len(code))
	return args, kw
}

// keyword splits a keyword argument, name=value.
func keyword(a string) (string, string, bool) {
	i := 0
	for i < len(a) && (a[i] == '_' || a[i] >= 'a' && a[i] <= 'z' || a[i] >= 'A' && a[i] <= 'Z' || i > 0 && a[i] >= '0' && a[i] <= '9') {
		i++
	}
	j := i
	for j < len(a) && a[j] == ' ' {
		j++
	}
	if i == 0 || j+1 >= len(a) || a[j] != '=' || a[j+1] == '=' {
		return "", "", false
	}
	return a[:i], strings.TrimSpace(a[j+1:]), true
}

// skipString returns the index just past the string literal at code[i].
func skipString(code string, i int) int {
	q := code[i]
	if strings.HasPrefix(code[i:], string([]byte{q, q, q})) {
		if j := strings.Index(code[i+3:], string([]byte{q, q, q})); j >= 0 {
			return i + 3 + j + 3
		}
		return len(code)
	}
	for j := i + 1; j < len(code); j++ {
		switch code[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return len(code)
}
