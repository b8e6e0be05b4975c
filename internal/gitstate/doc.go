// Package gitstate reads the state of a git repository: which files are
// tracked, modified, staged, untracked or ignored, what the stash holds,
// which commits only one ref reaches. guard uses it to say what a command
// would lose before it runs, and to keep that work in a checkpoint.
//
// The repository belongs to the agent, which can write its config, hooks
// and attributes. git is therefore run from a fixed absolute path, with an
// environment built from scratch (no GIT_DIR, GIT_WORK_TREE or GIT_CONFIG*
// from the agent), a timeout, and config that switches off everything that
// would run a program: the fsmonitor hook, hooks, every filter driver
// named in any config file, external diff and textconv, pagers, signing,
// submodule recursion, automatic gc and every transport. git's own
// safe.directory check stays in force: a repository git refuses is a
// repository whose state is not known.
package gitstate
