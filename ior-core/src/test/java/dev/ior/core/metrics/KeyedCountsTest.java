// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interval's errors and spills table: sums per key through growth, and empty after clear. */
class KeyedCountsTest {
  private static Map<Long, Long> contents(KeyedCounts t) {
    Map<Long, Long> m = new HashMap<>();
    for (int i = 0; i < t.capacity(); i++) {
      if (t.key(i) != 0) {
        m.put(t.key(i), t.count(i));
      }
    }
    return m;
  }

  @Test
  void sumsPerKeyThroughGrowthAndClears() {
    KeyedCounts t = new KeyedCounts();
    Map<Long, Long> expected = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (long k = 1; k <= 1_000; k++) {
        long key = k << 32 | (k % 7 + 1); // shaped like (id << 32 | errno)
        t.add(key, k);
        expected.merge(key, k, Long::sum);
      }
    }
    assertEquals(expected, contents(t));
    t.clear();
    assertEquals(Map.of(), contents(t));
    t.add(42, 256);
    t.add(42, 256);
    assertEquals(Map.of(42L, 512L), contents(t));
  }
}
