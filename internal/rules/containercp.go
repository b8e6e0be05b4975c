package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Copying a file into a container (docker cp, podman cp, kubectl cp, lxc
// file push) overwrites what is at the destination, with no copy kept.
// Onto a data path, a database's files or an application's data
// directory, that replaces live data: docker cp ./empty.db
// app:/var/lib/app/data.db, kubectl cp dump db-0:/var/lib/postgresql/data.
// The copy-into-data matcher finds the destination in the container and
// matches when it is data (dataPath); copying out of a container, or into
// /tmp, a web root or a configuration directory, passes.

// newCopyIntoData matches a copy into a container onto a data path. form
// "lxc" reads lxc's CONTAINER/PATH destinations; the default reads
// CONTAINER:PATH, as docker, podman, kubectl and multipass write them;
// "inside" judges a program that runs in a container or pod (docker run
// IMAGE cp, docker exec, kubectl exec): the file it copies, moves or
// writes onto; "remote" judges scp and rsync to [USER@]HOST:PATH (see
// remotecopy.go).
func newCopyIntoData(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	form := p.string("form", "")
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf([]string{form}, "", "lxc", "inside", "remote"); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, _ *Context) (string, bool) {
		if form == "remote" {
			return copyOntoRemote(v)
		}
		if form == "inside" {
			return writesDataInside(inv, v)
		}
		return copyIntoData(v, form == "lxc")
	}, nil
}

// cpVerbs are the words of the subcommand paths that copy: docker cp,
// docker container cp, docker compose cp, lxc file push, multipass
// transfer, limactl copy.
const cpVerbs = "cp container compose file push transfer copy rsync"

func copyIntoData(v *view, lxc bool) (string, bool) {
	ops := v.operands
	for len(ops) > 0 && !ops[0].Dynamic && wordlist.Has(cpVerbs, ops[0].Value) {
		last := ops[0].Value
		ops = ops[1:]
		if last == "cp" || last == "push" || last == "transfer" || last == "copy" || last == "rsync" {
			break
		}
	}
	if len(ops) < 2 {
		return "", false
	}
	dest := ops[len(ops)-1]
	target, inside := containerPath(dest.Value, lxc)
	if !inside {
		return "", false
	}
	if dest.Dynamic && strings.ContainsAny(target, "$`") {
		return "it copies into a container at a path only known at run time", true
	}
	if why := dataPath(target); why != "" {
		return "it overwrites " + why + " in the container", true
	}
	// A directory destination takes the source's name.
	if !tempPath(target) && (strings.HasSuffix(target, "/") || path.Ext(target) == "") {
		for _, src := range ops[:len(ops)-1] {
			base := path.Base(src.Value)
			if base == "." || base == "/" || base == "-" {
				continue
			}
			if why := dataPath("/" + base); why != "" {
				return "it copies " + base + " into " + target + ", over what the container holds there", true
			}
		}
	}
	return "", false
}

func containsWord(list []string, s string) bool {
	for _, w := range list {
		if w == s {
			return true
		}
	}
	return false
}

// containerPath returns the path in the container that an operand names,
// and whether it names one: NAME:PATH (or NS/POD:PATH), or for lxc
// NAME/PATH. A local path (./a:b, /x:y, ~/z) is not one.
func containerPath(s string, lxc bool) (string, bool) {
	if s == "" || s[0] == '.' || s[0] == '/' || s[0] == '~' || s == "-" {
		return "", false
	}
	if lxc {
		_, p, ok := strings.Cut(s, "/")
		return "/" + p, ok
	}
	name, p, ok := strings.Cut(s, ":")
	if !ok || name == "" {
		return "", false
	}
	if p == "" {
		p = "."
	}
	return p, true
}

// tempPath reports whether a container path is a temporary directory.
func tempPath(p string) bool {
	c := path.Clean(p)
	for _, t := range []string{"/tmp", "/var/tmp", "/dev/shm"} {
		if c == t || strings.HasPrefix(c, t+"/") {
			return true
		}
	}
	return false
}

// dataRoots are the directories whose contents are a program's state:
// /var/lib (databases, brokers, registries), /var/opt (SQL Server),
// /bitnami (Bitnami images' volumes).
const dataRoots = "/var/lib /var/opt /bitnami"

// dataParts are the parts of a directory's name that say it holds data:
// /data, /app/data, /var/lib/postgresql/data/pgdata, /etcd-data.
const dataParts = "data pgdata datadir dbdata"

// dataPath returns what a container path is, when it is data: under a
// data root, in a data directory, or a database file by its extension.
func dataPath(p string) string {
	if tempPath(p) {
		return ""
	}
	c := path.Clean(p)
	for r := range strings.FieldsSeq(dataRoots) {
		if c == r || strings.HasPrefix(c, r+"/") {
			return c + " (state under " + r + ")"
		}
	}
	dirs := strings.Split(strings.Trim(c, "/"), "/")
	if ext := dataExt(dirs[len(dirs)-1]); ext != "" {
		return c + " (a " + ext + " database file)"
	}
	for i, d := range dirs {
		if i == len(dirs)-1 && path.Ext(d) != "" {
			// A file's own name (data.json) is not a directory of data.
			break
		}
		for _, part := range strings.FieldsFunc(strings.ToLower(d), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			if wordlist.Has(dataParts, part) {
				return c + " (a data directory)"
			}
		}
	}
	return ""
}

// dataExts are the extensions of database files: SQLite, Berkeley and
// LMDB, Redis dumps and append-only files, MySQL's and SQL Server's table
// files, WiredTiger's, Realm's, Access's.
const dataExts = ".db .sqlite .sqlite3 .db3 .s3db .sl3 .mdb .accdb .rdb .aof .ibd .frm .myd .myi .wt .mdf .ldf " +
	".ndf .realm .db-wal .db-shm .sqlite-wal .sqlite-shm .duckdb"

// dataExt returns a file name's database extension, or "".
func dataExt(name string) string {
	low := strings.ToLower(name)
	for e := range strings.FieldsSeq(dataExts) {
		if strings.HasSuffix(low, e) && len(low) > len(e) {
			return e
		}
	}
	return ""
}

// writesDataInside reports whether a program running in a container or a
// pod writes onto a data path there: cp, mv, install and rsync by their
// destination (the last operand, or -t DIR), tee by its files, dd by of=,
// and any program by an output redirection.
func writesDataInside(inv *parse.Invocation, v *view) (string, bool) {
	if !strings.HasPrefix(inv.Remote, "container ") && !strings.HasPrefix(inv.Remote, "pod ") {
		return "", false
	}
	var dests []string
	for _, r := range inv.Redirs {
		if r.Writes() && r.Target.Value != "" && r.Target.Value != "/dev/null" {
			dests = append(dests, r.Target.Value)
		}
	}
	ops := v.operands
	switch v.name {
	case "cp", "mv", "install", "rsync":
		for i, f := range v.flags {
			name, val, has := strings.Cut(f, "=")
			if !has && v.hasVal(i) {
				val = v.vals[i]
			}
			if name == "-t" || name == "--target-directory" {
				dests = append(dests, val+"/")
			}
		}
		if len(ops) > 1 {
			dests = append(dests, ops[len(ops)-1].Value)
		}
	case "tee":
		for _, o := range ops {
			dests = append(dests, o.Value)
		}
	case "dd":
		for _, o := range ops {
			if f, ok := strings.CutPrefix(o.Value, "of="); ok {
				dests = append(dests, f)
			}
		}
	}
	for _, d := range dests {
		if strings.HasPrefix(d, "/dev/") {
			continue
		}
		if why := dataPath(d); why != "" {
			return "it writes onto " + why + " on " + inv.Remote, true
		}
	}
	return "", false
}
