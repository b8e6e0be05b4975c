#!/bin/sh
# bench/hook.sh: whole-process time of one agent hook call, median over many
# runs: guard hook claude, and for comparison cc-safety-net (an npm hook
# tool for the same job) when node and npm are there. See bench/hook.md.
#
#   sh bench/hook.sh            # RUNS=500 by default
#   RUNS=2000 sh bench/hook.sh
#   CCSN=0 sh bench/hook.sh     # guard only
#
# Needs Go and hyperfine. Each input is one Claude Code PreToolUse call;
# hyperfine runs "TOOL < input" through sh and subtracts sh's own start-up.
# guard runs as the current user and reads that user's guard config; its
# calls are logged like any other hook call.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-500}
CCSN=${CCSN:-1}
CCSN_VERSION=2.4.5

command -v hyperfine >/dev/null || { echo "bench/hook.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# A static binary, as released: a cgo build is dynamically linked, and the
# loader alone adds about a millisecond to every start.
CGO_ENABLED=${CGO_ENABLED:-0} go build -trimpath -o "$tmp/guard" ./cmd/guard

input() { # name command
	printf '{"session_id":"bench","transcript_path":"/tmp/bench.jsonl","cwd":"/tmp","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"%s","description":"bench"},"tool_use_id":"toolu_bench"}\n' "$2" > "$tmp/$1.json"
}
input safe 'git status && ls -la src | grep -v test'
input ask 'terraform destroy -auto-approve'
input deny 'rm -rf /'

tools="guard"
if [ "$CCSN" = 1 ] && command -v node >/dev/null && command -v npm >/dev/null; then
	if npm install --silent --no-audit --no-fund --prefix "$tmp/ccsn" "cc-safety-net@$CCSN_VERSION" >/dev/null 2>&1; then
		mkdir -p "$tmp/ccsn-home"
		tools="guard ccsn"
	else
		echo "bench/hook.sh: could not install cc-safety-net@$CCSN_VERSION from npm; guard only" >&2
	fi
fi

cmd() { # tool input
	case $1 in
	guard) echo "$tmp/guard hook claude < $tmp/$2.json > /dev/null" ;;
	ccsn) echo "HOME=$tmp/ccsn-home node $tmp/ccsn/node_modules/cc-safety-net/dist/bin/cc-safety-net.js hook --claude-code < $tmp/$2.json > /dev/null" ;;
	esac
}

field() { # json-file name: the first number after "name":
	sed -n "s/.*\"$2\": *\([0-9.eE+-]*\).*/\1/p" "$1" | head -1
}

echo "go: $(go version | cut -d' ' -f3) CGO_ENABLED=${CGO_ENABLED:-0}  node: $(node --version 2>/dev/null || echo none)  cpu: $(nproc) cores  runs: $RUNS"
printf '%-6s %-6s %10s %10s %10s\n' tool input median_ms mean_ms stddev_ms
for t in $tools; do
	for i in safe ask deny; do
		hyperfine --style none --warmup 20 --runs "$RUNS" --export-json "$tmp/r.json" "$(cmd "$t" "$i")" >/dev/null 2>&1
		med=$(field "$tmp/r.json" median)
		mean=$(field "$tmp/r.json" mean)
		sd=$(field "$tmp/r.json" stddev)
		awk -v t="$t" -v i="$i" -v m="$med" -v a="$mean" -v s="$sd" \
			'BEGIN { printf "%-6s %-6s %10.2f %10.2f %10.2f\n", t, i, m*1000, a*1000, s*1000 }'
	done
done
