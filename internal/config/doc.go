// Package config finds guard's files and loads the rule configuration.
//
// Every path comes from the user's entry in the password database, never
// from environment variables such as HOME or XDG_CONFIG_HOME: those belong
// to the process guard is checking, and an agent could point them at a
// configuration of its own.
//
// Three files can change the embedded rules, each limited by where it sits:
//
//	/etc/guard/config.toml          system: an administrator's; may lock rules
//	~/.config/guard/config.toml     user: may add, change and allow rules
//	.guard.toml at the repo root    project: may only add or tighten rules
//
// A file that does not parse is reported with its position and ignored;
// the embedded rules stay in force.
package config
