#!/usr/bin/env bash
# Start-up: from launching a tracer until it traces, beside a C libbpf tracer and bpftrace in the
# same rounds (taking turns, so all see the same machine), and ior's dashboard until its first
# screen. A workload (benchst) writes 8 bytes to /dev/null every millisecond from before each
# launch; "tracing" is the time of the first write the tracer reports, minus the launch time:
#   C tracer   ior-bpf/src/test/c/ceiling.c on minimal.bpf.o (tp_btf, the smallest tracer of
#              ior's mechanism), and the same consumer on ior's own ior.bpf.o: launch until its
#              "ready" line (printed once attached)
#   bpftrace   one tracepoint probe printing the first write's nsecs and exiting
#   ior        bin/ior -comm benchst -syscalls write -plain: the first CSV row's enter time, and
#              the "ior: tracing" line; as users run it (with the class data sharing archive,
#              made first), without the archive (IOR_CDS=0), and with the JIT compilers never
#              niced during the start (ior-JITnot: IOR_NICE_JIT=0; the launcher nices them as
#              root while the load average is below the CPUs)
#   ior -tui   on a pseudo-terminal of its own (120x40, ptyrun): launch until the dashboard has
#              written its title (its first frame, drawn before the options are parsed) and, as
#              ior-tui-tabs, its tab row (the whole first screen)
# Prints every run, then medians and min-max, with the load average of each round.
#   sudo scripts/bench-start.sh [ROUNDS]      (default 5)
#   sudo BUSY=2 scripts/bench-start.sh 3      the same on a busy machine: 2 busy loops (nice 0)
#                                             run throughout, from when the 1-minute load average
#                                             shows them (what ior's launcher reads)
# Needs root, a build (./quickstart.sh), gcc, clang, libbpf-dev and bpftrace
# (scripts/install-deps.sh --test installs them).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
rounds=${1:-5}
bin=$(mktemp -d)
wl_pid=
busy_pids=()
cleanup() {
  [ -z "$wl_pid" ] || kill "$wl_pid" 2>/dev/null || true
  [ ${#busy_pids[@]} = 0 ] || kill "${busy_pids[@]}" 2>/dev/null || true
  rm -rf "$bin"
}
trap cleanup EXIT
ls ior-cli/target/ior-cli-*.jar >/dev/null 2>&1 || { echo "bench-start: build first (./quickstart.sh)" >&2; exit 2; }
for t in gcc clang bpftrace; do
  command -v "$t" >/dev/null || { echo "bench-start: needs $t (scripts/install-deps.sh --test)" >&2; exit 2; }
done
# bpftrace finds tracepoints in tracefs
[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing
tsv=ior-core/src/main/resources/dev/ior/core/syscall
bpfo=ior-bpf/target/classes/dev/ior/bpf/ior.bpf.o
cat >"$bin/benchst.c" <<'EOF'
/* Writes 8 bytes to /dev/null every millisecond until killed. */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
int main(void)
{
	int fd = open("/dev/null", O_WRONLY);
	struct timespec ms = {0, 1000000};
	for (long n = 0;; n++) {
		(void)!write(fd, &n, sizeof(n));
		nanosleep(&ms, 0);
	}
}
EOF
cat >"$bin/clocks.c" <<'EOF'
/* CLOCK_REALTIME and CLOCK_MONOTONIC now, in ns. */
#include <stdio.h>
#include <time.h>
int main(void)
{
	struct timespec r, m;
	clock_gettime(CLOCK_REALTIME, &r);
	clock_gettime(CLOCK_MONOTONIC, &m);
	printf("%lld %lld\n", r.tv_sec * 1000000000LL + r.tv_nsec, m.tv_sec * 1000000000LL + m.tv_nsec);
	return 0;
}
EOF
cat >"$bin/awaitfile.c" <<'EOF'
/*
 * awaitfile FILE TEXT PID: polls FILE every millisecond until it holds TEXT (exit 0) or PID has
 * ended (exit 1). One process for the whole wait: a shell loop of grep and sleep started ~200
 * processes a second, CPU the measured start competed for on 2 cores.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static char buf[1 << 20];
int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	struct timespec ms = {0, 1000000};
	for (;;) {
		FILE *f = fopen(argv[1], "r");
		if (f) {
			size_t n = fread(buf, 1, sizeof(buf) - 1, f);
			fclose(f);
			buf[n] = 0;
			if (strstr(buf, argv[2]))
				return 0;
		}
		if (kill(atoi(argv[3]), 0) != 0)
			return 1;
		nanosleep(&ms, 0);
	}
}
EOF
gcc -O2 -o "$bin/benchst" "$bin/benchst.c"
gcc -O2 -o "$bin/awaitfile" "$bin/awaitfile.c"
cat >"$bin/ptyrun.c" <<'EOF'
#define _GNU_SOURCE
/*
 * ptyrun TEXT COMMAND...: runs COMMAND on a new 120x40 pseudo-terminal, prints the ms from the
 * fork until TEXT first appears in what it writes, then types q and waits for it to exit. The
 * output is read as it comes (poll), with no process started meanwhile: polling a tmux pane
 * started two processes per poll beside the start it timed, and tmux itself passed the screen on
 * 0.1-1 s after ior had written it.
 */
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	const char *text = argv[1];
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	int master;
	double t0 = now_ms();
	pid_t pid = forkpty(&master, 0, 0, &ws);
	if (pid < 0)
		return 2;
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	static char buf[1 << 20];
	size_t len = 0, tl = strlen(text);
	double seen = -1;
	for (;;) {
		struct pollfd p = {.fd = master, .events = POLLIN};
		if (poll(&p, 1, 30000) <= 0)
			break;
		ssize_t n = read(master, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		/* a terminal answers a cursor position request (lanterna asks for the size this way) */
		if (memmem(buf + len, n, "\033[6n", 4))
			(void)!write(master, "\033[40;120R", 10);
		len += n;
		buf[len] = 0;
		if (seen < 0 && memmem(buf, len, text, tl)) {
			seen = now_ms() - t0;
			usleep(300000);
			(void)!write(master, "q", 1);
		}
		if (len > sizeof(buf) / 2) { /* keep the tail only */
			memmove(buf, buf + len - tl, tl);
			len = tl;
		}
	}
	int st;
	waitpid(pid, &st, 0);
	if (seen < 0)
		return 1;
	printf("%.0f\n", seen);
	return 0;
}
EOF
gcc -O2 -Wall -o "$bin/ptyrun" "$bin/ptyrun.c" -lutil
gcc -O2 -o "$bin/clocks" "$bin/clocks.c"
gcc -O2 -Wall -Iior-bpf/src/main/bpf -Iior-bpf/src/test/c -o "$bin/ceiling" ior-bpf/src/test/c/ceiling.c -lbpf
clang -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu \
  -Iior-bpf/src/test/c -c ior-bpf/src/test/c/minimal.bpf.c -o "$bin/minimal.bpf.o"
echo "class data sharing archive: $(bin/.launch --cds && echo ready)"
"$bin/benchst" &
wl_pid=$!
results=$bin/results
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (a - b) / 1e6}'; }
now() { "$bin/clocks"; }

# await FILE TEXT PID: waits until FILE holds TEXT (or PID ended); 1 when it ended first.
await() {
  "$bin/awaitfile" "$1" "$2" "$3"
}

# c_tracer NAME MECH OBJ: launch until "ceiling: ready".
c_tracer() {
  local rt mono pid
  : >"$bin/err" # before the launch: the waiter must not read the last run's lines
  read -r rt mono <<<"$(now)"
  "$bin/ceiling" "$2" "$3" "$tsv" benchst write >/dev/null 2>"$bin/err" &
  pid=$!
  await "$bin/err" 'ceiling: ready' $pid || { cat "$bin/err" >&2; exit 1; }
  local end
  read -r end _ <<<"$(now)"
  kill -TERM $pid; wait $pid || true
  echo "$1 tracing $(ms "$end" "$rt")" >>"$results"
}

bpftrace_run() {
  local rt mono first
  read -r rt mono <<<"$(now)"
  first=$(timeout 60 bpftrace -e 'tracepoint:syscalls:sys_enter_write /comm == "benchst"/ {
    printf("first %lld\n", nsecs); exit(); }' 2>/dev/null | sed -n 's/^first //p')
  echo "bpftrace tracing $(ms "$first" "$mono")" >>"$results"
}

# ior_run NAME ENV...: the first traced write's enter time, and the "tracing" line.
ior_run() {
  local name=$1 rt mono pid ready t first; shift
  : >"$bin/err"
  read -r rt mono <<<"$(now)"
  env "$@" bin/ior -comm benchst -syscalls write -plain -o "$bin/ior.csv" 2>"$bin/err" &
  pid=$!
  await "$bin/err" 'ior: tracing' $pid || { cat "$bin/err" >&2; exit 1; }
  read -r ready _ <<<"$(now)"
  sleep 0.3
  kill -TERM $pid; wait $pid || true
  t=$(sed -n '2p' "$bin/ior.csv" | cut -d, -f1)
  first=$(date -d "$t" +%s%N)
  echo "$name tracing $(ms "$first" "$rt")" >>"$results"
  echo "$name announced $(ms "$ready" "$rt")" >>"$results"
}

# tui_run NAME TEXT ENV...: launch until the dashboard has written TEXT to its terminal.
tui_run() {
  local name=$1 text=$2 ms; shift 2
  ms=$(env "$@" "$bin/ptyrun" "$text" bin/ior -tui -comm benchst) \
    || { echo "bench-start: the dashboard did not show '$text'" >&2; exit 1; }
  echo "$name screen $ms" >>"$results"
}

echo "kernel $(uname -r), $(nproc) CPUs"
if [ "${BUSY:-0}" -gt 0 ]; then
  for _ in $(seq "$BUSY"); do
    sh -c 'while :; do :; done' &
    busy_pids+=($!)
  done
  # Until the 1-minute load average shows them (what ior's launcher reads), at most 3 minutes.
  for _ in $(seq 36); do
    read -r load _ </proc/loadavg
    [ "${load%%.*}" -lt "$BUSY" ] || break
    sleep 5
  done
  echo "$BUSY busy loops running; load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
for r in $(seq 1 "$rounds"); do
  echo "== round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  : >"$bin/round"
  c_tracer "C-tp_btf" btf "$bin/minimal.bpf.o"
  c_tracer "C-ior.bpf.o" ior "$bpfo"
  bpftrace_run
  ior_run ior IOR_CDS=1
  ior_run ior-noCDS IOR_CDS=0
  ior_run ior-JITnot IOR_CDS=1 IOR_NICE_JIT=0
  tui_run ior-tui ' ior -tui ' IOR_CDS=1
  tui_run ior-tui-noCDS ' ior -tui ' IOR_CDS=0
  tui_run ior-tui-tabs '1 Overview' IOR_CDS=1
  tail -n 12 "$results" | awk '{printf "  %-14s %-9s %6d ms\n", $1, $2, $3}'
done
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "median (min-max) ms from launch, over $rounds rounds:"
awk '{k = $1 " " $2; v[k] = v[k] " " $3} END {for (k in v) print k, v[k]}' "$results" | sort \
  | while read -r name what vals; do
      printf '  %-14s %-9s %s\n' "$name" "$what" "$(tr ' ' '\n' <<<"$vals" | grep . | sort -n \
        | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
            printf "%6.0f (%d-%d)", m, a[1], a[NR]}')"
    done
echo "(tracing: the first traced syscall (C tracers: attached); announced: ior's \"tracing\" line;"
echo " screen: the dashboard's first frame, its title; ior-tui-tabs: its tabs, the whole first screen)"
