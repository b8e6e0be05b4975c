package rules

import (
	"net/url"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
)

// Hypervisors' REST APIs name a machine's power action and a rollback to
// a snapshot in the path, with words that are everyday elsewhere: Proxmox
// POSTs to /nodes/N/qemu/ID/status/stop (a hard stop; /status/shutdown is
// the clean one) and /snapshot/NAME/rollback, vCenter to
// /api/vcenter/vm/ID/power?action=stop (or /rest/.../power/stop), oVirt to
// /api/vms/ID/stop. A stop or reset there pulls the plug on the machine,
// a rollback discards what it wrote since the snapshot.

// machinePowerWords are the actions that cut a machine off: a hard stop,
// a reset.
func machinePowerWord(s string) bool {
	switch strings.ToLower(s) {
	case "stop", "reset", "hard-stop", "hardstop", "off", "power-off", "poweroff", "forceoff", "force-off":
		return true
	}
	return false
}

// machineEndpoint says why a POST or PUT to a hypervisor's API stops,
// resets or rolls back a machine, or returns "".
func machineEndpoint(r *httpreq.Request, segs []string) string {
	n := len(segs)
	if n < 2 {
		return ""
	}
	last, before := strings.ToLower(segs[n-1]), strings.ToLower(segs[n-2])
	switch {
	case (before == "status" || before == "power") && machinePowerWord(last):
		return "whose path says " + before + "/" + last + " (the machine is cut off without a clean shutdown)"
	case last == "power":
		if q, err := url.ParseQuery(r.Query); err == nil && machinePowerWord(q.Get("action")) {
			return "whose action is " + q.Get("action") + " (the machine is cut off without a clean shutdown)"
		}
	case n >= 3 && (last == "stop" || last == "reset") && vmCollection(segs[n-3]):
		return "whose path says " + segs[n-3] + "/" + segs[n-2] + "/" + last + " (the machine is cut off without a clean shutdown)"
	case n >= 3 && (last == "rollback" || last == "revert") && strings.HasPrefix(strings.ToLower(segs[n-3]), "snapshot"):
		return "whose path rolls a machine back to snapshot " + segs[n-2] + " (what it wrote since is gone)"
	}
	return ""
}

// vmCollection reports whether a path segment names a collection of
// virtual machines (oVirt's vms, libvirt's domains).
func vmCollection(s string) bool {
	switch strings.ToLower(s) {
	case "vms", "vm", "domains", "virtualmachines", "virtual-machines", "qemu", "lxc":
		return true
	}
	return false
}
