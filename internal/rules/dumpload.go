package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A dump loaded into a named database replaces its tables: mysqldump
// writes DROP TABLE before each CREATE TABLE by default, and pg_dump
// --clean writes DROP statements, so mysql app < full_dump.sql or zcat
// backup.sql.gz | psql app puts last month's rows over today's. The file
// is known for a dump by its name (dump, backup, bak, snapshot, export,
// .dump, .bak); a file named for a schema, a seed, a fixture or a
// migration builds tables and passes, and so does a database the same
// command creates first (createdb, mysqladmin create, CREATE DATABASE).

// dumpWords are the parts of a file name that say it is a dump.
var dumpWords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"dump": true, "dumps": true, "backup": true, "backups": true, "bak": true,
		"snapshot": true, "snapshots": true, "export": true, "exported": true, "mysqldump": true, "pgdump": true,
		"sqldump": true, "dumpall": true, "restore": true}
}}

// buildWords are the parts of a file name that say it builds a database.
var buildWords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"schema": true, "seed": true, "seeds": true, "fixture": true, "fixtures": true,
		"migration": true, "migrations": true, "migrate": true, "structure": true, "init": true, "ddl": true}
}}

// decompressors print a file's contents, so that a dump reaches the pipe.
var decompressors = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"cat": true, "zcat": true, "gzcat": true, "gunzip": true, "gzip": true,
		"bzcat": true, "bunzip2": true, "xzcat": true, "xz": true, "unxz": true, "zstdcat": true, "zstd": true,
		"unzstd": true, "pv": true, "lz4cat": true, "pigz": true, "unpigz": true}
}}

// newDumpLoaded matches a database client that loads a dump into a named
// database. It takes no options.
func newDumpLoaded(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		_, statements := sourcedFile(inv)
		db := dumpTarget(v, statements)
		if db == "" {
			return "", false
		}
		file := loadedFile(inv, v, ctx)
		if file == "" || !dumpNamed(file) || createdDatabase(ctx.before) {
			return "", false
		}
		return "it loads " + parse.Quote(file) + ", named as a dump, into the database " + parse.Quote(db) + ", replacing the tables the dump holds", true
	}, nil
}

// dumpTarget returns the database a client is told to use: its operand
// or its database option.
func dumpTarget(v *view, statements string) string {
	for i, f := range v.flags {
		name, val, joined := strings.Cut(f, "=")
		switch name {
		case "-D", "--database", "-d", "--dbname":
			if !joined && i < len(v.vals) {
				val = v.vals[i]
			}
			if val != "" {
				return val
			}
		}
		if len(f) > 2 && (strings.HasPrefix(f, "-D") || v.name != "mysql" && v.name != "mariadb" && strings.HasPrefix(f, "-d")) && !strings.HasPrefix(f, "--") {
			return f[2:]
		}
	}
	for _, op := range v.operands {
		if statements == "" || op.Value != statements {
			return op.Value
		}
	}
	return ""
}

// loadedFile returns the file whose statements the client reads: its
// stdin redirection, psql's -f, or the file a cat or decompressor piped
// in reads.
func loadedFile(inv *parse.Invocation, v *view, ctx *Context) string {
	if f := inv.Stdin.File(); f != "" {
		return f
	}
	for _, rd := range inv.Redirs {
		if rd.Op == "<" && !rd.Target.Dynamic {
			return rd.Target.Value
		}
	}
	if v.name == "psql" || v.name == "gitlab-psql" {
		for i, f := range v.flags {
			name, val, joined := strings.Cut(f, "=")
			if name == "-f" || name == "--file" {
				if !joined && i < len(v.vals) {
					val = v.vals[i]
				}
				return val
			}
		}
	}
	if f, _ := sourcedFile(inv); f != "" {
		return f
	}
	from, ok := strings.CutPrefix(inv.Stdin.From, "pipe from ")
	if !ok || len(ctx.before) == 0 {
		return ""
	}
	prev := ctx.before[len(ctx.before)-1]
	if !strings.EqualFold(prev.Name, from) || !decompressors.Get()[prev.Name] {
		return ""
	}
	for _, a := range prev.Args[1:] {
		if !a.Dynamic && !strings.HasPrefix(a.Value, "-") {
			return a.Value
		}
	}
	return ""
}

// dumpNamed reports whether a file's name says it holds a dump.
func dumpNamed(file string) bool {
	base := strings.ToLower(path.Base(file))
	dump := strings.HasSuffix(base, ".dump") || strings.HasSuffix(base, ".bak")
	for _, p := range wordParts(base) {
		if buildWords.Get()[p] {
			return false
		}
		if dumpWords.Get()[p] {
			dump = true
		}
	}
	return dump
}

// createdDatabase reports whether an earlier step of the command creates
// a database, into which the dump then loads.
func createdDatabase(before []*parse.Invocation) bool {
	for _, b := range before {
		switch b.Name {
		case "createdb":
			return true
		case "mysqladmin", "mariadb-admin":
			for _, a := range b.Args[1:] {
				if a.Value == "create" {
					return true
				}
			}
		}
		for _, a := range b.Args[1:] {
			if hasFoldSub(a.Value, "create database") {
				return true
			}
		}
	}
	return false
}

// sourcedFile returns the file a client's statement option reads, and
// the option's text: mysql -e "source backup.sql", psql -c '\\i
// backup.sql'.
func sourcedFile(inv *parse.Invocation) (file, text string) {
	args := inv.Args[1:]
	for i, a := range args {
		name, val, joined := strings.Cut(a.Value, "=")
		switch name {
		case "-e", "--execute", "-c", "--command":
		default:
			continue
		}
		if !joined {
			if i+1 >= len(args) {
				return "", ""
			}
			val = args[i+1].Value
		}
		for _, cmd := range []string{"source ", "\\. ", "\\i ", "\\ir "} {
			if j := strings.Index(strings.ToLower(val), cmd); j >= 0 {
				if rest := strings.Fields(val[j+len(cmd):]); len(rest) > 0 {
					return strings.Trim(rest[0], "';\""), val
				}
			}
		}
		return "", val
	}
	return "", ""
}
