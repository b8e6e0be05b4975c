#!/bin/sh
# Reproduces every performance figure docs/benchmarks.md quotes and prints them as
# a Markdown table (see bench/figures). Needs only Go. The detailed,
# per-front-door scripts are beside it: check.sh, shell.sh, hook.sh and
# audit.sh (those use hyperfine).
#
#   bench/run.sh            # 1000 runs per whole-process figure
#   RUNS=3000 bench/run.sh
set -eu
cd "$(dirname "$0")/.."
exec go run ./bench/figures -runs "${RUNS:-1000}"
