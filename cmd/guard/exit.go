package main

// Exit statuses. This table is the only place they are defined; the README
// repeats it and a test keeps the two in agreement. In shell and exec mode
// an allowed command's own status passes through unchanged.
const (
	exitOK       = 0  // allowed, or the subcommand succeeded
	exitFindings = 1  // audit --fail-on found something; log --verify or rules test failed; undo found changes since the checkpoint
	exitConfirm  = 3  // guard check: the command needs a person's confirmation
	exitUsage    = 64 // usage error, unreadable input or a config error that stops the subcommand
	exitInternal = 70 // internal failure: a bug or an unexpected system error
	exitBlocked  = 77 // blocked: denied by a rule, or nobody confirmed it; the command did not run
)

// exitTable describes each status for help texts and the README test.
var exitTable = []struct {
	Code    int
	Meaning string
}{
	{exitOK, "allowed; the subcommand succeeded (shell and exec mode: the command's own status)"},
	{exitFindings, "audit --fail-on found findings; log --verify, rules test or doctor found a problem; undo found files changed since the checkpoint"},
	{exitConfirm, "guard check: the command needs a person's confirmation"},
	{exitUsage, "usage error, unreadable input, or a config error that stops the subcommand"},
	{exitInternal, "internal failure"},
	{exitBlocked, "blocked: denied by a rule, or nobody confirmed it; the command did not run"},
}
