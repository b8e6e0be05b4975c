package parse

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Start-up idioms: eval "$(direnv hook bash)" runs text only known at run
// time, but the text is the tool's own start-up code, printed for the
// shell to run, and an everyday line of every shell set-up. Such a
// command's output is taken as harmless when the command is the tool
// itself: a program named plainly or by an absolute path, with literal
// arguments, that is neither a shell function nor a file the command
// wrote.

// startupIdioms are the commands, by program and leading arguments, whose
// output is start-up code, one a line, the words separated by spaces. "*"
// stands for any program: x completion bash. The table is one string, not
// a [][]string: each inner list would be an array of strings in the
// binary's data, which the runtime describes to the collector at every
// start, about 200 instructions each.
const startupIdioms = `direnv hook
direnv export
direnv stdlib
starship init
brew shellenv
ssh-agent
gpg-agent --daemon
keychain
dbus-launch
pyenv init
pyenv virtualenv-init
rbenv init
nodenv init
goenv init
jenv init
plenv init
phpenv init
luaenv init
scalaenv init
zoxide init
fnm env
mise activate
mise env
mise hook-env
rtx activate
vfox activate
conda shell.bash hook
conda shell.zsh hook
conda shell.posix hook
conda shell.fish hook
micromamba shell hook
mamba shell hook
pixi shell-hook
atuin init
mcfly init
thefuck --alias
opam env
opam config env
luarocks path
dircolors
lesspipe
lesspipe.sh
docker-machine env
minikube docker-env
minikube podman-env
fzf --bash
fzf --zsh
register-python-argcomplete
hub alias
oh-my-posh init
navi widget
sheldon source
antidote init
tmuxifier init
pdm --pep582
uv generate-shell-completion
uvx --generate-shell-completion
aws configure export-credentials
* completion
* completions
* --completion
* completion bash`

// startupIdiom reports whether text, the argument of eval or source, is
// the output of a start-up idiom: "$(direnv hook bash)", `brew shellenv`,
// <(kubectl completion bash).
func (w *walker) startupIdiom(text string) bool {
	if !strings.HasPrefix(text, "$(") && !strings.HasPrefix(text, "`") && !strings.HasPrefix(text, "<(") {
		return false
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(": "+text), "")
	if err != nil || len(f.Stmts) != 1 {
		return false
	}
	call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) != 2 || len(call.Args[1].Parts) != 1 {
		return false
	}
	var stmts []*syntax.Stmt
	switch p := call.Args[1].Parts[0].(type) {
	case *syntax.CmdSubst:
		stmts = p.Stmts
	case *syntax.ProcSubst:
		stmts = p.Stmts
	default:
		return false
	}
	if len(stmts) != 1 || stmts[0].Background || stmts[0].Negated {
		return false
	}
	inner, ok := stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(inner.Assigns) > 0 || len(inner.Args) == 0 {
		return false
	}
	for _, r := range stmts[0].Redirs {
		// 2>/dev/null is fine; input from elsewhere is not.
		if r.Op != syntax.RdrOut && r.Op != syntax.AppOut && r.Op != syntax.DplOut && r.Op != syntax.RdrAll {
			return false
		}
	}
	words := make([]string, len(inner.Args))
	for i, a := range inner.Args {
		lit := a.Lit()
		if lit == "" {
			// Quoted or computed words: not the plain idiom.
			return false
		}
		words[i] = lit
	}
	prog := words[0]
	if strings.Contains(prog, "/") {
		if !path.IsAbs(prog) || (*w.files)[path.Clean(prog)] != "" {
			return false
		}
	}
	name := path.Base(prog)
	if _, isFunc := w.funcs[name]; isFunc {
		return false
	}
	for idiom := range strings.SplitSeq(startupIdioms, "\n") {
		if idiomCall(idiom, name, words) {
			return true
		}
	}
	return false
}

// idiomCall reports whether words, a call of the program name, start with
// idiom, a line of startupIdioms.
func idiomCall(idiom, name string, words []string) bool {
	i := 0
	for w := range strings.SplitSeq(idiom, " ") {
		switch {
		case i == 0:
			if w != "*" && w != name {
				return false
			}
		case i >= len(words) || words[i] != w:
			return false
		}
		i++
	}
	return true
}
