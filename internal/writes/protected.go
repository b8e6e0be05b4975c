package writes

import (
	"path"
	"strings"
)

// agentSettings are the files, relative to a directory, through which an
// agent is configured to call guard, or could be told not to: every agent
// reads them from the project and the home directory, and some from every
// directory between.
var agentSettings = []string{
	".claude/settings.json", ".claude/settings.local.json",
	".codex", // the project's whole .codex: config.toml, hooks.json, rules
	".gemini/settings.json",
	".cursor/hooks.json",
	".aider.conf.yml",
}

// homeSettings are the agents' user-level files, relative to the home
// directory, beyond those in agentSettings.
var homeSettings = []string{
	".claude.json",
	".codex/config.toml", ".codex/hooks.json", ".codex/hooks", ".codex/rules",
	".gemini/trustedFolders.json",
	".config/guard", ".local/state/guard",
}

// systemSettings are system-wide files of guard and of the agents.
var systemSettings = []string{
	"/etc/guard",
	"/etc/claude-code",
	"/etc/codex",
	"/etc/gemini-cli",
	"/etc/cursor",
	"/Library/Application Support/ClaudeCode",
}

// EnvDirs are the environment variables that move an agent's
// configuration directory, with the files under each that hold hooks.
// The agent's environment sets them, so Protected adds what they name
// rather than replacing the defaults.
var EnvDirs = map[string][]string{
	"CLAUDE_CONFIG_DIR": {"settings.json", "settings.local.json", ".claude.json"},
	"CODEX_HOME":        {"config.toml", "hooks.json", "hooks", "rules"},
	"GEMINI_CLI_HOME":   {".gemini/settings.json", ".gemini/trustedFolders.json"},
}

// Protected lists guard's own files and every agent's hook settings for a
// user with the given home, working in dir (which may be empty): the
// system-wide files, the user-level ones, those in dir and in every
// directory above it, those under the directories named by the agent
// environment variables getenv returns (nil for none), and extra paths
// such as guard's own executable, its state and runtime directories.
// Every path is absolute and clean.
//
// The project's files are taken from every ancestor of dir, not only from
// the repository root, so that a .git made in a subdirectory does not
// move what is protected.
func Protected(home, dir string, getenv func(string) string, extra ...string) []string {
	out := make([]string, 0, 64)
	seen := make(map[string]bool, 64)
	addClean := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	add := func(p string) { addClean(path.Clean(p)) }
	// under joins a clean directory and one of the clean relative names
	// above without path.Join, which would clean the result again: this
	// runs for every command, for each directory up to the root.
	under := func(d, p string) string {
		switch d {
		case "/":
			return "/" + p
		case ".":
			return p
		}
		return d + "/" + p
	}
	for _, p := range systemSettings {
		add(p)
	}
	if home != "" {
		h := path.Clean(home)
		for _, p := range agentSettings {
			addClean(under(h, p))
		}
		for _, p := range homeSettings {
			addClean(under(h, p))
		}
	}
	if dir != "" && path.IsAbs(dir) {
		for d := path.Clean(dir); ; d = path.Dir(d) {
			for _, p := range agentSettings {
				addClean(under(d, p))
			}
			if d == "/" {
				break
			}
		}
	}
	if getenv != nil {
		for _, name := range []string{"CLAUDE_CONFIG_DIR", "CODEX_HOME", "GEMINI_CLI_HOME"} {
			v := getenv(name)
			if !path.IsAbs(v) {
				continue
			}
			for _, p := range EnvDirs[name] {
				add(path.Join(v, p))
			}
		}
	}
	for _, e := range extra {
		if path.IsAbs(e) {
			add(e)
		}
	}
	return out
}

// projectSetting reports whether p is an agent's settings file in a
// directory other than the home directory: a project's own, which an
// archive unpacked in the project might carry.
func projectSetting(p, home string) (root string, ok bool) {
	for _, s := range agentSettings {
		if d, found := strings.CutSuffix(p, "/"+s); found && d != home && d != "" {
			return d, true
		}
	}
	return "", false
}

// Describe says what a protected path is, for messages.
func Describe(p string) string {
	if strings.HasSuffix(p, ".aider.conf.yml") {
		return "aider's settings"
	}
	for _, list := range [][]string{agentSettings, homeSettings, systemSettings} {
		for _, s := range list {
			if strings.Contains(s, "guard") {
				continue
			}
			if strings.HasSuffix(p, "/"+strings.TrimPrefix(s, "/")) {
				return "an agent's settings"
			}
		}
	}
	for _, files := range EnvDirs {
		for _, f := range files {
			if strings.HasSuffix(p, "/"+f) {
				return "an agent's settings"
			}
		}
	}
	return "guard's own files"
}
