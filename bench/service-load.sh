#!/usr/bin/env bash
# Load test of the bundled service on loopback, as it runs in its ECS task: the app jar behind
# Debian's nginx with the shipped sidecar configuration (service/release/nginx), then wrk.
#   1. app start to first 200 on GET / (median of 5 starts, target < 1 s)
#   2. wrk through nginx for 10 s on GET / and on POST /test: requests/s, p50/p99 latency, errors
# Every process it starts is stopped on exit. Only 127.0.0.1 is ever targeted.
#
#   bench/service-load.sh [--duration SECONDS (10)] [--connections N (32)] [--threads N (2)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=10
connections=32
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "service-load: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
for tool in wrk curl python3 java; do
  command -v "$tool" >/dev/null || { echo "service-load: $tool is missing (bin/test installs wrk and nginx)" >&2; exit 2; }
done
nginx_bin=/usr/sbin/nginx
[ -x "$nginx_bin" ] || { echo "service-load: $nginx_bin is missing (bin/test installs it)" >&2; exit 2; }

jar="${SERVICE_APP_JAR:-$root/service/app/target/service-app.jar}"
if [ ! -f "$jar" ]; then
  echo "service-load: building $jar" >&2
  (cd "$root" && mvn -B -q -ntp -pl service/app -am package -DskipTests -Dspotless.check.skip=true)
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now_ms() { date +%s%3N; }

# --- 1. start to first 200 --------------------------------------------------------------------
# Plain, and as the image runs it: from a class-data archive written by a training run.
java -XX:ArchiveClassesAtExit="$work/app.jsa" -jar "$jar" --train >/dev/null 2>&1 \
  || { echo "service-load: the training run failed" >&2; exit 1; }
measure_startup() {
  local label="$1"; shift
  local startups=()
  for _ in 1 2 3 4 5; do
    local port t0 t1 pid ok=""
    port="$(free_port)"
    t0="$(now_ms)"
    PORT="$port" BIND_ADDRESS=127.0.0.1 java "$@" -jar "$jar" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 2000); do
      if curl -s -o /dev/null -f "http://127.0.0.1:$port/"; then ok=1; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.002
    done
    t1="$(now_ms)"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [ -n "$ok" ] || { echo "service-load: the app did not answer" >&2; exit 1; }
    startups+=($((t1 - t0)))
  done
  local sorted=($(printf '%s\n' "${startups[@]}" | sort -n))
  echo "app start to first 200, $label: median ${sorted[2]} ms (runs: ${startups[*]} ms; target < 1000 ms)"
}
measure_startup "plain jar"
measure_startup "with class-data archive (as in the image)" -XX:SharedArchiveFile="$work/app.jsa"

# --- 2. wrk through nginx ----------------------------------------------------------------------
app_port="$(free_port)"
PORT="$app_port" BIND_ADDRESS=127.0.0.1 java -jar "$jar" >"$work/app.log" 2>"$work/app.err" &
pids+=($!)
nginx_port="$(free_port)"
mkdir -p "$work/nginx/conf.d"
sed -e "s|\${NGINX_LISTEN}|127.0.0.1:$nginx_port|; s|\${NGINX_LISTEN_IPV6}|[::1]:$nginx_port|; s|\${APP_UPSTREAM}|127.0.0.1:$app_port|" \
  "$root/service/release/nginx/templates/default.conf.template" >"$work/nginx/conf.d/default.conf"
{
  echo "daemon off;"
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  sed -e "s|/tmp/|$work/nginx/|g" -e "s|/etc/nginx/conf.d/|$work/nginx/conf.d/|" "$root/service/release/nginx/nginx.conf"
} >"$work/nginx/nginx.conf"
# The access logs would measure the disk, not the service: off for the run.
sed -i 's|access_log /dev/stdout access_json;|access_log off;|' "$work/nginx/conf.d/default.conf"
"$nginx_bin" -e stderr -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx.out" 2>"$work/nginx.err" &
pids+=($!)
for _ in $(seq 1 400); do
  curl -s -o /dev/null -f "http://127.0.0.1:$nginx_port/healthz" && break
  sleep 0.05
done
curl -s -f "http://127.0.0.1:$nginx_port/" >/dev/null || { echo "service-load: nginx/app not answering: $(cat "$work/nginx.err")" >&2; exit 1; }

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"sub":"7d8ca528-4931-4254-9273-ea5ee853f271","username":"jdoe","email":"jane@example.com","locale":"en-US"}'
LUA

# Warm the JIT and the connection pools, then measure.
wrk -t"$threads" -c"$connections" -d3s "http://127.0.0.1:$nginx_port/" >/dev/null
status=0
run_wrk() {
  local label="$1"; shift
  local out="$work/wrk-$label.txt"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" >"$out"
  python3 - "$label" "$out" <<'PY' || status=1
import re, sys
label, path = sys.argv[1], sys.argv[2]
text = open(path).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
def latency(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+\w+)" % p, text, re.M)
    return m.group(1) if m else "?"
total = re.search(r"(\d+) requests in", text).group(1)
errors = re.search(r"Socket errors: (.*)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
bad = (errors.group(1) if errors else "none") + ("; non-2xx: " + non2xx.group(1) if non2xx else "")
print("%-10s %s requests/s, p50 %s, p99 %s, %s requests, errors: %s" % (
    label, rps, latency(50), latency(99), total, bad))
sys.exit(1 if errors or non2xx else 0)
PY
}
echo "wrk through nginx on loopback: ${duration}s, $threads threads, $connections connections ($(nproc) cores)"
run_wrk "GET /" "http://127.0.0.1:$nginx_port/"
run_wrk "POST /test" -s "$work/post.lua" "http://127.0.0.1:$nginx_port/test"
exit "$status"
