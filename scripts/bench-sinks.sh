#!/usr/bin/env bash
# What the trace's optional sinks cost on the consumer thread, beside an anchor sink in the same
# run: the flight recorder (ns/pair, heap per retained second at 100,000 pairs/s), the Parquet
# writer (pairs/s on one core, bytes/pair), the ClickHouse sink against a real clickhouse-server
# started on loopback (pairs/s on one core: consumer + sender CPU; then the server down: drops
# counted, RSS bounded). Thread CPU time, not wall time. Run it under the shared lock:
#   flock /tmp/ior-heavy.lock scripts/bench-sinks.sh [PAIRS]      (default 2,000,000)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
# One invocation: the reactor resolves sibling modules to their target/ directories only
# while it builds them.
mvn -B -q -o -pl ior-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp=$(cat ior-cli/target/bench.classpath)
exec java -Xms1g -Xmx2g -XX:+UseSerialGC \
  -cp "ior-cli/target/test-classes:ior-cli/target/classes:$cp" \
  dev.ior.cli.bench.SinksBenchmark "$@"
