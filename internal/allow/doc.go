// Package allow is guard allow's list of standing exceptions: a rule, or
// one command, that a person has allowed for themselves or for a directory
// and below, until a time or for good.
//
// The list lives in one small JSON file in guard's config directory, a
// path guard's self-protection keeps every command out of, and guard allow
// changes it only from a terminal. It is read only when a rule matched and
// an exception could matter, so the everyday path never opens it.
//
// A command is compared as guard parsed it (its assignments, argument
// words after quote removal and expansion, redirections and known stdin),
// never as text: spacing and quoting do not matter, and nothing the
// command adds around the allowed words can ride on the exception. An
// exception never lowers a rule of guard's self-protection (the self
// pack), nor a rule a system file locked.
package allow
