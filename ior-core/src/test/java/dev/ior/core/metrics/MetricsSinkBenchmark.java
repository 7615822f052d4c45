// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.aggregate.AggregateWindow;
import dev.ior.core.event.PairRecord;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallTable;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints what {@code ior serve}'s sinks ({@link MetricsSink} and {@link AggregateWindow}) cost
 * the consumer thread per pair, with a scraper taking a metrics snapshot and cutting the window
 * every 100 ms on another thread (a hundred times more often than the once-a-second tick). A
 * program that prints numbers, not a test. Run: {@code mvn -q -o -pl flamegraph,ior-core
 * test-compile && java -cp ior-core/target/classes:ior-core/target/test-classes:flamegraph/target/classes
 * dev.ior.core.metrics.MetricsSinkBenchmark}
 */
public final class MetricsSinkBenchmark {
  private MetricsSinkBenchmark() {}

  /** Runs 10 rounds of 5 M pairs: 1,000 files of 10 processes, 60 series, latencies 1 µs..1 ms. */
  public static void main(String[] args) throws InterruptedException {
    SyscallTable table = SyscallTable.standard();
    String[] syscalls = {"read", "write", "pread64", "pwrite64", "openat", "close"};
    PairRecord[] pairs = new PairRecord[1000];
    for (int i = 0; i < pairs.length; i++) {
      long ns = 1_000L << (i % 10);
      pairs[i] = new PairRecord(table.byName(syscalls[i % syscalls.length]), 100 + i % 10,
          100 + i % 10, "p" + i % 10, 0, ns, 500, i % 50 == 0 ? -2 : 100, 3, "/d/" + i, null, 0,
          100);
    }
    MetricsSink metrics = new MetricsSink(MetricsOptions.DEFAULTS, PairLabels.CURRENT,
        System::nanoTime);
    AggregateWindow window = new AggregateWindow(Duration.ofSeconds(60), System::nanoTime);
    Thread scraper = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        metrics.snapshot();
        window.advance();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    scraper.setDaemon(true);
    scraper.start();
    report("metrics", metrics, pairs);
    report("metrics + pprof window", PairSink.tee(metrics, window), pairs);
    scraper.interrupt();
  }

  private static void report(String what, PairSink sink, PairRecord[] pairs) {
    int n = 5_000_000;
    for (int round = 0; round < 10; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink.accept(pairs[i % pairs.length]);
      }
      long ns = System.nanoTime() - t0;
      System.out.printf(Locale.ROOT, "%s, round %d: %.1f ns/pair (%.1f M pairs/s)%n", what,
          round, (double) ns / n, n * 1e3 / ns);
    }
  }
}
