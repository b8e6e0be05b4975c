#!/usr/bin/env bash
# Measures what guard adds to `bash -c true` on the allowed path: the whole
# process, start to exit, median of many runs (hyperfine, no shell between).
#
#   bench/shell.sh [RUNS]
#
# It builds guard as a release would (CGO_ENABLED=0, -trimpath) and a
# "floor": a ten-line Go program that does nothing but exec bash, which
# shows what any Go front door costs before guard does any work. `guard
# version` shows the start of the guard binary alone (runtime and package
# initialisation, no analysis, no exec). Note that
# each `guard -c true` appends a record to your decision log
# (~/.local/state/guard/log.jsonl), as it does in real use.
set -euo pipefail
runs=${1:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$tmp/guard" ./cmd/guard)
mkdir "$tmp/floor"
cat > "$tmp/floor/main.go" <<'GOEOF'
package main

import (
	"os"
	"syscall"
)

func main() {
	syscall.Exec("/bin/bash", append([]string{"bash"}, os.Args[1:]...), os.Environ())
}
GOEOF
printf 'module floor\n\ngo 1.26\n' > "$tmp/floor/go.mod"
(cd "$tmp/floor" && CGO_ENABLED=0 go build -trimpath -o "$tmp/floor-bin" .)

cd "$tmp"
hyperfine -N --warmup 200 --runs "$runs" --export-json result.json \
	'/bin/bash -c true' "$tmp/floor-bin -c true" "$tmp/guard version" "$tmp/guard -c true"

echo
echo "medians:"
jq -r '.results[] | "\(.median * 1e6 | floor) µs  \(.command)"' result.json | sed "s|$tmp/||"
base=$(jq '.results[0].median' result.json)
jq -r --argjson b "$base" '.results[1:][] | "+\((.median - $b) * 1e6 | floor) µs over bash: \(.command)"' result.json | sed "s|$tmp/||"
if command -v perf >/dev/null 2>&1; then
	echo
	echo "CPU time (perf stat task-clock, mean of $runs runs; less sensitive to other load than wall time):"
	for c in '/bin/bash -c true' "$tmp/floor-bin -c true" "$tmp/guard version" "$tmp/guard -c true"; do
		ms=$(perf stat -x, -e task-clock -r "$runs" $c 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}')
		awk -v ms="$ms" -v c="${c#"$tmp/"}" 'BEGIN { printf "%6.0f µs  %s\n", ms * 1000, c }'
	done
fi
echo
echo "machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs, $(uname -sr)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
