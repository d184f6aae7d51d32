#!/usr/bin/env bash
# Benchmark: `pipeline lint` on hostile documents just under the default size limits (16 MiB for
# OpenAPI, 1 MiB for buildspecs; also 16 MiB buildspecs with --max-bytes), one fresh process per
# document: wall time, CPU time (user + sys: the better figure on a busy machine) and peak RSS
# (/usr/bin/time -v "Maximum resident set size"). Every shape is expected to finish (accepted, or
# rejected with a message naming the limit: exit 0/1/2) in well under 5 s.
# Not a test: run it by hand, on a quiet machine.
#
#   bench/hostile-docs.sh [--timeout SECONDS (60)] [SHAPE...]     SHAPE: a file name prefix
#
# Shapes (YAML and JSON unless noted): one giant integer; 16 integers of 1 MB; hex and octal
# giants (YAML); a giant float mantissa; huge exponents; many short integers and floats; one giant
# string (and a giant plain scalar of digits then a letter, YAML); many small keys; many nested
# chains 200 deep; many keys and nested chains just under the value limit (--max-nodes, 250,000);
# buildspecs with a giant integer and with long commands.
#
# Runs the jar the way bin/pipeline does (its JVM options, no class data sharing archive), built
# here with `mvn package` when missing (never installed). PIPELINE_CP overrides the class path (to
# time another build); PIPELINE_JAVA_OPTS adds JVM options. Documents go to bench/out/hostile/
# (gitignored); the table to stdout and bench/out/hostile-<date>.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
timeout_s=60
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout_s="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) only+=("$1"); shift ;;
  esac
done

log() { echo "bench/hostile-docs.sh: $*" >&2; }
[ -x /usr/bin/time ] || { log "needs /usr/bin/time (Debian package 'time')"; exit 2; }
command -v python3 >/dev/null || { log "needs python3 to write the documents"; exit 2; }

jar="$root/pipeline/target/pipeline-0.1.0-SNAPSHOT.jar"
if [ -z "${PIPELINE_CP:-}" ] && { [ ! -f "$jar" ] || [ ! -d "$root/pipeline/target/lib" ]; }; then
  log "building the tool (mvn package, not installed)"
  (cd "$root" && mvn -B -q -pl pipeline -am package -DskipTests -Dspotless.check.skip=true >&2)
fi
cp="${PIPELINE_CP:-$jar:$root/pipeline/target/lib/*}"
# shellcheck disable=SC2206
extra=(${PIPELINE_JAVA_OPTS:-})
lint=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${extra[@]}" -cp "$cp"
  io.pipelinekit.pipeline.cli.PipelineCli lint)

docs="$root/bench/out/hostile"
mkdir -p "$docs"
log "writing documents to $docs"
python3 - "$docs" <<'PY'
import os, sys

out = sys.argv[1]
MIB = 1024 * 1024
OPENAPI = 16 * MIB - 4096   # under LoadOptions.DEFAULT_MAX_BYTES
BUILDSPEC = MIB - 4096      # under BuildSpecLinter.DEFAULT_MAX_BYTES

YAML_HEAD = "openapi: 3.0.3\ninfo:\n  title: hostile\n  version: '1'\npaths: {}\n"
JSON_HEAD = '{"openapi":"3.0.3","info":{"title":"hostile","version":"1"},"paths":{},'
BUILDSPEC_HEAD = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n"


def write(name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def fill(unit, budget):
    return unit * max(1, budget // len(unit))


def both(name, yaml_body, json_body):
    """yaml_body/json_body: functions of the byte budget left after the head."""
    write(name + ".yaml", YAML_HEAD + yaml_body(OPENAPI - len(YAML_HEAD)))
    write(name + ".json", JSON_HEAD + json_body(OPENAPI - len(JSON_HEAD) - 2) + "}\n")


def items(item, sep, budget):
    return sep.join([item] * max(1, budget // (len(item) + len(sep))))


# one integer literal of ~16 MiB digits
both("int-giant", lambda b: "x-n: " + fill("1234567890", b - 10) + "\n",
     lambda b: '"x-n":' + fill("1234567890", b - 10))
# 16 integer literals of 1 MB each
both("ints-1mb", lambda b: "".join("x-n%02d: %s\n" % (i, "7" * 1_000_000) for i in range(16)),
     lambda b: ",".join('"x-n%02d":%s' % (i, "7" * 1_000_000) for i in range(16)))
write("hex-giant.yaml", YAML_HEAD + "x-n: 0x" + fill("0123456789abcdef", OPENAPI - 200) + "\n")
write("oct-giant.yaml", YAML_HEAD + "x-n: 0o" + fill("01234567", OPENAPI - 200) + "\n")
# a float with a ~16 MiB mantissa; many floats with huge exponents; one huge exponent
both("float-giant", lambda b: "x-n: 1." + fill("1234567890", b - 10) + "\n",
     lambda b: '"x-n":1.' + fill("1234567890", b - 10))
both("float-exponents", lambda b: "x-n:\n" + items("  - 1e999999999", "\n", b - 10) + "\n",
     lambda b: '"x-n":[' + items("1e999999999", ",", b - 10) + "]")
both("float-exponent-giant", lambda b: "x-n: 1e" + fill("9", b - 10) + "\n",
     lambda b: '"x-n":1e' + fill("9", b - 10))
# many short numbers
both("ints-many", lambda b: "x-n:\n" + items("  - 1234567", "\n", b - 10) + "\n",
     lambda b: '"x-n":[' + items("1234567", ",", b - 10) + "]")
both("floats-many", lambda b: "x-n:\n" + items("  - 1.25e-3", "\n", b - 10) + "\n",
     lambda b: '"x-n":[' + items("1.25e-3", ",", b - 10) + "]")
# one string of ~16 MiB; a plain scalar of digits ending in a letter (every number pattern tried)
both("string-giant", lambda b: 'x-s: "' + fill("abcdefghij", b - 10) + '"\n',
     lambda b: '"x-s":"' + fill("abcdefghij", b - 10) + '"')
write("digits-text-giant.yaml", YAML_HEAD + "x-s: " + fill("1", OPENAPI - 200) + "x\n")
# many small keys in one mapping
n = (OPENAPI - 200) // len("  k0000000: 1\n")
both("keys-many", lambda b: "x-m:\n" + "".join("  k%07d: 1\n" % i for i in range(n)),
     lambda b: '"x-m":{' + ",".join('"k%07d":1' % i for i in range(n)) + "}")
# many chains nested 200 deep (the limit is 256)
chain = "[" * 200 + "1" + "]" * 200
both("nesting-deep", lambda b: "x-d:\n" + items("  - " + chain, "\n", b - 10) + "\n",
     lambda b: '"x-d":[' + items(chain, ",", b - 10) + "]")
# just under the limit of 250,000 values: the most work a document can ask for
write("limit-keys.yaml", YAML_HEAD + "x-m:\n" + "".join("  k%07d: 1\n" % i for i in range(249_000)))
write("limit-nesting.json",
      JSON_HEAD + '"x-d":[' + ",".join([chain] * (249_000 // 201)) + "]}\n")

# buildspecs, under the default 1 MiB and at 16 MiB (linted with --max-bytes)
for suffix, size in (("", BUILDSPEC), ("-16m", OPENAPI)):
    write("buildspec-int-giant%s.yaml" % suffix,
          BUILDSPEC_HEAD + "x-n: " + fill("1234567890", size - 200) + "\n")
    write("buildspec-command-options%s.yaml" % suffix,
          BUILDSPEC_HEAD + "      - aws " + fill("--a ", size - 200) + "x\n")
    write("buildspec-commands-many%s.yaml" % suffix,
          BUILDSPEC_HEAD + items("      - aws ecr get-login --no-include-email", "\n", size - 200)
          + "\n")
PY

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
report="$root/bench/out/hostile-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "pipeline lint on hostile documents; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
  echo "JVM options: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${extra[*]:-}; timeout ${timeout_s} s"
  echo
  echo "| document | MiB | exit | wall s | CPU s | max RSS MiB | first line of stderr |"
  echo "|---|---:|---:|---:|---:|---:|---|"
} | tee "$report"
for f in "$docs"/*; do
  name="$(basename "$f")"
  if [ ${#only[@]} -gt 0 ]; then
    match=no
    for p in "${only[@]}"; do [[ "$name" == "$p"* ]] && match=yes; done
    [ "$match" = yes ] || continue
  fi
  args=()
  [[ "$name" == *-16m.* ]] && args=(--max-bytes 16777216)
  rc=0
  /usr/bin/time -v -o "$tmp/time" timeout "$timeout_s" "${lint[@]}" "${args[@]}" "$f" \
    >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time" \
    | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")"
  cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$tmp/time")"
  first="$(grep -v '^Command exited with non-zero status' "$tmp/stderr" | head -1 | sed "s#$docs/##" | cut -c1-100 || true)"
  [ "$rc" = 124 ] && first="(killed after ${timeout_s} s)"
  [ -z "$first" ] && first="$(head -1 "$tmp/stdout" | sed "s#$docs/##" | cut -c1-110 || true)"
  printf '| %s | %.1f | %s | %.2f | %.2f | %.0f | %s |\n' "$name" \
    "$(awk -v b="$(stat -c %s "$f")" 'BEGIN{print b/1048576}')" "$rc" "$wall" "$cpu" \
    "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "${first//|/\\|}" | tee -a "$report"
done
log "written $report"
