// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Counting, labels, the series cap with its overflow series, idle expiry, no allocation. */
class MetricsSinkTest {
  private static final SyscallTable TABLE = SyscallTable.standard();
  private static final long S = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * S);

  private MetricsSink sink(int max, int idleSeconds) {
    return new MetricsSink(new MetricsOptions(max, Duration.ofSeconds(idleSeconds)),
        PairLabels.CURRENT, now::get);
  }

  /** A pair of {@code syscall} by {@code comm} at {@code atNs} taking {@code ns}. */
  private static PairRecord pair(String comm, String syscall, long atNs, long ns, long ret) {
    Syscall s = TABLE.byName(syscall);
    long bytes = ret > 0 && s.io() != dev.ior.core.syscall.IoKind.NONE ? ret : 0;
    return new PairRecord(s, 7, 7, comm, atNs - ns, atNs, 0, ret, 3, "/f", null, 0, bytes);
  }

  private static Map<String, SeriesSnapshot> byName(MetricsSnapshot s) {
    Map<String, SeriesSnapshot> m = new TreeMap<>();
    for (SeriesSnapshot x : s.series()) {
      m.put(x.key().comm() + "/" + x.key().syscall().name(), x);
    }
    return m;
  }

  @Test
  void countsCallsBytesErrorsAndLatencyPerSeriesAcrossSnapshots() {
    MetricsSink m = sink(100, 300);
    long t = now.get();
    m.accept(pair("db", "read", t, 1_500, 100));
    m.accept(pair("db", "read", t, 3_000, 50));
    m.snapshot(); // totals survive a swap
    m.accept(pair("db", "read", t, 0, -2));
    m.accept(pair("db", "read", t, 2_000_000_000L, -512)); // restarted: not an error
    m.accept(pair("web", "write", t, 900, 10));
    Map<String, SeriesSnapshot> s = byName(m.snapshot());
    assertEquals(2, s.size());
    SeriesSnapshot read = s.get("db/read");
    assertEquals(4, read.count());
    assertEquals(150, read.bytes());
    assertEquals(1_500 + 3_000 + 2_000_000_000L, read.durationNs());
    assertEquals(Map.of("ENOENT", 1L), read.errors());
    assertEquals(1, read.zeroCount());
    assertEquals(1, read.classicCount(0), "0 ns in le=1e-06");
    assertEquals(1, read.classicCount(1), "1.5 µs in le=2.5e-06");
    assertEquals(1, read.classicCount(2), "3 µs in le=5e-06");
    assertEquals(1, read.classicCount(19), "2 s in le=2.5");
    long nativeTotal = read.zeroCount();
    for (int k = 0; k < read.nativeBuckets(); k++) {
      nativeTotal += read.nativeCount(k);
      assertTrue(k == 0 || read.nativeIndex(k) > read.nativeIndex(k - 1));
    }
    assertEquals(4, nativeTotal, "classic and native histograms count the same calls");
    assertEquals(1, s.get("web/write").count());
  }

  @Test
  void bucketCountsStayExactPastTheirByteInOneInterval() {
    MetricsSink m = sink(100, 300);
    long t = now.get();
    int[] calls = {255, 256, 257, 1_000, 70_000}; // around and far beyond one byte
    for (int round = 0; round < 2; round++) { // the spills of a swapped buffer are cleared
      for (int i = 0; i < calls.length; i++) {
        for (int k = 0; k < calls[i]; k++) {
          m.accept(pair("hot", "read", t, 1_000L << (2 * i), 1)); // one bucket per i
        }
      }
      SeriesSnapshot s = byName(m.snapshot()).get("hot/read");
      long total = (round + 1) * java.util.Arrays.stream(calls).sum();
      assertEquals(total, s.count());
      long classic = 0;
      for (int slot = 0; slot < LatencyBuckets.CLASSIC.slots(); slot++) {
        classic += s.classicCount(slot);
      }
      assertEquals(total, classic, "classic buckets");
      assertEquals(calls.length, s.nativeBuckets());
      for (int k = 0; k < calls.length; k++) {
        assertEquals((round + 1) * (long) calls[k], s.nativeCount(k), "native bucket " + k);
      }
      assertEquals((round + 1) * 70_000L,
          s.classicCount(LatencyBuckets.CLASSIC.index(1_000L << 8)), "256 µs: le=5e-04");
    }
  }

  @Test
  void seriesBeyondTheCapFoldIntoOneOverflowSeriesPerSyscall() {
    MetricsSink m = sink(3, 300);
    long t = now.get();
    for (int i = 0; i < 10; i++) {
      m.accept(pair("p" + i, i % 2 == 0 ? "read" : "write", t, 1_000, 1));
    }
    m.accept(pair("p0", "read", t, 1_000, 1)); // an admitted series stays exact
    MetricsSnapshot snap = m.snapshot();
    Map<String, SeriesSnapshot> s = byName(snap);
    assertEquals(5, s.size(), s.keySet().toString()); // 3 + [other] of read and of write
    assertEquals(2, s.get("p0/read").count());
    assertEquals(3, s.get(PairLabels.OTHER + "/read").count()); // p4, p6, p8
    assertEquals(4, s.get(PairLabels.OTHER + "/write").count()); // p3, p5, p7, p9
    assertTrue(s.get(PairLabels.OTHER + "/read").key().overflow());
    assertEquals(7, snap.foldedPairs());
    assertEquals(11, snap.series().stream().mapToLong(SeriesSnapshot::count).sum());
  }

  @Test
  void idleSeriesAreDroppedAndTheirPlacesReused() {
    MetricsSink m = sink(2, 10);
    long t = now.get();
    m.accept(pair("old1", "read", t, 1_000, 1));
    m.accept(pair("old2", "read", t, 1_000, 1));
    m.snapshot();
    now.addAndGet(11 * S); // the reader's clock: both idle
    MetricsSnapshot later = m.snapshot();
    assertEquals(0, later.series().size());
    assertEquals(2, later.evictedSeries());
    // The consumer frees their places by the pairs' clock: new series are admitted, not folded.
    long t2 = t + 11 * S;
    m.accept(pair("new1", "read", t2, 1_000, 1));
    m.accept(pair("new2", "write", t2, 1_000, 1));
    m.accept(pair("old1", "read", t2, 1_000, 1)); // the cap is full again: folded
    Map<String, SeriesSnapshot> s = byName(m.snapshot());
    assertEquals(1, s.get("new1/read").count());
    assertEquals(1, s.get("new2/write").count());
    assertEquals(1, s.get(PairLabels.OTHER + "/read").count());
  }

  @Test
  void steadyStateAcceptAllocatesNothing() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
        "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    MetricsSink m = sink(1_000, 300);
    SyscallPair[] pairs = new SyscallPair[64];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = pair("c" + i % 8, i % 3 == 0 ? "read" : i % 3 == 1 ? "write" : "open",
          now.get(), 100L << (i % 30), i % 5 == 0 ? -2 : 10);
    }
    for (int round = 0; round < 3; round++) { // both buffers sized and holding every error
      for (int i = 0; i < 20_000; i++) {
        m.accept(pairs[i % pairs.length]);
      }
      m.flush();
      m.advance();
    }
    long tid = Thread.currentThread().getId();
    long before = hs.getThreadAllocatedBytes(tid);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      m.accept(pairs[i % pairs.length]);
    }
    m.flush();
    long allocated = hs.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 4_096, allocated + " bytes allocated for " + n + " pairs");
    assertEquals(60_000 + n,
        m.snapshot().series().stream().mapToLong(SeriesSnapshot::count).sum());
  }
}
