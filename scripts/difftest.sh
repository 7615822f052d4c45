#!/usr/bin/env bash
# Differential test of ior's file names against strace (issue 18): generates seeded C programs,
# runs each under `strace -f -y` and under `ior -- COMMAND`, compares every call's fd, return
# value and file names, prints programs run / mismatched by kind and each distinct mismatch as a
# minimal program with both tracers' lines. Needs root, gcc (static libc), strace.
#
#   scripts/difftest.sh [--ior PATH/bin/ior] [--seeds 1-200[,300-310]] [--kinds rename,link]
#                       [--batch 40] [--shrink 8] [--work /tmp/ior-difftest] [--verbose 1]
#
# --ior runs another checkout's build (its bin/ior; the shapes table is read from that checkout).
# Exit status: 0 no mismatch, 1 mismatches, 2 bad arguments.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
classes="$root/testdata/target/classes"
if [ ! -f "$classes/dev/ior/testdata/diff/DiffMain.class" ]; then
  (cd "$root" && mvn -B -q -o -pl testdata compile) >&2
fi
if [ "$(id -u)" != 0 ]; then
  echo "difftest: needs root (ior attaches BPF programs; chroot)" >&2
  exit 2
fi
for tool in strace gcc; do
  command -v "$tool" >/dev/null || { echo "difftest: $tool not found (scripts/install-deps.sh --test)" >&2; exit 2; }
done
args=("$@")
has_ior=0
for a in "${args[@]}"; do [ "$a" = --ior ] && has_ior=1; done
[ $has_ior = 1 ] || args+=(--ior "$root/bin/ior")
# Run from a copy: a rebuild of the checkout during a long run must not pull classes away.
copy=$(mktemp -d /tmp/difftest-classes.XXXXXX)
trap 'rm -rf "$copy"' EXIT
cp -r "$classes/." "$copy/"
java -cp "$copy" dev.ior.testdata.diff.DiffMain "${args[@]}"
