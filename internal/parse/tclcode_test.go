package parse

import "testing"

var tclCodeCases = []commandCase{
	{`echo 'file delete -force $env(HOME)/p' | tclsh`, []string{
		`echo 'file delete -force $env(HOME)/p'`,
		`tclsh stdin="file delete -force $env(HOME)/p\n" code=tcl:'pipe from echo'`,
		`rm -rf /home/user/p via=tclsh code`,
	}},
	{"tclsh <<'T'\nset d /srv/x\nfile delete -- $d {a b}\nT", []string{
		"tclsh stdin=\"set d /srv/x\\nfile delete -- $d {a b}\\n\" code=tcl:heredoc",
		`rm -f /srv/x via=tclsh code`,
		`rm -f 'a b' via=tclsh code`,
	}},
	{`tclsh8.6 <<< 'puts [exec rm -rf build | cat]'`, []string{
		"tclsh8.6 stdin=\"puts [exec rm -rf build | cat]\\n\" code=tcl:here-string",
		`rm -rf build via=tclsh8.6 code`,
		`cat via=tclsh8.6 code`,
	}},
	{`expect -c 'spawn rm -rf $dir'`, []string{
		`expect -c 'spawn rm -rf $dir' code=tcl:-c`,
		`rm -rf '$dir'{D} via=expect code`,
	}},
	{`tclsh <<< 'file delete {*}[glob data/*.csv]'`, []string{
		"tclsh stdin=\"file delete {*}[glob data/*.csv]\\n\" code=tcl:here-string",
		`rm -f 'data/*.csv'{G} via=tclsh code`,
	}},
	{`tclsh <<< 'foreach f [glob -nocomplain /srv/d/*] { file delete -force $f }'`, []string{
		"tclsh stdin=\"foreach f [glob -nocomplain /srv/d/*] { file delete -force $f }\\n\" code=tcl:here-string",
		`rm -rf '/srv/d/*'{G} via=tclsh code`,
	}},
	{`lua -e 'os.remove(os.getenv("HOME") .. "/.ssh/id_rsa")'`, []string{
		`lua -e 'os.remove(os.getenv("HOME") .. "/.ssh/id_rsa")' code=lua:-e`,
		`rm -f /home/user/.ssh/id_rsa via=lua code`,
	}},
}

func TestTclCode(t *testing.T) { runCommandCases(t, tclCodeCases) }
