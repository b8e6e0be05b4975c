#!/bin/sh
# bench/hook.sh: whole-process time of one agent hook call, median over many
# runs: guard hook claude, and for comparison cc-safety-net (an npm hook
# tool for the same job) when node and npm are there. See bench/hook.md.
#
#   sh bench/hook.sh            # RUNS=1000 by default
#   RUNS=3000 sh bench/hook.sh
#   CCSN=0 sh bench/hook.sh     # guard only
#
# Needs Go. Each input is one Claude Code PreToolUse call, fed on stdin to a
# fresh process started directly (no shell), as the agent does; the time is
# from start to exit. guard runs as the current user and reads that user's
# guard config; its calls are logged like any other hook call.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1000}
CCSN=${CCSN:-1}
CCSN_VERSION=2.4.5

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# A static binary, as released: a cgo build is dynamically linked, and the
# loader alone adds about a millisecond to every start.
CGO_ENABLED=${CGO_ENABLED:-0} go build -trimpath -o "$tmp/guard" ./cmd/guard

# The timer: starts the command RUNS times with the input on stdin and
# prints the median, mean and 95th percentile of the wall time and the
# median CPU time, in milliseconds.
mkdir "$tmp/timer"
cat > "$tmp/timer/main.go" <<'GO_TIMER_EOF'
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"time"
)

func main() {
	runs, _ := strconv.Atoi(os.Args[1])
	input, err := os.ReadFile(os.Args[2])
	if err != nil {
		panic(err)
	}
	argv := os.Args[3:]
	// run returns the wall time from start to exit, and the CPU time
	// (user and system) the process used, which other load on the machine
	// barely changes.
	run := func() (time.Duration, time.Duration) {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdin = bytes.NewReader(input)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		t := time.Now()
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				panic(err)
			}
		}
		wall := time.Since(t)
		return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	for i := 0; i < runs/10+5; i++ {
		run() // warm the page cache and the CPU
	}
	wall := make([]time.Duration, runs)
	cpu := make([]time.Duration, runs)
	var sum time.Duration
	for i := range wall {
		wall[i], cpu[i] = run()
		sum += wall[i]
	}
	sort.Slice(wall, func(i, j int) bool { return wall[i] < wall[j] })
	sort.Slice(cpu, func(i, j int) bool { return cpu[i] < cpu[j] })
	ms := func(x time.Duration) float64 { return float64(x) / 1e6 }
	fmt.Printf("%10.2f %10.2f %10.2f %10.2f\n", ms(wall[len(wall)/2]), ms(sum/time.Duration(len(wall))), ms(wall[len(wall)*95/100]), ms(cpu[len(cpu)/2]))
}
GO_TIMER_EOF
(cd "$tmp/timer" && go mod init timer >/dev/null 2>&1 && go build -o "$tmp/timer/timer" .)

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

echo "go: $(go version | cut -d' ' -f3) CGO_ENABLED=${CGO_ENABLED:-0}  node: $(node --version 2>/dev/null || echo none)  cpus: $(nproc)  runs: $RUNS  load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
printf '%-6s %-6s %10s %10s %10s %10s\n' tool input median_ms mean_ms p95_ms cpu_med_ms
for t in $tools; do
	for i in safe ask deny; do
		case $t in
		guard) r=$("$tmp/timer/timer" "$RUNS" "$tmp/$i.json" "$tmp/guard" hook claude) ;;
		ccsn) r=$(HOME="$tmp/ccsn-home" "$tmp/timer/timer" "$RUNS" "$tmp/$i.json" node "$tmp/ccsn/node_modules/cc-safety-net/dist/bin/cc-safety-net.js" hook --claude-code) ;;
		esac
		printf '%-6s %-6s %s\n' "$t" "$i" "$r"
	done
done
