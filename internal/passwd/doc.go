// Package passwd looks up accounts in the password database without the
// C library, so that a default build of guard (cgo on) stays a static
// binary: os/user links libc through cgo, and a dynamically linked guard
// pays for the dynamic loader on every command.
//
// On Linux an account is looked up in /etc/passwd first. An account that
// is not there (one from LDAP, sssd or another NSS source) is looked up by
// running getent passwd KEY: getent from a fixed path (/usr/bin/getent or
// /bin/getent), with an empty environment, so that nothing the calling
// process controls (PATH, LD_PRELOAD, ...) reaches it, and with a
// timeout. getent asks NSS exactly as the C library would, so such
// accounts get the same answer as before; only they pay for the extra
// process. On other systems (macOS keeps its accounts in Directory
// Services) the lookups are os/user's, which there needs no cgo.
//
// Results, found or not, are kept for the life of the process.
package passwd
