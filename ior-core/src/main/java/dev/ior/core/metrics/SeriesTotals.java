// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.Errno;
import dev.ior.core.syscall.Syscall;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series' running totals on the reader side: the sum of every interval that touched it.
 *
 * <p>The histogram is sparse: only the buckets a series ever hit take memory, one {@code long}
 * each (the bucket's slot in the top 8 bits, its count in the low 56: 7.2 × 10^16 calls, 228
 * years at 10 million a second), sorted by slot. A syscall's latencies fall into a handful of
 * the 115 buckets, so a series holds about 10-20 instead of 115 {@code long}s.
 */
final class SeriesTotals {
  private static final int SLOT_SHIFT = 56;
  private static final long COUNT_MASK = (1L << SLOT_SHIFT) - 1;
  private static final long[] NONE = new long[0];

  private final SeriesKey key;
  /** (slot << 56 | count) of every bucket hit so far, ascending by slot; slots per IntervalBuffer. */
  private long[] buckets = NONE;
  /** By errno name; null until the first error. */
  private Map<String, Long> errors;
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
  boolean is(Syscall syscall, String comm, String container) {
    return key.syscall() == syscall && key.comm().equals(comm)
        && key.container().equals(container);
  }

  /** Adds what interval buffer {@code b} counted under {@code id}, but its spills. */
  void add(IntervalBuffer b, int id, long now) {
    count += b.counts[id];
    bytes += b.bytes[id];
    sumNs += b.sumNs[id];
    zeros += b.zeros[id];
    for (int slot = 0; slot < IntervalBuffer.SLOTS; slot++) {
      int n = b.bucket(id, slot);
      if (n != 0) {
        addBucket(slot, n);
      }
    }
    lastUpdateNs = now;
  }

  /** Adds {@code n} calls to histogram slot {@code slot} (classic slots first, then native). */
  void addBucket(int slot, long n) {
    int lo = 0;
    int hi = buckets.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int s = (int) (buckets[mid] >>> SLOT_SHIFT);
      if (s < slot) {
        lo = mid + 1;
      } else if (s > slot) {
        hi = mid - 1;
      } else {
        buckets[mid] += n;
        return;
      }
    }
    long[] grown = new long[buckets.length + 1];
    System.arraycopy(buckets, 0, grown, 0, lo);
    grown[lo] = ((long) slot << SLOT_SHIFT) | n;
    System.arraycopy(buckets, lo, grown, lo + 1, buckets.length - lo);
    buckets = grown;
  }

  void addErrors(int errno, long n) {
    if (errors == null) {
      errors = new TreeMap<>();
    }
    errors.merge(Errno.name(-errno), n, Long::sum);
  }

  SeriesSnapshot snapshot() {
    long[] classic = new long[IntervalBuffer.CLASSIC];
    int first = 0;
    while (first < buckets.length && slot(first) < IntervalBuffer.CLASSIC) {
      classic[slot(first)] = buckets[first] & COUNT_MASK;
      first++;
    }
    int used = buckets.length - first;
    int[] indexes = new int[used];
    long[] counts = new long[used];
    for (int k = 0; k < used; k++) {
      indexes[k] = LatencyBuckets.NATIVE.nativeIndex(slot(first + k) - IntervalBuffer.CLASSIC);
      counts[k] = buckets[first + k] & COUNT_MASK;
    }
    return new SeriesSnapshot(key, count, bytes, sumNs, zeros, classic, indexes, counts,
        errors == null ? Map.of() : errors);
  }

  private int slot(int k) {
    return (int) (buckets[k] >>> SLOT_SHIFT);
  }
}
