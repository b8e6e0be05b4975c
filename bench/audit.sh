#!/usr/bin/env bash
# Measures guard audit's throughput: go test -bench for the library, and
# hyperfine and CPU time for the whole process over generated
# 200,000-command inputs, pinned to one core, and instruction counts under
# callgrind when valgrind is installed. Results go in bench/audit.md by
# hand.
#
#   bench/audit.sh                 # everything
#   N=50000 bench/audit.sh         # smaller inputs
#   FORMATS=plain bench/audit.sh   # only these formats
#   BEFORE=main bench/audit.sh     # also guard as of that revision
#
# With BEFORE, guard is also built from that revision (git archive of it)
# and its process measured in the same run, interleaved with this tree's,
# so that a before-and-after comes from one run of the script.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-200000}
FORMATS=${FORMATS:-bash zsh fish plain claude codex}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "go: $(go version)"

go build -o "$out/guard" ./cmd/guard
builds=(guard)
if [ -n "${BEFORE:-}" ]; then
	mkdir "$out/before"
	git archive "$BEFORE" | tar -x -C "$out/before"
	# Named guard: under another name, guard runs as a shim.
	mkdir "$out/before-bin"
	(cd "$out/before" && go build -o "$out/before-bin/guard" ./cmd/guard)
	builds=(before guard)
	echo "before: $BEFORE ($(git rev-parse --short "$BEFORE")); after: this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with changes'))"
fi
bin() { if [ "$1" = before ]; then echo "$out/before-bin/guard"; else echo "$out/guard"; fi; }

for f in $FORMATS; do
	go run ./bench/genhistory -format "$f" -n "$N" -seed 1 > "$out/$f.hist"
	printf '%-7s %8d bytes\n' "$f" "$(wc -c < "$out/$f.hist")"
done

# One core: the library benchmark with GOMAXPROCS=1, the process pinned
# with taskset when it is there.
sub=$(echo "$FORMATS" | tr ' ' '|')
GOMAXPROCS=1 go test ./internal/audit -run '^$' -bench "Benchmark(Audit|Read)\$/^($sub)\$" -benchtime 5x -count 1
GOMAXPROCS=1 go test ./internal/audit -run '^$' -bench 'BenchmarkAuditDistinct$' -benchtime 5x -count 1

pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi
if command -v hyperfine > /dev/null; then
	cmds=()
	for f in $FORMATS; do
		for b in "${builds[@]}"; do
			cmds+=("-n" "$b $f" "${pin[*]} env GOMAXPROCS=1 $(bin "$b") audit --format $f $out/$f.hist")
		done
	done
	hyperfine --warmup 1 --runs 5 --style basic --output null "${cmds[@]}"
fi

# CPU time (user + system) of the whole process, best of 5, the builds
# taking turns: on a shared machine wall-clock times include waiting for
# the CPU, CPU time does not.
printf '\n%-7s %-7s %10s %10s %12s\n' build format commands "cpu s" "commands/s"
for f in $FORMATS; do
	declare -A best=()
	for _ in 1 2 3 4 5; do
		for b in "${builds[@]}"; do
			t=$( { /usr/bin/time -f '%U %S' "${pin[@]}" env GOMAXPROCS=1 "$(bin "$b")" audit --format "$f" "$out/$f.hist" > /dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
			if [ -z "${best[$b]:-}" ] || awk -v a="$t" -v b="${best[$b]}" 'BEGIN{exit !(a < b)}'; then best[$b]=$t; fi
		done
	done
	for b in "${builds[@]}"; do
		printf '%-7s %-7s %10d %10.2f %12.0f\n' "$b" "$f" "$N" "${best[$b]}" "$(awk -v n="$N" -v t="${best[$b]}" 'BEGIN{print n / t}')"
	done
	unset best
done
uptime

# Instructions (valgrind --tool=callgrind, user space), which the other
# work on a loaded machine does not change: the plain history, and as
# many lines of one repeated command, which the decision cache answers
# after the first. Their difference, over the distinct commands, is what
# deciding a new command costs.
if command -v valgrind > /dev/null && [ -f "$out/plain.hist" ]; then
	awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) print "git status" }' > "$out/same.hist"
	distinct=$(sort -u "$out/plain.hist" | wc -l)
	printf '\nplain: %d distinct commands of %d\n' "$distinct" "$N"
	for b in "${builds[@]}"; do
		declare -A ir=()
		for f in plain same; do
			ir[$f]=$(GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
				"$(bin "$b")" audit --format plain "$out/$f.hist" 2>&1 > /dev/null | awk '/Collected/ { print $NF }')
			printf '%-7s %-7s %14d instructions %10.0f a line\n' "$b" "$f" "${ir[$f]}" "$(awk -v i="${ir[$f]}" -v n="$N" 'BEGIN { print i / n }')"
		done
		printf '%-7s %.0f instructions a decision\n' "$b" \
			"$(awk -v p="${ir[plain]}" -v s="${ir[same]}" -v d="$distinct" 'BEGIN { print (p - s) / (d - 1) }')"
		unset ir
	done
fi

# And the decisions themselves: how many commands each input flags.
f=${FORMATS%% *}
"$out/guard" audit --json "$out/$f.hist" | tail -1 | cut -c1-200
