package setup

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/passwd"
	"github.com/guardsh/guard/internal/program"
	"github.com/guardsh/guard/internal/safefile"
)

// fsAppendFL is the inode flag chattr +a sets.
const fsAppendFL = 0x00000020

// managedSettings are the agents' system-wide settings files that rank
// above the user's own, with guard's hook for each.
var managedSettings = []struct {
	agent, path string
}{
	{"claude", "/etc/claude-code/managed-settings.json"},
	{"gemini", "/etc/gemini-cli/settings.json"},
}

// run carries out steps, or for a dry run only describes them.
type run struct {
	o      Options
	failed bool
}

// do runs one step unless an earlier one failed.
func (r *run) do(what string, fn func() error) bool {
	if r.failed {
		return false
	}
	if r.o.DryRun {
		fmt.Fprintf(r.o.Out, "would %s\n", what)
		return true
	}
	if err := fn(); err != nil {
		r.o.Error(fmt.Sprintf("%s: %v", what, err))
		r.failed = true
		return false
	}
	fmt.Fprintf(r.o.Out, "%s: done\n", what)
	return true
}

// account is the set-up's description of the OS user u.
func account(u *passwd.User) config.Account {
	return config.Account{User: u.Name, UID: u.UID, GID: u.GID, Home: u.Home}
}

// lookupUser returns the account with the given name.
func lookupUser(name string) (*passwd.User, error) {
	u, err := passwd.LookupName(name)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// mkdirOwned makes dir (or fixes an existing one) with the owner, group
// and mode given.
func mkdirOwned(dir string, uid, gid int, mode os.FileMode) error {
	if err := os.Mkdir(dir, mode); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if err := os.Lchown(dir, uid, gid); err != nil {
		return err
	}
	return os.Chmod(dir, mode)
}

// writeOwned writes a file atomically with the owner, group and mode
// given.
func writeOwned(path string, data []byte, uid, gid int, mode os.FileMode) error {
	tmp := path + ".guard-tmp"
	os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chown(uid, gid)
	}
	if err == nil {
		err = f.Chmod(mode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// setAppendOnly sets or clears the append-only attribute of a file.
func setAppendOnly(path string, on bool) error {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	if err != nil {
		return err
	}
	if on {
		flags |= fsAppendFL
	} else {
		flags &^= fsAppendFL
	}
	return unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags))
}

// reachable reports whether a user other than the owner can run the file
// at path: every directory on the way must let others through.
func reachable(path string) bool {
	for p := path; ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm()&0o001 == 0 {
			return false
		}
		if p == "/" {
			return true
		}
	}
}

// Harden sets up the hardened set-up and returns its description. A step
// that fails is reported through o.Error and ends the set-up with an
// Error whose hint says how to take back the steps before it.
func Harden(o Options) (*config.Hardened, error) {
	if os.Geteuid() != 0 {
		return nil, usage("guard setup hardened needs root, to make a user and give files away: run it with sudo")
	}
	if h, err := config.LoadHardened(o.File); err != nil || h != nil {
		e := usage("%v", err)
		if err == nil {
			e = usage("a hardened set-up is already in place (%s): %s", o.File, h)
		}
		e.Hint = "undo it first with: sudo guard setup hardened --undo"
		return nil, e
	}
	name := o.Person
	if name == "" {
		name = os.Getenv("SUDO_USER")
	}
	if name == "" {
		return nil, usage("say who answers guard's questions: --person USER (or run setup with sudo as that user)")
	}
	pu, err := lookupUser(name)
	if err != nil {
		return nil, usage("no user %q: %v", name, err)
	}
	person := account(pu)
	if o.AgentUser == "" || o.AgentUser == person.User || o.AgentUser == "root" {
		return nil, usage("the agent needs a user of its own, not %q", o.AgentUser)
	}
	self := o.Guard
	if self == "" || !reachable(self) {
		return nil, usage("the agent's user cannot run guard at %s: install it where every user can (for example /usr/local/bin/guard) and run setup from there", self)
	}
	r := &run{o: o}
	h := &config.Hardened{Person: person}

	au, err := lookupUser(o.AgentUser)
	if err != nil {
		r.do("create the agent's user "+o.AgentUser+" (useradd --create-home --user-group)", func() error {
			out, err := exec.Command(sbin("useradd"), "--create-home", "--user-group", "--shell", "/bin/bash", o.AgentUser).CombinedOutput()
			if err != nil {
				return fmt.Errorf("%v: %s", err, strings.TrimSpace(string(out)))
			}
			return nil
		})
		h.CreatedUser = true
		if !o.DryRun && !r.failed {
			passwd.Forget()
			au, err = lookupUser(o.AgentUser)
			if err != nil {
				return nil, &Error{Msg: fmt.Sprintf("the new user %s cannot be found: %v", o.AgentUser, err)}
			}
		}
	}
	if au != nil {
		h.Agent = account(au)
		if h.Agent.UID == 0 {
			return nil, usage("the agent's user %s is root", o.AgentUser)
		}
	} else {
		h.Agent = config.Account{User: o.AgentUser, UID: -1, GID: -1}
	}
	h.Dir = filepath.Join(o.Base, strconv.Itoa(person.UID))
	p, a := person.UID, h.Agent.GID

	r.do("make "+o.Base+" (root, 0755)", func() error {
		if err := os.MkdirAll(filepath.Dir(o.Base), 0o755); err != nil {
			return err
		}
		return mkdirOwned(o.Base, 0, 0, 0o755)
	})
	r.do("make "+h.Dir+" (yours, the agent's group may enter: 0750)", func() error { return mkdirOwned(h.Dir, p, a, 0o750) })
	// setgid: the socket the approver makes there is in the agent's group
	// without the person having to belong to it.
	r.do("make "+h.ApproverDir()+" for the approver's socket (2750)", func() error { return mkdirOwned(h.ApproverDir(), p, a, 0o750|os.ModeSetgid) })
	r.do("make "+h.LogDir()+" (0750)", func() error { return mkdirOwned(h.LogDir(), p, a, 0o750) })
	logPath := filepath.Join(h.LogDir(), "log.jsonl")
	r.do("make the decision log "+logPath+" (yours, the agent may append: 0660)", func() error {
		f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND|unix.O_NOFOLLOW, 0o660)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Chown(p, a); err != nil {
			return err
		}
		return f.Chmod(0o660)
	})
	if !o.DryRun && !r.failed {
		if err := setAppendOnly(logPath, true); err == nil {
			h.AppendOnly = true
			fmt.Fprintf(o.Out, "make the log append-only (chattr +a): done\n")
		} else {
			o.Warn(fmt.Sprintf("the log cannot be made append-only here (%v): the agent could truncate it, which guard log --verify catches where the system log holds guard's anchors", err))
		}
	}
	cfgData := []byte("# guard's configuration in the hardened set-up: yours; the agent reads it.\n# See guard help and examples/config.toml.\n")
	if own, err := safefile.Read(filepath.Join(person.Home, ".config", "guard", "config.toml"), safefile.MaxConfig); err == nil {
		cfgData = own
	}
	r.do("write "+h.ConfigFile()+" (yours, the agent may read it: 0640)", func() error {
		if _, err := os.Lstat(h.ConfigFile()); err == nil {
			return os.Lchown(h.ConfigFile(), p, a)
		}
		return writeOwned(h.ConfigFile(), cfgData, p, a, 0o640)
	})
	if o.Managed {
		for _, m := range managedSettings {
			hk := managedHook(m.agent, shellQuoteWord(self)+" hook "+m.agent, install.OwnsHook(m.agent, person.Home, o.Self))
			path := m.path
			if o.File != config.HardenedFile {
				path = filepath.Join(filepath.Dir(filepath.Dir(o.File)), strings.TrimPrefix(path, "/etc/"))
			}
			if r.do("put guard's hook in "+path, func() error {
				old, _, err := install.ReadFile(path)
				if err != nil {
					return err
				}
				data, err := hk.Add(old)
				if err != nil {
					return err
				}
				if err := mkdirOwned(filepath.Dir(path), 0, 0, 0o755); err != nil {
					return err
				}
				return writeOwned(path, data, 0, 0, 0o644)
			}) {
				h.Managed = append(h.Managed, path)
			}
		}
	}
	desc, _ := json.MarshalIndent(h, "", "  ")
	r.do("record the set-up in "+o.File+" (root, 0644)", func() error {
		if err := mkdirOwned(filepath.Dir(o.File), 0, 0, 0o755); err != nil {
			return err
		}
		return writeOwned(o.File, append(desc, '\n'), 0, 0, 0o644)
	})
	if r.failed {
		return h, &Error{Hint: "the steps before the failure were done; sudo guard setup hardened --undo takes them back"}
	}
	return h, nil
}

// managedHook is guard's hook for agent in its system-wide settings.
func managedHook(agent, command string, ours func(string) bool) install.Hook {
	if agent == "claude" {
		return install.ClaudeHook(command, true, ours)
	}
	return install.GeminiHook(command, ours)
}

// Undo takes the hardened set-up described in o.File away, and returns
// the description it undid: nil when there is none. A step that fails is
// reported through o.Error and ends it with an Error.
func Undo(o Options) (*config.Hardened, error) {
	if os.Geteuid() != 0 {
		return nil, usage("guard setup hardened --undo needs root: run it with sudo")
	}
	h, err := config.LoadHardened(o.File)
	if err != nil {
		return nil, usage("%v", err)
	}
	if h == nil {
		return nil, nil
	}
	r := &run{o: o}
	for _, path := range h.Managed {
		agent := "claude"
		if strings.Contains(path, "gemini") {
			agent = "gemini"
		}
		hk := managedHook(agent, "", install.OwnsHook(agent, h.Person.Home, o.Self))
		r.do("take guard's hook out of "+path, func() error {
			old, _, err := install.ReadFile(path)
			if err != nil || old == nil {
				return err
			}
			data, err := hk.Remove(old)
			if err != nil {
				return err
			}
			if strings.TrimSpace(string(data)) == "{}" {
				return os.Remove(path)
			}
			return writeOwned(path, data, 0, 0, 0o644)
		})
	}
	logPath := filepath.Join(h.LogDir(), "log.jsonl")
	keep := filepath.Join(h.Person.Home, ".local", "state", "guard", "hardened-log-"+time.Now().UTC().Format("20060102T150405Z")+".jsonl")
	if _, err := os.Lstat(logPath); err == nil || o.DryRun {
		r.do("move the decision log to "+keep, func() error {
			setAppendOnly(logPath, false)
			dir := filepath.Dir(keep)
			for _, d := range []string{filepath.Join(h.Person.Home, ".local"), filepath.Join(h.Person.Home, ".local", "state"), dir} {
				if err := os.Mkdir(d, 0o700); err == nil {
					os.Lchown(d, h.Person.UID, h.Person.GID)
				}
			}
			data, err := os.ReadFile(logPath)
			if err != nil {
				return err
			}
			return writeOwned(keep, data, h.Person.UID, h.Person.GID, 0o600)
		})
	}
	r.do("remove "+h.Dir, func() error {
		setAppendOnly(logPath, false)
		return os.RemoveAll(h.Dir)
	})
	if h.CreatedUser {
		r.do("remove the agent's user "+h.Agent.User+" and its home (userdel --remove)", func() error {
			out, err := exec.Command(sbin("userdel"), "--remove", h.Agent.User).CombinedOutput()
			if err != nil {
				return fmt.Errorf("%v: %s", err, strings.TrimSpace(string(out)))
			}
			return nil
		})
	}
	r.do("remove "+o.File, func() error { return os.Remove(o.File) })
	if r.failed {
		return h, &Error{}
	}
	return h, nil
}

// sbin finds a system program, which sudo's PATH may leave out.
func sbin(name string) string {
	for _, d := range []string{"/usr/sbin", "/sbin", "/usr/bin", "/bin"} {
		if p := filepath.Join(d, name); program.Executable(p) {
			return p
		}
	}
	return name
}

// shellQuoteWord quotes a path for a hook command line.
func shellQuoteWord(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
