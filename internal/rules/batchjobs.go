package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// queueListers are the batch schedulers' programs that list jobs, whose
// output a job canceller may be fed: squeue -h -o %i | xargs scancel.
const queueListers = "squeue sacct qstat qselect bjobs condor_q flux"

// newJobsListed matches a job canceller (scancel, qdel, bkill) whose job
// ids another command lists when it runs: xargs or parallel appending
// them, or an operand that is a command substitution, `scancel $(squeue
// -u alice -h -o %i)`. Such a list may hold every job of a partition, a
// user or the cluster. It lets the list pass when the listing is narrowed
// to the user's own jobs by a name, a job list or the pending state (as
// ownJobsNarrowed reads it), as the same filters on scancel itself pass.
// A variable (`scancel $SLURM_JOB_ID`) is one job and passes.
func newJobsListed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs {
			lister := ctx.jobLister(inv)
			if lister == nil {
				return "it cancels the jobs another command lists when it runs", true
			}
			if ownJobsNarrowed(path.Base(lister.Name), lister.Args[1:]) {
				return "", false
			}
			return "it cancels every job that " + lister.Name + " lists", true
		}
		for _, o := range v.operands {
			if !o.Dynamic {
				continue
			}
			code, ok := substitution(o.Value)
			if !ok {
				continue
			}
			invs := parse.Command(code, parse.Options{})
			if len(invs) == 0 || invs[0].Name == "" {
				return "it cancels the jobs " + parse.Quote(o.Value) + " lists when it runs", true
			}
			first := invs[0]
			if wordlist.Has(queueListers, path.Base(first.Name)) && ownJobsNarrowed(path.Base(first.Name), first.Args[1:]) {
				continue
			}
			return "it cancels every job that " + first.Name + " lists (" + parse.Quote(o.Value) + ")", true
		}
		return "", false
	}, nil
}

// substitution returns the code of a word that is one command
// substitution, $(...) or `...`, as a job list given to a canceller is.
func substitution(s string) (string, bool) {
	s = strings.Trim(s, `"`)
	if inner, ok := strings.CutPrefix(s, "$("); ok && strings.HasSuffix(inner, ")") {
		return strings.TrimSuffix(inner, ")"), true
	}
	if len(s) > 1 && s[0] == '`' && s[len(s)-1] == '`' {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// jobLister returns the command at the start of the pipe that feeds a
// canceller run by xargs or parallel, through filters that keep some of
// its lines (grep, awk, tail), or nil when the pipe starts elsewhere or
// cannot be followed.
func (ctx *Context) jobLister(inv *parse.Invocation) *parse.Invocation {
	next := inv
	for i := len(ctx.before) - 1; i >= 0; i-- {
		prev := ctx.before[i]
		if !pipedInto(ctx.text, prev, next) {
			return nil
		}
		name := path.Base(prev.Name)
		if wordlist.Has(queueListers, name) {
			return prev
		}
		if !wordlist.Has(lineFilters, name) {
			return nil
		}
		next = prev
	}
	return nil
}

// ownJobsNarrowed reports whether a job filter (scancel's, or a listing's
// such as squeue's) names only the user's own jobs (-u $USER, --me, -u
// $(whoami)) and narrows them further to some of them: by a job name
// (scancel's and squeue's -n, --name, --jobname; qselect's -N, bjobs's
// -J), by a list of job ids (squeue's and sacct's -j, --jobs), or
// to pending jobs only, which have not started and lose no compute. All
// of a user's jobs, or anyone else's, stay many.
func ownJobsNarrowed(prog string, args []parse.Word) bool {
	names, states := jobFilterOptions(prog)
	own, narrowed := false, false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a.Dynamic && !strings.HasPrefix(a.Value, "-") {
			continue
		}
		name, val, eq := strings.Cut(a.Value, "=")
		has := eq
		var w parse.Word
		if eq {
			w = parse.Word{Value: val, Dynamic: a.Dynamic}
		} else if i+1 < len(args) {
			w = args[i+1]
		}
		takes := func() bool {
			if !has && i+1 < len(args) {
				i++
				return true
			}
			return has
		}
		switch name {
		case "--me":
			own = true
		case "-u", "--user", "--users":
			if takes() {
				own = ownUser(w) || own
			}
		case "-A", "--account", "-p", "--partition", "-q", "--qos", "-w", "--nodelist", "-o", "--format", "-O", "--Format", "-M", "--clusters":
			takes()
		default:
			switch {
			case wordlist.Has(names, name):
				if takes() && w.Value != "" {
					narrowed = true
				}
			case wordlist.Has(states, name):
				if takes() && pendingOnly(w.Value) {
					narrowed = true
				}
			}
		}
	}
	return own && narrowed
}

// jobFilterOptions returns a scheduler program's options that narrow
// jobs by name or job id, and those that filter them by state: squeue's
// -n is a job name, sacct's is --noheader.
func jobFilterOptions(prog string) (names, states string) {
	switch prog {
	case "scancel":
		return "-n --name --jobname", "-t --state"
	case "squeue":
		return "-n --name -j --jobs", "-t --states --state"
	case "sacct":
		return "--name -j --jobs", "-s --state"
	case "qselect":
		return "-N", ""
	case "bjobs":
		return "-J", ""
	}
	return "--name", ""
}

// ownUser reports whether a user filter's value names the user who runs
// the command: $USER, $LOGNAME, $(whoami), $(id -un).
func ownUser(w parse.Word) bool {
	v := strings.Trim(w.Value, `"'`)
	switch v {
	case "$USER", "${USER}", "$LOGNAME", "${LOGNAME}", "$(whoami)", "`whoami`", "$(id -un)", "$(id -u -n)":
		return true
	}
	return false
}

// pendingOnly reports whether a Slurm state list names pending jobs only.
func pendingOnly(v string) bool {
	if v == "" {
		return false
	}
	for s := range strings.SplitSeq(strings.ToUpper(v), ",") {
		if s != "PD" && s != "PENDING" {
			return false
		}
	}
	return true
}

// newNotOwnJobs matches a job filter that does not narrow to some of the
// user's own jobs (ownJobsNarrowed): scancel -u alice, scancel -p gpu,
// but not scancel -u $USER --name=sweep-test.
func newNotOwnJobs(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Own()
		if len(args) < 2 || ownJobsNarrowed(path.Base(inv.Name), args[1:]) {
			return "", false
		}
		return "", true
	}, nil
}
