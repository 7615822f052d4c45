#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmark: bin/flamegraph against flamegraph.pl on the same folded file, in one run, taking
# turns (so both see the same machine load), JVM and Perl start included: wall time, CPU time
# (user + system, all threads and the launcher's shells) and peak RSS from /usr/bin/time -v.
# On a loaded machine wall time follows CPU time: each program gets its share of the cores.
# Then the in-process phases of the renderer once the JIT is warm. Prints numbers only; nothing
# is asserted.
#
# usage: flamegraph/bench/render-bench.sh [IN.collapsed[.zst]] [RUNS]
#   BUSY=N   keep N busy loops (sh -c 'while :; do :; done') running during the runs, to see a
#            loaded machine on demand; they are stopped (SIGTERM) at the end
# needs: java 17, perl, /usr/bin/time (Debian package "time"), zstd for .zst inputs,
#        flamegraph.pl in ../shared/third_party/FlameGraph (or $FLAMEGRAPH_PL), and a build:
#        mvn -q -B -pl ior-cli -am package -DskipTests
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=$repo/../shared
[ -d "$shared" ] || shared=/work/shared
in=${1:-$shared/testdata/ior-earth-pid-path-tracepoint-by-count.collapsed.zst}
runs=${2:-7}
pl=${FLAMEGRAPH_PL:-$shared/third_party/FlameGraph/flamegraph.pl}
work=$(mktemp -d)
busy_pids= busy_pids_were=
stop_busy() {
  for p in $busy_pids; do kill -TERM "$p" 2>/dev/null || true; done
  busy_pids=
}
trap 'stop_busy; rm -rf "$work"' EXIT

case "$in" in
  *.zst) zstd -q -dc "$in" > "$work/in.collapsed"; in=$work/in.collapsed ;;
esac
[ -f "$pl" ] || { echo "flamegraph.pl not found at $pl (set FLAMEGRAPH_PL)" >&2; exit 2; }
ls "$repo"/ior-cli/target/ior-cli-*.jar >/dev/null 2>&1 || {
  echo "build first: mvn -q -B -pl ior-cli -am package -DskipTests" >&2; exit 2; }

# measure KEY LABEL OUT COMMAND...: one run; appends "wall_s rss_kb cpu_s" to $work/KEY.txt
measure() {
  key=$1 label=$2 out=$3; shift 3
  /usr/bin/time -v "$@" > "$out" 2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' \
    "$work/time.txt")
  echo "$wall $rss $cpu" >> "$work/$key.txt"
  printf '  %-14s wall %6.2f s  CPU %5.2f s  peak RSS %4d MB  %8d bytes\n' "$label" "$wall" \
    "$cpu" $((rss / 1024)) "$(wc -c < "$out")"
}

median() { # KEY COLUMN: the median of a column of $work/KEY.txt
  sort -n -k"$2" "$work/$1.txt" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}
spread() { # KEY [COLUMN]: "min-max" of a column (default: the wall times)
  sort -n -k"${2:-1}" "$work/$1.txt" \
    | awk -v c="${2:-1}" 'NR == 1 { a = $c } { b = $c } END { print a "-" b }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

# bin/flamegraph as users run it: with the class data sharing archive its launcher makes once.
echo "class data sharing archive: $("$repo/bin/.launch" --cds && echo ready)"
echo "input: $in ($(wc -l < "$in") lines, $(wc -c < "$in") bytes)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(perl -e 'print "perl $^V"')"
n=0
while [ "$n" -lt "${BUSY:-0}" ]; do
  sh -c 'while :; do :; done' &
  busy_pids="$busy_pids $!"
  n=$((n + 1))
done
[ -z "$busy_pids" ] || { echo "with ${BUSY} busy loops beside the runs"; sleep 2; }
i=1
while [ "$i" -le "$runs" ]; do
  echo "run $i: load $(cut -d' ' -f1 /proc/loadavg)"
  measure pl flamegraph.pl "$work/pl.svg" perl "$pl" "$in"
  measure ours bin/flamegraph "$work/ours.svg" "$repo/bin/flamegraph" "$in"
  measure nocds "  without CDS" "$work/nocds.svg" env IOR_CDS=0 "$repo/bin/flamegraph" "$in"
  i=$((i + 1))
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
[ -z "$busy_pids" ] || busy_pids_were=1
stop_busy
plw=$(median pl 1); ourw=$(median ours 1); nocw=$(median nocds 1)
plr=$(median pl 2); ourr=$(median ours 2)
plc=$(median pl 3); ourc=$(median ours 3); nocc=$(median nocds 3)
echo "median of $runs${busy_pids_were:+, beside $BUSY busy loops}: load at the end $load_end"
echo "  flamegraph.pl   wall ${plw} s ($(spread pl) s)  CPU ${plc} s ($(spread pl 3) s)  $((plr / 1024)) MB"
echo "  bin/flamegraph  wall ${ourw} s ($(spread ours) s)  CPU ${ourc} s ($(spread ours 3) s)" \
  " $((ourr / 1024)) MB: $(ratio "$plw" "$ourw")x faster (wall), $(ratio "$plc" "$ourc")x less CPU"
echo "  without its class data sharing archive (IOR_CDS=0): wall ${nocw} s ($(spread nocds) s)" \
  " CPU ${nocc} s: $(ratio "$plw" "$nocw")x faster (wall)"
echo "== in-process phases (one JVM, warming up)"
java -XX:+UseSerialGC -cp "$repo/ior-cli/target/lib/*" dev.ior.flamegraph.bench.RenderBenchmark \
  "$in" "$work/out.svg" 5
