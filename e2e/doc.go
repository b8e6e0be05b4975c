// Package e2e runs guard with the real agent CLIs: Claude Code, Codex and
// Gemini CLI at the versions pinned in versions.env, installed from npm
// into a cache directory (CacheDir) and reused between runs.
//
// Each case runs in a Sandbox: a mount namespace in which a fresh
// directory is mounted over the account's home (guard takes its home from
// the password database, so HOME alone would not do) and another over
// /tmp. The agent talks to a scripted fake model server on 127.0.0.1
// (Model) that answers each turn with a tool call from the script and
// records what the agent sent, so a test can check what the model was
// told. Recorder programs stand in for terraform, curl and the like on
// PATH and append their arguments to a file. A case that needs a system
// file of its own (an /etc/passwd with another login shell, an
// administrator's /etc/codex) mounts it over the real one in the
// namespace (Sandbox.Binds); only an empty /etc/codex mount point is ever
// made on the host, and removed after the case.
//
// The suite runs when GUARD_E2E=1 (.ci/run sets it, after the unit tests)
// and needs root for unshare -m. It skips only when npm cannot be
// reached.
package e2e
