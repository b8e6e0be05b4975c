package main

import (
	"path/filepath"

	"github.com/guardsh/guard/internal/checkpoint"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/gitstate"
	"github.com/guardsh/guard/internal/rules"
)

// checkpointDir is where checkpoints are kept, under guard's state
// directory.
func checkpointDir(p config.Paths) string { return filepath.Join(p.State, "checkpoints") }

// store returns the checkpoint store with the configured limits.
func (g *guard) store() (*checkpoint.Store, error) {
	paths, err := g.paths()
	if err != nil {
		return nil, err
	}
	s := checkpoint.Open(checkpointDir(paths), gitstate.New(paths.Home))
	set := g.settings()
	if set.CheckpointMaxAge.Duration > 0 {
		s.MaxAge = set.CheckpointMaxAge.Duration
	}
	if set.CheckpointMaxBytes > 0 {
		s.MaxBytes = set.CheckpointMaxBytes
	}
	return s, nil
}

// checkpoint keeps what a command about to run destroys, when a rule that
// destroys files or git work flagged it: approved, allowed by the allow
// list, or handed to an agent's dialog. It returns the checkpoint's id,
// or "" when there is nothing to keep. A checkpoint that fails does not
// stop the command: the person approved it; guard says so.
func (g *guard) checkpoint(req *request) string {
	if s := g.settings(); s.Checkpoints != nil && !*s.Checkpoints {
		return ""
	}
	plan := checkpoint.Plan{Command: req.Text, Dir: req.Dir, Channel: req.Channel}
	for _, list := range [][]rules.Finding{req.Decision.Findings, req.Decision.Passed} {
		for _, f := range list {
			if f.Rule.Destroys != "" {
				plan.Add(f.Blast)
			}
		}
	}
	if plan.Empty() {
		return ""
	}
	s, err := g.store()
	if err != nil {
		g.warnf("cannot keep a checkpoint: %v; the command runs without one", err)
		return ""
	}
	c, err := s.Take(plan)
	if checkpoint.IsNothing(err) {
		return ""
	}
	if err != nil {
		g.warnf("the checkpoint is not complete: %v", err)
	}
	if c == nil {
		return ""
	}
	if c.Truncated {
		g.warnf("checkpoint %s does not keep everything: %s", c.ID, c.Keeps())
	}
	if _, err := s.Prune(); err != nil {
		g.warnf("cannot remove old checkpoints: %v", err)
	}
	return c.ID
}
