package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/guardsh/guard/internal/approve"
	"github.com/guardsh/guard/internal/tty"
)

func runApprove(g *guard, args []string) int {
	fs := newFlags("approve")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard approve

Runs the approver in this terminal. A guard that needs a person's answer
and has no terminal of its own (an agent running commands in the
background, such as Claude Code) sends its request here and waits, up to
settings.approver_timeout (default 2m). Requests are shown one at a time
with the command, the rule, the reason and who asked: process id, parent
process, user and working directory. Answer y to run the command; n,
Enter, Esc or Ctrl-C refuse it. For critical findings, type the code shown.

The approver listens on /tmp/guard-UID/approve.sock (directory 0700,
socket 0600) and accepts requests only from processes of its own user.
Only one approver runs per user. Ctrl-C while no request is shown stops
it; requests still waiting are then refused.

Example:
  guard approve

Exit status: 0 when stopped, 64 for a usage error, no terminal, or another
approver already running, 70 for an internal failure.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() > 0 {
		return g.usageError(fs, "approve takes no arguments, not %q", fs.Arg(0))
	}
	f, err := tty.Open()
	if err != nil || !tty.Foreground(f) {
		g.errorf("guard approve needs a terminal of its own, in the foreground")
		g.hintf("run it in a terminal window the agent does not use")
		return exitUsage
	}
	defer f.Close()
	if _, err := g.config(workDir()); err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	paths, err := g.paths()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	srv, err := g.listenApprover(paths)
	if err != nil {
		g.errorf("%v", err)
		return exitUsage
	}
	defer srv.Close()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	fmt.Fprintf(f, "guard approve: waiting for requests on %s (Ctrl-C to stop)\n", srv.Path())
	for n := 1; ; n++ {
		p, err := srv.Next(ctx)
		if err != nil {
			fmt.Fprintln(f, "guard approve: stopped; requests still waiting are refused.")
			return exitOK
		}
		answerRequest(ctx, f, srv, p, n)
		if ctx.Err() != nil {
			fmt.Fprintln(f, "guard approve: stopped; requests still waiting are refused.")
			return exitOK
		}
		fmt.Fprintln(f, "guard approve: waiting for requests (Ctrl-C to stop)")
	}
}

// answerRequest shows one request and sends the person's answer.
func answerRequest(ctx context.Context, f *os.File, srv *approve.Server, p *approve.Pending, n int) {
	title := fmt.Sprintf("guard approve: request %d", n)
	if w := srv.Waiting(); w > 0 {
		title += fmt.Sprintf(" (%d more waiting)", w)
	}
	title += ": run this command?"
	actx, cancel := context.WithCancel(p.Context())
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	a, err := tty.Ask(actx, f, tty.Question{
		Title:    title,
		Details:  describe(&p.Request, &p.Peer),
		Critical: p.Request.Critical,
		// The requester gives up at its deadline: count down to it, and
		// ring the bell for a person looking at another window.
		Deadline: p.Deadline(),
		Bell:     true,
	})
	switch {
	case p.Context().Err() != nil:
		fmt.Fprintln(f, "guard approve: the requester stopped waiting; nothing was answered.")
		return
	case err != nil && ctx.Err() == nil:
		fmt.Fprintf(f, "guard approve: the prompt failed (%v); answering no.\n", err)
		a = tty.No
	}
	if err := p.Answer(string(a)); err != nil {
		// The requester may give up in the instant between the prompt's
		// end and the answer: its socket is closed, and nothing was answered.
		if p.Context().Err() != nil || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) {
			fmt.Fprintln(f, "guard approve: the requester stopped waiting; nothing was answered.")
			return
		}
		fmt.Fprintf(f, "guard approve: could not send the answer: %v\n", err)
		return
	}
	if a == tty.Yes {
		fmt.Fprintf(f, "guard approve: approved: %s\n", shown(p.Request.Command))
	} else {
		fmt.Fprintf(f, "guard approve: refused (%s): %s\n", a, shown(p.Request.Command))
	}
}
