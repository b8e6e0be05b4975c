// Package doctor holds the checks behind guard doctor: whether guard is
// wired into each agent and will stop what it should.
//
// A check reads the live set-up, not only guard's entry in a file: the
// agents' settings in the user's and the project's scope (following
// CLAUDE_CONFIG_DIR, CODEX_HOME and GEMINI_CLI_HOME), whether each
// registration runs this guard and fails closed where the agent can, the
// agents' own switches that turn hooks off or leave them untrusted (Codex's
// hook trust and [features], Gemini CLI's hooksConfig and folder trust,
// Claude Code's disableAllHooks and managed settings), every shell route,
// guard's shims, the approver, the state directory and the decision log.
//
// Run returns the checks in report order; guard doctor prints them and
// sets its exit status. What only the guard binary knows (its own path,
// its configuration, guard log --verify) comes in an Env, so that this
// package needs nothing from cmd/guard; shims and programs on PATH are
// found with package program, as guard shim finds them. Its package-level
// values are static data: it costs nothing until guard doctor runs.
package doctor
