package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/checkpoint"
	"github.com/guardsh/guard/internal/journal"
)

func runUndo(g *guard, args []string) int {
	fs := newFlags("undo")
	list := fs.Bool("list", false, "list the checkpoints, newest first")
	fs.BoolVar(list, "l", false, "short for --list")
	asJSON := fs.Bool("json", false, "with --list, print the checkpoints as JSON")
	force := fs.Bool("force", false, "restore over files and refs that changed since the checkpoint")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard undo --list [--json]
       guard undo [--force] ID|last

Before a command that destroys files or git work runs through guard (a
person approved it, the allow list let it through, or an agent's dialog
was asked), guard keeps a checkpoint of what it destroys: the files it
deletes, as hard links; uncommitted changes, as a commit that touches
neither the work tree nor the index; the old values of refs it deletes or
moves. guard undo ID puts them back; last is the newest checkpoint.

Files and refs that changed since the checkpoint are left alone and
nothing is restored, unless --force is given. A hard link shares its data
with the original: a write into the original in place (>) after the
checkpoint changes the kept copy too; a deletion does not.

Checkpoints are kept for 7 days (settings.checkpoint_max_age) and up to
5 GB in all (settings.checkpoint_max_bytes), oldest removed first, in
~/.local/state/guard/checkpoints. A restore is logged.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard undo --list
  guard undo last
  guard undo --force 20260102-150405-a1b2c3

Exit status: 0 restored (or listed), 1 changed since the checkpoint and
nothing restored, 64 usage error or no such checkpoint, 70 internal failure.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	s, err := g.store()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	if *list {
		if fs.NArg() > 0 {
			return g.usageError(fs, "--list takes no checkpoint")
		}
		return g.listCheckpoints(s, *asJSON)
	}
	if *asJSON {
		return g.usageError(fs, "--json goes with --list")
	}
	if fs.NArg() != 1 {
		return g.usageError(fs, "undo needs a checkpoint id or last (guard undo --list shows them)")
	}
	c, err := s.Get(fs.Arg(0))
	if err != nil {
		g.errorf("%v", err)
		return exitUsage
	}
	rep, err := s.Restore(c, *force)
	status := exitOK
	result := "ran"
	switch {
	case errors.Is(err, checkpoint.ErrConflict):
		g.errorf("%s changed since checkpoint %s was kept; nothing was restored:", count(len(rep.Conflicts), "file or ref", "files or refs"), c.ID)
		for i, p := range rep.Conflicts {
			if i == 20 {
				fmt.Fprintf(g.stderr, "guard:   and %d more\n", len(rep.Conflicts)-i)
				break
			}
			fmt.Fprintf(g.stderr, "guard:   %s\n", shown(p))
		}
		g.hintf("guard undo --force %s overwrites them with the checkpoint's copies", c.ID)
		status, result = exitFindings, "blocked"
	case err != nil:
		g.errorf("restoring checkpoint %s: %v", c.ID, err)
		status, result = exitInternal, "failed"
	}
	if status != exitFindings {
		fmt.Fprintf(g.stdout, "restored checkpoint %s (%s): %s\n", c.ID, shown(cut(c.Command, 120)), count(len(rep.Restored), "file or ref put back", "files and refs put back"))
		if len(rep.Same) > 0 {
			fmt.Fprintf(g.stdout, "  %s already as the checkpoint keeps them\n", count(len(rep.Same), "was", "were"))
		}
		if *force && len(rep.Conflicts) > 0 {
			fmt.Fprintf(g.stdout, "  %s changed since, overwritten (--force)\n", count(len(rep.Conflicts), "was", "were"))
		}
	}
	for _, h := range rep.Hints {
		g.hintf("%s", h)
	}
	g.logUndo(c, result)
	return status
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// listCheckpoints prints the checkpoints, newest first.
func (g *guard) listCheckpoints(s *checkpoint.Store, asJSON bool) int {
	list, err := s.List()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	if asJSON {
		if list == nil {
			list = []*checkpoint.Summary{}
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(list); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		return exitOK
	}
	if len(list) == 0 {
		fmt.Fprintln(g.stdout, "no checkpoints")
		return exitOK
	}
	w := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tTIME\tSIZE\tKEEPS\tCOMMAND")
	for _, c := range list {
		keeps := c.Keeps
		if c.Restored != nil {
			keeps += " (restored " + c.Restored.Local().Format("01-02 15:04") + ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Time.Local().Format(time.DateTime), blast.Size(c.Bytes), keeps, strings.ReplaceAll(shown(cut(c.Command, 80)), "\t", " "))
	}
	w.Flush()
	return exitOK
}

// logUndo logs a restore in the decision log.
func (g *guard) logUndo(c *checkpoint.Checkpoint, result string) {
	if g.cfg != nil && !g.cfg.LogEnabled() {
		return
	}
	paths, err := g.paths()
	if err != nil {
		return
	}
	rec := journal.Record{
		Time: journal.Now(), Decision: "allow", Result: result, How: "undo", Channel: "undo",
		Cwd: workDir(), Findings: []journal.Finding{}, PID: os.Getpid(), PPID: os.Getppid(), UID: os.Getuid(),
		Checkpoint: c.ID,
	}
	rec.SetCommand("guard undo " + c.ID)
	rec.Parent = processName(rec.PPID)
	if err := journal.Append(logFile(paths), &rec); err != nil {
		g.warnf("cannot write the decision log: %v", err)
	}
}
