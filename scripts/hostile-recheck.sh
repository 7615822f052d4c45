#!/usr/bin/env bash
# Issue 23's kinds, re-checked as a user meets them: the real bin/ior, bin/flamegraph and ior
# serve of this checkout, one line per case (KIND | CASE | ok/FAIL | detail) and a count per kind.
# Needs root and BPF for the tracing cases; takes 5-15 minutes on a loaded machine.
#   scripts/hostile-recheck.sh [KIND-REGEX]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
I=$root/bin/ior F=$root/bin/flamegraph
only=${1:-.}
w=$(mktemp -d /tmp/ior-recheck.XXXXXX)
trap 'rm -rf "$w"' EXIT
declare -A pass fail
row() { # KIND CASE RESULT DETAIL
  printf '%-22s | %-44s | %-4s | %s\n' "$1" "$2" "$3" "$4"
  if [ "$3" = ok ]; then pass[$1]=$(( ${pass[$1]:-0} + 1 )); else fail[$1]=$(( ${fail[$1]:-0} + 1 )); fi
}
# check KIND CASE RC PATTERN CMD...: exit code RC, stderr matches PATTERN, no stack trace.
check() {
  local kind=$1 case=$2 rc=$3 pat=$4; shift 4
  [[ $kind =~ $only ]] || return 0
  timeout 120 "$@" >"$w/out" 2>"$w/err"; local got=$?
  local first; first=$(head -c 160 "$w/err" | head -1 | cat -v)
  if [ "$got" != "$rc" ]; then row "$kind" "$case" FAIL "exit $got, want $rc: $first"
  elif grep -qE '^\s+at |Exception in|InternalError|hs_err' "$w/err"; then row "$kind" "$case" FAIL "stack trace: $first"
  elif [ -n "$pat" ] && ! grep -qE -- "$pat" "$w/err"; then row "$kind" "$case" FAIL "no /$pat/: $first"
  else row "$kind" "$case" ok "exit $got: $first"; fi
}
ESC=$'\e'
nothing=(-comm iorchk-none -duration 1)

# exit codes and one-line errors
check exit-codes "-container ''" 2 'needs a container' $I -container ''
check exit-codes "-cgroup ''" 2 'needs a cgroup' $I -cgroup ''
check exit-codes "-cgroup 2^64" 2 'not a number from 0' $I -cgroup 18446744073709551616
check exit-codes "-cgroup -1" 2 'cgroup' $I -cgroup -1
check exit-codes "nothing after --" 2 'nothing after --' $I --
check exit-codes "-- /etc/passwd (not executable)" 126 'permission denied' $I -- /etc/passwd
check exit-codes "-- /tmp (a directory)" 126 'is a directory' $I -- /tmp
check exit-codes "-- no-such-command" 127 'command not found' $I -- ior-no-such-command
check exit-codes "-o /dev/full" 2 'no space left.*nothing was traced' $I -o /dev/full "${nothing[@]}"
check exit-codes "-o /dev/full -plain" 2 'no space left.*nothing was traced' $I -o /dev/full -plain "${nothing[@]}"
if [[ exit-codes =~ $only ]]; then
  mkdir -p "$w/gone"
  (cd "$w/gone" && rmdir "$w/gone" && timeout 120 $I -o /dev/null -- /bin/true 2>"$w/err"; echo $? >"$w/rc")
  [ "$(cat "$w/rc")" = 0 ] && ! grep -q Exception "$w/err" && row exit-codes "command from a deleted cwd" ok "exit 0" \
    || row exit-codes "command from a deleted cwd" FAIL "exit $(cat "$w/rc"): $(head -1 "$w/err")"
fi
# terminal injection through flag values
check flag-escaping "-cgroup ESC[31m" 2 '\\x1b\[31m' $I -cgroup "${ESC}[31mred"
check flag-escaping "-container ESC]0;x BEL" 0 '\\x1b\]0;x\\x07' $I -container "${ESC}]0;x"$'\a' -duration 1 -o /dev/null
check flag-escaping "-pid ESC" 2 '\\x1b' $I -pid "1${ESC}[2J"
check flag-escaping "-fields ESC" 2 '\\x1b' $I -flamegraph -fields "comm${ESC}[2J"
# did you mean
check spelling "-durration" 2 "did you mean '-duration'" $I -durration 1
check spelling "-flamegrpah" 2 "did you mean '-flamegraph'" $I -flamegrpah
check spelling "-tps fsnyc" 2 "did you mean 'fsync'" $I -tps fsnyc "${nothing[@]}"
check spelling "-syscalls opennat" 2 "did you mean" $I -syscalls opennat "${nothing[@]}"
check spelling "flamegraph --titel" 2 "did you mean" $F --titel x
# flamegraph.pl's options
printf 'main;read;vfs_read 30\nmain;write 10\n' >"$w/in.folded"
printf 'vfs_read\ttitle=r\n' >"$w/attr"
pushd "$w" >/dev/null # --cp writes ./palette.map
for o in --bgcolors=blue --cp --random --encoding=UTF-8 --fontwidth=0.5 --factor=2 --nameattr="$w/attr"; do
  check flamegraph-options "$o" 0 '' $F "$o" "$w/in.folded"
done
popd >/dev/null
[[ flamegraph-options =~ $only ]] && { if $F --help 2>&1 | head -1 | grep -q '^Usage: flamegraph'; then row flamegraph-options "--help starts with the usage" ok ""; else row flamegraph-options "--help starts with the usage" FAIL "$($F --help 2>&1 | head -1)"; fi; }
# kernel requirement stated once
if [[ kernel-version =~ $only ]]; then
  h=$($I --help | grep -o 'Linux [0-9.]*+'); r=$(grep -o 'Requirements: Linux [0-9.]*+' "$root/README.md" | grep -o 'Linux.*')
  [ "$h" = "$r" ] && row kernel-version "--help vs README" ok "$h" || row kernel-version "--help vs README" FAIL "$h / $r"
  n=$(grep -rhoE '(needs?|Requirements:|and) [^.;]{0,60}Linux [0-9]+\.[0-9]+(\+| or newer)' "$root/README.md" "$root"/docs/*.md | grep -oE 'Linux [0-9.]+' | sort -u | wc -l)
  [ "$n" = 1 ] && row kernel-version "every page states one minimum" ok "" || row kernel-version "every page states one minimum" FAIL "$n different"
fi
# empty or odd inputs
printf '' | gzip >"$w/empty.gz"; printf 'a;b -3\n' >"$w/neg.folded"; printf 'a;b 3\n' | gzip | head -c 20 >"$w/cut.gz"
head -c 60M /dev/zero | gzip >"$w/bomb.gz"
check odd-inputs "flamegraph empty gzip" 1 'holds no data' $F "$w/empty.gz"
check odd-inputs "ior -ior empty gzip" 1 'not an .ior' $I -ior "$w/empty.gz" -flamegraph -name "$w/x"
check odd-inputs "negative folded count" 2 'negative count' $F "$w/neg.folded"
check odd-inputs "cut gzip" 1 'cut|end' $F "$w/cut.gz"
check input-limits "gzip bomb (ratio 1000)" 1 '-max-input-ratio N raises' $F "$w/bomb.gz"
check input-limits "-max-input-ratio 0" 2 'at least 1' $F -max-input-ratio 0 "$w/in.folded"
check input-limits "collapsed -max-input-rows -1" 2 'at least 1' $I collapsed -max-input-rows -1 "$w/in.folded"
# recordings carry their architecture
python3 - "$w" <<'PY'
import gzip, struct, sys
w = sys.argv[1]
def rec(name, arch, version=4):
    body = b"IORREC\n" + bytes([version]) + struct.pack("<q", 0)
    if version == 4:
        body += bytes([len(arch)]) + arch.encode() + struct.pack("<HI", 1, 0)
    end = bytes([0x1f,0x8b,8,4,0,0,0,0,0,0xff,4,0,ord('I'),ord('E'),0,0,3,0,0,0,0,0,0,0,0,0])
    open(f"{w}/{name}", "wb").write(gzip.compress(body) + end)
rec("arm.iorrec", "arm64"); rec("riscv.iorrec", "riscv64"); rec("v3.iorrec", "", 3)
PY
check recording-arch "replay an arm64 recording" 2 'recorded on arm64' $I -replay "$w/arm.iorrec"
check recording-arch "replay a riscv64 recording" 2 'recorded on riscv64' $I -replay "$w/riscv.iorrec"
check recording-arch "replay a version-3 recording (no arch)" 0 'replayed' $I -replay "$w/v3.iorrec"
if [[ recording-arch =~ $only ]]; then
  $I "${nothing[@]}" -record "$w/own.iorrec" -o /dev/null 2>/dev/null
  a=$(zcat "$w/own.iorrec" 2>/dev/null | head -c 24 | tail -c 8 | tr -dc 'a-z0-9_'); [ "$a" = x86_64 ] && row recording-arch "a new recording names x86_64" ok "" || row recording-arch "a new recording names x86_64" FAIL "$a"
fi
# files left behind, outputs refused before tracing
for f in -record -timeline -speedscope -parquet -o; do
  check files-left "$f onto a directory" 2 'is a directory; nothing was traced' $I $f "$w" "${nothing[@]}"
done
if [[ files-left =~ $only ]]; then
  for sig in INT TERM HUP; do for d in 0.5 3 8 20; do
    rm -rf "$w/s"; mkdir "$w/s"
    python3 -c "
import subprocess,signal,time,sys
p=subprocess.Popen(sys.argv[1:],stderr=subprocess.DEVNULL,stdout=subprocess.DEVNULL)
time.sleep($d); p.send_signal(signal.SIG$sig); p.wait()" $I -comm iorchk-none -duration 60 -record "$w/s/o.iorrec" -o /dev/null
    n=$(ls -a "$w/s" | grep -c '\.tmp$')
    [ "$n" = 0 ] && row files-left "SIG$sig after ${d}s of -record" ok "$(ls "$w/s" | tr '\n' ' ')" || row files-left "SIG$sig after ${d}s of -record" FAIL "$n temporary files"
  done; done
fi
# another user's planted symlink
if [[ planted-symlink =~ $only ]]; then
  sd=$w/sticky; mkdir -m 1777 "$sd"; echo keep >"$w/victim"
  for out in "-o $sd/o.csv" "-flamegraph -name $sd/o" "-record $sd/o.csv"; do
    set -- $out; tgt=${!#}; [ "$1" = -flamegraph ] && tgt=$tgt.ior
    rm -f "$tgt"; ln -s "$w/victim" "$tgt"; chown -h nobody "$tgt"
    check planted-symlink "$1 through nobody's symlink" 2 'refusing to write through a symlink' $I $out "${nothing[@]}"
  done
  [ "$(cat "$w/victim")" = keep ] && row planted-symlink "the target is untouched" ok "" || row planted-symlink "the target is untouched" FAIL "overwritten"
fi
# resource limits
check resource-limits "ulimit -n 16" 2 'too many open files' bash -c "ulimit -n 16; exec $I ${nothing[*]}"
check resource-limits "ulimit -n 64 (flamegraph)" 2 'too many open files' bash -c "ulimit -n 64; exec $F $w/in.folded"
check resource-limits "ulimit -v 3g" 0 'traced' bash -c "ulimit -v 3145728; exec $I ${nothing[*]} -o /dev/null"
check resource-limits "ulimit -v 900m" 2 'below the 1 GiB' bash -c "ulimit -v 921600; exec $I ${nothing[*]}"
check resource-limits "ulimit -v 2g flamegraph" 0 '' bash -c "ulimit -v 2097152; exec $F $w/in.folded"
# ior serve: a slowloris crowd, a scrape in time, labels without control bytes
if [[ serve =~ $only ]]; then
  # A process named with ESC that does file I/O, so that its comm becomes a label value.
  cp /bin/dd "$w/z${ESC}[31mq"
  (for i in $(seq 600); do "$w/z${ESC}[31mq" if=/etc/hostname of=/dev/null status=none; sleep 0.1; done) & zp=$!
  IOR_JAVA_OPTS=-Xmx256m $I serve -listen 127.0.0.1:19464 >"$w/serve.out" 2>"$w/serve.err" & sp=$!
  for i in $(seq 120); do curl -s -o /dev/null http://127.0.0.1:19464/metrics && break; sleep 1; done
  python3 - <<'PY' &
import socket, time
s = []
for i in range(20):
    c = socket.create_connection(("127.0.0.1", 19464)); c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n"); s.append(c)
time.sleep(40)
PY
  lp=$!; sleep 3
  t0=$(date +%s.%N); curl -s -m 10 -o "$w/m" http://127.0.0.1:19464/metrics; rc=$?; t=$(echo "$(date +%s.%N) - $t0" | bc)
  [ $rc = 0 ] && row serve "scrape beside 20 slowloris clients" ok "${t}s, $(wc -c <"$w/m") bytes" || row serve "scrape beside 20 slowloris clients" FAIL "curl $rc after ${t}s"
  if grep -q "$ESC" "$w/m"; then row serve "no ESC in /metrics" FAIL "raw ESC"
  elif grep -qE 'comm="z(\\)+x1b\[31mq"' "$w/m"; then row serve "no ESC in /metrics" ok "comm=\"z\\x1b[31mq\""
  else row serve "no ESC in /metrics" FAIL "the odd comm is not in /metrics"; fi
  curl -s -H 'Accept: application/openmetrics-text' -m 10 -o "$w/om" http://127.0.0.1:19464/metrics && tail -1 "$w/om" | grep -q '# EOF' && row serve "OpenMetrics exposition ends in # EOF" ok "" || row serve "OpenMetrics exposition ends in # EOF" FAIL ""
  grep -qE 'SEVERE|Exception' "$w/serve.err" && row serve "no stack traces on stderr" FAIL "$(grep -m1 -E 'SEVERE|Exception' "$w/serve.err")" || row serve "no stack traces on stderr" ok ""
  kill $lp $zp 2>/dev/null; kill -TERM $sp; wait $sp 2>/dev/null
fi
# benign workload: no losses
if [[ dd-losses =~ $only ]]; then
  for r in 1 2; do
    $I -o /dev/null -- sh -c 'for i in $(seq 200); do dd if=/dev/zero of='"$w"'/ddx bs=4k count=100 status=none; done' 2>"$w/dd.err"
    l=$(grep -oE 'enter without exit [0-9,]*[0-9]' "$w/dd.err")
    [ "$l" = "enter without exit 0" ] && row dd-losses "dd loop under -- sh -c, run $r" ok "$l" || row dd-losses "dd loop under -- sh -c, run $r" FAIL "$l"
  done
fi
echo
for k in "${!pass[@]}" "${!fail[@]}"; do echo "$k"; done | sort -u | while read -r k; do
  printf '%-22s %3d ok %3d failed\n' "$k" "${pass[$k]:-0}" "${fail[$k]:-0}"
done
