// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.TraceStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * ior's own health on each scrape: records read, every kind of loss (from the session's live
 * counters, about four updates a second) and the consumer thread's CPU time. The tracer's RSS
 * and total CPU come from the client library's standard {@code process_*} metrics beside it.
 */
final class HealthCollector implements MultiCollector {
  private static final String CONSUMER_THREAD = "ior-consumer";

  private final Supplier<TraceStats> stats;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long consumerId = -1;

  /** @param stats the running trace's counters; null until the first update */
  HealthCollector(Supplier<TraceStats> stats) {
    this.stats = stats;
  }

  @Override
  public MetricSnapshots collect() {
    TraceStats s = stats.get();
    if (s == null) {
      s = TraceStats.EMPTY;
    }
    CounterSnapshot records = CounterSnapshot.builder().name("ior_records")
        .help("Records read from the BPF ring buffer (rate() of it is records/s).")
        .dataPoint(point(Labels.EMPTY, s.records().total())).build();
    // Every kind of the one loss list, with its meaning; an unknown one has no value here and
    // is named in ior_lost_unknown instead (never a -1 in a counter).
    StringBuilder help = new StringBuilder("Calls or records lost, by kind:");
    CounterSnapshot.Builder lost = CounterSnapshot.builder().name("ior_lost");
    GaugeSnapshot.Builder unknown = GaugeSnapshot.builder().name("ior_lost_unknown")
        .help("1 for each loss kind whose counter could not be read (its ior_lost_total is"
            + " missing; the kernel did not say).");
    for (LossKind k : LossKind.values()) {
      help.append(' ').append(k.label()).append(" (").append(k.meaning()).append(')')
          .append(k.ordinal() == LossKind.values().length - 1 ? "." : ";");
      if (s.losses().known(k)) {
        lost.dataPoint(point(Labels.of("kind", k.label()), s.losses().count(k)));
      } else {
        unknown.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
            .labels(Labels.of("kind", k.label())).value(1).build());
      }
    }
    lost.help(help.toString());
    CounterSnapshot cpu = CounterSnapshot.builder().name("ior_consumer_cpu_seconds")
        .unit(Unit.SECONDS)
        .help("CPU time of the thread that reads the ring, pairs and counts.")
        .dataPoint(point(Labels.EMPTY, consumerCpuNs() / 1e9)).build();
    return MetricSnapshots.of(records, lost.build(), unknown.build(), cpu);
  }

  private static CounterDataPointSnapshot point(Labels labels, double value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  /** CPU ns of the consumer thread, 0 when it is not (yet, or any more) there. */
  private synchronized long consumerCpuNs() {
    if (consumerId < 0) {
      for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (t != null && CONSUMER_THREAD.equals(t.getThreadName())) {
          consumerId = t.getThreadId();
        }
      }
    }
    long ns = consumerId < 0 ? -1 : threads.getThreadCpuTime(consumerId);
    return Math.max(0, ns);
  }
}
