// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.cli.clickhouse.ClickHouseStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Supplier;

/**
 * {@code ior serve -clickhouse}: what the ClickHouse sink sent and dropped, read on each scrape
 * from its counters ({@link ClickHouseStats}), so an alert can fire on drops while the exporter
 * runs instead of in the report at its end. Every call handed to the sink is in exactly one of
 * {@code ior_clickhouse_rows_sent_total}, {@code ior_clickhouse_dropped_total{reason}} or a batch
 * still pending.
 */
final class ClickHouseCollector implements MultiCollector {
  private final Supplier<ClickHouseStats> stats;

  ClickHouseCollector(Supplier<ClickHouseStats> stats) {
    this.stats = stats;
  }

  @Override
  public MetricSnapshots collect() {
    ClickHouseStats s = stats.get();
    return MetricSnapshots.of(
        counter("ior_clickhouse_rows_sent", "Calls ClickHouse acknowledged (rows inserted).",
            s.rowsSent()),
        counter("ior_clickhouse_inserts", "INSERTs ClickHouse acknowledged.", s.batchesSent()),
        counter("ior_clickhouse_retries", "INSERTs tried again after a connection failure or a"
            + " 5xx answer.", s.retries()),
        CounterSnapshot.builder().name("ior_clickhouse_dropped")
            .help("Calls dropped instead of sent, by reason: queue_full (ClickHouse slower than"
                + " the trace, or down longer than the queue lasts), gave_up (retried for"
                + " -clickhouse-retry), refused (a 4xx answer: table, columns, rights), at_stop"
                + " (still queued when the drain time at the end was up).")
            .dataPoint(point("queue_full", s.droppedQueueFull()))
            .dataPoint(point("gave_up", s.droppedFailed()))
            .dataPoint(point("refused", s.droppedRejected()))
            .dataPoint(point("at_stop", s.droppedAtStop()))
            .build());
  }

  private static CounterSnapshot counter(String name, String help, long value) {
    return CounterSnapshot.builder().name(name).help(help)
        .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
  }

  private static CounterDataPointSnapshot point(String reason, long value) {
    return CounterDataPointSnapshot.builder().labels(Labels.of("reason", reason)).value(value)
        .build();
  }
}
