// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Buckets and percentiles of {@link Log2Histogram}. */
class Log2HistogramTest {
  @Test
  void bucketsArePowersOfTwo() {
    assertEquals(0, Log2Histogram.bucketOf(0));
    assertEquals(0, Log2Histogram.bucketOf(-5));
    assertEquals(1, Log2Histogram.bucketOf(1));
    assertEquals(2, Log2Histogram.bucketOf(2));
    assertEquals(2, Log2Histogram.bucketOf(3));
    assertEquals(11, Log2Histogram.bucketOf(1024));
    assertEquals(11, Log2Histogram.bucketOf(2047));
    assertEquals(63, Log2Histogram.bucketOf(Long.MAX_VALUE));
    assertEquals(1024, Log2Histogram.lowerBound(11));
    assertEquals(2048, Log2Histogram.upperBound(11));
  }

  @Test
  void percentilesFallInTheRightBucketAndNeverExceedTheMax() {
    Log2Histogram h = new Log2Histogram();
    for (int i = 0; i < 90; i++) {
      h.record(1_000);       // bucket [512, 1024)
    }
    for (int i = 0; i < 9; i++) {
      h.record(100_000);     // bucket [65536, 131072)
    }
    h.record(5_000_000);     // bucket [4194304, 8388608)
    assertEquals(100, h.total());
    assertInBucket(1_000, h.percentile(50));
    assertInBucket(100_000, h.percentile(95));
    assertInBucket(100_000, h.percentile(99));
    assertEquals(5_000_000, h.percentile(100));
    assertEquals(5_000_000, h.max());
    assertTrue(h.percentile(50) <= h.percentile(95) && h.percentile(95) <= h.percentile(99));
  }

  @Test
  void singleValuePercentileIsCappedAtItself() {
    Log2Histogram h = new Log2Histogram();
    h.record(700);
    assertEquals(700, h.percentile(99));
    assertEquals(0, new Log2Histogram().percentile(50));
  }

  @Test
  void addMergesAndFrozenCopiesRefuseWrites() {
    Log2Histogram a = new Log2Histogram();
    Log2Histogram b = new Log2Histogram();
    a.record(10);
    b.record(10);
    b.record(3_000);
    a.add(b);
    assertEquals(3, a.total());
    assertEquals(2, a.count(Log2Histogram.bucketOf(10)));
    assertEquals(3_000, a.max());
    assertEquals(Log2Histogram.bucketOf(3_000), a.highestBucket());
    Log2Histogram frozen = a.frozenCopy();
    a.reset();
    assertEquals(3, frozen.total(), "the copy does not see later writes");
    assertThrows(IllegalStateException.class, () -> frozen.record(1));
  }

  private static void assertInBucket(long expectedValue, long actual) {
    assertEquals(Log2Histogram.bucketOf(expectedValue), Log2Histogram.bucketOf(actual),
        actual + " should share a bucket with " + expectedValue);
  }
}
