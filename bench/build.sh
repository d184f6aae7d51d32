#!/usr/bin/env bash
# Benchmark: wall time of `bin/pipeline build` with the tool already built (median of RUNS runs,
# default 7), beside the same figure for `java -version` (the JVM's floor on this machine), and
# for `bin/pipeline build` without the class-data-sharing archive.
# Usage: bench/build.sh            (RUNS=9 bench/build.sh for more runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-7}"
[ "$runs" -ge 5 ] || { echo "bench/build.sh: RUNS must be at least 5" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Warm-up: builds the tool when needed and writes the AppCDS archive (not timed).
"$root/bin/pipeline" build --out "$work/out" --source-root "$root" >/dev/null

ms() { # runs the command once, prints its wall time in milliseconds; fails when it fails
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "bench/build.sh: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print int((v[NR/2]+v[NR/2+1])/2)}'; }
series() { local i; for i in $(seq "$runs"); do ms "$@"; done | tr '\n' ' '; }

build_runs="$(series "$root/bin/pipeline" build --out "$work/out" --source-root "$root")"
nocds_runs="$(PIPELINE_CDS=0 series "$root/bin/pipeline" build --out "$work/out" --source-root "$root")"
java_runs="$(series java -version)"

printf '%-40s %8s   %s\n' "command ($runs runs, $(nproc) cores)" "median" "all runs (ms)"
printf '%-40s %6s ms   %s\n' "bin/pipeline build" "$(echo "$build_runs" | tr ' ' '\n' | grep . | median)" "$build_runs"
printf '%-40s %6s ms   %s\n' "bin/pipeline build (PIPELINE_CDS=0)" "$(echo "$nocds_runs" | tr ' ' '\n' | grep . | median)" "$nocds_runs"
printf '%-40s %6s ms   %s\n' "java -version" "$(echo "$java_runs" | tr ' ' '\n' | grep . | median)" "$java_runs"
java -version 2>&1 | head -1
