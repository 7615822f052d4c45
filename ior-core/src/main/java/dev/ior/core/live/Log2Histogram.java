// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import java.util.Arrays;

/**
 * A histogram of non-negative values (ns) in power-of-two buckets: bucket 0 holds 0, bucket
 * {@code i >= 1} holds {@code [2^(i-1), 2^i)}. Recording is one array increment, so it fits the
 * consumer thread; {@link #frozenCopy()} makes the immutable copy a snapshot carries.
 *
 * <pre>{@code
 * Log2Histogram h = new Log2Histogram();
 * h.record(1500);                      // bucket [1024, 2048)
 * long p99 = h.frozenCopy().percentile(99);
 * }</pre>
 */
public final class Log2Histogram {
  /** Number of buckets: 0 plus one per bit of a positive long. */
  public static final int BUCKETS = 64;

  private final long[] counts;
  private final boolean frozen;
  private long total;
  private long max;

  /** An empty, mutable histogram. */
  public Log2Histogram() {
    this(new long[BUCKETS], 0, 0, false);
  }

  private Log2Histogram(long[] counts, long total, long max, boolean frozen) {
    this.counts = counts;
    this.total = total;
    this.max = max;
    this.frozen = frozen;
  }

  /**
   * {@return the bucket of {@code value}; negative values count as 0}
   *
   * @param value a value, e.g. a latency in ns
   */
  public static int bucketOf(long value) {
    return value <= 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(value));
  }

  /**
   * {@return the smallest value of bucket {@code i}}
   *
   * @param i a bucket, 0..63
   */
  public static long lowerBound(int i) {
    return i == 0 ? 0 : 1L << (i - 1);
  }

  /**
   * {@return the smallest value above bucket {@code i} (exclusive upper bound)}
   *
   * @param i a bucket, 0..63
   */
  public static long upperBound(int i) {
    return i == 0 ? 1 : i >= 63 ? Long.MAX_VALUE : 1L << i;
  }

  /**
   * Counts one value (ns).
   *
   * @param value the value, ns; negative values count as 0
   * @throws IllegalStateException on an immutable snapshot ({@link #frozenCopy()})
   */
  public void record(long value) {
    checkMutable();
    counts[bucketOf(value)]++;
    total++;
    if (value > max) {
      max = value;
    }
  }

  /**
   * Adds every count of {@code other} to this one.
   *
   * @param other the histogram to add
   * @throws IllegalStateException on an immutable snapshot ({@link #frozenCopy()})
   */
  public void add(Log2Histogram other) {
    checkMutable();
    for (int i = 0; i < other.counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }

  /** Empties the histogram. */
  public void reset() {
    checkMutable();
    Arrays.fill(counts, 0);
    total = 0;
    max = 0;
  }

  private void checkMutable() {
    if (frozen) {
      throw new IllegalStateException("a snapshot histogram is immutable");
    }
  }

  /**
   * {@return an immutable copy, safe to hand to other threads} It keeps the buckets up to the
   * highest used one only: a snapshot holds two per file, and latencies rarely use more than a
   * third.
   */
  public Log2Histogram frozenCopy() {
    return new Log2Histogram(Arrays.copyOf(counts, highestBucket() + 1), total, max, true);
  }

  /** {@return a mutable copy (e.g. to merge snapshots into)} */
  public Log2Histogram mutableCopy() {
    return new Log2Histogram(Arrays.copyOf(counts, BUCKETS), total, max, false);
  }

  /**
   * {@return values counted in bucket {@code i} (0..63)}
   *
   * @param i a bucket; beyond 63 counts 0
   */
  public long count(int i) {
    return i < counts.length ? counts[i] : 0;
  }

  /** {@return values counted in all} */
  public long total() {
    return total;
  }

  /** {@return the largest value counted, or 0} */
  public long max() {
    return max;
  }

  /** {@return index of the highest non-empty bucket, or -1 when empty} */
  public int highestBucket() {
    for (int i = counts.length - 1; i >= 0; i--) {
      if (counts[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@return the value at or below which {@code percent} of the values lie, interpolated linearly
   * inside its bucket and capped at the recorded maximum; 0 when empty}
   *
   * @param percent 0..100, e.g. 99 for p99
   */
  public long percentile(double percent) {
    if (total == 0) {
      return 0;
    }
    // The rank of the value we want, 1-based: p50 of 4 values is the 2nd.
    double rank = Math.max(1, Math.ceil(total * Math.min(100, Math.max(0, percent)) / 100.0));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      if (seen + counts[i] >= rank) {
        if (i == 0) {
          return 0;
        }
        double within = (rank - seen) / counts[i];
        long lo = lowerBound(i);
        double span = (double) upperBound(i) - 1 - lo; // the bucket's values are lo..upper-1
        return Math.min(max, lo + (long) (within * span));
      }
      seen += counts[i];
    }
    return max;
  }
}
