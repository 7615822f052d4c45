#!/usr/bin/env bash
# zeekspy benchmarks (run as root: zeekspy reads another process's memory).
#   scripts/bench-zeekspy.sh [DEPTH [SECONDS,... [HZ,...]]]    defaults: 10 5,60 100,331
#     zeekspy sampling a stand-in Zeek that spins on the last CPU, as users run it: mean and p99
#     per sample and the sampling thread's CPU share, first second and after; then the machine's
#     floor (sleep + one process_vm_readv).
#   scripts/bench-zeekspy.sh jit [SECONDS]
#     what the JIT warm-up buys: per second at 100 Hz, the sampler without and with it.
#   scripts/bench-zeekspy.sh warm [SAMPLES]
#     the cost of one sample in a tight loop (no sleeping between samples), both read modes.
# The JVM runs with the flags bin/zeekspy uses.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
mvn -B -q -ntp -o -pl zeekspy -am install -DskipTests >/dev/null
mvn -B -q -ntp -o -pl zeekspy test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
bench() {
  java -XX:+UseSerialGC -Xss512k \
    -cp "zeekspy/target/test-classes:zeekspy/target/classes:$(cat zeekspy/target/bench.classpath)" \
    "$@"
}
case "${1:-}" in
  warm) shift; bench dev.ior.zeekspy.bench.SampleCostBench "$@" ;;
  # One JVM per run: code compiled by the first would make the second look warmed up.
  jit) bench dev.ior.zeekspy.bench.BusyTargetBench jit "${2:-10}" 0
       bench dev.ior.zeekspy.bench.BusyTargetBench jit "${2:-10}" 6000 ;;
  *) bench dev.ior.zeekspy.bench.BusyTargetBench "$@" ;;
esac
