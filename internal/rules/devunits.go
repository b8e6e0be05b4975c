package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Stopping a service whose name puts it in development or test
// (myapp-dev.service) stops nothing anyone is served by; the names are
// read as secrets' are (devSecretName, secretscope.go).

// newNotDevUnits matches unless every service a systemctl, service,
// rc-service or sv command names is a development or test one by its name
// (myapp-dev.service, api-test): stopping a developer's own unit stops
// nothing anyone is served by. Units of remote login, or names with a
// production or lasting marker, always match, as does a name only known
// at run time or a pattern. Other programs always match.
func newNotDevUnits(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch inv.Name {
		case "systemctl", "service", "rc-service", "sv":
		default:
			return "", true
		}
		if inv.MoreArgs || keepMarker(inv, ctx) != "" {
			return "", true
		}
		units := 0
		for _, a := range inv.Args[1:] {
			s := a.Value
			switch {
			case a.Dynamic || a.Glob || strings.ContainsAny(s, "*?["):
				return "", true
			case strings.HasPrefix(s, "-"):
				continue
			}
			switch s {
			case "stop", "disable", "mask", "kill", "down", "remove":
				continue
			}
			if !devSecretName(s) || segments(s, func(_, seg string) bool { return seg == "ssh" || seg == "sshd" || seg == "openssh" }) {
				return "", true
			}
			units++
		}
		return "", units == 0
	}, nil
}
