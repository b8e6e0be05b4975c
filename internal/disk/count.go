package disk

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Usage is what a set of paths holds on disk.
type Usage struct {
	// Files counts everything that is not a directory: regular files,
	// links, sockets, ...
	Files int64
	// Dirs counts directories, the roots included.
	Dirs int64
	// Bytes is the apparent size of the files.
	Bytes int64
	// Truncated reports that the count stopped at the limit: the paths
	// hold at least this much.
	Truncated bool
	// Repos are the directories found holding a .git: repositories whose
	// history goes with them. Their content is not counted.
	Repos []string
}

// Add adds u2 to u.
func (u *Usage) Add(u2 Usage) {
	u.Files += u2.Files
	u.Dirs += u2.Dirs
	u.Bytes += u2.Bytes
	u.Truncated = u.Truncated || u2.Truncated
	u.Repos = append(u.Repos, u2.Repos...)
}

// Count walks each root and counts what it holds, without following
// symbolic links: a link counts as one file, as rm -r sees it. Roots that
// do not exist count nothing. The walk stops after lim.Entries entries or
// lim.Time, and says so in Truncated.
func Count(roots []string, lim Limit) Usage {
	var u Usage
	max := int64(lim.entries())
	deadline := lim.deadline()
	for _, root := range roots {
		st, err := os.Lstat(root)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			u.Files++
			u.Bytes += st.Size()
			continue
		}
		n := 0
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if u.Files+u.Dirs >= max {
				u.Truncated = true
				return filepath.SkipAll
			}
			if n++; n%256 == 0 && time.Now().After(deadline) {
				u.Truncated = true
				return filepath.SkipAll
			}
			if d.Name() == ".git" {
				u.Repos = append(u.Repos, filepath.Dir(p))
				if d.IsDir() {
					return filepath.SkipDir
				}
			}
			if d.IsDir() {
				u.Dirs++
				return nil
			}
			u.Files++
			if info, err := d.Info(); err == nil {
				u.Bytes += info.Size()
			}
			return nil
		})
		if u.Truncated {
			break
		}
	}
	return u
}
