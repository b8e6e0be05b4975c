package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Local modes of platform CLIs: some CLIs of hosted platforms act on a
// copy of the platform kept on this machine when told so, and the data
// they delete there is a development copy that the next run recreates.
// The emulator rules (emulator.go) let their findings pass when
//
//   - wrangler's d1, kv and r2 data commands run with --local and without
//     --remote (Miniflare's state under .wrangler/);
//   - firebase's firestore, database and auth commands run with the
//     matching emulator's host (FIRESTORE_EMULATOR_HOST,
//     FIREBASE_DATABASE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST) on
//     this machine, assigned in the command itself, or against a demo-
//     project, the prefix Firebase reserves for emulators (no such
//     project can exist in the cloud);
//   - supabase runs with --local and nothing that names a linked project
//     (--linked, --db-url, --project-ref);
//   - cbt runs with BIGTABLE_EMULATOR_HOST on this machine.
//
// Without the option (wrangler's default was the remote database before
// version 3), or with --remote, they keep asking. A production word
// keeps asking too, except in the name of a local copy itself: wrangler's
// local copy of prod-db is named after the database it mirrors.

// wranglerLocalCommands are the wrangler subcommands that take --local:
// the ones that read and write data. Others (d1 delete, kv namespace
// delete, r2 bucket delete) act on the account whatever they are told.
var wranglerLocalCommands = [][]string{
	{"d1", "execute"}, {"d1", "migrations", "apply"}, {"d1", "export"},
	{"kv", "key"}, {"kv", "bulk"}, {"kv:key"}, {"kv:bulk"}, {"r2", "object"},
}

// wranglerValueFlags are the wrangler options that take the next word as
// their value.
const wranglerValueFlags = "--command --file --binding --namespace-id --env -e --config -c --persist-to --ttl --expiration " +
	"--expiration-ttl --metadata --path --pipe --output --table"

// firebaseEmulatorEnv names, for each firebase command family, the
// variable that points it at its emulator.
var firebaseEmulatorEnv = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"firestore": "FIRESTORE_EMULATOR_HOST",
		"database":  "FIREBASE_DATABASE_EMULATOR_HOST",
		"auth":      "FIREBASE_AUTH_EMULATOR_HOST",
	}
}}

// leadingOperands returns the words after the program's name up to the
// first option.
func leadingOperands(args []parse.Word) []string {
	var out []string
	for _, a := range args[min(1, len(args)):] {
		if a.Dynamic || strings.HasPrefix(a.Value, "-") {
			break
		}
		out = append(out, a.Value)
	}
	return out
}

// boolFlag returns whether the option name is set among args, as name,
// name=true or name=false, and whether it appears at all.
func boolFlag(args []parse.Word, name string) (on, seen bool) {
	for _, a := range args {
		if a.Value == name {
			on, seen = true, true
			continue
		}
		if v, ok := strings.CutPrefix(a.Value, name+"="); ok {
			seen = true
			on = v != "false" && v != "0"
		}
	}
	return on, seen
}

// hasOption reports whether one of the options names appears among args,
// alone or with =value.
func hasOption(args []parse.Word, names ...string) bool {
	return slices.ContainsFunc(args, func(a parse.Word) bool {
		name, _, _ := strings.Cut(a.Value, "=")
		return slices.Contains(names, name)
	})
}

// wranglerLocal reports whether a wrangler command works on the local
// copy of its data.
func wranglerLocal(args []parse.Word) bool {
	path := leadingOperands(args)
	known := slices.ContainsFunc(wranglerLocalCommands, func(c []string) bool {
		return len(path) >= len(c) && slices.Equal(path[:len(c)], c)
	})
	if !known || slices.ContainsFunc(args, func(a parse.Word) bool { return a.Dynamic && strings.HasPrefix(a.Value, "-") }) {
		return false
	}
	local, _ := boolFlag(args, "--local")
	remote, seenRemote := boolFlag(args, "--remote")
	return local && !remote && !seenRemote
}

// firebaseLocal reports whether a firebase command is aimed at an
// emulator or at a demo project.
func firebaseLocal(inv *parse.Invocation, args []parse.Word) bool {
	for i := 1; i < len(args); i++ {
		name, val, has := strings.Cut(args[i].Value, "=")
		if name != "--project" && name != "-P" {
			continue
		}
		if !has && i+1 < len(args) {
			i++
			val = args[i].Value
		}
		if args[i].Dynamic {
			return false
		}
		if strings.HasPrefix(val, "demo-") && len(val) > len("demo-") {
			return true
		}
	}
	path := leadingOperands(args)
	if len(path) == 0 {
		return false
	}
	family, _, _ := strings.Cut(path[0], ":")
	env, ok := firebaseEmulatorEnv.Get()[family]
	return ok && emulatorHostAssigned(inv, env)
}

// emulatorHostAssigned reports whether the command assigns the variable
// name a host:port on this machine.
func emulatorHostAssigned(inv *parse.Invocation, name string) bool {
	w, ok := inv.Env(name)
	if !ok || w.Dynamic {
		return false
	}
	// host:port, or [::1]:port. The net package is not used: it links C.
	v := strings.TrimSpace(w.Value)
	i := strings.LastIndexByte(v, ':')
	if i <= 0 || i == len(v)-1 || strings.Trim(v[i+1:], "0123456789") != "" {
		return false
	}
	host := v[:i]
	if strings.HasPrefix(host, "[") != strings.HasSuffix(host, "]") || strings.Contains(strings.Trim(host, "[]"), ":") && !strings.HasPrefix(host, "[") {
		return false
	}
	return localDBHost(host)
}

// supabaseLocal reports whether a supabase command is told to work on the
// local stack and names no linked project.
func supabaseLocal(args []parse.Word) bool {
	local, _ := boolFlag(args, "--local")
	return local && !hasOption(args, "--linked", "--db-url", "--project-ref") &&
		!slices.ContainsFunc(args, func(a parse.Word) bool { return a.Dynamic && strings.HasPrefix(a.Value, "-") })
}

// localCopyProd returns the production marker of an invocation aimed at a
// local copy, leaving out the names of the copies themselves (wrangler's
// operands), or "" when there is none.
func localCopyProd(inv *parse.Invocation, ctx *Context) string {
	if inv.Name != "wrangler" {
		return prodMarker(inv, ctx)
	}
	c := *inv
	c.Args = nil
	args := inv.Own()
	for i, a := range args {
		if i > 0 && !strings.HasPrefix(a.Value, "-") && !a.Dynamic {
			if prev := args[i-1].Value; !wordlist.Has(wranglerValueFlags, prev) {
				continue
			}
		}
		c.Args = append(c.Args, a)
	}
	return prodMarker(&c, ctx)
}
