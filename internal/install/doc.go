// Package install registers guard in coding agents' settings files and
// takes it out again.
//
// Every change is a merge done on the file's text: guard reads the file,
// changes only the bytes of its own entry, keeps every other key, hook,
// comment and the layout they were written in byte for byte, and writes
// the result atomically after saving a backup. Running an install twice
// changes nothing the second time; uninstalling removes exactly what
// install added, so the file comes back as it was.
//
// Prepare works out what guard install or uninstall changes for one agent
// (its settings file, Claude Code's shell route, the Codex rules file,
// aider's rc block) and writes nothing; Plan.Apply writes the changes, or
// shows them as diffs for a dry run, and keeps the Manifest of the files
// and directories install created, so that uninstall removes exactly
// those. What only the guard binary knows (its path, its configuration,
// its messages) comes in the Options. Its package-level values are static
// data: nothing is computed at start-up.
package install
