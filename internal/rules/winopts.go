package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// windowsConsole are Windows' own console programs, which write their
// options with a slash (net user bob /delete, schtasks /delete, robocopy
// /purge). On another program a word such as /delete is a path.
var windowsConsole = [...]string{"net", "net1", "schtasks", "sc", "reg", "wmic", "netsh", "bcdedit",
	"vssadmin", "wbadmin", "robocopy", "cmdkey", "certutil", "wevtutil", "dism", "msiexec", "fsutil",
	"manage-bde", "auditpol", "setx", "bitsadmin", "pnputil", "diskshadow", "ntdsutil", "dfsutil"}

// slashOptionVerb looks, in a Windows console program, for an option
// written with a slash whose name says it destroys: /delete, /purge,
// /remove-all, and robocopy's /mir, which deletes what the source lacks.
func (m *verbModel) slashOptionVerb(name string, inv *parse.Invocation) (string, bool) {
	base := strings.TrimSuffix(name, ".exe")
	known := false
	for _, w := range windowsConsole {
		if base == w {
			known = true
			break
		}
	}
	if !known {
		return "", false
	}
	for _, a := range inv.Args[1:] {
		if a.Dynamic || len(a.Value) < 3 || a.Value[0] != '/' {
			continue
		}
		bare, _, _ := strings.Cut(strings.ToLower(a.Value[1:]), ":")
		if strings.IndexByte(bare, '/') >= 0 {
			continue // a path: /usr/bin
		}
		if bare == "mir" && base == "robocopy" || m.has(listDestroy, bare) && !m.has(listBenign, bare) ||
			m.option(listOptions, bare) && !m.option(listBenignOptions, bare) {
			return fmt.Sprintf("the option %s says %s", a.Value, bare), true
		}
	}
	return "", false
}
