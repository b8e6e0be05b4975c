package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// clDestroys are IBM i CL commands that destroy or take the system down
// beyond the DLT and CLR families: a member removed, the system powered
// down or ended, subsystems ended, tapes and diskettes initialised over
// what they hold.
const clDestroys = "RMVM PWRDWNSYS ENDSYS ENDSBS INZTAP INZDKT INZOPT RCLSTG"

// newCLCommand matches IBM i's system running a CL command
// that deletes, empties or ends: DLTLIB, CLRPFM, PWRDWNSYS.
func newCLCommand(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, a := range inv.Args[1:] {
			if a.Dynamic || strings.HasPrefix(a.Value, "-") {
				continue
			}
			name := clName(a.Value)
			if strings.HasPrefix(name, "DLT") || strings.HasPrefix(name, "CLR") || wordlist.Has(clDestroys, name) {
				return "the CL command " + name + " (" + clipText(strings.TrimSpace(a.Value), 60) + ")", true
			}
			return "", false
		}
		return "", false
	}, nil
}

// clName returns a CL command's name, upper case and without its library
// (QSYS/DLTLIB is DLTLIB).
func clName(text string) string {
	text = strings.TrimSpace(text)
	if i := strings.IndexAny(text, " (\t"); i >= 0 {
		text = text[:i]
	}
	if i := strings.LastIndexByte(text, '/'); i >= 0 {
		text = text[i+1:]
	}
	return strings.ToUpper(text)
}
