package parse

import (
	"strings"
	"testing"
)

func TestRemoteCode(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want string // the remote command found, "" for none
	}{
		{`python3 -c "import paramiko; c = paramiko.SSHClient(); c.connect('db1'); c.exec_command('rm -rf /var/lib/pg')"`, "rm -rf /var/lib/pg"},
		{`python3 -c "from fabric import Connection; Connection('w').sudo('systemctl stop nginx')"`, "systemctl stop nginx"},
		{`python3 -c "from netmiko import ConnectHandler; d = ConnectHandler(host='r1'); d.send_config_set(['no router ospf 1'])"`, "no router ospf 1"},
		{`node -e "const {NodeSSH} = require('node-ssh'); const s = new NodeSSH(); s.execCommand('dropdb prod')"`, "dropdb prod"},
		{`ruby -e "require 'net/ssh'; Net::SSH.start('h', 'u') { |ssh| ssh.exec!('rm -rf /srv/x') }"`, "rm -rf /srv/x"},
		// A method of the same name on another library's object runs nothing.
		{`python3 -c "import boto3; boto3.client('ssm').send_command(DocumentName='x')"`, ""},
		{`python3 -c "import asyncio; asyncio.run(main())"`, ""},
	} {
		found := ""
		for _, inv := range Command(tc.cmd, Options{}) {
			if inv.Remote != "" && len(inv.Args) > 0 {
				found = strings.Join(values(inv.Args), " ")
			}
		}
		if found != tc.want {
			t.Errorf("%s: remote command %q, want %q", tc.cmd, found, tc.want)
		}
	}
}
