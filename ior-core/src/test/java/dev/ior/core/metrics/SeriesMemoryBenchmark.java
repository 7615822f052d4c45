// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.PairRecord;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the heap a {@link MetricsSink} keeps per series at its cap: {@code SERIES} series (default
 * 10,000) of 4 syscalls, each fed calls whose latencies spread log-normally around 20 µs (about
 * 12 buckets of each layout per series, as real syscalls show) and 2% errors, both interval buffers
 * sized, then the heap in use after a full collection, minus that of an empty sink. A program that
 * prints numbers, not a test. Run: {@code mvn -q -o -pl flamegraph,ior-core test-compile && java
 * -XX:+UseSerialGC -cp ior-core/target/classes:ior-core/target/test-classes:flamegraph/target/classes
 * dev.ior.core.metrics.SeriesMemoryBenchmark [SERIES]}
 */
public final class SeriesMemoryBenchmark {
  private SeriesMemoryBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    SyscallTable table = SyscallTable.standard();
    Syscall[] syscalls = {table.byName("read"), table.byName("write"), table.byName("openat"),
        table.byName("close")};
    long empty = used();
    MetricsSink sink = new MetricsSink(new MetricsOptions(series, Duration.ofHours(1)),
        PairLabels.CURRENT, System::nanoTime);
    SplittableRandom random = new SplittableRandom(42);
    long t = System.nanoTime();
    for (int round = 0; round < 3; round++) { // both buffers hold every series once
      for (int i = 0; i < series; i++) {
        Syscall s = syscalls[i % syscalls.length];
        String comm = ("comm-" + i / syscalls.length).intern();
        for (int k = 0; k < 40; k++) {
          long ns = (long) (20_000 * Math.exp(random.nextGaussian() * 1.2));
          long ret = random.nextInt(50) == 0 ? -2 : 100;
          sink.accept(new PairRecord(s, 100, 100, comm, t, t + ns, 10, ret, 3, "/f", null, 0,
              ret > 0 ? ret : 0));
        }
      }
      sink.snapshot();
    }
    long full = used();
    System.out.printf(Locale.ROOT, "%d series: %.1f MiB of heap, %.0f bytes per series%n",
        sink.seriesCount(), (full - empty) / 1048576.0, (double) (full - empty) / series);
    long classic = 0;
    long nativeBuckets = 0;
    for (SeriesSnapshot x : sink.snapshot().series()) { // also keeps the sink reachable
      for (int slot = 0; slot < LatencyBuckets.CLASSIC.slots(); slot++) {
        classic += x.classicCount(slot) != 0 ? 1 : 0;
      }
      nativeBuckets += x.nativeBuckets();
    }
    System.out.printf(Locale.ROOT, "buckets hit per series: %.1f classic, %.1f native%n",
        (double) classic / series, (double) nativeBuckets / series);
  }

  private static long used() throws InterruptedException {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return mx.getHeapMemoryUsage().getUsed();
  }
}
