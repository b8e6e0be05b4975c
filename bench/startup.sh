#!/bin/sh
# Start-up cost of guard in the build `go build`/`go install` makes (cgo
# left at its default, no flags), as its excess over two floor programs
# built the same way and run interleaved with it: an empty Go program,
# and a Go program that only execs bash -c true. Prints a Markdown report
# (see bench/startup.md); valgrind, when installed, adds instruction
# counts, which the load of other processes does not change.
#
#   bench/startup.sh              # 1000 runs of each program per case
#   RUNS=3000 bench/startup.sh
#   GRIND=15 bench/startup.sh     # 15 runs under valgrind, not 5
#   BEFORE=main bench/startup.sh  # also guard as of that revision, first
#
# With BEFORE, guard is also built from that revision (git archive of it,
# the same build) and measured first, against the same floors, so that a
# before-and-after comes from one run of the script.
#
# Run as root (where unshare works), it measures in a private mount
# namespace with an empty temporary directory over the home directory,
# so guard's decision log and config there are the benchmark's own.
# Otherwise each `guard -c true` and hook call appends to your own
# decision log, as it does in real use.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The default build: whatever the user's environment would set for cgo,
# flags or experiments is left out.
build() (cd "$1" && env -u CGO_ENABLED -u GOFLAGS -u GOEXPERIMENT -u GODEBUG go build -o "$2" "$3")

build . "$tmp/guard" ./cmd/guard
if [ -n "${BEFORE:-}" ]; then
	mkdir "$tmp/before"
	git archive "$BEFORE" | tar -x -C "$tmp/before"
	build "$tmp/before" "$tmp/guard-before" ./cmd/guard
fi
mkdir "$tmp/empty" "$tmp/execbash" "$tmp/home"
printf 'package main\n\nfunc main() {}\n' > "$tmp/empty/main.go"
cat > "$tmp/execbash/main.go" <<'GO_EOF'
package main

import (
	"os"
	"syscall"
)

func main() {
	syscall.Exec("/bin/bash", []string{"bash", "-c", "true"}, os.Environ())
}
GO_EOF
for d in empty execbash; do
	printf 'module floor\n\ngo 1.26\n' > "$tmp/$d/go.mod"
	build "$tmp/$d" "$tmp/$d.bin" .
done
build . "$tmp/deps.bin" ./bench/startup/depsfloor
go build -o "$tmp/startup" ./bench/startup

# measure runs the report for each guard binary: the one built from
# BEFORE first, when there is one.
cat > "$tmp/measure" <<MEASURE_EOF
#!/bin/sh
set -e
if [ -x "$tmp/guard-before" ]; then
	echo "# Before: ${BEFORE:-} ($(git rev-parse --short "${BEFORE:-HEAD}"))"
	echo
	"$tmp/startup" -guard "$tmp/guard-before" -empty "$tmp/empty.bin" -execbash "$tmp/execbash.bin" -runs "${RUNS:-1000}" -valgrind "${GRIND:-5}"
	echo
	echo "# After: this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with changes'))"
	echo
fi
"$tmp/startup" -guard "$tmp/guard" -empty "$tmp/empty.bin" -execbash "$tmp/execbash.bin" -deps "$tmp/deps.bin" -runs "${RUNS:-1000}" -valgrind "${GRIND:-5}"
MEASURE_EOF
chmod +x "$tmp/measure"
set -- "$tmp/measure"
home=$(getent passwd "$(id -u)" | cut -d: -f6)
if [ "$(id -u)" = 0 ] && [ -d "$home" ] && unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount --make-rprivate / && mount --bind "$0" "$1" && shift && exec "$@"' "$tmp/home" "$home" "$@"
else
	echo "note: measuring with your own home: guard appends to your decision log" >&2
	"$@"
fi
