#!/usr/bin/env bash
# User-space pipeline benchmark: records/s on one thread and bytes allocated per record.
#   scripts/bench-pipeline.sh [ITERATIONS [ROUNDS [churn]]]   (defaults 100000 10 = 1.2 M records/round)
# "churn" adds a short-lived child process every 105 records.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
mvn -B -q -ntp -pl ior-core -am test-compile >/dev/null
exec java -Xms256m -Xmx256m -XX:+UseSerialGC \
  -cp ior-core/target/classes:ior-core/target/test-classes:flamegraph/target/classes \
  dev.ior.core.bench.PipelineBenchmark "$@"
