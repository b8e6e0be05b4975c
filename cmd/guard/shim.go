package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/program"
)

// shimMode reports whether guard was started as a shim: under a name that
// is neither guard's own (guard, guard-linux-amd64, ...) nor a shell's.
// A shim is a link named after a CLI (terraform, kubectl, psql) pointing
// at guard; run under that name, guard checks the arguments and runs the
// real program in exec mode.
func shimMode(argv0 string) bool {
	// A login shell's argv[0] starts with a dash: -guard, -bash.
	name := strings.TrimPrefix(filepath.Base(argv0), "-")
	if name == "" || name == "." || name == string(filepath.Separator) {
		return false
	}
	return !strings.HasPrefix(name, "guard") && !isShellName(name)
}

// shimExec runs guard as the shim for name.
func (g *guard) shimExec(name string, args []string) int {
	return g.execMode("shim", append([]string{name}, args...))
}

// shimDir is where guard keeps its shims: beside the decision log, under
// the user's state directory, which rules protect from the agent.
func shimDir() (string, error) {
	home, err := homeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(config.For(home).State, "shims"), nil
}

// selfPath is the path other programs should run this guard by: the path
// it was started by when that is this binary (a stable /usr/local/bin/guard
// rather than the versioned file a package manager links it to), or else
// the resolved executable.
func (g *guard) selfPath() string {
	self := executable()
	cand := g.argv0
	if cand != "" && !strings.Contains(cand, "/") {
		if p, err := exec.LookPath(cand); err == nil {
			cand = p
		} else {
			cand = ""
		}
	}
	if cand != "" {
		if abs, err := filepath.Abs(cand); err == nil && self != "" && program.SameFile(abs, self) {
			return abs
		}
	}
	return self
}

func runShim(g *guard, args []string) int {
	fs := newFlags("shim")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard shim add NAME...
       guard shim list
       guard shim remove NAME...
       guard shim dir

A shim is a link named after a CLI (terraform, kubectl, psql, ...) in
guard's shim directory, pointing at guard. Put that directory first on
PATH (guard init bash prints the line) and every caller, person or agent,
in any shell, runs the CLI through guard: guard checks the arguments as
guard exec does, then runs the real program, found further down PATH.

  add     create shims (an existing shim is updated to this guard)
  list    show each shim, where it points and which real program it runs
  remove  delete shims (only links; never a real program)
  dir     print the shim directory

Examples:
  guard shim add terraform kubectl psql
  eval "$(guard init bash)"     # then: terraform destroy asks first

Exit status: 0 success, 64 usage error or a name that cannot be a shim,
70 when the shim directory cannot be written.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() == 0 {
		return g.usageError(fs, "shim needs add, list, remove or dir")
	}
	dir, err := shimDir()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	verb, names := fs.Arg(0), fs.Args()[1:]
	switch verb {
	case "add":
		return g.shimAdd(dir, names)
	case "list", "ls":
		if len(names) > 0 {
			g.errorf("shim list takes no arguments")
			return exitUsage
		}
		return g.shimList(dir)
	case "remove", "rm":
		return g.shimRemove(dir, names)
	case "dir":
		fmt.Fprintln(g.stdout, dir)
		return exitOK
	}
	g.errorf("unknown shim command %q (want add, list, remove or dir)", verb)
	return exitUsage
}

// checkShimName rejects names that cannot be a shim.
func checkShimName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("%q cannot be a shim name", name)
	case strings.ContainsAny(name, "/\x00") || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return fmt.Errorf("%q cannot be a shim name: give a program name, not a path", name)
	case strings.HasPrefix(name, "-"):
		return fmt.Errorf("%q cannot be a shim name", name)
	case strings.HasPrefix(name, "guard"):
		return fmt.Errorf("%q cannot be a shim: names starting with guard run guard itself", name)
	case isShellName(name):
		return fmt.Errorf("%q cannot be a shim: guard under a shell's name is that shell's stand-in (see guard install)", name)
	}
	return nil
}

func (g *guard) shimAdd(dir string, names []string) int {
	if len(names) == 0 {
		g.errorf("shim add needs at least one program name")
		return exitUsage
	}
	for _, n := range names {
		if err := checkShimName(n); err != nil {
			g.errorf("%v", err)
			return exitUsage
		}
	}
	target := g.selfPath()
	if target == "" {
		g.errorf("cannot find the guard binary to link to")
		return exitInternal
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	self := executable()
	status := exitOK
	for _, n := range names {
		link := filepath.Join(dir, n)
		if cur, err := os.Readlink(link); err == nil {
			if cur == target {
				fmt.Fprintf(g.stdout, "%s: already a shim\n", n)
				g.reportReal(dir, n)
				continue
			}
			if !program.IsGuard(link, self) && filepath.Base(cur) != "guard" {
				g.errorf("%s exists and points at %s, not at guard; remove it yourself if it is not needed", link, cur)
				status = exitUsage
				continue
			}
		} else if _, err := os.Lstat(link); err == nil {
			g.errorf("%s exists and is not a link; guard does not replace it", link)
			status = exitUsage
			continue
		}
		// Create the link beside its final name and rename it into place,
		// so that a shim is never missing while it is updated.
		tmp := link + ".guard-tmp"
		os.Remove(tmp)
		if err := os.Symlink(target, tmp); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		if err := os.Rename(tmp, link); err != nil {
			os.Remove(tmp)
			g.errorf("%v", err)
			return exitInternal
		}
		fmt.Fprintf(g.stdout, "%s: shim added: %s -> %s\n", n, link, target)
		g.reportReal(dir, n)
	}
	if !program.OnPath(dir) {
		g.hintf("put %s first on PATH: add the output of guard init bash (or zsh, fish) to your shell's rc file", dir)
	}
	return status
}

// reportReal says which real program a shim runs, or warns that there is
// none yet.
func (g *guard) reportReal(dir, name string) {
	real, err := program.Find(name, os.Getenv("PATH"), []string{dir}, executable())
	if err != nil {
		g.warnf("%s: no real %s on PATH yet; the shim fails until it is installed", name, name)
		return
	}
	fmt.Fprintf(g.stdout, "%s: runs %s\n", name, real)
}

func (g *guard) shimList(dir string) int {
	list, err := program.Shims(dir, executable())
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	if len(list) == 0 {
		fmt.Fprintf(g.stdout, "no shims in %s; add one with guard shim add NAME\n", dir)
		return exitOK
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SHIM\tRUNS\tSTATUS")
	for _, s := range list {
		st := "ok"
		if s.Problem != "" {
			st = s.Problem
		}
		real := s.Real
		if real == "" {
			real = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, real, st)
	}
	tw.Flush()
	if !program.OnPath(dir) {
		g.hintf("%s is not on PATH, so the shims are not used: see guard init", dir)
	}
	return exitOK
}

func (g *guard) shimRemove(dir string, names []string) int {
	if len(names) == 0 {
		g.errorf("shim remove needs at least one program name")
		return exitUsage
	}
	status := exitOK
	for _, n := range names {
		if err := checkShimName(n); err != nil {
			g.errorf("%v", err)
			status = exitUsage
			continue
		}
		p := filepath.Join(dir, n)
		st, err := os.Lstat(p)
		if err != nil {
			g.errorf("no shim %s in %s", n, dir)
			status = exitUsage
			continue
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			g.errorf("%s is not a link; guard removes only its own shims", p)
			status = exitUsage
			continue
		}
		if err := os.Remove(p); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		fmt.Fprintf(g.stdout, "%s: shim removed\n", n)
	}
	return status
}
