package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/guardsh/guard/internal/hook"
	"github.com/guardsh/guard/internal/journal"
)

// When guard hands a command to the agent's own dialog it does not learn
// the answer. It leaves a small note under its state directory, keyed by
// the agent's session and tool-call ids; the agent's PostToolUse hook,
// which runs only for a command that ran, finds the note and guard logs
// that the command ran. A command the person declined never gets a
// PostToolUse call, so its note stays until it is a day old.

// askedNote is what guard remembers of an asked command.
type askedNote struct {
	Command  string            `json:"command"`
	Cwd      string            `json:"cwd"`
	Severity string            `json:"severity,omitempty"`
	Findings []journal.Finding `json:"findings"`
}

const askedNoteMaxAge = 24 * time.Hour

func askedDir(state string) string { return filepath.Join(state, "asked") }

func askedName(session, toolUse string) string {
	sum := sha256.Sum256([]byte(session + "\x00" + toolUse))
	return hex.EncodeToString(sum[:16])
}

// markAsked leaves the note for an asked command.
func (g *guard) markAsked(r *request) {
	paths, err := g.paths()
	if err != nil {
		return
	}
	dir := askedDir(paths.State)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	n := askedNote{Command: r.Text, Cwd: r.Dir, Findings: []journal.Finding{}}
	if len(r.Decision.Findings) > 0 {
		n.Severity = r.Decision.Severity().String()
	}
	for _, f := range r.Decision.Findings {
		n.Findings = append(n.Findings, journal.Finding{Rule: f.Rule.ID, Severity: f.Severity.String(), Action: f.Action.String()})
	}
	data, err := json.Marshal(n)
	if err != nil {
		return
	}
	os.WriteFile(filepath.Join(dir, askedName(r.Session, r.ToolUse)), data, 0o600)
	// Notes of commands that were declined are swept now and then.
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 16 {
		for _, e := range ents {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > askedNoteMaxAge {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// hookRan handles a PostToolUse call: if guard asked about this tool
// call, it logs that the command ran, so that the person's yes is on
// record.
func (g *guard) hookRan(req *hook.Request) {
	if req.ToolUse == "" {
		return
	}
	paths, err := g.paths()
	if err != nil {
		return
	}
	p := filepath.Join(askedDir(paths.State), askedName(req.SessionID, req.ToolUse))
	f, err := os.Open(p)
	if err != nil {
		return
	}
	var n askedNote
	err = json.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&n)
	f.Close()
	os.Remove(p)
	if err != nil {
		return
	}
	r := &request{Text: n.Command, Dir: n.Cwd, Channel: "hook " + string(req.Agent),
		Agent: string(req.Agent), Session: req.SessionID, ToolUse: req.ToolUse}
	g.logNote(r, n)
}

// logNote logs an asked command that ran, with the findings it was asked
// for.
func (g *guard) logNote(r *request, n askedNote) {
	if g.cfg != nil && !g.cfg.LogEnabled() {
		return
	}
	paths, err := g.paths()
	if err != nil {
		return
	}
	rec := journal.Record{
		Time: journal.Now(), Decision: "confirm", Result: "ran", How: "agent", Answer: "yes",
		Channel: r.Channel, Agent: r.Agent, Session: r.Session, ToolUse: r.ToolUse,
		Cwd: r.Dir, Severity: n.Severity, Findings: n.Findings,
		PID: os.Getpid(), PPID: os.Getppid(), UID: os.Getuid(),
	}
	if rec.Findings == nil {
		rec.Findings = []journal.Finding{}
	}
	rec.SetCommand(r.Text)
	rec.Parent = processName(rec.PPID)
	if err := journal.Append(logFile(paths), &rec); err != nil {
		g.warnf("cannot write the decision log: %v", err)
	}
}

// agentFromEnv names the coding agent a shell-mode command came from,
// from the variables each agent sets for the commands it runs. It is a
// label for the log, never an input to a decision.
func agentFromEnv() string {
	switch {
	case os.Getenv("CLAUDECODE") == "1":
		return "claude"
	case os.Getenv("GEMINI_CLI") == "1":
		return "gemini"
	case os.Getenv("CODEX_THREAD_ID") != "" || os.Getenv("CODEX_SANDBOX") != "" || os.Getenv("CODEX_SANDBOX_NETWORK_DISABLED") != "":
		return "codex"
	case os.Getenv("CURSOR_AGENT") != "":
		return "cursor"
	}
	return ""
}
