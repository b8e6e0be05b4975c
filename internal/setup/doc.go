// Package setup carries out guard setup hardened: it gives the agent an
// OS user of its own and hands guard's configuration, decision log and
// approver socket to the person, so that the agent can read and append
// to them and change none of them.
//
// Harden creates the agent's account when it is missing (useradd), makes
// the person's directory under the hardened base with the owners, groups
// and modes config.Hardened describes, makes the log append-only where the
// filesystem allows, puts guard's hook into the agents' system-wide
// settings, and records all of it in the hardened file, which only root
// can write. Undo reads that record and takes each step back. Each step
// is printed as it is done, or only described for a dry run; after a step
// fails the rest are skipped, so that what was done is what was printed.
//
// The work needs root and Linux (file ownership, the append-only inode
// flag); elsewhere both functions return a usage error.
package setup
