package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newOverwritesState matches a shell write that replaces a state file
// with what the command prints: echo '{}' > terraform.tfstate,
// printf 'ref: x' > .git/HEAD, ... | tee .git/refs/heads/main. The file's
// old content, which other tools keep and nothing rebuilds, is gone (see
// parse.StateFile for the names). A dependency lock written over asks only
// when echo or printf writes it: a lock restored from git or a tool's
// output (git show HEAD:package-lock.json > package-lock.json) passes.
// Appending (>>, tee -a) passes.
func newOverwritesState(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		literal := v.name == "echo" || v.name == "printf"
		judge := func(w parse.Word, how string) (string, bool) {
			if w.Dynamic || !parse.StateFile(w.Value) {
				return "", false
			}
			base := path.Base(w.Value)
			if (strings.Contains(base, "lock") || base == "go.sum") && !strings.HasSuffix(base, ".tfstate") && !literal {
				return "", false
			}
			return how + " " + parse.Quote(w.Value) + ", a state file other tools keep, with what the command prints", true
		}
		return writtenOver(inv, v, judge)
	}, nil
}

// newOverwritesDotenv matches a write from the shell that replaces an
// environment file with text the command holds: echo 'KEY=v' > .env.local,
// printf ... | tee apps/web/.env, cat <<EOF > .env.production. Such a
// file holds configuration and secrets that git ignores on purpose, so
// nothing brings back the lines the one written in their place dropped.
// A file a tool writes from where the values are kept (infisical export,
// doppler secrets download, op read, sops -d) is that tool's copy and
// passes, as do appending (>>, tee -a), a template that git keeps
// (.env.example, .env.sample, .env.test) and a temporary file. Where
// guard may read the disk, a file that is not there or is empty passes.
func newOverwritesDotenv(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		// cat with no file and tee write what stdin holds: a heredoc or
		// an echo piped in.
		literal := v.name == "echo" || v.name == "printf" ||
			v.name == "cat" && len(v.operands) == 0 && inv.Stdin.Kind == parse.Known ||
			v.name == "tee" && inv.Stdin.Kind == parse.Known
		if !literal {
			return "", false
		}
		at := placeOf(inv, ctx)
		judge := func(w parse.Word, how string) (string, bool) {
			if w.Dynamic || !keptDotenv(path.Base(w.Value)) {
				return "", false
			}
			if c := classify(w, at, ctx); c&(classTemp|classCache) != 0 && c&classInside == 0 {
				return "", false
			}
			if abs, ok := resolve(w.Value, at.dir); ok && !at.remote && missingHere(inv, ctx, abs) {
				return "", false
			}
			return how + " " + parse.Quote(w.Value) + ", an environment file of settings and secrets that git does not keep, with the text the command holds", true
		}
		return writtenOver(inv, v, judge)
	}, nil
}

// keptDotenv reports whether a file name is an environment file that
// holds a machine's own settings and secrets (.env, .env.local,
// .env.production, prod.env), not a template git keeps (.env.example,
// .env.sample, .env.template, .env.test).
func keptDotenv(base string) bool {
	b := strings.ToLower(base)
	if !envFile(b) {
		return false
	}
	for _, part := range strings.FieldsFunc(b, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		switch part {
		case "example", "examples", "sample", "template", "tmpl", "dist", "defaults", "test", "testing", "ci", "schema":
			return false
		}
	}
	return true
}

// writtenOver returns judge's finding for the first file the shell writes
// over for an invocation: a redirection that truncates, or an operand of
// tee without -a.
func writtenOver(inv *parse.Invocation, v *view, judge func(w parse.Word, how string) (string, bool)) (string, bool) {
	for _, rd := range inv.Redirs {
		if rd.Truncates() {
			if d, ok := judge(rd.Target, "the redirect writes over"); ok {
				return d, true
			}
		}
	}
	if v.name == "tee" && !hasOpt(v.flagWords(), "-a", "--append") {
		for _, w := range v.operands {
			if d, ok := judge(w, "tee writes over"); ok {
				return d, true
			}
		}
	}
	return "", false
}
