package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A move between stores copies and then deletes the source: rsync
// --remove-source-files, rclone move, mc mv, gsutil mv, aws s3 mv. When
// the copy lands in the wrong place, is cut short, or the destination is
// one that expires or overwrites, the source is what is gone. The
// moves-source matcher finds the sources such a move deletes and lets
// throwaway ones pass: a temporary directory, a cache, build output, and
// one file named by itself.

// newMovesSource matches a move that deletes a whole tree, a pattern or
// a list known at run time from its source. with.disposable names build
// output (dist, build, out) whose move deletes nothing a person keeps.
func newMovesSource(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := p.strings("disposable")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		sources, tree, how := movedSources(inv, v)
		if len(sources) == 0 {
			return "", false
		}
		if inv.MoreArgs {
			return how + " deletes the sources xargs appends after copying them", true
		}
		at := placeOf(inv, ctx)
		for _, w := range sources {
			if w.Dynamic {
				return how + " deletes " + parse.Quote(w.Value) + ", only known when it runs, after copying it", true
			}
			if !tree && !w.Glob && looksLikeFile(w.Value) {
				continue
			}
			if throwawaySource(w, at, ctx, names) {
				continue
			}
			return how + " deletes the source " + parse.Quote(w.Value) + " after copying it", true
		}
		return "", false
	}, nil
}

// movedSources returns the sources a move deletes once it has copied
// them, whether the move takes whole trees, and how it is spelt.
func movedSources(inv *parse.Invocation, v *view) (sources []parse.Word, tree bool, how string) {
	ops := v.operands
	fl := v.flagWords()
	recursive := hasOpt(fl, "-r", "-R", "--recursive")
	sub := func(words ...string) bool {
		if len(ops) < len(words)+2 {
			return false
		}
		for i, w := range words {
			if ops[i].Value != w {
				return false
			}
		}
		return true
	}
	switch v.name {
	case "rsync":
		if !hasOpt(fl, "--remove-source-files", "--remove-sent-files") {
			return nil, false, ""
		}
		src, _, ok := transferOperands(inv, v)
		if !ok {
			return nil, false, ""
		}
		return src, recursive || hasOpt(fl, "-a", "--archive"), "rsync --remove-source-files"
	case "rclone":
		switch {
		case sub("move"):
			return ops[1 : len(ops)-1], true, "rclone move"
		case sub("moveto"):
			return ops[1 : len(ops)-1], false, "rclone moveto"
		}
	case "mc", "s3cmd", "s5cmd":
		if sub("mv") {
			return ops[1 : len(ops)-1], recursive, v.name + " mv"
		}
	case "gsutil":
		if sub("mv") {
			// gsutil mv of a prefix moves everything under it.
			return ops[1 : len(ops)-1], recursive, "gsutil mv"
		}
	case "gcloud":
		if sub("storage", "mv") || sub("alpha", "storage", "mv") {
			k := slices.IndexFunc(ops, func(w parse.Word) bool { return w.Value == "mv" })
			return ops[k+1 : len(ops)-1], recursive, "gcloud storage mv"
		}
	case "aws":
		if sub("s3", "mv") {
			return ops[2 : len(ops)-1], recursive, "aws s3 mv"
		}
	case "robocopy":
		// robocopy SRC DST /MOVE moves files and directories, /MOV files.
		for _, a := range inv.Args[1:] {
			if u := strings.ToUpper(a.Value); u == "/MOVE" || u == "/MOV" {
				if len(ops) >= 2 {
					return ops[:1], u == "/MOVE" || hasOpt(fl, "/E", "/S"), "robocopy " + u
				}
			}
		}
	case "azcopy":
		if sub("move") || sub("mv") {
			return ops[1 : len(ops)-1], recursive, "azcopy move"
		}
	}
	return nil, false, ""
}

// throwawaySource reports whether a moved source is throwaway: in a
// temporary directory or a cache, or build output by name (dist/, a path
// with a tmp segment), here or in a bucket.
func throwawaySource(w parse.Word, at place, ctx *Context, names []string) bool {
	s := w.Value
	if _, rest, ok := strings.Cut(s, "://"); ok {
		// gs://bucket/tmp/x: the parts after the bucket.
		if _, key, ok := strings.Cut(rest, "/"); ok {
			return key != "" && disposable(strings.Trim(key, "/"), names)
		}
		return false
	}
	if remotePath(s) {
		// host:path and remote:path of rclone.
		_, s, _ = strings.Cut(s, ":")
		return s != "" && disposable(strings.Trim(path.Clean(s), "/"), names)
	}
	if c := classify(w, at, ctx); c&(classTemp|classCache) != 0 && c&(classSystem|classHome|classRoot|classSecrets) == 0 {
		return true
	}
	return disposable(strings.TrimPrefix(path.Clean(s), "/"), names)
}
