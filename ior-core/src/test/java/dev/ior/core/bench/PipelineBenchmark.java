// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.bench;

import dev.ior.core.TracePipeline;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.sink.PairSink;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Throughput and allocation of the user-space pipeline (decode → pairing → fd tracking →
 * filter → sink) on one thread over {@link SyntheticStream} (shaped like the overhead
 * benchmark's mix). Prints records/s and bytes allocated per record per round; steady state is
 * the later rounds. Run: {@code scripts/bench-pipeline.sh [ITERATIONS [ROUNDS [churn]]]}; with
 * {@code churn} a short-lived child process every 105 records (their state is allocated).
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  /** Keeps the JIT from discarding the sink's work. */
  static final class CountingSink implements PairSink {
    long pairs;
    long checksum;

    @Override
    public void accept(SyscallPair p) {
      pairs++;
      checksum += p.bytes() + p.durationNs() + (p.file() == null ? 0 : p.file().length());
    }
  }

  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean churn = args.length > 2 && args[2].equals("churn");
    SyscallTable t = SyscallTable.standard();
    SyntheticStream stream = SyntheticStream.encode(t, iterations, churn);
    int n = stream.records();
    System.out.printf(Locale.ROOT, "stream: %,d records, %,d bytes (%.1f B/record)%n", n,
        stream.bytes(), (double) stream.bytes() / n);
    CountingSink sink = new CountingSink();
    TracePipeline p = new TracePipeline(t, PairFilter.NONE, ProcFs.EMPTY, sink);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    double best = 0;
    for (int r = 0; r < rounds; r++) {
      long alloc0 = mx.getThreadAllocatedBytes(tid);
      long t0 = System.nanoTime();
      stream.feed(p);
      long ns = System.nanoTime() - t0;
      long alloc = mx.getThreadAllocatedBytes(tid) - alloc0;
      double rate = n / (ns / 1e9);
      best = Math.max(best, rate);
      System.out.printf(Locale.ROOT, "round %2d: %6.1f M records/s, %5.1f ns/record, %.3f bytes"
          + " allocated/record%n", r + 1, rate / 1e6, ns / (double) n, alloc / (double) n);
    }
    System.out.printf(Locale.ROOT, "best: %.1f M records/s (%,d pairs, checksum %d)%n", best / 1e6,
        sink.pairs, sink.checksum);
  }
}
