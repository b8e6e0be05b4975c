// Package safefile reads files that the agent guard is checking can
// write: configuration files, a BASH_ENV script, history and transcripts.
// Such a file may be a FIFO that never delivers a byte, a device such as
// /dev/zero that never ends, a symbolic link to one, or simply huge. Each
// of these would hang or slow every guard process, and a hook that hangs
// lets the agent's command run.
//
// Open accepts only a regular file (a symbolic link is followed, and its
// final target must be one) and never blocks in open(2); Read also caps
// the size and gives up after a deadline.
package safefile
