package doctor

import (
	"strings"

	"github.com/guardsh/guard/internal/install"
)

// matcherCheck reports a registration whose matcher leaves out the
// agent's shell tool (a problem) or its file tools (a note: writes to
// guard's own files through them go unchecked), and says whether it
// found either.
func matcherCheck(c *Check, agent, matcher, fix string) bool {
	shell := install.ShellTool(agent)
	if !install.MatcherCovers(matcher, shell) {
		c.Level, c.Message, c.Fix = "problem", "registered for tools matching "+matcher+", not "+shell, fix
		return true
	}
	var missing []string
	for _, t := range install.FileTools(agent) {
		if !install.MatcherCovers(matcher, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		c.Level, c.Message, c.Fix = "note", "registered for "+shell+" only: the file tools "+strings.Join(missing, ", ")+
			" can change guard's files and the hook settings unchecked", fix+" (registers them too)"
		return true
	}
	return false
}
