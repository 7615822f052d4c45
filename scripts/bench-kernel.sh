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
#   sudo scripts/bench-kernel.sh [-k] [ROUNDS [NAME=OBJ.o ...]]   (default 5 rounds)
# NAME=OBJ.o adds variants of ior.bpf.o built elsewhere (configured and attached as ior.bpf.o).
# -k (kbench; devnull only): many short samples instead of one long run. Per round, in a shuffled
# order: kbench (ior-bpf/src/test/c/kbench.c) times SAMPLES samples of N 1-byte writes to
# /dev/null with no tracer attached (the untraced write), then each tracer alone, attached and
# following kbench's comm. Per sample it reads the programs' run time and times the writes. The
# low quantiles leave out the samples in which the programs were interrupted or preempted (that
# time counts as theirs: on this shared VM it spread one tracer's long runs by +-30% at load 2)
# and those in which other jobs took the CPU; the 25th percentile of the write's time minus the
# untraced write's is what the tracer adds to a write, the figure bench-overhead.sh measures as
# CPU time. KBENCH="N SAMPLES" (default "4000 150").
# WORKLOADS="devnull" limits the workloads (default "mix devnull").
# Needs root, a build (./quickstart.sh), gcc, clang, libbpf-dev, bpftool, python3. Turns the
# statistics on for its run (a few ns on every BPF program of the host) and back off.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
kmode=0
if [ "${1:-}" = -k ]; then kmode=1; shift; fi
rounds=${1:-5}
shift || true
workloads=${WORKLOADS:-mix devnull}
bin=$(mktemp -d)
old=$(sysctl -n kernel.bpf_stats_enabled)
pids=()
# A ceiling left running would hold the heavy lock (it inherits the descriptor of flock) and
# keep its programs on every syscall of the host: stop the ones still running on any exit.
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sysctl -q -w kernel.bpf_stats_enabled=$old
  rm -rf "$bin"
}
trap cleanup EXIT
bpfo=ior-bpf/target/classes/dev/ior/bpf/ior.bpf.o
tsv=ior-core/src/main/resources/dev/ior/core/syscall
[ -e "$bpfo" ] || { echo "bench-kernel: build first (./quickstart.sh)" >&2; exit 2; }
command -v bpftool >/dev/null || { echo "bench-kernel: needs bpftool" >&2; exit 2; }
gcc -O2 -pthread -o "$bin/benchwl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
gcc -O2 -Wall -Iior-bpf/src/main/bpf -Iior-bpf/src/test/c -o "$bin/ceiling" ior-bpf/src/test/c/ceiling.c -lbpf
gcc -O2 -Wall -o "$bin/kbench" ior-bpf/src/test/c/kbench.c -lbpf
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

# prog_stats [ERR]: "run_time_ns run_cnt" summed over the syscall programs the ceiling whose
# stderr is ERR (default $bin/err) loaded.
prog_stats() {
  local t=0 c=0 id a b
  for id in $(sed -n 's/^ceiling: program \(ior_sys_enter\|ior_sys_exit\|btf_enter\|btf_exit\) id //p' "${1:-$bin/err}"); do
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
# start NAME ERR [COMM]: a ceiling on NAME's object following COMM (default benchwl), its stderr
# to ERR; returns once it is attached.
start() {
  local mech o
  read -r mech o <<<"${obj[$1]}"
  rm -f "$2" # the previous tracer's "ready" must not pass the wait below
  nice -n -15 "$bin/ceiling" "$mech" "$o" "$tsv" "${3:-benchwl}" "${work[@]}" >/dev/null 2>"$2" &
  pids+=($!)
  until grep -q "ceiling: ready" "$2" 2>/dev/null; do
    kill -0 $! 2>/dev/null || { cat "$2" >&2; exit 1; }
    sleep 0.02
  done
}

# kbench_run NAME SPEC: kbench's samples, a line per tracer into the results.
kbench_run() {
  # shellcheck disable=SC2086
  nice -n -15 "$bin/kbench" ${KBENCH:-4000 150} "$2" | while read -r name mn p10 p25 med runs wall wallmed; do
    echo "devnull $name $p25 $runs $mn $p10 $med $wall $wallmed $r" >>"$results"
    printf '  devnull  %-14s programs: min %6.1f  p25 %6.1f  median %6.1f ns  (%s runs);  write: p25 %6.1f  median %6.1f ns\n' \
      "$name" "$mn" "$p25" "$med" "$runs" "$wall" "$wallmed"
  done
}

# kbench_round: the untraced write and each tracer alone, in a shuffled order.
kbench_round() {
  local name ids
  for name in $(printf '%s\n' untraced "${names[@]}" | shuf); do
    if [ "$name" = untraced ]; then
      kbench_run untraced untraced:kbwnone:-
      continue
    fi
    pids=()
    start "$name" "$bin/err" kbwtraced
    ids=$(sed -n 's/^ceiling: program \(ior_sys_enter\|ior_sys_exit\|btf_enter\|btf_exit\) id //p' \
      "$bin/err" | paste -sd,)
    kbench_run "$name" "$name:kbwtraced:$ids"
    kill -TERM "${pids[0]}"
    wait "${pids[0]}" || true
    # a tracer that emits nothing measured only its skip path: say so
    sed -n 's/^ceiling: \([0-9]*\) records, \([0-9]*\) lost.*/\1 \2/p' "$bin/err" | while read -r rec lost; do
      printf '  devnull  %-14s %s records, %s lost (kbench made %s writes)\n' "$name" "$rec" "$lost" \
        "$(echo ${KBENCH:-4000 150} | awk '{print $1 * $2}')"
    done
  done
}

for r in $(seq 1 "$rounds"); do
  echo "== round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ $kmode = 1 ]; then
    workloads=devnull
    kbench_round
    continue
  fi
  for wl in $workloads; do
    if [ $wl = mix ]; then args=(mix 50000 /dev/shm); n=301500; else args=(devnull 500000); n=500000; fi
    for name in $(printf '%s\n' "${names[@]}" | shuf); do
      pids=()
      start "$name" "$bin/err"
      pid=${pids[0]}
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
[ -n "${RESULTS:-}" ] && cp "$results" "$RESULTS"
if [ $kmode = 1 ]; then
  echo "-k, over $rounds rounds: programs = median of each round's 25th percentile of the programs'"
  echo "run time per write (min-max of those); added = the same of the write's time (25th percentile)"
  echo "minus the untraced write's in that round: what the tracer adds to a write; ns:"
  awk '$2 == "untraced" {u[$10] = $8} $2 != "untraced" {k = $2; n[k]++; p[k, n[k]] = $3; w[k, n[k]] = $8; in_r[k, n[k]] = $10}
    function med(arr, k, c,   i, j, t, v) {
      for (i = 1; i <= c; i++) v[i] = arr[k, i]
      for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      lo = v[1]; hi = v[c]
      return (c % 2) ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2 }
    END {
      for (k in n) for (i = 1; i <= n[k]; i++) a[k, i] = w[k, i] - u[in_r[k, i]]
      bp = med(p, "tp_btf", n["tp_btf"]); ba = med(a, "tp_btf", n["tp_btf"])
      for (k in n) {
        mp = med(p, k, n[k]); plo = lo; phi = hi; ma = med(a, k, n[k])
        printf "  %-14s programs %6.1f (%.1f-%.1f) x%.2f   added %6.1f (%.1f-%.1f) x%.2f of tp_btf\n",
          k, mp, plo, phi, mp / bp, ma, lo, hi, ma / ba }
    }' "$results" | sort
  exit 0
fi
echo "median (min-max) ns the syscall programs ran per workload syscall, over $rounds rounds:"
for wl in $workloads; do
  base=$(awk -v w=$wl '$1 == w && $2 == "tp_btf" {print $3}' "$results" | sort -g \
    | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  for name in "${names[@]}"; do
    awk -v w=$wl -v t="$name" '$1 == w && $2 == t {print $3}' "$results" | sort -g \
      | awk -v w=$wl -v t="$name" -v b="$base" '{a[NR] = $1} END {
          m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          printf "  %-8s %-14s %7.1f (%.1f-%.1f)  x%.2f of tp_btf\n", w, t, m, a[1], a[NR], m / b}'
  done
done
