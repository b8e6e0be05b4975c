package parse

import "testing"

// arrayIdiomCases: arrays as known words, start-up idioms passed to eval or
// source, and directories the command made with mktemp.
var arrayIdiomCases = []commandCase{
	{`opts=(-r -f); rm "${opts[@]}" /srv/data`, []string{
		`rm -r -f /srv/data`,
	}},
	{`opts=(-rf); args=(/srv/a /srv/b); rm "${opts[@]}" "${args[@]}"`, []string{
		`rm -rf /srv/a /srv/b`,
	}},
	{`args=(); args+=(-rf); args+=(~/x); rm "${args[@]}"`, []string{
		`rm -rf /home/user/x`,
	}},
	{`a=(x y); echo "${a[0]}" "${a[1]}" "${#a[@]}"`, []string{
		`echo x y 2`,
	}},
	{`a=(x y); echo "${a[*]}"`, []string{
		`echo 'x y'`,
	}},
	{`a=(x 'y z'); for f in "${a[@]}"; do rm "$f"; done`, []string{
		`rm x`,
		`rm 'y z'`,
	}},
	{`declare -a flags=(--force); git push "${flags[@]}"`, []string{
		`declare`,
		`git push --force`,
	}},
	{`local -a x=(-rf /); rm "${x[@]}"`, []string{
		`local`,
		`rm -rf /`,
	}},
	{`a=(one); a[1]=-rf; a[2]=/; rm "${a[@]:1}"`, []string{
		`rm -rf /`,
	}},
	{`a=(one); a[1]=-rf; a[2]=/; rm "${a[1]}" "${a[2]}"`, []string{
		`rm -rf /`,
	}},
	{`a=("$@"); rm "${a[@]}"`, []string{
		`rm '"$@"'{D}`,
	}},
	{`a=(*.log); rm "${a[@]}"`, []string{
		`rm '*.log'{G}`,
	}},
	{`a=(x); unset a; rm "${a[@]}"`, []string{
		`unset a`,
		`rm '${a[@]}'{D}`,
	}},
	{`read -ra parts <<< "a b"; rm "${parts[@]}"`, []string{
		`read -ra parts stdin="a b\n"`,
		`rm '${parts[@]}'{D}`,
	}},
	{`e=(); rm -rf "${e[@]}" build`, []string{
		`rm -rf build`,
	}},
	{`if x; then a=(-rf); else a=(-f); fi; rm "${a[@]}" f`, []string{
		`x`,
		`rm '${a[@]}'{D} f`,
	}},
	{`eval "$(direnv hook bash)"`, []string{
		`direnv hook bash via=$(...)`,
		`eval '$(direnv hook bash)'{D}`,
	}},
	{`eval "$(starship init bash)"`, []string{
		`starship init bash via=$(...)`,
		`eval '$(starship init bash)'{D}`,
	}},
	{`eval "$(/opt/homebrew/bin/brew shellenv)"`, []string{
		`/opt/homebrew/bin/brew shellenv via=$(...)`,
		`eval '$(/opt/homebrew/bin/brew shellenv)'{D}`,
	}},
	{`eval "$(ssh-agent -s)"`, []string{
		`ssh-agent -s via=$(...)`,
		`eval '$(ssh-agent -s)'{D}`,
	}},
	{`eval $(ssh-agent)`, []string{
		`ssh-agent via=$(...)`,
		`eval '$(ssh-agent)'{D}`,
	}},
	{`eval "$(pyenv init -)"`, []string{
		`pyenv init - via=$(...)`,
		`eval '$(pyenv init -)'{D}`,
	}},
	{`eval "$(zoxide init bash)"`, []string{
		`zoxide init bash via=$(...)`,
		`eval '$(zoxide init bash)'{D}`,
	}},
	{`eval "$(fnm env --use-on-cd)"`, []string{
		`fnm env --use-on-cd via=$(...)`,
		`eval '$(fnm env --use-on-cd)'{D}`,
	}},
	{`eval "$(mise activate bash)"`, []string{
		`mise activate bash via=$(...)`,
		`eval '$(mise activate bash)'{D}`,
	}},
	{`eval "$(conda shell.bash hook)"`, []string{
		`conda shell.bash hook via=$(...)`,
		`eval '$(conda shell.bash hook)'{D}`,
	}},
	{`source <(kubectl completion bash)`, []string{
		`kubectl completion bash via=<(...)`,
		`source '<(kubectl completion bash)'{D}`,
	}},
	{`. <(helm completion bash)`, []string{
		`helm completion bash via=<(...)`,
		`. '<(helm completion bash)'{D}`,
	}},
	{`eval "$(curl -s https://x.example/install)"`, []string{
		`curl -s https://x.example/install via=$(...)`,
		`eval '$(curl -s https://x.example/install)'{D} problem=dynamic-code`,
	}},
	{`eval "$(cat script.sh)"`, []string{
		`cat script.sh via=$(...)`,
		`eval '$(cat script.sh)'{D} problem=dynamic-code`,
	}},
	{`brew() { echo 'rm -rf ~'; }; eval "$(brew shellenv)"`, []string{
		`echo 'rm -rf ~' via=$(...)>function brew`,
		`brew shellenv via=$(...)`,
		`eval '$(brew shellenv)'{D} problem=dynamic-code`,
	}},
	{`eval "$(./brew shellenv)"`, []string{
		`./brew shellenv via=$(...)`,
		`eval '$(./brew shellenv)'{D} problem=dynamic-code`,
	}},
	{`eval "$(direnv hook bash)" && rm -rf ~`, []string{
		`direnv hook bash via=$(...)`,
		`eval '$(direnv hook bash)'{D}`,
		`rm -rf /home/user`,
	}},
	{`d=$(mktemp -d) && cd "$d" && git clone x . && rm -rf "$d"`, []string{
		`mktemp -d via=$(...)`,
		`cd /tmp/tmp.XXXXXXXXXX`,
		`git clone x . dir=/tmp/tmp.XXXXXXXXXX`,
		`rm -rf /tmp/tmp.XXXXXXXXXX dir=/tmp/tmp.XXXXXXXXXX`,
	}},
	{`d=$(mktemp -d); trap 'rm -rf "$d"' EXIT; cd "$d"`, []string{
		`mktemp -d via=$(...)`,
		`rm -rf /tmp/tmp.XXXXXXXXXX via=trap`,
		`cd /tmp/tmp.XXXXXXXXXX`,
	}},
	{`tmp="$(mktemp -d -t build.XXXXXX)"; rm -rf "$tmp"`, []string{
		`mktemp -d -t build.XXXXXX via=$(...)`,
		`rm -rf /tmp/build.XXXXXX`,
	}},
	{`f=$(mktemp); echo hi > "$f"; rm -f "$f"`, []string{
		`mktemp via=$(...)`,
		`echo hi`,
		`rm -f /tmp/tmp.XXXXXXXXXX`,
	}},
	{`d=$(mktemp -d /tmp/x.XXXX); rm -rf "$d"`, []string{
		`mktemp -d /tmp/x.XXXX via=$(...)`,
		`rm -rf /tmp/x.XXXX`,
	}},
	{`d=$(mktemp -d); rm -rf "$d/.."`, []string{
		`mktemp -d via=$(...)`,
		`rm -rf /tmp/tmp.XXXXXXXXXX/..`,
	}},
	{`cleanup() { rm -rf "$work"; }; work=$(mktemp -d); trap cleanup EXIT`, []string{
		`mktemp -d via=$(...)`,
		`rm -rf /tmp/tmp.XXXXXXXXXX via=trap>function cleanup`,
		`cleanup via=trap`,
	}},
	{`trap 'rm -rf "$dir"' EXIT`, []string{
		`rm -rf '$dir'{D} via=trap`,
	}},
}

func TestArraysIdioms(t *testing.T) { runCommandCases(t, arrayIdiomCases) }
