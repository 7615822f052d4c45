#!/usr/bin/env bash
# Where the cost of user stacks goes, in the kernel: the BPF programs' own run time
# (kernel.bpf_stats_enabled: run_time_ns and run_cnt per program, as `bpftool prog show` reports
# them) while `iorwl mix` runs under each tracer, per syscall of the workload and per program
# run. bench-overhead.sh measures what the workload pays in all (its CPU time); this says how much
# of that is the tracer's BPF code, so that ior -stacks all and bpftrace's ustack can be compared
# program against program:
#   ior      ior without stacks (enter and exit programs)
#   iordef   ior -stacks default (sample:64,slow:1ms)
#   iorall   ior -stacks all (bpf_get_stackid at every exit)
#   bpftrace @[ustack] = count() on raw_syscalls:sys_exit of the workload's comm
# Programs run for every process's syscalls (each filters by comm inside), so the numbers include
# what the machine's other syscalls cost them during the run.
#   sudo scripts/bench-stack-kernel.sh [ROUNDS]     (default 3; under /tmp/ior-heavy.lock)
# Needs root, a build (./quickstart.sh), gcc, bpftool, jq, bpftrace.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
rounds=${1:-3}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
for t in bpftool jq bpftrace gcc; do
  command -v $t >/dev/null || { echo "bench-stack-kernel: needs $t" >&2; exit 2; }
done
ls ior-cli/target/ior-cli-*.jar >/dev/null 2>&1 || { echo "bench-stack-kernel: build first" >&2; exit 2; }
gcc -O2 -pthread -o "$bin/benchwl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
was=$(sysctl -n kernel.bpf_stats_enabled)
sysctl -q -w kernel.bpf_stats_enabled=1
trap 'sysctl -q -w kernel.bpf_stats_enabled=$was; rm -rf "$bin"' EXIT
syscalls=openat,pwrite64,pread64,newfstat,lseek,close,fsync,rename,write

tracer() {
  case $1 in
    ior) cmd=(bin/ior -comm benchwl -syscalls "$syscalls" -duration 0) ;;
    iordef) cmd=(bin/ior -comm benchwl -syscalls "$syscalls" -duration 0 -stacks default) ;;
    iorall) cmd=(bin/ior -comm benchwl -syscalls "$syscalls" -duration 0 -stacks all) ;;
    bpftrace) cmd=(bpftrace -e 'tracepoint:raw_syscalls:sys_exit /comm == "benchwl"/ { @[ustack] = count(); }') ;;
  esac
}

# ids: the ids of the BPF programs loaded now.
ids() { bpftool prog show -j | jq -r '.[].id' | sort; }
# stats IDS: "run_time_ns run_cnt" summed over the programs with these ids (bpftool here lists no
# owning pids: a tracer's programs are the ones that appeared while it started, syscall ones).
stats() {
  bpftool prog show -j | jq -r --argjson p "[$(echo $1 | tr ' ' ,)]" '
    [.[] | select(.id as $x | $p | index($x)) | select(.name | test("sys_e|ustack|sys_exit"))]
    | "\(map(.run_time_ns // 0) | add // 0) \(map(.run_cnt // 0) | add // 0)"'
}

echo "kernel $(uname -r); iorwl mix 200000 /dev/shm as benchwl; BPF run time of each tracer's programs"
for r in $(seq 1 "$rounds"); do
  echo "== round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for t in ior iordef iorall bpftrace; do
    tracer $t
    ids >"$bin/before"
    # The previous tracer's banner must not pass the wait below before this one's shell has
    # truncated the files.
    rm -f "$bin/out" "$bin/err"
    "${cmd[@]}" >"$bin/out" 2>"$bin/err" &
    pid=$!
    until grep -q 'Ctrl+C to stop\|^Attaching' "$bin/err" "$bin/out" 2>/dev/null; do
      kill -0 $pid 2>/dev/null || { cat "$bin/err" >&2; exit 1; }
      sleep 0.05
    done
    # The tracer's programs: the ones that appeared since it started, once they run (attached;
    # they run for every syscall of the host).
    mine=
    for i in $(seq 1 300); do
      mine=$(ids | comm -13 "$bin/before" - | tr '\n' ' ')
      [ -n "$mine" ] && [ "$(stats "$mine" | cut -d' ' -f2)" -gt 0 ] && break
      sleep 0.1
    done
    sleep 0.5
    read -r t0 c0 <<<"$(stats "$mine")"
    line=$("$bin/benchwl" mix 200000 /dev/shm)
    read -r t1 c1 <<<"$(stats "$mine")"
    kill -TERM $pid
    wait $pid || true
    n=$(echo "$line" | awk '{print $2}')
    awk -v t=$t -v dt=$((t1 - t0)) -v dc=$((c1 - c0)) -v n="$n" 'BEGIN {
      printf "  %-9s %7.0f ns of BPF per workload syscall   %6.0f ns per program run (%d runs, %d workload syscalls)\n",
        t, dt / n, dc ? dt / dc : 0, dc, n }' | tee -a "$bin/results"
  done
done
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Medians (ns of BPF per workload syscall, ns per program run):"
for t in ior iordef iorall bpftrace; do
  awk -v t=$t '$1 == t {print $2, $9}' "$bin/results" | sort -n | awk -v t=$t '{a[NR]=$1; b[NR]=$2}
    END {m = int((NR + 1) / 2); printf "  %-9s %7.0f   %6.0f   (per syscall: %.0f..%.0f over %d rounds)\n", t, a[m], b[m], a[1], a[NR], NR}'
done
