package setup

import (
	"fmt"
	"io"
)

// Options say what guard setup hardened is to do, and carry what only the
// guard binary knows.
type Options struct {
	// AgentUser is the OS user the agent runs as; Harden creates it when
	// it is missing.
	AgentUser string
	// Person is the user who answers guard's questions; "" means the user
	// who ran sudo ($SUDO_USER).
	Person string
	// DryRun describes each step and changes nothing.
	DryRun bool
	// Managed puts guard's hook in the agents' system-wide settings.
	Managed bool

	// Guard is the path of guard the agent's user is to run, and Self the
	// resolved path of the running binary.
	Guard, Self string
	// File and Base are where the hardened set-up is described and where
	// it keeps the person's files: config.HardenedFile and
	// config.HardenedBase, except in tests.
	File, Base string

	// Out receives a line for each step.
	Out io.Writer
	// Error reports a step that failed; Warn, one that could not be done
	// and is not needed.
	Error, Warn func(msg string)
}

// Error is a set-up that could not start (Usage) or in which a step
// failed. Msg is empty when the failed step was reported already.
type Error struct {
	Msg, Hint string
	Usage     bool
}

func (e *Error) Error() string {
	if e.Msg == "" {
		return "a step of the set-up failed"
	}
	return e.Msg
}

// usage is an Error for a set-up that cannot start.
func usage(format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), Usage: true}
}
