package parse

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Scheduled jobs: a crontab line is a shell command that cron runs later,
// in the owner's home directory. The jobs a command installs are judged as
// the commands they are, wherever the command puts them: crontab - fed by
// echo, printf or a heredoc, (crontab -l; echo JOB) | crontab -, crontab
// FILE of a file the command wrote or appended to or of one on disk, tee
// or a redirection into /etc/crontab, /etc/cron.d or /var/spool/cron, a
// script written into /etc/cron.daily, and the ExecStart lines of a
// systemd unit.

// cronVia names the carrier of a job, with its schedule, for messages.
func cronVia(schedule string) string { return "cron job (" + schedule + ")" }

// crontab records an invocation of crontab and judges the jobs of the
// crontab it installs, when guard can read them.
func (w *walker) crontab(c call) {
	w.record(c)
	if w.dry {
		return
	}
	args := c.args[1:]
	var file *Word
	for i := 0; i < len(args); i++ {
		a := args[i]
		v := a.Value
		switch {
		case v == "-u" || v == "-s":
			i++
		case v == "-" || !strings.HasPrefix(v, "-") || a.Dynamic:
			if file == nil {
				file = &args[i]
			}
		case strings.ContainsAny(v[1:], "lreTVhn"):
			// Listing, removing, editing or checking: nothing installed.
			return
		}
	}
	if file == nil || file.Value == "-" && !file.Dynamic {
		// crontab - < jobs.txt reads a file the command wrote or one on
		// disk.
		w.stdinFile(&c)
		w.cronJobs(c, w.inputText(c.stdin), false)
		return
	}
	if text, ok := w.writtenScript(*file); ok {
		w.cronJobs(c, text, false)
		return
	}
	if abs, ok := w.resolve(file.Value); ok && !file.Dynamic && w.added != nil && (*w.added)[abs] != "" {
		w.cronJobs(c, (*w.added)[abs], false)
		return
	}
	if text, ok := w.script(*file, w.callDir(c)); ok {
		// crontab deploy/crontab: a file on disk.
		w.cronJobs(c, text, false)
	}
}

// inputText returns the text of an input that guard can read, or the
// lines printed into a pipe by the echo and printf commands of the
// statement before it ((crontab -l; echo JOB) | crontab -), with parts
// only known at run time as their source text.
func (w *walker) inputText(in Input) string {
	if in.Kind == Known {
		return in.Text
	}
	if in.pipeFrom != nil {
		return w.printed(in.pipeFrom, 0)
	}
	return ""
}

// printed returns the lines that the echo and printf commands of a
// statement print, with parts only known at run time as their source
// text: (crontab -l; echo "0 3 * * * $HOME/backup.sh") prints the job.
// What other programs print is left out.
func (w *walker) printed(st *syntax.Stmt, depth int) string {
	if st == nil || depth > 8 {
		return ""
	}
	if out, known, _ := w.stdoutOf(st, Input{}, 0); known {
		return out
	}
	switch cmd := st.Cmd.(type) {
	case *syntax.Subshell:
		return w.printedList(cmd.Stmts, depth)
	case *syntax.Block:
		return w.printedList(cmd.Stmts, depth)
	case *syntax.BinaryCmd:
		if cmd.Op == syntax.Pipe || cmd.Op == syntax.PipeAll {
			// crontab -l | { cat; echo JOB; }: what the last part adds.
			return w.printed(cmd.Y, depth+1)
		}
		return w.printed(cmd.X, depth+1) + w.printed(cmd.Y, depth+1)
	case *syntax.CallExpr:
		saved := w.dry
		w.dry = true
		args := w.expandWords(cmd.Args)
		w.dry = saved
		if len(args) == 0 {
			return ""
		}
		name := programName(args[0].Value)
		if name != "echo" && name != "printf" {
			return ""
		}
		argv := make([]string, len(args)-1)
		for i, a := range args[1:] {
			argv[i] = a.Value
		}
		out, _ := staticOutput(name, argv, Input{})
		return out
	}
	return ""
}

func (w *walker) printedList(list []*syntax.Stmt, depth int) string {
	var b strings.Builder
	for _, st := range list {
		b.WriteString(w.printed(st, depth+1))
	}
	return b.String()
}

// cronJobs judges each job of a crontab's text as shell code. userField
// reports the system crontab's format (/etc/crontab, /etc/cron.d), where
// the user the job runs as follows the schedule.
func (w *walker) cronJobs(c call, text string, userField bool) {
	if text == "" {
		return
	}
	n := 0
	for _, line := range strings.Split(text, "\n") {
		schedule, cmd, ok := cronLine(line, userField)
		if !ok {
			continue
		}
		if n++; n > 32 {
			return
		}
		w.cronRun(c, schedule, cmd)
	}
}

// cronRun judges one job's command, run by cron in the home directory.
func (w *walker) cronRun(c call, schedule, cmd string) {
	cc := c
	home := ""
	if w.remote == "" {
		home = w.opts.Home
	}
	cc.dir = &home
	w.codeWord(cc, Word{Value: cmd}, cronVia(schedule), Input{})
}

// cronLine splits a crontab line into its schedule and its command:
// five time fields or an @ name (@daily, @reboot), then for a system
// crontab the user, then the command. Comments, blank lines and variable
// settings (MAILTO=x) are not jobs. cron ends the command at the first %
// that no backslash escapes; the rest is the command's stdin.
func cronLine(line string, userField bool) (schedule, cmd string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '#' {
		return "", "", false
	}
	n := 5
	if line[0] == '@' {
		n = 1
	}
	rest := line
	for i := 0; i < n; i++ {
		f, r, found := strings.Cut(strings.TrimLeft(rest, " \t"), " ")
		if t := strings.IndexByte(f, '\t'); t >= 0 {
			f, r, found = f[:t], f[t+1:]+" "+r, true
		}
		if !found || f == "" || n == 5 && !cronField(f) {
			return "", "", false
		}
		rest = r
	}
	schedule = strings.TrimSpace(line[:len(line)-len(rest)])
	rest = strings.TrimLeft(rest, " \t")
	if userField {
		_, r, found := strings.Cut(rest, " ")
		if !found {
			return "", "", false
		}
		rest = strings.TrimLeft(r, " \t")
	}
	var b strings.Builder
	for i := 0; i < len(rest); i++ {
		switch {
		case rest[i] == '\\' && i+1 < len(rest) && rest[i+1] == '%':
			b.WriteByte('%')
			i++
		case rest[i] == '%':
			i = len(rest)
		default:
			b.WriteByte(rest[i])
		}
	}
	cmd = strings.TrimSpace(b.String())
	return schedule, cmd, cmd != ""
}

// cronField reports whether a word can be one of a crontab's time fields:
// 0, */5, 1-5, mon,wed, jan.
func cronField(f string) bool {
	for i := 0; i < len(f); i++ {
		c := f[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("*/,-?#", c) >= 0) {
			return false
		}
	}
	return true
}

// cronFile says how cron reads a file the command writes: as a crontab
// (with a user field for /etc/crontab and /etc/cron.d), as a script that
// run-parts runs (/etc/cron.daily and its kind), or as a systemd unit whose
// ExecStart lines run.
func cronFile(abs string) (kind string) {
	dir := path.Dir(abs)
	switch {
	case abs == "/etc/crontab" || dir == "/etc/cron.d" || abs == "/etc/anacrontab":
		return "system"
	case strings.HasPrefix(abs, "/var/spool/cron/"):
		return "user"
	case dir == "/etc/cron.hourly" || dir == "/etc/cron.daily" || dir == "/etc/cron.weekly" || dir == "/etc/cron.monthly":
		return "script"
	case strings.HasSuffix(abs, ".service") && strings.Contains(dir, "systemd/"):
		return "unit"
	}
	return ""
}

// cronWrite judges what a command writes into a file cron or systemd
// reads: the jobs of a crontab, a run-parts script, a unit's ExecStart.
func (w *walker) cronWrite(c call, abs, text string) {
	switch cronFile(abs) {
	case "system":
		w.cronJobs(c, text, true)
	case "user":
		w.cronJobs(c, text, false)
	case "script":
		if text != "" {
			w.cronRun(c, path.Base(path.Dir(abs)), text)
		}
	case "unit":
		// A unit runs in / unless it says otherwise; a user's unit in the
		// user's home.
		dir := "/"
		if home := w.opts.Home; home != "" && strings.HasPrefix(abs, home+"/") || strings.Contains(abs, "/systemd/user/") {
			dir = w.opts.Home
		}
		c.dir = &dir
		for _, line := range strings.Split(text, "\n") {
			k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
			if !ok || !strings.HasPrefix(k, "Exec") {
				continue
			}
			// -, @, :, + and ! before the path change how systemd runs it,
			// not what.
			v = strings.TrimLeft(strings.TrimSpace(v), "-@:+!|")
			if v != "" {
				w.codeWord(c, Word{Value: v}, "systemd "+strings.TrimSpace(k)+" of "+path.Base(abs), Input{})
			}
		}
	}
}

// teeCron judges what tee writes into files cron reads.
func (w *walker) teeCron(c call) {
	if w.dry {
		return
	}
	var text *string
	for _, a := range c.args[1:] {
		if a.Dynamic || strings.HasPrefix(a.Value, "-") {
			continue
		}
		abs, ok := w.resolve(a.Value)
		if !ok || cronFile(abs) == "" {
			continue
		}
		if text == nil {
			t := w.inputText(c.stdin)
			text = &t
		}
		w.cronWrite(c, abs, *text)
	}
}

// schtasks records Windows' task scheduler and judges the command a task
// it creates runs later: schtasks /create ... /tr "CMD".
func (w *walker) schtasks(c call) {
	w.record(c)
	for i := 1; i+1 < len(c.args); i++ {
		if strings.EqualFold(c.args[i].Value, "/tr") || strings.EqualFold(c.args[i].Value, "-tr") {
			w.codeWord(c, c.args[i+1], "scheduled task", Input{})
			return
		}
	}
}
