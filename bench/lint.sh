#!/usr/bin/env bash
# Benchmark: `pipeline lint` beside `redocly lint` (@redocly/cli, its recommended rules) on the
# corpus documents, on small API Gateway documents (the bundled service's, and a generated one
# with 10 paths), and on a generated series of 10 / 100 / 1,000 / 10,000 / 50,000 paths
# (bench/gen-openapi.py) with the fitted growth exponent (least squares of log time on log paths,
# from 1,000 paths up) and the time per path against that at 1,000 paths. Fresh processes,
# interleaved, medians of wall time and peak RSS. Not a test: run it by hand; the machine's load is
# printed with each table.
#
#   bench/lint.sh [RUNS]      RUNS rounds (default 5); documents of 10,000 paths or more get
#                             LARGE_RUNS rounds (default 3; 1 at 50,000 paths)
#   SERIES="10 100 1000" bench/lint.sh     another series; SECTIONS="corpus small series" picks tables
#   PEER_TIMEOUT=900                        seconds before a redocly run is stopped (shown as "> 900")
#
# The tool: the distribution archive, unpacked and run through its launcher (bench/lib.sh); redocly:
# bench/node/ (installed when missing). Corpus: ../shared/corpus beside the repository, or
# $PIPELINEKIT_CORPUS. Output: Markdown tables on stdout, also written to bench/out/lint-<date>.md.
set -euo pipefail
bench_name=bench/lint.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-5}"
large_runs="${LARGE_RUNS:-3}"
series="${SERIES:-10 100 1000 10000 50000}"
sections="${SECTIONS:-corpus small series}"
corpus="${PIPELINEKIT_CORPUS:-$bench_root/../shared/corpus}"
corpus_docs=(stripe-spec3.yaml github-api.github.com.json twilio_messaging_v1.yaml twilio_verify_v2.yaml)
command -v python3 >/dev/null || { bench_log "needs python3 to write the generated documents"; exit 2; }
case " $sections " in
  *" corpus "*) for d in "${corpus_docs[@]}"; do
      [ -f "$corpus/$d" ] || { bench_log "corpus document missing: $corpus/$d (set PIPELINEKIT_CORPUS)"; exit 2; }
    done ;;
esac
bench_dist
bench_peers redocly
redocly="$bench_root/bench/node/node_modules/.bin/redocly"
gen="$bench_out/gen"
mkdir -p "$gen"
for n in 10 $series; do
  [ -f "$gen/paths-$n.yaml" ] || python3 "$bench_root/bench/gen-openapi.py" "$n" "$gen/paths-$n.yaml"
done

# The generated documents above 16 MiB / 250,000 values need the limits raised (both are flags).
limits=(--max-bytes=1000000000 --max-nodes=100000000)
doc=""
bench_cmd_pipeline() { "$@" "$pipeline" lint "${limits[@]}" "$doc"; }
# redocly grows faster than linearly: a run longer than PEER_TIMEOUT seconds (default 900) is stopped
# and shown as "> PEER_TIMEOUT"
peer_timeout="${PEER_TIMEOUT:-900}"
bench_cmd_redocly() { "$@" timeout "$peer_timeout" "$redocly" lint --format=stylish "$doc"; }

# measure KEY FILE ROUNDS — interleaved rounds of both tools on one document
measure() {
  local key="$1" rounds="$3" i
  doc="$2"
  cat "$doc" >/dev/null
  for ((i = 0; i < rounds; i++)); do
    bench_cmd_pipeline bench_sample "p-$key"
    bench_cmd_redocly bench_sample "r-$key"
  done
  case "$(bench_codes "p-$key")" in
    0 | 1 | "0 1") ;;
    *) bench_log "pipeline lint $doc exited $(bench_codes "p-$key"):"; head -3 "$bench_tmp/p-$key.stderr" >&2 ;;
  esac
}
row() { # KEY LABEL
  local p r
  p="$(bench_seconds "p-$1")" r="$(bench_seconds "r-$1")"
  printf '| %s | %.3f | %s | %.3f | %s | %s |\n' "$2" "$p" "$(bench_mib "p-$1")" "$r" "$(bench_mib "r-$1")" "$(bench_ratio "$p" "$r")"
}
table_head() {
  echo "| document | pipeline s | pipeline MiB | redocly s | redocly MiB | redocly/pipeline |"
  echo "|---|---:|---:|---:|---:|---:|"
}

bench_log "warm-up (writes the tool's class-data-sharing archive; not timed)"
doc="$bench_root/service/api/gateway.yaml"
bench_cmd_pipeline bench_sample warm
bench_cmd_redocly bench_sample warm

mkdir -p "$bench_out"
report="$bench_out/lint-$(date -u +%Y%m%dT%H%M%SZ).md"
redocly_version="$("$redocly" --version 2>/dev/null | tail -1)"
{
  echo "pipeline lint vs redocly lint $redocly_version; medians of fresh processes, interleaved"
  echo
  case " $sections " in
    *" corpus "*)
      for d in "${corpus_docs[@]}"; do measure "$d" "$corpus/$d" "$runs"; done
      bench_header "corpus ($runs rounds)"
      table_head
      for d in "${corpus_docs[@]}"; do row "$d" "$d ($(du -k "$corpus/$d" | cut -f1) KiB)"; done
      echo ;;
  esac
  case " $sections " in
    *" small "*)
      measure gateway "$bench_root/service/api/gateway.yaml" "$runs"
      measure openapi "$bench_root/service/api/openapi.yaml" "$runs"
      measure small10 "$gen/paths-10.yaml" "$runs"
      bench_header "small API Gateway documents ($runs rounds)"
      table_head
      row gateway "service/api/gateway.yaml"
      row openapi "service/api/openapi.yaml"
      row small10 "generated, 10 paths"
      echo ;;
  esac
  case " $sections " in
    *" series "*)
      for n in $series; do
        r="$runs"
        [ "$n" -lt 10000 ] || r="$large_runs"
        [ "$n" -lt 50000 ] || r=1
        [ "$r" -le "$runs" ] || r="$runs"
        measure "n$n" "$gen/paths-$n.yaml" "$r"
        echo "$n $r" >>"$bench_tmp/series"
      done
      bench_header "generated series (bench/gen-openapi.py N; rounds per size in brackets)"
      echo "| paths | pipeline s | pipeline MiB | pipeline ms/path (vs 1,000) | redocly s | redocly MiB | redocly ms/path (vs 1,000) | redocly/pipeline |"
      echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
      p1k="" r1k=""
      if grep -q '^1000 ' "$bench_tmp/series"; then
        p1k="$(bench_seconds p-n1000)" r1k="$(bench_seconds r-n1000)"
      fi
      per() { awk -v t="$1" -v n="$n" -v b="$2" 'BEGIN { m = 1000 * t / n; if (b != "") printf "%.3f (%.2f×)", m, m / (1000 * b / 1000); else printf "%.3f", m }'; }
      while read -r n r; do
        p="$(bench_seconds "p-n$n")" q="$(bench_seconds "r-n$n")"
        if [[ " $(bench_codes "r-n$n") " == *" 124 "* ]]; then
          printf '| %s [%s] | %.3f | %s | %s | > %s | %s | - | > %s |\n' "$n" "$r" "$p" "$(bench_mib "p-n$n")" "$(per "$p" "$p1k")" \
            "$peer_timeout" "$(bench_mib "r-n$n")" "$(bench_ratio "$p" "$peer_timeout")"
          echo "$n $p" >>"$bench_tmp/fit"
          continue
        fi
        printf '| %s [%s] | %.3f | %s | %s | %.3f | %s | %s | %s |\n' "$n" "$r" "$p" "$(bench_mib "p-n$n")" "$(per "$p" "$p1k")" \
          "$q" "$(bench_mib "r-n$n")" "$(per "$q" "$r1k")" "$(bench_ratio "$p" "$q")"
        echo "$n $p $q" >>"$bench_tmp/fit"
      done <"$bench_tmp/series"
      # The fit, of the whole time and of the time above the smallest document's (start-up and
      # other fixed costs, which flatter the whole-time exponent)
      fit() { # LABEL BASE_PIPELINE BASE_REDOCLY
        awk -v label="$1" -v bp="$2" -v br="$3" '$1 >= 1000 && $2 > bp { x = log($1); sx += x; sxx += x * x; n++; y = log($2 - bp); sy2 += y; sxy2 += x * y
            if (NF >= 3 && $3 > br) { y = log($3 - br); sy3 += y; sxy3 += x * y; sx3 += x; sxx3 += x * x; n3++ } }
          END { if (n < 2) { print "(" label ": needs two sizes of 1,000 paths or more)"; exit }
                d = n * sxx - sx * sx
                printf "%s: pipeline k = %.2f", label, (n * sxy2 - sx * sy2) / d
                d3 = n3 * sxx3 - sx3 * sx3
                if (n3 >= 2) printf ", redocly k = %.2f (sizes it finished)", (n3 * sxy3 - sx3 * sy3) / d3
                print "" }' "$bench_tmp/fit"
      }
      echo
      echo "fitted growth, time ∝ paths^k from 1,000 paths up (1 = linear):"
      fit "- whole time" 0 0
      first="$(head -1 "$bench_tmp/fit")"
      fit "- time above the $(echo "$first" | cut -d' ' -f1)-path run" "$(echo "$first" | cut -d' ' -f2)" "$(echo "$first" | cut -d' ' -f3)"
      ;;
  esac
} | tee "$report"
bench_log "written $report"
