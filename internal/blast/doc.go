// Package blast works out what a command would destroy, from the real
// state of the disk and of the git repositories it touches: how many
// files and bytes a deletion takes, which of them git could bring back
// (clean tracked files) and which it could not (modified, staged and
// untracked ones), what a git command that discards work would discard,
// and which commits a force push would take from the remote.
//
// The answer is a [Radius]: counts, a one-line summary that every channel
// shows the same way ([Radius.Summary]), and what a checkpoint must keep
// to undo the command. A [Probe] computes radii for one decision, with
// limits on time and size, and caches what it read. When the state cannot
// be read (no git, a timeout, a repository git refuses), the probe says
// so, and the rules fall back to judging the command's text.
package blast
