#!/usr/bin/env bash
# Benchmark: `pipeline lint` vs `redocly lint` (npm @redocly/cli) on each corpus document.
# Fresh process per run, run side by side (alternating), median wall time and median peak RSS
# (/usr/bin/time -v's "Maximum resident set size"). Not a test: run it by hand, on a quiet machine.
#
#   bench/lint.sh [RUNS]            RUNS per tool and document (default 5)
#
# pipeline lint runs the way bin/pipeline runs it: the built jar (+ lib/ from its manifest), the
# same JVM options, the class data sharing archive bin/pipeline looks for (written here when it is
# missing), plus $PIPELINE_JAVA_OPTS. redocly is installed into bench/node_modules (gitignored).
# Corpus: ../shared/corpus beside the repository, or $PIPELINEKIT_CORPUS. Output: a Markdown table
# on stdout, also written to bench/out/lint-<date>.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
corpus="${PIPELINEKIT_CORPUS:-$root/../shared/corpus}"
docs=(stripe-spec3.yaml github-api.github.com.json twilio_messaging_v1.yaml twilio_verify_v2.yaml)
redocly_version="2.77.0"

log() { echo "bench/lint.sh: $*" >&2; }
[ -x /usr/bin/time ] || { log "needs /usr/bin/time (Debian package 'time')"; exit 2; }
for d in "${docs[@]}"; do
  [ -f "$corpus/$d" ] || { log "corpus document missing: $corpus/$d"; exit 2; }
done

# --- pipeline: build when missing, as bin/pipeline does -----------------------------------------
jar="$root/cli/target/pipeline-cli-0.1.0-SNAPSHOT.jar"
defs="$root/service/definition/target/service-definition-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -d "$root/cli/target/lib" ]; then
  log "building the tool"
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl cli -am install >&2)
fi
cp="$jar"
[ -f "$defs" ] && cp="$jar:$defs"
jvm_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
cds="$root/cli/target/pipeline-lint.jsa"
if [ ! -f "$cds" ] || [ "$cds" -ot "$jar" ]; then
  rm -f "$cds"
  log "writing the class data sharing archive $cds"
  java "${jvm_opts[@]}" -XX:ArchiveClassesAtExit="$cds" -cp "$cp" \
    io.pipelinekit.cli.PipelineCli lint "$corpus/twilio_verify_v2.yaml" >/dev/null 2>&1 || true
fi
[ -f "$cds" ] && jvm_opts+=("-XX:SharedArchiveFile=$cds")
# shellcheck disable=SC2206
extra=(${PIPELINE_JAVA_OPTS:-})
pipeline_cmd=(java "${jvm_opts[@]}" "${extra[@]}" -cp "$cp" io.pipelinekit.cli.PipelineCli lint)

# --- redocly --------------------------------------------------------------------------------------
redocly="$root/bench/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  log "installing @redocly/cli@$redocly_version into bench/node_modules"
  npm install --prefix "$root/bench" --no-save --no-audit --no-fund "@redocly/cli@$redocly_version" >&2
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
redocly_cmd=("$redocly" lint)

# --- measure --------------------------------------------------------------------------------------
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# one RUNNER DOC → appends "seconds kib exit" to $tmp/RUNNER-DOC
one() {
  local name="$1" doc="$2"
  shift 2
  /usr/bin/time -v -o "$tmp/time" "$@" "$corpus/$doc" >/dev/null 2>"$tmp/stderr" && rc=0 || rc=$?
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")"
  echo "$wall $rss $rc" >>"$tmp/$name-$doc"
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

log "warming file caches, then $runs runs per tool and document"
for doc in "${docs[@]}"; do cat "$corpus/$doc" >/dev/null; done
"${pipeline_cmd[@]}" "$corpus/twilio_verify_v2.yaml" >/dev/null 2>&1 || true
"${redocly_cmd[@]}" "$corpus/twilio_verify_v2.yaml" >/dev/null 2>&1 || true

for doc in "${docs[@]}"; do
  for ((i = 0; i < runs; i++)); do
    one pipeline "$doc" "${pipeline_cmd[@]}"
    one redocly "$doc" "${redocly_cmd[@]}"
  done
done

out_dir="$root/bench/out"
mkdir -p "$out_dir"
report="$out_dir/lint-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "pipeline lint vs redocly lint $redocly_version, $runs fresh processes each, median; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "JVM options: ${jvm_opts[*]} ${extra[*]:-}"
  echo
  echo "| document | pipeline s | pipeline MiB | redocly s | redocly MiB | faster | less memory |"
  echo "|---|---:|---:|---:|---:|---|---|"
  for doc in "${docs[@]}"; do
    pw="$(cut -d' ' -f1 "$tmp/pipeline-$doc" | median)"
    pr="$(cut -d' ' -f2 "$tmp/pipeline-$doc" | median)"
    rw="$(cut -d' ' -f1 "$tmp/redocly-$doc" | median)"
    rr="$(cut -d' ' -f2 "$tmp/redocly-$doc" | median)"
    pcodes="$(cut -d' ' -f3 "$tmp/pipeline-$doc" | sort -u | tr '\n' ' ')"
    faster="$(awk -v a="$pw" -v b="$rw" 'BEGIN { print (a < b) ? "yes" : "no" }')"
    smaller="$(awk -v a="$pr" -v b="$rr" 'BEGIN { print (a < b) ? "yes" : "no" }')"
    printf '| %s | %.2f | %.0f | %.2f | %.0f | %s | %s |\n' "$doc" "$pw" "$(awk -v k="$pr" 'BEGIN{print k/1024}')" \
      "$rw" "$(awk -v k="$rr" 'BEGIN{print k/1024}')" "$faster" "$smaller"
    if [ "$pcodes" != "1 " ] && [ "$pcodes" != "0 " ]; then
      echo "  (pipeline lint exit codes: $pcodes — expected 1: the corpus has no API Gateway integrations)"
    fi
  done
} | tee "$report"
log "written $report"
