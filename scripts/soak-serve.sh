#!/usr/bin/env bash
# Soak benchmark of `ior serve` (not a test: it prints numbers). For MINUTES (default 10) it
# starts 1,000 short-lived processes per minute, each under one of 2,000 names (so a name comes
# back every two minutes, after its series went idle) and each writing, renaming and removing
# files in a directory of its own (testdata's `iorwl seq`: ~25 file syscalls, every path new),
# while `ior serve` traces them with every syscall attached and a scraper reads /metrics and a
# 30 s pprof profile every 10 s. Every 10 s it prints the tracer's RSS, the series exported,
# the pairs folded into overflow series and the series evicted. RSS must level off. At the end
# it prints the median and maximum RSS of the samples taken at the series cap (series at 95% of
# -max-series or more), the figure docs/serve.md states, and the load average.
# Needs root and a build (./quickstart.sh).
#   sudo scripts/soak-serve.sh [MINUTES] [extra ior serve flags...]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
minutes=${1:-10}
shift || true
# Not under /tmp: test suites running beside this may sweep /tmp/ior-* away.
work=$(mktemp -d /var/tmp/serve-soak.XXXXXX)
ior_pid=
cleanup() {
  [ -n "$ior_pid" ] && kill -TERM "$ior_pid" 2>/dev/null && wait "$ior_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
gcc -O2 -pthread -o "$work/iorwl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
mkdir -p "$work/bin" "$work/files"
for n in $(seq 0 1999); do ln -s ../iorwl "$work/bin/iorsk-$n"; done # comm = the link's name

bin/ior serve -listen 127.0.0.1:0 -comm iorsk -series-idle 60 "$@" 2>"$work/err" &
ior_pid=$!
until grep -q 'metrics at' "$work/err" 2>/dev/null; do
  kill -0 "$ior_pid" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.2
done
url=$(grep -o 'http://[^/]*' "$work/err" | head -n 1)
rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$ior_pid/status"; }

# 1,000 processes a minute, paced by the clock (one every 60 ms on average), each in its own
# fresh directory.
spawn() {
  local i=0 t0=${EPOCHREALTIME/./} total=$((minutes * 1000))
  while [ $i -lt $total ]; do
    local due=$((t0 + i * 60000)) now=${EPOCHREALTIME/./}
    if [ "$now" -lt "$due" ]; then
      sleep "$(printf '0.%06d' $((due - now)))"
    fi
    local d="$work/files/$i"
    mkdir "$d"
    ( "$work/bin/iorsk-$((i % 2000))" seq "$d" >/dev/null; rm -rf "$d" ) &
    i=$((i + 1))
  done
  wait
  echo "$i" >"$work/spawned"
}
spawn &
spawner=$!

echo "ior serve soak: $minutes min, 1,000 processes/min, $url"
echo "RSS: the tracer's resident memory; heap: the JVM's old generation in use (jstat OU)"
printf '%6s %9s %9s %8s %14s %9s %11s\n' "t (s)" "RSS MiB" "heap MiB" "series" "folded pairs" \
  "evicted" "calls"
start=$SECONDS
next=$((start + 10))
limit=10000
while kill -0 "$spawner" 2>/dev/null; do
  [ -d "$work/bin" ] || { echo "soak: $work vanished" >&2; exit 1; }
  if ! kill -0 "$ior_pid" 2>/dev/null; then
    echo "soak: ior serve ended early:" >&2
    tail -n 20 "$work/err" >&2
    ior_pid=
    exit 1
  fi
  sleep $((next - SECONDS > 0 ? next - SECONDS : 0))
  next=$((next + 10))
  # A sample that fails (jstat cannot attach in time on a loaded machine) prints "?": with
  # `set -e` it would end the soak and its trap would stop ior.
  rss=$(rss_mib || true)
  heap=$(jstat -gc "$ior_pid" 2>/dev/null | awk 'NR == 2 {printf "%.1f", $8 / 1024}' || true)
  page=$(curl -s --max-time 5 "$url/metrics" || true)
  get() { awk -v m="$1" '$1 == m {print $2}' <<<"$page" || true; }
  calls=$(awk '/^ior_syscalls_total/ {s += $2} END {printf "%d", s}' <<<"$page")
  l=$(get ior_series_limit); [ -z "$l" ] || limit=$l
  printf '%6d %9s %9s %8s %14s %9s %11s\n' $((SECONDS - start)) "${rss:-?}" "${heap:-?}" \
    "$(get ior_series)" "$(get ior_series_folded_pairs_total)" \
    "$(get ior_series_evicted_total)" "$calls" | tee -a "$work/samples"
  curl -s --max-time 9 -o /dev/null "$url/debug/pprof/io?seconds=30" & # beside the sampling
done
sleep 10 # the last profile pull
echo "processes started: $(cat "$work/spawned")"
# RSS at the cap: samples whose series count is at least 95% of the limit.
sort -k2 -n "$work/samples" | awk -v cap="$limit" '
  $2 != "?" && $4 != "" && $4 >= 0.95 * cap {r[n++] = $2}
  END {
    if (n == 0) { print "RSS at the series cap: no sample reached it"; exit }
    m = n % 2 ? r[(n - 1) / 2] : (r[n / 2 - 1] + r[n / 2]) / 2
    printf "RSS at the series cap (%d series or more): median %.1f MiB, max %.1f MiB, %d samples\n",
      0.95 * cap, m, r[n - 1], n
  }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -o 'lost: .*' "$work/err" || true
kill -TERM "$ior_pid"
wait "$ior_pid" || true
ior_pid=
grep -E 'lost:|paired:' "$work/err" || true
