package checkpoint

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/guardsh/guard/internal/gitstate"
)

// Report says what a restore did, or would have done.
type Report struct {
	// Restored are the paths and refs put back.
	Restored []string
	// Same are those already as the checkpoint has them.
	Same []string
	// Conflicts are files and refs changed since the checkpoint, which a
	// restore without force leaves alone.
	Conflicts []string
	// Hints tell the person what guard cannot do itself, such as pushing
	// a branch back to a remote.
	Hints []string
}

// ErrConflict is returned when files or refs changed since the checkpoint
// and force was not given; nothing was restored.
var ErrConflict = errors.New("changed since the checkpoint")

// step is one change a restore makes.
type step struct {
	what  string // for the report
	apply func() error
}

// Restore puts back what a checkpoint keeps. Files and refs that changed
// since the checkpoint are conflicts: without force nothing is changed and
// ErrConflict is returned with the report; with force they are
// overwritten too.
func (s *Store) Restore(c *Checkpoint, force bool) (*Report, error) {
	rep := &Report{}
	var steps, forced []step
	add := func(conflict bool, st step) {
		if conflict {
			rep.Conflicts = append(rep.Conflicts, st.what)
			forced = append(forced, st)
			return
		}
		steps = append(steps, st)
	}
	dir := filepath.Join(s.Dir, c.ID)
	for _, f := range c.Files {
		s.planFile(dir, f, rep, add)
	}
	for _, r := range c.Repos {
		if err := s.planRepo(c, r, rep, add); err != nil {
			return rep, fmt.Errorf("%s: %v", r.Top, err)
		}
	}
	if len(rep.Conflicts) > 0 && !force {
		return rep, ErrConflict
	}
	if force {
		steps = append(steps, forced...)
	}
	var errs error
	for _, st := range steps {
		if err := st.apply(); err != nil {
			errs = errors.Join(errs, fmt.Errorf("%s: %v", st.what, err))
			continue
		}
		if !strings.HasSuffix(st.what, "/") {
			// Directories come back with what is in them.
			rep.Restored = append(rep.Restored, st.what)
		}
	}
	now := s.now()
	c.Restored = &now
	if err := s.save(c); err != nil {
		errs = errors.Join(errs, err)
	}
	return rep, errs
}

// planFile plans the restore of one kept file.
func (s *Store) planFile(dir string, f File, rep *Report, add func(bool, step)) {
	p := f.Path
	cur, err := os.Lstat(p)
	exists := err == nil
	switch {
	case f.Mode.IsDir():
		if exists && cur.IsDir() {
			return
		}
		add(exists, step{p + "/", func() error {
			if exists {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			}
			if err := os.MkdirAll(p, 0o700); err != nil {
				return err
			}
			return os.Chmod(p, f.Mode.Perm())
		}})
	case f.Mode&os.ModeSymlink != 0:
		if exists && cur.Mode()&os.ModeSymlink != 0 {
			if l, err := os.Readlink(p); err == nil && l == f.Link {
				rep.Same = append(rep.Same, p)
				return
			}
		}
		add(exists, step{p, func() error {
			if err := prepare(p); err != nil {
				return err
			}
			return os.Symlink(f.Link, p)
		}})
	default:
		data := filepath.Join(dir, f.Data)
		if exists && cur.Mode().IsRegular() && sameContent(p, data, cur) {
			rep.Same = append(rep.Same, p)
			return
		}
		add(exists, step{p, func() error {
			if err := prepare(p); err != nil {
				return err
			}
			tmp := p + ".guard-undo"
			os.Remove(tmp)
			if err := copyFile(data, tmp, f.Mode.Perm()|0o200); err != nil {
				return err
			}
			if err := os.Chmod(tmp, f.Mode.Perm()); err != nil {
				return err
			}
			os.Chtimes(tmp, f.MTime, f.MTime)
			return os.Rename(tmp, p)
		}})
	}
}

// prepare makes p's directory and removes what is at p.
func prepare(p string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// sameContent reports whether the file at p holds what the kept copy does.
func sameContent(p, data string, cur os.FileInfo) bool {
	kept, err := os.Stat(data)
	if err != nil {
		return false
	}
	if os.SameFile(cur, kept) {
		return true
	}
	if kept.Size() != cur.Size() {
		return false
	}
	a, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	b, err := os.ReadFile(data)
	return err == nil && bytes.Equal(a, b)
}

// planRepo plans the restore of a repository's refs and uncommitted work.
func (s *Store) planRepo(c *Checkpoint, r Repo, rep *Report, add func(bool, step)) error {
	repo, err := s.Git.Open(r.Top)
	if err != nil {
		return err
	}
	// Which ref HEAD is, now: a branch that a reset moved is put back
	// first, and its files with it.
	curBranch := repo.CurrentBranch()
	var stashes []string
	for _, ref := range r.Refs {
		switch {
		case strings.HasPrefix(ref.Name, "stash@{"):
			stashes = append(stashes, ref.ID)
		case strings.HasPrefix(ref.Name, "refs/remotes/"):
			remote, branch, _ := strings.Cut(strings.TrimPrefix(ref.Name, "refs/remotes/"), "/")
			rep.Hints = append(rep.Hints, fmt.Sprintf("guard does not push: to give %s its old %s back, run git -C %s push --force-with-lease %s %s:refs/heads/%s",
				remote, branch, shellQuote(r.Top), remote, ref.ID, branch))
		case strings.HasPrefix(ref.Name, "refs/heads/") || ref.Name == "HEAD":
			cur := repo.RevParse(ref.Name)
			if cur == ref.ID {
				rep.Same = append(rep.Same, ref.Name)
				continue
			}
			// Moving the ref back loses nothing when where it is now is
			// part of its old history (git reset --hard HEAD~2).
			conflict := cur != "" && !isAncestor(repo, cur, ref.ID)
			name, old, now := ref.Name, ref.ID, cur
			checkedOut := name == "refs/heads/"+curBranch || name == "HEAD" && curBranch == ""
			add(conflict, step{name, func() error {
				args := []string{"update-ref", "--no-deref", "-m", "guard undo " + c.ID, name, old}
				if now != "" {
					args = append(args, now)
				}
				_, err := repo.Output(args...)
				return err
			}})
			if checkedOut && cur != "" && !conflict {
				if err := s.planMovedTree(repo, r, cur, ref.ID, add); err != nil {
					return err
				}
			}
		}
	}
	if len(stashes) > 0 {
		have := repo.Stashes()
		// Oldest first, so that the newest ends on top, as it was.
		for i := len(stashes) - 1; i >= 0; i-- {
			id := stashes[i]
			if slices.Contains(have, id) {
				rep.Same = append(rep.Same, "stash entry "+id[:min(12, len(id))])
				continue
			}
			add(false, step{"stash entry " + id[:min(12, len(id))], func() error {
				_, err := repo.Output("stash", "store", "-m", "restored by guard undo "+c.ID, id)
				return err
			}})
		}
	}
	if r.Work != "" && len(r.Changed) > 0 {
		return s.planWork(repo, r, rep, add)
	}
	return nil
}

// planMovedTree plans putting back the files a reset --hard from old to
// cur changed: their content and index entries at old, unless the work
// tree changed them since.
func (s *Store) planMovedTree(repo *gitstate.Repo, r Repo, cur, old string, add func(bool, step)) error {
	out, err := repo.Output("diff-tree", "-r", "-z", "--no-renames", "--name-only", cur, old)
	if err != nil {
		return err
	}
	var paths []string
	changed := map[string]bool{}
	for _, ch := range r.Changed {
		changed[ch.Path] = true
	}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" && !changed[p] {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	then, err := lsTree(repo, old, paths)
	if err != nil {
		return err
	}
	now, err := lsTree(repo, cur, paths)
	if err != nil {
		return err
	}
	var ids []string
	for _, e := range then {
		ids = append(ids, e.id)
	}
	blobs, err := catBlobs(repo, ids)
	if err != nil {
		return err
	}
	var info bytes.Buffer
	for _, p := range paths {
		full := filepath.Join(r.Top, p)
		got, _ := fileBlob(full, old)
		want, inOld := then[p]
		left, inCur := now[p]
		if inOld && got == want.id {
			continue
		}
		conflict := !(got == "" || inCur && got == left.id)
		if inOld {
			fmt.Fprintf(&info, "%s %s\t%s\x00", want.mode, want.id, p)
			content := blobs[want.id]
			mode := want.mode
			add(conflict, step{full, func() error { return writeBlob(full, content, mode) }})
		} else {
			fmt.Fprintf(&info, "0 %s\t%s\x00", strings.Repeat("0", len(old)), p)
			add(conflict, step{full + " (not in the old commit)", func() error { return os.Remove(full) }})
		}
	}
	if info.Len() > 0 {
		data := info.Bytes()
		add(false, step{"the index of " + r.Top, func() error {
			_, err := repo.Input(data, "update-index", "-z", "--index-info")
			return err
		}})
	}
	return nil
}

// planWork plans putting back uncommitted changes to tracked files: their
// work-tree content, and the index entries of staged ones.
func (s *Store) planWork(repo *gitstate.Repo, r Repo, rep *Report, add func(bool, step)) error {
	var paths, ids []string
	for _, ch := range r.Changed {
		paths = append(paths, ch.Path)
		if ch.Work != "" {
			ids = append(ids, ch.Work)
		}
	}
	sort.Strings(paths)
	head, err := lsTree(repo, "HEAD", paths)
	if err != nil {
		return err
	}
	index, err := lsTree(repo, "", paths)
	if err != nil {
		return err
	}
	blobs, err := catBlobs(repo, ids)
	if err != nil {
		return err
	}
	var info bytes.Buffer
	for _, ch := range r.Changed {
		full := filepath.Join(r.Top, ch.Path)
		like := ch.Work + ch.Head + ch.Index
		got, _ := fileBlob(full, like)
		if got == ch.Work && ch.Work != "" || got == "" && ch.Work == "" {
			rep.Same = append(rep.Same, full)
		} else {
			// What the command left is the index's or HEAD's content, or
			// no file; anything else was changed since.
			ok := got == "" || got == ch.Head || got == ch.Index || got == head[ch.Path].id || got == index[ch.Path].id
			content, mode := blobs[ch.Work], ch.WorkMode
			if ch.Work == "" {
				add(!ok, step{full + " (deleted then)", func() error { return os.Remove(full) }})
			} else {
				add(!ok, step{full, func() error { return writeBlob(full, content, mode) }})
			}
		}
		if ch.Index == ch.Head {
			continue
		}
		cur, have := index[ch.Path]
		if have && cur.id == ch.Index {
			continue
		}
		ok := !have || cur.id == ch.Head || cur.id == head[ch.Path].id
		line := fmt.Sprintf("%s %s\t%s\x00", ch.IndexMode, ch.Index, ch.Path)
		if ch.Index == "" {
			line = fmt.Sprintf("0 %s\t%s\x00", strings.Repeat("0", len(ch.Head)), ch.Path)
		}
		if !ok {
			add(true, step{full + " (staged since)", func() error {
				_, err := repo.Input([]byte(line), "update-index", "-z", "--index-info")
				return err
			}})
			continue
		}
		info.WriteString(line)
	}
	if info.Len() > 0 {
		data := info.Bytes()
		add(false, step{"staged changes in " + r.Top, func() error {
			_, err := repo.Input(data, "update-index", "-z", "--index-info")
			return err
		}})
	}
	return nil
}

// writeBlob writes content at p with a git file mode.
func writeBlob(p string, content []byte, mode string) error {
	if err := prepare(p); err != nil {
		return err
	}
	switch mode {
	case "120000":
		return os.Symlink(string(content), p)
	case "100755":
		return os.WriteFile(p, content, 0o755)
	default:
		return os.WriteFile(p, content, 0o644)
	}
}

func isAncestor(repo *gitstate.Repo, a, b string) bool {
	_, err := repo.Output("merge-base", "--is-ancestor", a, b)
	return err == nil
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
