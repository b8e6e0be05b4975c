package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// An append (>>, tee -a) loses nothing that is in a file: it adds lines
// after it. What the added lines do is what matters. In most system and
// credential files a line added is a change that needs a person: it
// grants access (authorized_keys, sudoers, passwd, pam.d, sshd_config),
// runs code (crontabs, profile.d, ld.so.preload, systemd units), is read
// at boot (fstab, crypttab, grub, modprobe.d: a bad line stops the
// machine coming up), forges a record (syslog, wtmp), or corrupts a file
// that holds one object (a private key, a certificate). A few files are
// lists of entries that each only name something for the reader: /etc/hosts
// (a name for an address) and the ssh client's config and known_hosts (a
// host alias, a host's key). A line appended to one of them adds a name
// and takes nothing away; those appends pass.

// appendedEntryList reports whether a redirection appends to a file of
// such entries.
func appendedEntryList(rd parse.Redirect) bool {
	if rd.Op != ">>" && rd.Op != "&>>" {
		return false
	}
	return entryList(rd.Target)
}

// entryList reports whether w names a file of entries that only name
// things: /etc/hosts, or an ssh client's config or known_hosts in a
// home's .ssh directory.
func entryList(w parse.Word) bool {
	if w.Dynamic || w.Glob || strings.Contains(w.Value, "/..") {
		return false
	}
	p := path.Clean(w.Value)
	if p == "/etc/hosts" {
		return true
	}
	dir, base := path.Split(p)
	if base != "config" && base != "known_hosts" {
		return false
	}
	dir = strings.TrimSuffix(dir, "/")
	// ~/.ssh/config, not /etc/ssh/sshd_config nor a .ssh directory below
	// some other tree's.
	return path.Base(dir) == ".ssh" && (strings.HasPrefix(dir, "/home/") || strings.HasPrefix(dir, "/Users/") || dir == "/root/.ssh") &&
		strings.Count(dir, "/") <= 3
}

// teeAppends reports whether a tee invocation appends (-a, --append) to
// its files rather than writing over them.
func teeAppends(v *view) bool {
	for _, f := range v.flags {
		if f == "--append" || strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.Contains(f, "a") {
			return true
		}
	}
	return false
}
