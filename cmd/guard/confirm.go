package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"github.com/guardsh/guard/internal/approve"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/journal"
	"github.com/guardsh/guard/internal/message"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
	"github.com/guardsh/guard/internal/tty"
)

// runtimeDir is where the approver's socket lives. It is a variable only
// so that tests can keep their approvers apart; guard never takes it from
// the environment.
var runtimeDir = func(p config.Paths) string { return p.Runtime }

// logFile is the decision log's path.
func logFile(p config.Paths) string { return p.LogFile() }

// settings returns the effective settings, or the defaults when the
// configuration could not be loaded.
func (g *guard) settings() config.Settings {
	if g.cfg != nil {
		return g.cfg.Settings
	}
	var s config.Settings
	s.ConfirmTimeout.Duration = 60 * time.Second
	s.ApproverTimeout.Duration = 120 * time.Second
	return s
}

// confirm asks a person about a command that needs confirmation: on the
// controlling terminal when guard runs in its foreground, otherwise
// through guard approve when a person runs it. When neither is there,
// nobody is asked and the command is blocked.
func (g *guard) confirm(req *request) outcome {
	ar := approveRequest(req, g.settings().ApproverTimeout.Duration)
	if f, err := tty.Open(); err == nil {
		fg := tty.Foreground(f)
		if fg {
			defer f.Close()
			return g.askTerminal(f, &ar)
		}
		f.Close()
	}
	return g.askApprover(&ar)
}

// askTerminal asks on the controlling terminal f.
func (g *guard) askTerminal(f *os.File, ar *approve.Request) outcome {
	q := tty.Question{
		Title:   "guard: this command needs your approval",
		Details: describe(ar, nil),
		// While TIOCSTI can push bytes into this terminal, a y could be
		// typed by a process of the agent: every answer needs the code.
		Critical: tty.NeedsCode(ar.Critical),
		Timeout:  g.settings().ConfirmTimeout.Duration,
	}
	a, err := tty.Ask(context.Background(), f, q)
	if err != nil {
		if !errors.Is(err, tty.ErrInterrupted) {
			g.warnf("the prompt on the terminal failed: %v", err)
		}
		a = tty.No
	}
	if a == tty.Yes {
		fmt.Fprintf(f, "guard: approved; running it: %s\n", cut(shown(ar.Command), 200))
	} else {
		fmt.Fprintf(f, "guard: not approved (%s); it does not run: %s\n", a, cut(shown(ar.Command), 200))
	}
	return outcome{Run: a == tty.Yes, How: "tty", Answer: string(a)}
}

// askApprover sends the request to guard approve and waits for the answer.
func (g *guard) askApprover(ar *approve.Request) outcome {
	paths, err := g.paths()
	if err != nil {
		g.warnf("cannot ask guard approve: %v", err)
		return outcome{How: "none"}
	}
	dir := runtimeDir(paths)
	timeout := time.Duration(ar.Timeout) * time.Millisecond
	queued := func(ahead int) {
		more := ""
		if ahead > 0 {
			more = fmt.Sprintf(" (%d requests ahead of it)", ahead)
		}
		fmt.Fprintf(g.stderr, "guard: waiting up to %s for a person to answer in guard approve%s\n", timeout, more)
	}
	a, err := approve.Ask(context.Background(), dir, paths.ApproverOwner(), *ar, queued)
	switch {
	case err == nil:
		return outcome{Run: a == approve.Yes, How: "approver", Answer: a}
	case errors.Is(err, approve.ErrNoApprover):
	default:
		g.warnf("cannot ask guard approve: %v", err)
	}
	return outcome{How: "none"}
}

// paths returns guard's paths for this user.
func (g *guard) paths() (config.Paths, error) {
	if g.cfg != nil {
		return g.cfg.Paths, nil
	}
	home, err := homeDir()
	if err != nil {
		return config.Paths{}, err
	}
	p := config.For(home)
	g.harden(&p)
	return p, nil
}

// approveRequest describes a request for a person, as the terminal prompt
// and guard approve show it.
func approveRequest(req *request, timeout time.Duration) approve.Request {
	d := req.Decision
	ar := approve.Request{
		Command:  req.Text,
		Dir:      req.Dir,
		Channel:  req.Channel,
		Severity: d.Severity().String(),
		Critical: d.Severity() >= rules.Critical,
		Findings: []approve.Finding{},
		Timeout:  timeout.Milliseconds(),
		Agent:    req.Agent,
		Session:  req.Session,
	}
	if ar.Agent == "" && !strings.HasPrefix(req.Channel, "hook") {
		ar.Agent = agentFromEnv()
	}
	if ar.Session == "" && ar.Agent == "codex" {
		ar.Session = os.Getenv("CODEX_THREAD_ID")
	}
	ar.Findings = append(ar.Findings, message.From(d)...)
	return ar
}

// maxShown caps how much of a command a prompt shows.
const maxShown = 600

// describe writes a request for the person who answers it, in the order
// every channel uses: the findings first (what runs, why, what it
// touches, what raised the severity, what to do instead, the rule), then
// the whole command, where it runs and who asks. Everything that came
// from the command is made safe to print: a command cannot move the
// cursor, clear the screen or draw a fake prompt.
func describe(ar *approve.Request, peer *approve.Peer) string {
	var b strings.Builder
	message.Block(&b, ar.Findings, "")
	line := func(label, value string) {
		b.WriteString(message.Line{Label: label, Text: value}.Format() + "\n")
	}
	line("command", shown(ar.Command))
	line("directory", shown(ar.Dir))
	if ar.Agent != "" {
		who := rules.Sanitize(ar.Agent)
		if ar.Session != "" {
			who += " (session " + cut(rules.Sanitize(ar.Session), 80) + ")"
		}
		line("agent", who)
	}
	if peer != nil {
		who := fmt.Sprintf("pid %d", peer.PID)
		if peer.Command != "" {
			who += " (" + rules.Sanitize(peer.Command) + ")"
		}
		if peer.PPID > 0 {
			who += fmt.Sprintf(", parent %d", peer.PPID)
			if peer.Parent != "" {
				who += " (" + rules.Sanitize(peer.Parent) + ")"
			}
		}
		who += fmt.Sprintf(", uid %d", peer.UID)
		if peer.User != "" {
			who += " (" + rules.Sanitize(peer.User) + ")"
		}
		line("asked by", who)
		if peer.Cwd != "" && peer.Cwd != ar.Dir {
			line("its cwd", shown(peer.Cwd))
		}
		line("via", rules.Sanitize(ar.Channel))
	}
	return strings.TrimRight(b.String(), "\n")
}

// shown returns s as it is when every character prints plainly, and
// quoted as bash would quote it otherwise; long text is cut.
func shown(s string) string {
	plain := utf8.ValidString(s)
	for _, r := range s {
		if !plain {
			break
		}
		if r == '\t' {
			continue
		}
		if !unicode.IsPrint(r) && r != ' ' || unicode.Is(unicode.Bidi_Control, r) {
			plain = false
		}
	}
	if !plain {
		s = parse.Quote(s)
	}
	return cut(s, maxShown)
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + fmt.Sprintf(" ... (%d more bytes)", len(s)-i)
}

// logDecision appends the decision to the decision log. A log that cannot
// be written does not change the decision: guard says so and goes on.
func (g *guard) logDecision(req *request, out outcome) {
	if g.cfg != nil && !g.cfg.LogEnabled() {
		return
	}
	d := req.Decision
	rec := journal.Record{
		Time:     journal.Now(),
		Decision: d.Action.String(),
		Result:   "blocked",
		How:      out.How,
		Answer:   out.Answer,
		Channel:  req.Channel,
		Cwd:      req.Dir,
		Findings: []journal.Finding{},
		PID:      os.Getpid(),
		PPID:     os.Getppid(),
		UID:      os.Getuid(),
	}
	if out.Run {
		rec.Result = "ran"
	}
	if out.Result != "" {
		rec.Result = out.Result
	}
	rec.Agent, rec.Session, rec.ToolUse = req.Agent, req.Session, req.ToolUse
	if rec.Agent == "" && !strings.HasPrefix(req.Channel, "hook") {
		rec.Agent = agentFromEnv()
	}
	rec.SetCommand(req.Text)
	rec.Checkpoint = out.Checkpoint
	rec.Parent = processName(rec.PPID)
	if len(d.Findings) > 0 {
		rec.Severity = d.Severity().String()
	}
	for _, f := range d.Findings {
		rec.Findings = append(rec.Findings, journal.Finding{Rule: f.Rule.ID, Severity: f.Severity.String(), Action: f.Action.String()})
	}
	rec.Allow = allowedBy(d)
	paths, err := g.paths()
	if err != nil {
		g.warnf("cannot write the decision log: %v; the decision stands", err)
		return
	}
	path := logFile(paths)
	if err := journal.Append(path, &rec); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == path {
			err = pe.Err
		}
		g.warnf("cannot write the decision log %s: %v; the decision stands", path, err)
	}
}

// allowedBy names what let findings of a decision pass, once each.
func allowedBy(d rules.Decision) string {
	var names []string
	for _, f := range d.Allowed {
		if !slices.Contains(names, f.AllowedBy) {
			names = append(names, f.AllowedBy)
		}
	}
	return strings.Join(names, ",")
}

// processName returns the name of process pid, where /proc tells it.
func processName(pid int) string {
	fd, err := unix.Open("/proc/"+strconv.Itoa(pid)+"/comm", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer unix.Close(fd)
	var b [64]byte
	n, err := unix.Read(fd, b[:])
	if err != nil || n <= 0 {
		return ""
	}
	return strings.TrimSpace(string(b[:n]))
}
