#!/usr/bin/env bash
# Runs the holdout figures against other branches, each checked out in a
# temporary worktree that is removed afterwards:
#
#	bench/holdout/branches.sh verbs http -- testdata/holdout /tmp/peers/dcg
#
# Corpus paths after -- are resolved from the current directory; without
# them the branch is measured on this checkout's testdata/holdout. The
# runner is copied from this checkout, so branches that do not have it yet
# can be measured. Output goes to stdout, one block per branch and corpus.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
branches=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	branches+=("$1")
	shift
done
[ "${1:-}" = "--" ] && shift
corpora=()
for c in "${@:-$root/testdata/holdout}"; do
	corpora+=("$(cd "$(dirname "$c")" && pwd)/$(basename "$c")")
done
flags=${HOLDOUT_FLAGS:--q}

for b in "${branches[@]}"; do
	wt=$(mktemp -d /tmp/holdout-wt.XXXXXX)
	rmdir "$wt"
	git -C "$root" worktree add -q --detach "$wt" "$b"
	trap 'git -C "$root" worktree remove --force "$wt"' EXIT
	mkdir -p "$wt/bench/holdout"
	cp "$root/bench/holdout/main.go" "$wt/bench/holdout/main.go"
	echo "== branch $b ($(git -C "$root" rev-parse --short "$b"))"
	# shellcheck disable=SC2086
	(cd "$wt" && go run ./bench/holdout $flags "${corpora[@]}")
	git -C "$root" worktree remove --force "$wt"
	trap - EXIT
done
