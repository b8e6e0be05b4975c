package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/guardsh/guard/internal/safefile"
)

// In the hardened set-up (guard setup hardened) the agent runs as an OS
// user of its own, and guard's configuration, its decision log and the
// approver belong to the person. HardenedFile, which only root can write,
// says who is who and where those files are:
//
//	/var/lib/guard/<person uid>/          person, agent's group, 0750
//	    config.toml                       person, 0640: the rules for both
//	    log/log.jsonl                     person, agent's group, 0660 (append-only where the filesystem allows)
//	    approve/approve.sock              person, agent's group, 0660
//
// guard running as the agent then reads its user configuration from
// there (and refuses that file unless the person owns it), never from the
// agent's own home, which the agent can write; it logs there and asks
// only an approver that runs as the person. guard running as the person
// uses the same files, and its approver accepts only the agent's uid.

// HardenedFile is where the hardened set-up is described.
const HardenedFile = "/etc/guard/hardened.json"

// HardenedBase is where the hardened set-up keeps the person's files.
const HardenedBase = "/var/lib/guard"

// Hardened describes the hardened set-up.
type Hardened struct {
	Person Account `json:"person"`
	Agent  Account `json:"agent"`
	// Dir is the person's directory of guard files, under HardenedBase.
	Dir string `json:"dir"`
	// CreatedUser reports that the set-up created the agent's account,
	// so that undoing it removes the account again.
	CreatedUser bool `json:"created_user,omitempty"`
	// Managed lists system-wide agent settings files the set-up put
	// guard's hook in.
	Managed []string `json:"managed,omitempty"`
	// AppendOnly reports that the log has the append-only attribute.
	AppendOnly bool `json:"append_only,omitempty"`
}

// Account is an OS user.
type Account struct {
	User string `json:"user"`
	UID  int    `json:"uid"`
	GID  int    `json:"gid"`
	Home string `json:"home,omitempty"`
}

// ConfigFile, LogDir and ApproverDir are the hardened set-up's files.
func (h *Hardened) ConfigFile() string  { return filepath.Join(h.Dir, "config.toml") }
func (h *Hardened) LogDir() string      { return filepath.Join(h.Dir, "log") }
func (h *Hardened) ApproverDir() string { return filepath.Join(h.Dir, "approve") }

// LoadHardened reads the hardened set-up's description at path. It
// returns nil and no error when there is none. The file and its
// directory must belong to root and be writable by nobody else: anything
// else is an error, since a description the agent could write would let
// it pick guard's configuration.
func LoadHardened(path string) (*Hardened, error) {
	for _, p := range []string{filepath.Dir(path), path} {
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		s, ok := st.Sys().(*syscall.Stat_t)
		if !ok || s.Uid != 0 || st.Mode().Perm()&0o022 != 0 || st.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s must be a file or directory of root's that only root can write; the hardened set-up is ignored", p)
		}
	}
	data, err := safefile.Read(path, 64<<10)
	if err != nil {
		return nil, err
	}
	var h Hardened
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if h.Dir == "" || !filepath.IsAbs(h.Dir) || h.Person.UID == h.Agent.UID {
		return nil, fmt.Errorf("%s does not describe a hardened set-up", path)
	}
	return &h, nil
}

// Role is the part the running user plays in the hardened set-up.
type Role string

// The roles.
const (
	NotHardened Role = ""
	AgentRole   Role = "agent"
	PersonRole  Role = "person"
)

// RoleOf returns the part uid plays.
func (h *Hardened) RoleOf(uid int) Role {
	switch {
	case h == nil:
		return NotHardened
	case uid == h.Agent.UID:
		return AgentRole
	case uid == h.Person.UID:
		return PersonRole
	}
	return NotHardened
}

// Harden moves a user's paths to the hardened set-up's, for the agent and
// for the person; other users keep their own.
func (p *Paths) Harden(h *Hardened, uid int) {
	if h.RoleOf(uid) == NotHardened {
		return
	}
	p.Hardened = h
	p.User = h.ConfigFile()
	p.UserOwner = h.Person.UID
	p.State = h.LogDir()
	p.Runtime = h.ApproverDir()
}

// ApproverOwner returns the uid an approver must run as for the user
// running guard: the person's in the hardened set-up, or the user's own.
func (p *Paths) ApproverOwner() int {
	if p.Hardened != nil {
		return p.Hardened.Person.UID
	}
	return os.Getuid()
}

// String is the description as guard doctor shows it.
func (h *Hardened) String() string {
	return "person " + h.Person.User + " (uid " + strconv.Itoa(h.Person.UID) + "), agent " + h.Agent.User +
		" (uid " + strconv.Itoa(h.Agent.UID) + "), files in " + h.Dir
}
