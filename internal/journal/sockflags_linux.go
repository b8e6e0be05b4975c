package journal

import "golang.org/x/sys/unix"

// socketFlags are set on the anchor's socket as it is made.
const socketFlags = unix.SOCK_CLOEXEC | unix.SOCK_NONBLOCK
