package parse

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// gitCodeKeys are git configuration keys whose value is a shell command.
const gitCodeKeys = "core.sshcommand core.pager core.editor core.fsmonitor core.askpass diff.external sequence.editor " +
	"gpg.program uploadpack.packobjectshook"

func (w *walker) git(c call) {
	args := c.args
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		switch {
		case a == "-C" && i+1 < len(args):
			i++
			if args[i].Dynamic {
				empty := ""
				c.dir = &empty
			} else {
				base := w.dir
				if c.dir != nil {
					base = *c.dir
				}
				d := args[i].Value
				if !path.IsAbs(d) && base != "" {
					d = path.Join(base, d)
				} else if !path.IsAbs(d) {
					d = ""
				}
				c.dir = &d
			}
		case a == "-c" && i+1 < len(args):
			i++
			w.gitConfig(c, args[i])
		case a == "--git-dir" || a == "--work-tree" || a == "--namespace" || a == "--exec-path" || a == "--config-env":
			i++
		}
	}
	w.record(c)
	w.gitSubcommand(c)
}

// gitCodeOptions are the options of git subcommands whose value is shell
// code, by subcommand: clone -u runs its value as the upload-pack command,
// locally for a local repository. The names are separated by spaces.
var gitCodeOptions = table[string]{
	{"clone", "-u --upload-pack"},
	{"fetch", "--upload-pack"},
	{"pull", "--upload-pack"},
	{"ls-remote", "--upload-pack"},
	{"push", "--receive-pack --exec"},
	{"archive", "--exec"},
	{"rebase", "-x --exec"},
	{"difftool", "-x --extcmd"},
	{"grep", "-O --open-files-in-pager"},
	{"send-email", "--sendmail-cmd --smtp-server"},
	{"filter-branch", "--tree-filter --index-filter --msg-filter --env-filter --commit-filter --parent-filter --tag-name-filter"},
	{"filter-repo", "--filename-callback --message-callback --name-callback --email-callback --blob-callback --commit-callback --tag-callback --reset-callback"},
}

// gitSubcommand analyses what a git subcommand runs: options whose value
// is shell code, submodule foreach CMD, bisect run CMD, configuration
// written for later (git config alias.x '!cmd'), and ext:: remotes.
func (w *walker) gitSubcommand(c call) {
	args := c.args
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		if a == "-C" || a == "-c" || a == "--git-dir" || a == "--work-tree" || a == "--namespace" || a == "--exec-path" || a == "--config-env" {
			i++
		}
	}
	if i >= len(args) {
		return
	}
	sub := args[i].Value
	rest := args[i+1:]
	cc := c
	cc.stdin, cc.redirs = Input{}, nil
	via := "git " + sub
	if names, ok := gitCodeOptions.get(sub); ok {
		for k := 0; k < len(rest); k++ {
			a := rest[k]
			if a.Value == "--" {
				break
			}
			for n := range strings.FieldsSeq(names) {
				var v Word
				found := false
				switch {
				case a.Value == n && k+1 < len(rest):
					k++
					v, found = rest[k], true
				case strings.HasPrefix(n, "--") && strings.HasPrefix(a.Value, n+"="):
					v, found = Word{Value: a.Value[len(n)+1:], Dynamic: a.Dynamic}, true
				case len(n) == 2 && strings.HasPrefix(a.Value, n) && len(a.Value) > 2 && !strings.HasPrefix(a.Value, "--"):
					v, found = Word{Value: a.Value[2:], Dynamic: a.Dynamic}, true
				}
				if !found {
					continue
				}
				if sub == "filter-repo" {
					// Python code, run for each object.
					w.interpCodeNested(cc, via, "python", v, n)
					continue
				}
				w.codeWord(cc, v, via+" "+n, Input{})
			}
		}
	}
	switch sub {
	case "submodule":
		// git submodule [--quiet] foreach [--recursive] CMD...
		for k := 0; k < len(rest); k++ {
			if rest[k].Value != "foreach" {
				continue
			}
			k++
			for k < len(rest) && strings.HasPrefix(rest[k].Value, "-") {
				k++
			}
			if k < len(rest) {
				w.codeWord(cc, joinWords(rest[k:]), "git submodule foreach", Input{})
			}
			return
		}
	case "bisect":
		if len(rest) > 1 && rest[0].Value == "run" {
			w.inner(cc, rest[1:], "git bisect run")
		}
	case "config":
		w.gitConfigWrite(cc, rest)
	}
	for _, a := range rest {
		if v, ok := strings.CutPrefix(a.Value, "ext::"); ok {
			// ext::CMD ARGS: git runs CMD; "% " is a space in an argument.
			var words []Word
			for _, f := range strings.Fields(strings.ReplaceAll(v, "% ", "\x00")) {
				words = append(words, Word{Value: strings.ReplaceAll(strings.ReplaceAll(f, "\x00", " "), "%%", "%"), Dynamic: a.Dynamic})
			}
			if len(words) > 0 {
				w.inner(cc, words, "git ext::")
			}
		}
	}
}

// gitConfigWrite analyses git config KEY VALUE (and git config set KEY
// VALUE) when KEY holds a command that git runs later.
func (w *walker) gitConfigWrite(c call, args []Word) {
	var ops []Word
	for k := 0; k < len(args); k++ {
		a := args[k].Value
		switch {
		case a == "-f" || a == "--file" || a == "--blob" || a == "--type" || a == "--default" || a == "--comment" || a == "--value":
			k++
		case a == "--get" || a == "--get-all" || a == "--get-regexp" || a == "--unset" || a == "--unset-all" ||
			a == "-l" || a == "--list" || a == "-e" || a == "--edit" || a == "--remove-section" || a == "--rename-section" ||
			a == "--get-urlmatch" || a == "--get-color" || a == "--get-colorbool":
			return
		case strings.HasPrefix(a, "-"):
		default:
			ops = append(ops, args[k])
		}
	}
	if len(ops) > 0 && (ops[0].Value == "set") {
		ops = ops[1:]
	} else if len(ops) > 0 && (ops[0].Value == "get" || ops[0].Value == "list" || ops[0].Value == "unset" || ops[0].Value == "edit" ||
		ops[0].Value == "rename-section" || ops[0].Value == "remove-section") {
		return
	}
	if len(ops) < 2 {
		return
	}
	w.gitConfig(c, Word{Value: ops[0].Value + "=" + ops[1].Value, Dynamic: ops[0].Dynamic || ops[1].Dynamic})
}

func (w *walker) gitConfig(c call, kv Word) {
	key, val, ok := strings.Cut(kv.Value, "=")
	if !ok {
		return
	}
	key = strings.ToLower(key)
	code := ""
	switch {
	case (strings.HasPrefix(key, "alias.") || key == "credential.helper") && strings.HasPrefix(val, "!"):
		code = val[1:]
	case wordlist.Has(gitCodeKeys, key), strings.HasPrefix(key, "pager."),
		strings.HasPrefix(key, "filter.") && (strings.HasSuffix(key, ".clean") || strings.HasSuffix(key, ".smudge") || strings.HasSuffix(key, ".process")),
		(strings.HasPrefix(key, "difftool.") || strings.HasPrefix(key, "mergetool.")) && strings.HasSuffix(key, ".cmd"):
		code = val
	default:
		return
	}
	w.codeWord(c, Word{Value: code, Dynamic: kv.Dynamic}, "git -c "+key, Input{})
}
