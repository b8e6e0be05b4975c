// Package disk looks at the file system the way a command would find it:
// it expands glob patterns as bash does, and counts what a directory tree
// holds, within limits of time and size so that guard stays fast whatever
// the agent left on the disk.
//
// Nothing here follows a symbolic link out of the tree it was asked about,
// writes anything, or opens anything but directories for reading.
package disk
