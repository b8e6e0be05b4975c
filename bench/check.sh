#!/bin/sh
# Whole-process timing of guard check, against a trivial static Go binary
# and /bin/true for scale, plus the Go benchmarks for parse and decide.
# Needs hyperfine (Debian: apt-get install hyperfine). Writes bench/check.md.
set -eu
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$tmp/guard" ./cmd/guard
mkdir -p "$tmp/hello"
printf 'package main\n\nfunc main() {}\n' > "$tmp/hello/main.go"
printf 'module hello\n\ngo 1.26\n' > "$tmp/hello/go.mod"
(cd "$tmp/hello" && CGO_ENABLED=0 go build -o "$tmp/hello-go" .)
out=bench/check.md
{
	echo "# guard check: whole process"
	echo
	echo "Produced by \`bench/check.sh\` on $(date -u +%Y-%m-%d):"
	echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr), $(go version | cut -d' ' -f3)."
	echo
	hyperfine -N -i --warmup 50 --runs 500 --export-markdown "$tmp/h.md" \
		"$tmp/hello-go" \
		"$tmp/guard check 'git status'" \
		"$tmp/guard check 'cd infra && terraform -chdir=prod destroy -auto-approve'" \
		"$tmp/guard check --json 'source ~/.claude/shell-snapshots/s.sh 2>/dev/null || true && eval '\\''npm run build && npm test'\\'' < /dev/null && pwd -P >| /tmp/claude-cwd'" \
		>/dev/null
	sed "s|$tmp/||g" "$tmp/h.md"
	echo
	echo "\`hello-go\` is an empty static Go program: the floor for any Go binary here."
	echo
	echo "## Go benchmarks"
	echo
	echo '```'
	go test -run '^$' -bench . -benchmem ./internal/parse ./internal/rules | grep -E '^(Benchmark|ok)'
	echo '```'
} > "$out"
cat "$out"
