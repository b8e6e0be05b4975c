package parse

import (
	"path"
	"strings"
)

// gitCodeKeys are git configuration keys whose value is a shell command.
var gitCodeKeys = []string{"core.sshcommand", "core.pager", "core.editor", "core.fsmonitor", "core.askpass",
	"diff.external", "sequence.editor", "gpg.program", "uploadpack.packobjectshook"}

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
	case contains(gitCodeKeys, key), strings.HasPrefix(key, "pager."),
		strings.HasPrefix(key, "filter.") && (strings.HasSuffix(key, ".clean") || strings.HasSuffix(key, ".smudge") || strings.HasSuffix(key, ".process")),
		(strings.HasPrefix(key, "difftool.") || strings.HasPrefix(key, "mergetool.")) && strings.HasSuffix(key, ".cmd"):
		code = val
	default:
		return
	}
	w.codeWord(c, Word{Value: code, Dynamic: kv.Dynamic}, "git -c "+key, Input{})
}
