// Package parse turns shell command text into the list of programs it would
// run.
//
// The text is parsed as bash with mvdan.cc/sh/v3 and the syntax tree is
// walked the way bash would run it: every simple command becomes an
// [Invocation] with its argument words after quote removal, brace expansion
// and the expansions that can be known without running anything (~, $HOME,
// variables assigned earlier from literals, positional parameters of a nested
// shell). Code carried as text is parsed again: bash -c strings, eval of
// literal words, heredocs and literal pipes into a shell, ssh remote commands,
// docker and kubectl exec, the arguments of wrappers and runners (a table:
// sudo, env, npx, uv run, op run, heroku run, ...), strings that programs run
// as commands (sed e, vim -c '!cmd', git clone -u, GIT_SSH_COMMAND), aliases,
// and scripts the command runs, whether it wrote them or they are on disk.
// Interpreter code (python -c, a heredoc into node, a script file) is read
// for the calls that run commands and delete files, and carried on the
// invocation as its Code. docs/parse.md lists what is looked through and
// where the analysis stops.
//
// What cannot be known without running the command is never dropped: a
// program name computed at run time, eval of text built at run time, unknown
// text piped into a shell, nesting past the depth limit and input that does
// not parse all produce an invocation whose Problem says so, so that callers
// can treat it as needing a person's decision.
package parse
