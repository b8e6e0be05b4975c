package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// The commands of network devices' operating systems (packs/network.toml):
// Cisco IOS and NX-OS, Arista EOS, Juniper Junos. Their words may be
// abbreviated to any prefix the device can tell apart (wr er, conf t), and
// Cisco's own options are words that start with a slash (delete /force).

// netWords returns an invocation's own operands in lower case, without
// its name, or nil if one of them is only known at run time.
func netWords(inv *parse.Invocation) []string {
	own := inv.Own()
	if len(own) < 2 {
		return nil
	}
	words := make([]string, 0, len(own)-1)
	for _, a := range own[1:] {
		if a.Dynamic {
			return nil
		}
		words = append(words, strings.ToLower(a.Value))
	}
	return words
}

// abbrevOf reports whether w is word or a prefix of it at least min
// bytes long, as a device's command line reads an abbreviation.
func abbrevOf(w, word string, min int) bool {
	return len(w) >= min && strings.HasPrefix(word, w)
}

// netOperands drops Cisco's slash options (/force, /recursive, /all).
func netOperands(words []string) []string {
	var out []string
	for _, w := range words {
		if !strings.HasPrefix(w, "/") || strings.Contains(w[1:], "/") {
			out = append(out, w)
		}
	}
	return out
}

// newNetErase matches the commands that erase a device's saved
// configuration or storage: write erase (wr er), erase startup-config,
// erase nvram:, format flash:, delete flash:FILE, and Junos's delete of a
// configuration hierarchy.
func newNetErase(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		words := netWords(inv)
		if len(words) == 0 {
			return "", false
		}
		switch inv.Name {
		case "write", "wr":
			if abbrevOf(words[0], "erase", 2) {
				return "write erase deletes the saved configuration", true
			}
		case "erase":
			return "erase " + strings.Join(words, " ") + " erases the device's storage", true
		case "format":
			for _, w := range netOperands(words) {
				if strings.HasSuffix(w, ":") || strings.Contains(w, ":") && !strings.Contains(w, "://") {
					return "format " + w + " erases a file system", true
				}
			}
		case "delete":
			ops := netOperands(words)
			if len(ops) == 0 || ops[0] == "from" {
				// SQL's DELETE FROM, typed into a console, is the SQL rules'.
				return "", false
			}
			if strings.Contains(ops[0], ":") {
				return "delete " + ops[0] + " deletes a file from the device's storage", true
			}
			return "delete " + strings.Join(ops, " ") + " removes that part of the configuration", true
		}
		return "", false
	}, nil
}

// newNetReload matches a device restarted, halted or wiped: reload (but
// reload cancel), and Junos's request system reboot, halt, power-off,
// zeroize, a software rollback or delete, a routing-engine switchover.
func newNetReload(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		own := inv.Own()
		if inv.Name == "reload" {
			if len(own) > 1 && !own[1].Dynamic && abbrevOf(strings.ToLower(own[1].Value), "cancel", 3) {
				return "", false
			}
			return "reload restarts the device", true
		}
		words := netWords(inv)
		if len(words) < 2 {
			return "", false
		}
		switch {
		case abbrevOf(words[0], "system", 2):
			switch w := words[1]; {
			case abbrevOf(w, "reboot", 3), abbrevOf(w, "halt", 2), abbrevOf(w, "power-off", 5), abbrevOf(w, "power-cycle", 7):
				return "request system " + w + " stops the device", true
			case abbrevOf(w, "zeroize", 3):
				return "request system zeroize wipes the device to its factory state", true
			case abbrevOf(w, "software", 4) && len(words) > 2 && (abbrevOf(words[2], "rollback", 4) || abbrevOf(words[2], "delete", 3)):
				return "request system software " + words[2] + " changes the software the device runs", true
			}
		case abbrevOf(words[0], "chassis", 2) && len(words) > 3 && words[1] == "routing-engine" && words[2] == "master" && words[3] == "switch":
			return "request chassis routing-engine master switch fails the device over", true
		}
		return "", false
	}, nil
}

// newNetClear matches routing sessions or routes reset all at once:
// clear ip bgp *, clear bgp all, Junos's clear bgp neighbor with no peer,
// clear ip ospf process, clear ip route *. A soft reset passes.
func newNetClear(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		words := netWords(inv)
		if len(words) == 0 {
			return "", false
		}
		all, proto := false, ""
		for i, w := range words {
			switch w {
			case "soft":
				return "", false
			case "*", "all":
				all = true
			case "bgp", "isis", "eigrp", "rip":
				if proto == "" {
					proto = w
				}
				if w == "bgp" && i+2 == len(words) && words[i+1] == "neighbor" {
					// Junos: clear bgp neighbor, every peer.
					all = true
				}
			case "ospf", "ospfv3":
				proto = w
			case "process":
				if proto == "ospf" || proto == "ospfv3" {
					all = true
				}
			case "route", "routes":
				if proto == "" {
					proto = "route"
				}
			}
		}
		if proto == "" || !all {
			return "", false
		}
		return "clear " + strings.Join(words, " ") + " resets every " + proto + " session or route of the device", true
	}, nil
}

// newNetReplace matches a device's configuration replaced whole:
// configure replace FILE, Junos's load override or load replace, a
// rollback to an older commit, a file copied over the startup
// configuration.
func newNetReplace(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		words := netOperands(netWords(inv))
		if len(words) == 0 {
			return "", false
		}
		switch inv.Name {
		case "configure":
			if abbrevOf(words[0], "replace", 3) && len(words) > 1 {
				return "configure replace " + words[1] + " replaces the running configuration", true
			}
		case "load":
			if abbrevOf(words[0], "override", 4) || abbrevOf(words[0], "replace", 3) {
				return "load " + words[0] + " replaces the candidate configuration", true
			}
		case "rollback":
			if n, err := strconv.Atoi(words[0]); err == nil && n > 0 {
				return "rollback " + words[0] + " goes back to an older configuration", true
			}
		case "copy":
			if len(words) < 2 {
				return "", false
			}
			src, dst := words[0], words[len(words)-1]
			startup := func(w string) bool {
				w = strings.TrimPrefix(w, "nvram:")
				return abbrevOf(w, "startup-config", 5)
			}
			running := func(w string) bool {
				w = strings.TrimPrefix(w, "system:")
				return abbrevOf(w, "running-config", 3)
			}
			if startup(dst) && !running(src) && !startup(src) {
				return "copy " + src + " over the startup configuration replaces it", true
			}
		}
		return "", false
	}, nil
}
