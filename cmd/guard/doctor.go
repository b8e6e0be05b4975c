package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/doctor"
)

func runDoctor(g *guard, args []string) int {
	fs := newFlags("doctor")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard doctor [--json]

Checks guard's set-up and says how to fix each problem:
  - which agents guard is registered with, where (user and project
    settings, following CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME),
    whether each registration runs this guard binary and fails closed
    where the agent can, and the agent's installed version
  - the agents' own switches: Codex's hook trust and [features], Gemini
    CLI's hooksConfig, Claude Code's disableAllHooks (also in the
    project's settings), allowManagedHooksOnly and
    strictPluginOnlyCustomization in managed settings, and
    CLAUDE_CODE_SIMPLE or CLAUDE_CODE_SAFE_MODE in the environment,
    Gemini CLI's folder trust for the current folder
  - every shell route: CLAUDE_CODE_SHELL, CLAUDE_CODE_SHELL_PREFIX, the
    login shell, each link resolved
  - when each front door was last called, from the decision log
  - whether the config files parse
  - guard's shims: where they point, whether their directory is on PATH
  - whether the approver (guard approve) is reachable
  - whether the decision log verifies (guard log --verify)

~ is your home directory from the password database: $HOME is ignored.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard doctor
  guard doctor --json

Exit status: 0 no problems, 1 problems found (each with its fix; anything
that leaves an agent unguarded is a problem), 64 usage error.
`)
	}
	jsonOut := fs.Bool("json", false, "print the checks as JSON")
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() > 0 {
		return g.usageError(fs, "doctor takes no arguments, not %q", fs.Arg(0))
	}
	env := doctor.Env{
		Self:         executable(),
		Version:      Version(),
		Dir:          workDir(),
		HardenedFile: hardenedFile,
		Home:         homeDir,
		Config: func(dir string) (*config.Config, error) {
			// The config checks report its problems: keep them off stderr.
			var cfgOut bytes.Buffer
			stderr := g.stderr
			g.stderr = &cfgOut
			defer func() { g.stderr = stderr }()
			return g.config(dir)
		},
		Hardened: g.hardened,
	}
	if sc, ok := findSubcommand("log"); ok {
		env.VerifyLog = func() (int, string) {
			var out bytes.Buffer
			lg := &guard{stdin: strings.NewReader(""), stdout: &out, stderr: &out, argv0: g.argv0}
			return sc.run(lg, []string{"--verify"}), out.String()
		}
	}
	return g.doctorReport(doctor.Run(env), *jsonOut)
}

// doctorReport prints the checks, as text or as JSON, and returns
// doctor's exit status.
func (g *guard) doctorReport(checks []doctor.Check, jsonOut bool) int {
	problems := 0
	for _, c := range checks {
		if c.Level == doctor.Problem {
			problems++
		}
	}
	status := exitOK
	if problems > 0 {
		status = exitFindings
	}
	if jsonOut {
		if checks == nil {
			checks = []doctor.Check{}
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			OK       bool           `json:"ok"`
			Problems int            `json:"problems"`
			Checks   []doctor.Check `json:"checks"`
		}{problems == 0, problems, checks})
		return status
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	for _, c := range checks {
		msg := c.Message
		if c.Fix != "" {
			msg += "; fix: " + c.Fix
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Level, c.What, c.Where, msg)
	}
	tw.Flush()
	if problems > 0 {
		fmt.Fprintf(g.stdout, "%d problem(s) found\n", problems)
	} else {
		fmt.Fprintln(g.stdout, "no problems found")
	}
	return status
}
