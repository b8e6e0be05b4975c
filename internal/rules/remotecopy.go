package rules

import (
	"path"
	"strings"
)

// A copy to another host (scp, rsync to [USER@]HOST:PATH) overwrites what
// is at the destination there, as a local cp does here. Onto the host's
// root, its system programs and libraries, the files that say who may log
// in (passwd, shadow, sudoers, sshd's configuration, authorized_keys) or a
// store's data (dataPath), it breaks the host or replaces live data. A
// deploy into /srv, /opt, /var/www or a home directory, and a copy into
// /tmp, pass, as do configuration files of services (/etc/nginx).

// remoteAccessFiles are the files and directories under /etc that decide
// who may log in or become root.
const remoteAccessFiles = "/etc/passwd /etc/shadow /etc/group /etc/gshadow /etc/sudoers /etc/sudoers.d /etc/ssh /etc/pam.d " +
	"/etc/security /etc/fstab"

// copyOntoRemote matches a copy whose destination, the last operand, is a
// path on another host that holds the system, its logins or data.
func copyOntoRemote(v *view) (string, bool) {
	ops := v.operands
	if len(ops) < 2 {
		return "", false
	}
	dest := ops[len(ops)-1]
	host, p, ok := hostPath(dest.Value)
	if !ok {
		return "", false
	}
	if dest.Dynamic && strings.ContainsAny(p, "$`") {
		return "it copies onto " + host + " at a path only known at run time", true
	}
	if !strings.HasPrefix(p, "/") {
		// Relative to the login's home: judged by its name only.
		if strings.HasSuffix(path.Clean(p), "authorized_keys") {
			return "it replaces who may log in to " + host + " (" + p + ")", true
		}
		return "", false
	}
	if why := remoteSystemPath(path.Clean(p)); why != "" {
		return "it overwrites " + why + " on " + host, true
	}
	if tempPath(p) {
		return "", false
	}
	if why := dataPath(p); why != "" {
		return "it overwrites " + why + " on " + host, true
	}
	return "", false
}

// hostPath splits [USER@]HOST:PATH. A local path (./a:b, /x:y, ~/z), an
// rsync daemon module (HOST::MODULE) and a URL are not one.
func hostPath(s string) (host, p string, ok bool) {
	if s == "" || s[0] == '.' || s[0] == '/' || s[0] == '~' || s == "-" || strings.Contains(s, "://") {
		return "", "", false
	}
	host, p, ok = strings.Cut(s, ":")
	if !ok || host == "" || strings.HasPrefix(p, ":") || strings.Contains(host, "/") {
		return "", "", false
	}
	if p == "" {
		p = "."
	}
	return host, p, true
}

// remoteSystemPath says what a clean absolute path on another host is,
// when it is the root, the operating system itself or its logins.
func remoteSystemPath(p string) string {
	if p == "/" {
		return "the root directory"
	}
	if strings.HasSuffix(p, "/authorized_keys") {
		return "who may log in (" + p + ")"
	}
	for f := range strings.FieldsSeq(remoteAccessFiles) {
		if p == f || strings.HasPrefix(p, f+"/") {
			return "who may log in or mount (" + p + ")"
		}
	}
	for d := range strings.FieldsSeq(coreDirs) {
		if d == "/etc" || d == "/dev" || d == "/proc" || d == "/sys" {
			continue
		}
		if p == d || strings.HasPrefix(p, d+"/") {
			if strings.HasPrefix(p, "/usr/local/") || strings.HasPrefix(p, "/usr/share/") {
				return ""
			}
			return "the operating system (" + p + ")"
		}
	}
	return ""
}
