#!/usr/bin/env bash
# Installs what building (and, with --test, testing) ior needs on Debian 12 / Ubuntu 24.04,
# idempotently: packages already present are left alone and apt-get runs only when something
# is missing. Needs root (or sudo).
set -euo pipefail

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# package:command-or-file that proves it is there
build_pkgs=(
  "openjdk-17-jdk-headless:javac"
  "maven:mvn"
  "clang:clang"
  "libbpf-dev:/usr/include/bpf/bpf_helpers.h"
  "libbpf1:/usr/lib/$(uname -m)-linux-gnu/libbpf.so.1"
  "linux-libc-dev:/usr/include/linux/bpf.h"
  "gcc:gcc"
  "g++:g++"
  "libc6-dev:/usr/include/stdio.h"
  "unzip:unzip" # bin/.launch lists the jars' classes for the class data sharing archive
)
test_pkgs=(
  "golang-go:go"
  "zstd:zstd"
  "tmux:tmux"
  "bpftrace:bpftrace" # scripts/bench-start.sh: start-up beside bpftrace's
  # scripts/bench-overhead.sh: perf stat times the workloads; bpftool finds other tracers'
  # syscall programs (without it the quiet check cannot see them).
  "linux-perf:perf"
  "bpftool:/usr/sbin/bpftool"
  "chromium:chromium"
  "binutils:readelf"
  "python3:python3"
  "perl:perl"
  "time:/usr/bin/time"
  "nodejs:node"
  "npm:npm"
  "libc++-dev:/usr/lib/$(uname -m)-linux-gnu/libc++.so"
  "libc++abi-dev:/usr/lib/$(uname -m)-linux-gnu/libc++abi.so"
  # A real container for the container-attribution test; runc because crun refuses hybrid
  # cgroup layouts ("cgroups in hybrid mode not supported").
  "podman:podman"
  "runc:runc"
  "prometheus:/usr/bin/prometheus"
  # The flight recorder's end-to-end test: a FUSE file system (compiled at test time) whose
  # fsync sleeps, to make one call slow for real.
  "libfuse3-dev:/usr/include/fuse3/fuse.h"
  "fuse3:fusermount3"
  # The ClickHouse sink's test starts its own server on loopback (Debian's 18.16).
  "clickhouse-server:/usr/sbin/clickhouse-server"
  "clickhouse-client:clickhouse-client"
  # The oracle of the differential test (DiffOracleIT, scripts/difftest.sh); its programs are
  # linked static, so libc.a (libc6-dev) must be there too.
  "strace:strace"
  "libc6-dev:/usr/lib/$(uname -m)-linux-gnu/libc.a"
)
# npm packages the tests use (a real viewer for the timeline), pinned: name@version
test_npm=(
  "speedscope@1.25.0"
)

have() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local v
  v=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
  [ "${v:-0}" -ge 17 ] 2>/dev/null
}

missing=()
for entry in "${build_pkgs[@]}" $([ $want_test = 1 ] && printf '%s ' "${test_pkgs[@]}"); do
  pkg=${entry%%:*} probe=${entry#*:}
  if [ "$pkg" = openjdk-17-jdk-headless ]; then
    java_ok || missing+=("$pkg")
  elif ! have "$probe"; then
    missing+=("$pkg")
  fi
done

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm_missing=()
if [ $want_test = 1 ]; then
  root=$(npm root -g)
  for spec in "${test_npm[@]}"; do
    name=${spec%@*} version=${spec##*@}
    have_version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$root/$name/package.json" 2>/dev/null || true)
    [ "$have_version" = "$version" ] || npm_missing+=("$spec")
  done
fi
if [ ${#npm_missing[@]} -gt 0 ]; then
  echo "install-deps: installing npm packages ${npm_missing[*]}"
  $SUDO npm install -g --no-audit --no-fund --loglevel=error "${npm_missing[@]}" >/dev/null
fi

if [ ${#missing[@]} -eq 0 ] && [ ${#npm_missing[@]} -eq 0 ]; then
  echo "install-deps: everything needed is installed"
else
  echo "install-deps: done"
fi
