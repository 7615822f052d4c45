#!/usr/bin/env bash
# Overhead of tracing: a syscall-heavy workload timed untraced and traced by `bin/ior` streaming
# every pair to /dev/null, side by side, ROUNDS times per workload. Prints per-round ns/syscall,
# the ratio and the losses ior reported, then the median ratio. Needs root and a build
# (./quickstart.sh). Usage:
#   sudo scripts/bench-overhead.sh [ROUNDS] [all]
# With "all", ior attaches every syscall it knows (224 tracepoints) instead of only the
# workload's 9: the same filter cost, but detaching takes ~10 s per round on 6.x kernels.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
rounds=${1:-5}
scope=${2:-work}
wl=$(java -cp testdata/target/classes dev.ior.testdata.PrintWorkloadPath 2>/dev/null || true)
if [ -z "$wl" ]; then
  wl=/tmp/iorwl-bench
  gcc -O2 -pthread -o "$wl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
fi
tps=(-tps '_(openat|pwrite64|pread64|newfstat|lseek|close|fsync|rename|write)$')
[ "$scope" = all ] && tps=()
dir=/dev/shm
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

run_traced() { # args: workload args...; prints the workload's ns/syscall, ior's stats to $err
  local err=$1; shift
  bin/ior -comm iorwl "${tps[@]}" -duration 0 >/dev/null 2>"$err" &
  local ior=$!
  until grep -q "Ctrl+C to stop" "$err" 2>/dev/null; do
    kill -0 $ior 2>/dev/null || { cat "$err" >&2; exit 1; }
    sleep 0.1
  done
  "$wl" "$@" | awk '{print $4}'
  kill -TERM $ior  # not INT: background jobs of scripts ignore SIGINT, and so does the JVM then
  wait $ior || true
}

for workload in mix devnull; do
  if [ $workload = mix ]; then args=(mix 200000 $dir); else args=(devnull 2000000); fi
  echo "== $workload: ${args[*]} (ns per syscall; ratio = traced / untraced)"
  ratios=()
  for r in $(seq 1 "$rounds"); do
    plain=$("$wl" "${args[@]}" | awk '{print $4}')
    err=$(mktemp)
    traced=$(run_traced "$err" "${args[@]}")
    paired=$(grep -o 'syscalls paired: *[^ ]*' "$err" | awk '{print $3}')
    lost=$(grep -o 'lost: .*' "$err" | sed 's/^lost: *//')
    ratio=$(awk -v a="$traced" -v b="$plain" 'BEGIN {printf "%.2f", a / b}')
    ratios+=("$ratio")
    printf 'round %d: untraced %7.1f  traced %7.1f  x%s  paired %s  lost: %s\n' \
      "$r" "$plain" "$traced" "$ratio" "$paired" "$lost"
    rm -f "$err"
  done
  printf '%s median slowdown: x%s [min %s, max %s] over %d rounds\n' "$workload" \
    "$(printf '%s\n' "${ratios[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)" \
    "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)" "$rounds"
done
