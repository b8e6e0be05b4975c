package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// IPython runs Python: ipython -c CODE, ipython script.py and a heredoc
// into ipython are read as python would run them, with IPython's own
// options left out, and the lines its shell escapes hand to the shell
// (!rm -rf build, %system cmd, !!cmd) read as shell code.

// ipythonValueOpts are IPython's options that take the next word as their
// value when it is not attached with =.
const ipythonValueOpts = "--profile --profile-dir --ipython-dir --log-level --config --colors --logfile --logappend " +
	"--cache-size --gui --matplotlib --pylab --ext --HistoryManager.hist_file"

// isIPython reports whether a program is IPython's shell.
func isIPython(name string) bool {
	return name == "ipython" || name == "ipython3"
}

// ipython records the call and analyses what it runs as python.
func (w *walker) ipython(c call, name string) {
	w.record(c)
	py := []Word{{Value: "python"}}
	args := c.args[1:]
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		v := a.Value
		if a.Dynamic || v == "--" || !strings.HasPrefix(v, "-") || v == "-" {
			break
		}
		if v == "-c" || v == "-m" {
			break
		}
		if strings.HasPrefix(v, "--") {
			if !strings.Contains(v, "=") && wordlist.Has(ipythonValueOpts, v) {
				i++
			}
			continue
		}
		// -i, --quick, --no-banner, --pdb: IPython's switches.
	}
	py = append(py, args[min(i, len(args)):]...)
	for k, a := range py {
		if a.Value == "-c" && k+1 < len(py) && !py[k+1].Dynamic {
			w.ipythonEscapes(c, py[k+1].Value)
			break
		}
	}
	if c.stdin.Kind == Known {
		w.ipythonEscapes(c, c.stdin.Text)
	}
	cc := c
	cc.redirs = nil
	w.inner(cc, py, name)
}

// ipythonEscapes analyses the shell commands IPython code runs: a line
// that starts with ! or !!, and the %system and %sx magics.
func (w *walker) ipythonEscapes(c call, code string) {
	if !strings.Contains(code, "!") && !strings.Contains(code, "%s") {
		return
	}
	for _, line := range strings.Split(code, "\n") {
		line = strings.TrimSpace(line)
		cmd := ""
		switch {
		case strings.HasPrefix(line, "!"):
			cmd = strings.TrimPrefix(strings.TrimPrefix(line, "!"), "!")
		case strings.HasPrefix(line, "%system "), strings.HasPrefix(line, "%sx "):
			_, cmd, _ = strings.Cut(line, " ")
		case strings.Contains(line, "= !"), strings.Contains(line, "=!"):
			// files = !ls: the output captured.
			_, cmd, _ = strings.Cut(line, "!")
		}
		if cmd = strings.TrimSpace(cmd); cmd != "" {
			w.codeWord(c, Word{Value: cmd}, "ipython shell escape", Input{})
		}
	}
}
