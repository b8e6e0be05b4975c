package gitstate

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// candidates are where git is looked for. PATH belongs to the agent and
// may hold a git that lies.
var candidates = []string{"/usr/bin/git", "/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"}

// DefaultTimeout bounds each git process.
const DefaultTimeout = 2 * time.Second

// Git runs git on repositories.
type Git struct {
	// Path is git's absolute path; empty when no git was found. New
	// leaves it to be looked up when git first runs.
	Path  string
	found bool
	// Home is the HOME git is given, for the user's own config and
	// excludes: the home directory from the password database.
	Home string
	// Timeout bounds each git process; 0 means DefaultTimeout.
	Timeout time.Duration
}

// New returns a Git for the first git found in the usual places, looked
// up when it first runs, so that a Git costs nothing until it is used.
func New(home string) *Git {
	return &Git{Home: home}
}

// Find looks git up, once, unless Path was set.
func (g *Git) Find() string {
	if g.found || g.Path != "" {
		return g.Path
	}
	g.found = true
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			g.Path = c
			break
		}
	}
	return g.Path
}

// ErrNoGit is returned when no git was found.
var ErrNoGit = errors.New("no git found")

// ErrNotRepo is returned for a directory that is not in a work tree.
var ErrNotRepo = errors.New("not in a git work tree")

// safeConfig switches off what would run a program or reach the network.
// Filter drivers are switched off by name, per repository.
var safeConfig = [][2]string{
	{"core.fsmonitor", "false"},
	{"core.hooksPath", "/dev/null"},
	{"core.pager", "cat"},
	{"core.sshCommand", "false"},
	{"core.askPass", ""},
	{"core.untrackedCache", "false"},
	{"diff.external", ""},
	{"credential.helper", ""},
	{"protocol.allow", "never"},
	{"gc.auto", "0"},
	{"maintenance.auto", "false"},
	{"commit.gpgSign", "false"},
	{"tag.gpgSign", "false"},
	{"log.showSignature", "false"},
	{"submodule.recurse", "false"},
	{"diff.ignoreSubmodules", "all"},
	{"status.submoduleSummary", "false"},
	{"status.relativePaths", "false"},
	{"core.quotePath", "false"},
	{"advice.detachedHead", "false"},
}

// env builds git's environment: nothing from guard's own, which is the
// agent's, beyond a fixed PATH and the user's home; config from the
// command line of the environment (GIT_CONFIG_COUNT), so that no value
// needs quoting.
func (g *Git) env(extra [][2]string) []string {
	env := []string{
		"PATH=/usr/bin:/bin:/usr/local/bin",
		"LC_ALL=C",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_PAGER=cat",
	}
	if g.Home != "" {
		env = append(env, "HOME="+g.Home)
	}
	cfg := append(append([][2]string(nil), safeConfig...), extra...)
	env = append(env, "GIT_CONFIG_COUNT="+strconv.Itoa(len(cfg)))
	for i, kv := range cfg {
		n := strconv.Itoa(i)
		env = append(env, "GIT_CONFIG_KEY_"+n+"="+kv[0], "GIT_CONFIG_VALUE_"+n+"="+kv[1])
	}
	return env
}

func (g *Git) timeout() time.Duration {
	if g.Timeout > 0 {
		return g.Timeout
	}
	return DefaultTimeout
}

// command returns a git process run in dir.
func (g *Git) command(ctx context.Context, dir string, extra [][2]string, args ...string) *exec.Cmd {
	full := append([]string{"--no-pager", "--literal-pathspecs", "--no-optional-locks"}, args...)
	cmd := exec.CommandContext(ctx, g.Path, full...)
	cmd.Dir = dir
	cmd.Env = g.env(extra)
	cmd.Stdin = nil
	// WaitDelay bounds the wait for git's output after it exits, when a
	// process it started holds the pipes open. It is not a deadline for
	// the copy itself: on a loaded machine the last of a cat-file
	// --batch's output can take longer than a tenth of a second to be
	// read, which failed an undo with "WaitDelay expired".
	cmd.WaitDelay = 2 * time.Second
	return cmd
}

// output runs git and returns its standard output.
func (g *Git) output(dir string, extra [][2]string, stdin []byte, args ...string) ([]byte, error) {
	if g == nil || g.Find() == "" {
		return nil, ErrNoGit
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout())
	defer cancel()
	cmd := g.command(ctx, dir, extra, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{b: &stderr, n: 4096}
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("git %s: timed out", args[0])
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, &Error{Args: args, Msg: msg, Err: err}
	}
	return out, nil
}

// Error is a git process that failed.
type Error struct {
	Args []string
	Msg  string
	Err  error
}

func (e *Error) Error() string { return "git " + e.Args[0] + ": " + e.Msg }

// ExitCode returns git's exit status, or -1.
func (e *Error) ExitCode() int {
	var ee *exec.ExitError
	if errors.As(e.Err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

type limitedBuffer struct {
	b *bytes.Buffer
	n int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.n - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// records runs git and calls each for every NUL-terminated record of its
// output, stopping the process when each returns false.
func (g *Git) records(dir string, extra [][2]string, each func(rec string) bool, args ...string) error {
	if g == nil || g.Find() == "" {
		return ErrNoGit
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout())
	defer cancel()
	cmd := g.command(ctx, dir, extra, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{b: &stderr, n: 4096}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	r := bufio.NewReaderSize(out, 64<<10)
	stopped := false
	for {
		rec, err := r.ReadString(0)
		if err != nil {
			break
		}
		if !each(rec[:len(rec)-1]) {
			stopped = true
			cancel()
			break
		}
	}
	io.Copy(io.Discard, r)
	werr := cmd.Wait()
	if stopped {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("git %s: timed out", args[0])
	}
	if werr != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = werr.Error()
		}
		return &Error{Args: args, Msg: msg, Err: werr}
	}
	return nil
}

// Repo is one work tree of a repository.
type Repo struct {
	git *Git
	// Top is the work tree's top directory.
	Top string
	// GitDir is the repository directory of this work tree.
	GitDir string
	// CommonDir is the repository directory shared by every work tree.
	CommonDir string
	// extra switches off the filter drivers the repository's config names.
	extra [][2]string
}

// Open returns the work tree holding dir. git looks for it from dir
// upwards; a dir inside .git, or in a bare repository, is ErrNotRepo.
func (g *Git) Open(dir string) (*Repo, error) {
	if g == nil || g.Find() == "" {
		return nil, ErrNoGit
	}
	out, err := g.output(dir, nil, nil, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--absolute-git-dir", "--git-common-dir")
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) && strings.Contains(ge.Msg, "not a git repository") {
			return nil, ErrNotRepo
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 4 || lines[0] != "true" || !filepath.IsAbs(lines[1]) {
		return nil, ErrNotRepo
	}
	r := &Repo{git: g, Top: filepath.Clean(lines[1]), GitDir: filepath.Clean(lines[2])}
	r.CommonDir = lines[3]
	if !filepath.IsAbs(r.CommonDir) {
		r.CommonDir = filepath.Join(dir, r.CommonDir)
	}
	r.CommonDir = filepath.Clean(r.CommonDir)
	// Every filter driver any config file names is switched off: a clean
	// filter runs when git reads a work-tree file.
	cfg, err := g.output(dir, nil, nil, "config", "-z", "--get-regexp", `^filter\.`)
	if err != nil {
		var ge *Error
		if !errors.As(err, &ge) || ge.ExitCode() != 1 {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, rec := range strings.Split(string(cfg), "\x00") {
		key, _, _ := strings.Cut(rec, "\n")
		if !strings.HasPrefix(key, "filter.") {
			continue
		}
		i := strings.LastIndexByte(key, '.')
		name := key[len("filter."):i]
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		for _, v := range []string{"clean", "smudge", "process"} {
			r.extra = append(r.extra, [2]string{"filter." + name + "." + v, ""})
		}
		r.extra = append(r.extra, [2]string{"filter." + name + ".required", "false"})
	}
	return r, nil
}

// Output runs git in the work tree with the safe configuration and
// returns its standard output.
func (r *Repo) Output(args ...string) ([]byte, error) {
	return r.git.output(r.Top, r.extra, nil, args...)
}

// Input runs git with stdin and returns its standard output.
func (r *Repo) Input(stdin []byte, args ...string) ([]byte, error) {
	return r.git.output(r.Top, r.extra, stdin, args...)
}

// OutputEnv runs git with extra environment variables (GIT_INDEX_FILE)
// and stdin.
func (r *Repo) OutputEnv(env []string, stdin []byte, args ...string) ([]byte, error) {
	if r.git == nil || r.git.Find() == "" {
		return nil, ErrNoGit
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.git.timeout())
	defer cancel()
	cmd := r.git.command(ctx, r.Top, r.extra, args...)
	cmd.Env = append(cmd.Env, env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{b: &stderr, n: 4096}
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, &Error{Args: args, Msg: msg, Err: err}
	}
	return out, nil
}

// Rel returns p relative to the work tree's top, and whether p is inside
// it (the top itself gives ".").
func (r *Repo) Rel(p string) (string, bool) {
	rel, err := filepath.Rel(r.Top, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// RevParse resolves a revision to an object id, or "" when it does not
// resolve.
func (r *Repo) RevParse(rev string) string {
	if strings.HasPrefix(rev, "-") {
		return ""
	}
	out, err := r.Output("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
