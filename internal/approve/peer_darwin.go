package approve

import (
	"golang.org/x/sys/unix"

	"github.com/guardsh/guard/internal/sock"
)

// peerOf returns the credentials of the process at the other end of c.
func peerOf(c *sock.Conn) (Peer, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return Peer{}, err
	}
	var p Peer
	var cerr error
	err = raw.Control(func(fd uintptr) {
		var cred *unix.Xucred
		cred, cerr = unix.GetsockoptXucred(int(fd), unix.SOL_LOCAL, unix.LOCAL_PEERCRED)
		if cerr != nil {
			return
		}
		p.UID = int(cred.Uid)
		if len(cred.Groups) > 0 {
			p.GID = int(cred.Groups[0])
		}
		p.PID, _ = unix.GetsockoptInt(int(fd), unix.SOL_LOCAL, unix.LOCAL_PEERPID)
	})
	if err == nil {
		err = cerr
	}
	return p, err
}
