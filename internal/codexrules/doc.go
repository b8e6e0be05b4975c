// Package codexrules writes the part of guard's rule set that a command
// prefix can express as Codex execpolicy rules, the file guard export
// codex prints and guard install codex writes to ~/.codex/rules.
//
// A Codex prefix_rule matches a command whose first argv words are its
// pattern's. A rule that names programs and subcommands becomes those
// prefixes; a rule that needs more (paths, options anywhere, SQL) is
// written as the plain-argv examples guard itself flags, or left out, so
// Codex's own prompt asks before such commands even where guard's hook
// does not run. The output is deterministic: the same rule set gives the
// same bytes.
package codexrules
