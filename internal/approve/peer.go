package approve

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/passwd"
)

// Peer is the process at the other end of a connection, as the kernel
// reports it, with what /proc adds where there is one.
type Peer struct {
	PID, UID, GID int
	// User is the name of UID, when known.
	User string
	// PPID and Parent are the parent process and its name.
	PPID   int
	Parent string
	// Command is the process's own name, Cwd its working directory.
	Command string
	Cwd     string
}

// fill adds what the process table says about the peer. Anything it cannot
// read stays empty.
func (p *Peer) fill() {
	if u, err := passwd.LookupUID(p.UID); err == nil {
		p.User = u.Name
	}
	if p.PID <= 0 {
		return
	}
	p.Command = procComm(p.PID)
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.PID)); err == nil {
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i >= 0 {
			f := strings.Fields(s[i+1:])
			if len(f) > 1 {
				p.PPID, _ = strconv.Atoi(f[1])
			}
		}
	}
	if p.PPID > 0 {
		p.Parent = procComm(p.PPID)
	}
	if d, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", p.PID)); err == nil {
		p.Cwd = d
	}
}

func procComm(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
