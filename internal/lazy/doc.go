// Package lazy holds values that are made the first time they are read.
//
// guard starts once for every command an agent runs, and most of its
// tables (a map of SQL keywords, a regular expression for one tool's
// output) serve only a few of those commands. A map literal or a
// sync.OnceValue declared at package level runs code in the package's
// init, on every start; a package-level Value is static data, so that
// declaring one costs nothing until Get is first called.
package lazy
