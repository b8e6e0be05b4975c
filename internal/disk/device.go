package disk

import (
	"io/fs"
	"os"
)

// Kind is what a path names on the disk.
type Kind uint8

// The kinds of file a path can name.
const (
	// Missing means nothing is there, or it cannot be read.
	Missing Kind = iota
	// Regular is an ordinary file.
	Regular
	// Directory is a directory.
	Directory
	// BlockDevice is a disk, a partition or a volume.
	BlockDevice
	// CharDevice is a character device: a terminal, /dev/null, a tape.
	CharDevice
	// Other is a pipe, a socket or the like.
	Other
)

// KindOf returns what path names, following symbolic links, as a program
// that opens it would find it: a link in the project to /dev/sda is a
// block device. It only asks the file system for the file's mode.
func KindOf(path string) Kind {
	st, err := os.Stat(path)
	if err != nil {
		return Missing
	}
	m := st.Mode()
	switch {
	case m.IsRegular():
		return Regular
	case m.IsDir():
		return Directory
	case m&fs.ModeDevice != 0 && m&fs.ModeCharDevice != 0:
		return CharDevice
	case m&fs.ModeDevice != 0:
		return BlockDevice
	}
	return Other
}
