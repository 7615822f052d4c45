#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmark: bin/flamegraph against flamegraph.pl on the same folded file, in one run, taking
# turns (so both see the same machine load), JVM and Perl start included: wall time and peak
# RSS from /usr/bin/time -v. Then the in-process phases of the renderer once the JIT is warm.
# Prints numbers only; nothing is asserted.
#
# usage: flamegraph/bench/render-bench.sh [IN.collapsed[.zst]] [RUNS]
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
trap 'rm -rf "$work"' EXIT

case "$in" in
  *.zst) zstd -q -dc "$in" > "$work/in.collapsed"; in=$work/in.collapsed ;;
esac
[ -f "$pl" ] || { echo "flamegraph.pl not found at $pl (set FLAMEGRAPH_PL)" >&2; exit 2; }
ls "$repo"/ior-cli/target/ior-cli-*.jar >/dev/null 2>&1 || {
  echo "build first: mvn -q -B -pl ior-cli -am package -DskipTests" >&2; exit 2; }

# measure KEY LABEL OUT COMMAND...: one run; appends "wall_s rss_kb" to $work/KEY.txt
measure() {
  key=$1 label=$2 out=$3; shift 3
  /usr/bin/time -v "$@" > "$out" 2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  echo "$wall $rss" >> "$work/$key.txt"
  printf '  %-14s wall %6.2f s  peak RSS %4d MB  %8d bytes\n' "$label" "$wall" \
    $((rss / 1024)) "$(wc -c < "$out")"
}

median() { # KEY COLUMN: the median of a column of $work/KEY.txt
  sort -n -k"$2" "$work/$1.txt" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}
spread() { # KEY: "min-max" of the wall times
  sort -n "$work/$1.txt" | awk 'NR == 1 { a = $1 } { b = $1 } END { print a "-" b }'
}

# bin/flamegraph as users run it: with the class data sharing archive its launcher makes once.
echo "class data sharing archive: $("$repo/bin/.launch" --cds && echo ready)"
echo "input: $in ($(wc -l < "$in") lines, $(wc -c < "$in") bytes)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(perl -e 'print "perl $^V"')"
i=1
while [ "$i" -le "$runs" ]; do
  echo "run $i: load $(cut -d' ' -f1 /proc/loadavg)"
  measure pl flamegraph.pl "$work/pl.svg" perl "$pl" "$in"
  measure ours bin/flamegraph "$work/ours.svg" "$repo/bin/flamegraph" "$in"
  measure nocds "  without CDS" "$work/nocds.svg" env IOR_CDS=0 "$repo/bin/flamegraph" "$in"
  i=$((i + 1))
done
plw=$(median pl 1); ourw=$(median ours 1)
plr=$(median pl 2); ourr=$(median ours 2)
echo "median of $runs: flamegraph.pl ${plw} s ($(spread pl) s), $((plr / 1024)) MB; bin/flamegraph" \
  "${ourw} s ($(spread ours) s), $((ourr / 1024)) MB; load at the end $(cut -d' ' -f1-3 /proc/loadavg); bin/flamegraph is $(awk -v a="$plw" -v b="$ourw" 'BEGIN { printf "%.1f", a / b }')x faster"
echo "bin/flamegraph without its class data sharing archive (IOR_CDS=0): $(median nocds 1) s" \
  "($(spread nocds) s), $(awk -v a="$plw" -v b="$(median nocds 1)" 'BEGIN { printf "%.1f", a / b }')x faster than flamegraph.pl"
echo "== in-process phases (one JVM, warming up)"
java -XX:+UseSerialGC -cp "$repo/ior-cli/target/lib/*" dev.ior.flamegraph.bench.RenderBenchmark \
  "$in" "$work/out.svg" 5
