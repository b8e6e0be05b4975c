package main

import (
	"strings"

	"github.com/guardsh/guard/internal/install"
)

// matcherCheck reports a registration whose matcher leaves out the
// agent's shell tool (a problem) or its file tools (a note: writes to
// guard's own files through them go unchecked), and says whether it
// found either.
func matcherCheck(c *check, agent, matcher, fix string) bool {
	shell := install.ShellTool(agent)
	if !install.MatcherCovers(matcher, shell) {
		c.level, c.msg, c.fix = "problem", "registered for tools matching "+matcher+", not "+shell, fix
		return true
	}
	var missing []string
	for _, t := range install.FileTools(agent) {
		if !install.MatcherCovers(matcher, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		c.level, c.msg, c.fix = "note", "registered for "+shell+" only: the file tools "+strings.Join(missing, ", ")+
			" can change guard's files and the hook settings unchecked", fix+" (registers them too)"
		return true
	}
	return false
}

// editAll applies, or with remove takes back in reverse order, several
// hooks in one settings file.
func editAll(remove bool, hooks ...install.Hook) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		var err error
		if remove {
			for i := len(hooks) - 1; i >= 0; i-- {
				if data, err = hooks[i].Remove(data); err != nil {
					return nil, err
				}
			}
			return data, nil
		}
		for _, h := range hooks {
			if data, err = h.Add(data); err != nil {
				return nil, err
			}
		}
		return data, nil
	}
}
