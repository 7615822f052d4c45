#!/usr/bin/env bash
# zeekspy benchmarks (run as root: zeekspy reads another process's memory).
#   scripts/bench-zeekspy.sh [DEPTH [SECONDS,... [HZ,...]]]    defaults: 10 5,60 100,331
#     zeekspy sampling a stand-in Zeek that spins on the last CPU, as users run it: mean and p99
#     per sample and the sampling thread's CPU share, first second and after; then the machine's
#     floor (sleep + one process_vm_readv).
#   scripts/bench-zeekspy.sh warm [SAMPLES]
#     the cost of one sample in a tight loop (no sleeping between samples), both read modes.
# The JVM runs with the flags bin/zeekspy uses.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
mvn -B -q -ntp -o -pl zeekspy -am install -DskipTests >/dev/null
mvn -B -q -ntp -o -pl zeekspy test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
main=dev.ior.zeekspy.bench.BusyTargetBench
if [ "${1:-}" = warm ]; then
  main=dev.ior.zeekspy.bench.SampleCostBench
  shift
fi
exec java -XX:+UseSerialGC -Xss512k \
  -cp "zeekspy/target/test-classes:zeekspy/target/classes:$(cat zeekspy/target/bench.classpath)" \
  "$main" "$@"
