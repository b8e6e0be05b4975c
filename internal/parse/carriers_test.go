package parse

import "testing"

// carrierCases: programs that run a string they are given as a command.
var carrierCases = []commandCase{
	{`sed 'e rm -rf /' f`, []string{
		`sed 'e rm -rf /' f`,
		`rm -rf / via=sed e`,
	}},
	{`sed -n '1e rm -rf ~' f`, []string{
		`sed -n '1e rm -rf ~' f`,
		`rm -rf /home/user via=sed e`,
	}},
	{`sed 's/.*/rm -rf \//e' f`, []string{
		`sed 's/.*/rm -rf \//e' f`,
		`rm -rf / via=sed e`,
	}},
	{`sed 's/^/rm /e' list`, []string{
		`sed 's/^/rm /e' list`,
		`sed 's/^/rm /e' list problem=dynamic-code`,
	}},
	{`sed -i 's/foo/bar/g' f`, []string{
		`sed -i s/foo/bar/g f`,
	}},
	{`sed -e 's/a/b/' -e 'e date' f`, []string{
		`sed -e s/a/b/ -e 'e date' f`,
		`date via=sed e`,
	}},
	{`sed --sandbox 'e rm -rf /' f`, []string{
		`sed --sandbox 'e rm -rf /' f`,
	}},
	{`sed -n '/^x/p' f`, []string{
		`sed -n /^x/p f`,
	}},
	{`sed '/start/,/end/d' f`, []string{
		`sed /start/,/end/d f`,
	}},
	{`sed 'y/abc/xyz/' f`, []string{
		`sed y/abc/xyz/ f`,
	}},
	{`sed -E 's/(a)e/\1/' f`, []string{
		`sed -E 's/(a)e/\1/' f`,
	}},
	{`sed '$a\' f`, []string{
		`sed '$a\' f`,
	}},
	{`vim -c '!rm -rf /' -c 'q' f`, []string{
		`vim -c '!rm -rf /' -c q f`,
		`rm -rf / via=vim :!`,
	}},
	{`vim -c ':silent !rm -rf ~' f`, []string{
		`vim -c ':silent !rm -rf ~' f`,
		`rm -rf /home/user via=vim :!`,
	}},
	{`vim +'r !curl x | sh' f`, []string{
		`vim '+r !curl x | sh' f`,
		`curl x via=vim :!`,
		`sh via=vim :! stdin=? problem=unknown-input`,
	}},
	{`vim -c 'call system("rm -rf /")' -c q`, []string{
		`vim -c 'call system("rm -rf /")' -c q`,
		`rm -rf / via=vim :!`,
	}},
	{`nvim --headless -c 'w !sh' -c 'qa!' cmds.txt`, []string{
		`nvim --headless -c 'w !sh' -c qa! cmds.txt`,
		`sh via=nvim :! stdin=? problem=unknown-input`,
	}},
	{`vim -c 'wq' f`, []string{
		`vim -c wq f`,
	}},
	{`vim -c '%s/a/b/g | wq' f`, []string{
		`vim -c '%s/a/b/g | wq' f`,
	}},
	{`vim -c 'py3 import os; os.system("rm -rf /")' -c q`, []string{
		`vim -c 'py3 import os; os.system("rm -rf /")' -c q`,
		`rm -rf / via=vim python code`,
	}},
	{`vim -c 'exe "!" . g:cmd'`, []string{
		`vim -c 'exe "!" . g:cmd'`,
		`vim -c 'exe "!" . g:cmd' problem=dynamic-code`,
	}},
	{`less '+!rm -rf /' f`, []string{
		`less '+!rm -rf /' f`,
		`rm -rf / via=less option`,
	}},
	{`man -P 'rm -rf /' ls`, []string{
		`man -P 'rm -rf /' ls`,
		`rm -rf / via=man option`,
	}},
	{`man ls`, []string{
		`man ls`,
	}},
	{`tar -cf x.tar --checkpoint=1 --checkpoint-action=exec='rm -rf ~' .`, []string{
		`tar -cf x.tar '--checkpoint=1' '--checkpoint-action=exec=rm -rf ~' .`,
		`rm -rf /home/user via=tar option`,
	}},
	{`tar -xf x.tar --to-command='sh -c "rm -rf /"'`, []string{
		`tar -xf x.tar '--to-command=sh -c "rm -rf /"'`,
		`rm -rf / via=tar option>sh -c`,
	}},
	{`tar -I 'rm -rf /' -cf x.tar .`, []string{
		`tar -I 'rm -rf /' -cf x.tar .`,
		`rm -rf / via=tar option`,
	}},
	{`tar -czf x.tgz src`, []string{
		`tar -czf x.tgz src`,
	}},
	{`rsync -e 'ssh -o ProxyCommand="rm -rf /"' a h:b`, []string{
		`rsync -e 'ssh -o ProxyCommand="rm -rf /"' a h:b`,
		`rm -rf / via=rsync option>ssh -o`,
		`ssh -o 'ProxyCommand=rm -rf /' via=rsync option`,
	}},
	{`rsync --rsync-path='sudo rm -rf /' a h:b`, []string{
		`rsync '--rsync-path=sudo rm -rf /' a h:b`,
		`rm -rf / via=rsync remote>sudo dir=? remote=rsync remote`,
	}},
	{`rsync -avz --delete src/ h:dst/`, []string{
		`rsync -avz --delete src/ h:dst/`,
	}},
	{`zip x.zip f -T -TT 'rm -rf /'`, []string{
		`zip x.zip f -T -TT 'rm -rf /'`,
		`rm -rf / via=zip option`,
	}},
	{`ssh -o ProxyCommand='rm -rf ~' h`, []string{
		`rm -rf /home/user via=ssh -o`,
		`ssh -o 'ProxyCommand=rm -rf ~' h`,
	}},
	{`ssh -o 'ProxyCommand rm -rf ~' h ls`, []string{
		`rm -rf /home/user via=ssh -o`,
		`ssh -o 'ProxyCommand rm -rf ~' h ls`,
		`ls via=ssh h dir=/home/user remote=h`,
	}},
	{`ssh -oLocalCommand='rm -rf /' -o PermitLocalCommand=yes h`, []string{
		`rm -rf / via=ssh -o`,
		`ssh '-oLocalCommand=rm -rf /' -o 'PermitLocalCommand=yes' h`,
	}},
	{`ssh -o RemoteCommand='rm -rf /srv' h`, []string{
		`rm -rf /srv via=ssh h dir=/home/user remote=h`,
		`ssh -o 'RemoteCommand=rm -rf /srv' h`,
	}},
	{`ssh -J jump h ls`, []string{
		`ssh -J jump h ls`,
		`ls via=ssh h dir=/home/user remote=h`,
	}},
	{`ssh -o ProxyCommand='ssh -W %h:%p bastion' h`, []string{
		`ssh -W host:22 bastion via=ssh -o`,
		`ssh -o 'ProxyCommand=ssh -W %h:%p bastion' h`,
	}},
	{`scp -o ProxyCommand='rm -rf /' a h:b`, []string{
		`scp -o 'ProxyCommand=rm -rf /' a h:b`,
		`rm -rf / via=ssh -o`,
	}},
	{`git -c alias.x='!rm -rf ~' x`, []string{
		`rm -rf /home/user via=git -c alias.x`,
		`git -c 'alias.x=!rm -rf ~' x`,
	}},
	{`git clone -u 'rm -rf ~;' /tmp/repo`, []string{
		`git clone -u 'rm -rf ~;' /tmp/repo`,
		`rm -rf /home/user via=git clone -u`,
	}},
	{`git clone --upload-pack='rm -rf ~' /tmp/repo`, []string{
		`git clone '--upload-pack=rm -rf ~' /tmp/repo`,
		`rm -rf /home/user via=git clone --upload-pack`,
	}},
	{`git fetch --upload-pack 'rm -rf /' origin`, []string{
		`git fetch --upload-pack 'rm -rf /' origin`,
		`rm -rf / via=git fetch --upload-pack`,
	}},
	{`git push --receive-pack='rm -rf /' origin`, []string{
		`git push '--receive-pack=rm -rf /' origin`,
		`rm -rf / via=git push --receive-pack`,
	}},
	{`git rebase -x 'rm -rf /' main`, []string{
		`git rebase -x 'rm -rf /' main`,
		`rm -rf / via=git rebase -x`,
	}},
	{`git rebase --exec 'make test' main`, []string{
		`git rebase --exec 'make test' main`,
		`make test via=git rebase --exec`,
	}},
	{`git submodule foreach 'git clean -fdx'`, []string{
		`git submodule foreach 'git clean -fdx'`,
		`git clean -fdx via=git submodule foreach`,
	}},
	{`git submodule foreach --recursive rm -rf build`, []string{
		`git submodule foreach --recursive rm -rf build`,
		`rm -rf build via=git submodule foreach`,
	}},
	{`git bisect run rm -rf /`, []string{
		`git bisect run rm -rf /`,
		`rm -rf / via=git bisect run`,
	}},
	{`git filter-branch --tree-filter 'rm -rf secrets' HEAD`, []string{
		`git filter-branch --tree-filter 'rm -rf secrets' HEAD`,
		`rm -rf secrets via=git filter-branch --tree-filter`,
	}},
	{`git config alias.nuke '!rm -rf ~'`, []string{
		`git config alias.nuke '!rm -rf ~'`,
		`rm -rf /home/user via=git -c alias.nuke`,
	}},
	{`git config --global core.pager 'rm -rf /'`, []string{
		`git config --global core.pager 'rm -rf /'`,
		`rm -rf / via=git -c core.pager`,
	}},
	{`git config user.name 'x'`, []string{
		`git config user.name x`,
	}},
	{`git config --get core.pager`, []string{
		`git config --get core.pager`,
	}},
	{`git clone 'ext::sh -c rm% -rf% /' x`, []string{
		`git clone 'ext::sh -c rm% -rf% /' x`,
		`rm -rf / via=git ext::>sh -c`,
	}},
	{`GIT_SSH_COMMAND='rm -rf ~' git fetch`, []string{
		`rm -rf /home/user via=GIT_SSH_COMMAND`,
		`git fetch`,
	}},
	{`GIT_SSH_COMMAND='ssh -i ~/.ssh/deploy' git push`, []string{
		`ssh -i /home/user/.ssh/deploy via=GIT_SSH_COMMAND`,
		`git push`,
	}},
	{`export GIT_SSH_COMMAND='rm -rf /'; git fetch`, []string{
		`rm -rf / via=GIT_SSH_COMMAND`,
		`export 'GIT_SSH_COMMAND=rm -rf /'`,
		`git fetch`,
	}},
	{`GIT_EDITOR=true git rebase --continue`, []string{
		`true via=GIT_EDITOR`,
		`git rebase --continue`,
	}},
	{`GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0='rm -rf /' git log`, []string{
		`rm -rf / via=git -c core.pager`,
		`git log`,
	}},
	{`env GIT_PAGER='rm -rf /' git log`, []string{
		`rm -rf / via=GIT_PAGER`,
		`git log via=env GIT_PAGER=rm -rf /`,
	}},
	{`PAGER='rm -rf /' man ls`, []string{
		`rm -rf / via=PAGER`,
		`man ls`,
	}},
	{`LESSOPEN='|rm -rf / %s' less f`, []string{
		`rm -rf / file via=LESSOPEN`,
		`less f`,
	}},
	{`EDITOR="$X" git commit`, []string{
		`'$X'{D} via=EDITOR problem=dynamic-program`,
		`git commit`,
	}},
	{`export PS4='$(rm -rf ~)'; set -x; ls`, []string{
		`rm -rf /home/user via=PS4>$(...)`,
		`: via=PS4 stdin=?`,
		`export 'PS4=$(rm -rf ~)'`,
		`set -x`,
		`ls`,
	}},
	{`PROMPT_COMMAND='rm -rf ~'`, []string{
		`rm -rf /home/user via=PROMPT_COMMAND`,
	}},
}

func TestCarriers(t *testing.T) { runCommandCases(t, carrierCases) }
