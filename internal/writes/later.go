package writes

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Files whose code runs later without guard seeing it, beyond the agents'
// settings: a shell's start-up files, which a login or interactive shell
// runs before any command (Codex runs each command as bash -lc, which
// reads ~/.profile; Claude Code takes its shell snapshot from ~/.bashrc or
// ~/.zshrc when it starts; zsh reads ~/.zshenv even for zsh -c), and
// git's hooks and configuration, which git runs in commands guard allows
// (git commit runs .git/hooks/pre-commit; git status runs core.fsmonitor).
// A change to them is for a person to confirm, not denied: people ask
// agents to add a directory to PATH in ~/.bashrc.

// homeStartup are the start-up files, relative to the home directory.
var homeStartup = []string{".bashrc", ".bash_profile", ".bash_login", ".profile", ".bash_logout", ".zshrc",
	".zshenv", ".zprofile", ".zlogin", ".config/fish/config.fish", ".config/fish/conf.d"}

// systemStartup are the system-wide ones.
var systemStartup = []string{
	"/etc/profile", "/etc/profile.d", "/etc/bash.bashrc", "/etc/bashrc", "/etc/zshenv", "/etc/zsh", "/etc/zprofile",
	"/etc/zshrc", "/etc/fish",
}

// gitCode are git's files, relative to a directory, whose content git
// runs.
var gitCode = []string{".git/hooks", ".git/config"}

// Later lists the files whose code runs later without guard seeing it,
// for a user with the given home working in dir: the shell start-up
// files in the home and the system, and git's hooks and configuration in
// dir and every directory above it.
func Later(home, dir string) []string {
	out := make([]string, 0, 32)
	out = append(out, systemStartup...)
	if home != "" {
		h := path.Clean(home)
		for _, p := range homeStartup {
			out = append(out, path.Join(h, p))
		}
	}
	if dir != "" && path.IsAbs(dir) {
		for d := path.Clean(dir); ; d = path.Dir(d) {
			for _, p := range gitCode {
				out = append(out, path.Join(d, p))
			}
			if d == "/" {
				break
			}
		}
	}
	return out
}

// DescribeLater says what a path of Later is, for messages.
func DescribeLater(p string) string {
	switch {
	case strings.HasSuffix(p, "/.git/hooks"):
		return "git's hooks, which git runs in commands guard allows (git commit, git checkout)"
	case strings.HasSuffix(p, "/.git/config"):
		return "git's configuration, whose hooksPath, fsmonitor, filters and aliases git runs in commands guard allows"
	}
	return "a shell start-up file, which runs before commands without guard seeing it (Codex runs each one with bash -lc; Claude Code snapshots ~/.bashrc and ~/.zshrc)"
}

// HooksPath returns the directory an invocation of git makes git take its
// hooks from: git -c core.hooksPath=DIR, git config core.hooksPath DIR.
func HooksPath(inv *parse.Invocation) (parse.Word, bool) {
	if inv.Name != "git" {
		return parse.Word{}, false
	}
	words := inv.Args[1:]
	i := 0
	for ; i < len(words); i++ {
		v := words[i].Value
		if !strings.HasPrefix(v, "-") {
			break
		}
		switch v {
		case "-c":
			if i+1 < len(words) {
				if val, ok := hooksKey(words[i+1].Value); ok {
					return parse.Word{Value: val, Dynamic: words[i+1].Dynamic}, true
				}
			}
			i++
		case "-C", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env":
			i++
		}
	}
	if i >= len(words) || words[i].Value != "config" {
		return parse.Word{}, false
	}
	var ops []parse.Word
	rest := words[i+1:]
	for k := 0; k < len(rest); k++ {
		v := rest[k].Value
		switch {
		case v == "--unset" || v == "--unset-all" || v == "--get" || v == "--get-all" || v == "-l" || v == "--list" || v == "unset":
			return parse.Word{}, false
		case v == "-f" || v == "--file" || v == "--blob" || v == "--type" || v == "--default" || v == "--comment" || v == "--value":
			k++
		case strings.HasPrefix(v, "-"):
		default:
			ops = append(ops, rest[k])
		}
	}
	if len(ops) > 0 && ops[0].Value == "set" {
		ops = ops[1:]
	}
	if len(ops) >= 2 && strings.EqualFold(ops[0].Value, "core.hooksPath") {
		return ops[1], true
	}
	return parse.Word{}, false
}

func hooksKey(kv string) (string, bool) {
	k, v, ok := strings.Cut(kv, "=")
	return v, ok && strings.EqualFold(k, "core.hooksPath")
}
