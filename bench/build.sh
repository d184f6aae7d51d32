#!/usr/bin/env bash
# Benchmark: `pipeline build` of the bundled service beside `cdk synth` of the same pipeline as a
# CDK app (bench/cdk/app.js: imported bucket, repositories, ECS service and connection, so no
# lookups), and `java -version` (the JVM's floor). Fresh processes, interleaved, medians of wall
# time and peak RSS. Not a test: run it by hand; the machine's load is printed with the table.
# `pipeline build` runs twice a round: as a user rebuilds after changing the definition (the API's
# merged document and its lint errors remembered in the tool's build cache), and with that cache
# emptied first, as after a change to the API or on a fresh machine.
#
#   bench/build.sh [RUNS]     RUNS rounds (default 7, at least 3)
#
# The tool: the distribution archive, unpacked and run through its launcher (bench/lib.sh);
# `cdk` and `aws-cdk-lib`: bench/node/ (installed when missing). Output: a Markdown table on
# stdout, also written to bench/out/build-<date>.md.
set -euo pipefail
bench_name=bench/build.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-7}"
[ "$runs" -ge 3 ] || { bench_log "RUNS must be at least 3"; exit 2; }
bench_dist
bench_peers cdk
cdk="$bench_root/bench/node/node_modules/.bin/cdk"
out="$bench_tmp/out"

bench_cmd_pipeline() {
  PIPELINE_CLASSPATH="$bench_defs" "$@" "$pipeline" build \
    --definition io.pipelinekit.service.definition.ServicePipeline --source-root "$bench_root" --out "$out/pipeline"
}
bench_cmd_uncached() {
  rm -rf "$XDG_CACHE_HOME/pipelinekit/$bench_version/build-cache"
  bench_cmd_pipeline "$@"
}
bench_cmd_cdk() {
  (cd "$bench_root/bench/cdk" && "$@" "$cdk" synth --quiet --no-notices --output "$out/cdk.out")
}
bench_cmd_java() { "$@" java -version; }

bench_log "warm-up (writes the tool's class-data-sharing archive; not timed)"
bench_cmd_pipeline bench_sample warm-pipeline
bench_cmd_cdk bench_sample warm-cdk
for w in warm-pipeline warm-cdk; do
  [ "$(bench_codes $w)" = 0 ] || { bench_log "$w failed:"; cat "$bench_tmp/$w.stderr" >&2; exit 1; }
done
bench_log "$runs rounds"
bench_interleave "$runs" pipeline uncached cdk java

p="$(bench_seconds pipeline)" u="$(bench_seconds uncached)" c="$(bench_seconds cdk)" j="$(bench_seconds java)"
cdk_version="$("$cdk" --version 2>/dev/null | head -1)"
mkdir -p "$bench_out"
report="$bench_out/build-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  bench_header "pipeline build (bundled service) vs cdk synth $cdk_version (aws-cdk-lib $(node -p "require('aws-cdk-lib/package.json').version")), medians of $runs fresh processes, interleaved"
  echo "| command | wall s | peak RSS MiB | vs pipeline build |"
  echo "|---|---:|---:|---:|"
  printf '| pipeline build | %.3f | %s | 1.0× |\n' "$p" "$(bench_mib pipeline)"
  printf '| pipeline build, build cache emptied | %.3f | %s | %s slower (cdk synth: %s slower) |\n' "$u" "$(bench_mib uncached)" "$(bench_ratio "$p" "$u")" "$(bench_ratio "$u" "$c")"
  printf '| cdk synth | %.3f | %s | %s slower |\n' "$c" "$(bench_mib cdk)" "$(bench_ratio "$p" "$c")"
  printf '| java -version (floor) | %.3f | %s | %s of pipeline build |\n' "$j" "$(bench_mib java)" "$(awk -v a="$p" -v b="$j" 'BEGIN {printf "%.0f%%", 100 * b / a}')"
  echo
  echo "pipeline build runs (s): $(cut -d' ' -f1 "$bench_tmp/pipeline" | tr '\n' ' ')"
  echo "pipeline build, cache emptied, runs (s): $(cut -d' ' -f1 "$bench_tmp/uncached" | tr '\n' ' ')"
  echo "cdk synth runs (s): $(cut -d' ' -f1 "$bench_tmp/cdk" | tr '\n' ' ')"
} | tee "$report"
bench_log "written $report"
