#!/usr/bin/env bash
# Writer benchmark: ms per .ior and pprof write, split into gzip and protobuf, beside a
# hand-written varint encoding of the same rows (what a protobuf writer of our own could save).
#   scripts/bench-writers.sh [ROWS [ROUNDS]]   (defaults 200000 8)
# Runs on the packaged jars, so protobuf is the relocated copy users get.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
mvn -B -q -ntp -pl ior-core -am package -DskipTests >/dev/null
jar() { ls "$1"/target/"$1"-*.jar | grep -v -- '-\(sources\|javadoc\|tests\)\.jar$'; }
exec java -Xms1g -Xmx1g -XX:+UseSerialGC \
  -cp "$(jar ior-core):ior-core/target/test-classes:$(jar flamegraph)" \
  dev.ior.core.bench.WriterBenchmark "$@"
