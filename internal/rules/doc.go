// Package rules decides what to do about the programs a command would run.
//
// Rules are data: TOML files, one per pack, embedded in the binary, plus
// the files a person or an administrator writes. A rule names programs and
// subcommands and tests flags, arguments, path classes (the filesystem root,
// home, system directories, outside the working directory, ...),
// redirections and the problems the parser reports; predicates that need
// real logic, such as SQL statements, HTTP requests and git refspecs, are
// small named matchers written in Go. Every rule carries a reason for a
// person, a hint, and examples that must and must not match, which the
// tests run.
//
// A [Set] holds the effective rules. [Set.Check] parses a command and
// returns a [Decision]: allow, confirm or deny, the strictest finding
// winning, with every finding that led to it.
package rules
