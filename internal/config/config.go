package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/guardsh/guard/internal/allow"
	"github.com/guardsh/guard/internal/passwd"
	"github.com/guardsh/guard/internal/rules"
	"github.com/guardsh/guard/internal/safefile"
	"github.com/guardsh/guard/internal/writes"
)

// SystemFile is the administrator's configuration file.
const SystemFile = "/etc/guard/config.toml"

// ProjectFile is the name of a repository's own configuration file.
const ProjectFile = ".guard.toml"

// Paths are where guard keeps its files for one user.
type Paths struct {
	// Home is the user's home directory from the password database.
	Home string
	// System is the system configuration file.
	System string
	// User is the user's configuration file.
	User string
	// State is the directory for the decision log.
	State string
	// Runtime is the directory for the approver's socket: /tmp/guard-UID,
	// not under $TMPDIR, so that the agent's environment cannot move it and
	// every process of the user finds the same approver.
	Runtime string
	// UserOwner, when 0 or more, is the uid that must own the user
	// configuration file: the person's, in the hardened set-up.
	UserOwner int
	// Hardened is the hardened set-up the paths come from, or nil.
	Hardened *Hardened
}

// For returns the paths for a user with the given home directory.
func For(home string) Paths {
	uid := strconv.Itoa(os.Getuid())
	return Paths{
		Home:      home,
		System:    SystemFile,
		User:      filepath.Join(home, ".config", "guard", "config.toml"),
		State:     filepath.Join(home, ".local", "state", "guard"),
		Runtime:   filepath.Join("/tmp", "guard-"+uid),
		UserOwner: -1,
	}
}

// Home returns the current user's home directory from the password
// database (see package passwd for how accounts from NSS are found).
func Home() (string, error) {
	u, err := passwd.LookupUID(os.Getuid())
	if err != nil {
		return "", fmt.Errorf("cannot find the home directory of uid %d: %v", os.Getuid(), err)
	}
	if u.Home == "" || !filepath.IsAbs(u.Home) {
		return "", fmt.Errorf("uid %d has no usable home directory", os.Getuid())
	}
	return u.Home, nil
}

// Settings are the options a system or user file sets in its [settings]
// table. A project file cannot set them.
type Settings struct {
	// Shell is the real shell guard runs commands with; the default is
	// the first bash found in the usual places.
	Shell string `toml:"shell"`
	// ConfirmTimeout is how long a prompt waits for an answer.
	ConfirmTimeout Duration `toml:"confirm_timeout"`
	// ApproverTimeout is how long a request waits for guard approve.
	ApproverTimeout Duration `toml:"approver_timeout"`
	// HookAllow makes hooks approve commands guard finds safe, instead of
	// leaving the decision to the agent's own permission settings.
	HookAllow bool `toml:"hook_allow"`
	// Log turns the decision log off when false.
	Log *bool `toml:"log"`
	// Checkpoints, when false, stops guard keeping a checkpoint before a
	// command that destroys files or git work runs. CheckpointMaxAge is
	// how long checkpoints are kept (default 7 days), CheckpointMaxBytes
	// how much they may hold in all before the oldest go (default 5 GB).
	Checkpoints        *bool    `toml:"checkpoints"`
	CheckpointMaxAge   Duration `toml:"checkpoint_max_age"`
	CheckpointMaxBytes int64    `toml:"checkpoint_max_bytes"`
}

// Duration is a time.Duration written as "30s" or "2m".
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("bad duration %q: write it like 30s or 2m", b)
	}
	if v <= 0 {
		return fmt.Errorf("duration %q must be positive", b)
	}
	d.Duration = v
	return nil
}

// Config is the effective configuration.
type Config struct {
	Rules    *rules.Set
	Settings Settings
	Paths    Paths
	// Project is the project file that was applied, if any.
	Project string
	// Problems are files that did not parse and changes that were refused.
	// None of them stops guard: the embedded rules stay in force.
	Problems []error
	// Allow is guard allow's list of standing exceptions.
	Allow *allow.File
}

// AllowFile is guard allow's list, beside the user's configuration file.
func (p Paths) AllowFile() string { return filepath.Join(filepath.Dir(p.User), allow.FileName) }

// LogFile is the decision log.
func (p Paths) LogFile() string { return filepath.Join(p.State, "log.jsonl") }

// ShellLink is the bash-named link to guard that Claude Code's
// CLAUDE_CODE_SHELL points at: Claude Code takes a shell only if its path
// contains bash or zsh, and guard under the name bash is bash's stand-in.
func (p Paths) ShellLink() string { return filepath.Join(p.State, "shell", "bash") }

// LogEnabled reports whether decisions are logged.
func (c *Config) LogEnabled() bool { return c.Settings.Log == nil || *c.Settings.Log }

// Load builds the effective configuration for a user with the given paths
// working in dir.
func Load(p Paths, dir string) (*Config, error) {
	set, err := rules.Default()
	if err != nil {
		return nil, err
	}
	c := &Config{Rules: set, Paths: p}
	// guard allow's list is read only when a finding asks (package allow).
	c.Allow = &allow.File{Path: p.AllowFile(), Owner: p.UserOwner}
	c.Settings.ConfirmTimeout.Duration = 60 * time.Second
	c.Settings.ApproverTimeout.Duration = 120 * time.Second
	c.apply(p.System, rules.System)
	if p.UserOwner >= 0 && !ownedBy(p.User, p.UserOwner) {
		c.Problems = append(c.Problems, fmt.Errorf("%s is not owned by uid %d, as the hardened set-up requires; ignored", p.User, p.UserOwner))
	} else {
		c.apply(p.User, rules.User)
	}
	if proj := FindProject(dir); proj != "" {
		c.Project = proj
		c.apply(proj, rules.Project)
	}
	return c, nil
}

func (c *Config) apply(name string, layer rules.Layer) {
	if name == "" {
		return
	}
	// The agent can write the user's and the project's files: a FIFO, a
	// device, a link to /dev/zero or a huge file is refused, never waited
	// on, and the embedded rules stay in force.
	data, err := safefile.Read(name, safefile.MaxConfig)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %v", name, pe.Err)
		}
		c.Problems = append(c.Problems, err)
		return
	}
	f, err := rules.ParseFile(name, data)
	if err != nil {
		c.Problems = append(c.Problems, err)
		return
	}
	switch {
	case layer == rules.Project:
		// Any [settings] table, even an empty or a broken one, is refused.
		if f.HasSettings() {
			c.Problems = append(c.Problems, fmt.Errorf("%s: a project file cannot change [settings]; ignored", name))
		}
	default:
		// Decode into a copy, so that a table with an error changes
		// nothing rather than the settings before the error.
		s := c.Settings
		if s.Log != nil {
			v := *s.Log
			s.Log = &v
		}
		if err := f.DecodeSettings(&s); err != nil {
			c.Problems = append(c.Problems, err)
		} else {
			c.Settings = s
		}
	}
	c.Problems = append(c.Problems, c.Rules.Apply(f, layer)...)
}

// ownedBy reports whether the file at name, if there is one, belongs to
// uid; a missing file counts as owned.
func ownedBy(name string, uid int) bool {
	st, err := os.Lstat(name)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(s.Uid) == uid
}

// FindProject returns the project file for dir: the nearest .guard.toml in
// dir or a parent, looking no further up than the repository root (the
// first directory holding .git).
func FindProject(dir string) string {
	if dir == "" {
		return ""
	}
	for d := filepath.Clean(dir); ; {
		f := underDir(d, ProjectFile)
		if isRegular(f) {
			return f
		}
		if exists(underDir(d, ".git")) {
			return ""
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// underDir joins a clean directory and a name without cleaning again.
func underDir(d, name string) string {
	switch d {
	case ".":
		return name
	case string(filepath.Separator):
		return d + name
	}
	return d + string(filepath.Separator) + name
}

// isRegular reports whether p is a regular file, following links. It
// calls stat itself: FindProject runs for every command, for each
// directory up to the repository, and os.Stat allocates a FileInfo each.
func isRegular(p string) bool {
	var st syscall.Stat_t
	for {
		err := syscall.Stat(p, &st)
		if err == syscall.EINTR {
			continue
		}
		return err == nil && uint32(st.Mode)&syscall.S_IFMT == syscall.S_IFREG
	}
}

// exists reports whether p exists, without following a final link.
func exists(p string) bool {
	var st syscall.Stat_t
	for {
		err := syscall.Lstat(p, &st)
		if err == syscall.EINTR {
			continue
		}
		return err == nil
	}
}

// Context returns the rule context for commands run in dir. The
// protected paths are guard's own (its config files, state directory with
// the log, checkpoints and shims, the approver's runtime directory, and
// extraProtected, such as its executable) and every agent's hook settings
// in dir, in every directory above it, in the home directory and where
// the agents' environment variables (CLAUDE_CONFIG_DIR, CODEX_HOME,
// GEMINI_CLI_HOME) move them. The environment can only add to the list.
func (c *Config) Context(dir string, extraProtected ...string) rules.Context {
	extra := append([]string{filepath.Dir(c.Paths.System), c.Paths.System, c.Paths.User, filepath.Dir(c.Paths.User),
		c.Paths.State, filepath.Join(c.Paths.State, "log.jsonl"), c.Paths.Runtime}, extraProtected...)
	protected := writes.Protected(c.Paths.Home, dir, os.Getenv, extra...)
	ctx := rules.Context{Dir: dir, Home: c.Paths.Home, Protected: protected}
	if c.Allow != nil {
		ctx.Allow = c.Allow
	}
	return ctx
}

// ProjectRoot returns the repository root holding dir (the nearest
// directory with a .git), or dir itself.
func ProjectRoot(dir string) string {
	if dir == "" {
		return ""
	}
	for d := filepath.Clean(dir); ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}
