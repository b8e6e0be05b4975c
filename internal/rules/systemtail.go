package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// The machine's long tail (packs/system-tail.toml): security frameworks,
// kernel modules, the boot loader, other init systems and accounts. Each
// matcher reads the words of one program's grammar; what the program
// does is decided by an option or the subcommand, so a few words each.

// tailArgs returns the program's own arguments after its name.
func tailArgs(inv *parse.Invocation) []parse.Word {
	own := inv.Own()
	if len(own) == 0 {
		return nil
	}
	return own[1:]
}

// tailFirstOp returns the first operand's value in lower case, or "".
func tailFirstOp(v *view) string {
	if len(v.operands) == 0 {
		return ""
	}
	return strings.ToLower(v.operands[0].Value)
}

// newSELinuxPolicyRemove matches semanage deleting policy (-d, -D) other
// than a permissive domain, semanage permissive -a, and semodule
// removing or disabling a module.
func newSELinuxPolicyRemove(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "semodule" {
			for _, a := range tailArgs(inv) {
				w := a.Value
				if w == "-r" || w == "-d" || strings.HasPrefix(w, "--remove") || strings.HasPrefix(w, "--disable=") || w == "--disable" ||
					len(w) > 2 && w[0] == '-' && w[1] != '-' && (w[1] == 'r' || w[1] == 'd') {
					return parse.Quote(w) + " removes or disables a policy module", true
				}
			}
			return "", false
		}
		obj := tailFirstOp(v)
		if obj == "permissive" {
			if f, ok := v.hasFlag([]string{"-a", "--add"}); ok {
				return parse.Quote(f) + " makes a domain permissive", true
			}
			return "", false
		}
		if f, ok := v.hasFlag([]string{"-d", "--delete", "-D", "--deleteall"}); ok {
			return parse.Quote(f) + " deletes SELinux " + obj + " policy", true
		}
		return "", false
	}, nil
}

// newApparmorOff matches the AppArmor tools that stop confining
// programs; apparmor_parser only with -R (remove).
func newApparmorOff(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name != "apparmor_parser" {
			return v.name + " stops AppArmor enforcing", true
		}
		if f, ok := v.hasFlag([]string{"-R", "--remove"}); ok {
			return parse.Quote(f) + " unloads the profiles", true
		}
		return "", false
	}, nil
}

// newPAMRewrite matches pam-auth-update removing a profile or forcing
// its own choice over local edits, authselect select --force (which
// overwrites the PAM files), and authconfig turning something off.
func newPAMRewrite(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch v.name {
		case "pam-auth-update":
			if f, ok := v.hasFlag([]string{"--remove", "--force"}); ok {
				return parse.Quote(f) + " rewrites the PAM configuration", true
			}
		case "authselect":
			if tailFirstOp(v) == "select" {
				if f, ok := v.hasFlag([]string{"-f", "--force"}); ok {
					return parse.Quote(f) + " overwrites the PAM files", true
				}
			}
		case "authconfig":
			for _, f := range v.flags {
				if strings.HasPrefix(f, "--disable") {
					return parse.Quote(f) + " turns off part of authentication", true
				}
			}
		}
		return "", false
	}, nil
}

// newModuleUnload matches a kernel module unloaded: rmmod, kldunload
// and kextunload with a module, kmutil unload, and modprobe -r unless
// it only shows what it would do (-n).
func newModuleUnload(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch v.name {
		case "modprobe":
			if _, ok := v.hasFlagExact([]string{"-n", "--dry-run", "--show", "--show-depends", "-D"}); ok {
				return "", false
			}
			if f, ok := v.hasFlag([]string{"-r", "--remove"}); ok {
				return parse.Quote(f) + " unloads the module", true
			}
			return "", false
		case "kmutil":
			if tailFirstOp(v) != "unload" {
				return "", false
			}
		}
		if len(v.operands) == 0 && len(v.flags) == 0 {
			return "", false
		}
		if _, ok := v.hasFlagExact([]string{"--help", "-h", "-V", "--version"}); ok {
			return "", false
		}
		return v.name + " unloads a kernel module", true
	}, nil
}

// newSysctlWrite matches sysctl setting a key (key=value, with or
// without -w) that with.allow does not list. An allow entry is a key
// pattern, or key=value for a key only one value of which is routine;
// keys are read with dots, so net/core/somaxconn is net.core.somaxconn.
// Loading files (-p, --system) passes: the edit of the file is judged.
func newSysctlWrite(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	allow := p.strings("allow")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, w := range v.operands {
			key, val, ok := strings.Cut(w.Value, "=")
			if !ok {
				continue
			}
			key = strings.ReplaceAll(strings.TrimSpace(key), "/", ".")
			val = strings.Trim(strings.TrimSpace(val), `"'`)
			if !strings.ContainsAny(key, "$`") && sysctlAllowed(allow, key, val, w.Dynamic && strings.ContainsAny(val, "$`")) {
				continue
			}
			return "sets the kernel setting " + parse.Quote(key), true
		}
		return "", false
	}, nil
}

// sysctlAllowed reports whether key=val is in the allow list; a value
// only known at run time passes only for a key allowed with any value.
func sysctlAllowed(allow []string, key, val string, dynVal bool) bool {
	for _, a := range allow {
		akey, aval, hasVal := strings.Cut(a, "=")
		if ok, _ := path.Match(akey, key); !ok {
			continue
		}
		if !hasVal || !dynVal && val == aval {
			return true
		}
	}
	return false
}

// newBootloaderWrite matches a boot loader installed or removed: the
// installers with any target, bootctl install and remove, and
// efibootmgr creating an entry (which goes first in the boot order).
func newBootloaderWrite(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if _, ok := v.hasFlagExact([]string{"--help", "-h", "-V", "--version"}); ok {
			return "", false
		}
		switch v.name {
		case "bootctl":
			if op := tailFirstOp(v); op == "install" || op == "remove" {
				return "bootctl " + op + " rewrites the EFI system partition", true
			}
			return "", false
		case "efibootmgr":
			if f, ok := v.hasFlag([]string{"-c", "--create"}); ok {
				return parse.Quote(f) + " adds a boot entry first in the boot order", true
			}
			return "", false
		}
		return v.name + " writes a boot loader", true
	}, nil
}

// newServiceOffOtherInit matches a service stopped, disabled or removed
// through chkconfig, FreeBSD's sysrc and service one-verbs, OpenBSD's
// rcctl, s6, dinit, and systemctl revert (which drops a unit's local
// configuration).
func newServiceOffOtherInit(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		ops := make([]string, 0, len(v.operands))
		for _, o := range v.operands {
			ops = append(ops, strings.ToLower(o.Value))
		}
		switch v.name {
		case "chkconfig":
			if _, ok := v.hasFlagExact([]string{"--del"}); ok {
				return "chkconfig --del removes the service", true
			}
			if slices.Contains(ops, "off") {
				return "turns the service off at boot", true
			}
		case "sysrc":
			if _, ok := v.hasFlagExact([]string{"-x"}); ok {
				return "sysrc -x removes a service setting", true
			}
			for _, o := range ops {
				k, val, ok := strings.Cut(o, "=")
				if ok && strings.HasSuffix(k, "_enable") && (falsy(strings.Trim(val, `"'`)) || strings.Trim(val, `"'`) == "") {
					return "disables " + parse.Quote(o), true
				}
			}
		case "service":
			for _, o := range ops {
				switch o {
				case "onestop", "forcestop", "disable", "onedisable", "delete":
					return "service " + o + " takes the service away", true
				}
			}
		case "rcctl", "dinitctl":
			if op := tailFirstOp(v); op == "stop" || op == "disable" || op == "unload" {
				return v.name + " " + op + " takes the service away", true
			}
		case "s6-rc":
			if _, ok := v.hasFlagExact([]string{"-d", "--down"}); ok && slices.Contains(ops, "change") {
				return "s6-rc -d brings services down", true
			}
		case "s6-svc":
			if f, ok := v.hasFlag([]string{"-d", "-k", "-x", "-D"}); ok {
				return parse.Quote(f) + " stops the service", true
			}
		case "systemctl":
			if _, ok := v.hasFlagExact([]string{"--user"}); !ok && tailFirstOp(v) == "revert" {
				return "systemctl revert drops the unit's local configuration", true
			}
		}
		return "", false
	}, nil
}
