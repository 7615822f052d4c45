#!/usr/bin/env bash
# Overhead of tracing: a syscall-heavy workload (testdata's iorwl) timed untraced, traced by a
# minimal C consumer of ior's own BPF object (the kernel-side cost, "ceiling"), traced by
# `bin/ior -comm iorwl` streaming every pair to /dev/null, and started by `bin/ior -- iorwl`
# (the in-kernel pid set instead of the comm filter), side by side in every round. Prints
# ns/syscall, ratios to the untraced run of the same round and the losses ior reported, then
# medians and the pid set's cost relative to -comm.
# Needs root, a build (./quickstart.sh), gcc and libbpf-dev.
#   sudo scripts/bench-overhead.sh [ROUNDS] [all]
# By default ior and the ceiling attach only the workload's 9 syscalls, as the reference
# measurements in shared/notes did; "all" attaches every syscall ior knows (224 tracepoints:
# the same per-call cost, but each round's detach takes ~10 s on 6.x kernels).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
rounds=${1:-5}
scope=${2:-work}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
gcc -O2 -pthread -o "$bin/iorwl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
gcc -O2 -Iior-bpf/src/main/bpf -o "$bin/ceiling" ior-bpf/src/test/c/ceiling.c -lbpf
bpfo=ior-bpf/target/classes/dev/ior/bpf/ior.bpf.o
syscalls=(openat pwrite64 pread64 newfstat lseek close fsync rename write)
if [ "$scope" = all ]; then
  syscalls=($(grep -v '^#' ior-core/src/main/resources/dev/ior/core/syscall/syscalls.tsv | cut -f2))
  tps=()
else
  tps=(-tps "_($(IFS='|'; echo "${syscalls[*]}"))\$")
fi
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ns() { "$bin/iorwl" "$@" | awk '{print $4}'; }

# Starts a tracer in the background (stderr to $err), runs the workload once it is ready,
# stops the tracer with SIGTERM (a script's background jobs ignore SIGINT, and so does a JVM
# started that way) and prints the workload's ns/syscall.
traced() {
  local err=$1 ready=$2; shift 2
  local -a tracer=()
  while [ "$1" != -- ]; do tracer+=("$1"); shift; done; shift
  "${tracer[@]}" >/dev/null 2>"$err" &
  local pid=$!
  until grep -q "$ready" "$err" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$err" >&2; exit 1; }
    sleep 0.1
  done
  ns "$@"
  kill -TERM $pid
  wait $pid || true
}

for workload in mix devnull; do
  if [ $workload = mix ]; then args=(mix 200000 /dev/shm); else args=(devnull 2000000); fi
  echo "== $workload: iorwl ${args[*]}; ns per syscall, ratio to the untraced run of the round"
  r_ceil=() r_ior=() added=() r_cmd=() r_set=()
  for r in $(seq 1 "$rounds"); do
    plain=$(ns "${args[@]}")
    err=$(mktemp)
    ceil=$(traced "$err" "ceiling: ready" "$bin/ceiling" "$bpfo" iorwl "${syscalls[@]}" -- "${args[@]}")
    ior=$(traced "$err" "Ctrl+C to stop" bin/ior -comm iorwl "${tps[@]}" -duration 0 -- "${args[@]}")
    lost=$(grep -o 'lost: .*' "$err" | sed 's/^lost: *//')
    # -- COMMAND: ior starts the workload (its stdout is the workload's; the stream goes to -o).
    cmd=$(bin/ior "${tps[@]}" -o /dev/null -- "$bin/iorwl" "${args[@]}" 2>"$err" | awk '{print $4}')
    cmd_lost=$(grep -o 'lost: .*' "$err" | sed 's/^lost: *//')
    rm -f "$err"
    rc=$(awk -v a="$ceil" -v b="$plain" 'BEGIN {printf "%.2f", a / b}')
    ri=$(awk -v a="$ior" -v b="$plain" 'BEGIN {printf "%.2f", a / b}')
    rx=$(awk -v a="$cmd" -v b="$plain" 'BEGIN {printf "%.2f", a / b}')
    rs=$(awk -v a="$cmd" -v b="$ior" 'BEGIN {printf "%.3f", a / b}')
    r_ceil+=("$rc") r_ior+=("$ri") added+=("$(awk -v a="$ior" -v b="$plain" 'BEGIN {printf "%.0f", a - b}')")
    r_cmd+=("$rx") r_set+=("$rs")
    printf 'round %d: untraced %7.1f  C ceiling %7.1f (x%s)  ior -comm %7.1f (x%s)  ior -- cmd %7.1f (x%s)  lost: %s / %s\n' \
      "$r" "$plain" "$ceil" "$rc" "$ior" "$ri" "$cmd" "$rx" "$lost" "$cmd_lost"
  done
  printf '%s: median slowdown C ceiling x%s, ior x%s [%s..%s]; ior adds %s ns per syscall (median)\n' \
    "$workload" "$(printf '%s\n' "${r_ceil[@]}" | median)" "$(printf '%s\n' "${r_ior[@]}" | median)" \
    "$(printf '%s\n' "${r_ior[@]}" | sort -g | head -1)" "$(printf '%s\n' "${r_ior[@]}" | sort -g | tail -1)" \
    "$(printf '%s\n' "${added[@]}" | median)"
  printf '%s: ior -- COMMAND median x%s; its cost over -comm x%s (median of the rounds; target <= 1.05)\n' \
    "$workload" "$(printf '%s\n' "${r_cmd[@]}" | median)" "$(printf '%s\n' "${r_set[@]}" | median)"
done
