package rules

import (
	"os"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Copies, moves and unpacks that overwrite what a service serves or
// reads: tar -x -C /srv/app, unzip -o -d /var/www/html, rsync into /srv,
// mv -f config.prod.yaml config.yaml, mv new.db data/app.db. What was
// there is gone once the new files land, and nothing keeps the old ones.
//
// The text decides where the disk is not read (guard audit, the bench):
// a service tree (with.served: /srv, /var/www, /opt) asks when the
// command overwrites on purpose (tar --overwrite, unzip -o, cp -f,
// rsync --delete), as deploying new files there is everyday; a mounted
// share (with.shares: /mnt, /media, /Volumes), which holds files that are
// not the project's and that no git brings back, asks when a named file
// is forced over or replaced by sort -o, unless the disk shows it is not
// there; the system
// configuration (with.system: /etc) asks when an archive is unpacked,
// a file moved or a tree synced into it; a production word in
// the target, or in the source of a config, data or code file
// (with.files, with.data, with.code), asks; a data file moved or forced
// over asks. Where the disk is read, a config or data file target decides
// by what it holds: a file that is not there, or that git tracks with no
// changes, loses nothing; an untracked or changed one, or an environment
// file (.env, which git ignores on purpose), asks. Temporary directories, build output and a file
// renamed over its own draft (mv out.json.tmp out.json) pass.

// overwrite is one write a command makes over something: the target,
// whether it is a directory that receives files, the sources, and
// whether an option says to overwrite.
type overwrite struct {
	target  parse.Word
	dir     bool
	sources []parse.Word
	forced  bool
	how     string
}

func newOverwritesServed(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	served := p.strings("served")
	state := p.strings("state")
	system := p.strings("system")
	files := lowerAll(p.strings("files"))
	data := lowerAll(p.strings("data"))
	code := lowerAll(p.strings("code"))
	names := p.strings("disposable")
	shares := p.strings("shares")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		w, ok := overwriteOf(inv, v)
		if !ok || w.target.Dynamic || w.target.Value == "" || remotePath(w.target.Value) {
			return "", false
		}
		at := placeOf(inv, ctx)
		abs, ok := resolve(w.target.Value, at.dir)
		if !ok {
			return "", false
		}
		tc := classify(w.target, at, ctx)
		if tc&classInside != 0 && at.base != "" && !isTempRoot(path.Clean(at.base)) {
			// A project kept under /tmp is a project all the same.
			tc &^= classTemp
		}
		if tc&(classTemp|classCache) != 0 && tc&(classSystem|classHome|classRoot) == 0 || tc&classDevice != 0 {
			return "", false
		}
		if t := treeOf(abs, shares); t != "" && w.forced && !w.dir && tc&classInside == 0 && !missingHere(inv, ctx, abs) {
			// A share (a NAS, a USB disk, an evidence store) holds files
			// that are not the project's, and no git brings them back.
			return w.how + " replaces " + parse.Quote(w.target.Value) + ", a file on the share mounted under " + t, true
		}
		// On another host (ssh, a container) the trees are that host's.
		if t := treeOf(abs, served); t != "" && w.forced && !(t == "/opt" && (v.name == "unzip" || strings.HasPrefix(v.name, "7z"))) {
			// unzip -o and 7z -y into /opt are how tools are installed
			// there; tar --overwrite, cp -f and rsync --delete replace.
			return w.how + " overwrites what is in " + parse.Quote(w.target.Value) + ", under " + t + ", which a service serves or installs from", true
		}
		if t := treeOf(abs, state); t != "" && w.forced {
			// /var/lib/APP and /var/opt/APP are where a service keeps its
			// live data (uploads, repositories, a CMS's files): what an
			// unpack or copy forced over them replaces is the only copy.
			return w.how + " overwrites what is in " + parse.Quote(w.target.Value) + ", under " + t + ", where a service keeps its live data", true
		}
		if t := treeOf(abs, system); t != "" && (v.name == "tar" || v.name == "unzip" || v.name == "mv" || v.name == "rsync") {
			return w.how + " writes over the system configuration in " + parse.Quote(w.target.Value), true
		}
		if keeps(abs) {
			// mv .env.production .env.production.bak keeps a copy.
			return "", false
		}
		rel := strings.TrimPrefix(abs, path.Clean(at.base)+"/")
		if disposable(rel, names) && !hasProdWord(w.target.Value) {
			return "", false
		}
		if hasProdWord(w.target.Value) {
			return w.how + " overwrites " + parse.Quote(w.target.Value) + ", named for production", true
		}
		if w.dir {
			return "", false
		}
		base := strings.ToLower(path.Base(abs))
		config, isData := matchLower(files, base), matchLower(data, base)
		if !config && !isData && !matchLower(code, base) {
			return "", false
		}
		prodSource := false
		for _, s := range w.sources {
			if hasProdWord(path.Base(s.Value)) {
				prodSource = true
			}
			if draftOf(strings.ToLower(path.Base(s.Value)), base) {
				// mv out.json.tmp out.json: the file's own draft.
				return "", false
			}
		}
		if p := ctx.probe(inv); p != nil && !ctx.stale() && (config || isData) {
			st, err := os.Lstat(abs)
			if err != nil {
				return "", false
			}
			if !st.Mode().IsRegular() || st.Size() == 0 {
				return "", false
			}
			verdict := p.Delete([]string{abs}, inv.Dir, 0)
			if verdict.Known && !verdict.Work && verdict.InRepo && !envFile(base) {
				// git brings a clean tracked file back.
				return "", false
			}
			return w.how + " overwrites " + parse.Quote(w.target.Value) + ", which git cannot bring back", true
		}
		switch {
		case prodSource:
			return w.how + " puts a production file over " + parse.Quote(w.target.Value), true
		case isData && (v.name == "mv" || w.forced):
			return w.how + " overwrites the data file " + parse.Quote(w.target.Value), true
		}
		return "", false
	}, nil
}

// draftOf reports whether a source is a draft of the target it is put
// over: out.json.tmp, out.json.new, out.json.part for out.json.
func draftOf(src, target string) bool {
	rest, ok := strings.CutPrefix(src, target)
	switch {
	case !ok:
		return false
	case rest == "~":
		return true
	}
	for _, suffix := range []string{".tmp", ".new", ".part", ".partial", ".next", ".swp", ".temp", ".incoming"} {
		if strings.HasPrefix(rest, suffix) {
			return true
		}
	}
	return false
}

// envFile reports whether a file name is an environment file (.env,
// .env.local), which git ignores on purpose: its being ignored says
// nothing about its worth.
func envFile(base string) bool {
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env")
}

// keeps reports whether a target is named as a kept copy (x.bak,
// x.old, x~, a backup), which a copy or a move makes rather than
// overwrites.
func keeps(p string) bool {
	b := strings.ToLower(path.Base(p))
	return strings.HasSuffix(b, ".bak") || strings.HasSuffix(b, ".old") || strings.HasSuffix(b, ".orig") || strings.HasSuffix(b, "~") || strings.Contains(b, "backup")
}

// treeOf returns the tree of the list that holds p, or "". A tree
// written with a final slash (/opt/) holds what is below it only.
func treeOf(p string, trees []string) string {
	for _, t := range trees {
		if below, ok := strings.CutSuffix(t, "/"); ok {
			if strings.HasPrefix(p, t) {
				return below
			}
			continue
		}
		if p == t || strings.HasPrefix(p, t+"/") {
			return t
		}
	}
	return ""
}

// overwriteOf reads what a copy, move or unpack writes over. ok is false
// for commands that keep what is there (cp -n, mv --backup, tar -k,
// unzip -n) and for those that write nothing.
func overwriteOf(inv *parse.Invocation, v *view) (w overwrite, ok bool) {
	fl := v.flagWords()
	switch v.name {
	case "cp", "mv", "install", "rsync":
		keep := []string{"-n", "--no-clobber", "-i", "--interactive", "-b", "--backup", "--update=none"}
		if v.name == "rsync" {
			// rsync's -i itemizes and -n is its dry run.
			keep = []string{"-n", "--dry-run", "-b", "--backup", "--ignore-existing", "--list-only"}
		}
		if hasOpt(fl, keep...) {
			return w, false
		}
		if v.name == "install" && hasOpt(fl, "-d", "--directory") {
			return w, false
		}
		if v.name == "rsync" && hasOpt(fl, "--remove-source-files") {
			return w, false
		}
		src, dest, found := transferOperands(inv, v)
		if !found {
			return w, false
		}
		w.target, w.sources, w.how = dest, src, v.name
		w.dir = strings.HasSuffix(dest.Value, "/") || len(src) > 1 || hasOpt(fl, "-t", "--target-directory") || v.name == "rsync" && !looksLikeFile(dest.Value) ||
			!looksLikeFile(dest.Value) && hasOpt(fl, "-r", "-R", "-a", "--recursive", "--archive")
		w.forced = hasOpt(fl, "-f", "--force", "--delete", "--delete-before", "--delete-during", "--delete-delay", "--delete-after", "--delete-excluded")
		return w, true
	case "tar", "gtar", "bsdtar":
		if !tarExtracts(inv) || hasOpt(fl, "-k", "--keep-old-files", "--skip-old-files", "--keep-newer-files", "-t", "--list") {
			return w, false
		}
		for i, a := range inv.Args {
			switch {
			case (a.Value == "-C" || a.Value == "--directory") && i+1 < len(inv.Args):
				w.target = inv.Args[i+1]
			case strings.HasPrefix(a.Value, "--directory="):
				w.target = parse.Word{Value: a.Value[len("--directory="):], Dynamic: a.Dynamic}
			}
		}
		w.dir, w.how = true, "tar -x"
		w.forced = hasOpt(fl, "--overwrite", "--unlink-first", "-U", "--recursive-unlink")
		return w, w.target.Value != ""
	case "cat":
		// cat config.prod.yaml > config.yaml copies as cp does.
		for _, rd := range inv.Redirs {
			if rd.Truncates() && rd.Target.Value != "" && !strings.HasPrefix(rd.Target.Value, "/dev/") && !strings.HasPrefix(rd.Target.Value, "&") {
				w.target = rd.Target
			}
		}
		w.sources, w.how = v.operands, "cat >"
		return w, w.target.Value != "" && len(v.operands) > 0
	case "sort":
		return sortOutput(inv)
	case "7z", "7za", "7zz":
		if len(v.operands) == 0 || v.operands[0].Value != "x" && v.operands[0].Value != "e" {
			return w, false
		}
		for _, a := range inv.Args[1:] {
			switch {
			case strings.HasPrefix(a.Value, "-o") && len(a.Value) > 2:
				w.target = parse.Word{Value: a.Value[2:], Dynamic: a.Dynamic}
			case a.Value == "-y" || a.Value == "-aoa":
				w.forced = true
			}
		}
		w.dir, w.how = true, "7z x"
		return w, w.target.Value != ""
	case "unzip":
		if hasOpt(fl, "-n", "-l", "-t", "-v", "-Z", "-p") {
			return w, false
		}
		for i, a := range inv.Args {
			switch {
			case a.Value == "-d" && i+1 < len(inv.Args):
				w.target = inv.Args[i+1]
			case strings.HasPrefix(a.Value, "-d") && len(a.Value) > 2 && !strings.HasPrefix(a.Value, "--"):
				w.target = parse.Word{Value: a.Value[2:], Dynamic: a.Dynamic}
			}
		}
		w.dir, w.how = true, "unzip"
		w.forced = hasOpt(fl, "-o")
		return w, w.target.Value != ""
	}
	return w, false
}

// sortOutput reads what sort -o writes: its output file, which sort
// replaces once it has read its input. It is forced, an overwrite, when
// the file is not among the inputs (sort -o f f sorts f in place).
func sortOutput(inv *parse.Invocation) (w overwrite, ok bool) {
	var inputs []parse.Word
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "--":
			inputs = append(inputs, args[i+1:]...)
			i = len(args)
		case a == "-o" || a == "--output":
			if i+1 < len(args) {
				w.target = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--output="):
			w.target = parse.Word{Value: a[len("--output="):], Dynamic: args[i].Dynamic}
		case strings.HasPrefix(a, "--"):
			if !strings.Contains(a, "=") && wordlist.Has(sortLongValues, a[2:]) {
				i++
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			// A cluster such as -uo FILE, -ofile, -k2 or -t ,.
			for j := 1; j < len(a); j++ {
				c := a[j]
				if strings.IndexByte("kStT", c) >= 0 {
					if j == len(a)-1 {
						i++
					}
					break
				}
				if c == 'o' {
					if j < len(a)-1 {
						w.target = parse.Word{Value: a[j+1:], Dynamic: args[i].Dynamic}
					} else if i+1 < len(args) {
						w.target = args[i+1]
						i++
					}
					break
				}
			}
		default:
			inputs = append(inputs, args[i])
		}
	}
	if w.target.Value == "" {
		return w, false
	}
	w.sources, w.how, w.forced = inputs, "sort -o", true
	for _, in := range inputs {
		if path.Clean(in.Value) == path.Clean(w.target.Value) {
			w.forced = false
		}
	}
	return w, true
}

// sortLongValues are sort's long options that take their value as the
// next word.
const sortLongValues = "key field-separator buffer-size temporary-directory parallel batch-size compress-program files0-from random-source sort"

// missingHere reports whether guard may read the disk and the file p is
// not there, or is empty: writing over it loses nothing.
func missingHere(inv *parse.Invocation, ctx *Context, p string) bool {
	if ctx.probe(inv) == nil || ctx.stale() {
		return false
	}
	st, err := os.Lstat(p)
	return err != nil || st.Mode().IsRegular() && st.Size() == 0
}

// tarExtracts reports whether a tar command extracts: -x in an option
// cluster, --extract or --get, or an old-style first word such as xzf.
func tarExtracts(inv *parse.Invocation) bool {
	for i, a := range inv.Args[1:] {
		s := a.Value
		switch {
		case s == "--extract" || s == "--get":
			return true
		case strings.HasPrefix(s, "--"):
		case strings.HasPrefix(s, "-") && strings.ContainsRune(s, 'x') && isLetters(s[1:]):
			return true
		case i == 0 && !strings.HasPrefix(s, "-") && strings.ContainsRune(s, 'x') && isLetters(s):
			return true
		}
	}
	return false
}
