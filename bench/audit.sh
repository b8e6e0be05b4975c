#!/usr/bin/env bash
# Measures guard audit's throughput: go test -bench for the library, and
# hyperfine for the whole process over generated 200,000-command inputs,
# pinned to one core. Results go in bench/audit.md by hand.
#
#   bench/audit.sh            # everything
#   N=50000 bench/audit.sh    # smaller inputs
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-200000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "go: $(go version)"

go build -o "$out/guard" ./cmd/guard
for f in bash zsh fish plain claude codex; do
	go run ./bench/genhistory -format "$f" -n "$N" -seed 1 > "$out/$f.hist"
	printf '%-7s %8d bytes\n' "$f" "$(wc -c < "$out/$f.hist")"
done

# One core: the library benchmark with GOMAXPROCS=1, the process pinned
# with taskset when it is there.
GOMAXPROCS=1 go test ./internal/audit -run '^$' -bench 'BenchmarkAudit|BenchmarkRead' -benchtime 5x -count 1

pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi
cmds=()
for f in bash zsh fish plain claude codex; do
	cmds+=("-n" "$f" "${pin[*]} env GOMAXPROCS=1 $out/guard audit --format $f $out/$f.hist")
done
hyperfine --warmup 1 --runs 5 --style basic --output null "${cmds[@]}"

# CPU time (user + system) of the whole process, best of 5: on a shared
# machine wall-clock times include waiting for the CPU, CPU time does not.
printf '\n%-7s %10s %10s %12s\n' format commands "cpu s" "commands/s"
for f in bash zsh fish plain claude codex; do
	best=
	for _ in 1 2 3 4 5; do
		t=$( { /usr/bin/time -f '%U %S' "${pin[@]}" env GOMAXPROCS=1 "$out/guard" audit --format "$f" "$out/$f.hist" > /dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$t; fi
	done
	printf '%-7s %10d %10.2f %12.0f\n' "$f" "$N" "$best" "$(awk -v n="$N" -v t="$best" 'BEGIN{print n / t}')"
done
uptime

# And the decisions themselves: how many commands each input flags.
"$out/guard" audit --json "$out/bash.hist" | tail -1 | cut -c1-200
