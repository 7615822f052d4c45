#!/usr/bin/env bash
# Overhead of tracing, side by side in every round: testdata's iorwl workloads (mix, devnull) timed
# untraced and traced by
#   classic  a minimal C libbpf tracer on syscalls:sys_enter_X/sys_exit_X (capture v1's mechanism)
#   btf      the same on tp_btf raw_syscalls with a syscall-number table (capture v2's, minimal)
#   ceiling  the same C consumer on ior's own ior.bpf.o (ior's kernel side, configured as ior does)
#   ior      bin/ior -comm benchwl streaming every pair to /dev/null
#   iorcmd   bin/ior -o /dev/null -- benchwl: ior starts the workload and follows its pid set in
#            the kernel instead of a comm filter (its cost over -comm should stay within x1.05)
# and, on mix, the cost of user stacks (issue 19) beside the anchors that take them too:
#   iordef   ior with -stacks at its default policy (StackPolicy.DEFAULT: sample:64,slow:1ms)
#   iorall   ior with -stacks all (a user stack on every traced call)
#   bpftrace bpftrace counting @[ustack] on raw_syscalls:sys_exit of the workload's comm
#   perftr   perf trace --call-graph fp -- benchwl (the workload started by perf, as iorcmd)
# ONLY_STACKS=1 runs only ior and these on mix; NO_STACKS=1 leaves them out, ONLY_TRACED=1 leaves out
# the syscalls a tracer does not trace (a 2-round run of what ior adds to traced calls: ~15 minutes).
# (ior-bpf/src/test/c/ceiling.c and minimal.bpf.c: 64-byte records for the minimal ones, batched
# wakeups for all). Each traced run has its own untraced run right before it; the difference is the
# added ns per syscall of the workload's CPU time (perf stat task-clock: a tracer's in-kernel cost
# runs inside the traced syscall, while wall time on a shared machine mostly measures other jobs),
# with wall time beside it. Then what a tracer costs syscalls it does not trace: devnull while each
# follows -comm of something else, with write selected ("other") and not selected ("unsel").
# Prints attach and exit times (SIGTERM to process exit), lost records, the IRQ work interrupts
# during the traced run (forced ring wakeups; other tracers on the machine add theirs) and the
# load average, then medians.
#   sudo scripts/bench-overhead.sh [ROUNDS]     (default 4)
# Needs root, a build (./quickstart.sh), gcc, clang, libbpf-dev, perf (linux-perf), and bpftool for
# the quiet check: other tracers on the machine run their programs on our syscalls too (a classic
# syscall tracepoint also puts every task on the slow syscall path), so before and after each pair
# the script counts foreign syscall tracepoint attachments and redoes the pair, for up to
# QUIET_WAIT seconds (default 120), until there were none; a pair taken anyway is marked, and the
# medians leave it out. The workload is compiled as "benchwl" so that other people's `-comm iorwl`
# tracers ignore it. NICE (default -15) is the niceness of workloads and tracers (0: as they are).
# REPEAT=N runs each workload N times untraced and N times under one attach and takes the median
# of each side (iorcmd, which starts its workload, runs once): one run's CPU time varies by up to
# 40% on this machine, as much as the differences measured.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
rounds=${1:-4}
prio=(nice -n "${NICE:--15}")
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
bpfo=ior-bpf/target/classes/dev/ior/bpf/ior.bpf.o
tsv=ior-core/src/main/resources/dev/ior/core/syscall
[ -e "$bpfo" ] && ls ior-cli/target/ior-cli-*.jar >/dev/null 2>&1 \
  || { echo "bench-overhead: build first (./quickstart.sh)" >&2; exit 2; }
command -v perf >/dev/null || { echo "bench-overhead: needs perf (apt-get install linux-perf)" >&2; exit 2; }
gcc -O2 -pthread -o "$bin/benchwl" testdata/src/main/resources/dev/ior/testdata/iorwl.c
gcc -O2 -Wall -Iior-bpf/src/main/bpf -Iior-bpf/src/test/c -o "$bin/ceiling" ior-bpf/src/test/c/ceiling.c -lbpf
clang -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu \
  -Iior-bpf/src/test/c -c ior-bpf/src/test/c/minimal.bpf.c -o "$bin/minimal.bpf.o"
work=(openat pwrite64 pread64 newfstat lseek close fsync rename write)   # every syscall of both workloads
nowrite=(openat pwrite64 pread64 newfstat lseek close fsync rename)
tracers=(classic btf ceiling ior)   # and iorcmd, for traced workloads only
results=$bin/results

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# per_syscall LINE: "wall-ns cpu-ns" per syscall from iorwl's output line and perf's $bin/stat.
per_syscall() {
  awk -v w="$1" -F, '/task-clock/ {split(w, a, " "); printf "%s %.1f\n", a[4], $1 * 1e6 / a[2]}' "$bin/stat"
}
measured=(perf stat -x, -e task-clock -o "$bin/stat" "$bin/benchwl")
# untraced WORKLOAD...: runs it, prints "wall-ns cpu-ns" per syscall.
untraced() { per_syscall "$("${prio[@]}" "${measured[@]}" "$@")"; }
# repeated WORKLOAD...: untraced REPEAT times in a row (default 1), prints the line of the run with
# the median CPU time: a pair's untraced and traced sides are then medians of REPEAT runs each.
repeated() {
  for _ in $(seq "${REPEAT:-1}"); do untraced "$@"; done | sort -k2 -g \
    | awk '{a[NR] = $0} END {print a[int((NR + 1) / 2)]}'
}
# ior_lost FILE: every counter of ior's "lost:" line summed; "?" when ior could not read one.
ior_lost() {
  grep -o 'lost: .*' "$1" | tr -d , | awk '/unknown/ {print "?"; exit}
    {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s + 0}'
}
# IRQ work interrupts of all CPUs so far (/proc/interrupts IWI): a tracer's forced ring wakeups
# are irq_work on the traced thread's CPU; an untraced run counts none.
irq_work() { awk '$1 == "IWI:" {for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s + 0}' /proc/interrupts; }
# Syscall tracepoint attachments on the machine (classic ones through perf, raw_syscalls links).
foreign() {
  command -v bpftool >/dev/null || { echo 0; return; }
  echo $(( $(bpftool perf list 2>/dev/null | grep -c 'sys_e\(nter\|xit\)') \
    + $(bpftool link list 2>/dev/null | grep -c "tp 'sys_\(enter\|exit\)'") ))
}

# tracer NAME COMM SYSCALL...: the command line of one tracer into the array cmd.
tracer() {
  local name=$1 comm=$2; shift 2
  case $name in
    classic|btf) cmd=("$bin/ceiling" "$name" "$bin/minimal.bpf.o" "$tsv" "$comm" "$@") ;;
    ceiling) cmd=("$bin/ceiling" ior "$bpfo" "$tsv" "$comm" "$@") ;;
    ior) cmd=(bin/ior -comm "$comm" -syscalls "$(IFS=,; echo "$*")" -duration 0 -o /dev/null) ;;
    iorcmd) cmd=(bin/ior -syscalls "$(IFS=,; echo "$*")" -o /dev/null --) ;;
    iordef) cmd=(bin/ior -comm "$comm" -syscalls "$(IFS=,; echo "$*")" -duration 0 -stacks default -o /dev/null) ;;
    iorall) cmd=(bin/ior -comm "$comm" -syscalls "$(IFS=,; echo "$*")" -duration 0 -stacks all -o /dev/null) ;;
    bpftrace) cmd=(bpftrace -e "tracepoint:raw_syscalls:sys_exit /comm == \"$comm\"/ { @[ustack] = count(); }") ;;
    perftr) cmd=(perf trace --call-graph fp -o /dev/null -e "$(IFS=,; echo "$*")" --) ;;
  esac
}

# traced WORKLOAD...: starts "${cmd[@]}" in the background, runs the workload once the tracer is
# ready, stops the tracer with SIGTERM (a script's background jobs ignore SIGINT, and so does a
# JVM started that way) and prints: wall and CPU ns/syscall, ms to ready, ms from SIGTERM to
# exit, records lost, and the ceiling's own open+load+attach ms (- for ior).
traced() {
  local err=$bin/err t0 t1 ns ready exit lost attach
  : >"$err"
  t0=$(now_ms)
  : >"$bin/out"
  "${prio[@]}" "${cmd[@]}" >"$bin/out" 2>"$err" &
  local pid=$!
  until grep -q 'ceiling: ready\|Ctrl+C to stop\|^Attaching' "$err" "$bin/out" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$err" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(( $(now_ms) - t0 ))
  local i0; i0=$(irq_work)
  ns=$(repeated "$@")
  echo $(( $(irq_work) - i0 )) >"$bin/iwi"
  t1=$(now_ms)
  kill -TERM $pid
  wait $pid || true
  exit=$(( $(now_ms) - t1 ))
  if grep -q '^Attaching' "$bin/out"; then
    lost=$(grep -c 'Lost' "$err" || true)
    attach=-
  elif grep -q '^ceiling' "$err"; then
    lost=$(sed -n 's/^ceiling: .* records, \([0-9]*\) lost.*/\1/p' "$err")
    attach=$(sed -n 's/.*open+load \([0-9]*\) ms, table+attach \([0-9]*\) ms/\1+\2/p' "$err")
  else
    lost=$(ior_lost "$err")
    attach=-
  fi
  echo "$ns $ready $exit ${lost:-?} $attach"
}

# started WORKLOAD...: "${cmd[@]}" starts the workload (ior -- COMMAND) and ends with it; prints
# what traced prints, with "-" for the times it cannot see.
started() {
  local out i0
  i0=$(irq_work)
  out=$("${prio[@]}" "${cmd[@]}" "${measured[@]}" "$@" 2>"$bin/err") || { cat "$bin/err" >&2; exit 1; }
  echo $(( $(irq_work) - i0 )) >"$bin/iwi"
  local lost
  lost=$(ior_lost "$bin/err")
  # perf trace prints no "lost:" line: "?" keeps the result line's columns in place
  echo "$(per_syscall "$out") - - ${lost:-?} -"
}

# run KIND WORKLOAD TRACER COMM SYSCALLS...: one untraced run, then the traced one, redone while
# foreign tracers were attached (see above); appends a result line and prints it.
run() {
  local kind=$1 wl=$2 name=$3 comm=$4 base out before after deadline; shift 4
  local -a args
  if [ "$wl" = mix ]; then args=(mix 200000 /dev/shm); else args=(devnull 2000000); fi
  tracer "$name" "$comm" "$@"
  deadline=$(( SECONDS + ${QUIET_WAIT:-120} ))
  while :; do
    before=$(foreign)
    while [ "$before" -gt 0 ] && [ $SECONDS -lt $deadline ]; do sleep 1; before=$(foreign); done
    base=$(repeated "${args[@]}")
    if [ "$name" = iorcmd ] || [ "$name" = perftr ]; then out=$(started "${args[@]}"); else out=$(traced "${args[@]}"); fi
    after=$(foreign)
    [ "$before" -eq 0 ] && [ "$after" -eq 0 ] && break
    [ $SECONDS -ge $deadline ] && break
  done
  local busy=$(( before > after ? before : after ))
  local bw bc tw tc ready exit lost attach
  read -r bw bc <<<"$base"
  read -r tw tc ready exit lost attach <<<"$out"
  # columns: kind workload tracer untraced-cpu traced-cpu ready exit lost attach foreign wall wall
  echo "$kind $wl $name $bc $tc $ready $exit $lost $attach $busy $bw $tw" >>"$results"
  printf '  %-7s %-7s %-7s cpu %6.1f -> %6.1f (%+5.0f)  wall %6.1f -> %6.1f (%+5.0f) ns/syscall  ready %5s ms  exit %4s ms  lost %s  irq_work %s%s%s\n' \
    "$kind" "$wl" "$name" "$bc" "$tc" "$(awk -v a="$tc" -v b="$bc" 'BEGIN {print a - b}')" \
    "$bw" "$tw" "$(awk -v a="$tw" -v b="$bw" 'BEGIN {print a - b}')" \
    "$ready" "$exit" "$lost" "$(cat "$bin/iwi")" "$([ "$attach" = - ] || echo "  (open+load+attach $attach ms)")" \
    "$([ "$busy" -eq 0 ] || echo "  [$busy foreign syscall tracepoints]")"
}

echo "kernel $(uname -r), $(nproc) CPUs, niceness ${NICE:--15}; mix = iorwl mix 200000 /dev/shm," \
  "devnull = iorwl devnull 2000000 (as benchwl)"
stack_tracers=(ior iordef iorall bpftrace perftr)
for r in $(seq 1 "$rounds"); do
  echo "== round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [ -n "${NO_STACKS:-}" ] || for t in "${stack_tracers[@]}"; do run stacks mix "$t" benchwl "${work[@]}"; done
  [ -n "${ONLY_STACKS:-}" ] && continue
  for wl in mix devnull; do
    for t in "${tracers[@]}" iorcmd; do run traced "$wl" "$t" benchwl "${work[@]}"; done
  done
  # the rest of the host: a process the tracer does not follow (comm), a syscall it does not select
  [ -n "${ONLY_TRACED:-}" ] && continue
  for t in "${tracers[@]}"; do run other devnull "$t" zzqq "${work[@]}"; done
  for t in "${tracers[@]}"; do run unsel devnull "$t" zzqq "${nowrite[@]}"; done
done
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

# Medians of the added ns per syscall (traced - its untraced run), CPU and wall, over the pairs
# taken with no foreign tracer attached (over all pairs of a cell that has none).
pairs() {
  awk -v k="$1" -v w="$2" -v t="$3" '$1 == k && $2 == w && $3 == t' "$results" >"$bin/cell"
  awk '$10 == 0' "$bin/cell" | grep . || cat "$bin/cell"
}
med() { pairs "$@" | awk '{print $5 - $4}' | median; }
medw() { pairs "$@" | awk '{print $12 - $11}' | median; }
col() { awk -v t="$1" -v c="$2" '$3 == t {print $c}' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "x%.2f", a / b}'; }
# spread CELL...: "min..max (n pairs)" of the added CPU ns of a cell's pairs.
spread() { pairs "$@" | awk '{d = $5 - $4; if (NR == 1 || d < lo) lo = d; if (NR == 1 || d > hi) hi = d}
  END {printf "%+.0f..%+.0f (%d pairs)", lo, hi, NR}'; }
if [ -z "${NO_STACKS:-}" ]; then
echo "User stacks on mix (median added ns per syscall, CPU (wall), spread of CPU over the pairs);"
echo "goals: default <= x1.10 of ior without stacks, all < bpftrace and perf trace:"
s0=$(med stacks mix ior)
for t in "${stack_tracers[@]}"; do
  printf '%-9s %7.0f (%5.0f)  %s of ior without stacks   spread %s\n' "$t" "$(med stacks mix "$t")" \
    "$(medw stacks mix "$t")" "$(ratio "$(med stacks mix "$t")" "$s0")" "$(spread stacks mix "$t")"
done
fi
[ -n "${ONLY_STACKS:-}" ] && exit 0
echo
echo
echo "Median added ns per syscall, CPU time (wall time), each traced run minus the untraced run before it;"
echo "over the $(awk '$10 == 0' "$results" | wc -l) of $(wc -l <"$results") pairs taken with no foreign syscall tracer attached:"
printf '%-8s %15s %15s %15s %15s %15s %15s | %s\n' workload untraced classic btf ceiling ior "ior -- cmd" \
  "ior / best minimal, ior -- cmd / ior -comm"
for wl in mix devnull; do
  base=$(for t in "${tracers[@]}"; do pairs traced "$wl" "$t"; done | awk '{print $4}' | median)
  basew=$(for t in "${tracers[@]}"; do pairs traced "$wl" "$t"; done | awk '{print $11}' | median)
  c=$(med traced "$wl" classic) b=$(med traced "$wl" btf) i=$(med traced "$wl" ior) x=$(med traced "$wl" iorcmd)
  printf '%-8s %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) | %s, %s\n' \
    "$wl" "$base" "$basew" "$c" "$(medw traced "$wl" classic)" "$b" "$(medw traced "$wl" btf)" \
    "$(med traced "$wl" ceiling)" "$(medw traced "$wl" ceiling)" "$i" "$(medw traced "$wl" ior)" \
    "$x" "$(medw traced "$wl" iorcmd)" \
    "$(ratio "$i" "$(awk -v c="$c" -v b="$b" 'BEGIN {print c < b ? c : b}')")" \
    "$(ratio "$(pairs traced "$wl" iorcmd | awk '{print $5}' | median)" "$(pairs traced "$wl" ior | awk '{print $5}' | median)")"
done
for k in other unsel; do
  [ -n "${ONLY_TRACED:-}" ] && continue
  b=$(med "$k" devnull btf)
  printf '%-8s %15s %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %15s | ceiling %s, ior %s of btf\n' "$k" "" \
    "$(med "$k" devnull classic)" "$(medw "$k" devnull classic)" "$b" "$(medw "$k" devnull btf)" \
    "$(med "$k" devnull ceiling)" "$(medw "$k" devnull ceiling)" "$(med "$k" devnull ior)" "$(medw "$k" devnull ior)" \
    "" "$(ratio "$(med "$k" devnull ceiling)" "$b")" "$(ratio "$(med "$k" devnull ior)" "$b")"
done
echo "(other: devnull of a process the tracer does not follow, write selected; unsel: write not selected)"
for t in "${tracers[@]}"; do
  printf '%-8s ready: max %5d ms%s   exit after SIGTERM: median %4.0f ms, max %4d ms   lost: %s\n' "$t" \
    "$(col "$t" 6 | sort -g | tail -1)" \
    "$(col "$t" 9 | awk -F+ '$1 != "-" {t = $1 + $2; if (t > m) m = t} END {if (NR && m) printf " (own open+load+attach max %d ms)", m}')" \
    "$(col "$t" 7 | median)" "$(col "$t" 7 | sort -g | tail -1)" "$(col "$t" 8 | sort -u | tr '\n' ' ')"
done
echo "(ready: from start to attached, for ior with JVM start and warm-up)"
