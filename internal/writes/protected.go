package writes

import (
	"path"
	"strings"
)

// agentSettings are the files, relative to a directory, through which an
// agent is configured to call guard, or could be told not to, or runs
// code guard does not see: every agent reads them from the project and
// the home directory, and some from every directory between.
var agentSettings = []string{
	".claude/settings.json", ".claude/settings.local.json",
	".claude/hooks", // where hook scripts that settings name are kept
	".mcp.json",     // MCP servers Claude Code starts, outside guard
	".codex",        // the project's whole .codex: config.toml, hooks.json, rules
	".gemini/settings.json",
	".cursor/hooks.json", ".cursor/mcp.json",
	".aider.conf.yml",
}

// claudeDir are the files in Claude Code's configuration directory
// (~/.claude, or CLAUDE_CONFIG_DIR) that run code without guard seeing
// it, beyond the settings files: the shell snapshot and the scripts
// hooks leave in session-env, which Claude Code sources before every
// command in shell mode; the background-session service's files, which
// start sessions; and plugins, which carry hooks and MCP servers (hook
// scripts, .claude/hooks, are in agentSettings). Claude Code 2.1.328
// refuses its own file tools' writes to the first four for the same
// reason.
var claudeDir = []string{
	"shell-snapshots", "session-env", "daemon", "daemon.json", "plugins",
}

// homeClaude is claudeDir in ~/.claude, written out so that Protected,
// which runs for every command, joins no strings for it.
var homeClaude = []string{
	".claude/shell-snapshots", ".claude/session-env", ".claude/daemon", ".claude/daemon.json", ".claude/plugins",
}

// homeSettings are the agents' user-level files, relative to the home
// directory, beyond those in agentSettings and claudeDir.
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

// envDirNames are the environment variables that move an agent's
// configuration directory. The agent's environment sets them, so
// Protected adds what they name rather than replacing the defaults.
const envDirNames = "CLAUDE_CONFIG_DIR CODEX_HOME GEMINI_CLI_HOME"

// claudeEnvFiles are the files under CLAUDE_CONFIG_DIR.
var claudeEnvFiles = append([]string{"settings.json", "settings.local.json", ".claude.json", "hooks"}, claudeDir...)

// EnvDirs returns the files that hold hooks or run code under the
// directory the environment variable name (one of envDirNames) moves. It
// is a switch, not a map, so that no table is built when guard starts.
func EnvDirs(name string) []string {
	switch name {
	case "CLAUDE_CONFIG_DIR":
		return claudeEnvFiles
	case "CODEX_HOME":
		return []string{"config.toml", "hooks.json", "hooks", "rules"}
	case "GEMINI_CLI_HOME":
		return []string{".gemini/settings.json", ".gemini/trustedFolders.json"}
	}
	return nil
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
	out := make([]string, 0, 96)
	out = append(out, systemSettings...)
	h := ""
	if home != "" {
		h = path.Clean(home)
	}
	d := ""
	if dir != "" && path.IsAbs(dir) {
		d = path.Clean(dir)
	}
	out = appendJoined(out, h, d)
	// Only what the environment and the caller add can repeat a path
	// already there; the lists themselves cannot (the home is skipped
	// among the working directory's ancestors).
	addNew := func(p string) {
		p = path.Clean(p)
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	if getenv != nil {
		for name := range strings.FieldsSeq(envDirNames) {
			v := getenv(name)
			if !path.IsAbs(v) {
				continue
			}
			for _, p := range EnvDirs(name) {
				addNew(path.Join(v, p))
			}
		}
	}
	for _, e := range extra {
		if path.IsAbs(e) {
			addNew(e)
		}
	}
	return out
}

// appendJoined appends the user-level files under the clean home h and
// every agent's settings files in the clean absolute directory d and in
// each directory above it but the home (either may be empty), in that
// order. This runs for every command: the paths are written into one
// buffer and sliced from one string, two allocations instead of one a
// path, and joined without path.Join, which would clean them again.
func appendJoined(out []string, h, d string) []string {
	var buf []byte
	var ends []int
	join := func(dir string, names []string) {
		for _, p := range names {
			switch dir {
			case "/":
				buf = append(buf, '/')
			case ".":
			default:
				buf = append(buf, dir...)
				buf = append(buf, '/')
			}
			buf = append(buf, p...)
			ends = append(ends, len(buf))
		}
	}
	var endsBuf [64]int
	ends = endsBuf[:0]
	buf = make([]byte, 0, joinedSize(h, d))
	if h != "" {
		join(h, agentSettings)
		join(h, homeClaude)
		join(h, homeSettings)
	}
	if d != "" {
		for a := d; ; a = path.Dir(a) {
			if a != h {
				join(a, agentSettings)
			}
			if a == "/" {
				break
			}
		}
	}
	all := string(buf)
	start := 0
	for _, end := range ends {
		out = append(out, all[start:end])
		start = end
	}
	return out
}

// joinedSize is the length of everything appendJoined writes, so that its
// buffer is allocated once.
func joinedSize(h, d string) int {
	names := func(list []string) (n int) {
		for _, p := range list {
			n += len(p)
		}
		return n
	}
	settings := names(agentSettings)
	n := 0
	if h != "" {
		n += settings + names(homeClaude) + names(homeSettings) +
			(len(h)+1)*(len(agentSettings)+len(homeClaude)+len(homeSettings))
	}
	if d != "" {
		for a := d; ; a = path.Dir(a) {
			if a != h {
				n += settings + (len(a)+1)*len(agentSettings)
			}
			if a == "/" {
				break
			}
		}
	}
	return n
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
	switch path.Base(p) {
	case ".aider.conf.yml":
		return "aider's settings"
	case "shell-snapshots", "session-env":
		return "Claude Code's shell set-up, which runs before every command"
	case "daemon", "daemon.json":
		return "Claude Code's background-session service, which starts sessions"
	case "plugins":
		return "Claude Code's plugins, which carry hooks and MCP servers"
	case "hooks":
		if strings.HasSuffix(p, ".claude/hooks") {
			return "Claude Code's hook scripts"
		}
	case ".mcp.json", "mcp.json":
		return "an agent's MCP servers, which it starts outside guard"
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
	for name := range strings.FieldsSeq(envDirNames) {
		for _, f := range EnvDirs(name) {
			if strings.HasSuffix(p, "/"+f) {
				return "an agent's settings"
			}
		}
	}
	return "guard's own files"
}
