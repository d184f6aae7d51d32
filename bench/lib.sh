# Shared by bench/build.sh, bench/lint.sh and bench/startup.sh (sourced, not run).
#
# The tool is measured as a user runs it: the distribution archive (cli/target/pipeline-*.tar.gz,
# built here with `mvn package` when missing or older than the sources; never `mvn install`),
# unpacked into bench/out/dist/, run through its bin/pipeline launcher with its class-data-sharing
# archive in bench/out/cache/ (XDG_CACHE_HOME). The peers are installed into bench/node/ from
# bench/node/package.json when missing (npm install --prefix bench/node).
# Each figure is the median of fresh processes, the commands interleaved (one run of each in turn),
# wall time by the shell's clock, peak RSS by /usr/bin/time -v ("Maximum resident set size").
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_out="$bench_root/bench/out"
bench_version="0.1.0-SNAPSHOT"
bench_defs="$bench_root/service/definition/target/service-definition-$bench_version.jar"
export XDG_CACHE_HOME="$bench_out/cache"
export CDK_DISABLE_CLI_TELEMETRY=true REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  NO_UPDATE_NOTIFIER=1 NODE_PATH="$bench_root/bench/node/node_modules"

bench_log() { echo "${bench_name:-bench}: $*" >&2; }

# Builds (when needed) and unpacks the distribution; sets $pipeline to its launcher.
bench_dist() {
  [ -x /usr/bin/time ] || { bench_log "needs /usr/bin/time (Debian package 'time')"; exit 2; }
  local archive="$bench_root/cli/target/pipeline-$bench_version.tar.gz"
  if [ ! -f "$archive" ] || [ ! -f "$bench_defs" ] || [ -n "$(find "$bench_root"/{pom.xml,core,buildspec,api-spec,pipeline,aws,cli,service/definition}/{pom.xml,src/main,src/dist,src/assembly} \
      -newer "$archive" -type f -print -quit 2>/dev/null)" ]; then
    bench_log "building the distribution (mvn package, not installed)"
    (cd "$bench_root" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl cli,service/definition -am package >&2)
  fi
  local dist="$bench_out/dist"
  if [ ! -f "$dist/.unpacked" ] || [ "$dist/.unpacked" -ot "$archive" ]; then
    rm -rf "$dist" "$XDG_CACHE_HOME"
    mkdir -p "$dist"
    tar -xzf "$archive" -C "$dist"
    touch "$dist/.unpacked"
  fi
  pipeline="$(echo "$dist"/pipeline-*/bin/pipeline)"
  [ -x "$pipeline" ] || { bench_log "no launcher in $dist"; exit 2; }
}

# Installs the peers (bench/node/package.json) when one is missing.
bench_peers() {
  command -v npm >/dev/null || { bench_log "needs node and npm for the peers"; exit 2; }
  local bin="$bench_root/bench/node/node_modules/.bin" missing=0 tool
  for tool in "$@"; do [ -x "$bin/$tool" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    bench_log "installing the peers into bench/node (npm install --prefix bench/node)"
    npm install --prefix "$bench_root/bench/node" --no-audit --no-fund --loglevel=error >&2
  fi
}

bench_tmp="$(mktemp -d)"
trap 'rm -rf "$bench_tmp"' EXIT

# bench_sample NAME CMD... — one fresh run; appends "seconds kib exit" to $bench_tmp/NAME.
bench_sample() {
  local name="$1" start end rc
  shift
  start=$(date +%s%N)
  /usr/bin/time -v -o "$bench_tmp/time" "$@" >/dev/null 2>"$bench_tmp/stderr" && rc=0 || rc=$?
  end=$(date +%s%N)
  local kib
  kib="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$bench_tmp/time")"
  echo "$(awk -v n=$((end - start)) 'BEGIN {printf "%.4f", n / 1e9}') ${kib:-0} $rc" >>"$bench_tmp/$name"
  cat "$bench_tmp/stderr" >"$bench_tmp/$name.stderr"
}

# bench_interleave RUNS NAME... — runs bench_cmd_NAME (a function taking a runner prefix) once per
# round for each NAME, RUNS rounds.
bench_interleave() {
  local runs="$1" i name
  shift
  for ((i = 0; i < runs; i++)); do
    for name in "$@"; do "bench_cmd_$name" bench_sample "$name"; done
  done
}

bench_median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
bench_seconds() { cut -d' ' -f1 "$bench_tmp/$1" | bench_median; }
bench_mib() { cut -d' ' -f2 "$bench_tmp/$1" | bench_median | awk '{printf "%.0f", $1 / 1024}'; }
bench_codes() { cut -d' ' -f3 "$bench_tmp/$1" | sort -u | tr '\n' ' ' | sed 's/ $//'; }
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f×", b / a; else print "-" }'; }
bench_header() {
  echo "$1"
  echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end; $(java -version 2>&1 | head -1)"
  echo
}
