package install

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"time"

	"github.com/guardsh/guard/internal/lazy"
)

// claudeOnFailure is the first Claude Code release that reads a hook's
// "onFailure": "block" (changelog of v2.1.295).
var claudeOnFailure = [3]int{2, 1, 295}

var versionRe = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`(\d+)\.(\d+)\.(\d+)`) }}

// ClaudeFailClosed reports whether guard's Claude Code hook may carry
// "onFailure": "block": yes unless the claude on PATH reports a version
// older than the one that added it, because an older Claude Code may
// reject a settings file with a key it does not know. The warning says
// what that means.
func ClaudeFailClosed() (bool, string) {
	p, err := exec.LookPath("claude")
	if err != nil {
		return true, ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, p, "--version").Output()
	m := versionRe.Get().FindStringSubmatch(string(out))
	if err != nil || m == nil {
		return true, ""
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	for i := range v {
		if v[i] != claudeOnFailure[i] {
			if v[i] > claudeOnFailure[i] {
				return true, ""
			}
			return false, fmt.Sprintf("Claude Code %s is older than %d.%d.%d, which added \"onFailure\": \"block\"; guard's hook is registered without it, so if the hook itself fails the command runs. Upgrade Claude Code and run guard install claude again.",
				m[0], claudeOnFailure[0], claudeOnFailure[1], claudeOnFailure[2])
		}
	}
	return true, ""
}
