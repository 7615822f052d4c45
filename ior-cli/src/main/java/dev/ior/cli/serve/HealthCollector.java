// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.stats.TraceStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
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
      s = new TraceStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    CounterSnapshot records = CounterSnapshot.builder().name("ior_records")
        .help("Records read from the BPF ring buffer (rate() of it is records/s).")
        .dataPoint(point(Labels.EMPTY, s.records())).build();
    CounterSnapshot lost = CounterSnapshot.builder().name("ior_lost")
        .help("Events lost, by kind: ring_full (the kernel could not reserve ring space; raise"
            + " -mapSize), unread_at_stop, enter_without_exit, exit_without_enter, mismatched,"
            + " malformed.")
        .dataPoint(point(Labels.of("kind", "ring_full"), s.ringDrops()))
        .dataPoint(point(Labels.of("kind", "unread_at_stop"), s.unreadAtStop()))
        .dataPoint(point(Labels.of("kind", "enter_without_exit"), s.entersWithoutExit()))
        .dataPoint(point(Labels.of("kind", "exit_without_enter"), s.exitsWithoutEnter()))
        .dataPoint(point(Labels.of("kind", "mismatched"), s.mismatched()))
        .dataPoint(point(Labels.of("kind", "malformed"), s.malformed()))
        .build();
    CounterSnapshot cpu = CounterSnapshot.builder().name("ior_consumer_cpu_seconds")
        .unit(Unit.SECONDS)
        .help("CPU time of the thread that reads the ring, pairs and counts.")
        .dataPoint(point(Labels.EMPTY, consumerCpuNs() / 1e9)).build();
    return MetricSnapshots.of(records, lost, cpu);
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
