// Package writes models what a command writes: for each program it knows,
// which operands and options name files it creates, changes, moves or
// removes, which name a directory that receives each source under its own
// base name, and which name a tree that receives content guard cannot see
// (an archive, a directory on disk). Redirections, interpreter code
// (open(..., "w"), fs.unlinkSync, File.write, perl's open('>...')) and
// the links a command makes are targets too.
//
// The model serves guard's self-protection: Lands tells whether a target
// can land on or above one of the protected paths, guard's own files and
// every agent's hook settings, which Protected lists. Both work on the
// command's words alone, without the disk, since the agent controls the
// disk: a glob or a word only known at run time is matched against the
// protected paths as a pattern.
package writes
