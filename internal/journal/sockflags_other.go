//go:build !linux

package journal

// socketFlags are set on the anchor's socket as it is made. Other systems
// take no flags there; the socket is closed right after one send, which
// does not wait (MSG_DONTWAIT).
const socketFlags = 0
