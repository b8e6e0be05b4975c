package checkpoint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/guardsh/guard/internal/blast"
)

// Plan is what a checkpoint must keep, gathered from the blast radii of a
// decision's findings.
type Plan struct {
	Command, Dir, Channel string
	// Paths are deleted; Skip under them need no keeping.
	Paths, Skip []string
	// Copy makes the checkpoint copy files instead of linking them.
	Copy bool
	// Repos are the repositories whose work or refs go, by top directory.
	Repos map[string]*RepoPlan
}

// RepoPlan is what a checkpoint keeps of one repository.
type RepoPlan struct {
	// Work keeps the uncommitted changes to tracked files.
	Work bool
	Refs []blast.Ref
}

// Add adds what a radius says a command destroys.
func (p *Plan) Add(r *blast.Radius) {
	if !r.Destroys() {
		return
	}
	p.Paths = append(p.Paths, r.Paths...)
	p.Skip = append(p.Skip, r.Skip...)
	p.Copy = p.Copy || r.InPlace
	if r.Repo != "" && (r.Worktree || len(r.Refs) > 0) {
		if p.Repos == nil {
			p.Repos = map[string]*RepoPlan{}
		}
		rp := p.Repos[r.Repo]
		if rp == nil {
			rp = &RepoPlan{}
			p.Repos[r.Repo] = rp
		}
		rp.Work = rp.Work || r.Worktree
		for _, ref := range r.Refs {
			if ref.ID != "" && !slices.Contains(rp.Refs, ref) {
				rp.Refs = append(rp.Refs, ref)
			}
		}
	}
}

// Empty reports whether the plan keeps nothing.
func (p *Plan) Empty() bool { return len(p.Paths) == 0 && len(p.Repos) == 0 }

// Take makes a checkpoint of what the plan names. A checkpoint that could
// keep only part of it is still saved, and says so; an error means
// nothing was kept.
func (s *Store) Take(p Plan) (*Checkpoint, error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, err
	}
	// The directory must be guard's alone: 0700, whatever made it.
	if err := os.Chmod(s.Dir, 0o700); err != nil {
		return nil, err
	}
	c := &Checkpoint{ID: s.newID(), Time: s.now(), Command: p.Command, Dir: p.Dir, Channel: p.Channel}
	dir := filepath.Join(s.Dir, c.ID)
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		return nil, err
	}
	k := keeper{store: s, c: c, data: data, copy: p.Copy, skip: map[string]bool{}}
	for _, sk := range p.Skip {
		k.skip[filepath.Clean(sk)] = true
	}
	for _, root := range topmost(p.Paths) {
		k.keep(root)
	}
	tops := make([]string, 0, len(p.Repos))
	for top := range p.Repos {
		tops = append(tops, top)
	}
	sort.Strings(tops)
	var gitErr error
	for _, top := range tops {
		rp := p.Repos[top]
		r, err := keepRepo(s.Git, top, c.ID, c.Command, rp, dir)
		if err != nil {
			gitErr = errors.Join(gitErr, fmt.Errorf("%s: %v", top, err))
			c.Truncated = true
			continue
		}
		c.Repos = append(c.Repos, *r)
	}
	if len(c.Files) == 0 && len(c.Repos) == 0 {
		s.Remove(c)
		if gitErr != nil {
			return nil, gitErr
		}
		return nil, errNothing
	}
	if err := s.save(c); err != nil {
		s.Remove(c)
		return nil, err
	}
	return c, gitErr
}

var errNothing = errors.New("nothing to keep")

// IsNothing reports whether Take found nothing to keep.
func IsNothing(err error) bool { return errors.Is(err, errNothing) }

// topmost returns the paths that are not under another one, sorted.
func topmost(paths []string) []string {
	clean := make([]string, 0, len(paths))
	for _, p := range paths {
		if filepath.IsAbs(p) {
			clean = append(clean, filepath.Clean(p))
		}
	}
	sort.Strings(clean)
	var out []string
	for _, p := range clean {
		if len(out) > 0 && under(p, out[len(out)-1]) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func under(p, dir string) bool {
	return p == dir || dir == "/" || strings.HasPrefix(p, dir+"/")
}

type keeper struct {
	store *Store
	c     *Checkpoint
	data  string
	copy  bool
	skip  map[string]bool
	n     int
}

// keep keeps root and what is under it, without following links.
func (k *keeper) keep(root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if k.skip[p] {
			k.c.Skipped = append(k.c.Skipped, p+" (ignored by git)")
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if len(k.c.Files) >= k.store.MaxFiles {
			k.c.Truncated = true
			return filepath.SkipAll
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		f := File{Path: p, Mode: info.Mode(), MTime: info.ModTime()}
		switch {
		case info.IsDir():
		case info.Mode()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return nil
			}
			f.Link = link
		case info.Mode().IsRegular():
			if k.c.Bytes+info.Size() > k.store.MaxKeep {
				k.c.Truncated = true
				k.c.Skipped = append(k.c.Skipped, p+" (over the size limit)")
				return nil
			}
			f.Size = info.Size()
			k.n++
			f.Data = filepath.Join("data", strconv.Itoa(k.n))
			dst := filepath.Join(k.data, strconv.Itoa(k.n))
			linked, err := k.store1(p, dst)
			if err != nil {
				k.c.Truncated = true
				k.c.Skipped = append(k.c.Skipped, p+" ("+err.Error()+")")
				return nil
			}
			f.Linked = linked
			k.c.Bytes += info.Size()
		default:
			// Sockets, pipes and devices hold no data to keep.
			return nil
		}
		k.c.Files = append(k.c.Files, f)
		return nil
	})
}

// store1 keeps one file at dst: a hard link when it may, else a copy.
func (k *keeper) store1(src, dst string) (bool, error) {
	if !k.copy {
		err := os.Link(src, dst)
		if err == nil {
			return true, nil
		}
		var le *os.LinkError
		if !errors.As(err, &le) || !errors.Is(le.Err, syscall.EXDEV) && !errors.Is(le.Err, syscall.EPERM) && !errors.Is(le.Err, syscall.EMLINK) {
			return false, err
		}
	}
	return false, copyFile(src, dst, 0o600)
}

// copyFile copies a regular file's content.
func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.OpenFile(src, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}
