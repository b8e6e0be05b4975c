// Package sock is a Unix-domain stream socket, client and server, on the
// Go runtime's poller (so deadlines work), without the net package: in a
// build with cgo on, which is what go install makes, net brings in the C
// library for its name resolver, and a guard linked against libc pays
// for the dynamic loader on every command. guard needs no more of
// sockets than this: its approver talks over one socket in a private
// directory.
package sock
