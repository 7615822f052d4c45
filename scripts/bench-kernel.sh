#!/usr/bin/env bash
# The kernel side alone: how long the syscall programs of ior.bpf.o run per traced syscall,
# beside the minimal tp_btf tracer of the same mechanism, from the kernel's own BPF run-time
# statistics (kernel.bpf_stats_enabled: run_time_ns and run_cnt per program). Unlike the traced
# workload's CPU time (scripts/bench-overhead.sh) this leaves out the syscall itself, the
# consumer and the scheduler, so it stays readable on a loaded machine.
# For each tracer, in a shuffled order per round: the C consumer (ior-bpf/src/test/c/ceiling.c)
# loads and attaches it, iorwl (as benchwl) runs `mix` or `devnull`, and the run time its two
# syscall programs gained meanwhile is divided by the workload's syscalls. The programs run for
# every syscall of the host, so other processes' calls add a little (the runs column: program
# runs per workload syscall; 2.00 when nothing else ran).
#   sudo scripts/bench-kernel.sh [ROUNDS [NAME=OBJ.o ...]]   (default 5 rounds)
# NAME=OBJ.o adds variants of ior.bpf.o built elsewhere (configured and attached as ior.bpf.o).
# Needs root, a build (./quickstart.sh), gcc, clang, libbpf-dev, bpftool, python3. Turns the
# statistics on for its run (a few ns on every BPF program of the host) and back off.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
rounds=${1:-5}
shift || true
bin=$(mktemp -d)
old=$(sysctl -n kernel.bpf_stats_enabled)
trap 'sysctl -q -w kernel.bpf_stats_enabled=$old; rm -rf "$bin"' EXIT
bpfo=ior-bpf/target/classes/dev/ior/bpf/ior.bpf.o
tsv=ior-core/src/main/resources/dev/ior/core/syscall
[ -e "$bpfo" ] || { echo "bench-kernel: build first (./quickstart.sh)" >&2; exit 2; }
command -v bpftool >/dev/null || { echo "bench-kernel: needs bpftool" >&2; exit 2; }
gcc -O2 -pthread -o "$bin/benchwl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
gcc -O2 -Wall -Iior-bpf/src/main/bpf -Iior-bpf/src/test/c -o "$bin/ceiling" ior-bpf/src/test/c/ceiling.c -lbpf
clang -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu \
  -Iior-bpf/src/test/c -c ior-bpf/src/test/c/minimal.bpf.c -o "$bin/minimal.bpf.o"
work=(openat pwrite64 pread64 newfstat lseek close fsync rename write)
declare -A obj=([tp_btf]="btf $bin/minimal.bpf.o" [ior.bpf.o]="ior $bpfo")
names=(tp_btf ior.bpf.o)
for v in "$@"; do
  obj[${v%%=*}]="ior ${v#*=}"
  names+=("${v%%=*}")
done
results=$bin/results
sysctl -q -w kernel.bpf_stats_enabled=1

# prog_stats: "run_time_ns run_cnt" summed over the syscall programs the ceiling in $bin/err loaded.
prog_stats() {
  local t=0 c=0 id a b
  for id in $(sed -n 's/^ceiling: program \(ior_sys_enter\|ior_sys_exit\|btf_enter\|btf_exit\) id //p' "$bin/err"); do
    read -r a b <<<"$(bpftool -j prog show id "$id" | python3 -c '
import json, sys
p = json.load(sys.stdin)
print(p.get("run_time_ns", 0), p.get("run_cnt", 0))')"
    t=$((t + a)) c=$((c + b))
  done
  echo "$t $c"
}

echo "kernel $(uname -r), $(nproc) CPUs; mix = iorwl mix 50000 /dev/shm (301,500 syscalls)," \
  "devnull = iorwl devnull 500000"
for r in $(seq 1 "$rounds"); do
  echo "== round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for wl in mix devnull; do
    if [ $wl = mix ]; then args=(mix 50000 /dev/shm); n=301500; else args=(devnull 500000); n=500000; fi
    for name in $(printf '%s\n' "${names[@]}" | shuf); do
      read -r mech o <<<"${obj[$name]}"
      nice -n -15 "$bin/ceiling" "$mech" "$o" "$tsv" benchwl "${work[@]}" >/dev/null 2>"$bin/err" &
      pid=$!
      until grep -q 'ceiling: ready' "$bin/err"; do
        kill -0 $pid 2>/dev/null || { cat "$bin/err" >&2; exit 1; }
        sleep 0.02
      done
      read -r t0 c0 <<<"$(prog_stats)"
      nice -n -15 "$bin/benchwl" "${args[@]}" >/dev/null
      read -r t1 c1 <<<"$(prog_stats)"
      kill -TERM $pid
      wait $pid || true
      ns=$(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {printf "%.1f", (b - a) / n}')
      runs=$(awk -v a="$c0" -v b="$c1" -v n="$n" 'BEGIN {printf "%.2f", (b - a) / n}')
      echo "$wl $name $ns $runs" >>"$results"
      printf '  %-8s %-14s %7.1f ns per syscall in the programs  (%s runs per syscall)\n' \
        "$wl" "$name" "$ns" "$runs"
    done
  done
done
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "median (min-max) ns the syscall programs ran per workload syscall, over $rounds rounds:"
for wl in mix devnull; do
  base=$(awk -v w=$wl '$1 == w && $2 == "tp_btf" {print $3}' "$results" | sort -g \
    | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  for name in "${names[@]}"; do
    awk -v w=$wl -v t="$name" '$1 == w && $2 == t {print $3}' "$results" | sort -g \
      | awk -v w=$wl -v t="$name" -v b="$base" '{a[NR] = $1} END {
          m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          printf "  %-8s %-14s %7.1f (%.1f-%.1f)  x%.2f of tp_btf\n", w, t, m, a[1], a[NR], m / b}'
  done
done
