package install

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ManifestFile is where guard remembers the files install created, in
// guard's state directory.
func ManifestFile(stateDir string) string { return filepath.Join(stateDir, "installed.json") }

// Report is one change as guard install --json reports it.
type Report struct {
	Path string `json:"path"`
	// Action is write, create, remove, link, unlink or none.
	Action string `json:"action"`
	Target string `json:"target,omitempty"`
	Backup string `json:"backup,omitempty"`
	Diff   string `json:"diff,omitempty"`
	Error  string `json:"error,omitempty"`
}

// ApplyOptions say how a Plan is carried out.
type ApplyOptions struct {
	// Out receives a line for each change, and the diffs of a dry run.
	Out io.Writer
	// DryRun shows the changes and writes nothing.
	DryRun bool
	// Manifest is the manifest file (see ManifestFile), or "" when
	// guard's state directory is unknown: then nothing is recorded.
	Manifest string
	// Warn tells the person something went wrong that does not undo the
	// changes.
	Warn func(msg string)
}

// BackupNote describes a backup for messages: "" for none.
func BackupNote(backup string) string {
	if backup == "" {
		return ""
	}
	return " (backup: " + backup + ")"
}

// Apply writes the plan's changes, or shows them for a dry run. Files and
// directories install creates are recorded in the manifest; uninstall
// gives a file back without a backup, removes the backup install made,
// and removes the files and directories install created once they hold
// nothing else. It stops at the first change that fails, which is the
// last one reported and the error returned.
func (p *Plan) Apply(o ApplyOptions) ([]Report, error) {
	w := o.Out
	var report []Report
	man := &Manifest{}
	if o.Manifest != "" {
		if m, err := LoadManifest(o.Manifest); err == nil {
			man = m
		}
	}
	fail := func(r Report, err error) ([]Report, error) {
		r.Error = err.Error()
		return append(report, r), err
	}
	for _, c := range p.Changes {
		r := Report{Path: c.Path, Action: "write", Target: c.Link}
		if c.noop() {
			r.Action = "none"
			report = append(report, r)
			fmt.Fprintf(w, "%s: nothing to change\n", c.Path)
			continue
		}
		created := MissingDirs(c.Path)
		_, statErr := os.Lstat(c.Path)
		isNew := errors.Is(statErr, fs.ErrNotExist)
		removeCreated := p.remove && !c.Remove && !c.Unlink && c.Link == "" && man.Has(c.Path) && EmptyObject(c.New)
		switch {
		case c.Link != "":
			r.Action = "link"
		case c.Unlink:
			r.Action = "unlink"
		case c.Remove || removeCreated:
			r.Action = "remove"
		case isNew:
			r.Action = "create"
		}
		if o.DryRun {
			switch r.Action {
			case "link":
				fmt.Fprintf(w, "would link %s -> %s\n", c.Path, c.Link)
			case "unlink":
				fmt.Fprintf(w, "would remove the link %s\n", c.Path)
			case "remove":
				fmt.Fprintf(w, "would remove %s\n", c.Path)
				r.Diff = Diff(c.Path, c.Old, nil)
			default:
				r.Diff = Diff(c.Path, c.Old, c.New)
			}
			fmt.Fprint(w, r.Diff)
			report = append(report, r)
			continue
		}
		switch r.Action {
		case "link":
			// The link lives in guard's own state directory: 0700.
			if err := os.MkdirAll(filepath.Dir(c.Path), 0o700); err != nil {
				return fail(r, err)
			}
			tmp := c.Path + ".guard-tmp"
			os.Remove(tmp)
			if err := os.Symlink(c.Link, tmp); err != nil {
				return fail(r, err)
			}
			if err := os.Rename(tmp, c.Path); err != nil {
				os.Remove(tmp)
				return fail(r, err)
			}
			fmt.Fprintf(w, "linked %s -> %s\n", c.Path, c.Link)
		case "unlink":
			if err := os.Remove(c.Path); err != nil {
				return fail(r, err)
			}
			man.Drop(c.Path)
			fmt.Fprintf(w, "removed the link %s\n", c.Path)
		case "remove":
			if p.remove {
				// What guard wrote entirely, or created and now holds
				// nothing: it goes, with its backup.
				if err := os.Remove(c.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return fail(r, err)
				}
				os.Remove(c.Path + BackupSuffix)
				man.Drop(c.Path)
				fmt.Fprintf(w, "removed %s\n", c.Path)
				break
			}
			backup, err := RemoveFile(c.Path)
			if err != nil {
				return fail(r, err)
			}
			r.Backup = backup
			fmt.Fprintf(w, "removed %s%s\n", c.Path, BackupNote(backup))
		default:
			if p.remove && !isNew {
				if err := Restore(c.Path, c.New); err != nil {
					return fail(r, err)
				}
				fmt.Fprintf(w, "wrote %s\n", c.Path)
				break
			}
			backup, err := WriteFile(c.Path, c.New, 0o644)
			if err != nil {
				return fail(r, err)
			}
			r.Backup = backup
			fmt.Fprintf(w, "wrote %s%s\n", c.Path, BackupNote(backup))
		}
		if !p.remove && (isNew || r.Action == "link") {
			for _, d := range created {
				man.Add(d)
			}
			if isNew {
				man.Add(c.Path)
			}
		}
		report = append(report, r)
	}
	if o.DryRun {
		fmt.Fprintln(w, "dry run: nothing was written")
		return report, nil
	}
	if p.remove {
		man.RemoveCreatedDirs()
	}
	if o.Manifest != "" {
		if err := man.Save(); err != nil {
			o.Warn(fmt.Sprintf("cannot record what guard created: %v", err))
		}
	}
	return report, nil
}
