package main

import (
	"fmt"
	"os"

	"github.com/guardsh/guard/internal/approve"
	"github.com/guardsh/guard/internal/config"
)

// hardenedFile and hardenedBase are where the hardened set-up lives.
// They are variables only so that tests can build one in a temporary
// directory; guard never takes them from the environment.
var (
	hardenedFile = config.HardenedFile
	hardenedBase = config.HardenedBase
)

// hardened returns the hardened set-up, loaded once; nil when there is
// none. A description guard cannot trust is reported and ignored.
func (g *guard) hardened() *config.Hardened {
	if g.hardenedDone {
		return g.hardenedSetup
	}
	g.hardenedDone = true
	h, err := config.LoadHardened(hardenedFile)
	if err != nil {
		g.errorf("%v", err)
		return nil
	}
	g.hardenedSetup = h
	return h
}

// harden moves guard's paths to the hardened set-up's when the running
// user is its agent or its person.
func (g *guard) harden(p *config.Paths) {
	if h := g.hardened(); h != nil {
		p.Harden(h, os.Getuid())
	}
}

// listenApprover starts the approver for paths: in the hardened set-up,
// as the person, in the shared directory and for the agent's uid only.
func (g *guard) listenApprover(p config.Paths) (*approve.Server, error) {
	h := p.Hardened
	switch h.RoleOf(os.Getuid()) {
	case config.AgentRole:
		return nil, fmt.Errorf("guard approve runs as the person (%s), not as the agent's user %s", h.Person.User, h.Agent.User)
	case config.PersonRole:
		return approve.ListenShared(runtimeDir(p), h.Agent.UID, h.Agent.GID)
	}
	return approve.Listen(runtimeDir(p))
}
