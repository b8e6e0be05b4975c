package approve

import (
	"fmt"
	"os"
	"syscall"
)

// In the hardened set-up (guard setup hardened) the agent runs as an OS
// user of its own, and the approver as the person. The approver's
// directory then belongs to the person, with the agent's group allowed to
// enter it but not to write in it (0750), so that the agent can reach the
// socket (0660, the same group) and can neither replace it nor listen in
// its place. The approver takes requests only from the agent's uid, and
// guard, as the agent, takes answers only from a listener running as the
// person: each side checks the other with SO_PEERCRED.

// ListenShared runs an approver in dir, which the hardened set-up made:
// owned by this user, in group gid, not writable by anyone else. It
// accepts requests only from peerUID.
func ListenShared(dir string, peerUID, gid int) (*Server, error) {
	return listen(dir, peerUID, gid)
}

// CheckShared checks that dir is a real directory owned by uid, in group
// gid, that no one else can write in.
func CheckShared(dir string, uid, gid int) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%w: %s is not a directory", ErrUntrusted, dir)
	}
	if owner := ownerOf(st); owner != uid {
		return fmt.Errorf("%w: %s is owned by uid %d, not %d", ErrUntrusted, dir, owner, uid)
	}
	if g := groupOf(st); g != gid {
		return fmt.Errorf("%w: %s is in group %d, not %d", ErrUntrusted, dir, g, gid)
	}
	if st.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%w: %s has mode %v; only its owner may write in it", ErrUntrusted, dir, st.Mode().Perm())
	}
	return nil
}

// checkReachable is the requester's check of the approver's directory:
// owned by uid, and writable by nobody else, so that nobody else can
// have put the socket there. A private directory (0700) and a shared one
// (0750) both pass.
func checkReachable(dir string, uid int) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%w: %s is not a directory", ErrUntrusted, dir)
	}
	if owner := ownerOf(st); owner != uid {
		return fmt.Errorf("%w: %s is owned by uid %d, not %d", ErrUntrusted, dir, owner, uid)
	}
	if st.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%w: %s has mode %v; only its owner may write in it", ErrUntrusted, dir, st.Mode().Perm())
	}
	return nil
}

func groupOf(st os.FileInfo) int {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Gid)
	}
	return -1
}

// shareSocket lets group gid connect to the socket at path. In a setgid
// directory of that group the socket is in it already; otherwise the
// approver must belong to the group to give it away.
func shareSocket(path string, gid int) error {
	st, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if groupOf(st) != gid {
		if err := os.Lchown(path, -1, gid); err != nil {
			return fmt.Errorf("cannot give the socket to group %d (make its directory setgid, or join the group): %v", gid, err)
		}
	}
	return os.Chmod(path, 0o660)
}
