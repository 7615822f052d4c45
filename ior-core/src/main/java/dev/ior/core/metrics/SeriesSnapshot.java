// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import java.util.Map;

/**
 * One series' totals since it appeared, immutable: calls, errors by errno, bytes and the
 * latency histogram in both layouts of {@link LatencyBuckets}.
 *
 * <pre>{@code
 * for (SeriesSnapshot s : sink.snapshot().series()) {
 *   System.out.println(s.key().comm() + " " + s.key().syscall().name() + " " + s.count());
 * }
 * }</pre>
 */
public final class SeriesSnapshot {
  private final SeriesKey key;
  private final long count;
  private final long bytes;
  private final long durationNs;
  private final long zeroCount;
  private final long[] classic;
  private final int[] nativeIndexes;
  private final long[] nativeCounts;
  private final Map<String, Long> errors;

  SeriesSnapshot(SeriesKey key, long count, long bytes, long durationNs, long zeroCount,
      long[] classic, int[] nativeIndexes, long[] nativeCounts, Map<String, Long> errors) {
    this.key = key;
    this.count = count;
    this.bytes = bytes;
    this.durationNs = durationNs;
    this.zeroCount = zeroCount;
    this.classic = classic;
    this.nativeIndexes = nativeIndexes;
    this.nativeCounts = nativeCounts;
    this.errors = Map.copyOf(errors);
  }

  /** {@return the series' labels} */
  public SeriesKey key() {
    return key;
  }

  /** {@return the number of calls} */
  public long count() {
    return count;
  }

  /** {@return bytes read, written or transferred (by the syscall's {@code IoKind})} */
  public long bytes() {
    return bytes;
  }

  /** {@return summed latency, ns} */
  public long durationNs() {
    return durationNs;
  }

  /** {@return calls by errno name (e.g. {@code ENOENT}); restarted calls are not errors} */
  public Map<String, Long> errors() {
    return errors;
  }

  /**
   * {@return calls in classic bucket {@code slot} of {@link LatencyBuckets#CLASSIC} (not
   * cumulative)}
   *
   * @param slot 0 .. {@code LatencyBuckets.CLASSIC.slots() - 1}
   */
  public long classicCount(int slot) {
    return classic[slot];
  }

  /** {@return calls of 0 ns (the native histogram's zero bucket)} */
  public long zeroCount() {
    return zeroCount;
  }

  /** {@return number of non-empty native buckets} */
  public int nativeBuckets() {
    return nativeIndexes.length;
  }

  /**
   * {@return the Prometheus native bucket index (schema {@value LatencyBuckets#NATIVE_SCHEMA}) of
   * the k-th non-empty bucket, ascending}
   *
   * @param k 0 .. {@link #nativeBuckets()} - 1
   */
  public int nativeIndex(int k) {
    return nativeIndexes[k];
  }

  /**
   * {@return calls in the k-th non-empty native bucket}
   *
   * @param k 0 .. {@link #nativeBuckets()} - 1
   */
  public long nativeCount(int k) {
    return nativeCounts[k];
  }
}
