// Package program finds the programs guard runs and tells guard's own
// files apart from them: the real program a name stands for on PATH
// (never guard itself, never one of guard's shims), whether a file is
// executable or is guard, whether two paths are one file, and the shims
// in guard's shim directory with what each of them runs.
//
// guard exec, guard shim and guard doctor share these, so that they agree
// on what a shim runs. Nothing is computed at start-up.
package program
