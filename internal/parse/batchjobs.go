package parse

// sbatch submits a batch job (Slurm's sbatch, PBS and SGE qsub): the code
// given with --wrap, the script file named first, or, with neither, the
// script read from stdin (sbatch <<EOF, qsub < job.sh). What the job runs is analysed as if run here: a cluster's
// nodes share its filesystems, and the job starts in this directory.
func (w *walker) sbatch(c call, r *runner, opts []opt, at int) {
	if o, ok := optNamed(opts, "--wrap"); ok {
		w.record(c)
		w.codeWord(c, Word{Value: o.value, Dynamic: o.dynamic}, "sbatch --wrap", Input{})
		return
	}
	if at < len(c.args) {
		if text, ok := w.script(c.args[at], w.callDir(c)); ok {
			cc := c
			cc.args = c.args[at:]
			w.record(c)
			n := w.nested("sbatch "+c.args[at].Value, c.pos)
			n.scriptFile(cc, text)
			return
		}
		w.record(c)
		return
	}
	if c.stdin.Kind == Inherited {
		w.record(c)
		return
	}
	w.record(c)
	w.stdinCode(c, programName(c.args[0].Value))
}
