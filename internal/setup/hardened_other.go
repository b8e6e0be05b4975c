//go:build !linux

package setup

import "github.com/guardsh/guard/internal/config"

// Harden sets up the hardened set-up; it supports Linux only.
func Harden(o Options) (*config.Hardened, error) {
	return nil, usage("guard setup hardened supports Linux only")
}

// Undo takes the hardened set-up away; it supports Linux only.
func Undo(o Options) (*config.Hardened, error) { return Harden(o) }
