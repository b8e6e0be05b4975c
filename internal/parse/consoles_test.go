package parse

import "testing"

// Daemon consoles send one of their own commands, which is recorded again
// as a call of the console with the command's words.
var consoleCases = []commandCase{
	{`asterisk -rx 'database deltree SIP'`, []string{
		`asterisk -rx 'database deltree SIP'`,
		`asterisk database deltree SIP via=asterisk command`,
	}},
	{`asterisk -r -x 'core show channels'`, []string{
		`asterisk -r -x 'core show channels'`,
		`asterisk core show channels via=asterisk command`,
	}},
	{`vtysh -c 'show ip bgp' -c 'clear ip bgp *'`, []string{
		`vtysh -c 'show ip bgp' -c 'clear ip bgp *'`,
		`show ip bgp via=vtysh command`,
		`clear ip bgp '*' via=vtysh command`,
	}},
	{`birdc disable bgp1`, []string{
		`birdc disable bgp1`,
		`birdc disable bgp1 via=birdc command`,
	}},
	{`varnishadm -T localhost:6082 -S /etc/varnish/secret "ban req.url ~ ."`, []string{
		`varnishadm -T localhost:6082 -S /etc/varnish/secret 'ban req.url ~ .'`,
		`varnishadm ban req.url '~' . via=varnishadm command`,
	}},
	{`asterisk -r`, []string{
		`asterisk -r`,
	}},
}

func TestConsoles(t *testing.T) { runCommandCases(t, consoleCases) }
