package doctor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/install"
)

// geminiChecks: hooksConfig.enabled and hooksConfig.disabled in every
// settings file Gemini CLI 0.61.0 merges (tools.enableHooks is no longer
// read). hooksConfig.enabled is decided by the last file that sets it, in
// Gemini CLI's order: system defaults, user, workspace, system settings.
func (r *runner) geminiChecks(what, path string, data []byte, home, root string) []Check {
	var out []Check
	defaults, system := geminiSystemFiles()
	files := []string{defaults, path}
	if root != "" {
		files = append(files, filepath.Join(root, ".gemini", "settings.json"))
	}
	files = append(files, system)
	seen := map[string]bool{}
	enabledIn, enabled := "", true
	for _, f := range files {
		if seen[f] {
			continue
		}
		seen[f] = true
		d := data
		if f != path {
			var err error
			if d, _, err = install.ReadFile(f); err != nil || d == nil {
				continue
			}
		}
		if v, ok, _ := install.GetKey(d, "hooksConfig", "enabled"); ok {
			enabledIn, enabled = f, v != false
		}
		for _, key := range [][]string{{"hooksConfig", "disabled"}, {"hooks", "disabled"}} {
			if v, ok, _ := install.GetKey(d, key...); ok {
				if list, ok := install.List(v); ok {
					for _, n := range list {
						if n == "guard" || (fmt.Sprint(n) != "" && r.ownsHook("gemini", home)(fmt.Sprint(n))) {
							out = append(out, Check{What: what, Where: f, Level: "problem",
								Message: "guard's hook is in " + strings.Join(key, ".") + ": Gemini CLI does not run it", Fix: "/hooks enable guard in Gemini CLI"})
						}
					}
				}
			}
		}
		if v, ok, _ := install.GetKey(d, "tools", "enableHooks"); ok && v == false && f == path {
			out = append(out, Check{What: what, Where: f, Level: "note", Message: "tools.enableHooks is false, which Gemini CLI 0.61.0 no longer reads; hooksConfig.enabled decides"})
		}
	}
	if !enabled {
		c := Check{What: what, Where: enabledIn, Level: "problem", Message: "hooksConfig.enabled is false: Gemini CLI runs no hooks",
			Fix: "set hooksConfig.enabled to true in " + enabledIn}
		if enabledIn == defaults {
			c.Message = "hooksConfig.enabled is false in the system defaults and no other settings file sets it: Gemini CLI runs no hooks"
			c.Fix = "set hooksConfig.enabled to true in " + path
		}
		out = append(out, c)
	}
	return out
}

// Gemini CLI's system defaults and system settings files on Linux.
var (
	geminiSystemDefaults = "/etc/gemini-cli/system-defaults.json"
	geminiSystemSettings = "/etc/gemini-cli/settings.json"
)

// geminiSystemFiles returns the system defaults and system settings files
// a Gemini CLI started from this environment reads:
// GEMINI_CLI_SYSTEM_DEFAULTS_PATH and GEMINI_CLI_SYSTEM_SETTINGS_PATH move
// them.
func geminiSystemFiles() (defaults, system string) {
	defaults, system = geminiSystemDefaults, geminiSystemSettings
	if p := os.Getenv("GEMINI_CLI_SYSTEM_DEFAULTS_PATH"); p != "" {
		defaults = p
	}
	if p := os.Getenv("GEMINI_CLI_SYSTEM_SETTINGS_PATH"); p != "" {
		system = p
	}
	return defaults, system
}

// geminiTrustChecks: Gemini CLI runs none of its settings' hooks, guard's
// included, in a workspace it does not trust: when GEMINI_RESTRICTED_MODE
// or GEMINI_CLI_TRUST_WORKSPACE=false is in the environment, or when
// security.folderTrust.enabled is on and no entry of trustedFolders.json
// trusts dir (the longest matching entry decides).
func geminiTrustChecks(what, userPath, dir string) []Check {
	var out []Check
	if os.Getenv("GEMINI_RESTRICTED_MODE") == "true" {
		out = append(out, Check{What: what, Where: "the environment", Level: "problem",
			Message: "GEMINI_RESTRICTED_MODE=true: a Gemini CLI started from this shell trusts no workspace and runs no settings hooks, guard's included", Fix: "unset GEMINI_RESTRICTED_MODE"})
	}
	switch os.Getenv("GEMINI_CLI_TRUST_WORKSPACE") {
	case "false":
		out = append(out, Check{What: what, Where: "the environment", Level: "problem",
			Message: "GEMINI_CLI_TRUST_WORKSPACE=false: a Gemini CLI started from this shell runs no settings hooks, guard's included", Fix: "unset GEMINI_CLI_TRUST_WORKSPACE"})
		return out
	case "true":
		return out
	}
	if len(out) > 0 || dir == "" {
		return out
	}
	enabled := false
	defaults, system := geminiSystemFiles()
	for _, f := range []string{defaults, userPath, system} {
		if d, _, err := install.ReadFile(f); err == nil && d != nil {
			if v, ok, _ := install.GetKey(d, "security", "folderTrust", "enabled"); ok {
				enabled = v == true
			}
		}
	}
	if !enabled {
		return out
	}
	trustFile := os.Getenv("GEMINI_CLI_TRUSTED_FOLDERS_PATH")
	if trustFile == "" {
		trustFile = filepath.Join(filepath.Dir(userPath), "trustedFolders.json")
	}
	if trustedFolder(trustFile, dir) {
		return out
	}
	return append(out, Check{What: what, Where: dir, Level: "problem",
		Message: "folder trust is on and Gemini CLI does not trust this folder: it runs no settings hooks here, guard's included",
		Fix:     "trust the folder when Gemini CLI asks (or with /permissions), or add it to " + trustFile})
}

// trustedFolder reads Gemini CLI's trustedFolders.json: an object from
// path to TRUST_FOLDER, TRUST_PARENT (the path's parent) or DO_NOT_TRUST.
// The longest entry whose folder holds dir decides; none means untrusted.
func trustedFolder(file, dir string) bool {
	d, _, err := install.ReadFile(file)
	if err != nil || d == nil {
		return false
	}
	// Gemini CLI strips comments before it parses the file.
	v, ok, err := install.GetKey(d)
	obj, isObj := v.(*install.Object)
	if err != nil || !ok || !isObj {
		return false
	}
	rules := map[string]string{}
	for _, k := range obj.Keys() {
		rules[k] = obj.String(k)
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	best, trust := -1, ""
	for p, level := range rules {
		base := p
		if level == "TRUST_PARENT" {
			base = filepath.Dir(p)
		}
		if r, err := filepath.EvalSymlinks(base); err == nil {
			base = r
		}
		rel, err := filepath.Rel(base, dir)
		if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
			continue
		}
		if len(p) > best {
			best, trust = len(p), level
		}
	}
	return trust == "TRUST_FOLDER" || trust == "TRUST_PARENT"
}
