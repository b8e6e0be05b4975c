package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A developer's desktop keeps its settings and services in stores that a
// command changes one entry at a time or all at once: launchd's user
// agents and the system's daemons, a macOS preferences domain and one of
// its keys, a registry value under the current user and the machine's
// hives. One entry of the user's own is everyday; the system's, or a
// whole domain, asks.

// launchctlStops are launchctl's subcommands that stop, unload or disable
// a service.
const launchctlStops = "bootout unload remove stop disable kill"

// newLaunchctlSystem matches a launchctl command that stops, unloads or
// disables something other than the user's own agents: a service in the
// system domain, a daemon's plist, a whole domain (bootout gui/501 logs
// the user out), Apple's own agents, a label alone (with sudo it is the
// system's), or a target only known at run time. The user's agents, by
// their domain (gui/501/homebrew.mxcl.redis, user/$UID/com.me.sync) or
// their plist under ~/Library/LaunchAgents, pass.
func newLaunchctlSystem(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Name != "launchctl" || len(inv.Args) < 2 || !wordlist.Has(launchctlStops, inv.Args[1].Value) {
			return "", false
		}
		if inv.MoreArgs {
			return "", true
		}
		targets := 0
		for _, a := range inv.Args[2:] {
			s := a.Value
			if strings.HasPrefix(s, "-") && !a.Dynamic {
				continue
			}
			targets++
			if !launchctlUserTarget(s, ctx) {
				return "launchctl " + inv.Args[1].Value + " " + s + " reaches beyond the user's own agents", true
			}
		}
		return "", targets == 0
	}, nil
}

// launchctlUserTarget reports whether a launchctl operand names one of the
// user's own agents: gui/UID/LABEL or user/UID/LABEL (the UID may be $UID
// or $(id -u)), or a plist under ~/Library/LaunchAgents, not Apple's.
func launchctlUserTarget(s string, ctx *Context) bool {
	if strings.HasSuffix(s, ".plist") {
		agents := path.Join(ctx.shellHome(), "Library/LaunchAgents") + "/"
		if !strings.HasPrefix(path.Clean(s), agents) || strings.ContainsAny(s, "$`*?") {
			return false
		}
		return !strings.HasPrefix(path.Base(s), "com.apple.")
	}
	domain, rest, ok := strings.Cut(s, "/")
	if !ok || domain != "gui" && domain != "user" {
		return false
	}
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return false
	}
	label := rest[i+1:]
	return label != "" && !strings.ContainsAny(label, "$`*?") && !strings.HasPrefix(label, "com.apple.")
}

// newSettingsDelete matches a deletion from a settings store that takes
// more than one entry: defaults delete of a whole domain (defaults delete
// com.apple.dock, defaults delete -g) rather than one key, and reg delete
// of a key, of every value (/va), or of anything outside the current
// user's hive (HKLM, HKCR, HKU, a remote machine's), and reg restore,
// which writes a saved hive over a key. One key of a domain and one value
// under HKCU pass.
func newSettingsDelete(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		at := 1
		for at < len(inv.Args) && (inv.Args[at].Value == "-currentHost" || inv.Args[at].Value == "-host") {
			// defaults -currentHost delete, defaults -host NAME delete.
			if inv.Args[at].Value == "-host" {
				at++
			}
			at++
		}
		if at >= len(inv.Args) {
			return "", false
		}
		tool := strings.TrimSuffix(strings.ToLower(inv.Name), ".exe")
		if tool == "reg" && strings.EqualFold(inv.Args[at].Value, "restore") {
			return "reg restore writes a saved hive over the key and everything under it", true
		}
		if !strings.EqualFold(inv.Args[at].Value, "delete") {
			return "", false
		}
		if inv.MoreArgs {
			return "", true
		}
		switch tool {
		case "defaults":
			return defaultsWhole(inv.Args[at+1:])
		case "reg":
			return regWide(inv.Args[at+1:])
		}
		return "", false
	}, nil
}

// defaultsWhole reports whether defaults delete's operands name a domain
// without a key.
func defaultsWhole(args []parse.Word) (string, bool) {
	var ops []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch s := a.Value; {
		case a.Dynamic:
			return "", true
		case s == "-g" || s == "-globalDomain" || s == "NSGlobalDomain":
			ops = append(ops, "the global domain")
		case s == "-app" && i+1 < len(args):
			i++
			ops = append(ops, args[i].Value)
		case s == "-host" && i+1 < len(args):
			i++
		case strings.HasPrefix(s, "-"):
		default:
			ops = append(ops, s)
		}
	}
	if len(ops) >= 2 {
		return "", false
	}
	if len(ops) == 0 {
		return "defaults delete with no domain", true
	}
	return "defaults delete removes every setting of " + ops[0], true
}

// regWide reports whether reg delete's operands reach past one value in
// the current user's hive.
func regWide(args []parse.Word) (string, bool) {
	key, value := "", false
	for _, a := range args {
		s := strings.ToLower(a.Value)
		switch {
		case a.Dynamic:
			return "", true
		case s == "/va":
			return "reg delete /va removes every value of the key", true
		case s == "/v":
			value = true
		case strings.HasPrefix(s, "/"):
		case key == "":
			key = s
		}
	}
	if !strings.HasPrefix(key, "hkcu") && !strings.HasPrefix(key, "hkey_current_user") {
		return "reg delete " + key + " changes the machine's registry, not the user's", true
	}
	if !value {
		return "reg delete removes the key " + key + " and everything under it", true
	}
	return "", false
}

// appCaches are caches kept per application under the home directory: a
// Flatpak app's (~/.var/app/ID/cache), a snap's (~/snap/NAME/common/.cache)
// and a sandboxed Mac app's (~/Library/Containers/ID/Data/Library/Caches).
// The application's own data beside them is not a cache.
var appCaches = [...]struct{ dir, sub string }{
	{".var/app/", "cache"},
	{"snap/", "common/.cache"},
	{"Library/Containers/", "Data/Library/Caches"},
}

// appCache reports whether a path relative to the home directory is in
// one application's cache.
func appCache(rel string) bool {
	for _, c := range appCaches {
		rest, ok := strings.CutPrefix(rel, c.dir)
		if !ok {
			continue
		}
		id, inner, ok := strings.Cut(rest, "/")
		if ok && id != "" && id != "." && id != ".." && !strings.ContainsAny(id, "*?[") && atOrUnder(inner, c.sub) {
			return true
		}
	}
	return false
}
