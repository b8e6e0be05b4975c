package main

import (
	"os"

	"github.com/guardsh/guard/internal/approve"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/tty"
)

// tiocstiCheck reports whether processes can type into guard's terminal
// prompt with TIOCSTI, and how to turn that off.
func tiocstiCheck() check {
	allowed, why := tty.TIOCSTI()
	if !allowed {
		return check{what: "terminal input", where: tty.TIOCSTISysctl, level: "ok", msg: "TIOCSTI is off (" + why + "): no process can type into a prompt"}
	}
	return check{what: "terminal input", where: tty.TIOCSTISysctl, level: "note",
		msg: "TIOCSTI is allowed (" + why + "): a process sharing the terminal could type an answer into a prompt, so every confirmation on the terminal asks for a typed code",
		fix: "sudo sysctl -w dev.tty.legacy_tiocsti=0, and to keep it: echo dev.tty.legacy_tiocsti=0 | sudo tee /etc/sysctl.d/60-no-tiocsti.conf"}
}

// hardenedCheck reports the set-up: the default one, where the agent runs
// as the person and can, with effort, forge the approver; or the hardened
// one, with the state of its shared directory.
func (g *guard) hardenedCheck() check {
	h := g.hardened()
	if h == nil {
		return check{what: "set-up", level: "note",
			msg: "default: an agent running as your own OS user can, with effort, change guard's files and stand in for the approver",
			fix: "sudo guard setup hardened --agent-user NAME runs agents as a user of their own (see docs/security.md)"}
	}
	c := check{what: "set-up", where: hardenedFile, level: "ok", msg: "hardened: " + h.String()}
	if err := approve.CheckShared(h.ApproverDir(), h.Person.UID, h.Agent.GID); err != nil {
		c.level, c.msg, c.fix = "problem", "hardened, but the approver's directory is not as it must be: "+err.Error(),
			"sudo guard setup hardened --undo, then set it up again"
	}
	if role := h.RoleOf(os.Getuid()); role != config.NotHardened {
		c.msg += "; you are its " + string(role)
	}
	return c
}
