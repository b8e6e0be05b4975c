package blast

import (
	"fmt"
	"strconv"
	"strings"
)

// Radius is what a command would destroy.
type Radius struct {
	// Summary is the radius in one line for a person:
	// "src: 5 tracked files, 1 modified, 1 untracked".
	Summary string `json:"summary"`
	// Files and Bytes are what a deletion takes from the disk.
	Files int64 `json:"files,omitempty"`
	Bytes int64 `json:"bytes,omitempty"`
	// Tracked counts files in git's index; Modified those whose work-tree
	// content no commit or index holds; Staged those whose index content no
	// commit holds; Untracked files git does not track and does not
	// ignore; Ignored entries git ignores; Nested repositories inside.
	Tracked   int `json:"tracked,omitempty"`
	Modified  int `json:"modified,omitempty"`
	Staged    int `json:"staged,omitempty"`
	Untracked int `json:"untracked,omitempty"`
	Ignored   int `json:"ignored,omitempty"`
	Nested    int `json:"nested,omitempty"`
	// Lines counts lines of uncommitted changes that would be lost.
	Lines int `json:"lines,omitempty"`
	// Commits counts commits that would no longer be reachable; Stashes
	// stash entries that would be dropped.
	Commits int `json:"commits,omitempty"`
	Stashes int `json:"stashes,omitempty"`
	// Truncated reports that a count stopped at a limit: the command
	// destroys at least this much.
	Truncated bool `json:"truncated,omitempty"`

	// What a checkpoint keeps to undo the command.

	// Paths are the files and directories the command deletes or
	// overwrites, absolute.
	Paths []string `json:"paths,omitempty"`
	// Skip are paths under Paths that need no keeping: ignored build
	// output.
	Skip []string `json:"-"`
	// InPlace reports that the command overwrites files where they are
	// (shred), so a checkpoint must copy them: a hard link would share the
	// overwritten data.
	InPlace bool `json:"-"`
	// Repo is the work tree whose uncommitted work or refs the command
	// discards.
	Repo string `json:"repo,omitempty"`
	// Worktree reports that the command discards uncommitted changes to
	// tracked files in Repo.
	Worktree bool `json:"worktree,omitempty"`
	// Refs are the refs the command deletes or moves, with their object
	// ids now: refs/heads/topic, refs/stash@{0}, refs/remotes/origin/main.
	Refs []Ref `json:"refs,omitempty"`
}

// Ref is a ref and the object it points at.
type Ref struct {
	Name string `json:"name"`
	ID   string `json:"id"`
}

// Destroys reports whether the radius holds anything a checkpoint could
// keep.
func (r *Radius) Destroys() bool {
	return r != nil && (len(r.Paths) > 0 || r.Worktree || len(r.Refs) > 0)
}

// Line returns the summary, made safe to print, or "" for a nil radius.
// Every channel that shows a radius (guard check, the prompt, the
// approver, the agents' dialogs) shows this line.
func (r *Radius) Line() string {
	if r == nil {
		return ""
	}
	return sanitize(r.Summary)
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffd {
			return '?'
		}
		return r
	}, s)
}

// Merge adds another radius of the same command to r.
func (r *Radius) Merge(o *Radius) {
	if o == nil {
		return
	}
	r.Files += o.Files
	r.Bytes += o.Bytes
	r.Tracked += o.Tracked
	r.Modified += o.Modified
	r.Staged += o.Staged
	r.Untracked += o.Untracked
	r.Ignored += o.Ignored
	r.Nested += o.Nested
	r.Lines += o.Lines
	r.Commits += o.Commits
	r.Stashes += o.Stashes
	r.Truncated = r.Truncated || o.Truncated
	r.Paths = append(r.Paths, o.Paths...)
	r.Skip = append(r.Skip, o.Skip...)
	r.Refs = append(r.Refs, o.Refs...)
	r.Worktree = r.Worktree || o.Worktree
	r.InPlace = r.InPlace || o.InPlace
	if r.Repo == "" {
		r.Repo = o.Repo
	}
	switch {
	case r.Summary == "":
		r.Summary = o.Summary
	case o.Summary != "" && !strings.Contains(r.Summary, o.Summary):
		r.Summary += "; " + o.Summary
	}
}

// count writes n and a noun, with "more than" for a truncated count:
// "1 file", "12 files", "more than 10,000 files".
func count(n int64, one, many string, truncated bool) string {
	noun := many
	if n == 1 && !truncated {
		noun = one
	}
	if truncated {
		return "more than " + thousands(n) + " " + noun
	}
	return thousands(n) + " " + noun
}

// thousands writes n with commas: 10,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Size writes a byte count for a person: 512 B, 3.4 KB, 56 MB.
func Size(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f := float64(n)
	for _, u := range []string{"KB", "MB", "GB", "TB"} {
		f /= unit
		if f < unit {
			if f < 10 {
				return fmt.Sprintf("%.1f %s", f, u)
			}
			return fmt.Sprintf("%.0f %s", f, u)
		}
	}
	return fmt.Sprintf("%.0f PB", f/unit)
}

// names lists up to three names for a summary's head.
func names(list []string) string {
	if len(list) <= 3 {
		return strings.Join(list, ", ")
	}
	return strings.Join(list[:3], ", ") + fmt.Sprintf(" and %d more", len(list)-3)
}

// gitCounts describes counts from git: "5 tracked files, 1 modified, 1
// untracked".
func (r *Radius) gitCounts() string {
	var parts []string
	if r.Tracked > 0 {
		parts = append(parts, count(int64(r.Tracked), "tracked file", "tracked files", r.Truncated))
	}
	if r.Modified > 0 {
		parts = append(parts, thousands(int64(r.Modified))+" modified")
	}
	if r.Staged > 0 {
		parts = append(parts, thousands(int64(r.Staged))+" staged")
	}
	if r.Untracked > 0 {
		parts = append(parts, count(int64(r.Untracked), "untracked", "untracked", r.Truncated && r.Tracked == 0))
	}
	if r.Nested > 0 {
		parts = append(parts, count(int64(r.Nested), "nested repository", "nested repositories", false))
	}
	if r.Ignored > 0 {
		parts = append(parts, thousands(int64(r.Ignored))+" ignored")
	}
	if r.Lines > 0 {
		parts = append(parts, count(int64(r.Lines), "line", "lines", false))
	}
	if len(parts) == 0 {
		return "nothing git does not hold"
	}
	return strings.Join(parts, ", ")
}

// diskCounts describes a deletion outside git: "1,234 files, 56 MB".
func (r *Radius) diskCounts() string {
	if r.Files == 0 && !r.Truncated {
		return "nothing on disk"
	}
	s := count(r.Files, "file", "files", r.Truncated)
	if r.Bytes > 0 {
		if r.Truncated {
			s += ", at least " + Size(r.Bytes)
		} else {
			s += ", " + Size(r.Bytes)
		}
	}
	return s
}
