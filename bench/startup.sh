#!/usr/bin/env bash
# Benchmark: start-up. `pipeline --version`, `pipeline build` (bundled service) and `pipeline lint`
# of a small API Gateway document (the openapi.yaml that build writes: 3 paths, no findings), beside `java -version` (the JVM's
# floor), with the launcher's start-up archive and without it (PIPELINE_CDS=0), for each Java.
# Fresh processes, interleaved, medians of wall time. Not a test: run it by hand; the machine's
# load is printed with the table.
#
#   bench/startup.sh [RUNS]                         RUNS rounds (default 11, at least 3)
#   JAVA_HOMES="/usr/lib/jvm/a /usr/lib/jvm/b" bench/startup.sh     those Javas (default: JAVA_HOME,
#                                                   else the java on PATH)
#
# The tool: the distribution archive, unpacked and run through its launcher (bench/lib.sh). Output:
# a Markdown table on stdout, also written to bench/out/startup-<date>.md.
set -euo pipefail
bench_name=bench/startup.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-11}"
[ "$runs" -ge 3 ] || { bench_log "RUNS must be at least 3"; exit 2; }
bench_dist
if [ -n "${JAVA_HOMES:-}" ]; then
  read -r -a homes <<<"$JAVA_HOMES"
elif [ -n "${JAVA_HOME:-}" ]; then
  homes=("$JAVA_HOME")
else
  j="$(readlink -f "$(command -v java)")"
  homes=("${j%/bin/java}")
fi
out="$bench_tmp/out"
small="$bench_tmp/small-openapi.yaml"

jh="" cds=1
bench_cmd_java() { "$@" "$jh/bin/java" -version; }
bench_cmd_version() { JAVA_HOME="$jh" PIPELINE_CDS="$cds" "$@" "$pipeline" --version; }
bench_cmd_build() {
  JAVA_HOME="$jh" PIPELINE_CDS="$cds" PIPELINE_CLASSPATH="$bench_defs" "$@" "$pipeline" build \
    --definition io.pipelinekit.service.definition.ServicePipeline --source-root "$bench_root" --out "$out"
}
bench_cmd_lint() {
  [ -f "$small" ] || cp "$out/openapi.yaml" "$small"
  JAVA_HOME="$jh" PIPELINE_CDS="$cds" "$@" "$pipeline" lint "$small"
}
commands=(version build lint)

names=()
for jh in "${homes[@]}"; do
  [ -x "$jh/bin/java" ] || { bench_log "no $jh/bin/java"; exit 2; }
  k="$(basename "$jh")"
  # warm-up: the launcher writes its archive for this Java on first use (not timed)
  cds=1
  for c in "${commands[@]}"; do "bench_cmd_$c" bench_sample "warm-$k-$c"; done
  for c in "${commands[@]}"; do
    case "$(bench_codes "warm-$k-$c")" in
      0) ;;
      *) bench_log "$c with $jh failed:"; cat "$bench_tmp/warm-$k-$c.stderr" >&2; exit 1 ;;
    esac
  done
  names+=("$k")
done

bench_log "$runs rounds"
for ((i = 0; i < runs; i++)); do
  for jh in "${homes[@]}"; do
    k="$(basename "$jh")"
    bench_cmd_java bench_sample "$k-java"
    for c in "${commands[@]}"; do
      cds=1 && "bench_cmd_$c" bench_sample "$k-$c"
      cds=0 && "bench_cmd_$c" bench_sample "$k-$c-nocds"
    done
  done
done

mkdir -p "$bench_out"
report="$bench_out/startup-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  bench_header "start-up: medians of $runs fresh processes, interleaved (wall s; in brackets: × java -version)"
  head="| command |" rule="|---|"
  for k in "${names[@]}"; do head="$head $k |  $k PIPELINE_CDS=0 |"; rule="$rule---:|---:|"; done
  echo "$head"
  echo "$rule"
  line="| java -version (floor) |"
  for k in "${names[@]}"; do line="$line $(printf '%.3f' "$(bench_seconds "$k-java")") | |"; done
  echo "$line"
  for c in "${commands[@]}"; do
    case "$c" in version) label="pipeline --version" ;; build) label="pipeline build" ;; lint) label="pipeline lint (small document)" ;; esac
    line="| $label |"
    for k in "${names[@]}"; do
      j="$(bench_seconds "$k-java")"
      for v in "$k-$c" "$k-$c-nocds"; do
        s="$(bench_seconds "$v")"
        line="$line $(printf '%.3f' "$s") ($(bench_ratio "$j" "$s")) |"
      done
    done
    echo "$line"
  done
} | tee "$report"
bench_log "written $report"
