#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmark: render a folded file to SVG with the stand-alone front end, JVM start included,
# measured by /usr/bin/time -v (wall time, peak RSS), then the in-process phase breakdown.
# Prints numbers only; nothing is asserted.
#
# usage: flamegraph/bench/render-bench.sh [IN.collapsed[.zst]] [RUNS]
# needs: java 17, /usr/bin/time (Debian package "time"), zstd for .zst inputs, and
#        `mvn -q -B -pl flamegraph compile` run once before.
set -eu
module=$(cd "$(dirname "$0")/.." && pwd)
in=${1:-$module/../../shared/testdata/ior-earth-pid-path-tracepoint-by-count.collapsed.zst}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$in" in
  *.zst) zstd -q -dc "$in" > "$work/in.collapsed"; in=$work/in.collapsed ;;
esac
[ -d "$module/target/classes/dev/ior/flamegraph" ] || {
  echo "build first: mvn -q -B -pl flamegraph compile" >&2; exit 2; }
# A private copy, so a concurrent build of the module cannot swap classes mid-run.
cp -r "$module/target/classes" "$work/classes"
cp="$work/classes"

measure() { # label, then java options
  label=$1; shift
  echo "== $label: java $* -cp ... dev.ior.flamegraph.Main render IN OUT.svg"
  i=1
  while [ "$i" -le "$runs" ]; do
    /usr/bin/time -v java "$@" -cp "$cp" dev.ior.flamegraph.Main render "$in" "$work/out.svg" \
      2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
    frames=$(grep -o '^[0-9]* frames ([0-9]* merged)' "$work/time.txt" || true)
    echo "run $i: wall $wall  user ${user}s  peak RSS $((rss / 1024)) MB  $frames" \
      "$(wc -c < "$work/out.svg") bytes"
    i=$((i + 1))
  done
}

echo "input: $in ($(wc -l < "$in") lines, $(wc -c < "$in") bytes); load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "default JVM flags"
measure "short-run JVM flags" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
echo "== in-process phases (same JVM, warming up)"
java -XX:+UseSerialGC -cp "$cp" dev.ior.flamegraph.bench.RenderBenchmark "$in" "$work/out.svg" "$runs"
