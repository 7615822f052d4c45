// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bucket lookups agree with Prometheus' definitions at and around every boundary. */
class LatencyBucketsTest {
  @Test
  void classicBucketsAreUpperInclusive() {
    LatencyBuckets c = LatencyBuckets.CLASSIC;
    assertEquals(23, c.slots());
    assertEquals(0, c.index(0));
    assertEquals(0, c.index(1_000)); // le=1e-06 holds exactly 1 µs
    assertEquals(1, c.index(1_001));
    assertEquals(1, c.index(2_500));
    assertEquals(21, c.index(10_000_000_000L));
    assertEquals(22, c.index(10_000_000_001L)); // +Inf
    assertEquals(22, c.index(Long.MAX_VALUE));
    double[] le = c.upperBoundsSeconds();
    assertEquals(1e-6, le[0]);
    assertEquals(2.5e-6, le[1]);
    assertEquals(10.0, le[21]);
    assertEquals(Double.POSITIVE_INFINITY, le[22]);
  }

  @Test
  void classicIndexMatchesALinearScanEverywhere() {
    long[] bounds = LatencyBuckets.CLASSIC.bounds();
    for (long v = 1; v < 20_000_000_000L; v = v * 3 / 2 + 1) {
      for (long x : new long[] {v - 1, v, v + 1}) {
        int expect = 0;
        while (expect < bounds.length && x > bounds[expect]) {
          expect++;
        }
        assertEquals(expect, LatencyBuckets.CLASSIC.index(x), "value " + x);
      }
    }
  }

  /** Native bucket i of schema 1 holds (2^((i-1)/2), 2^(i/2)] seconds. */
  @Test
  void nativeIndexFollowsTheSchema() {
    LatencyBuckets n = LatencyBuckets.NATIVE;
    for (long ns = 1; ns < 100_000_000_000L; ns = ns * 5 / 4 + 1) {
      int slot = n.index(ns);
      int i = n.nativeIndex(slot);
      double s = ns / 1e9;
      assertEquals(true, s <= Math.pow(2, i / 2.0) * (1 + 1e-12), ns + " ns above bucket " + i);
      assertEquals(true, s > Math.pow(2, (i - 1) / 2.0) * (1 - 1e-12), ns + " ns below " + i);
    }
    // 1 s is exactly 2^0: the upper bound of index 0, not the start of index 1.
    assertEquals(0, n.nativeIndex(n.index(1_000_000_000L)));
    assertEquals(1, n.nativeIndex(n.index(1_000_000_001L)));
    assertEquals(-59, n.nativeIndex(n.index(1)));
    // Beyond 2^16 s: the top bucket.
    assertEquals(32, n.nativeIndex(n.index(Long.MAX_VALUE)));
  }
}
