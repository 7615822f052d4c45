// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.Errno;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** One series' running totals on the reader side: the sum of every interval that touched it. */
final class SeriesTotals {
  private final SeriesKey key;
  private final long[] classic = new long[IntervalBuffer.CLASSIC];
  private final long[] nativeSlots = new long[IntervalBuffer.NATIVE];
  private final Map<String, Long> errors = new TreeMap<>();
  private long count;
  private long bytes;
  private long sumNs;
  private long zeros;
  long lastUpdateNs;

  SeriesTotals(SeriesKey key) {
    this.key = key;
  }

  SeriesKey key() {
    return key;
  }

  /** Whether this is the series of these labels (without allocating a key). */
  boolean is(dev.ior.core.syscall.Syscall syscall, String comm, String container) {
    return key.syscall() == syscall && key.comm().equals(comm)
        && key.container().equals(container);
  }

  void add(IntervalBuffer b, int id, long now) {
    count += b.counts[id];
    bytes += b.bytes[id];
    sumNs += b.sumNs[id];
    zeros += b.zeros[id];
    for (int i = 0; i < classic.length; i++) {
      classic[i] += b.classic[id * IntervalBuffer.CLASSIC + i];
    }
    for (int i = 0; i < nativeSlots.length; i++) {
      nativeSlots[i] += b.nativeSlots[id * IntervalBuffer.NATIVE + i];
    }
    lastUpdateNs = now;
  }

  void addErrors(int errno, long n) {
    errors.merge(Errno.name(-errno), n, Long::sum);
  }

  SeriesSnapshot snapshot() {
    int used = 0;
    for (long c : nativeSlots) {
      used += c != 0 ? 1 : 0;
    }
    int[] indexes = new int[used];
    long[] counts = new long[used];
    for (int i = 0, k = 0; i < nativeSlots.length; i++) {
      if (nativeSlots[i] != 0) {
        indexes[k] = LatencyBuckets.NATIVE.nativeIndex(i);
        counts[k++] = nativeSlots[i];
      }
    }
    return new SeriesSnapshot(key, count, bytes, sumNs, zeros, Arrays.copyOf(classic,
        classic.length), indexes, counts, errors);
  }
}
