// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** IntMap behaves like a HashMap under random put/remove (backward-shift deletion is subtle). */
class IntMapTest {
  @Test
  void matchesHashMapUnderRandomOperations() {
    Random r = new Random(42);
    IntMap<Integer> m = new IntMap<>(4);
    Map<Integer, Integer> ref = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      int k = r.nextInt(500) - 250;
      int op = r.nextInt(3);
      if (op == 0) {
        assertEquals(ref.put(k, i), m.put(k, i));
      } else if (op == 1) {
        assertEquals(ref.remove(k), m.remove(k));
      } else {
        assertEquals(ref.get(k), m.get(k));
      }
      assertEquals(ref.size(), m.size());
    }
    Map<Integer, Integer> seen = new HashMap<>();
    m.forEach(seen::put);
    assertEquals(ref, seen);
  }
}
