// Package checkpoint keeps what a command is about to destroy, so that a
// person who approved it can take it back with guard undo.
//
// A checkpoint is taken just before a command that a rule flagged as
// destroying files or git work runs. It keeps:
//
//   - files and directories the command deletes, as hard links (what
//     cp -al makes: no data is copied), or as copies when the store is on
//     another file system or the command overwrites files in place;
//   - uncommitted changes to tracked files, as a commit made the way git
//     stash create makes one (work tree and index), without touching the
//     work tree or the index, kept alive by a ref under
//     refs/guard/checkpoints/ so that git gc keeps it;
//   - the old object ids of refs the command deletes or moves (branches,
//     stash entries, remote-tracking refs), kept alive the same way.
//
// A hard link shares its data with the original file: a later write into
// the original file in place (a shell redirection with >, an editor that
// does not replace the file) changes the checkpoint's copy too. Deleting or
// replacing the original does not, which is what the commands guard
// checkpoints do.
//
// Checkpoints live in guard's state directory (mode 0700), one directory
// each, and are removed after a maximum age, or oldest first when the
// store holds more than a maximum size.
package checkpoint
