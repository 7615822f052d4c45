// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import java.util.Arrays;

/**
 * An open-addressing map from remote addresses to values, so that cache lookups on the sampling
 * path do not box a {@code Long} per lookup. Address 0 is never a key (it is the null pointer).
 *
 * @param <V> value type
 */
final class LongMap<V> {
  private long[] keys;
  private Object[] values;
  private int size;

  LongMap() {
    keys = new long[64];
    values = new Object[64];
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return (V) values[i];
      }
      if (keys[i] == 0) {
        return null;
      }
    }
  }

  void put(long key, V value) {
    if (key == 0) {
      throw new IllegalArgumentException("0 is not a key");
    }
    if ((size + 1) * 2 > keys.length) {
      resize();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
  }

  int size() {
    return size;
  }

  void clear() {
    Arrays.fill(keys, 0);
    Arrays.fill(values, null);
    size = 0;
  }

  @SuppressWarnings("unchecked")
  private void resize() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], (V) oldValues[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads aligned addresses
    return (int) (h >>> 40) & mask;
  }
}
