package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file reads a git command line as git itself does: git's own
// options before the subcommand (-C DIR, -c KEY=VALUE, --git-dir), aliases
// defined on the command line (-c alias.x='reset --hard', or the
// GIT_CONFIG_KEY_n variables), and the subcommand's options by the
// subcommand's own table: clusters (-df is -d -f), short options that
// stand for several long ones (branch -D is --delete --force), options
// that take a value (-b NAME, --source=REV), unambiguous prefixes of long
// options (--del --for) and their negations (--no-force).

// gitOptions describes one subcommand's options. long lists long names,
// a trailing "=" marking one that takes a value; short maps letters to
// the long names they stand for ("D:delete,force"), a trailing "=" on the
// letter marking one that takes a value ("b=:-b"). A letter without a long
// form maps to itself with a dash.
type gitOptions struct {
	long  string
	short string
}

// gitSubOptions returns the option table of a subcommand, or false for one
// guard does not describe, whose options are read by their spelling alone.
func gitSubOptions(sub string) (gitOptions, bool) {
	switch sub {
	case "checkout":
		return gitOptions{
			long: "quiet progress force ours theirs track guess detach orphan= ignore-skip-worktree-bits merge conflict= " +
				"patch ignore-other-worktrees recurse-submodules overlay pathspec-from-file= pathspec-file-nul unified= inter-hunk-context=",
			short: "q:quiet f:force m:merge p:patch t:track d:detach l:-l b=:-b B=:-B 2:ours 3:theirs U=:unified",
		}, true
	case "restore":
		return gitOptions{
			long: "source= patch worktree staged quiet progress ours theirs merge conflict= ignore-unmerged " +
				"ignore-skip-worktree-bits recurse-submodules overlay pathspec-from-file= pathspec-file-nul unified= inter-hunk-context=",
			short: "s=:source p:patch W:worktree S:staged q:quiet 2:ours 3:theirs m:merge U=:unified",
		}, true
	case "switch":
		return gitOptions{
			long:  "create= force-create= detach guess discard-changes force merge conflict= quiet progress track orphan= ignore-other-worktrees recurse-submodules",
			short: "c=:create C=:force-create d:detach f:discard-changes m:merge q:quiet t:track",
		}, true
	case "branch":
		return gitOptions{
			long: "verbose quiet track set-upstream set-upstream-to= unset-upstream color= remotes contains= no-contains= " +
				"abbrev= all delete create-reflog edit-description force move copy column= sort= merged= no-merged= " +
				"points-at= format= show-current list ignore-case omit-empty recurse-submodules",
			short: "v:verbose q:quiet t:track u=:set-upstream-to r:remotes a:all d:delete D:delete,force l:list " +
				"f:force m:move M:move,force c:copy C:copy,force i:ignore-case",
		}, true
	case "rm":
		return gitOptions{
			long:  "dry-run quiet cached ignore-unmatch sparse pathspec-from-file= pathspec-file-nul force",
			short: "n:dry-run q:quiet r:-r f:force",
		}, true
	case "submodule":
		return gitOptions{
			long: "quiet progress all force cached files init remote no-fetch checkout merge rebase recommend-shallow " +
				"reference= recursive depth= jobs= single-branch branch= name= default summary-limit= filter=",
			short: "q:quiet f:force N:no-fetch b=:branch n=:summary-limit j=:jobs",
		}, true
	case "clean":
		return gitOptions{
			long:  "dry-run force interactive quiet exclude=",
			short: "d:-d f:force i:interactive n:dry-run q:quiet e=:exclude x:-x X:-X",
		}, true
	case "push":
		return gitOptions{
			long: "all branches mirror tags follow-tags atomic dry-run porcelain delete prune verbose quiet force " +
				"force-with-lease force-if-includes repo= set-upstream thin receive-pack= exec= push-option= " +
				"progress recurse-submodules= verify signed= ipv4 ipv6",
			short: "n:dry-run d:delete f:force v:verbose q:quiet u:set-upstream o=:push-option 4:ipv4 6:ipv6",
		}, true
	}
	return gitOptions{}, false
}

// gitCall is a git command line as git reads it.
type gitCall struct {
	// sub is the subcommand, after aliases; "" when there is none or it
	// is only known at run time.
	sub string
	// alias is the alias the subcommand came from, and aliasValue what
	// it stands for.
	alias, aliasValue string
	// opts are the subcommand's options by long name (or -x for a short
	// one without a long form), with their values.
	opts map[string]string
	// args are the operands before --, paths those after it.
	args, paths []parse.Word
	dash        bool
	// dynamic reports a word before -- only known at run time, which may
	// be an option.
	dynamic bool
	// at is the index in the invocation's arguments of the subcommand
	// (or alias), and words the subcommand and the words after it, with
	// aliases expanded.
	at    int
	words []parse.Word
	// config is the configuration the command line sets (-c KEY=VALUE,
	// GIT_CONFIG_KEY_n), by key in lower case.
	config map[string]string
}

// has reports whether one of the options is present.
func (c *gitCall) has(names ...string) bool {
	for _, n := range names {
		if _, ok := c.opts[n]; ok {
			return true
		}
	}
	return false
}

// operands returns the operands before and after --.
func (c *gitCall) operands() []parse.Word {
	if len(c.paths) == 0 {
		return c.args
	}
	return append(append([]parse.Word(nil), c.args...), c.paths...)
}

// gitGlobalValue lists git's own options that take the next word as
// their value.
func gitGlobalValue(a string) bool {
	switch a {
	case "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--super-prefix", "--list-cmds", "--attr-source":
		return true
	}
	return false
}

// gitCommandAt returns the index in args of git's subcommand (or alias),
// after git's own options, or len(args); set, when not nil, is given
// the value of each -c.
func gitCommandAt(args []parse.Word, set func(kv string)) int {
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if args[i].Dynamic || !strings.HasPrefix(a, "-") {
			break
		}
		if gitGlobalValue(a) && i+1 < len(args) {
			i++
			if a == "-c" && set != nil {
				set(args[i].Value)
			}
		}
	}
	return i
}

// gitBuiltinCall reports whether a git invocation's subcommand is one of
// git's own commands, which no alias can stand for.
func gitBuiltinCall(inv *parse.Invocation) bool {
	i := gitCommandAt(inv.Args, nil)
	return i < len(inv.Args) && !inv.Args[i].Dynamic && gitBuiltin(inv.Args[i].Value)
}

// readGit reads a git invocation. It follows aliases defined on the
// command line up to a few levels, as git does.
func readGit(inv *parse.Invocation) *gitCall { return readGitWith(inv, nil) }

// readGitWith is readGit that also asks lookup, when not nil, for the
// aliases the repository's or the user's config defines.
func readGitWith(inv *parse.Invocation, lookup func(name string) string) *gitCall {
	args := inv.Args
	config := gitEnvConfig(inv)
	i := gitCommandAt(args, func(kv string) { config = addConfig(config, kv) })
	c := &gitCall{opts: map[string]string{}, at: i, config: config}
	if i >= len(args) || args[i].Dynamic {
		return c
	}
	words := append([]parse.Word(nil), args[i:]...)
	for depth := 0; depth < 8; depth++ {
		name := words[0].Value
		if gitBuiltin(name) {
			// git ignores an alias that would hide one of its commands.
			break
		}
		var v string
		ok := false
		if len(config) > 0 {
			v, ok = config["alias."+strings.ToLower(name)]
		}
		if !ok && lookup != nil && !words[0].Dynamic {
			v = lookup(name)
			ok = v != ""
		}
		if !ok || strings.HasPrefix(v, "!") {
			// A ! alias is shell code, which the parser reads when it is
			// on the command line.
			break
		}
		if c.alias == "" {
			c.alias, c.aliasValue = words[0].Value, v
		}
		var exp []parse.Word
		for _, f := range splitAlias(v) {
			exp = append(exp, parse.Word{Value: f})
		}
		if len(exp) == 0 {
			break
		}
		words = append(exp, words[1:]...)
	}
	c.sub, c.words = words[0].Value, words
	c.readOptions(words[1:])
	return c
}

// gitEnvConfig returns the configuration the GIT_CONFIG_KEY_n and
// GIT_CONFIG_VALUE_n (or GIT_CONFIG_PARAMETERS) assignments before git
// set.
func gitEnvConfig(inv *parse.Invocation) map[string]string {
	var out map[string]string
	for _, a := range inv.Assigns {
		if a.Name == "GIT_CONFIG_PARAMETERS" {
			// 'key=value' 'key2=value2', quoted as for the shell.
			for _, kv := range splitAlias(a.Value.Value) {
				out = addConfig(out, kv)
			}
		}
		n, ok := strings.CutPrefix(a.Name, "GIT_CONFIG_KEY_")
		if !ok {
			continue
		}
		for _, b := range inv.Assigns {
			if b.Name == "GIT_CONFIG_VALUE_"+n {
				out = addConfig(out, a.Value.Value+"="+b.Value.Value)
			}
		}
	}
	return out
}

// addConfig records a KEY=VALUE configuration word; a KEY alone is
// true, as git reads it.
func addConfig(m map[string]string, kv string) map[string]string {
	key, val, ok := strings.Cut(kv, "=")
	if !ok {
		val = "true"
	}
	if key == "" {
		return m
	}
	if m == nil {
		m = map[string]string{}
	}
	m[strings.ToLower(key)] = val
	return m
}

// splitAlias splits an alias's value into words as git does: at spaces,
// with single and double quotes and backslashes.
func splitAlias(s string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote == 0 && (ch == '\'' || ch == '"'):
			quote, inWord = ch, true
		case ch == '\\' && quote != '\'' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case quote == 0 && (ch == ' ' || ch == '\t' || ch == '\n'):
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(ch)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// readOptions sorts the words after the subcommand into options and
// operands, by the subcommand's table when guard has one.
func (c *gitCall) readOptions(words []parse.Word) {
	spec, known := gitSubOptions(c.sub)
	for i := 0; i < len(words); i++ {
		w := words[i]
		a := w.Value
		switch {
		case c.dash:
			c.paths = append(c.paths, w)
		case a == "--" && !w.Dynamic:
			c.dash = true
		case w.Dynamic:
			if !strings.HasPrefix(a, "/") && !strings.HasPrefix(a, ".") {
				c.dynamic = true
			}
			c.args = append(c.args, w)
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			names, takes, neg := spec.resolveLong(name, known)
			if takes && !hasVal && i+1 < len(words) {
				i++
				val = words[i].Value
			}
			if neg {
				for _, n := range names {
					delete(c.opts, n)
				}
				continue
			}
			c.set(names, val)
		case len(a) > 1 && a[0] == '-':
			c.readCluster(spec, known, a[1:], words, &i)
		default:
			c.args = append(c.args, w)
		}
	}
}

// set records options with their value.
func (c *gitCall) set(names []string, val string) {
	for _, n := range names {
		c.opts[n] = val
	}
}

// setList is set for names separated by commas.
func (c *gitCall) setList(names, val string) {
	for n := range strings.SplitSeq(names, ",") {
		c.opts[n] = val
	}
}

// readCluster reads a cluster of short options (-df), up to one that
// takes a value, which is the rest of the cluster or the next word.
func (c *gitCall) readCluster(spec gitOptions, known bool, letters string, words []parse.Word, i *int) {
	for j := 0; j < len(letters); j++ {
		names, takes, ok := spec.resolveShort(letters[j], known)
		if !ok {
			c.opts["-"+string(letters[j])] = ""
			continue
		}
		if takes {
			val := letters[j+1:]
			if val == "" && *i+1 < len(words) {
				*i++
				val = words[*i].Value
			}
			c.setList(names, val)
			return
		}
		c.setList(names, "")
	}
}

// resolveLong returns the long options a name (or an abbreviation of
// one, or its negation with no-) stands for, and whether they take a
// value. A name that abbreviates several is all of them, as the most it
// could mean (git refuses it); one that is none stays as written.
func (o gitOptions) resolveLong(name string, known bool) (names []string, takes, neg bool) {
	if !known {
		return []string{name}, false, false
	}
	if names, takes, ok := o.lookupLong(name); ok {
		return names, takes, false
	}
	if base, ok := strings.CutPrefix(name, "no-"); ok {
		if names, _, ok := o.lookupLong(base); ok {
			return names, false, true
		}
	}
	return []string{name}, false, false
}

// lookupLong finds a long option by its name or a prefix of it.
func (o gitOptions) lookupLong(name string) (names []string, takes, ok bool) {
	for f := range strings.FieldsSeq(o.long) {
		base, val := strings.CutSuffix(f, "=")
		if base == name {
			return []string{base}, val, true
		}
		if len(name) >= 2 && strings.HasPrefix(base, name) {
			names = append(names, base)
			takes = takes || val
		}
	}
	return names, takes && len(names) == 1, len(names) > 0
}

// resolveShort returns the options a short letter stands for, separated
// by commas; ok is false for a letter the table does not hold.
func (o gitOptions) resolveShort(ch byte, known bool) (names string, takes, ok bool) {
	for f := range strings.FieldsSeq(o.short) {
		if len(f) < 3 || f[0] != ch {
			continue
		}
		takes = f[1] == '='
		rest := f[2:]
		if takes {
			rest = f[3:]
		}
		return rest, takes, true
	}
	return "", false, false
}

// gitBuiltin reports whether name is one of git's own commands, which an
// alias cannot replace.
func gitBuiltin(name string) bool {
	switch name {
	case "add", "am", "annotate", "apply", "archive", "bisect", "blame", "branch", "bugreport", "bundle", "cat-file",
		"check-attr", "check-ignore", "check-ref-format", "checkout", "checkout-index", "cherry", "cherry-pick", "citool",
		"clean", "clone", "column", "commit", "commit-graph", "commit-tree", "config", "count-objects", "credential",
		"describe", "diff", "diff-files", "diff-index", "diff-tree", "difftool", "fast-export", "fast-import", "fetch",
		"filter-branch", "for-each-ref", "format-patch", "fsck", "gc", "grep", "gui", "hash-object", "help", "index-pack",
		"init", "instaweb", "log", "ls-files", "ls-remote", "ls-tree", "maintenance", "merge", "merge-base", "mergetool",
		"mktag", "mktree", "multi-pack-index", "mv", "name-rev", "notes", "pack-objects", "pack-refs", "prune", "pull",
		"push", "range-diff", "read-tree", "rebase", "reflog", "remote", "repack", "replace", "request-pull", "rerere",
		"reset", "restore", "rev-list", "rev-parse", "revert", "rm", "send-email", "shortlog", "show", "show-branch",
		"show-ref", "sparse-checkout", "stash", "status", "stripspace", "submodule", "switch", "symbolic-ref", "tag",
		"unpack-objects", "update-index", "update-ref", "var", "verify-commit", "verify-pack", "verify-tag", "version",
		"whatchanged", "worktree", "write-tree":
		return true
	}
	return false
}

// gitConfigSet returns the value an invocation of git config (git config
// KEY VALUE, git config set KEY VALUE) gives key, which is in lower case.
func gitConfigSet(inv *parse.Invocation, key string) (string, bool) {
	if inv.Name != "git" {
		return "", false
	}
	c := readGit(inv)
	if c.sub != "config" || len(c.words) < 3 {
		return "", false
	}
	var ops []parse.Word
	words := c.words[1:]
	for i := 0; i < len(words); i++ {
		a := words[i].Value
		switch {
		case a == "-f" || a == "--file" || a == "--blob" || a == "--type" || a == "--default" || a == "--comment" || a == "--value":
			i++
		case strings.HasPrefix(a, "-") && !words[i].Dynamic:
		default:
			ops = append(ops, words[i])
		}
	}
	if len(ops) > 0 && ops[0].Value == "set" {
		ops = ops[1:]
	}
	if len(ops) < 2 || ops[0].Dynamic || strings.ToLower(ops[0].Value) != key {
		return "", false
	}
	return ops[1].Value, true
}
