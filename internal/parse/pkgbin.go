package parse

import "strings"

// A package runner's operand names a package, and the program it runs is
// the package's binary: npx wrangler@latest runs wrangler, npx
// @railway/cli runs railway, bunx @sanity/cli@3 runs sanity. Rules know
// the program by that name.

// scopeBin returns the binary of a scoped package named @scope/cli whose
// binary is not named after the scope, or "".
func scopeBin(scope string) string {
	switch scope {
	case "aws-amplify":
		return "amplify"
	case "angular":
		return "ng"
	case "nestjs":
		return "nest"
	case "salesforce":
		return "sf"
	case "capacitor":
		return "cap"
	case "dopplerhq":
		return "doppler"
	case "neondatabase":
		return "neonctl"
	case "planetscale":
		return "pscale"
	}
	return ""
}

// packageBin returns the binary name of a package spec given as a
// program: name@version is name, @scope/cli is the scope (without a
// domain's ending, @xata.io/cli is xata), @scope/name is name. ok is
// false when p is not a package spec.
func packageBin(p string) (string, bool) {
	if p == "" {
		return "", false
	}
	if p[0] == '@' {
		scope, name, ok := strings.Cut(p[1:], "/")
		if !ok || scope == "" || name == "" || strings.Contains(name, "/") {
			return "", false
		}
		name, _, _ = strings.Cut(name, "@")
		if name != "cli" {
			return name, name != ""
		}
		if b := scopeBin(scope); b != "" {
			return b, true
		}
		if i := strings.IndexByte(scope, '.'); i > 0 {
			scope = scope[:i]
		}
		return scope, true
	}
	if i := strings.IndexByte(p, '@'); i > 0 && !strings.ContainsAny(p, "/:") {
		return p[:i], true
	}
	return "", false
}
