package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A network interface taken down, or the network manager switched off,
// cuts a remote machine off as surely as a firewall that drops ssh: ip
// link set eth0 down, ifdown ens3, ifconfig eth0 down, nmcli networking
// off, nmcli connection down NAME, nmcli device disconnect eth0. The
// virtual interfaces of containers, bridges, tunnels and VPNs (docker0,
// veth*, br-*, virbr*, tun*, wg*) are not the way in, and pass; a name
// only known at run time asks.

// virtualLinks are the name prefixes of interfaces that carry no remote
// login to the machine itself.
const virtualLinks = "docker veth br- virbr vnet tap tun wg vxlan cni flannel cali cilium kube- lxc lxd lxcbr incusbr " +
	"dummy zt tailscale utun podman vboxnet vmnet nordlynx ppp"

// newLinkDown matches ip, ifdown, ifconfig and nmcli taking down an
// interface that is not a virtual one, or all networking. It takes no
// options.
func newLinkDown(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		words, dynamic := plainWords(inv)
		if len(words) == 0 {
			return "", false
		}
		iface := ""
		switch inv.Name {
		case "ip":
			// ip link set [dev] IFACE ... down
			if len(words) < 4 || !strings.HasPrefix("link", words[0]) || words[1] != "set" || !containsFold(words[2:], "down") {
				return "", false
			}
			iface = words[2]
			if iface == "dev" {
				iface = words[3]
			}
		case "ifdown":
			iface = words[0]
		case "ifconfig":
			if len(words) < 2 || words[len(words)-1] != "down" {
				return "", false
			}
			iface = words[0]
		case "nmcli":
			switch {
			case strings.HasPrefix("networking", words[0]) && len(words) > 1 && words[1] == "off":
				return "nmcli networking off turns off every connection the machine has", true
			case len(words) > 2 && strings.HasPrefix("connection", words[0]) && words[1] == "down",
				len(words) > 2 && strings.HasPrefix("device", words[0]) && (words[1] == "disconnect" || words[1] == "down"):
				iface = words[2]
				if iface == "id" || iface == "uuid" || iface == "path" || iface == "apath" {
					if len(words) < 4 {
						return "", false
					}
					iface = words[3]
				}
			default:
				return "", false
			}
		default:
			return "", false
		}
		if iface == "" {
			return "", false
		}
		if dynamic && strings.ContainsAny(iface, "$`") {
			return "the interface taken down is only known at run time", true
		}
		low := strings.ToLower(iface)
		for p := range strings.FieldsSeq(virtualLinks) {
			if strings.HasPrefix(low, p) {
				return "", false
			}
		}
		return inv.Name + " takes down " + parse.Quote(iface) + ", which may be the connection to the machine", true
	}, nil
}
