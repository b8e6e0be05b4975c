package doctor

import (
	"os"

	"github.com/guardsh/guard/internal/approve"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/tty"
)

// tiocstiCheck reports whether processes can type into guard's terminal
// prompt with TIOCSTI, and how to turn that off.
func tiocstiCheck() Check {
	allowed, why := tty.TIOCSTI()
	if !allowed {
		return Check{What: "terminal input", Where: tty.TIOCSTISysctl, Level: "ok", Message: "TIOCSTI is off (" + why + "): no process can type into a prompt"}
	}
	return Check{What: "terminal input", Where: tty.TIOCSTISysctl, Level: "note",
		Message: "TIOCSTI is allowed (" + why + "): a process sharing the terminal could type an answer into a prompt, so every confirmation on the terminal asks for a typed code",
		Fix:     "sudo sysctl -w dev.tty.legacy_tiocsti=0, and to keep it: echo dev.tty.legacy_tiocsti=0 | sudo tee /etc/sysctl.d/60-no-tiocsti.conf"}
}

// hardenedCheck reports the set-up: the default one, where the agent runs
// as the person and can, with effort, forge the approver; or the hardened
// one, with the state of its shared directory.
func (r *runner) hardenedCheck() Check {
	h := r.Hardened()
	if h == nil {
		return Check{What: "set-up", Level: "note",
			Message: "default: an agent running as your own OS user can, with effort, change guard's files and stand in for the approver",
			Fix:     "sudo guard setup hardened --agent-user NAME runs agents as a user of their own (see docs/security.md)"}
	}
	c := Check{What: "set-up", Where: r.HardenedFile, Level: "ok", Message: "hardened: " + h.String()}
	if err := approve.CheckShared(h.ApproverDir(), h.Person.UID, h.Agent.GID); err != nil {
		c.Level, c.Message, c.Fix = "problem", "hardened, but the approver's directory is not as it must be: "+err.Error(),
			"sudo guard setup hardened --undo, then set it up again"
	}
	if role := h.RoleOf(os.Getuid()); role != config.NotHardened {
		c.Message += "; you are its " + string(role)
	}
	return c
}
