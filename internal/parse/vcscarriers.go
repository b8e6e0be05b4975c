package parse

import "strings"

// Version control tools that run a command: Google's repo and myrepos run
// one in each of many repositories (repo forall -c CMD, mr run CMD), in a
// directory that is not known (each repository's); svnadmin freeze runs
// one while the repository is frozen; Mercurial and Sapling run the shell
// hooks and ! aliases that --config defines, and the --ssh command. What they run is analysed as
// a command.

// repoSimpleProgram reports whether repo forall runs a command word
// directly: letters, digits and _/.- only. Any other first word is run by
// /bin/sh, with the words after it as its positional parameters.
func repoSimpleProgram(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '/' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// vcsCarrier analyses the command a version control tool runs, and
// reports whether c was such a call.
func (w *walker) vcsCarrier(c call, name string) bool {
	args := c.args[1:]
	var rest []Word
	shell := false
	via := name
	switch name {
	case "repo":
		// repo [--trace ...] forall [PROJECT...] [-r RE] [-g GROUPS] -c CMD [ARG...]
		k := 0
		for k < len(args) && len(args[k].Value) > 1 && args[k].Value[0] == '-' {
			k++
		}
		if k >= len(args) || args[k].Value != "forall" {
			return false
		}
		via = "repo forall"
		for k++; k < len(args); k++ {
			if a := args[k].Value; a == "-c" || a == "--command" {
				rest = args[k+1:]
				break
			}
		}
		if len(rest) == 0 {
			return false
		}
		shell = rest[0].Dynamic || !repoSimpleProgram(rest[0].Value)
	case "svnadmin":
		// svnadmin freeze REPOS... -- PROGRAM [ARG...]
		if len(args) == 0 || args[0].Value != "freeze" {
			return false
		}
		for k := 1; k < len(args); k++ {
			if args[k].Value == "--" {
				rest = args[k+1:]
				break
			}
		}
		if len(rest) == 0 {
			return false
		}
		w.record(c)
		cc := c
		cc.stdin, cc.redirs = Input{}, nil
		w.inner(cc, rest, "svnadmin freeze")
		return true
	case "hg", "chg", "sl":
		return w.hgConfigCode(c, name)
	case "mr":
		// mr [-d DIR] [-c CONFIG] [-j N] [options] run CMD [ARG...]
		k := 0
		for k < len(args) && len(args[k].Value) > 1 && args[k].Value[0] == '-' {
			switch args[k].Value {
			case "-d", "--directory", "-c", "--config", "-j", "--jobs":
				k++
			}
			k++
		}
		if k >= len(args) || args[k].Value != "run" || k+1 >= len(args) {
			return false
		}
		via = "mr run"
		rest = args[k+1:]
	default:
		return false
	}
	w.record(c)
	cc := c
	cc.stdin, cc.redirs = Input{}, nil
	unknown := ""
	cc.dir = &unknown
	if shell {
		w.codeWord(cc, rest[0], via, Input{})
		return true
	}
	w.inner(cc, rest, via)
	return true
}

// hgConfigCode analyses the shell code that --config KEY=VALUE defines
// for Mercurial or Sapling to run: a hook (hooks.NAME=CMD, except
// in-process python: hooks) and a shell alias (alias.NAME=!CMD). It
// reports whether there was any.
func (w *walker) hgConfigCode(c call, name string) bool {
	args := c.args[1:]
	var codes []Word
	for k := 0; k < len(args); k++ {
		a := args[k]
		var kv Word
		switch {
		case a.Value == "--config" && k+1 < len(args):
			k++
			kv = args[k]
		case strings.HasPrefix(a.Value, "--config="):
			kv = Word{Value: a.Value[len("--config="):], Dynamic: a.Dynamic}
		case a.Value == "--ssh" && k+1 < len(args):
			// The command that reaches a remote: hg clone --ssh CMD.
			k++
			codes = append(codes, args[k])
			continue
		default:
			continue
		}
		key, val, ok := strings.Cut(kv.Value, "=")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		val = strings.TrimSpace(val)
		switch {
		case strings.HasPrefix(key, "hooks.") && !strings.HasPrefix(val, "python:") && val != "":
			codes = append(codes, Word{Value: val, Dynamic: kv.Dynamic})
		case strings.HasPrefix(key, "alias.") && strings.HasPrefix(val, "!"):
			codes = append(codes, Word{Value: val[1:], Dynamic: kv.Dynamic})
		}
	}
	if len(codes) == 0 {
		return false
	}
	w.record(c)
	cc := c
	cc.stdin, cc.redirs = Input{}, nil
	for _, code := range codes {
		w.codeWord(cc, code, name+" --config", Input{})
	}
	return true
}
