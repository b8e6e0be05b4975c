package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// More of the machine's long tail (packs/system-tail.toml): generations,
// storage taken offline, the clock, accounts, at jobs and the network.

// minKeptDays is the least age, in days, a deletion of old generations
// may keep for it to pass: a week leaves the last known good system.
const minKeptDays = 7

// newGenerationsDelete matches old generations deleted: nix-collect-
// garbage -d or --delete-older-than under a week, nix-env
// --delete-generations, nix profile wipe-history, guix's -d, and
// rpm-ostree cleanup of the rollback or pending deployment.
func newGenerationsDelete(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := tailArgs(inv)
		switch v.name {
		case "nix-collect-garbage", "nix-env", "nix":
			if v.name == "nix" && !tailHasOps(v, "profile", "wipe-history") {
				return "", false
			}
			for i, a := range args {
				name, val, has := strings.Cut(a.Value, "=")
				if !has && i+1 < len(args) {
					val = args[i+1].Value
				}
				switch name {
				case "-d", "--delete-old":
					if v.name == "nix-collect-garbage" {
						return parse.Quote(name) + " deletes every old generation", true
					}
				case "--delete-older-than", "--older-than":
					if d, ok := nixDays(val); !ok || d < minKeptDays {
						return parse.Quote(name+" "+val) + " keeps less than a week of generations", true
					}
					return "", false
				case "--delete-generations":
					if d, ok := nixDays(val); ok && d >= minKeptDays {
						return "", false
					}
					return parse.Quote(name+" "+val) + " deletes old generations", true
				}
			}
			if v.name == "nix" {
				return "nix profile wipe-history deletes every old generation", true
			}
		case "guix":
			for i, a := range args {
				w, val := a.Value, ""
				switch {
				case w == "-d" || w == "--delete-generations" || w == "delete-generations":
					if i+1 < len(args) {
						val = args[i+1].Value
					}
				case strings.HasPrefix(w, "--delete-generations="):
					val = strings.TrimPrefix(w, "--delete-generations=")
				case strings.HasPrefix(w, "-d") && len(w) > 2 && w[2] != '-':
					val = w[2:]
				default:
					continue
				}
				if d, ok := guixDays(val); ok && d >= minKeptDays {
					return "", false
				}
				return parse.Quote(w) + " deletes old generations", true
			}
		case "home-manager":
			at := -1
			for i, a := range args {
				if a.Value == "expire-generations" {
					at = i
					break
				}
			}
			if at < 0 || at+1 >= len(args) {
				return "", false
			}
			// The time starts with a dash ("-30 days"): read it as a word.
			ts := args[at+1]
			if d, ok := relativeDays(ts.Value); ok && !ts.Dynamic && d >= minKeptDays {
				return "", false
			}
			return "home-manager expire-generations " + parse.Quote(ts.Value) + " keeps less than a week of generations", true
		case "rpm-ostree":
			if tailFirstOp(v) != "cleanup" {
				return "", false
			}
			if f, ok := v.hasFlag([]string{"-r", "--rollback", "-p", "--pending"}); ok {
				return parse.Quote(f) + " deletes a deployment the machine can boot back into", true
			}
		}
		return "", false
	}, nil
}

// tailHasOps reports whether the operands start with the given words.
func tailHasOps(v *view, words ...string) bool {
	if len(v.operands) < len(words) {
		return false
	}
	for i, w := range words {
		if !strings.EqualFold(v.operands[i].Value, w) {
			return false
		}
	}
	return true
}

// nixDays reads nix's age spelling, 30d, in days.
func nixDays(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "d") {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	return n, err == nil
}

// guixDays reads guix's age spelling (10d, 2w, 1m) in days.
func guixDays(s string) (int, bool) {
	if len(s) < 2 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil {
		return 0, false
	}
	switch s[len(s)-1] {
	case 'd':
		return n, true
	case 'w':
		return 7 * n, true
	case 'm':
		return 30 * n, true
	}
	return 0, false
}

// relativeDays reads a relative time as date -d takes it, "-30 days",
// "-2 weeks" or "-1 month", in days.
func relativeDays(s string) (int, bool) {
	f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(s), "-"))
	if len(f) != 2 {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return 0, false
	}
	switch strings.TrimSuffix(strings.ToLower(f[1]), "s") {
	case "day":
		return n, true
	case "week":
		return 7 * n, true
	case "month":
		return 30 * n, true
	case "year":
		return 365 * n, true
	}
	return 0, false
}

// newLVMDeactivate matches vgchange or lvchange with -a/--activate set
// to a value that deactivates (n, ln, an).
func newLVMDeactivate(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := tailArgs(inv)
		for i, a := range args {
			w, val := a.Value, ""
			switch {
			case w == "-a" || w == "--activate":
				if i+1 < len(args) {
					val = args[i+1].Value
				}
			case strings.HasPrefix(w, "--activate="):
				val = strings.TrimPrefix(w, "--activate=")
			case len(w) > 2 && strings.HasPrefix(w, "-a") && w[2] != '-':
				val = w[2:]
			default:
				continue
			}
			if strings.Contains(strings.ToLower(val), "n") {
				return parse.Quote(w) + " deactivates the volumes", true
			}
		}
		return "", false
	}, nil
}

// newUnmountForced matches umount with -f, -l or -a (also in a cluster
// or spelled long), and diskutil unmount with force.
func newUnmountForced(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "diskutil" {
			op := tailFirstOp(v)
			if (op == "unmount" || op == "unmountdisk") && tailHasWord(v, "force") {
				return "diskutil " + op + " force", true
			}
			return "", false
		}
		for _, f := range v.flags {
			switch f {
			case "--force", "--lazy", "--all":
				return parse.Quote(f) + " unmounts by force or everything", true
			}
			if len(f) > 1 && f[0] == '-' && f[1] != '-' && isLetters(f[1:]) && strings.ContainsAny(f[1:], "fla") {
				return parse.Quote(f) + " unmounts by force or everything", true
			}
		}
		return "", false
	}, nil
}

// tailHasWord reports whether an operand is word, in any case.
func tailHasWord(v *view, word string) bool {
	for _, o := range v.operands {
		if strings.EqualFold(o.Value, word) {
			return true
		}
	}
	return false
}

// tailRemovableMounts are where removable and scratch file systems mount.
var tailRemovableMounts = []string{"/mnt", "/media", "/run/media", "/Volumes", "/tmp"}

// newRemountReadonly matches mount -o remount,ro of a file system that
// is not a removable or scratch mount.
func newRemountReadonly(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := tailArgs(inv)
		remount, ro := false, false
		target := ""
		for i := 0; i < len(args); i++ {
			w := args[i].Value
			opts := ""
			switch {
			case w == "-o" || w == "--options":
				if i+1 < len(args) {
					opts = args[i+1].Value
					i++
				}
			case strings.HasPrefix(w, "--options="):
				opts = strings.TrimPrefix(w, "--options=")
			case strings.HasPrefix(w, "-o") && len(w) > 2:
				opts = w[2:]
			case w == "-r" || w == "--read-only":
				ro = true
			case !strings.HasPrefix(w, "-"):
				target = w
			}
			for _, o := range strings.Split(opts, ",") {
				switch o {
				case "remount":
					remount = true
				case "ro":
					ro = true
				}
			}
		}
		if !remount || !ro {
			return "", false
		}
		for _, m := range tailRemovableMounts {
			if target != "" && under(target, m) {
				return "", false
			}
		}
		return "remounts " + parse.Quote(target) + " read-only", true
	}, nil
}

// newClockSet matches the clock set by hand: date -s or a date operand
// (MMDDhhmm[[CC]YY]) unless -j says not to set it, timedatectl
// set-time, and hwclock --set.
func newClockSet(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch v.name {
		case "timedatectl":
			if tailFirstOp(v) == "set-time" {
				return "timedatectl set-time sets the clock", true
			}
		case "hwclock":
			if f, ok := v.hasFlagExact([]string{"--set"}); ok {
				return parse.Quote(f) + " sets the hardware clock", true
			}
		default:
			if f, ok := v.hasFlag([]string{"-s", "--set"}); ok {
				return parse.Quote(f) + " sets the clock", true
			}
			if _, ok := v.hasFlagExact([]string{"-j", "-d", "--date", "-r", "--reference"}); ok {
				return "", false
			}
			for _, o := range v.operands {
				if tailDateOperand(o.Value) {
					return parse.Quote(o.Value) + " sets the clock", true
				}
			}
		}
		return "", false
	}, nil
}

// tailDateOperand reports whether s is date's setting operand: eight to
// twelve digits, with an optional .SS.
func tailDateOperand(s string) bool {
	s, _, _ = strings.Cut(s, ".")
	if len(s) < 8 || len(s) > 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// newBSDAccounts matches FreeBSD's pw deleting or locking a user or
// group (pw userdel, pw user del, pw lock), and rmuser and rmgroup.
func newBSDAccounts(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name != "pw" {
			return v.name + " deletes accounts", true
		}
		op := tailFirstOp(v)
		switch op {
		case "userdel", "groupdel", "lock":
			return "pw " + op, true
		case "user", "group":
			if len(v.operands) > 1 {
				if sub := strings.ToLower(v.operands[1].Value); sub == "del" || sub == "lock" {
					return "pw " + op + " " + sub, true
				}
			}
		}
		return "", false
	}, nil
}

// newAtRemoveMany matches atrm, at -r or at -d given several jobs, jobs
// only known at run time, or jobs appended by xargs.
func newAtRemoveMany(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "at" {
			if _, ok := v.hasFlagExact([]string{"-r", "-d"}); !ok {
				return "", false
			}
		}
		if inv.MoreArgs {
			return "removes the jobs another command lists", true
		}
		for _, o := range v.operands {
			if o.Dynamic || o.Glob {
				return "removes jobs only known at run time (" + parse.Quote(o.Value) + ")", true
			}
		}
		if len(v.operands) > 1 {
			return "removes " + strconv.Itoa(len(v.operands)) + " jobs", true
		}
		return "", false
	}, nil
}

// newFirewallDeleteBlind matches ufw delete by rule number and nft
// deleting or destroying a whole chain or table.
func newFirewallDeleteBlind(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "ufw" {
			if tailFirstOp(v) == "delete" && len(v.operands) > 1 && (tailDigits(v.operands[1].Value) || v.operands[1].Dynamic) {
				return "ufw delete " + v.operands[1].Value + " deletes a rule by its number", true
			}
			return "", false
		}
		if len(v.operands) < 2 {
			return "", false
		}
		verb, obj := tailFirstOp(v), strings.ToLower(v.operands[1].Value)
		if (verb == "delete" || verb == "destroy") && (obj == "chain" || obj == "table") || verb == "destroy" && obj == "ruleset" {
			return "nft " + verb + " " + obj + " removes every rule in it", true
		}
		if (verb == "delete" || verb == "destroy") && obj == "rule" {
			// nft delete rule ... handle $h: a handle only known at run
			// time, as a loop over the ruleset's handles gives it.
			last := v.operands[len(v.operands)-1]
			if last.Dynamic || inv.MoreArgs {
				return "nft " + verb + " rule by a handle only known at run time (" + parse.Quote(last.Value) + ")", true
			}
		}
		return "", false
	}, nil
}

// tailDigits reports whether s is a non-empty run of ASCII digits.
func tailDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// newNetworksetupOff matches networksetup turning a service or the Wi-Fi
// power off, or removing a service or location.
func newNetworksetupOff(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, f := range v.flags {
			switch strings.ToLower(f) {
			case "-removenetworkservice", "-deletelocation", "-deletepppoeservice":
				return parse.Quote(f), true
			case "-setnetworkserviceenabled", "-setairportpower":
				if tailHasWord(v, "off") {
					return parse.Quote(f) + " off", true
				}
			}
		}
		return "", false
	}, nil
}

// newUnlockRemoved matches systemd-cryptenroll wiping key slots other
// than a TPM, FIDO2 or PKCS#11 slot that the same call enrolls anew, and
// clevis luks unbind.
func newUnlockRemoved(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "clevis" {
			if tailHasOps(v, "luks", "unbind") {
				return "clevis luks unbind removes a binding that unlocks the disk", true
			}
			return "", false
		}
		args := tailArgs(inv)
		for i, a := range args {
			name, val, has := strings.Cut(a.Value, "=")
			if name != "--wipe-slot" {
				continue
			}
			if !has && i+1 < len(args) {
				val = args[i+1].Value
			}
			enrolls := map[string]string{"tpm2": "--tpm2-device", "fido2": "--fido2-device", "pkcs11": "--pkcs11-token-uri"}
			for _, slot := range strings.Split(val, ",") {
				opt, ok := enrolls[slot]
				if !ok || a.Dynamic {
					return parse.Quote(a.Value) + " wipes key slots that unlock the disk", true
				}
				if _, again := v.hasFlag([]string{opt}); !again {
					return parse.Quote(a.Value) + " wipes key slots that unlock the disk", true
				}
			}
		}
		return "", false
	}, nil
}
