// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import java.util.Arrays;

/**
 * The bucket layouts of the latency histograms, with an index lookup cheap enough for the
 * consumer thread (a table per power of two, then a step or two; no floating point).
 *
 * <ul>
 *   <li>{@link #CLASSIC}: Prometheus classic buckets, upper bounds inclusive ({@code le}), from
 *       1 µs to 10 s in 1-2.5-5 steps, plus the {@code +Inf} bucket. Syscalls are mostly
 *       micro-seconds: the client library's default buckets start at 5 ms.
 *   <li>{@link #NATIVE}: the buckets of a Prometheus native histogram of seconds with schema
 *       {@value #NATIVE_SCHEMA} (each bucket √2 wide): bucket index {@code i} holds values in
 *       {@code (2^((i-1)/2), 2^(i/2)]} seconds. Indices cover 1 ns to 2^16 s (18 h); longer
 *       calls count in the top bucket, 0 ns in the zero bucket.
 * </ul>
 *
 * <pre>{@code
 * int b = LatencyBuckets.CLASSIC.index(3_000);   // bucket le=5e-06
 * int n = LatencyBuckets.NATIVE.index(3_000);    // slot of native index NATIVE.nativeIndex(n)
 * }</pre>
 */
public final class LatencyBuckets {
  /** The native histogram schema: 2^(2^-1) = √2 growth per bucket. */
  public static final int NATIVE_SCHEMA = 1;

  /** Classic buckets, upper bounds in ns; index {@code bounds().length} is {@code +Inf}. */
  public static final LatencyBuckets CLASSIC = new LatencyBuckets(classicBounds(), 0);

  /** Native buckets from 1 ns to 2^16 s; slot {@code k} is native index {@code k + offset}. */
  public static final LatencyBuckets NATIVE = nativeBuckets(-59, 32);

  private final long[] bounds;
  private final int[] startByOctave;
  private final int nativeOffset;

  private LatencyBuckets(long[] bounds, int nativeOffset) {
    this.bounds = bounds;
    this.nativeOffset = nativeOffset;
    this.startByOctave = new int[64];
    for (int octave = 0; octave < 64; octave++) {
      long low = 1L << octave; // smallest value with this highest bit (octave 63: negative)
      int k = 0;
      while (octave < 63 && k < bounds.length && bounds[k] < low) {
        k++;
      }
      startByOctave[octave] = k;
    }
  }

  private static long[] classicBounds() {
    return new long[] {
      1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
      1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
      100_000_000, 250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000L, 5_000_000_000L,
      10_000_000_000L
    };
  }

  /** Native bounds: floor(2^(i/2) s in ns) for i = lowest..highest, i.e. v ≤ bound ⇔ v ≤ 2^(i/2) s. */
  private static LatencyBuckets nativeBuckets(int lowestIndex, int highestIndex) {
    long[] b = new long[highestIndex - lowestIndex + 1];
    for (int i = lowestIndex; i <= highestIndex; i++) {
      b[i - lowestIndex] = (long) Math.floor(Math.pow(2, i / 2.0) * 1e9);
    }
    return new LatencyBuckets(b, lowestIndex);
  }

  /** {@return number of slots: the bounds, plus {@code +Inf} for the classic layout} */
  public int slots() {
    return nativeOffset == 0 ? bounds.length + 1 : bounds.length;
  }

  /** {@return a copy of the upper bounds, ns} */
  public long[] bounds() {
    return bounds.clone();
  }

  /**
   * {@return the slot of a latency: the first bucket whose upper bound is at least {@code ns}} For
   * the native layout values above the top bound count in the top slot and {@code ns <= 0} in slot
   * 0 (callers count zeros in the zero bucket themselves).
   *
   * @param ns a latency, ns
   */
  public int index(long ns) {
    if (ns <= 0) {
      return 0;
    }
    int k = startByOctave[63 - Long.numberOfLeadingZeros(ns)];
    while (k < bounds.length && ns > bounds[k]) {
      k++;
    }
    return nativeOffset != 0 && k == bounds.length ? k - 1 : k;
  }

  /**
   * {@return the Prometheus native bucket index of slot {@code k} (native layout)}
   *
   * @param slot a slot of this layout, 0 .. {@link #slots()} - 1
   */
  public int nativeIndex(int slot) {
    return slot + nativeOffset;
  }

  /** {@return the classic upper bounds in seconds, {@code +Inf} last, as Prometheus' {@code le}} */
  public double[] upperBoundsSeconds() {
    double[] s = Arrays.copyOf(Arrays.stream(bounds).asDoubleStream().map(ns -> ns / 1e9)
        .toArray(), bounds.length + 1);
    s[bounds.length] = Double.POSITIVE_INFINITY;
    return s;
  }
}
