package install

import (
	"encoding/json"
	"path/filepath"
	"strings"

	cmdparse "github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/program"
)

// OwnsHook returns a test for guard's own hook handlers for agent: a
// command that runs a guard binary (by name, or the file self) with
// "hook AGENT", whatever path or version it names. home is the home
// directory a ~ in the command stands for.
func OwnsHook(agent, home, self string) func(string) bool {
	return func(cmd string) bool {
		for _, inv := range cmdparse.Command(cmd, cmdparse.Options{Home: home}) {
			argv := inv.Argv()
			if len(argv) >= 3 && argv[1] == "hook" && argv[2] == agent && IsGuardName(argv[0], self) {
				return true
			}
		}
		return false
	}
}

// IsGuardName reports whether p names a guard binary: its name starts
// with guard, or it is the file self.
func IsGuardName(p, self string) bool {
	return strings.HasPrefix(filepath.Base(p), "guard") || (self != "" && program.SameFile(p, self))
}

// CodexPlace finds guard's handler in Codex's hooks.json, ours telling
// guard's commands apart: its group and handler index, and what Codex
// hashes of it.
func CodexPlace(data []byte, ours func(string) bool) (group, handler int, h CodexHandler, ok bool) {
	var file struct {
		Hooks map[string][]struct {
			Matcher *string `json:"matcher"`
			Hooks   []struct {
				Type          string `json:"type"`
				Command       string `json:"command"`
				Timeout       int    `json:"timeout"`
				Async         bool   `json:"async"`
				StatusMessage string `json:"statusMessage"`
			} `json:"hooks"`
		} `json:"hooks"`
	}
	if json.Unmarshal(data, &file) != nil {
		return 0, 0, CodexHandler{}, false
	}
	for gi, grp := range file.Hooks["PreToolUse"] {
		for hi, hd := range grp.Hooks {
			if hd.Type == "command" && ours(hd.Command) {
				m := ""
				if grp.Matcher != nil {
					m = *grp.Matcher
				}
				return gi, hi, CodexHandler{Event: "PreToolUse", Matcher: m, Command: hd.Command, Timeout: hd.Timeout,
					Async: hd.Async, StatusMessage: hd.StatusMessage}, true
			}
		}
	}
	return 0, 0, CodexHandler{}, false
}
