package rules

import (
	"path"
	"strings"
)

// Option matching, shared by every rule: how an option named in a rule
// (flags, also_flags, not_flags) is found among the options a command
// gives, whatever the spelling.
//
//   - --opt=value and --opt value are the same option, and a rule's
//     --replicas=0 matches both spellings when the tool declares --replicas
//     in its value_flags;
//   - --force=true is --force, and --force=false, =no, =off, =0 or =none
//     is not;
//   - short options cluster (-rf is -r and -f), but a cluster stops at an
//     option that takes a value: -bfeature is -b feature, not -f;
//   - for tools with abbrev = true (git, GNU getopt_long), an unambiguous
//     prefix of a long option is that option: git push --forc is --force.
//     Abbreviations count only where they make a rule match (flags,
//     also_flags), never where they would keep it from matching
//     (not_flags): the full set of the tool's options, which decides
//     whether a prefix is ambiguous, is not known here.

// hasFlag reports whether any of the given options is present, reading
// abbreviations where the tool accepts them.
func (v *view) hasFlag(specs []string) (string, bool) {
	abbrev := v.tool != nil && v.tool.Abbrev
	if f, ok := v.findFlag(specs, abbrev); ok || len(v.dashVals) == 0 {
		return f, ok
	}
	// A value that looks like an option: docker rm -f -v.
	dash := &view{flags: v.dashVals, tool: v.tool}
	return dash.findFlag(specs, abbrev)
}

// hasFlagExact is hasFlag without abbreviations, for not_flags.
func (v *view) hasFlagExact(specs []string) (string, bool) {
	return v.findFlag(specs, false)
}

func (v *view) findFlag(specs []string, abbrev bool) (string, bool) {
	clusters := v.tool == nil || !v.tool.LongSingleDash
	var valueFlags []string
	if v.tool != nil {
		valueFlags = v.tool.ValueFlags
	}
	for _, spec := range specs {
		glob := hasGlob(spec)
		name, want, hasWant := strings.Cut(spec, "=")
		for i, f := range v.flags {
			if f == spec {
				return f, true
			}
			fname, fval, fhas := strings.Cut(f, "=")
			if glob {
				if ok, _ := path.Match(spec, f); ok {
					return f, true
				}
				if !fhas && v.hasVal(i) {
					if ok, _ := path.Match(spec, f+"="+v.vals[i]); ok {
						return f, true
					}
				}
				continue
			}
			if hasWant {
				// --replicas=0: the option with that value, attached or
				// given as the next word.
				if fname != name && !(abbrev && isAbbrev(fname, name)) {
					continue
				}
				switch {
				case fhas && strings.EqualFold(fval, want):
					return f, true
				case !fhas && v.hasVal(i) && strings.EqualFold(v.vals[i], want):
					return f + " " + v.vals[i], true
				}
				continue
			}
			if len(spec) > 2 && fhas && fname == spec {
				if !falsy(fval) {
					return f, true
				}
				continue
			}
			if abbrev && isAbbrev(fname, spec) && !(fhas && falsy(fval)) {
				return f, true
			}
			// -r in -rf: a cluster of short options.
			if clusters && len(spec) == 2 && spec[0] == '-' && spec[1] != '-' && clusterHas(f, spec[1], valueFlags) {
				return f, true
			}
		}
	}
	return "", false
}

// clusterHas reports whether the short option c is in the cluster f (-rf),
// reading the cluster up to an option that takes a value and is followed
// by at least three more letters, which are its value: -bfeature is -b
// feature. A shorter rest is still read as options (-sfv), since a tool's
// value_flags hold the options of all its subcommands and may not be
// those of this one.
func clusterHas(f string, c byte, valueFlags []string) bool {
	if len(f) < 3 || f[1] == '-' || !isLetters(f[1:]) {
		return false
	}
	for j := 1; j < len(f); j++ {
		if f[j] == c {
			return true
		}
		if len(f)-j-1 < 3 {
			continue
		}
		for _, vf := range valueFlags {
			if len(vf) == 2 && vf[0] == '-' && vf[1] == f[j] {
				return false
			}
		}
	}
	return false
}

// isAbbrev reports whether f is an abbreviation of the long option spec:
// a proper prefix of at least three letters after the dashes.
func isAbbrev(f, spec string) bool {
	return len(f) >= 5 && len(f) < len(spec) && strings.HasPrefix(f, "--") && strings.HasPrefix(spec, f)
}

// falsy reports whether an option's attached value switches it off.
func falsy(v string) bool {
	switch strings.ToLower(v) {
	case "false", "no", "off", "0", "none":
		return true
	}
	return false
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
