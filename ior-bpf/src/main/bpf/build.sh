#!/usr/bin/env bash
# Compiles the BPF programs: syscall table -> syscalls.gen.h -> ior.bpf.o (called by Maven).
# Usage: build.sh SYSCALLS_TSV OUT_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tsv=$1 out=$2
clang=$(command -v clang-14 || command -v clang || true)
if [ -z "$clang" ]; then
  echo "ior-bpf: clang not found; install it (Debian: apt-get install clang libbpf-dev) or run ./quickstart.sh" >&2
  exit 1
fi
if [ ! -e /usr/include/bpf/bpf_helpers.h ]; then
  echo "ior-bpf: bpf/bpf_helpers.h not found; install libbpf-dev (apt-get install libbpf-dev)" >&2
  exit 1
fi
mkdir -p "$out/gen" "$out/classes/dev/ior/bpf"
awk -f "$here/gen-syscalls.awk" "$tsv" > "$out/gen/syscalls.gen.h"
arch=$(uname -m)
"$clang" -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_x86 \
  -I"/usr/include/$arch-linux-gnu" -I"$here" -I"$out/gen" \
  -c "$here/ior.bpf.c" -o "$out/classes/dev/ior/bpf/ior.bpf.o"
