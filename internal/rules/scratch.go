package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Clusters give each user a scratch file system for the files of a run:
// /scratch/$USER, $SCRATCH, /local/scratch/$USER. The system purges it,
// and what is in it is temporary as /tmp is: a word naming something in
// the user's own part of it is judged as the same path under /tmp, and
// the user's part itself as /tmp itself. Another user's part
// (/scratch/alice), a shared one (/scratch/shared) or the root are not.

// scratchRoots are the scratch file systems of clusters, under which each
// user has a directory of their own.
const scratchRoots = "/scratch /local/scratch /lscratch /gpfs/scratch /scratch1 /scratch2 /fastscratch /tmp_scratch"

// userWords are the spellings of the user's own name at run time.
var userWords = []string{"$USER", "${USER}", "$LOGNAME", "${LOGNAME}", "$(whoami)", "`whoami`", "$(id -un)", "$(id -u -n)"}

// scratchDirVars are variables that clusters set to the user's scratch
// directory.
const scratchDirVars = "SCRATCH SCRATCHDIR SLURM_TMPDIR TMPDIR_SCRATCH LOCAL_SCRATCH PBS_JOBFS _CONDOR_SCRATCH_DIR"

// scratchDir returns the path under /tmp that a word in the user's own
// scratch directory stands for, when its only run-time part is the
// user's name after a scratch root or a leading scratch variable the
// command does not set.
func (ctx *Context) scratchDir(w parse.Word) (string, bool) {
	v := w.Value
	if !w.Dynamic {
		return "", false
	}
	rest, ok := "", false
	for root := range strings.FieldsSeq(scratchRoots) {
		if !strings.HasPrefix(v, root+"/") {
			continue
		}
		after := v[len(root)+1:]
		for _, u := range userWords {
			if strings.HasPrefix(after, u) && (len(after) == len(u) || after[len(u)] == '/') {
				rest, ok = after[len(u):], true
				break
			}
		}
	}
	for name := range strings.FieldsSeq(scratchDirVars) {
		if ok {
			break
		}
		switch {
		case strings.HasPrefix(v, "$"+name) && !isNameByte(v, 1+len(name)):
			rest, ok = v[1+len(name):], ctx.inherits(name)
		case strings.HasPrefix(v, "${"+name+"}"):
			rest, ok = v[3+len(name):], ctx.inherits(name)
		}
	}
	if !ok || strings.ContainsAny(rest, "$`") || rest != "" && rest[0] != '/' || strings.Contains(rest+"/", "/../") {
		return "", false
	}
	if first, _, _ := strings.Cut(strings.TrimLeft(rest, "/"), "/"); first == "" || first == "." || treeGlob(first) {
		return "/tmp", true // the whole of it, as /tmp itself
	}
	return path.Clean("/tmp" + rest), true
}
