package main

import "github.com/guardsh/guard/internal/tty"

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
