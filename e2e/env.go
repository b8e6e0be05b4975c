package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Versions reads versions.env: agent variable name to npm package spec.
func Versions(dir string) (map[string]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "versions.env"))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("versions.env: bad line %q", line)
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, sc.Err()
}

// CacheDir is where the agents are installed, reused between runs.
func CacheDir() string {
	if d := os.Getenv("GUARD_E2E_CACHE"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "guard-e2e")
	}
	// Not under /tmp: the sandbox mounts its own /tmp; not under the home
	// either: the sandbox mounts its own home.
	return "/var/tmp/guard-e2e-cache"
}

// ErrNoNPM says that npm or its registry cannot be reached: the one
// reason the suite may skip.
var ErrNoNPM = errors.New("npm cannot be reached")

var installMu sync.Mutex

// Install installs an npm package spec (name@version) into the cache and
// returns the directory holding its bin links. A finished install is
// marked, so that later runs reuse it without asking npm.
func Install(ctx context.Context, spec string) (string, error) {
	installMu.Lock()
	defer installMu.Unlock()
	dir := filepath.Join(CacheDir(), strings.NewReplacer("/", "_", "@", "_").Replace(strings.TrimPrefix(spec, "@")))
	bin := filepath.Join(dir, "node_modules", ".bin")
	done := filepath.Join(dir, ".installed")
	if _, err := os.Stat(done); err == nil {
		return bin, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("%w: no npm on PATH", ErrNoNPM)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	// npm's own cache goes in the suite's cache too: nothing is read from
	// or written to the real home.
	cmd := exec.CommandContext(ctx, npm, "install", "--prefix", dir, "--cache", filepath.Join(CacheDir(), "npm"),
		"--no-audit", "--no-fund", "--loglevel=error", "--no-save", spec)
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s := string(out)
		for _, e := range []string{"ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "network", "ENETUNREACH"} {
			if strings.Contains(s, e) {
				return "", fmt.Errorf("%w: %s", ErrNoNPM, lastLines(s, 5))
			}
		}
		return "", fmt.Errorf("npm install %s: %v\n%s", spec, err, lastLines(s, 20))
	}
	if err := os.WriteFile(done, []byte(spec+"\n"), 0o644); err != nil {
		return "", err
	}
	return bin, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Sandbox is a private home and /tmp for one case. Programs run in a
// mount namespace where Home is mounted over the account's home from the
// password database (guard reads its home from there, so setting HOME is
// not enough) and Tmp over /tmp. The real home is never touched.
type Sandbox struct {
	// Root holds Home and Tmp on the host.
	Root string
	// Home is the host directory mounted at HomeIn.
	Home string
	Tmp  string
	// HomeIn is the account's home as programs in the sandbox see it.
	HomeIn string
	// Env is the environment programs get, besides their own additions.
	Env []string
	// Binds are more host files mounted over paths in the sandbox
	// ({host, inside}), such as an /etc/passwd with another login shell.
	Binds [][2]string
}

// NewSandbox makes a sandbox under dir.
func NewSandbox(dir, homeIn string) (*Sandbox, error) {
	root, err := os.MkdirTemp(dir, "case-")
	if err != nil {
		return nil, err
	}
	s := &Sandbox{Root: root, Home: filepath.Join(root, "home"), Tmp: filepath.Join(root, "tmp"), HomeIn: homeIn}
	for _, d := range []string{s.Home, s.Tmp, filepath.Join(s.Home, "bin")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(s.Tmp, 0o1777); err != nil {
		return nil, err
	}
	return s, nil
}

// Path returns the host path of a path inside the sandbox's home.
func (s *Sandbox) Path(in string) string {
	if rel, err := filepath.Rel(s.HomeIn, in); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.Join(s.Home, rel)
	}
	if rel, err := filepath.Rel("/tmp", in); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.Join(s.Tmp, rel)
	}
	return in
}

// In returns the path inside the sandbox of a host path in its home.
func (s *Sandbox) In(host string) string {
	if rel, err := filepath.Rel(s.Home, host); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.Join(s.HomeIn, rel)
	}
	return host
}

// Result is what a program run in the sandbox did.
type Result struct {
	Stdout, Stderr string
	Exit           int
	TimedOut       bool
}

func (r Result) String() string {
	return fmt.Sprintf("exit %d (timed out: %v)\n--- stdout\n%s\n--- stderr\n%s", r.Exit, r.TimedOut, lastLines(r.Stdout, 60), lastLines(r.Stderr, 60))
}

// Run runs argv in the sandbox, in dir (a path inside the sandbox), with
// the sandbox's environment plus env, killing it after timeout.
func (s *Sandbox) Run(timeout time.Duration, dir string, env []string, stdin string, argv ...string) Result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := s.Command(ctx, dir, env, argv...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := Result{Stdout: out.String(), Stderr: errb.String(), TimedOut: ctx.Err() != nil}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.Exit = ee.ExitCode()
	case err != nil:
		r.Exit = -1
		r.Stderr += "\n(run error: " + err.Error() + ")"
	}
	return r
}

// Command returns the command that runs argv in the sandbox, for callers
// that need their own stdio (a terminal).
func (s *Sandbox) Command(ctx context.Context, dir string, env []string, argv ...string) *exec.Cmd {
	script := `mount --bind "$1" "$2" && mount --bind "$3" /tmp && cd "$4" && shift 4 && exec "$@"`
	for range s.Binds {
		script = `mount --bind "$1" "$2" && shift 2 && ` + script
	}
	var pre []string
	for _, b := range s.Binds {
		pre = append(pre, b[0], b[1])
	}
	args := append([]string{"-m", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh"}, pre...)
	args = append(append(args, s.Home, s.HomeIn, s.Tmp, dir), argv...)
	cmd := exec.CommandContext(ctx, "unshare", args...)
	cmd.Env = append(append([]string{}, s.Env...), env...)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// WriteFile writes a file at a path inside the sandbox.
func (s *Sandbox) WriteFile(in string, data string, perm os.FileMode) error {
	p := s.Path(in)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(data), perm)
}

// ReadFile reads a file at a path inside the sandbox; "" when missing.
func (s *Sandbox) ReadFile(in string) string {
	b, _ := os.ReadFile(s.Path(in))
	return string(b)
}

// Recorders are the programs that stand in for destructive ones: each
// appends its name and arguments to the record file and succeeds.
var Recorders = []string{"terraform", "curl", "rm", "kubectl", "psql"}

// recorderScript records one call: the program's name, then each argument
// in brackets.
const recorderScript = `#!/bin/sh
{ printf '%s' "${0##*/}"; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\n'; } >> "$HOME/recorded.log"
echo "recorded ${0##*/}"
`

// AddRecorders puts the recorders in the sandbox's ~/bin.
func (s *Sandbox) AddRecorders() error {
	for _, name := range Recorders {
		if err := s.WriteFile(filepath.Join(s.HomeIn, "bin", name), recorderScript, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// Recorded returns the recorder calls made so far, one per line.
func (s *Sandbox) Recorded() []string {
	text := strings.TrimSpace(s.ReadFile(filepath.Join(s.HomeIn, "recorded.log")))
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}
