//go:build !linux

package main

func (g *guard) setupHardened(o setupOptions) int {
	g.errorf("guard setup hardened supports Linux only")
	return exitUsage
}

func (g *guard) setupUndo(o setupOptions) int { return g.setupHardened(o) }
