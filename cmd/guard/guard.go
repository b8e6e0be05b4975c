package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/rules"
)

// guard holds what every subcommand needs: the standard streams and the
// configuration, loaded once.
type guard struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	argv0          string

	cfg    *config.Config
	cfgErr error

	hardenedDone  bool
	hardenedSetup *config.Hardened

	// helped is the flag set whose help was last printed, for the man
	// page and completions.
	helped *flag.FlagSet
}

// homeDir and systemFile are variables so that tests can point guard at a
// temporary home. Nothing in guard itself changes them: guard never reads
// its paths from the environment of the process it checks.
var (
	homeDir    = config.Home
	systemFile = config.SystemFile
)

func (g *guard) errorf(format string, args ...any) {
	fmt.Fprintf(g.stderr, "guard: error: "+format+"\n", args...)
}

func (g *guard) hintf(format string, args ...any) {
	fmt.Fprintf(g.stderr, "guard: hint: "+format+"\n", args...)
}

func (g *guard) warnf(format string, args ...any) {
	fmt.Fprintf(g.stderr, "guard: warning: "+format+"\n", args...)
}

// warn prints a warning that is already a whole message.
func (g *guard) warn(msg string) { g.warnf("%s", msg) }

// config loads the configuration for commands run in dir, once. Problems
// in config files are reported and do not stop guard: the embedded rules
// stay in force.
func (g *guard) config(dir string) (*config.Config, error) {
	if g.cfg != nil || g.cfgErr != nil {
		return g.cfg, g.cfgErr
	}
	home, err := homeDir()
	if err != nil {
		g.cfgErr = err
		return nil, err
	}
	p := config.For(home)
	p.System = systemFile
	g.harden(&p)
	g.cfg, g.cfgErr = config.Load(p, dir)
	if g.cfg != nil {
		for _, e := range g.cfg.Problems {
			g.errorf("%v", e)
		}
		if len(g.cfg.Problems) > 0 {
			g.hintf("the embedded rules and the rest of the config stay in force; run guard doctor to check the config")
		}
	}
	return g.cfg, g.cfgErr
}

// workDir returns the working directory, or "" when it cannot be known.
func workDir() string {
	d, err := os.Getwd()
	if err != nil {
		return ""
	}
	return d
}

// executable returns the resolved path of the running guard binary.
func executable() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	if runtime.GOOS == "linux" {
		// The kernel's /proc/self/exe, which os.Executable reads, has no
		// symbolic links left in it.
		return p
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// liveContext returns the context for rules on a command about to run in
// dir on this machine: the rules may read the disk and the repositories
// it touches.
func (g *guard) liveContext(cfg *config.Config, dir string) rules.Context {
	ctx := g.ruleContext(cfg, dir)
	ctx.State = newProbe(cfg)
	return ctx
}

// newProbe returns a probe of the disk and repositories for one command.
func newProbe(cfg *config.Config) *blast.Probe {
	p := blast.New(cfg.Paths.Home)
	p.Environ = os.Environ
	return p
}

// ruleContext returns the context for rules on commands run in dir.
func (g *guard) ruleContext(cfg *config.Config, dir string) rules.Context {
	ctx := cfg.Context(dir, executable())
	// bash expands ~ with the HOME it is given, so that is what the
	// analysis uses; which directory is the home still comes from the
	// password database.
	if h := os.Getenv("HOME"); filepath.IsAbs(h) {
		ctx.ShellHome = filepath.Clean(h)
	}
	return ctx
}
