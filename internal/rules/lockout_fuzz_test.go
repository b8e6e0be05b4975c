package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// FuzzLockout runs the lockout, kill and link readers on any command line:
// they must not panic, whatever the words.
func FuzzLockout(f *testing.F) {
	for _, s := range []string{"ufw insert 1 deny", "ufw deny", "iptables -A", "iptables -A INPUT -j", "nft add rule dport 22", "firewall-cmd --remove-service", "pkill -s", "killall --signal", "ip link set dev", "nmcli connection down id", "dbt run-operation x --args", "gpasswd -d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, inv := range parse.Command(s, parse.Options{Dir: "/w", Home: "/root"}) {
			if len(inv.Args) == 0 {
				continue
			}
			ctx := &Context{}
			ufwLockout(inv, nil)
			firewalldLockout(inv, nil)
			iptablesLockout(inv, []*parse.Invocation{inv})
			nftLockout(inv, []*parse.Invocation{inv})
			readNamedKill(inv)
			scratchDbtOperation(inv, ctx)
			lk, _ := newLinkDown(nil)
			lk(inv, &view{}, ctx)
			perRunName(s)
			narrowedDeletes(s)
			dbtArgValues(s)
		}
	})
}
