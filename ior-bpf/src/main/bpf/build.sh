#!/usr/bin/env bash
# Compiles the BPF programs into ior.bpf.o (called by Maven). CO-RE: no kernel headers of the
# running kernel are needed; the object adapts to each kernel's BTF when libbpf loads it.
# Usage: build.sh OUT_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
clang=$(command -v clang-14 || command -v clang || true)
if [ -z "$clang" ]; then
  echo "ior-bpf: clang not found; install it (Debian: apt-get install clang libbpf-dev) or run ./quickstart.sh" >&2
  exit 1
fi
if [ ! -e /usr/include/bpf/bpf_helpers.h ]; then
  echo "ior-bpf: bpf/bpf_helpers.h not found; install libbpf-dev (apt-get install libbpf-dev)" >&2
  exit 1
fi
mkdir -p "$out/classes/dev/ior/bpf"
arch=$(uname -m)
case "$arch" in
  x86_64) target=x86 ;;
  aarch64) target=arm64 ;;
  *) echo "ior-bpf: architecture $arch is not supported yet (x86_64 only)" >&2; exit 1 ;;
esac
"$clang" -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_$target \
  -I"/usr/include/$arch-linux-gnu" -I"$here" \
  -c "$here/ior.bpf.c" -o "$out/classes/dev/ior/bpf/ior.bpf.o"
