#!/usr/bin/env bash
# Fuzzes the bundled service's app against its own OpenAPI document with schemathesis, on
# loopback: starts service/app's jar on a free 127.0.0.1 port, runs every schemathesis check
# (no 5xx, status codes / content types / bodies conform to service/api/openapi.yaml, bad input
# rejected, good input accepted), stops the app, and prints a summary from the app's access log.
#
#   bench/fuzz.sh [--max-time SECONDS (60)] [--max-examples N (100)] [--seed N (20261125)]
#
# Needs .venv/bin/schemathesis (bin/test installs it) and the jar (built here when missing).
# Exit code: schemathesis's (0 = every check passed), or 1 when the app answered any 5xx.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
max_time=60
max_examples=100
seed=20261125
while [ $# -gt 0 ]; do
  case "$1" in
    --max-time) max_time="$2"; shift 2 ;;
    --max-examples) max_examples="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "fuzz: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

venv="${PIPELINEKIT_VENV:-$root/.venv}"
st="$venv/bin/schemathesis"
if [ ! -x "$st" ]; then
  echo "fuzz: $st is missing; run bin/test once (it installs schemathesis into .venv/)" >&2
  exit 2
fi
jar="${SERVICE_APP_JAR:-$root/service/app/target/service-app.jar}"
if [ ! -f "$jar" ]; then
  echo "fuzz: building $jar" >&2
  (cd "$root" && mvn -B -q -ntp -pl service/app -am package -DskipTests -Dspotless.check.skip=true)
fi

work="$(mktemp -d)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
PORT="$port" BIND_ADDRESS=127.0.0.1 SHUTDOWN_GRACE_SECONDS=2 java -jar "$jar" >"$work/app.log" 2>"$work/app.err" &
app_pid=$!
for _ in $(seq 1 400); do
  if curl -s -o /dev/null -f "http://127.0.0.1:$port/healthz"; then break; fi
  kill -0 "$app_pid" 2>/dev/null || { echo "fuzz: the app exited: $(cat "$work/app.err")" >&2; exit 1; }
  sleep 0.05
done

echo "fuzz: schemathesis $("$st" --version | awk '{print $NF}') against http://127.0.0.1:$port" \
  "(max-time ${max_time}s, max-examples $max_examples, seed $seed)"
set +e
# schemathesis keeps a cache folder in its working directory: the temp folder, not the repo.
cd "$work"
"$st" --config-file "$root/service/api/schemathesis.toml" --no-color run "$root/service/api/openapi.yaml" \
  --url "http://127.0.0.1:$port" \
  --checks all \
  --phases examples,coverage,fuzzing \
  --max-examples "$max_examples" \
  --max-time "$max_time" \
  --seed "$seed" \
  --workers 2 \
  --request-timeout 10 \
  --output-truncate true \
  --warnings off >"$work/schemathesis.out" 2>&1
rc=$?
set -e
# The summary (and any failure) without the per-test noise; failures' repro curls can be long.
grep -E "passed|failed|error|❌|✅|^[0-9]+\. |ST[0-9]+|Expected|^\[[0-9]{3}\]|=====" "$work/schemathesis.out" \
  | cut -c1-300 | tail -40 || true

python3 - "$work/app.log" "$rc" <<'PY'
import json, sys, collections
statuses = collections.Counter()
by_op = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("type") != "access":
        continue
    statuses[entry["status"]] += 1
    by_op[entry["method"] + " " + entry["path"][:40]] += 1
total = sum(statuses.values())
server_errors = sum(n for s, n in statuses.items() if s >= 500)
print("fuzz: %d requests reached the app; statuses %s; 5xx: %d" % (
    total, dict(sorted(statuses.items())), server_errors))
print("fuzz: busiest operations %s" % dict(by_op.most_common(5)))
print("fuzz: schemathesis exit code %s" % sys.argv[2])
sys.exit(1 if server_errors else 0)
PY
summary_rc=$?
if [ "$rc" -ne 0 ]; then exit "$rc"; fi
exit "$summary_rc"
