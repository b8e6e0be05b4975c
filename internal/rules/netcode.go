package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Network automation libraries change a device's configuration in two
// steps: load a candidate, then commit it. Loaded in replace mode, the
// candidate becomes the whole configuration, and whatever it leaves out
// (interfaces, routing, the management access itself) is deleted on
// commit: NAPALM's load_replace_candidate then commit_config, PyEZ's
// Config(dev).load(..., overwrite=True) then commit(), scrapli-cfg's
// load_config(..., replace=True) then commit_config(). NETCONF's
// edit_config with default_operation 'replace' on the running datastore
// replaces it at once. A merge (load_merge_candidate), a candidate only
// compared (compare_config, diff) or discarded, and a commit with no
// replace pass.

// replaceLoads are the calls that load a candidate that replaces the
// whole configuration, whatever their arguments.
const replaceLoads = "load_replace_candidate loadreplacecandidate replace_config"

// switchedLoads are the loads that replace when a switch says so.
const switchedLoads = "load load_config load_candidate load_configuration"

// replaceSwitches are the switches that make such a load replace.
const replaceSwitches = "overwrite replace"

// commitCalls are the calls that apply a loaded candidate.
const commitCalls = "commit_config commit commitconfig commit_configuration"

// newCodeConfigReplace matches code that loads a device configuration in
// replace mode and commits it, or replaces the running datastore.
func newCodeConfigReplace(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil {
			return "", false
		}
		load, commit := "", ""
		for _, c := range inv.Code.Calls() {
			if c.Receiver == "" || c.Root == "" {
				continue
			}
			name := strings.ToLower(c.Name)
			switch {
			case wordlist.Has(replaceLoads, name):
				load = callText(c)
			case wordlist.Has(switchedLoads, name) && hasSwitch(c, replaceSwitches):
				load = callText(c) + " in replace mode"
			case name == "edit_config" && slicesHasFold(c.Args, "replace") && slicesHasFold(c.Args, "running"):
				return "the " + inv.Code.Lang + " code calls " + callText(c) + " with default_operation 'replace' on the running configuration of a device from " + c.Root, true
			case wordlist.Has(commitCalls, name) && load != "":
				commit = callText(c)
			}
			if load != "" && commit != "" {
				return "the " + inv.Code.Lang + " code loads a configuration that replaces the whole one (" + load + ") and commits it (" + commit + ") on a device from " + c.Root, true
			}
		}
		return "", false
	}, nil
}

// hasSwitch reports whether a call sets one of the switches to true.
func hasSwitch(c parse.CodeCall, switches string) bool {
	for _, sw := range c.Switches {
		if wordlist.Has(switches, sw) {
			return true
		}
	}
	return false
}

// slicesHasFold reports whether list holds s, ignoring case.
func slicesHasFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
