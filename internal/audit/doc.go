// Package audit answers "what would guard have stopped?" from the records
// people already have: shell history files (bash, zsh, fish, one command
// per line) and coding-agent transcripts (Claude Code, Codex). It never
// executes anything: every command is parsed and decided by the rules
// exactly as guard check would decide it, and the results are aggregated
// into a report.
//
// Reading is streamed: each source is read one line (one record) at a time,
// with a maximum record size, and the aggregate keeps only counts, first and
// last sightings and a few examples per rule, and per distinct flagged
// command ([Entry], at most [MaxEntries] of them) its findings and up to
// [MaxTimes] sightings, so memory stays bounded however large the input. Records that cannot be read (corrupt lines,
// invalid UTF-8, truncated or oversized records) are counted per source and
// reported; they never stop the audit.
//
// The pieces:
//
//   - [Format] and [Detect] name and recognise the input formats;
//   - [Read] streams the [Command]s of one source into a callback;
//   - [Discover] finds the current user's history files and transcripts;
//   - [Auditor] decides each command (with a cache, since histories repeat
//     a lot) and aggregates the findings into a [Report]: one [Entry] per
//     distinct flagged command with all its [Hit]s, and counts per rule
//     and per severity;
//   - [Report.WriteText], [Report.WriteMarkdown], [Report.WriteHTML] (one
//     self-contained page with a timeline) and the JSON Lines encoder
//     ([JSONWriter]) render it, and [Progress] shows how far it has got.
package audit
