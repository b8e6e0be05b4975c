package parse

import "testing"

// bashFeatureCases: bash features that run code (issue 12 §2): aliases where
// they are used, prompts, traps, command_not_found_handle, hash -p, namerefs,
// indirection, arithmetic evaluation of values with substitutions, mapfile
// -C, enable -f and ${x@P}.
var bashFeatureCases = []commandCase{
	{`shopt -s expand_aliases
alias x='rm -rf'
x ~`, []string{
		`shopt -s expand_aliases`,
		`alias 'x=rm -rf'`,
		`rm -rf via=alias x`,
		`rm -rf /home/user via=alias x`,
	}},
	{`shopt -s expand_aliases
alias x='rm -rf ~'
x`, []string{
		`shopt -s expand_aliases`,
		`alias 'x=rm -rf ~'`,
		`rm -rf /home/user via=alias x`,
		`rm -rf /home/user via=alias x`,
	}},
	{`alias x='rm -rf'; x ~`, []string{
		`alias 'x=rm -rf'`,
		`rm -rf via=alias x`,
		`rm -rf /home/user via=alias x`,
	}},
	{`alias l='ls -la'; l src`, []string{
		`alias 'l=ls -la'`,
		`ls -la via=alias l`,
		`ls -la src via=alias l`,
	}},
	{`alias x="$CMD"; x`, []string{
		`alias 'x=$CMD'{D}`,
		`alias 'x=$CMD'{D} problem=dynamic-code`,
		`x problem=dynamic-code`,
	}},
	{`alias x='rm -rf'
unalias x
x ~`, []string{
		`alias 'x=rm -rf'`,
		`rm -rf via=alias x`,
		`unalias x`,
		`x /home/user`,
	}},
	{`alias ls='ls --color'; ls`, []string{
		`alias 'ls=ls --color'`,
		`ls --color via=alias ls`,
		`ls --color via=alias ls`,
	}},
	{`alias rm='rm -i'; rm -rf ~`, []string{
		`alias 'rm=rm -i'`,
		`rm -i via=alias rm`,
		`rm -i -rf /home/user via=alias rm`,
	}},
	{`set -x; PS4='$(rm -rf ~)'; ls`, []string{
		`set -x`,
		`rm -rf /home/user via=PS4>$(...)`,
		`: via=PS4 stdin=?`,
		`ls`,
	}},
	{`PS4='+ $BASH_SOURCE:$LINENO: '; set -x; ls`, []string{
		`set -x`,
		`ls`,
	}},
	{`PROMPT_COMMAND='rm -rf ~'`, []string{
		`rm -rf /home/user via=PROMPT_COMMAND`,
	}},
	{`trap 'rm -rf ~' EXIT`, []string{
		`rm -rf /home/user via=trap`,
	}},
	{`command_not_found_handle() { eval "$1"; }; 'rm -rf ~'`, []string{
		`rm -rf /home/user via=function command_not_found_handle>eval`,
		`'rm -rf ~'`,
	}},
	{`hash -p /bin/rm ls; ls -rf ~`, []string{
		`hash -p /bin/rm ls`,
		`/bin/rm -rf /home/user`,
	}},
	{`hash -r; ls`, []string{
		`hash -r`,
		`ls`,
	}},
	{`x='ls'; declare -n r=x; r='rm -rf ~'; eval "$x"`, []string{
		`declare 'r=x'`,
		`rm -rf /home/user via=eval`,
	}},
	{`declare -n r=x; r='rm -rf ~'; $x`, []string{
		`declare 'r=x'`,
		`rm -rf '~'`,
	}},
	{`x='rm -rf ~'; y=x; ${!y}`, []string{
		`rm -rf '~'`,
	}},
	{`x='ls -la'; y=x; ${!y}`, []string{
		`ls -la`,
	}},
	{`a='x[$(rm -rf ~)]'; (( a ))`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; echo $(( a + 1 ))`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
		`echo '$(( a + 1 ))'{D}`,
	}},
	{`a='x[$(rm -rf ~)]'; echo $(( $a + 1 ))`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
		`echo '$(( $a + 1 ))'{D}`,
	}},
	{`a='x[$(rm -rf ~)]'; [[ $a -eq 1 ]]`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; [[ a -eq 1 ]]`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; declare -i b=a`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
		`declare 'b=a'`,
	}},
	{`a='x[$(rm -rf ~)]'; declare -i b; b=a`, []string{
		`declare`,
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; let b=a`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; printf -v "$a" %s 1`, []string{
		`printf -v 'x[$(rm -rf ~)]' %s 1`,
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; read "$a" <<< 1`, []string{
		`read 'x[$(rm -rf ~)]' stdin="1\n"`,
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; test "$a" -eq 1`, []string{
		`test 'x[$(rm -rf ~)]' -eq 1`,
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; [ "$a" -eq 1 ]`, []string{
		`'['{G} 'x[$(rm -rf ~)]' -eq 1 ]`,
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; b=a; (( b ))`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`a='x[$(rm -rf ~)]'; echo "${arr[a]}"`, []string{
		`rm -rf /home/user via=arithmetic>$(...)`,
		`echo '${arr[a]}'{D}`,
	}},
	{`a='x[$(rm -rf ~)]'; unset "$a"`, []string{
		`unset 'x[$(rm -rf ~)]'`,
		`rm -rf /home/user via=arithmetic>$(...)`,
	}},
	{`i=0; (( i++ )); echo $(( i * 2 ))`, []string{
		`echo '$(( i * 2 ))'{D}`,
	}},
	{`n=$(wc -l < f); (( n > 5 )) && echo big`, []string{
		`wc -l via=$(...) stdin=?`,
		`echo big`,
	}},
	{`[[ $# -eq 0 ]] && echo none`, []string{
		`echo none`,
	}},
	{`mapfile -C 'rm -rf ~' -c 1 arr < f`, []string{
		`mapfile -C 'rm -rf ~' -c 1 arr stdin=?`,
		`rm -rf /home/user 0 line via=mapfile -C`,
	}},
	{`mapfile -t lines < f`, []string{
		`mapfile -t lines stdin=?`,
	}},
	{`enable -f ./evil.so evil`, []string{
		`enable -f ./evil.so evil problem=dynamic-code`,
	}},
	{`enable -n echo`, []string{
		`enable -n echo`,
	}},
	{`x='$(rm -rf ~)'; echo "${x@P}"`, []string{
		`rm -rf /home/user via=x@P>$(...)`,
		`: via=x@P stdin=?`,
		`echo '${x@P}'{D}`,
	}},
	{`x='hi'; echo "${x@U}"`, []string{
		`echo '${x@U}'{D}`,
	}},
}

func TestBashFeatures(t *testing.T) { runCommandCases(t, bashFeatureCases) }
